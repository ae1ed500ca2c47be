"""Anomalies the sweep finds: decided too fast, refused or denied without reasons, materials returned
more than once, suspended too long; and the guide's steps past their time limits."""

from __future__ import annotations

import datetime

from sunshine.cases.models import Case, CaseEvent, CaseStepDone
from sunshine.supervision.models import CaseState
from sunshine.supervision.sweep import sweep

D = datetime.date


def anomalies(case: Case) -> list[str]:
    return CaseState.objects.get(case=case).anomalies


def test_a_decision_on_the_day_of_acceptance_is_too_fast(accepted, act):
    case = accepted(D(2026, 11, 2))
    act(case, "decide", D(2026, 11, 2), result="approved", reasons="符合条件")
    sweep(D(2026, 11, 3))
    assert anomalies(case) == ["too_fast"]


def test_a_refusal_without_reasons_is_an_anomaly(registered):
    case = registered(D(2026, 11, 2))
    Case.objects.filter(pk=case.pk).update(status="refused", refusal_reason=" ")
    sweep(D(2026, 11, 3))
    assert anomalies(case) == ["no_reasons"]


def test_materials_returned_twice_are_an_anomaly(registered):
    case = registered(D(2026, 11, 2))
    Case.objects.filter(pk=case.pk).update(notified_on=D(2026, 11, 3))
    for day in (3, 5):
        CaseEvent.objects.create(case=case, action="notify_missing", date=D(2026, 11, day))
    sweep(D(2026, 11, 6))
    assert anomalies(case) == ["repeated_returns"]


def test_one_return_is_not(registered, act):
    case = act(registered(D(2026, 11, 2)), "notify_missing", D(2026, 11, 3), items=["缺少资产证明"])
    act(case, "receive_missing", D(2026, 11, 4))
    sweep(D(2026, 11, 6))
    assert anomalies(case) == []


def test_a_suspension_longer_than_allowed_is_an_anomaly(accepted, act, settings):
    settings.SUNSHINE_SUPERVISION_MAX_SUSPENSION_DAYS = 5
    case = act(accepted(D(2026, 11, 2)), "suspend", D(2026, 11, 3), reason="听证")
    sweep(D(2026, 11, 10))  # 5 working days
    assert anomalies(case) == []
    sweep(D(2026, 11, 11))
    assert anomalies(case) == ["long_suspension"]


def test_steps_past_their_time_limit_are_listed(accepted):
    case = accepted(D(2026, 11, 2))  # accept 1 day → 3 Nov; review 7 days after it
    CaseStepDone.objects.create(case=case, step="accept", date=D(2026, 11, 4))
    sweep(D(2026, 11, 5))
    assert CaseState.objects.get(case=case).overrun_steps == ["accept"]
    sweep(D(2026, 11, 16))  # review due 13 Nov, not done
    assert CaseState.objects.get(case=case).overrun_steps == ["accept", "review"]
