"""The reply clock of letters, hand-counted on the official 2026 calendar.

Around National Day 2026: 25–27 September (Mid-Autumn) and 1–7 October are days off; Sunday
20 September and Saturday 10 October are working days.
"""

from __future__ import annotations

import datetime

import pytest

from sunshine.letters.models import LetterPeriod
from sunshine.letters.services import perform_action

D = datetime.date


def test_a_consultation_is_due_on_the_fifth_working_day_after_receipt_across_national_day(write, alice):
    letter, _key = write(
        D(2026, 9, 30), kind="consultation", by=alice, received_on=D(2026, 9, 30), channel="post"
    )
    # 8, 9, 10 (Saturday, worked), 12, 13 October.
    assert letter.due_date == D(2026, 10, 13)
    assert letter.due_date_provisional is False


@pytest.mark.parametrize("kind", ["complaint", "suggestion", "report", "mailbox", "disclosure_complaint"])
def test_every_other_kind_is_due_on_the_fifteenth_working_day(write, alice, kind):
    letter, _key = write(D(2026, 9, 30), kind=kind, by=alice, received_on=D(2026, 9, 30), channel="post")
    # 8, 9, 10, 12–16, 19–23, 26, 27 October.
    assert letter.due_date == D(2026, 10, 27)
    assert letter.period_working_days == 15


def test_an_online_letter_sent_on_a_holiday_is_received_on_the_next_working_day(write):
    letter, _key = write(D(2026, 10, 3), kind="consultation")
    assert letter.received_on == D(2026, 10, 8)
    # 9, 10, 12, 13, 14 October.
    assert letter.due_date == D(2026, 10, 14)


def test_an_online_letter_sent_on_a_working_day_is_received_that_day(write):
    letter, _key = write(D(2026, 9, 20), kind="consultation")  # a Sunday worked before Mid-Autumn
    assert letter.received_on == D(2026, 9, 20)
    # 21, 22, 23, 24, 28 September.
    assert letter.due_date == D(2026, 9, 28)


def test_an_agencys_own_period_replaces_the_default(write, tree, alice):
    LetterPeriod.objects.create(agency=tree["education"], kind="complaint", working_days=10)
    letter, _key = write(D(2026, 9, 30), by=alice, received_on=D(2026, 9, 30), channel="post")
    # 8, 9, 10, 12–16, 19, 20 October.
    assert letter.due_date == D(2026, 10, 20)


def test_a_request_for_information_stops_the_clock_until_the_answer_arrives(write, alice):
    letter, _key = write(D(2026, 9, 21), by=alice, received_on=D(2026, 9, 21), channel="post")
    assert letter.due_date == D(2026, 10, 19)
    today = D(2026, 10, 9)
    perform_action(letter=letter, action="accept", by=alice, date=D(2026, 9, 22), today=today)
    paused = perform_action(
        letter=letter, action="request_info", by=alice, date=D(2026, 9, 24), today=today, items=["学校名称"]
    )
    assert paused.status == "awaiting_info"
    assert paused.due_date is None
    resumed = perform_action(letter=letter, action="receive_info", by=alice, date=D(2026, 10, 9), today=today)
    # Counted: 22–24 September (3). Not counted: 28–30 September, 8 and 9 October (the answer's day).
    # Then 12 more: 10, 12–16, 19–23, 26 October.
    assert resumed.status == "accepted"
    assert resumed.due_date == D(2026, 10, 26)


def test_an_extension_adds_its_working_days(write, alice, sid):
    letter, _key = write(D(2026, 9, 30), by=alice, received_on=D(2026, 9, 30), channel="post")
    extended = perform_action(
        letter=letter,
        action="extend",
        by=sid,
        date=D(2026, 10, 9),
        today=D(2026, 10, 9),
        working_days=5,
        reason="需要实地核查",
    )
    # 27 October, then 28, 29, 30 October, 2 and 3 November.
    assert extended.due_date == D(2026, 11, 3)
    assert extended.extension_approver == sid


def test_a_due_date_in_an_unpublished_year_is_provisional(write, alice):
    letter, _key = write(D(2026, 12, 21), by=alice, received_on=D(2026, 12, 21), channel="post")
    assert letter.due_date is not None
    assert letter.due_date.year == 2027
    assert letter.due_date_provisional is True
