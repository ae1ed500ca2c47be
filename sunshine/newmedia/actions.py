"""The steps of a new-media account, declared once on the workflow kernel (docs/workflows.md,
docs/newmedia.md#closing-and-merging).

An active account is put into closing (关停) by the agency's information officers or the disclosure
office, with the reason; while it closes, the disclosure office approves its end, either closed or
merged (整合) into another active account of the same agency, or the closing is called off and the
account is active again. The registry's other entries (registration, changes, records queued for
cross-posting, posts entered by hand, the count of unanswered messages) are audited under the same
name by the services."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import Field

from sunshine.cases.selectors import may_act
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import Action, Step, StepInput, Texts, Workflow, invalid, not_before_last_step
from sunshine.newmedia.codes import APPROVER_ROLES, KEEPER_ROLES, AccountStatus
from sunshine.newmedia.models import Account, AccountEvent

__all__ = ["ACCOUNT", "ACCOUNT_ACTIONS", "account_snapshot", "record_event"]

S = AccountStatus


class ClosingIn(StepInput):
    reason: str | None = Field(None, max_length=2000, description="Why the account is closed or merged.")


class CloseIn(StepInput):
    document_number: str | None = Field(None, max_length=100, description="The approval's document number.")


class MergeIn(CloseIn):
    into: int | None = Field(None, description="The account it is merged into (same agency, active).")


class ResumeIn(StepInput):
    note: str | None = Field(None, max_length=2000, description="Why the account stays open.")


def _text(value: str | None) -> str:
    return value.strip() if isinstance(value, str) else ""


def _start_closing(step: Step[Account]) -> dict[str, Any]:
    reason = _text(step.input.reason)
    if not reason:
        raise invalid({"reason": gettext("Say why the account is closed or merged.")})
    return {"reason": reason}


def _close(step: Step[Account]) -> dict[str, Any]:
    step.obj.ended_on = step.date
    number = _text(step.input.document_number)
    return {"document_number": number} if number else {}


def _merge(step: Step[Account]) -> dict[str, Any]:
    target = (
        Account.objects.filter(pk=step.input.into, agency_id=step.obj.agency_id, status=S.ACTIVE)
        .exclude(pk=step.obj.pk)
        .first()
        if step.input.into
        else None
    )
    if target is None:
        raise invalid({"into": gettext("Choose an active account of the same agency to merge into.")})
    step.obj.ended_on, step.obj.merged_into = step.date, target
    number = _text(step.input.document_number)
    return {"into": target.pk, "into_name": target.name, **({"document_number": number} if number else {})}


def _resume(step: Step[Account]) -> dict[str, Any]:
    note = _text(step.input.note)
    return {"note": note} if note else {}


ACCOUNT_ACTIONS: dict[str, Action[Account]] = {
    "start_closing": Action(
        "start_closing",
        frozenset({S.ACTIVE}),
        S.CLOSING,
        KEEPER_ROLES,
        Texts(
            button=_("Start closing the account"),
            history=_("Closing of the account started"),
            help=_(
                "An account that is no longer kept up is closed or merged into another one. Say why; "
                "the disclosure office approves its end."
            ),
        ),
        _start_closing,
        ClosingIn,
    ),
    "close": Action(
        "close",
        frozenset({S.CLOSING}),
        S.CLOSED,
        APPROVER_ROLES,
        Texts(
            button=_("Approve the closing"),
            history=_("Account closed"),
            help=_("The account is closed on the platform: it leaves the portal's list of accounts."),
        ),
        _close,
        CloseIn,
    ),
    "merge": Action(
        "merge",
        frozenset({S.CLOSING}),
        S.MERGED,
        APPROVER_ROLES,
        Texts(
            button=_("Approve the merger into another account"),
            history=_("Account merged into another account"),
            help=_("Its followers and work go to another active account of the agency."),
        ),
        _merge,
        MergeIn,
    ),
    "resume": Action(
        "resume",
        frozenset({S.CLOSING}),
        S.ACTIVE,
        KEEPER_ROLES,
        Texts(
            button=_("Keep the account open"),
            history=_("Closing of the account called off"),
            help=_("The account stays active."),
        ),
        _resume,
        ResumeIn,
    ),
}

SNAPSHOT_FIELDS = (
    "platform",
    "name",
    "account_id",
    "public_url",
    "operating_unit",
    "approval_date",
    "approval_number",
    "opened_on",
    "status",
    "ended_on",
    "merged_into",
)


def account_snapshot(account: Account) -> dict[str, Any]:
    """What the audit log keeps of an account: the person in charge only as present or not (their
    name and phone stay on the account page)."""
    return {**audit.snapshot(account, SNAPSHOT_FIELDS), "has_manager": bool(account.manager_name.strip())}


def record_event(account: Account, action: str, date: Any, by: Any, **data: Any) -> None:
    AccountEvent.objects.create(
        account=account, action=action, date=date, by=person_or_none(by), data=audit.json_value(data)
    )


def _event(step: Step[Account], data: Mapping[str, Any]) -> None:
    record_event(step.obj, step.action.name, step.date, step.by, **data)


ACCOUNT: Workflow[Account] = Workflow(
    name="newmedia_account",
    actions=ACCOUNT_ACTIONS,
    agency_of=lambda a: a.agency,
    may_act=may_act,
    snapshot=account_snapshot,
    forbidden_message=lambda: gettext(
        "The agency's information officers and the disclosure office keep its accounts; the disclosure "
        "office approves their end."
    ),
    check=not_before_last_step(lambda a: a.events.order_by("-date").values_list("date", flat=True).first()),
    event=_event,
    history_entries={
        "create": Texts(button="", history=_("Account registered"), help=""),
        "edit": Texts(button="", history=_("Account details changed"), help=""),
        "queue": Texts(button="", history=_("Record queued for cross-posting"), help=""),
        "post": Texts(button="", history=_("Post entered by hand"), help=""),
        "messages": Texts(button="", history=_("Unanswered messages counted"), help=""),
    },
)
