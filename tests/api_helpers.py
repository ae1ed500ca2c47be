"""Small helpers for API tests."""

from __future__ import annotations

from tests.conftest import PASSWORD


def token_for(client, username: str, password: str = PASSWORD) -> str:
    response = client.post(
        "/api/v1/auth/token", {"username": username, "password": password}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return response.json()["token"]


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
