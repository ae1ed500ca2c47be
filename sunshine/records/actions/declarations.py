"""Every step of a record's revision, declared once for the workflow kernel (docs/workflows.md).

The path of a revision: draft → submitted → confidentiality review (保密审查: approve, or return
with comments) → signed off (签发) → published now, or scheduled and published when its time comes
→ withdrawn (with a reason), or superseded when a newer revision of the record is published.
Actions with no roles are the system's own (the scheduled publication sweep, the superseding).

``edit``, ``override``, ``mask`` and ``revise`` change no status and keep their own services (drafting,
decisions on findings, new revisions), which read their roles and statuses from here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sunshine.core.workflow import Action, NoInput, ScanGate, Texts, Workflow
from sunshine.records.actions import handlers, hooks
from sunshine.records.actions.inputs import (
    ApproveInput,
    EditInput,
    MaskInput,
    OverrideInput,
    PublishInput,
    ReturnInput,
    ScheduleInput,
    SignInput,
    SubmitInput,
    WithdrawInput,
)
from sunshine.records.actions.roles import (
    DRAFTER_ROLES,
    EDITABLE,
    OVERRIDE_ROLES,
    PUBLISHER_ROLES,
    RETURNER_ROLES,
    REVIEWER_ROLES,
    SIGNER_ROLES,
)
from sunshine.records.codes import Status
from sunshine.records.models import Revision
from sunshine.records.selectors import may_act

SYSTEM: frozenset[str] = frozenset()


def _from(*statuses: str) -> frozenset[str]:
    return frozenset(statuses)


ACTIONS: dict[str, Action[Revision]] = {
    "edit": Action(
        "edit",
        EDITABLE,
        None,
        DRAFTER_ROLES,
        Texts(
            button=_("Change the draft"),
            history=_("Edited"),
            help=_(
                "Change the text, the catalogue data or the attachments of a draft or of a returned record."
            ),
        ),
        input=EditInput,
    ),
    "submit": Action(
        "submit",
        EDITABLE,
        Status.SUBMITTED,
        DRAFTER_ROLES,
        Texts(
            button=_("Send to confidentiality review"),
            history=_("Submitted for review"),
            help=_("Every record passes a confidentiality review before it is published (条例 Art. 17)."),
        ),
        handlers.submit,
        SubmitInput,
        ScanGate.CONFIRM,
    ),
    "approve": Action(
        "approve",
        _from(Status.SUBMITTED),
        Status.APPROVED,
        REVIEWER_ROLES,
        Texts(
            button=_("Approve: nothing stands against publication"),
            history=_("Approved in confidentiality review"),
            help=_(
                "The reviewer confirms every item of the confidentiality review checklist; the record then "
                "awaits sign-off (条例 Art. 17)."
            ),
        ),
        handlers.approve,
        ApproveInput,
        ScanGate.BLOCK,
    ),
    "override": Action(
        "override",
        _from(Status.SUBMITTED),
        None,
        OVERRIDE_ROLES,
        Texts(
            button=_("Let it stay"),
            history=_("Privacy finding overridden"),
            help=_(
                "A reviewer lets one finding of the privacy scan stay, with the reason, e.g. an office's "
                "published telephone number (条例 Art. 15)."
            ),
        ),
        input=OverrideInput,
    ),
    "mask": Action(
        "mask",
        _from(Status.SUBMITTED),
        None,
        OVERRIDE_ROLES,
        Texts(
            button=_("Mask it"),
            history=_("Privacy finding masked"),
            help=_(
                "A reviewer has one finding masked in the published copy of the text and of DOCX or XLSX "
                "attachments (110101********4258, 138****8000, a name by the agency's rule); staff keep the "
                "original. A PDF is not masked: the author replaces it with a redacted copy."
            ),
        ),
        input=MaskInput,
    ),
    "return": Action(
        "return",
        _from(Status.SUBMITTED, Status.APPROVED, Status.SIGNED, Status.SCHEDULED),
        Status.RETURNED,
        RETURNER_ROLES,
        Texts(
            button=_("Return for changes"),
            history=_("Returned for changes"),
            help=_(
                "The record goes back to its author with comments, from review, from sign-off or instead of "
                "a scheduled publication."
            ),
        ),
        handlers.return_for_changes,
        ReturnInput,
    ),
    "sign": Action(
        "sign",
        _from(Status.APPROVED),
        Status.SIGNED,
        SIGNER_ROLES,
        Texts(
            button=_("Sign off"),
            history=_("Signed off"),
            help=_("签发: the responsible leader approves the publication; the privacy scan must be clear."),
        ),
        handlers.sign,
        SignInput,
        ScanGate.BLOCK,
    ),
    "publish": Action(
        "publish",
        _from(Status.SIGNED),
        Status.PUBLISHED,
        PUBLISHER_ROLES,
        Texts(
            button=_("Publish"),
            history=_("Published"),
            help=_(
                "Publish within 20 working days of the information being formed or changed (条例 Art. 26); "
                "the first publication gives the record its index number."
            ),
            public=_("Published"),
        ),
        handlers.publish,
        PublishInput,
        ScanGate.BLOCK,
    ),
    "schedule": Action(
        "schedule",
        _from(Status.SIGNED),
        Status.SCHEDULED,
        PUBLISHER_ROLES,
        Texts(
            button=_("Publish at a set time"),
            history=_("Publication scheduled"),
            help=_(
                "The system publishes the record at the time set, within a year, if the privacy scan is "
                "clear."
            ),
        ),
        handlers.schedule,
        ScheduleInput,
        ScanGate.BLOCK,
    ),
    "unschedule": Action(
        "unschedule",
        _from(Status.SCHEDULED),
        Status.SIGNED,
        PUBLISHER_ROLES,
        Texts(
            button=_("Cancel the scheduled publication"),
            history=_("Scheduled publication cancelled"),
            help=_("The record stays signed off and is not published at the time set."),
        ),
        handlers.unschedule,
    ),
    "publish_due": Action(
        "publish_due",
        _from(Status.SCHEDULED),
        Status.PUBLISHED,
        SYSTEM,
        Texts(
            button=_("Publish the scheduled records"),
            history=_("Published"),
            help=_(
                "The system publishes each scheduled record when its time comes, if the privacy scan is "
                "clear."
            ),
            public=_("Published"),
        ),
        handlers.publish_due,
        NoInput,
        ScanGate.BLOCK,
    ),
    "withdraw": Action(
        "withdraw",
        _from(Status.PUBLISHED),
        Status.WITHDRAWN,
        SIGNER_ROLES,
        Texts(
            button=_("Withdraw"),
            history=_("Withdrawn"),
            help=_("The record leaves the public pages; its index number is not given again."),
            public=_("Withdrawn"),
        ),
        handlers.withdraw,
        WithdrawInput,
    ),
    "supersede": Action(
        "supersede",
        _from(Status.PUBLISHED),
        Status.SUPERSEDED,
        SYSTEM,
        Texts(
            button=_("Supersede by the newer revision"),
            history=_("Superseded"),
            help=_(
                "When a newer revision of a record is published, the revision published before gives way "
                "to it."
            ),
            public=_("Superseded by a newer revision"),
        ),
    ),
    # Taken on the record's latest revision: starts a new draft revision of a published record.
    "revise": Action(
        "revise",
        _from(Status.PUBLISHED, Status.WITHDRAWN),
        None,
        DRAFTER_ROLES,
        Texts(
            button=_("Edit: start a new revision"),
            history=_("New revision started"),
            help=_(
                "The published text stays public until the new revision has passed review and is published."
            ),
        ),
    ),
}

WORKFLOW: Workflow[Revision] = Workflow(
    name="record",
    actions=ACTIONS,
    agency_of=hooks.agency_of,
    may_act=may_act,
    snapshot=hooks.snapshot,
    lock=hooks.lock,
    not_allowed_code="not_allowed_in_status",
    not_allowed_message=hooks.not_allowed_message,
    forbidden_message=hooks.forbidden_message,
    check=handlers.check,
    scan_gate=hooks.scan_gate,
    save=handlers.save,
    event=hooks.event,
)
