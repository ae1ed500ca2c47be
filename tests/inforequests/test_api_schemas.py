"""The requests API answers through typed schemas (listed in the OpenAPI document) and the JSON is
exactly what the presenters give: no field dropped, renamed or added, in every part of a request
(correction, extension with its approver, fee, reply, pauses, reviews, history)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ninja.responses import NinjaJSONEncoder

from sunshine.agencies.models import Role
from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.presenters import applicant_request_data, request_data
from sunshine.inforequests.queue import queue_page
from sunshine.inforequests.queue_filters import QueueFilter
from sunshine.inforequests.reviews import add_review
from tests.api_helpers import bearer, token_for
from tests.backoffice import D, act, fixed_today, paper_request

# The reply step itself is tested here; its review and sign-off in tests/inforequests/test_reply_review.py.
pytestmark = pytest.mark.usefixtures("replies_without_review")


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


def plain(data: Any) -> Any:
    return json.loads(json.dumps(data, cls=NinjaJSONEncoder))


@pytest.fixture
def worked(tree, make_user, alice):
    """A request corrected, extended by its signer, charged a fee, paid, and replied, with a review."""
    signer = make_user("sigrid", agency=tree["education"], role=Role.SIGNER, first_name="Sigrid")
    request = paper_request(tree["education"], D(2026, 8, 3))
    act(request, "request_correction", D(2026, 8, 4), by=alice, items=["写明文号"], period_working_days=5)
    act(request, "receive_correction", D(2026, 8, 6), by=alice)
    act(request, "start_consultation", D(2026, 8, 7), by=alice, party="agency")
    act(request, "end_consultation", D(2026, 8, 10), by=alice)
    act(request, "extend", D(2026, 8, 11), by=signer, working_days=10, reason="需要检索档案")
    act(request, "reply", D(2026, 8, 20), by=alice, outcome="disclosed", reasons="", detail={"note": "邮寄"})
    add_review(request=request, by=alice, kind="reconsideration", filed_on=D(2026, 9, 1))
    return InfoRequest.objects.get(pk=request.pk)


def test_the_staff_view_of_a_worked_request_is_the_presenters_json(client, alice, worked):
    response = client.get(f"/api/v1/staff/requests/{worked.pk}", **bearer(token_for(client, "alice")))
    assert response.status_code == 200, response.content
    expected = request_data(worked, with_applicant=True, with_history=True, for_staff=True)
    expected["permitted_actions"] = []
    assert response.json() == plain(expected)
    assert response.json()["extension"]["approver"]["username"] == "sigrid"
    assert "late" in response.json()["correction"]


def test_the_applicants_view_is_the_presenters_json_without_what_only_staff_see(client, worked):
    response = client.get(
        f"/api/v1/requests/{worked.tracking_code}", HTTP_X_ACCESS_KEY=access.access_key_for(worked)
    )
    assert response.status_code == 200, response.content
    assert response.json() == plain(applicant_request_data(worked))
    shared = plain(request_data(worked, with_applicant=True, with_history=True))
    assert {k: response.json()[k] for k in shared} == shared
    assert set(response.json()) - set(shared) == {"events", "documents", "files"}
    assert [e["action"] for e in response.json()["events"]] == [h["action"] for h in shared["history"]]
    assert all(e["text"] for e in response.json()["events"])
    assert [d["kind"] for d in response.json()["documents"]] == [
        "receipt",
        "correction_notice",
        "extension_notice",
        "reply_notice",
    ]
    assert "late" not in response.json()["correction"]
    assert "approver" not in response.json()["extension"]
    assert "reviews" not in response.json()


def test_the_staff_view_has_no_applicant_file(client, alice, worked):
    response = client.get(f"/api/v1/staff/requests/{worked.pk}", **bearer(token_for(client, "alice")))
    assert not {"events", "documents", "files"} & set(response.json())


def test_a_fee_notice_reads_as_the_presenter_gives_it(client, alice, tree):
    request = paper_request(tree["education"], D(2026, 9, 15))
    request = act(request, "notify_fee", D(2026, 9, 16), by=alice, method="per_page", pages=150)
    response = client.get(f"/api/v1/staff/requests/{request.pk}", **bearer(token_for(client, "alice")))
    data = response.json()
    assert data["fee"]["amount"] == plain(request_data(request, with_applicant=True))["fee"]["amount"]
    assert data["fee"] == plain(request_data(request, with_applicant=True))["fee"]
    assert data["status"] == "awaiting_fee"


def test_the_queue_is_the_queue_pages_json(client, alice, worked, tree):
    paper_request(tree["education"], D(2026, 9, 15))
    response = client.get("/api/v1/staff/requests?status=all", **bearer(token_for(client, "alice")))
    everything = QueueFilter.from_params({"status": "all"})
    assert isinstance(everything, QueueFilter)
    assert response.json() == plain(queue_page(alice, everything))
    assert response.json()["count"] == 2


def test_the_openapi_document_names_the_schemas_of_the_answers(client):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert {"StaffRequestOut", "ApplicantRequestOut", "CreatedRequestOut", "QueuePageOut"} <= set(schemas)
    detail = document["paths"]["/api/v1/staff/requests/{request_id}"]["get"]["responses"]["200"]
    assert detail["content"]["application/json"]["schema"]["$ref"].endswith("/StaffRequestOut")
    assert "due_date_provisional" in schemas["StaffRequestOut"]["properties"]
