"""A request walked through correction, consultation, extension and reply, with the due date
checked at every step against the 2026 calendar (dates worked out by hand, see the comments)."""

from __future__ import annotations

import pytest

from sunshine.core.models import AuditEntry
from sunshine.inforequests.codes import Outcome, Status
from sunshine.inforequests.services import RequestError, perform_action
from tests.inforequests.conftest import D


def act(request, action, day, by=None, **fields):
    return perform_action(request=request, action=action, by=by, date=day, today=D(2026, 11, 22), **fields)


def test_an_online_request_on_a_saturday_is_received_on_the_make_up_sunday(submit):
    request, _ = submit(D(2026, 9, 19))  # Saturday; Sunday 09-20 is a make-up working day
    assert request.status == Status.RECEIVED
    assert request.received_on == D(2026, 9, 20)


def test_an_online_request_in_the_national_day_week_is_received_after_the_holiday(submit):
    request, _ = submit(D(2026, 10, 3))
    assert request.received_on == D(2026, 10, 8)


def test_the_reply_is_due_on_the_twentieth_working_day_after_receipt_across_the_spring_festival(submit):
    request, _ = submit(D(2025, 1, 20))
    # Jan 21-24 (4), Sun Jan 26 make-up (5), Jan 27 (6), Jan 28-Feb 4 off, Feb 5-7 (9),
    # Sat Feb 8 make-up (10), Feb 10-14 (15), Feb 17-21 (20)
    assert request.due_date == D(2025, 2, 21)


