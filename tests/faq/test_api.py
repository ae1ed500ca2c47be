"""The common questions in the JSON API: the public search's shape, the staff calls and the
kernel's refusals in the standard error shape."""

from __future__ import annotations

from tests.api_helpers import bearer, token_for

STAFF = "/api/v1/staff/faq"


def _create(client, token: str, **extra) -> dict:
    body = {
        "agency": "CITY-EDU",
        "question": "义务教育阶段招生政策是什么？",
        "answer": "免试就近入学。",
        **extra,
    }
    response = client.post(STAFF, body, content_type="application/json", **bearer(token))
    assert response.status_code == 201, response.content
    return response.json()


def _act(client, token: str, entry_id: int, **body):
    return client.post(f"{STAFF}/{entry_id}/actions", body, content_type="application/json", **bearer(token))


def test_the_public_search_answers_ranked_matches_with_their_fields(client, published):
    entry = published(category="招生入学")
    response = client.get("/api/v1/faq", {"q": "义务教育"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["page"] == 1
    hit = body["results"][0]
    assert hit["id"] == entry.pk
    assert hit["agency"] == "CITY-EDU"
    assert hit["question"] == entry.question
    assert hit["answer"] == entry.answer
    assert hit["category"] == "招生入学"
    assert hit["url"] == f"/faq/{entry.pk}/"
    assert "<mark>义务教育</mark>" in hit["question_html"]


def test_an_empty_query_lists_the_agencys_questions(client, published, tree, olga):
    mine = published()
    published("财政问题", "答复", agency=tree["finance"], by=olga)
    body = client.get("/api/v1/faq", {"agency": "CITY-EDU"}).json()
    assert [item["id"] for item in body["results"]] == [mine.pk]


def test_an_unknown_agency_is_a_validation_error(client, db):
    response = client.get("/api/v1/faq", {"agency": "NOPE"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert "agency" in response.json()["error"]["fields"]


def test_an_officer_creates_a_draft_and_a_reviewer_publishes_it(client, alice, rita):
    entry = _create(client, token_for(client, "alice"), category="招生")
    assert entry["status"] == "draft"
    assert entry["public"] is False
    assert entry["permitted_actions"] == ["submit"]
    response = _act(client, token_for(client, "alice"), entry["id"], action="submit")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    response = _act(client, token_for(client, "rita"), entry["id"], action="publish")
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert response.json()["public"] is True


def test_a_draft_is_changed_with_patch(client, alice):
    token = token_for(client, "alice")
    entry = _create(client, token)
    response = client.patch(
        f"{STAFF}/{entry['id']}",
        {"answer": "新的答复", "valid_until": "2030-12-31"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 200
    assert response.json()["answer"] == "新的答复"
    assert response.json()["valid_until"] == "2030-12-31"


def test_the_kernels_refusals_keep_their_status_and_code(client, alice, rita):
    alice_token, rita_token = token_for(client, "alice"), token_for(client, "rita")
    entry = _create(client, alice_token)
    conflict = _act(client, rita_token, entry["id"], action="publish")
    assert conflict.status_code == 409
    assert conflict.json()["error"]["code"] == "action_not_allowed"
    forbidden = _act(client, rita_token, entry["id"], action="submit")
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "permission_denied"
    _act(client, alice_token, entry["id"], action="submit")
    invalid = _act(client, rita_token, entry["id"], action="return", comments="")
    assert invalid.status_code == 422
    assert set(invalid.json()["error"]) == {"code", "message", "fields"}
    assert "comments" in invalid.json()["error"]["fields"]


def test_an_unknown_action_is_a_validation_error(client, alice):
    token = token_for(client, "alice")
    entry = _create(client, token)
    response = _act(client, token, entry["id"], action="approve")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_a_patch_of_a_submitted_question_is_a_conflict(client, alice):
    token = token_for(client, "alice")
    entry = _create(client, token)
    _act(client, token, entry["id"], action="submit")
    response = client.patch(
        f"{STAFF}/{entry['id']}", {"answer": "x"}, content_type="application/json", **bearer(token)
    )
    assert response.status_code == 409


def test_staff_of_another_agency_do_not_see_the_question(client, alice, fred):
    entry = _create(client, token_for(client, "alice"))
    response = client.get(f"{STAFF}/{entry['id']}", **bearer(token_for(client, "fred")))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_an_officer_cannot_create_for_another_agency(client, fred):
    response = client.post(
        STAFF,
        {"agency": "CITY-EDU", "question": "问题", "answer": "答复"},
        content_type="application/json",
        **bearer(token_for(client, "fred")),
    )
    assert response.status_code == 422
    assert "agency" in response.json()["error"]["fields"]


def test_the_staff_calls_need_a_signed_in_person(client, db):
    response = client.post(STAFF, {}, content_type="application/json")
    assert response.status_code == 401


def test_the_openapi_document_lists_the_calls_and_each_step(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/faq",
        "/api/v1/faq/{entry_id}",
        "/api/v1/staff/faq",
        "/api/v1/staff/faq/{entry_id}",
    } <= set(document["paths"])
    assert {"FaqSubmitAction", "FaqPublishAction", "FaqReturnAction", "FaqWithdrawAction"} <= set(
        document["components"]["schemas"]
    )
