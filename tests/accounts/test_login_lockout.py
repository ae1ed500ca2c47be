"""Guessing staff passwords: the lockout is by the pair username + address, an address guessing
across many names is locked itself, a password reset lets a locked person in, and a burst of
lockouts alerts the administrators once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from tests.conftest import PASSWORD

A = {"REMOTE_ADDR": "198.51.100.10"}
B = {"REMOTE_ADDR": "203.0.113.20"}


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username: str, password: str, **where):
    body = {"username": username, "password": password}
    return client.post("/api/v1/auth/token", body, content_type="application/json", **where)


def test_five_wrong_passwords_from_one_address_do_not_lock_the_person_out_on_another(client, olga):
    for _ in range(5):
        sign_in(client, "olga", "wrong", **A)

    assert sign_in(client, "olga", PASSWORD, **A).status_code == 429  # the guesser's address is locked
    assert sign_in(client, "olga", PASSWORD, **B).status_code == 201  # olga, elsewhere, is not


def test_an_address_guessing_across_many_names_is_locked(client, olga):
    for n in range(20):
        assert sign_in(client, f"nobody{n}", "wrong", **A).status_code == 401

    refused = sign_in(client, "olga", PASSWORD, **A)

    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "account_locked"
    assert sign_in(client, "olga", PASSWORD, **B).status_code == 201


def test_a_password_reset_lets_a_locked_person_in(client, olga):
    for _ in range(5):
        sign_in(client, "olga", "wrong", **A)
    assert sign_in(client, "olga", PASSWORD, **A).status_code == 429

    olga.set_password("a brand new passphrase 2026")
    olga.save()

    assert sign_in(client, "olga", "a brand new passphrase 2026", **A).status_code == 201


@override_settings(ADMINS=[("Ops", "ops@example.org")], SUNSHINE_LOCKOUT_ALERT_THRESHOLD=3)
def test_a_burst_of_lockouts_sends_one_alert_to_the_administrators(client, olga, alice, make_user):
    make_user("root", is_superuser=True, email="root@example.org")
    for n, name in enumerate(["olga", "alice", "root", "olga"]):
        for _ in range(6):
            sign_in(client, name, "wrong", REMOTE_ADDR=f"192.0.2.{n}", HTTP_ACCEPT_LANGUAGE="en")

    alerts = [m for m in mail.outbox if "lockouts" in m.subject]
    assert len(alerts) == 1
    assert set(alerts[0].to) == {"ops@example.org", "root@example.org"}
    assert PASSWORD not in alerts[0].body


def test_a_locked_person_still_signs_in_on_the_page_from_their_own_device(client, olga):
    guesser = client.__class__()
    for _ in range(5):
        guesser.post("/staff/login/", {"username": "olga", "password": "wrong"}, **A)
    assert guesser.post("/staff/login/", {"username": "olga", "password": PASSWORD}, **A).status_code == 429

    mine = client.post("/staff/login/", {"username": "olga", "password": PASSWORD}, **B)

    assert mine.status_code == 302
    assert client.get("/staff/", **B).status_code == 200


def test_a_password_reset_lets_a_locked_person_in_on_the_page(client, olga):
    for _ in range(5):
        client.post("/staff/login/", {"username": "olga", "password": "wrong"}, **A)
    assert client.post("/staff/login/", {"username": "olga", "password": PASSWORD}, **A).status_code == 429

    olga.set_password("a brand new passphrase 2026")
    olga.save()

    new = {"username": "olga", "password": "a brand new passphrase 2026"}
    signed_in = client.post("/staff/login/", new, **A)
    assert signed_in.status_code == 302
