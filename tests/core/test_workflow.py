"""The workflow kernel on its own (sunshine.core.workflow), with a toy procedure whose "status" is a
group's name: the order of the checks, the one error type, the audit row, nothing half-written and
the notifications only after the commit."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from pydantic import BaseModel, Field

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import Action, Step, Texts, Workflow, WorkflowError, WorkflowForbidden

TODAY = datetime.date(2026, 12, 7)


class RenameIn(BaseModel):
    suffix: str = Field(min_length=1, max_length=5)


def _rename(step: Step[Group]) -> dict[str, Any]:
    if step.input.suffix == "boom":
        raise WorkflowError(409, "refused", "The handler refuses.")
    return {"suffix": step.input.suffix}


TEXTS = Texts(button="Open", history="Opened", help="Opens it.", public="Opened with %(suffix)s.")
ACTIONS: dict[str, Action[Group]] = {
    "open": Action("open", frozenset({"draft"}), "open", frozenset({"officer"}), TEXTS, _rename, RenameIn),
    "close": Action("close", frozenset({"open"}), "closed", frozenset(), Texts("Close", "Closed", "")),
}


def make_workflow(events: list[tuple[str, Mapping[str, Any]]], sent: list[str]) -> Workflow[Group]:
    return Workflow(
        name="toy",
        actions=ACTIONS,
        agency_of=lambda group: None,
        may_act=lambda user, agency, roles: "officer" in roles and user.get_username() == "olga",
        snapshot=lambda group: {"status": group.name},
        status_field="name",
        event=lambda step, data: events.append((step.action.name, data)),
        notify=lambda step, data: sent.append(step.action.name),
    )


@pytest.fixture
def toy(db):
    events: list[tuple[str, Mapping[str, Any]]] = []
    sent: list[str] = []
    return make_workflow(events, sent), Group.objects.create(name="draft"), events, sent


def test_an_action_changes_the_status_writes_the_history_and_the_audit_and_notifies_after_commit(
    toy, django_capture_on_commit_callbacks
):
    workflow, group, events, sent = toy
    olga = User.objects.create(username="olga")
    with django_capture_on_commit_callbacks(execute=True):
        group = workflow.perform(group, "open", by=olga, input={"suffix": "x"}, today=TODAY)
        assert sent == []  # not before the commit
    assert Group.objects.get(pk=group.pk).name == "open"
    assert events == [("open", {"suffix": "x"})]
    assert sent == ["open"]
    entry = AuditEntry.objects.get(action="toy.open")
    assert entry.before == {"status": "draft"}
    assert entry.after == {"status": "open", "suffix": "x"}


def test_a_person_without_the_role_is_refused_with_403_that_is_also_permission_denied(toy):
    workflow, group, events, _sent = toy
    with pytest.raises(WorkflowForbidden) as caught:
        workflow.perform(group, "open", by=User.objects.create(username="ivan"), input={"suffix": "x"})
    assert caught.value.status == 403
    assert caught.value.code == "permission_denied"
    assert isinstance(caught.value, PermissionDenied)
    assert Group.objects.get(pk=group.pk).name == "draft"
    assert events == []


def test_an_action_of_the_system_is_refused_to_any_person(toy):
    workflow, group, _events, _sent = toy
    Group.objects.filter(pk=group.pk).update(name="open")
    with pytest.raises(WorkflowForbidden):
        workflow.perform(group, "close", by=User.objects.create(username="olga"))
    assert workflow.perform(group, "close", by=None).name == "closed"


def test_an_action_the_status_does_not_allow_is_a_409_and_changes_nothing(toy):
    workflow, group, _events, _sent = toy
    with pytest.raises(WorkflowError) as caught:
        workflow.perform(group, "close", by=None)
    assert caught.value.status == 409
    assert caught.value.code == "action_not_allowed"
    assert not AuditEntry.objects.filter(action__startswith="toy.").exists()


def test_typed_input_is_checked_before_anything_and_names_the_field(toy):
    workflow, group, _events, _sent = toy
    with pytest.raises(WorkflowError) as caught:
        workflow.perform(group, "open", by=None, input={"suffix": "toolong"})
    assert caught.value.status == 422
    assert set(caught.value.fields) == {"suffix"}


def test_a_date_in_the_future_is_refused(toy):
    workflow, group, _events, _sent = toy
    with pytest.raises(WorkflowError) as caught:
        workflow.perform(
            group,
            "open",
            by=None,
            input={"suffix": "x"},
            date=TODAY + datetime.timedelta(days=1),
            today=TODAY,
        )
    assert caught.value.status == 422
    assert set(caught.value.fields) == {"date"}


def test_a_refusal_of_the_handler_leaves_nothing_half_written(toy):
    workflow, group, events, sent = toy
    with pytest.raises(WorkflowError) as caught:
        workflow.perform(group, "open", by=None, input={"suffix": "boom"})
    assert caught.value.code == "refused"
    assert Group.objects.get(pk=group.pk).name == "draft"
    assert events == []
    assert sent == []
    assert not AuditEntry.objects.filter(action__startswith="toy.").exists()


def test_an_unknown_action_is_a_422_on_the_field_action(toy):
    workflow, group, _events, _sent = toy
    with pytest.raises(WorkflowError) as caught:
        workflow.perform(group, "explode", by=None)
    assert caught.value.status == 422
    assert set(caught.value.fields) == {"action"}


def test_the_declarations_answer_which_actions_a_status_and_roles_allow(toy):
    workflow, _group, _events, _sent = toy
    assert workflow.allowed("draft") == ["open"]
    assert workflow.for_roles("open", {"officer"}) == []  # close is the system's
    assert workflow.for_roles("draft", {"officer"}) == ["open"]


def test_the_public_line_fills_its_placeholders_from_the_event_data_and_tolerates_missing_ones():
    assert TEXTS.public_line({"suffix": "x"}) == "Opened with x."
    assert TEXTS.public_line({}) == "Opened with ."
    assert Texts("B", "History", "").public_line({}) == "History"


def test_a_declaration_under_another_name_is_refused():
    with pytest.raises(ValueError, match="declared as"):
        Workflow(
            name="bad",
            actions={"other": ACTIONS["open"]},
            agency_of=lambda o: None,
            may_act=lambda u, a, r: True,
            snapshot=lambda o: {},
        )
