"""The decision due date and the promised date of a case, and its warning, hand-counted on the
official 2026 calendar (November 2026 has no holiday; 2027 is not published, so provisional)."""

from __future__ import annotations

import datetime

import pytest

from sunshine.cases.clock import warning

D = datetime.date


def test_nothing_is_due_before_the_case_is_accepted(registered):
    case = registered()
    assert case.accepted_on is None
    assert case.due_date is None
    assert case.promised_date is None
    assert warning(case, D(2026, 11, 30)) == "none"


def test_the_decision_is_due_on_the_statutory_working_day_after_acceptance(registered, act):
    case = act(registered(), "accept", D(2026, 11, 3))
    assert case.accepted_on == D(2026, 11, 2)  # the day the complete materials arrived
    # 3–6, 9–13, 16–20, 23–27, 30 November: the 20th working day after Monday 2 November.
    assert case.due_date == D(2026, 11, 30)
    # 3–6, 9–13, 16 November: the 10th.
    assert case.promised_date == D(2026, 11, 16)
    assert case.due_date_provisional is False


def test_suspended_working_days_are_not_counted(registered, act):
    case = act(registered(), "accept", D(2026, 11, 2))
    case = act(case, "suspend", D(2026, 11, 5), reason="专家评审")
    assert case.due_date is None  # unknown while the clock is stopped
    case = act(case, "resume", D(2026, 11, 10))
    # 6, 9 and 10 November are not counted: three working days later.
    assert case.due_date == D(2026, 12, 3)
    assert case.promised_date == D(2026, 11, 19)


def test_an_extension_adds_its_working_days_to_both_dates(registered, act, sid):
    case = act(registered(), "accept", D(2026, 11, 2))
    case = act(case, "extend", D(2026, 11, 9), by=sid, working_days=5, reason="需现场核查")
    assert case.due_date == D(2026, 12, 7)
    assert case.promised_date == D(2026, 11, 23)


def test_a_due_date_in_an_unpublished_year_is_provisional(registered, act):
    case = act(registered(D(2026, 12, 14)), "accept", D(2026, 12, 14))
    assert case.due_date is not None
    assert case.due_date.year == 2027
    assert case.due_date_provisional is True


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 11, 11), "none"),  # 7 of 10 promised working days used
        (D(2026, 11, 12), "yellow"),  # 8 of 10: 80 %
        (D(2026, 11, 16), "yellow"),  # the promised day itself
        (D(2026, 11, 17), "red"),  # past the promised date
    ],
)
def test_the_warning_follows_the_share_of_the_promised_days_used(registered, act, today, expected):
    case = act(registered(), "accept", D(2026, 11, 2))
    assert warning(case, today) == expected


def test_one_working_day_left_is_yellow_whatever_the_share(registered, act, settings):
    settings.SUNSHINE_CASE_YELLOW_SHARE = 1.0
    case = act(registered(), "accept", D(2026, 11, 2))
    assert warning(case, D(2026, 11, 12)) == "none"  # two left
    assert warning(case, D(2026, 11, 13)) == "yellow"  # one left


def test_suspended_days_do_not_bring_the_warning_nearer(registered, act):
    case = act(registered(), "accept", D(2026, 11, 2))
    case = act(case, "suspend", D(2026, 11, 3), reason="听证")
    assert warning(case, D(2026, 11, 30)) == "none"  # one working day counted so far


def test_a_decided_case_has_no_warning(registered, act):
    case = act(registered(), "accept", D(2026, 11, 2))
    case = act(case, "decide", D(2026, 11, 20), result="approved", reasons="")
    assert case.due_date == D(2026, 11, 30)  # the dates stay as they stood
    assert warning(case, D(2026, 12, 30)) == "none"
