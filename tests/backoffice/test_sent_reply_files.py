"""On the request's staff page the files of the sent reply are listed with its outcome, and the
"Files from the applicant" lists only what the applicant sent; a signed reply's card points to the
step that sends it."""

from __future__ import annotations

import pytest

from sunshine.inforequests.models import InfoRequest
from tests.backoffice import D, fixed_today, paper_request
from tests.backoffice.test_reply_review import attach, save_draft, send, staff_page, step
from tests.records.files import make_pdf


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def signed(client, tree, olga) -> InfoRequest:
    """A reply with a file, prepared, reviewed and signed by Olga of the disclosure office."""
    request = paper_request(tree["education"], D(2026, 10, 13))
    client.force_login(olga)
    save_draft(client, request)
    attach(client, request, "预算表.pdf", make_pdf("2025 budget"))
    for action in ("submit", "approve", "sign"):
        assert step(client, request, action).status_code == 302, action
    return request


def test_a_signed_reply_s_card_points_to_the_step_that_sends_it(client, signed):
    page = staff_page(client, signed).content.decode()
    assert 'data-field="reply_next"' in page
    assert 'href="#action-reply"' in page


def test_the_sent_reply_s_files_are_listed_with_its_outcome(client, signed):
    assert send(client, signed).status_code == 302
    page = staff_page(client, signed).content.decode()
    assert 'data-field="sent_reply_files"' in page
    assert "预算表.pdf" in page


def test_the_sent_reply_s_files_are_not_among_the_files_from_the_applicant(client, signed):
    assert send(client, signed).status_code == 302
    response = staff_page(client, signed)
    assert response.context["request_files"] == []
    assert [f.name for f in response.context["reply_files"]] == ["预算表.pdf"]
