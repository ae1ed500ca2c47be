"""A wrong ``X-Access-Key`` on the applicant's API is a failed try, counted like a wrong key on the
portal's status form (``inforequests.throttle``): after as many failures from one address, every
look-up from it answers 429 with the portal's message, whichever way it comes, for a while."""

from __future__ import annotations

from html import unescape

import pytest
from django.conf import settings

from sunshine.core import key_tries
from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest
from tests.backoffice import D, fixed_today, paper_request

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
WRONG = "0" * 24


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def request_(tree) -> InfoRequest:
    return paper_request(tree["education"], D(2026, 10, 13))


def follow(client, request: InfoRequest, key: str, **extra):
    return client.get(f"/api/v1/requests/{request.tracking_code}", HTTP_X_ACCESS_KEY=key, **EN, **extra)


def test_after_as_many_wrong_keys_as_on_the_portal_the_api_answers_429_with_its_message(client, request_):
    for _ in range(settings.SUNSHINE_KEY_TRIES_PER_ADDRESS):
        assert follow(client, request_, WRONG).status_code == 404

    refused = follow(client, request_, access.access_key_for(request_))  # even the right key

    assert refused.status_code == 429
    error = refused.json()["error"]
    assert error["code"] == "too_many_tries"
    portal = client.post(
        "/requests/status/",
        {"tracking_code": request_.tracking_code, "access_key": access.access_key_for(request_)},
        **EN,
    )
    assert portal.status_code == 429
    assert error["message"] in unescape(portal.content.decode())
    assert "try again in ten minutes" in error["message"]
    # Another address is not held back.
    assert (
        follow(client, request_, access.access_key_for(request_), REMOTE_ADDR="192.0.2.7").status_code == 200
    )


def test_nine_wrong_keys_still_let_the_right_key_in(client, request_):
    for _ in range(settings.SUNSHINE_KEY_TRIES_PER_ADDRESS - 1):
        follow(client, request_, WRONG)
    assert follow(client, request_, access.access_key_for(request_)).status_code == 200


def test_the_portal_and_the_api_share_one_count(client, request_):
    for _ in range(settings.SUNSHINE_KEY_TRIES_PER_ADDRESS - 1):
        client.post("/requests/status/", {"tracking_code": request_.tracking_code, "access_key": WRONG}, **EN)
    assert follow(client, request_, WRONG).status_code == 404  # the tenth try, through the API
    assert follow(client, request_, access.access_key_for(request_)).status_code == 429


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/documents/receipt.pdf", None),
        ("get", "/files/1", None),
        ("post", "/correction", {"text": "x"}),
        ("post", "/rating", {"score": 5}),
        ("post", "/fee", {"decision": "declined"}),
    ],
)
def test_every_endpoint_opened_by_the_key_counts_a_wrong_key(client, request_, method, path, body):
    url = f"/api/v1/requests/{request_.tracking_code}{path}"
    send = getattr(client, method)
    kwargs = {"content_type": "application/json"} if path in ("/rating", "/fee") else {}
    response = (
        send(url, body, HTTP_X_ACCESS_KEY=WRONG, **kwargs) if body else send(url, HTTP_X_ACCESS_KEY=WRONG)
    )
    assert response.status_code == 404
    assert failures(response) == 1


def failures(response) -> int:
    """The failed tries counted for the address of ``response``'s request."""
    return key_tries.address_failures(response.wsgi_request)


def test_no_key_at_all_opens_nothing_and_is_not_a_try_as_an_empty_field_on_the_form(client, request_):
    response = client.get(f"/api/v1/requests/{request_.tracking_code}", **EN)
    assert response.status_code == 404
    assert failures(response) == 0
