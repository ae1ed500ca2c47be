"""POST /api/v1/auth/token for a person with a second factor: the code as ``otp`` (or a recovery code);
without it 401 ``otp_required``, wrong 401 ``invalid_otp`` (audited); an administrator who must have
one and has not set it up gets 403 ``otp_enrolment_required``."""

from __future__ import annotations

from django.test import override_settings

from sunshine.accounts.models import ApiToken
from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from tests.conftest import PASSWORD
from tests.totp_helpers import code_of, enrol

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def ask(client, username: str, **extra):
    body = {"username": username, "password": PASSWORD, **extra}
    return client.post("/api/v1/auth/token", body, content_type="application/json", **EN)


def test_a_person_with_a_second_factor_gets_a_token_only_with_its_code(client, alice):
    device, _codes = enrol(alice)

    without = ask(client, "alice")
    assert without.status_code == 401
    assert without.json()["error"]["code"] == "otp_required"
    wrong = ask(client, "alice", otp="000000")
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_otp"
    assert AuditEntry.objects.get(action="second_factor.fail", actor=alice).after == {"where": "api"}
    assert not ApiToken.objects.filter(user=alice).exists()

    granted = ask(client, "alice", otp=code_of(device))

    assert granted.status_code == 201
    assert ApiToken.objects.filter(user=alice).count() == 1


def test_a_recovery_code_gets_a_token_once(client, alice):
    _device, codes = enrol(alice)

    assert ask(client, "alice", otp=codes[3]).status_code == 201
    assert ask(client, "alice", otp=codes[3]).status_code == 401


def test_a_wrong_password_is_refused_before_any_code_is_asked(client, alice):
    enrol(alice)
    body = {"username": "alice", "password": "wrong", "otp": "000000"}

    response = client.post("/api/v1/auth/token", body, content_type="application/json", **EN)

    assert response.json()["error"]["code"] == "invalid_credentials"
    assert not AuditEntry.objects.filter(action="second_factor.fail").exists()


def test_a_person_without_a_second_factor_needs_no_code(client, alice):
    assert ask(client, "alice").status_code == 201


@override_settings(SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS=True)
def test_an_administrator_without_a_second_factor_gets_no_token_while_it_is_required(client, make_user, tree):
    adele = make_user("adele", agency=tree["city"], role=Role.ADMINISTRATOR)

    refused = ask(client, "adele")

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "otp_enrolment_required"
    device, _codes = enrol(adele)
    assert ask(client, "adele", otp=code_of(device)).status_code == 201
