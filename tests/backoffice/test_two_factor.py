"""A staff member sets up two-step sign-in on /staff/account/two-factor/ (QR code, a first code,
recovery codes shown once), then signs in with the password and a code; a recovery code works once;
wrong codes are refused and audited; the second factor is removed with a code; administrators are
made to set one up before any staff page while the setting is on."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticToken  # type: ignore[import-untyped] # django-otp ships no types
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped] # django-otp ships no types

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from tests.conftest import PASSWORD
from tests.totp_helpers import code_of, enrol

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def password_step(client, username: str, next_url: str = ""):
    body = {"username": username, "password": PASSWORD}
    if next_url:
        body["next"] = next_url
    return client.post("/staff/login/", body, **EN)


def test_a_staff_member_sets_up_two_step_sign_in_and_reads_the_recovery_codes_once(client, alice):
    client.force_login(alice)

    page = client.get("/staff/account/two-factor/", **EN)
    assert "Two-step sign-in is off" in page.content.decode()
    setup = client.get("/staff/account/two-factor/setup/", **EN)
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    secret = re.search(r'id="two-factor-secret">([^<]+)<', setup.content.decode())
    assert secret is not None
    assert len(secret.group(1).replace(" ", "")) == 32

    wrong = client.post("/staff/account/two-factor/setup/", {"code": "000000"}, **EN)
    assert "The code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()

    done = client.post("/staff/account/two-factor/setup/", {"code": code_of(device)}, **EN)
    assert done.status_code == 302
    codes_page = client.get(done["Location"], **EN).content.decode()
    codes = re.findall(r"<li><code>([^<]+)</code></li>", codes_page)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=alice).values_list("token", flat=True))
    assert client.get(done["Location"], **EN).status_code == 302  # shown once
    assert "Two-step sign-in is on" in client.get("/staff/account/two-factor/", **EN).content.decode()
    assert AuditEntry.objects.filter(action="second_factor.enrol", actor=alice).count() == 1


def test_the_password_alone_does_not_sign_in_a_person_with_a_second_factor(client, alice):
    device, _codes = enrol(alice)

    first = password_step(client, "alice", "/staff/requests/")

    assert first.status_code == 302
    assert first["Location"] == "/staff/login/code/"
    assert client.get("/staff/", **EN).status_code == 302  # not signed in yet
    assert client.get("/api/v1/auth/tokens").status_code == 401
    wrong = client.post("/staff/login/code/", {"code": "123456"}, **EN)
    assert wrong.status_code == 200
    assert "The code is not right" in wrong.content.decode()
    assert AuditEntry.objects.filter(action="second_factor.fail", actor=alice).count() == 1
    assert AuditEntry.objects.get(action="second_factor.fail").after == {"where": "sign_in"}

    signed_in = client.post("/staff/login/code/", {"code": code_of(device)}, **EN)

    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/staff/requests/"
    assert client.get("/staff/", **EN).status_code == 200
    assert client.get("/api/v1/auth/tokens").status_code == 200


def test_a_recovery_code_signs_in_once(client, alice):
    _device, codes = enrol(alice)

    password_step(client, "alice")
    assert client.post("/staff/login/code/", {"code": codes[0]}, **EN).status_code == 302
    assert AuditEntry.objects.filter(action="second_factor.recovery_used").get().after == {"left": 9}
    client.post("/staff/logout/")

    password_step(client, "alice")
    again = client.post("/staff/login/code/", {"code": codes[0]}, **EN)
    assert again.status_code == 200  # used up
    assert client.get("/staff/", **EN).status_code == 302


@override_settings(SUNSHINE_SECOND_STEP_TRIES=3)
def test_too_many_wrong_codes_send_the_person_back_to_the_password(client, alice):
    enrol(alice)
    password_step(client, "alice")

    for _ in range(2):
        assert client.post("/staff/login/code/", {"code": "111111"}, **EN).status_code == 200
    third = client.post("/staff/login/code/", {"code": "111111"}, **EN)

    assert third.status_code == 302
    assert third["Location"] == "/staff/login/?again=1"
    assert client.get("/staff/login/code/", **EN)["Location"] == "/staff/login/"
    assert "Too many wrong codes" in client.get(third["Location"], **EN).content.decode()


def test_the_code_page_without_a_password_first_goes_back_to_the_sign_in(client, alice):
    enrol(alice)

    response = client.post("/staff/login/code/", {"code": "123456"}, **EN)

    assert response.status_code == 302
    assert response["Location"] == "/staff/login/"
    assert not AuditEntry.objects.filter(action="second_factor.fail").exists()


def test_a_person_without_a_second_factor_signs_in_with_the_password_alone(client, alice):
    response = password_step(client, "alice")

    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert client.get("/staff/", **EN).status_code == 200


def test_a_session_signed_in_elsewhere_is_asked_for_the_code_on_every_staff_page(client, alice):
    device, _codes = enrol(alice)
    client.force_login(alice)  # as the admin site's own form would: the password only

    response = client.get("/staff/requests/", **EN)

    assert response.status_code == 302
    assert response["Location"] == "/staff/login/code/?next=%2Fstaff%2Frequests%2F"
    assert client.get("/api/v1/auth/tokens").status_code == 401  # nobody for the API's session
    verified = client.post("/staff/login/code/", {"code": code_of(device), "next": "/staff/requests/"})
    assert verified["Location"] == "/staff/requests/"
    assert client.get("/staff/requests/", **EN).status_code == 200


def test_a_person_removes_the_second_factor_with_a_code(client, alice):
    device, _codes = enrol(alice)
    password_step(client, "alice")
    client.post("/staff/login/code/", {"code": code_of(device)})

    wrong = client.post("/staff/account/two-factor/remove/", {"code": "000000"}, **EN)
    assert "Nothing was changed" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=alice).exists()

    removed = client.post("/staff/account/two-factor/remove/", {"code": code_of(device)}, **EN)

    assert removed.status_code == 302
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not StaticToken.objects.filter(device__user=alice).exists()
    assert AuditEntry.objects.filter(action="second_factor.remove", actor=alice).count() == 2  # app, codes
    client.post("/staff/logout/")
    assert password_step(client, "alice")["Location"] == "/staff/"


@override_settings(SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS=True)
def test_an_administrator_must_set_up_the_second_factor_before_any_staff_page(client, make_user, tree):
    adele = make_user("adele", agency=tree["city"], role=Role.ADMINISTRATOR)
    password_step(client, "adele")

    for path in ("/staff/", "/staff/requests/", "/staff/audit/"):
        response = client.get(path, **EN)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/staff/account/two-factor/?next=")
    page = client.get("/staff/account/two-factor/", **EN).content.decode()
    assert "Administrators must set up a second factor" in page

    setup = client.get("/staff/account/two-factor/setup/", **EN)
    assert setup.status_code == 200
    device = TOTPDevice.objects.get(user=adele, confirmed=False)
    client.post("/staff/account/two-factor/setup/", {"code": code_of(device)})

    assert client.get("/staff/", **EN).status_code == 200
    refused = client.post("/staff/account/two-factor/remove/", {"code": code_of(device)}, **EN)
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=adele, confirmed=True).exists()


@override_settings(SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS=True)
def test_a_superuser_is_held_to_it_too_and_other_staff_are_not(client, admin_user, alice):
    client.force_login(admin_user)
    assert client.get("/admin/", **EN)["Location"].startswith("/staff/account/two-factor/")
    client.force_login(alice)
    assert client.get("/staff/", **EN).status_code == 200


def test_without_the_setting_administrators_may_go_without(client, make_user, tree, settings):
    settings.SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS = False
    make_user("adele", agency=tree["city"], role=Role.ADMINISTRATOR)
    password_step(client, "adele")

    assert client.get("/staff/", **EN).status_code == 200
