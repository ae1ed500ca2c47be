"""The records APIs answer through typed schemas (listed in the OpenAPI document) and the JSON is
exactly what the presenters give, encoded the way the API encoded them before: no field dropped,
renamed or added, for records in every state (a draft with attachments, one submitted with privacy
findings, published, withdrawn, scheduled), the staff list and catalogue, a public record and a
page of public search and list results."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.utils import timezone
from ninja.responses import NinjaJSONEncoder

from sunshine.records import presenters, public_api, public_search, selectors, services, worklist
from sunshine.records.models import Category, Record, Revision, Topic
from tests.api_helpers import bearer, token_for
from tests.records.conftest import ALL_CHECKS, CITIZEN_ID, at, make_draft, publish_now, to_signed, upload
from tests.records.files import make_pdf, make_png

D = datetime.date
URL = "/api/v1/staff/records"


def plain(data: Any) -> Any:
    return json.loads(json.dumps(data, cls=NinjaJSONEncoder))


@pytest.fixture
def as_user(client):
    def headers(username: str) -> dict[str, str]:
        return {**bearer(token_for(client, username)), "HTTP_ACCEPT_LANGUAGE": "en"}

    return headers


def staff_json(revision: Revision) -> Any:
    """What the staff API gave before its schemas: ``record_data`` with the history, encoded, of the
    record as stored now."""
    record = Record.objects.get(pk=revision.record_id)
    return plain(presenters.record_data(selectors.latest_revision(record), with_history=True))


def post(client, path: str, body: dict[str, Any], headers: dict[str, str]):
    return client.post(URL + path, body, content_type="application/json", **headers)


def test_a_draft_with_attachments_is_the_presenters_json(client, tree, alice, as_user):
    draft = make_draft(tree["education"], by=alice, topic=Topic.objects.get(code="10.02"))
    services.add_attachment(revision=draft, by=alice, file=upload(make_png(), "图.png"), name="图.png")
    response = client.post(
        f"{URL}/{draft.record_id}/attachments",
        {"file": upload(make_pdf("Applicant " + CITIZEN_ID), "附件.pdf")},
        **as_user("alice"),
    )
    assert response.status_code == 201, response.content
    assert response.json() == staff_json(draft)
    data = response.json()
    assert len(data["attachments"]) == 2
    assert data["findings"][0]["attachment"] == data["attachments"][1]["id"]
    assert data["topic"] == {"code": "10.02", "name": "科技、教育\\教育"}
    assert data["history"]

    detail = client.get(f"{URL}/{draft.record_id}", **as_user("alice"))
    assert detail.json() == staff_json(draft)
    edited = client.patch(
        f"{URL}/{draft.record_id}", {"summary": "摘要"}, content_type="application/json", **as_user("alice")
    )
    assert edited.json() == staff_json(draft)
    removed = client.delete(
        f"{URL}/{draft.record_id}/attachments/{data['attachments'][1]['id']}", **as_user("alice")
    )
    assert removed.status_code == 200
    assert removed.json() == staff_json(draft)
    assert removed.json()["open_findings"] == 0


def test_a_record_created_through_the_api_is_the_presenters_json(client, tree, alice, as_user):
    body = {"agency": "CITY-EDU", "title": "工作动态", "category": "work_news", "keywords": ["动态"]}
    response = post(client, "", body, as_user("alice"))
    assert response.status_code == 201, response.content
    revision = Revision.objects.get(record_id=response.json()["id"])
    assert response.json() == staff_json(revision)
    assert response.json()["formation_date"] is None
    assert response.json()["topic"] is None


def test_a_record_submitted_with_privacy_findings_is_the_presenters_json(client, tree, alice, rita, as_user):
    draft = make_draft(tree["education"], by=alice, body=f"联系电话：0571-87654321，身份证号{CITIZEN_ID}")
    submitted = post(
        client,
        f"/{draft.record_id}/submit",
        {"acknowledge_findings": True, "comments": "请审查"},
        as_user("alice"),
    )
    assert submitted.status_code == 200, submitted.content
    assert submitted.json() == staff_json(draft)
    assert submitted.json()["open_findings"] == 2
    assert submitted.json()["history"][-1]["comments"] == "请审查"

    finding = submitted.json()["findings"][0]
    overridden = post(
        client,
        f"/{draft.record_id}/overrides",
        {"finding": finding["id"], "reason": "公开的办公电话"},
        as_user("rita"),
    )
    assert overridden.status_code == 200, overridden.content
    assert overridden.json() == staff_json(draft)
    assert overridden.json()["findings"][0]["override_reason"] == "公开的办公电话"

    returned = post(
        client,
        f"/{draft.record_id}/review",
        {"decision": "return", "comments": "请删去身份证号"},
        as_user("rita"),
    )
    assert returned.status_code == 200, returned.content
    assert returned.json() == staff_json(draft)


def test_a_record_on_its_way_to_publication_is_the_presenters_json(client, tree, olga, as_user):
    draft = make_draft(tree["education"], by=olga)
    post(client, f"/{draft.record_id}/submit", {}, as_user("olga"))
    approved = post(
        client,
        f"/{draft.record_id}/review",
        {"decision": "approve", "checklist": ALL_CHECKS},
        as_user("olga"),
    )
    assert approved.json() == staff_json(draft)
    assert all(approved.json()["history"][-1]["checklist"].values())
    signed = post(client, f"/{draft.record_id}/sign", {"comments": "同意"}, as_user("olga"))
    assert signed.json() == staff_json(draft)
    published = post(client, f"/{draft.record_id}/publish", {}, as_user("olga"))
    assert published.status_code == 200, published.content
    assert published.json() == staff_json(draft)
    assert published.json()["published_at"] is not None


def test_a_published_record_with_its_validity_is_the_presenters_json(client, tree, alice, olga, as_user):
    old = publish_now(make_draft(tree["education"]))
    policy = publish_now(make_draft(tree["education"], title="新办法", needs_interpretation=True))
    reading = publish_now(make_draft(tree["education"], title="新办法解读", interprets=policy.record))
    response = post(
        client,
        f"/{old.record_id}/validity",
        {"validity": "revised", "on": "2026-08-01", "replaced_by": policy.record.index_number},
        as_user("olga"),
    )
    assert response.status_code == 200, response.content
    assert response.json() == staff_json(old)
    assert response.json()["validity"] == {
        "value": "revised",
        "changed_on": "2026-08-01",
        "replaced_by": policy.record.index_number,
    }
    assert client.get(f"{URL}/{reading.record_id}", **as_user("alice")).json() == staff_json(reading)
    assert client.get(f"{URL}/{policy.record_id}", **as_user("alice")).json() == staff_json(policy)

    revised = post(client, f"/{policy.record_id}/revisions", {}, as_user("alice"))
    assert revised.status_code == 201, revised.content
    assert revised.json() == staff_json(policy)
    assert revised.json()["revision"] == 2


def test_a_withdrawn_record_is_the_presenters_json(client, tree, simon, as_user):
    published = publish_now(make_draft(tree["education"]))
    withdrawn = post(client, f"/{published.record_id}/withdraw", {"reason": "附件有误"}, as_user("simon"))
    assert withdrawn.status_code == 200, withdrawn.content
    assert withdrawn.json() == staff_json(published)
    assert withdrawn.json()["withdrawal_reason"] == "附件有误"
    assert withdrawn.json()["withdrawn_at"] is not None


def test_a_scheduled_record_is_the_presenters_json(client, tree, olga, as_user):
    signed = to_signed(make_draft(tree["education"]))
    scheduled = services.publish(revision=signed, by=None, at=timezone.now() + datetime.timedelta(days=2))
    detail = client.get(f"{URL}/{scheduled.record_id}", **as_user("olga"))
    assert detail.json() == staff_json(scheduled)
    assert detail.json()["publish_at"] is not None
    unscheduled = post(client, f"/{scheduled.record_id}/unschedule", {}, as_user("olga"))
    assert unscheduled.status_code == 200, unscheduled.content
    assert unscheduled.json() == staff_json(scheduled)


def test_the_staff_list_and_the_catalogue_are_the_presenters_json(client, tree, olga, as_user):
    publish_now(make_draft(tree["education"]))
    make_draft(tree["finance"], title="预算草稿", category_key="budget")
    response = client.get(URL + "?page_size=1&page=2", **as_user("olga"))
    revisions = worklist.filtered(olga)
    bounds = worklist.limits()
    assert response.json() == plain(
        {
            "count": 2,
            "page": 2,
            "page_size": 1,
            "results": [presenters.summary_row(r, bounds) for r in revisions[1:2]],
        }
    )

    categories = client.get(URL + "/categories?agency=CITY-EDU", **as_user("olga")).json()
    expected = [
        {
            "key": c.key,
            "name": c.name,
            "name_en": c.name_en,
            "parent": c.parent.key if c.parent else None,
            "interval_days": c.interval_days,
            "is_active": c.is_active,
        }
        for c in Category.objects.filter(agency=tree["education"]).order_by("sort_order", "pk")
    ]
    assert categories == expected
    assert any(c["parent"] for c in categories)


def test_a_public_record_is_the_public_apis_json(client, tree):
    policy = publish_now(
        make_draft(
            tree["education"],
            topic=Topic.objects.get(code="10.02"),
            issuers=[tree["education"], tree["finance"]],
        )
    )
    reading = make_draft(tree["education"], title="政策解读", interprets=policy.record)
    services.add_attachment(
        revision=reading, by=None, file=upload(make_pdf("Q and A"), "a.pdf"), name="问答.pdf"
    )
    reading = publish_now(reading)
    old = publish_now(make_draft(tree["education"], title="旧办法"))
    services.change_validity(
        record=old.record, by=None, validity="revised", on=D(2026, 8, 1), replaced_by=policy.record
    )

    for revision in (policy, reading, old):
        current = selectors.published_records().get(record=revision.record)
        response = client.get(f"/api/v1/records/{revision.record.index_number}")
        assert response.status_code == 200, response.content
        assert response.json() == plain(public_api.record_detail(current))
    reading_data = client.get(f"/api/v1/records/{reading.record.index_number}").json()
    assert reading_data["interprets"]["index_number"] == policy.record.index_number
    assert reading_data["attachments"][0]["name"] == "问答.pdf"
    assert client.get(f"/api/v1/records/{old.record.index_number}").json()["validity"]["replaced_by"]


def page_json(params: dict[str, str]) -> Any:
    found = public_search.find_records(public_search.parse_filters(params))
    return plain(
        {
            "count": found.count,
            "count_is_exact": found.count_is_exact,
            "page": found.page,
            "pages": found.pages,
            "page_size": found.page_size,
            "results": [public_api._row(result, bool(found.filters.q)) for result in found.results],
        }
    )


def test_a_page_of_search_and_list_results_is_the_public_apis_json(client, tree):
    publish_now(make_draft(tree["education"]), at(D(2026, 3, 10)))
    publish_now(
        make_draft(
            tree["finance"], title="阳光市财政局2026年部门预算", category_key="budget", body="预算 a < b"
        ),
        at(D(2026, 4, 1)),
    )
    searched = client.get("/api/v1/records", {"q": "预算"})
    assert searched.status_code == 200, searched.content
    assert searched.json() == page_json({"q": "预算"})
    assert "<mark>" in searched.json()["results"][0]["snippet"]

    listed = client.get("/api/v1/records", {"page_size": "1", "page": "2"})
    assert listed.json() == page_json({"page_size": "1", "page": "2"})
    assert "snippet" not in listed.json()["results"][0]
    assert listed.json()["results"][0]["formation_date"] == "2026-03-02"


STAFF_RECORD = {
    ("/api/v1/staff/records", "post"): ("201", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}", "get"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}", "patch"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/submit", "post"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/review", "post"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/overrides", "post"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/sign", "post"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/publish", "post"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/unschedule", "post"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/withdraw", "post"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/revisions", "post"): ("201", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/validity", "post"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/attachments", "post"): ("201", "StaffRecordOut"),
    ("/api/v1/staff/records/{record_id}/attachments/{attachment_id}", "delete"): ("200", "StaffRecordOut"),
    ("/api/v1/staff/records", "get"): ("200", "RecordPageOut"),
    ("/api/v1/records", "get"): ("200", "PublicRecordPageOut"),
    ("/api/v1/records/{index_number}", "get"): ("200", "PublicRecordOut"),
}


def test_the_openapi_document_names_the_schema_of_each_answer(client, db):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    for (path, method), (status, name) in STAFF_RECORD.items():
        answer = document["paths"][path][method]["responses"][status]
        assert answer["content"]["application/json"]["schema"]["$ref"].endswith(f"/{name}"), (path, method)
        assert name in schemas
    catalogue = document["paths"]["/api/v1/staff/records/categories"]["get"]["responses"]["200"]
    schema = catalogue["content"]["application/json"]["schema"]
    assert schema["type"] == "array"
    assert schema["items"]["$ref"].endswith("/CategoryOut")
    assert {"history", "findings", "open_findings", "validity"} <= set(
        schemas["StaffRecordOut"]["properties"]
    )
    row = schemas["PublicRecordRowOut"]
    assert "snippet" in row["properties"]
    assert "snippet" not in row["required"]
    assert "index_number" in row["required"]
