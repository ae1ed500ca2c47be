"""The staff actions on a case through the workflow kernel: statuses, inputs, roles, history, audit."""

from __future__ import annotations

import datetime

import pytest

from sunshine.cases.models import CaseEvent
from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError

D = datetime.date


def test_accepting_records_the_event_and_an_audit_row(registered, act, alice):
    case = act(registered(), "accept", D(2026, 11, 3))
    assert case.status == "accepted"
    event = CaseEvent.objects.get(case=case, action="accept")
    assert event.date == D(2026, 11, 3)
    assert event.by == alice
    entry = AuditEntry.objects.get(action="case.accept")
    assert (entry.after or {})["status"] == "accepted"


def test_not_accepting_needs_a_reason(registered, act):
    case = registered()
    with pytest.raises(WorkflowError) as exc:
        act(case, "refuse", D(2026, 11, 3))
    assert exc.value.status == 422
    assert "reason" in exc.value.fields
    case = act(case, "refuse", D(2026, 11, 3), reason="不属于本机关职权范围")
    assert case.status == "refused"
    assert case.refusal_reason == "不属于本机关职权范围"


def test_the_notice_lists_every_missing_item_at_once(registered, act):
    case = act(
        registered(materials=["application"]),
        "notify_missing",
        D(2026, 11, 4),
        items=[{"material": "assets", "reason": "缺少资产证明原件"}, "申请书未签字"],
    )
    assert case.status == "awaiting_materials"
    assert case.missing_items == [
        {"material": "assets", "name": "资产证明", "reason": "缺少资产证明原件"},
        {"material": "", "reason": "申请书未签字"},
    ]


def test_the_notice_is_sent_once(registered, act):
    case = act(registered(), "notify_missing", D(2026, 11, 4), items=["申请书未签字"])
    case = act(case, "receive_missing", D(2026, 11, 5))
    with pytest.raises(WorkflowError) as exc:
        act(case, "notify_missing", D(2026, 11, 6), items=["资产证明不清"])
    assert (exc.value.status, exc.value.code) == (409, "already_notified")


def test_the_notice_names_only_materials_of_the_guide(registered, act):
    with pytest.raises(WorkflowError) as exc:
        act(registered(), "notify_missing", D(2026, 11, 4), items=[{"material": "passport", "reason": "x"}])
    assert exc.value.status == 422
    assert "items.0.material" in exc.value.fields


def test_an_empty_notice_is_refused(registered, act):
    with pytest.raises(WorkflowError) as exc:
        act(registered(), "notify_missing", D(2026, 11, 4), items=[])
    assert exc.value.status == 422
    assert "items" in exc.value.fields


def test_the_notice_comes_too_late_after_five_working_days(registered, act):
    case = registered()  # received Monday 2 November: the 5th working day is Monday 9 November
    with pytest.raises(WorkflowError) as exc:
        act(case, "notify_missing", D(2026, 11, 10), items=["申请书未签字"])
    assert (exc.value.status, exc.value.code) == (409, "notice_too_late")
    case = act(case, "notify_missing", D(2026, 11, 9), items=["申请书未签字"])
    assert case.notified_on == D(2026, 11, 9)


def test_acceptance_after_the_missing_items_counts_from_their_arrival(registered, act):
    case = act(registered(), "notify_missing", D(2026, 11, 3), items=["申请书未签字"])
    case = act(case, "receive_missing", D(2026, 11, 6))
    assert case.status == "submitted"
    case = act(case, "accept", D(2026, 11, 9))
    assert case.accepted_on == D(2026, 11, 6)
    # 9–13, 16–20, 23–27, 30 November, 1–4 December: 20 working days after Friday 6 November.
    assert case.due_date == D(2026, 12, 4)


def test_steps_are_completed_once_each_by_their_key(registered, act):
    case = act(registered(), "accept", D(2026, 11, 2))
    case = act(case, "complete_step", D(2026, 11, 3), step="review")
    assert list(case.steps_done.values_list("step", "date")) == [("review", D(2026, 11, 3))]
    with pytest.raises(WorkflowError) as exc:
        act(case, "complete_step", D(2026, 11, 4), step="review")
    assert (exc.value.status, exc.value.code) == (409, "step_already_done")
    with pytest.raises(WorkflowError) as exc:
        act(case, "complete_step", D(2026, 11, 4), step="inspection")
    assert exc.value.status == 422


