"""What each action on a request does to it, beyond its status (the declarations in ``__init__``):
each handler reads the locked request and the step's typed input, changes the request, and returns
the data kept in its history event and audit row. A refusal is a ``WorkflowError``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.utils.translation import gettext as _

from sunshine.core.users import person_or_none
from sunshine.core.workflow import Step, WorkflowError, invalid
from sunshine.inforequests import fees, selectors
from sunshine.inforequests.clock import recompute_due
from sunshine.inforequests.codes import REPLY_OUTCOMES, ConsultationParty, FeeMethod, Outcome, ReplyStatus
from sunshine.inforequests.law import (
    CORRECTION_NOTICE_WORKING_DAYS,
    FEE_PAYMENT_WORKING_DAYS,
    MAX_CORRECTION_PERIOD,
    MAX_EXTENSION_WORKING_DAYS,
)
from sunshine.inforequests.models import InfoRequest, Pause, RequestFile
from sunshine.inforequests.roles import APPROVER_ROLES
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, add_working_days, deadline
from sunshine.workdays.errors import calendar_error

AnyUser = AbstractBaseUser | AnonymousUser
MAX_FEE_PAGES = 100_000


def recompute_due_or_refuse(request: InfoRequest) -> None:
    """The request's due date on the calendar (``clock.recompute_due``); a refusal beyond it."""
    try:
        recompute_due(request)
    except CalendarNotPublished as exc:
        raise calendar_error(exc) from exc


