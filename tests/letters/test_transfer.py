"""Transferring a letter: the receiving agency's period runs from the transfer; the sender reads it."""

from __future__ import annotations

import datetime

import pytest

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError
from sunshine.letters import selectors
from sunshine.letters.models import LetterTransfer
from sunshine.letters.services import perform_action

D = datetime.date
TODAY = D(2026, 10, 9)


@pytest.fixture
def letter(write, alice):
    letter, _key = write(D(2026, 9, 21), by=alice, received_on=D(2026, 9, 21), channel="post")
    return letter


def transfer(letter, by, **fields):
    values = {"to_agency": "CITY-FIN", "reason": "属于财政局职责", **fields}
    return perform_action(letter=letter, action="transfer", by=by, date=D(2026, 9, 30), today=TODAY, **values)


def test_the_receiving_agencys_full_period_runs_from_the_transfer_date(letter, alice, tree):
    moved = transfer(letter, alice)
    assert moved.agency == tree["finance"]
    assert moved.status == "transferred"
    assert moved.clock_start == D(2026, 9, 30)
    # 15 working days after 30 September: 8, 9, 10, 12–16, 19–23, 26, 27 October.
    assert moved.due_date == D(2026, 10, 27)
    assert moved.received_on == D(2026, 9, 21)


def test_the_sending_agency_keeps_a_read_view_but_no_longer_acts(letter, alice, fred):
    moved = transfer(letter, alice)
    assert selectors.get_letter_for_staff(alice, moved.pk) == moved
    assert selectors.actions_for(alice, moved) == []
    with pytest.raises(WorkflowError) as refused:
        perform_action(letter=moved, action="accept", by=alice, date=TODAY, today=TODAY)
    assert refused.value.status == 403
    accepted = perform_action(letter=moved, action="accept", by=fred, date=TODAY, today=TODAY)
    assert accepted.status == "accepted"


def test_the_transfer_is_recorded_and_audited(letter, alice, tree):
    transfer(letter, alice)
    row = LetterTransfer.objects.get(letter=letter)
    assert (row.from_agency, row.to_agency, row.reason) == (
        tree["education"],
        tree["finance"],
        "属于财政局职责",
    )
    entry = AuditEntry.objects.filter(action="letter.transfer").get()
    assert (entry.before or {})["agency"] == tree["education"].pk
    assert (entry.after or {})["agency"] == tree["finance"].pk


def test_a_transfer_needs_a_known_other_agency_and_a_reason(letter, alice):
    with pytest.raises(WorkflowError) as refused:
        transfer(letter, alice, to_agency="NOWHERE", reason="")
    assert refused.value.status == 422
    assert set(refused.value.fields) == {"to_agency", "reason"}
    with pytest.raises(WorkflowError) as same:
        transfer(letter, alice, to_agency="CITY-EDU")
    assert same.value.fields == {"to_agency": "The letter is already with this agency."}


def test_an_officer_of_another_agency_cannot_transfer_it(letter, fred):
    with pytest.raises(WorkflowError) as refused:
        transfer(letter, fred)
    assert refused.value.status == 403


def test_a_transfer_drops_the_senders_extension(letter, alice, sid):
    perform_action(
        letter=letter,
        action="extend",
        by=sid,
        date=D(2026, 9, 22),
        today=TODAY,
        working_days=5,
        reason="核查",
    )
    moved = transfer(letter, alice)
    assert moved.extension_days == 0
    assert moved.due_date == D(2026, 10, 27)
