"""Every action on a request, declared once (docs/workflows.md): the statuses it starts from, the
status it leads to, who may take it, its typed input, its handler and its texts. The API's body
schemas, the staff forms' headings and help, the staff history and the applicant's history all read
these declarations; ``services.perform_action`` takes an action through the kernel.

The legal basis of each step is in docs/legal.md (receipt, correction, consultation, extension,
replies, fees)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sunshine.core.workflow import Action, Handler, Step, Texts, Workflow, not_before_last_step
from sunshine.inforequests import selectors, step_messages
from sunshine.inforequests.actions import handlers
from sunshine.inforequests.actions.inputs import (
    ActionInput,
    ExtendIn,
    NotifyFeeIn,
    ReceiveCorrectionIn,
    ReplyIn,
    RequestCorrectionIn,
    StartConsultationIn,
    WithdrawIn,
)
from sunshine.inforequests.codes import CONCLUDED_STATUSES, OPEN_STATUSES, ConsultationParty, Outcome, Status
from sunshine.inforequests.events import (
    CONFIRM_DATES,
    DECLARE_FEE_PAYMENT,
    RATE,
    last_step_date,
    record_event,
    snapshot,
)
from sunshine.inforequests.models import InfoRequest, RequestFile
from sunshine.inforequests.roles import APPROVER_ROLES, HANDLING_ROLES

__all__ = ["ACTIONS", "APPROVER_ROLES", "EVENT_TEXTS", "HANDLING_ROLES", "WORKFLOW", "texts_of"]


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def _receipt_line(data: Mapping[str, Any]) -> str:
    if data.get("automatic"):
        return gettext("The application was received. The 20 working days for the reply start to run.")
    return gettext("The agency confirmed receipt. The 20 working days for the reply start to run.")


def _consultation_line(data: Mapping[str, Any]) -> str:
    if data.get("party") == ConsultationParty.AGENCY:
        return gettext("The agency began consulting another agency. This time does not count.")
    return gettext("The agency began consulting a third party. This time does not count.")


def _withdrawal_line(data: Mapping[str, Any]) -> str:
    if data.get("by_applicant", True):
        return gettext("You withdrew the application.")
    return gettext("The application was withdrawn.")


def _fee_declined_line(data: Mapping[str, Any]) -> str:
    if data.get("by_applicant", True):
        return gettext("You declined to pay the fee, so the application is no longer processed.")
    return gettext(
        "The agency recorded that you declined to pay the fee, so the application is no longer processed."
    )


def _fee_declared_line(data: Mapping[str, Any]) -> str:
    values = {"reference": data.get("reference", ""), "date": data.get("paid_on", "")}
    if data.get("paid_on"):
        line = gettext(
            "You told the agency that you paid the fee on %(date)s (payment reference %(reference)s)."
        )
    else:
        line = gettext("You told the agency that you paid the fee (payment reference %(reference)s).")
    return " ".join([line % values, gettext("The agency checks the payment and then records it.")])


def _dates_line(data: Mapping[str, Any]) -> str:
    from sunshine.inforequests.provisional import change_lines

    lines = [gettext("%(line)s.") % {"line": line} for line in change_lines(dict(data))]
    return " ".join([gettext("The official working-day calendar was published."), *lines])


def _action(
    name: str,
    allowed_from: frozenset[str],
    to: str | None,
    texts: Texts,
    handler: Handler,
    input: type[ActionInput] = ActionInput,
    roles: frozenset[str] = HANDLING_ROLES,
) -> Action[InfoRequest]:
    return Action(name, frozenset(allowed_from), to, frozenset(roles), texts, handler, input)


RECEIVED = frozenset({Status.RECEIVED})

ACTIONS: dict[str, Action[InfoRequest]] = {
    a.name: a
    for a in (
        # 条例 Art. 31: the day of receipt is the day both sides confirm (online, fax).
        _action(
            "confirm_receipt",
            frozenset({Status.SUBMITTED}),
            Status.RECEIVED,
            Texts(
                button=_("Confirm receipt"),
                history=_("Receipt confirmed"),
                help=_("The day of receipt starts the reply period (条例 Art. 31)."),
                public=_receipt_line,
            ),
            handlers.confirm_receipt,
        ),
        # 条例 Art. 30: one notice listing every item, within 7 working days of receipt.
        _action(
            "request_correction",
            RECEIVED,
            Status.AWAITING_CORRECTION,
            Texts(
                button=_("Ask for a correction"),
                history=_("Correction requested"),
                help=_(
                    "One notice listing every item, within 7 working days of receipt; the period stops "
                    "until the corrected application arrives (条例 Art. 30)."
                ),
                public=lambda d: (
                    gettext("The agency asked you to correct the application by %(date)s.")
                    % {"date": d.get("correction_due", "")}
                ),
            ),
            handlers.request_correction,
            RequestCorrectionIn,
        ),
        _action(
            "receive_correction",
            frozenset({Status.AWAITING_CORRECTION}),
            Status.RECEIVED,
            Texts(
                button=_("Record the corrected application"),
                history=_("Corrected application received"),
                help=_("The reply period starts again on the day the correction arrives (条例 Art. 30)."),
                public=_("The agency received the corrected application. The reply period starts again."),
            ),
            handlers.receive_correction,
            ReceiveCorrectionIn,
        ),
        _action(
            "correction_overdue",
            frozenset({Status.AWAITING_CORRECTION}),
            Status.CLOSED,
            Texts(
                button=_("Close: no correction in time"),
                history=_("Closed: no correction in time"),
                help=_(
                    "The applicant did not correct the application within the period: it is treated as "
                    "withdrawn (条例 Art. 30)."
                ),
                public=_(
                    "No correction arrived within the period, so the application is no longer processed."
                ),
            ),
            handlers.correction_overdue,
        ),
        # 条例 Art. 32 (third party), Art. 34 (other agency): the time does not count (Art. 33).
        _action(
            "start_consultation",
            RECEIVED,
            Status.IN_CONSULTATION,
            Texts(
                button=_("Start a consultation"),
                history=_("Consultation started"),
                help=_(
                    "Asking a third party (Art. 32) or another agency (Art. 34): the time does not count "
                    "(Art. 33)."
                ),
                public=_consultation_line,
            ),
            handlers.start_consultation,
            StartConsultationIn,
        ),
        _action(
            "end_consultation",
            frozenset({Status.IN_CONSULTATION}),
            Status.RECEIVED,
            Texts(
                button=_("End the consultation"),
                history=_("Consultation ended"),
                help=_("The answer has arrived: the reply period runs again."),
                public=_("The consultation ended. The reply period runs again."),
            ),
            handlers.end_consultation,
        ),
        # 条例 Art. 33: one extension of at most 20 working days, approved by a signer or the
        # disclosure office (who may record it themselves; an officer names the approver).
        _action(
            "extend",
            frozenset({Status.RECEIVED, Status.IN_CONSULTATION}),
            None,
            Texts(
                button=_("Extend the reply period"),
                history=_("Reply period extended"),
                help=_(
                    "Once, at most 20 working days, with the approval of the head of the disclosure "
                    "office (Art. 33)."
                ),
                public=lambda d: (
                    gettext("The agency extended the reply period by %(n)s working days.")
                    % {"n": d.get("working_days", "")}
                ),
            ),
            handlers.extend,
            ExtendIn,
            HANDLING_ROLES | APPROVER_ROLES,
        ),
        # 条例 Art. 36-39.
        _action(
            "reply",
            RECEIVED,
            Status.REPLIED,
            Texts(
                button=_("Reply"),
                history=_("Replied"),
                help=_("The reply to the applicant (条例 Art. 36–39)."),
                public=lambda d: (
                    gettext("The agency replied: %(outcome)s.")
                    % {"outcome": _label(Outcome, d.get("outcome"))}
                ),
            ),
            handlers.reply,
            ReplyIn,
        ),
        _action(
            "withdraw",
            frozenset(OPEN_STATUSES),
            Status.WITHDRAWN,
            Texts(
                button=_("Record a withdrawal"),
                history=_("Withdrawn"),
                help=_("The applicant withdrew the application."),
                public=_withdrawal_line,
            ),
            handlers.withdraw,
            WithdrawIn,
        ),
        # 条例 Art. 42, 国办函〔2020〕109号: a fee notice stops the reply period until the fee is paid;
        # a fee not paid within the period closes the request.
        _action(
            "notify_fee",
            RECEIVED,
            Status.AWAITING_FEE,
            Texts(
                button=_("Send a fee notice"),
                history=_("Fee notice sent"),
                help=_(
                    "Only where the number or frequency of applications clearly exceeds a reasonable "
                    "range (条例 Art. 42). The reply period stops until the fee is paid."
                ),
                public=lambda d: (
                    gettext("The agency sent you a fee notice of %(amount)s yuan, payable by %(date)s.")
                    % {"amount": d.get("amount", ""), "date": d.get("payable_by", "")}
                ),
            ),
            handlers.notify_fee,
            NotifyFeeIn,
        ),
        _action(
            "record_fee_payment",
            frozenset({Status.AWAITING_FEE}),
            Status.RECEIVED,
            Texts(
                button=_("Record the fee payment"),
                history=_("Fee paid"),
                help=_("The fee has been paid: the reply period runs again."),
                public=_("The agency recorded your payment of the fee. The reply period runs again."),
            ),
            handlers.record_fee_payment,
        ),
        _action(
            "fee_unpaid",
            frozenset({Status.AWAITING_FEE}),
            Status.CLOSED,
            Texts(
                button=_("Close: fee not paid in time"),
                history=_("Closed: fee not paid in time"),
                help=_("The fee was not paid within the period: the request is closed."),
                public=_(
                    "The fee was not paid within the period, so the application is no longer processed."
                ),
            ),
            handlers.fee_unpaid,
        ),
        # The applicant declines to pay (on the portal, through the API, or in writing to the office):
        # counted like a fee not paid in time (docs/legal.md#fee-payment).
        _action(
            "decline_fee",
            frozenset({Status.AWAITING_FEE}),
            Status.CLOSED,
            Texts(
                button=_("Record that the applicant declines the fee"),
                history=_("Closed: the applicant declined the fee"),
                help=_(
                    "The applicant will not pay the fee: the request is closed and counted like a fee "
                    "not paid in time (国办函〔2020〕109号)."
                ),
                public=_fee_declined_line,
            ),
            handlers.decline_fee,
        ),
    )
}

# Entries of the history that are not actions: how a request entered, and the system's confirmation
# of provisional dates. They have no button and no form.
EVENT_TEXTS: dict[str, Texts] = {
    "submit": Texts(
        button="", history=_("Submitted online"), help="", public=_("You sent the application online.")
    ),
    "register": Texts(
        button="",
        history=_("Registered by staff"),
        help="",
        public=_("The agency registered your application, received in person, by post or by fax."),
    ),
    RATE: Texts(
        button="",
        history=_("Reply rated by the applicant"),
        help="",
        public=lambda d: gettext("You rated the reply %(score)s out of 5.") % {"score": d.get("score", "")},
    ),
    DECLARE_FEE_PAYMENT: Texts(
        button="",
        history=_("Payment of the fee declared by the applicant"),
        help="",
        public=_fee_declared_line,
    ),
    CONFIRM_DATES: Texts(
        button="",
        history=_("Provisional dates confirmed on the published calendar"),
        help="",
        public=_dates_line,
    ),
}


def texts_of(name: str) -> Texts | None:
    """The texts of an action or another entry of the history; None for a name nobody declared."""
    action = ACTIONS.get(name)
    return action.texts if action is not None else EVENT_TEXTS.get(name)


# --- What the kernel needs to know of requests ------------------------------------------------------


def _save(step: Step[InfoRequest]) -> None:
    request = step.obj
    if request.status in CONCLUDED_STATUSES:
        request.concluded_on = step.date
    handlers.recompute_due_or_refuse(request)
    request.save()


def _event(step: Step[InfoRequest], data: Mapping[str, Any]) -> None:
    event = record_event(step.obj, step.action.name, step.date, step.by, **data)
    if "reply_draft" in step.kept:  # the reply's files belong to the event that sent them
        RequestFile.objects.filter(draft_id=step.kept["reply_draft"]).update(event=event)
    step.kept["messages"] = step_messages.plan(step.obj, event)  # in the step's transaction


def _notify(step: Step[InfoRequest], data: Mapping[str, Any]) -> None:
    step_messages.enqueue(step.kept.get("messages", []))


def _not_allowed(request: InfoRequest, action: Action[InfoRequest]) -> str:
    return gettext("“%(action)s” is not possible while the request is “%(status)s”.") % {
        "action": action.name,
        "status": request.get_status_display(),
    }


WORKFLOW: Workflow[InfoRequest] = Workflow(
    name="inforequest",
    actions=ACTIONS,
    agency_of=lambda request: request.agency,
    may_act=selectors.may_act,
    snapshot=snapshot,
    not_allowed_message=_not_allowed,
    forbidden_message=lambda: gettext(
        "Your roles do not allow you to take this step on this agency's requests."
    ),
    check=not_before_last_step(last_step_date),
    save=_save,
    event=_event,
    notify=_notify,
    history_entries=EVENT_TEXTS,
)

assert not (set(ACTIONS) & set(EVENT_TEXTS))
