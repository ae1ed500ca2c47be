"""State changes of requests: submission, registration and every action, each one transaction
with an audit entry. Deadlines come from the working-day clock (sunshine.workdays.clock)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.inforequests import access, fees, selectors
from sunshine.inforequests.clock import recompute_due
from sunshine.inforequests.codes import (
    CONCLUDED_STATUSES,
    REPLY_OUTCOMES,
    Channel,
    ConsultationParty,
    FeeMethod,
    Outcome,
    Status,
)
from sunshine.inforequests.law import (
    CORRECTION_NOTICE_WORKING_DAYS,
    FEE_PAYMENT_WORKING_DAYS,
    MAX_CORRECTION_PERIOD,
    MAX_EXTENSION_WORKING_DAYS,
)
from sunshine.inforequests.models import AgencyRequestSettings, InfoRequest, Pause, RequestEvent
from sunshine.inforequests.transitions import APPROVER_ROLES, TRANSITIONS
from sunshine.inforequests.validation import applicant_errors, wanted_errors
from sunshine.workdays.calendar import current_calendar, not_published_message
from sunshine.workdays.clock import CalendarNotPublished, WorkCalendar, add_working_days, deadline

AnyUser = AbstractBaseUser | AnonymousUser

MAX_FEE_PAGES = 100_000

AUDITED_FIELDS = (
    "status",
    "outcome",
    "received_on",
    "clock_start",
    "due_date",
    "due_date_provisional",
    "concluded_on",
    "correction_due",
    "extension_days",
    "fee_amount",
    "fee_due",
    "fee_paid_on",
)


class RequestError(Exception):
    """An action that cannot be taken. ``status`` 409 for the state, 422 for the input."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def _invalid(fields: dict[str, str]) -> RequestError:
    return RequestError(422, "validation_error", _("Some of the input is not valid."), fields)


@dataclass(frozen=True)
class Applicant:
    kind: str
    name: str
    id_type: str
    id_number: str
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class Wanted:
    description: str
    document_number: str = ""
    title: str = ""
    delivery_form: str = "electronic"
    delivery_method: str = "email"


def _calendar() -> WorkCalendar:
    return current_calendar()


def _calendar_error(exc: CalendarNotPublished) -> RequestError:
    return RequestError(422, "calendar_not_published", not_published_message(exc.year))


def _recompute_due(request: InfoRequest) -> None:
    try:
        recompute_due(request)
    except CalendarNotPublished as exc:
        raise _calendar_error(exc) from exc


def _online_receipt_day(submitted: datetime.date) -> datetime.date:
    """条例 Art. 31 (三): an online request submitted on a non-working day is received on the next one."""
    calendar = _calendar()
    try:
        if calendar.is_workday(submitted):
            return submitted
        return add_working_days(submitted, 1, calendar)
    except CalendarNotPublished as exc:
        raise _calendar_error(exc) from exc


def snapshot(request: InfoRequest) -> dict[str, Any]:
    return audit.snapshot(request, AUDITED_FIELDS)


def _event(request: InfoRequest, action: str, date: datetime.date, by: AnyUser | None, **data: Any) -> None:
    RequestEvent.objects.create(
        request=request,
        action=action,
        date=date,
        by=person_or_none(by),
        data=audit.json_value(data),
    )


def _check(applicant: Applicant, wanted: Wanted) -> None:
    errors = {**applicant_errors(applicant), **wanted_errors(wanted, applicant)}
    if errors:
        raise _invalid(errors)


