"""A person lists their API tokens (without secrets) and revokes one; a password change revokes
them all, with an audit row each."""

from __future__ import annotations

from sunshine.accounts.models import ApiToken
from sunshine.core.models import AuditEntry
from tests.api_helpers import bearer, token_for

MEMBERS = "/api/v1/agencies/CITY-EDU/members"


def test_a_person_lists_their_tokens_without_the_secrets(client, olga, alice):
    first = token_for(client, "olga")
    token_for(client, "olga")
    token_for(client, "alice")

    response = client.get("/api/v1/auth/tokens", **bearer(first))

    assert response.status_code == 200
    listed = response.json()
    assert len(listed) == 2
    assert {t["id"] for t in listed} == set(ApiToken.objects.filter(user=olga).values_list("pk", flat=True))
    assert set(listed[0]) >= {"id", "label", "created_at", "expires_at", "last_used_at"}
    assert first not in response.content.decode()
    assert "digest" not in listed[0]


def test_a_person_revokes_a_token_and_it_no_longer_works(client, olga):
    kept = token_for(client, "olga")
    lost = token_for(client, "olga")
    lost_id = ApiToken.objects.filter(user=olga).latest("pk").pk

    response = client.delete(f"/api/v1/auth/tokens/{lost_id}", **bearer(kept))

    assert response.status_code == 204
    assert client.get(MEMBERS, **bearer(lost)).status_code == 401
    assert client.get(MEMBERS, **bearer(kept)).status_code == 200
    assert [t["id"] for t in client.get("/api/v1/auth/tokens", **bearer(kept)).json()] != [lost_id]
    assert AuditEntry.objects.filter(action="api_token.revoke", object_id=str(lost_id)).count() == 1


def test_another_persons_token_cannot_be_revoked(client, olga, alice):
    olgas = token_for(client, "olga")
    token_for(client, "alice")
    alices_id = ApiToken.objects.get(user=alice).pk

    assert client.delete(f"/api/v1/auth/tokens/{alices_id}", **bearer(olgas)).status_code == 404
    assert ApiToken.objects.get(pk=alices_id).revoked_at is None


def test_the_list_needs_a_signed_in_person(client):
    assert client.get("/api/v1/auth/tokens").status_code == 401


def test_a_password_change_revokes_every_token_of_the_person_with_an_audit_row(client, olga, alice):
    token_for(client, "olga")
    olgas = token_for(client, "olga")
    alices = token_for(client, "alice")

    olga.set_password("a brand new passphrase 2026")
    olga.save()

    assert client.get(MEMBERS, **bearer(olgas)).status_code == 401
    assert client.get("/api/v1/auth/tokens", **bearer(alices)).status_code == 200
    assert AuditEntry.objects.filter(action="api_token.revoke", actor_name="olga").count() == 2
