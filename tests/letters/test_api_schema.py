"""The OpenAPI document lists the letter calls and one body schema per declared step."""

from __future__ import annotations

from sunshine.letters.actions import ACTIONS


def test_the_openapi_document_lists_the_letter_calls_and_every_step(client, db):
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    assert {
        "/api/v1/letters",
        "/api/v1/letters/{tracking_code}",
        "/api/v1/letters/{tracking_code}/info",
        "/api/v1/staff/letters",
        "/api/v1/staff/letters/{letter_id}",
        "/api/v1/staff/letters/{letter_id}/actions",
    } <= set(paths)
    body = paths["/api/v1/staff/letters/{letter_id}/actions"]["post"]["requestBody"]["content"]
    schema = body["application/json"]["schema"]
    mapping = schema.get("discriminator", {}).get("mapping", {})
    assert set(mapping) == set(ACTIONS)