@transaction.atomic
def submit_request(
    *,
    agency: Agency,
    applicant: Applicant,
    wanted: Wanted,
    channel: str = Channel.ONLINE,
    received_on: datetime.date | None = None,
    by: AnyUser | None = None,
    today: datetime.date | None = None,
) -> tuple[InfoRequest, str]:
    """Store a new request; return it with the applicant's access key (shown once, never stored).

    Online requests (``by`` None) are confirmed as received automatically where the agency says so;
    requests registered by staff (in person, post, fax) carry the date of receipt they give.
    """
    today = today or timezone.localdate()
    _check(applicant, wanted)
    if received_on is not None and received_on > today:
        raise _invalid({"received_on": _("The date cannot be in the future.")})
    request = InfoRequest(
        tracking_code=access.new_tracking_code(today.year),
        access_salt=access.new_salt(),
        agency=agency,
        channel=channel,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name.strip(),
        applicant_id_type=applicant.id_type,
        applicant_id_number=applicant.id_number.strip().upper(),
        applicant_phone=applicant.phone.strip(),
        applicant_email=applicant.email.strip(),
        applicant_address=applicant.address.strip(),
        title=wanted.title.strip(),
        document_number=wanted.document_number.strip(),
        description=wanted.description.strip(),
        delivery_form=wanted.delivery_form,
        delivery_method=wanted.delivery_method,
        created_by=person_or_none(by),
    )
    if received_on is None and channel == Channel.ONLINE:
        agency_settings = AgencyRequestSettings.objects.filter(agency=agency).first()
        if agency_settings is None or agency_settings.auto_confirm_online:
            received_on = _online_receipt_day(today)
    if received_on is not None:
        request.status = Status.RECEIVED
        request.received_on = received_on
        request.clock_start = received_on
    request.save()
    _recompute_due(request)
    request.save(update_fields=["due_date", "due_date_provisional"])
    if by is None:
        _event(request, "submit", today, by, channel=channel)
        if received_on is not None:
            _event(request, "confirm_receipt", received_on, by, automatic=True)
    else:
        # Registered by staff from paper, fax or a visit: the history starts on the day of receipt.
        _event(request, "register", received_on or today, by, channel=channel)
    audit.record(
        actor=by,
        action="inforequest.register" if by is not None else "inforequest.submit",
        obj=request,
        after=snapshot(request),
        agency=agency,
    )
    return request, access.access_key_for(request)


def _require_text(value: Any, name: str, message: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _invalid({name: message})
    return value.strip()


# History entries the system writes that are not steps of the procedure (provisional.CONFIRM_DATES):
# a step may be recorded with a date before them.
SYSTEM_EVENTS = ("confirm_dates",)


def _last_event_date(request: InfoRequest) -> datetime.date | None:
    steps = request.events.exclude(action__in=SYSTEM_EVENTS)
    return steps.order_by("-date", "-id").values_list("date", flat=True).first()


@transaction.atomic
def perform_action(
    *,
    request: InfoRequest,
    action: str,
    by: AnyUser | None,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
    **fields: Any,
) -> InfoRequest:
    """Take one action on a request (see TRANSITIONS); RequestError when it is not allowed.

    ``by`` is the person acting, who must hold one of the transition's roles for the request's agency
    (RequestError 403 otherwise); None is the system or the applicant (a withdrawal on the portal).
    """
    today = today or timezone.localdate()
    date = date or today
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise _invalid({"action": _("Unknown action.")})
    if by is not None and not selectors.may_act(by, request.agency, transition.roles):
        raise RequestError(
            403,
            "permission_denied",
            _("Your roles do not allow you to take this step on this agency's requests."),
        )
    request = InfoRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in transition.allowed_from:
        raise RequestError(
            409,
            "action_not_allowed",
            _("“%(action)s” is not possible while the request is “%(status)s”.")
            % {"action": action, "status": request.get_status_display()},
        )
    if date > today:
        raise _invalid({"date": _("The date cannot be in the future.")})
    last = _last_event_date(request)
    if last is not None and date < last:
        raise _invalid(
            {"date": _("The date cannot be before the last recorded step (%(date)s).") % {"date": last}}
        )
    before = snapshot(request)
    handler = HANDLERS[action]
    data = handler(request, date, by, fields)
    if transition.to is not None:
        request.status = transition.to
    if request.status in CONCLUDED_STATUSES:
        request.concluded_on = date
    _recompute_due(request)
    request.save()
    _event(request, action, date, by, **data)
    audit.record(
        actor=by,
        action=f"inforequest.{action}",
        obj=request,
        before=before,
        after={**snapshot(request), **audit.json_value(data)},
        agency=request.agency,
    )
    return request


Handler = Any


def _confirm_receipt(
    request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]
) -> dict:
    request.received_on = date
    request.clock_start = date
    return {}