def confirm_receipt(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date = step.obj, step.date
    request.received_on = date
    request.clock_start = date
    return {}


def request_correction(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date, f = step.obj, step.date, step.input
    if request.correction_requested_on is not None:
        raise WorkflowError(
            409, "correction_already_requested", _("A correction can be requested only once, in one notice.")
        )
    items = f.items
    if not isinstance(items, list) or not [i for i in items if isinstance(i, str) and i.strip()]:
        raise invalid({"items": _("List every item the applicant must correct.")})
    period = f.period_working_days
    if not isinstance(period, int) or isinstance(period, bool) or not 1 <= period <= MAX_CORRECTION_PERIOD:
        raise invalid(
            {
                "period_working_days": _("Give a period of 1 to %(n)s working days.")
                % {"n": MAX_CORRECTION_PERIOD}
            }
        )
    assert request.received_on is not None
    calendar = current_calendar()
    try:
        latest_notice = add_working_days(request.received_on, CORRECTION_NOTICE_WORKING_DAYS, calendar)
        due = deadline(date, period, calendar)
    except CalendarNotPublished as exc:
        raise calendar_error(exc) from exc
    request.correction_due, request.correction_due_provisional = due.date, due.provisional
    request.correction_items = [i.strip() for i in items if isinstance(i, str) and i.strip()]
    request.correction_requested_on = date
    request.correction_late = date > latest_notice
    return {
        "items": request.correction_items,
        "period_working_days": period,
        "correction_due": request.correction_due,
        "late": request.correction_late,
    }


def receive_correction(step: Step[InfoRequest]) -> dict[str, Any]:
    # 条例 Art. 30: 答复期限自行政机关收到补正的申请之日起计算.
    request, date, f = step.obj, step.date, step.input
    request.clock_start = date
    data: dict[str, Any] = {}
    if f.online:
        data["online"] = True
    if f.text:
        data["text"] = f.text.strip()
    if f.file_ids:
        files = RequestFile.objects.filter(request=request, pk__in=f.file_ids).order_by("pk")
        data["files"] = [{"id": file.pk, "name": file.name, "size": file.size} for file in files]
    return data


def correction_overdue(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date = step.obj, step.date
    if request.correction_due is None or date <= request.correction_due:
        raise WorkflowError(
            409,
            "correction_period_running",
            _("The correction period runs until %(date)s.") % {"date": request.correction_due},
        )
    request.outcome = Outcome.OTHER_CORRECTION_OVERDUE
    return {"outcome": request.outcome}


def start_consultation(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date, f = step.obj, step.date, step.input
    party = f.party
    if party not in ConsultationParty.values:
        raise invalid(
            {"party": _("Choose one of: %(values)s.") % {"values": ", ".join(ConsultationParty.values)}}
        )
    if request.due_date is not None and date > request.due_date:
        raise WorkflowError(409, "past_due_date", _("The reply period has already run out."))
    Pause.objects.create(request=request, party=party, started_on=date)
    return {"party": party}


def end_consultation(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date = step.obj, step.date
    pause = request.pauses.filter(ended_on__isnull=True).order_by("-started_on").first()
    if pause is not None:
        pause.ended_on = date
        pause.save(update_fields=["ended_on"])
    return {"party": pause.party if pause else ""}


def _extension_approver(
    request: InfoRequest, by: AnyUser | None, named: Any, errors: dict[str, str]
) -> User | None:
    """Who approved the extension: the person named in ``approver`` (user name or id), who must be a
    signer of the agency or its disclosure office; else the person acting, if they are one of those.
    An officer must name the approver. The system (``by`` None) may leave it to the name alone."""
    if named is not None and named != "":
        approvers = selectors.extension_approvers(request.agency)
        if isinstance(named, int) and not isinstance(named, bool):
            found = approvers.filter(pk=named).first()
        elif isinstance(named, str):
            found = approvers.filter(username=named.strip()).first()
            if found is None and named.strip().isdigit():
                found = approvers.filter(pk=int(named.strip())).first()
        else:
            found = None
        if found is None:
            errors["approver"] = _(
                "Name a person who may approve extensions for this agency: one of its signers or "
                "of its disclosure office (user name or id)."
            )
        return found
    if by is None:
        return None
    if selectors.may_act(by, request.agency, APPROVER_ROLES):
        return person_or_none(by)
    errors["approver"] = _("Name the signer or the disclosure office who approved the extension.")
    return None


def extend(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date, by, f = step.obj, step.date, step.by, step.input
    if request.extension_days:
        raise WorkflowError(409, "already_extended", _("The reply period can be extended only once."))
    days = f.working_days
    errors: dict[str, str] = {}
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_EXTENSION_WORKING_DAYS:
        errors["working_days"] = _("Give 1 to %(n)s working days.") % {"n": MAX_EXTENSION_WORKING_DAYS}
    reason = f.reason
    if not isinstance(reason, str) or not reason.strip():
        errors["reason"] = _("Give the reason for the extension.")
    approver = _extension_approver(request, by, f.approver, errors)
    approved_by = f.approved_by
    if not isinstance(approved_by, str) or not approved_by.strip():
        # The name as shown defaults to the approver's.
        approved_by = (approver.get_full_name() or approver.get_username()) if approver is not None else ""
    if not approved_by.strip() and "approver" not in errors:
        errors["approved_by"] = _("Name the head of the disclosure office who approved it.")
    if errors:
        raise invalid(errors)
    if request.due_date is not None and date > request.due_date:
        raise WorkflowError(
            409,
            "past_due_date",
            _("An extension must be decided before the due date (%(date)s).") % {"date": request.due_date},
        )
    assert isinstance(days, int)
    assert isinstance(reason, str)
    request.extension_days = days
    request.extension_reason = reason.strip()
    request.extension_approved_by = approved_by.strip()[:100]
    request.extension_approver = approver
    request.extended_on = date
    data: dict[str, Any] = {
        "working_days": days,
        "reason": request.extension_reason,
        "approved_by": request.extension_approved_by,
    }
    if approver is not None:
        data["approver"] = {
            "id": approver.pk,
            "username": approver.get_username(),
            "name": approver.get_full_name(),
        }
    return data


def _names(user: Any) -> str:
    person = person_or_none(user)
    return (person.get_full_name() or person.get_username()) if person is not None else ""


def reply(step: Step[InfoRequest]) -> dict[str, Any]:
    """Send the reply. Where the agency's replies need review and sign-off (docs/workflows.md#replies)
    the signed draft is what is sent, its files and linked records with it; without one, only the
    disclosure office (and superusers) may reply directly, and the reply is recorded as direct."""
    from sunshine.inforequests.replies.services import review_required, signed_draft

    request, f = step.obj, step.input
    draft = signed_draft(request)
    direct = False
    if draft is not None:
        outcome, reasons = draft.outcome, draft.reasons
        detail: Any = {"note": draft.note} if draft.note else {}
    else:
        if review_required(request.agency) and not selectors.may_reply_directly(step.by, request.agency):
            raise WorkflowError(
                409,
                "reply_not_signed",
                _(
                    "This agency's replies are reviewed and signed before they are sent. Prepare the reply "
                    "as a draft and send it to review; once it is signed, send it here."
                ),
            )
        direct = review_required(request.agency) and step.by is not None
        outcome, reasons, detail = f.outcome, f.reasons, f.detail or {}
    if outcome not in REPLY_OUTCOMES:
        raise invalid({"outcome": _("Choose the outcome of the reply.")})
    if not isinstance(reasons, str) or not reasons.strip():
        if outcome != Outcome.DISCLOSED:
            raise invalid({"reasons": _("Give the reasons and the legal basis of the reply.")})
        reasons = ""
    if not isinstance(detail, dict):
        raise invalid({"detail": _("The detail must be an object.")})
    data: dict[str, Any] = {"direct": direct}
    if draft is not None:
        files = list(draft.files.order_by("uploaded_at", "id"))
        detail = {**detail, "records": list(draft.record_numbers)} if draft.record_numbers else detail
        data.update(
            draft=draft.pk,
            files=[{"id": x.pk, "name": x.name, "kind": x.kind, "size": x.size} for x in files],
            records=list(draft.record_numbers),
            reviewed_by=_names(draft.reviewer),
            signed_by=_names(draft.signer),
        )
        draft.status, draft.sent_at = ReplyStatus.SENT, step.now
        draft.save(update_fields=["status", "sent_at", "updated_at"])
        step.kept["reply_draft"] = draft.pk
    request.outcome = outcome
    request.reply_reasons = reasons.strip()
    request.outcome_detail = detail
    return {"outcome": outcome, "reasons": request.reply_reasons, "detail": detail, **data}


def withdraw(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date, by, f = step.obj, step.date, step.by, step.input
    # Withdrawn requests are counted as “other” in the annual report.
    request.outcome = Outcome.OTHER
    pause = request.pauses.filter(ended_on__isnull=True).first()
    if pause is not None:
        pause.ended_on = date
        pause.save(update_fields=["ended_on"])
    return {"by_applicant": bool(f.by_applicant if f.by_applicant is not None else by is None)}


def _applications_in_month(request: InfoRequest) -> int:
    """The request's place among its applicant's applications received in the same calendar month.

    国办函〔2020〕109号 Art. 4 counts the same applicant (here: the same identity document number)
    within one calendar month; applications received the same day count in the order they arrived.
    """
    assert request.received_on is not None
    first = request.received_on.replace(day=1)
    earlier = InfoRequest.objects.filter(
        applicant_id_number=request.applicant_id_number,
        received_on__gte=first,
        received_on__lt=request.received_on,
    ).count()
    same_day = InfoRequest.objects.filter(
        applicant_id_number=request.applicant_id_number,
        received_on=request.received_on,
        pk__lte=request.pk,
    ).count()
    return earlier + same_day


def notify_fee(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date, f = step.obj, step.date, step.input
    # 条例 Art. 42, 国办函〔2020〕109号 Art. 3–5: one method per application, one notice.
    if request.fee_notified_on is not None:
        raise WorkflowError(
            409, "fee_already_notified", _("A fee notice has already been sent for this request.")
        )
    method = f.method
    if method not in FeeMethod.values:
        raise invalid({"method": _("Choose one of: %(values)s.") % {"values": ", ".join(FeeMethod.values)}})
    if request.due_date is not None and date > request.due_date:
        raise WorkflowError(409, "past_due_date", _("The reply period has already run out."))
    basis: dict[str, Any]
    if method == FeeMethod.PER_PAGE:
        pages = f.pages
        if not isinstance(pages, int) or isinstance(pages, bool) or not 1 <= pages <= MAX_FEE_PAGES:
            raise invalid({"pages": _("Give the number of pages, 1 to %(n)s.") % {"n": MAX_FEE_PAGES}})
        fee = fees.per_page_fee(pages)
        basis = {"pages": pages, **fee.as_dict()}
        if fee.amount == 0:
            raise WorkflowError(
                409,
                "no_fee_due",
                _("No fee is due: up to %(n)s pages are free.") % {"n": fees.PER_PAGE_BANDS[0].last},
            )
    else:
        position = _applications_in_month(request)
        fee = fees.per_application_fee(position)
        assert request.received_on is not None
        month = request.received_on.strftime("%Y-%m")
        basis = {"applications_in_month": position, "month": month, **fee.as_dict()}
        if fee.amount == 0:
            raise WorkflowError(
                409,
                "no_fee_due",
                _(
                    "No fee is due: this is application %(position)s of this applicant in %(month)s, "
                    "and the first %(free)s of a month are free."
                )
                % {"position": position, "month": month, "free": fees.FREE_APPLICATIONS_PER_MONTH},
            )
    try:
        payable = deadline(date, FEE_PAYMENT_WORKING_DAYS, current_calendar())
    except CalendarNotPublished as exc:
        raise calendar_error(exc) from exc
    payable_by = payable.date
    request.fee_due_provisional = payable.provisional
    method = FeeMethod(method).value
    request.fee_method = method
    request.fee_amount = fee.amount
    request.fee_basis = basis
    request.fee_notified_on = date
    request.fee_due = payable_by
    return {"method": method, "amount": fee.amount, "basis": basis, "payable_by": payable_by}


def record_fee_payment(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date = step.obj, step.date
    if request.fee_due is not None and date > request.fee_due:
        raise WorkflowError(
            409,
            "fee_period_over",
            _(
                "The fee was payable by %(date)s; a later payment cannot be recorded. "
                "Close the request as unpaid."
            )
            % {"date": request.fee_due},
        )
    request.fee_paid_on = date
    data: dict[str, Any] = {"amount": request.fee_amount}
    if request.fee_declared_reference:  # the applicant's declaration the office checked
        data["reference"] = request.fee_declared_reference
    return data


def fee_unpaid(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date = step.obj, step.date
    # 国办函〔2020〕109号 (docs/legal.md#fee-payment): no payment in time is taken as
    # abandoning the application; annual report table 3 row （六）2.
    if request.fee_due is None or date <= request.fee_due:
        raise WorkflowError(
            409,
            "fee_period_running",
            _("The fee can be paid until %(date)s.") % {"date": request.fee_due},
        )
    request.outcome = Outcome.OTHER_FEE_UNPAID
    return {"outcome": request.outcome, "amount": request.fee_amount}


def decline_fee(step: Step[InfoRequest]) -> dict[str, Any]:
    request, date, by = step.obj, step.date, step.by
    # The applicant will not pay: as for a fee not paid in time, the application is no longer
    # processed (国办函〔2020〕109号; docs/legal.md#fee-payment), annual report table 3 row （六）2.
    request.outcome = Outcome.OTHER_FEE_UNPAID
    request.fee_declined_on = date
    return {"outcome": request.outcome, "amount": request.fee_amount, "by_applicant": by is None}