def test_a_suspended_case_cannot_be_decided(registered, act):
    case = act(registered(), "accept", D(2026, 11, 2))
    case = act(case, "suspend", D(2026, 11, 3), reason="检验检测")
    with pytest.raises(WorkflowError) as exc:
        act(case, "decide", D(2026, 11, 4), result="approved")
    assert exc.value.status == 409
    assert case.pauses.get().ended_on is None


def test_suspending_needs_a_reason(registered, act):
    case = act(registered(), "accept", D(2026, 11, 2))
    with pytest.raises(WorkflowError) as exc:
        act(case, "suspend", D(2026, 11, 3))
    assert exc.value.status == 422


def test_an_officer_names_the_signer_who_approved_the_extension(registered, act, sid):
    case = act(registered(), "accept", D(2026, 11, 2))
    with pytest.raises(WorkflowError) as exc:
        act(case, "extend", D(2026, 11, 9), working_days=5, reason="现场核查")
    assert exc.value.status == 422
    assert "approved_by" in exc.value.fields
    case = act(case, "extend", D(2026, 11, 9), working_days=5, reason="现场核查", approved_by="sid")
    assert case.extension_days == 5
    assert case.extension_approved_by == sid


def test_the_extension_is_at_most_ten_working_days_and_once(registered, act, sid):
    case = act(registered(), "accept", D(2026, 11, 2))
    with pytest.raises(WorkflowError) as exc:
        act(case, "extend", D(2026, 11, 9), by=sid, working_days=11, reason="现场核查")
    assert exc.value.status == 422
    assert "working_days" in exc.value.fields
    case = act(case, "extend", D(2026, 11, 9), by=sid, working_days=10, reason="现场核查")
    with pytest.raises(WorkflowError) as exc:
        act(case, "extend", D(2026, 11, 10), by=sid, working_days=1, reason="再次")
    assert (exc.value.status, exc.value.code) == (409, "already_extended")


def test_a_denial_needs_its_reasons(registered, act):
    case = act(registered(), "accept", D(2026, 11, 2))
    with pytest.raises(WorkflowError) as exc:
        act(case, "decide", D(2026, 11, 20), result="denied")
    assert exc.value.status == 422
    assert "reasons" in exc.value.fields
    with pytest.raises(WorkflowError) as exc:
        act(case, "decide", D(2026, 11, 20), result="maybe")
    assert "result" in exc.value.fields


def test_a_decided_case_is_delivered(registered, act):
    case = act(registered(), "accept", D(2026, 11, 2))
    case = act(case, "decide", D(2026, 11, 20), result="denied", reasons="不符合设立条件")
    case = act(case, "deliver", D(2026, 11, 23))
    assert (case.status, case.result, case.decided_on, case.delivered_on) == (
        "delivered",
        "denied",
        D(2026, 11, 20),
        D(2026, 11, 23),
    )


def test_a_step_cannot_be_dated_before_the_last_one(registered, act):
    case = act(registered(), "accept", D(2026, 11, 4))
    with pytest.raises(WorkflowError) as exc:
        act(case, "suspend", D(2026, 11, 3), reason="听证")
    assert exc.value.status == 422
    assert "date" in exc.value.fields


def test_another_agencys_officer_may_not_act(registered, act, fred):
    with pytest.raises(WorkflowError) as exc:
        act(registered(), "accept", D(2026, 11, 3), by=fred)
    assert exc.value.status == 403


def test_a_signer_approves_extensions_but_does_not_handle_cases(registered, act, sid):
    with pytest.raises(WorkflowError) as exc:
        act(registered(), "accept", D(2026, 11, 3), by=sid)
    assert exc.value.status == 403


def test_the_disclosure_office_handles_cases_of_agencies_below_it(registered, act, olga):
    case = act(registered(), "accept", D(2026, 11, 3), by=olga)
    assert case.status == "accepted"


def test_staff_may_not_take_the_laws_own_acceptance(registered, act, olga):
    with pytest.raises(WorkflowError) as exc:
        act(registered(), "auto_accept", D(2026, 11, 10), by=olga)
    assert exc.value.status == 403
