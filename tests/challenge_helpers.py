"""Helpers for the tests of the brakes' question (sunshine/core/challenge.py)."""

from __future__ import annotations

import re

from django.test import RequestFactory

from sunshine.core.throttle import AddressCounter


def solve(question: str) -> str:
    """The answer to an English question ("How much is 12 plus 3?")."""
    found = re.search(r"(\d+) (plus|minus) (\d+)", question)
    assert found is not None, question
    a, op, b = found.groups()
    return str(int(a) + int(b) if op == "plus" else int(a) - int(b))


def count_from_test_client(counter: AddressCounter, times: int) -> None:
    """Count ``times`` for the test client's address (127.0.0.1), as if it had sent that many."""
    request = RequestFactory().get("/")
    for _ in range(times):
        counter.count(request)


def question_on(page: str) -> tuple[str, str]:
    """The id and the question a page shows (``core/_challenge.html``)."""
    challenge_id = re.search(r'name="challenge_id" value="([^"]+)"', page)
    question = re.search(r'for="id_challenge_answer">([^<]+)<', page)
    assert challenge_id is not None
    assert question is not None
    return challenge_id.group(1), question.group(1)
