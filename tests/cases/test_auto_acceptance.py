"""行政许可法 Art. 32: an application left for 5 working days without a notice of missing items or an
acceptance counts as accepted on the day its materials arrived; ``cases_sweep`` records it."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command

from sunshine.cases.models import Case, CaseEvent
from sunshine.core.models import AuditEntry

D = datetime.date


def sweep(today: D) -> str:
    out = io.StringIO()
    call_command("cases_sweep", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def test_a_case_left_five_working_days_is_accepted_on_the_day_it_arrived(registered):
    case = registered()  # Monday 2 November: the 5th working day after it is Monday 9 November
    assert "0 case(s)" in sweep(D(2026, 11, 9))
    assert "1 case(s)" in sweep(D(2026, 11, 10))
    case = Case.objects.get(pk=case.pk)
    assert case.status == "accepted"
    assert case.accepted_on == D(2026, 11, 2)
    assert case.due_date == D(2026, 11, 30)
    event = CaseEvent.objects.get(case=case, action="auto_accept")
    assert event.date == D(2026, 11, 9)
    assert event.by is None
    entry = AuditEntry.objects.get(action="case.auto_accept")
    assert entry.actor is None


def test_the_sweep_records_it_once(registered):
    registered()
    sweep(D(2026, 11, 10))
    assert "0 case(s)" in sweep(D(2026, 11, 11))
    assert CaseEvent.objects.filter(action="auto_accept").count() == 1
    assert AuditEntry.objects.filter(action="case.auto_accept").count() == 1


def test_a_case_with_a_notice_waits_for_its_materials(registered, act):
    case = act(registered(), "notify_missing", D(2026, 11, 3), items=["申请书未签字"])
    sweep(D(2026, 11, 20))
    assert Case.objects.get(pk=case.pk).status == "awaiting_materials"


def test_after_the_missing_items_arrive_the_five_days_run_again(registered, act):
    case = act(registered(), "notify_missing", D(2026, 11, 3), items=["申请书未签字"])
    case = act(case, "receive_missing", D(2026, 11, 5))  # the 5th working day after: 12 November
    sweep(D(2026, 11, 12))
    assert Case.objects.get(pk=case.pk).status == "submitted"
    sweep(D(2026, 11, 13))
    case = Case.objects.get(pk=case.pk)
    assert case.status == "accepted"
    assert case.accepted_on == D(2026, 11, 5)


def test_cases_already_accepted_or_refused_are_left_alone(registered, act):
    accepted = act(registered(), "accept", D(2026, 11, 3))
    refused = act(registered(), "refuse", D(2026, 11, 3), reason="不属于本机关职权范围")
    sweep(D(2026, 11, 30))
    assert Case.objects.get(pk=accepted.pk).status == "accepted"
    assert Case.objects.get(pk=refused.pk).status == "refused"
    assert not CaseEvent.objects.filter(action="auto_accept").exists()
