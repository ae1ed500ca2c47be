from __future__ import annotations

from tests.api_helpers import bearer, token_for
from tests.solicitations.conftest import COMMENT


def call(client, method, path, who, body=None):
    return getattr(client, method)(
        f"/api/v1/staff/solicitations{path}",
        body,
        content_type="application/json",
        **bearer(token_for(client, who)),
    )


def test_staff_see_every_comment_with_its_contact(client, open_solicitation, alice):
    client.post(
        f"/api/v1/solicitations/{open_solicitation.pk}/comments", COMMENT, content_type="application/json"
    )
    body = call(client, "get", f"/{open_solicitation.pk}", "alice").json()
    (comment,) = body["all_comments"]
    assert (comment["contact"], comment["status"], comment["actions"]) == (
        "13812345678",
        "pending",
        ["approve", "reject"],
    )


def test_a_solicitation_out_of_reach_answers_404(client, open_solicitation, fred):
    response = call(client, "get", f"/{open_solicitation.pk}", "fred")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_draft_for_an_agency_out_of_reach_is_bad_input(client, tree, fred):
    body = {"agency": "CITY-EDU", "title": "t", "text": "x", "opens_at": "2026-12-01T00:00:00+08:00"}
    response = call(client, "post", "", "fred", {**body, "closes_at": "2027-01-01T00:00:00+08:00"})
    assert response.status_code == 422
    assert "agency" in response.json()["error"]["fields"]


def test_a_required_field_set_to_null_is_refused(client, draft, alice):
    response = call(client, "patch", f"/{draft.pk}", "alice", {"title": None})
    assert response.status_code == 422
    assert "title" in response.json()["error"]["fields"]


def test_moderating_a_comment_of_another_solicitation_answers_404(client, open_solicitation, alice):
    response = call(
        client,
        "post",
        f"/{open_solicitation.pk}/comments/actions",
        "alice",
        {"action": "approve", "ids": [999]},
    )
    assert response.status_code == 404


def test_without_a_token_the_staff_api_answers_401(client, open_solicitation):
    assert client.get("/api/v1/staff/solicitations").status_code == 401
