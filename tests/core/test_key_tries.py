"""The one brake on guessing access keys (sunshine/core/key_tries.py), reached through the requests'
API and the portal's status form: counted by address and by tracking code, shared by every door,
answered 429 with ``Retry-After`` until the window passes, even for the right key."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.test import override_settings

from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest
from tests.backoffice import D, fixed_today, paper_request

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
WRONG = "0" * 24
LIMITS = {
    "SUNSHINE_KEY_TRIES_PER_ADDRESS": 5,
    "SUNSHINE_KEY_TRIES_PER_CODE": 8,
    "SUNSHINE_KEY_TRIES_WINDOW": 300,
}


@pytest.fixture(autouse=True)
def today():
    cache.clear()
    with fixed_today() as day, override_settings(**LIMITS):
        yield day
    cache.clear()


@pytest.fixture
def request_(tree) -> InfoRequest:
    return paper_request(tree["education"], D(2026, 10, 13))


def api(client, found: InfoRequest, key: str, ip: str = "198.51.100.1"):
    return client.get(f"/api/v1/requests/{found.tracking_code}", HTTP_X_ACCESS_KEY=key, REMOTE_ADDR=ip, **EN)


def form(client, found: InfoRequest, key: str, ip: str = "198.51.100.1"):
    data = {"tracking_code": found.tracking_code, "access_key": key}
    return client.post("/requests/status/", data, REMOTE_ADDR=ip, **EN)


def test_wrong_keys_up_to_the_setting_then_the_api_answers_429_with_retry_after(client, request_):
    for _ in range(5):
        assert api(client, request_, WRONG).status_code == 404

    refused = api(client, request_, WRONG)

    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_tries"
    assert 0 < int(refused["Retry-After"]) <= 300


def test_the_right_key_is_refused_too_until_the_window_passes(client, request_, monkeypatch):
    for _ in range(5):
        api(client, request_, WRONG)
    right = access.access_key_for(request_)

    assert api(client, request_, right).status_code == 429

    later = time.time() + 301
    monkeypatch.setattr("sunshine.core.key_tries.time.time", lambda: later)
    cache.clear()  # the cache's own expiry, which the clock above does not move
    assert api(client, request_, right).status_code == 200


def test_wrong_keys_on_the_form_then_429_with_retry_after_and_the_reason(client, request_):
    for _ in range(5):
        assert form(client, request_, WRONG).status_code == 404

    refused = form(client, request_, access.access_key_for(request_))

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 300
    assert "too many unsuccessful attempts" in refused.content.decode()


def test_many_addresses_guessing_one_code_are_stopped_by_the_code_count(client, request_):
    for n in range(8):  # under the address limit each, over the code's limit together
        assert api(client, request_, WRONG, ip=f"203.0.113.{n}").status_code == 404

    from_a_new_address = api(client, request_, access.access_key_for(request_), ip="203.0.113.200")
    on_the_form = form(client, request_, access.access_key_for(request_), ip="203.0.113.201")

    assert from_a_new_address.status_code == 429
    assert "Retry-After" in from_a_new_address
    assert on_the_form.status_code == 429


def test_a_private_link_shares_the_count_with_the_key(client, request_):
    for _ in range(4):
        form(client, request_, WRONG)
    assert (
        client.get(
            f"/requests/follow/{request_.tracking_code}/{'0' * 32}/", REMOTE_ADDR="198.51.100.1"
        ).status_code
        == 404
    )

    refused = client.get(
        f"/requests/follow/{request_.tracking_code}/{access.link_token_for(request_)}/",
        REMOTE_ADDR="198.51.100.1",
    )

    assert refused.status_code == 429
    assert "Retry-After" in refused