def _request_correction(
    request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]
) -> dict:
    if request.correction_requested_on is not None:
        raise RequestError(
            409, "correction_already_requested", _("A correction can be requested only once, in one notice.")
        )
    items = f.get("items")
    if not isinstance(items, list) or not [i for i in items if isinstance(i, str) and i.strip()]:
        raise _invalid({"items": _("List every item the applicant must correct.")})
    period = f.get("period_working_days")
    if not isinstance(period, int) or isinstance(period, bool) or not 1 <= period <= MAX_CORRECTION_PERIOD:
        raise _invalid(
            {
                "period_working_days": _("Give a period of 1 to %(n)s working days.")
                % {"n": MAX_CORRECTION_PERIOD}
            }
        )
    assert request.received_on is not None
    calendar = _calendar()
    try:
        latest_notice = add_working_days(request.received_on, CORRECTION_NOTICE_WORKING_DAYS, calendar)
        due = deadline(date, period, calendar)
    except CalendarNotPublished as exc:
        raise _calendar_error(exc) from exc
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


def _receive_correction(
    request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]
) -> dict:
    # 条例 Art. 30: 答复期限自行政机关收到补正的申请之日起计算.
    request.clock_start = date
    return {}


def _correction_overdue(
    request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]
) -> dict:
    if request.correction_due is None or date <= request.correction_due:
        raise RequestError(
            409,
            "correction_period_running",
            _("The correction period runs until %(date)s.") % {"date": request.correction_due},
        )
    request.outcome = Outcome.OTHER_CORRECTION_OVERDUE
    return {"outcome": request.outcome}


def _start_consultation(
    request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]
) -> dict:
    party = f.get("party")
    if party not in ConsultationParty.values:
        raise _invalid(
            {"party": _("Choose one of: %(values)s.") % {"values": ", ".join(ConsultationParty.values)}}
        )
    if request.due_date is not None and date > request.due_date:
        raise RequestError(409, "past_due_date", _("The reply period has already run out."))
    Pause.objects.create(request=request, party=party, started_on=date)
    return {"party": party}


def _end_consultation(
    request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]
) -> dict:
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


def _extend(request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]) -> dict:
    if request.extension_days:
        raise RequestError(409, "already_extended", _("The reply period can be extended only once."))
    days = f.get("working_days")
    errors: dict[str, str] = {}
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_EXTENSION_WORKING_DAYS:
        errors["working_days"] = _("Give 1 to %(n)s working days.") % {"n": MAX_EXTENSION_WORKING_DAYS}
    reason = f.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        errors["reason"] = _("Give the reason for the extension.")
    approver = _extension_approver(request, by, f.get("approver"), errors)
    approved_by = f.get("approved_by")
    if not isinstance(approved_by, str) or not approved_by.strip():
        # The name as shown defaults to the approver's.
        approved_by = (approver.get_full_name() or approver.get_username()) if approver is not None else ""
    if not approved_by.strip() and "approver" not in errors:
        errors["approved_by"] = _("Name the head of the disclosure office who approved it.")
    if errors:
        raise _invalid(errors)
    if request.due_date is not None and date > request.due_date:
        raise RequestError(
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


def _reply(request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]) -> dict:
    outcome = f.get("outcome")
    if outcome not in REPLY_OUTCOMES:
        raise _invalid({"outcome": _("Choose the outcome of the reply.")})
    reasons = f.get("reasons")
    if not isinstance(reasons, str) or not reasons.strip():
        if outcome != Outcome.DISCLOSED:
            raise _invalid({"reasons": _("Give the reasons and the legal basis of the reply.")})
        reasons = ""
    detail = f.get("detail") or {}
    if not isinstance(detail, dict):
        raise _invalid({"detail": _("The detail must be an object.")})
    request.outcome = outcome
    request.reply_reasons = reasons.strip()
    request.outcome_detail = detail
    return {"outcome": outcome, "reasons": request.reply_reasons, "detail": detail}


