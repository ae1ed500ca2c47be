"""The brakes' question (sunshine/core/challenge.py): made and checked on the site, signed, timed
and answered once."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import RequestFactory
from django.utils import translation

from sunshine.core import challenge
from sunshine.core.throttle import AddressCounter
from sunshine.core.workflow import WorkflowError
from tests.challenge_helpers import count_from_test_client, solve


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def test_a_right_answer_passes_once_only():
    asked = challenge.issue("test.form")
    assert challenge.verify("test.form", asked.id, solve(asked.question))
    assert not challenge.verify("test.form", asked.id, solve(asked.question))


def test_a_wrong_answer_uses_the_question_up():
    asked = challenge.issue("test.form")
    assert not challenge.verify("test.form", asked.id, "999")
    assert not challenge.verify("test.form", asked.id, solve(asked.question))


def test_full_width_digits_and_spaces_are_read_as_the_number():
    asked = challenge.issue("test.form")
    wide = "".join(chr(ord(d) + 0xFEE0) for d in solve(asked.question))
    assert challenge.verify("test.form", asked.id, f" {wide} ")


def test_a_question_of_another_form_a_forged_or_an_expired_one_fails(settings):
    asked = challenge.issue("letters.write")
    assert not challenge.verify("surveys.response", asked.id, solve(asked.question))
    forged = signing.dumps({"p": "test.form", "n": "x", "h": "0"}, salt="another")
    assert not challenge.verify("test.form", forged, "1")
    settings.SUNSHINE_CHALLENGE_MAX_AGE = -1
    late = challenge.issue("test.form")
    assert not challenge.verify("test.form", late.id, solve(late.question))


def test_the_answer_cannot_be_read_from_the_id():
    asked = challenge.issue("test.form")
    data = signing.loads(asked.id, salt=challenge.SALT)
    assert set(data) == {"p", "n", "h"}
    assert solve(asked.question) not in {str(v) for v in data.values()}


def test_the_gate_asks_only_once_the_address_is_near_its_limit(settings):
    settings.SUNSHINE_CHALLENGE_AFTER = 2
    counter = AddressCounter("test:gate", 5, 600)
    gate = challenge.Gate("test.form", counter)
    request = RequestFactory().post("/")
    gate.require(request)  # nothing asked yet
    count_from_test_client(counter, 2)
    with pytest.raises(WorkflowError) as raised:
        gate.require(request)
    assert raised.value.status == 428
    assert raised.value.code == "challenge_required"
    fields = raised.value.fields
    gate.require(request, fields["challenge_id"], solve(fields["question"]))  # answered: passes


def test_the_answer_may_come_in_headers():
    counter = AddressCounter("test:headers", 5, 600)
    gate = challenge.Gate("test.form", counter, after=0)
    asked = challenge.issue("test.form")
    request = RequestFactory().post(
        "/", HTTP_X_CHALLENGE_ID=asked.id, HTTP_X_CHALLENGE_ANSWER=solve(asked.question)
    )
    gate.require(request)


def test_a_page_gets_a_new_question_with_the_reason_after_a_wrong_answer():
    gate = challenge.Gate("test.form", AddressCounter("test:page", 5, 600), after=0)
    request = RequestFactory().post("/")
    asked = gate.for_page(request)
    assert asked is not None
    assert "plus" in asked.question or "minus" in asked.question
    passed, again = gate.check_page(request, {"challenge_id": asked.id, "challenge_answer": "-50"})
    assert not passed
    assert again is not None
    assert again.id != asked.id
    assert "not right" in again.error
    passed, none = gate.check_page(
        request, {"challenge_id": again.id, "challenge_answer": solve(again.question)}
    )
    assert passed
    assert none is None
