"""Every API error has one shape, with the message in the request's language."""

from __future__ import annotations

import pytest


def assert_envelope(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] == code
    assert error["message"]
    return error


def test_an_unknown_address_answers_not_found(client, db):
    assert_envelope(client.get("/api/v1/no/such/thing"), 404, "not_found")


def test_a_wrong_method_answers_method_not_allowed(client, db):
    assert_envelope(client.put("/api/v1/agencies"), 405, "method_not_allowed")


def test_a_validation_error_names_each_field(client, db):
    response = client.post("/api/v1/auth/token", {"username": ""}, content_type="application/json")
    error = assert_envelope(response, 422, "validation_error")
    assert set(error["fields"]) == {"username", "password"}


def test_a_body_that_is_not_json_is_a_bad_request(client, db):
    response = client.post("/api/v1/auth/token", "{not json", content_type="application/json")
    error = assert_envelope(response, 400, "bad_request")
    assert "JSON" in error["message"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "输入的内容有误"), ("en", "Some of the input is not valid.")],
)
def test_messages_follow_accept_language(client, db, language, expected):
    response = client.post(
        "/api/v1/auth/token", {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    error = assert_envelope(response, 422, "validation_error")
    assert expected in error["message"]


def test_chinese_is_the_default_language(client, db):
    error = assert_envelope(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])


def test_the_openapi_document_and_docs_page_are_served(client, db):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert "/api/v1/agencies" in paths
    assert "/api/v1/auth/token" in paths
    assert client.get("/api/v1/docs").status_code == 200


def test_a_form_without_its_file_is_a_validation_error_not_a_server_error(client, admin_user):
    """It answered 500: the handler read the body of a form to look for an action's name."""
    from sunshine.accounts.tokens import issue_token

    _token, secret = issue_token(user=admin_user)
    response = client.post(
        "/api/v1/staff/requests/100/reply-draft/files",
        {},
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    error = assert_envelope(response, 422, "validation_error")
    assert "files" in error["fields"]
