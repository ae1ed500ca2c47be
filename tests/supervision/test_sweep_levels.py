"""The sweep stores the levels of every open case by the rules of the cases' warning, writes a level
change (and an audit row) only when a level changes, and nothing on a second run the same day."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command

from sunshine.cases.clock import recompute_dates, warning
from sunshine.cases.models import Case
from sunshine.cases.selectors import with_warning
from sunshine.core.models import AuditEntry
from sunshine.supervision.events import level_changes
from sunshine.supervision.models import CaseState, LevelChange
from sunshine.supervision.sweep import sweep

D = datetime.date


def test_levels_follow_the_share_of_promised_and_statutory_days(accepted):
    case = accepted(D(2026, 11, 2))  # promised 10 → 16 Nov; statutory 20 → 30 Nov
    sweep(D(2026, 11, 11))
    state = CaseState.objects.get(case=case)
    assert (state.promised_level, state.statutory_level) == ("none", "none")
    sweep(D(2026, 11, 12))  # 8 of 10 promised used
    state.refresh_from_db()
    assert (state.promised_level, state.statutory_level) == ("yellow", "none")
    sweep(D(2026, 11, 17))  # past the promised date
    state.refresh_from_db()
    assert (state.promised_level, state.statutory_level) == ("red", "none")
    sweep(D(2026, 12, 1))
    state.refresh_from_db()
    assert (state.promised_level, state.statutory_level) == ("red", "red")


def test_a_second_sweep_the_same_day_writes_nothing(accepted):
    accepted(D(2026, 11, 2))
    first = sweep(D(2026, 11, 17))
    assert [(c.clock, c.before, c.after) for c in first.changes] == [("promised", "none", "red")]
    audits = AuditEntry.objects.filter(action="supervision.level").count()
    assert audits == 1
    again = sweep(D(2026, 11, 17))
    assert (again.created, again.updated, again.changes) == (0, 0, [])
    assert LevelChange.objects.count() == 1
    assert AuditEntry.objects.filter(action="supervision.level").count() == audits


def test_the_level_changes_are_listed_for_the_outbox(accepted):
    accepted(D(2026, 11, 2))
    sweep(D(2026, 11, 12))
    sweep(D(2026, 11, 17))
    changes = level_changes()
    assert [(c.before, c.after) for c in changes] == [("none", "yellow"), ("yellow", "red")]
    assert level_changes(after_id=changes[0].id)[0].after == "red"


def test_a_decided_case_is_closed_with_its_working_days(accepted, act):
    case = accepted(D(2026, 11, 2))
    sweep(D(2026, 11, 12))
    act(case, "decide", D(2026, 11, 6), result="approved", reasons="符合条件")
    result = sweep(D(2026, 11, 13))
    state = CaseState.objects.get(case=case)
    assert (state.is_open, state.promised_level, state.decision_days) == (False, "none", 4)
    assert result.updated == 1
    assert sweep(D(2026, 11, 16)).checked == 0  # concluded and swept: left alone


def test_the_command_and_cases_sweep_run_it(accepted):
    accepted(D(2026, 11, 2))
    call_command("supervision_sweep", "--today", "2026-11-17", stdout=io.StringIO())
    assert CaseState.objects.get().promised_level == "red"
    call_command("cases_sweep", "--today", "2026-11-17", stdout=io.StringIO())
    assert LevelChange.objects.count() == 1


def test_the_queue_filter_query_gives_the_warnings_of_the_clock(accepted, act):
    cases = [accepted(D(2026, 11, day)) for day in (2, 3, 4, 5, 6, 9, 10)]
    cases[1].extension_days = 3  # approved by a signer (the cases' tests take that step)
    recompute_dates(cases[1])
    cases[1].save()
    act(cases[2], "suspend", D(2026, 11, 6), reason="听证")
    act(cases[3], "suspend", D(2026, 11, 6), reason="检测")
    act(cases[3], "resume", D(2026, 11, 11))
    for day in range(9, 31):
        today = D(2026, 11, day)
        for level in ("yellow", "red"):
            found = set(with_warning(Case.objects.all(), level, today).values_list("pk", flat=True))
            expected = {c.pk for c in Case.objects.all() if warning(c, today) == level}
            assert found == expected, (today, level)
