from __future__ import annotations

import datetime

from django.utils import timezone

from sunshine.accounts.models import ApiToken
from sunshine.core.models import AuditEntry
from tests.api_helpers import bearer, token_for


def test_a_staff_member_gets_a_token_and_uses_it(client, olga):
    token = token_for(client, "olga")
    response = client.get("/api/v1/agencies/CITY-EDU/members", **bearer(token))
    assert response.status_code == 200


def test_only_a_digest_of_the_token_is_stored(client, olga):
    token = token_for(client, "olga")
    stored = ApiToken.objects.get(user=olga)
    assert token not in (stored.digest, stored.prefix)
    assert stored.digest != token
    assert len(stored.digest) == 64


def test_issuing_a_token_is_audited(client, olga):
    token_for(client, "olga")
    assert AuditEntry.objects.filter(action="api_token.issue", actor_name="olga").count() == 1


def test_a_wrong_password_gets_no_token(client, olga):
    response = client.post(
        "/api/v1/auth/token", {"username": "olga", "password": "nope"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


def test_an_expired_token_is_refused(client, olga):
    token = token_for(client, "olga")
    ApiToken.objects.filter(user=olga).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/api/v1/agencies/CITY/members", **bearer(token))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_revoked_token_is_refused(client, olga):
    token = token_for(client, "olga")
    ApiToken.objects.filter(user=olga).update(revoked_at=timezone.now())
    assert client.get("/api/v1/agencies/CITY/members", **bearer(token)).status_code == 401


def test_a_token_of_a_deactivated_person_is_refused(client, olga):
    token = token_for(client, "olga")
    olga.is_active = False
    olga.save()
    assert client.get("/api/v1/agencies/CITY/members", **bearer(token)).status_code == 401


def test_five_failures_lock_the_account_even_for_the_right_password(client, olga):
    for _ in range(5):
        client.post(
            "/api/v1/auth/token", {"username": "olga", "password": "wrong"}, content_type="application/json"
        )
    response = client.post(
        "/api/v1/auth/token",
        {"username": "olga", "password": "correct horse battery staple 2026"},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "account_locked"
    assert "15" in response.json()["error"]["message"]


def test_the_lockout_is_per_account(client, olga, alice):
    for _ in range(5):
        client.post(
            "/api/v1/auth/token", {"username": "olga", "password": "wrong"}, content_type="application/json"
        )
    assert token_for(client, "alice")