def test_the_whole_walk_keeps_the_due_date_right_at_every_step(submit, olga):
    request, _ = submit(D(2026, 9, 19))
    # 20 working days after Sun 09-20 (make-up day): 09-21..24 (4), 09-28..30 (7),
    # 10-08, 09 (9), Sat 10-10 (10), 10-12..16 (15), 10-19..23 (20)
    assert request.due_date == D(2026, 10, 23)

    request = act(
        request,
        "request_correction",
        D(2026, 9, 22),
        olga,
        items=["写明预算表的年份"],
        period_working_days=10,
    )
    assert request.status == Status.AWAITING_CORRECTION
    assert request.due_date is None  # the clock stops (条例 Art. 30)
    # 10 working days after 09-22: 09-23, 24, 28, 29, 30, 10-08, 09, Sat 10-10, 10-12, 13
    assert request.correction_due == D(2026, 10, 13)
    assert request.correction_late is False

    request = act(request, "receive_correction", D(2026, 10, 9), olga)
    # the period starts again: 20 working days after 10-09 -> 10-10 (1) ... 11-05 (20)
    assert request.due_date == D(2026, 11, 5)

    request = act(request, "start_consultation", D(2026, 10, 12), olga, party="third_party")
    assert request.status == Status.IN_CONSULTATION
    assert request.due_date is None
    request = act(request, "end_consultation", D(2026, 10, 16), olga)
    # 10-13..16 do not count: 4 working days more -> 11-06, 09, 10, 11
    assert request.due_date == D(2026, 11, 11)

    request = act(
        request, "extend", D(2026, 10, 20), olga, working_days=10, reason="需要检索档案", approved_by="王主任"
    )
    # 10 working days after 11-11: 11-12, 13, 16..20, 23, 24, 25
    assert request.due_date == D(2026, 11, 25)

    request = act(
        request, "reply", D(2026, 11, 20), olga, outcome="disclosed", reasons="依据条例第三十六条第二项"
    )
    assert request.status == Status.REPLIED
    assert request.outcome == Outcome.DISCLOSED
    assert request.concluded_on == D(2026, 11, 20)
    assert request.due_date == D(2026, 11, 25)
    actions = list(
        AuditEntry.objects.filter(object_type="inforequests.inforequest", object_id=str(request.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "inforequest.submit",
        "inforequest.request_correction",
        "inforequest.receive_correction",
        "inforequest.start_consultation",
        "inforequest.end_consultation",
        "inforequest.extend",
        "inforequest.reply",
    ]


def test_a_correction_notice_after_seven_working_days_is_marked_late(submit):
    request, _ = submit(D(2026, 9, 21))
    # received Mon 09-21; 7th working day after: 09-22, 23, 24, (25 中秋) 28, 29, 30, 10-08
    request = act(request, "request_correction", D(2026, 10, 9), items=["x"], period_working_days=5)
    assert request.correction_late is True


def test_a_correction_notice_on_the_seventh_working_day_is_in_time(submit):
    request, _ = submit(D(2026, 9, 21))
    request = act(request, "request_correction", D(2026, 10, 8), items=["x"], period_working_days=5)
    assert request.correction_late is False


def test_a_second_extension_is_refused(submit):
    request, _ = submit(D(2026, 9, 21))
    request = act(request, "extend", D(2026, 9, 22), working_days=5, reason="r", approved_by="a")
    with pytest.raises(RequestError) as caught:
        act(request, "extend", D(2026, 9, 23), working_days=5, reason="r", approved_by="a")
    assert caught.value.status == 409


@pytest.mark.parametrize("days", [0, 21, "5", None])
def test_an_extension_must_be_one_to_twenty_working_days(submit, days):
    request, _ = submit(D(2026, 9, 21))
    with pytest.raises(RequestError) as caught:
        act(request, "extend", D(2026, 9, 22), working_days=days, reason="r", approved_by="a")
    assert caught.value.status == 422
    assert "working_days" in caught.value.fields


def test_an_extension_after_the_due_date_is_refused(submit):
    request, _ = submit(D(2026, 9, 21))
    assert request.due_date == D(2026, 10, 26)
    with pytest.raises(RequestError) as caught:
        act(request, "extend", D(2026, 10, 27), working_days=5, reason="r", approved_by="a")
    assert caught.value.code == "past_due_date"


def test_an_action_the_status_does_not_allow_is_a_conflict_and_changes_nothing(submit):
    request, _ = submit(D(2026, 9, 21))
    act(request, "reply", D(2026, 9, 25), outcome="disclosed", reasons="")
    with pytest.raises(RequestError) as caught:
        act(request, "request_correction", D(2026, 9, 28), items=["x"], period_working_days=5)
    assert caught.value.status == 409
    request.refresh_from_db()
    assert request.status == Status.REPLIED
    assert request.correction_requested_on is None


def test_the_correction_can_be_declared_overdue_only_after_its_period(submit):
    request, _ = submit(D(2026, 9, 21))
    request = act(request, "request_correction", D(2026, 9, 22), items=["x"], period_working_days=3)
    # 3 working days after 09-22: 09-23, 24, 28 -> due 09-28
    with pytest.raises(RequestError):
        act(request, "correction_overdue", D(2026, 9, 28))
    request = act(request, "correction_overdue", D(2026, 9, 29))
    assert request.status == Status.CLOSED
    assert request.outcome == Outcome.OTHER_CORRECTION_OVERDUE
    assert request.concluded_on == D(2026, 9, 29)


def test_a_withdrawn_request_counts_as_other(submit):
    request, _ = submit(D(2026, 9, 21))
    request = act(request, "withdraw", D(2026, 9, 23))
    assert request.status == Status.WITHDRAWN
    assert request.outcome == Outcome.OTHER


def test_a_date_in_the_future_or_before_the_last_step_is_refused(submit):
    request, _ = submit(D(2026, 9, 21))
    with pytest.raises(RequestError) as future:
        perform_action(
            request=request, action="withdraw", by=None, date=D(2026, 11, 23), today=D(2026, 11, 22)
        )
    assert "date" in future.value.fields
    with pytest.raises(RequestError) as earlier:
        act(request, "withdraw", D(2026, 9, 1))
    assert "date" in earlier.value.fields


def test_a_reply_other_than_disclosure_needs_reasons(submit):
    request, _ = submit(D(2026, 9, 21))
    with pytest.raises(RequestError) as caught:
        act(request, "reply", D(2026, 9, 25), outcome="withheld_state_secret", reasons="")
    assert "reasons" in caught.value.fields
