"""The brake on anonymous submissions and the acknowledgements (sunshine/core/submissions.py): the
counting per address and per contact, the acknowledgement once an hour, and the confirmation of an
address by the signed mark in a message's private link."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from sunshine.core import submissions


def from_address(address: str = "198.51.100.7", query: str = ""):
    return RequestFactory().get(f"/x/{query}", REMOTE_ADDR=address)


@pytest.fixture(autouse=True)
def limits(settings):
    settings.SUNSHINE_SUBMISSIONS_PER_ADDRESS = 3
    settings.SUNSHINE_SUBMISSIONS_PER_CONTACT = 2


def test_contacts_count_however_they_are_written():
    assert submissions.normalize_contact(" Chen@Example.COM ") == "chen@example.com"
    assert submissions.normalize_contact("+86 138-0013-8000") == "13800138000"
    assert submissions.normalize_contact("") == ""


def test_an_address_is_stopped_past_its_share_with_the_seconds_to_wait():
    for n in range(3):
        submissions.check(from_address(), [f"p{n}@example.com"])
        submissions.count(from_address(), [f"p{n}@example.com"])

    with pytest.raises(submissions.TooManySubmissions) as refused:
        submissions.check(from_address(), ["new@example.com"])

    assert refused.value.status == 429
    assert refused.value.code == "too_many_submissions"
    assert 3590 <= refused.value.retry_after <= 3600
    submissions.check(from_address("203.0.113.1"), ["new@example.com"])  # another address is open


def test_a_contact_is_stopped_past_its_share_from_any_address():
    submissions.count(from_address("192.0.2.1"), ["chen@example.com"])
    submissions.count(from_address("192.0.2.2"), ["CHEN@example.com"])

    with pytest.raises(submissions.TooManySubmissions):
        submissions.check(from_address("192.0.2.3"), ["chen@example.com", "13800138000"])
    submissions.check(from_address("192.0.2.3"), ["13800138000"])


def test_one_acknowledgement_an_hour_goes_to_an_address_not_confirmed():
    assert submissions.may_acknowledge("chen@example.com")
    assert not submissions.may_acknowledge("CHEN@example.com ")
    assert submissions.may_acknowledge("li@example.com")
    assert not submissions.may_acknowledge("")


def test_opening_the_marked_link_of_a_message_confirms_its_address():
    link = submissions.with_confirmation("https://gk.example.gov.cn/requests/r/A1/tok/", "chen@example.com")
    assert submissions.may_acknowledge("chen@example.com")
    assert not submissions.may_acknowledge("chen@example.com")

    query = link.split("?", 1)[1]
    assert submissions.confirm_from(from_address(query=f"?{query}"))

    assert submissions.is_confirmed("Chen@example.com")
    assert submissions.may_acknowledge("chen@example.com")
    assert submissions.may_acknowledge("chen@example.com")


def test_a_forged_mark_confirms_nothing():
    assert not submissions.confirm_from(from_address(query="?confirm=not-signed"))
    assert not submissions.is_confirmed("chen@example.com")