def _withdraw(request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]) -> dict:
    # Withdrawn requests are counted as “other” in the annual report.
    request.outcome = Outcome.OTHER
    pause = request.pauses.filter(ended_on__isnull=True).first()
    if pause is not None:
        pause.ended_on = date
        pause.save(update_fields=["ended_on"])
    return {"by_applicant": bool(f.get("by_applicant", by is None))}


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


def _notify_fee(request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]) -> dict:
    # 条例 Art. 42, 国办函〔2020〕109号 Art. 3–5: one method per application, one notice.
    if request.fee_notified_on is not None:
        raise RequestError(
            409, "fee_already_notified", _("A fee notice has already been sent for this request.")
        )
    method = f.get("method")
    if method not in FeeMethod.values:
        raise _invalid({"method": _("Choose one of: %(values)s.") % {"values": ", ".join(FeeMethod.values)}})
    if request.due_date is not None and date > request.due_date:
        raise RequestError(409, "past_due_date", _("The reply period has already run out."))
    basis: dict[str, Any]
    if method == FeeMethod.PER_PAGE:
        pages = f.get("pages")
        if not isinstance(pages, int) or isinstance(pages, bool) or not 1 <= pages <= MAX_FEE_PAGES:
            raise _invalid({"pages": _("Give the number of pages, 1 to %(n)s.") % {"n": MAX_FEE_PAGES}})
        fee = fees.per_page_fee(pages)
        basis = {"pages": pages, **fee.as_dict()}
        if fee.amount == 0:
            raise RequestError(
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
            raise RequestError(
                409,
                "no_fee_due",
                _(
                    "No fee is due: this is application %(position)s of this applicant in %(month)s, "
                    "and the first %(free)s of a month are free."
                )
                % {"position": position, "month": month, "free": fees.FREE_APPLICATIONS_PER_MONTH},
            )
    try:
        payable = deadline(date, FEE_PAYMENT_WORKING_DAYS, _calendar())
    except CalendarNotPublished as exc:
        raise _calendar_error(exc) from exc
    payable_by = payable.date
    request.fee_due_provisional = payable.provisional
    method = FeeMethod(method).value
    request.fee_method = method
    request.fee_amount = fee.amount
    request.fee_basis = basis
    request.fee_notified_on = date
    request.fee_due = payable_by
    return {"method": method, "amount": fee.amount, "basis": basis, "payable_by": payable_by}


def _record_fee_payment(
    request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]
) -> dict:
    if request.fee_due is not None and date > request.fee_due:
        raise RequestError(
            409,
            "fee_period_over",
            _(
                "The fee was payable by %(date)s; a later payment cannot be recorded. "
                "Close the request as unpaid."
            )
            % {"date": request.fee_due},
        )
    request.fee_paid_on = date
    return {"amount": request.fee_amount}


def _fee_unpaid(request: InfoRequest, date: datetime.date, by: AnyUser | None, f: dict[str, Any]) -> dict:
    # 国办函〔2020〕109号 (docs/legal.md#fee-payment): no payment in time is taken as
    # abandoning the application; annual report table 3 row （六）2.
    if request.fee_due is None or date <= request.fee_due:
        raise RequestError(
            409,
            "fee_period_running",
            _("The fee can be paid until %(date)s.") % {"date": request.fee_due},
        )
    request.outcome = Outcome.OTHER_FEE_UNPAID
    return {"outcome": request.outcome, "amount": request.fee_amount}


HANDLERS: dict[str, Handler] = {
    "confirm_receipt": _confirm_receipt,
    "request_correction": _request_correction,
    "receive_correction": _receive_correction,
    "correction_overdue": _correction_overdue,
    "start_consultation": _start_consultation,
    "end_consultation": _end_consultation,
    "extend": _extend,
    "reply": _reply,
    "withdraw": _withdraw,
    "notify_fee": _notify_fee,
    "record_fee_payment": _record_fee_payment,
    "fee_unpaid": _fee_unpaid,
}

assert set(HANDLERS) == set(TRANSITIONS)
