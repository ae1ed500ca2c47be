"""State changes of requests: submission, registration and every action, each one transaction
with an audit entry. Deadlines come from the working-day clock (sunshine.workdays.clock)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.inforequests import access, selectors
from sunshine.inforequests.actions import WORKFLOW
from sunshine.inforequests.actions.handlers import calendar_error, recompute_due_or_refuse
from sunshine.inforequests.codes import Channel, Status
from sunshine.inforequests.events import AUDITED_FIELDS, record_event, snapshot
from sunshine.inforequests.models import AgencyRequestSettings, InfoRequest
from sunshine.inforequests.validation import applicant_errors, wanted_errors
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, add_working_days

AnyUser = AbstractBaseUser | AnonymousUser

# The one error of the workflow kernel: 403 for the person, 409 for the state, 422 for the input.
RequestError = WorkflowError
__all__ = [
    "AUDITED_FIELDS",
    "Applicant",
    "RequestError",
    "Wanted",
    "perform_action",
    "renew_access",
    "snapshot",
    "submit_request",
]


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


def applicant_language() -> str:
    """The language of the current page or API call, if the site offers it."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    offered = {code for code, _name in settings.LANGUAGES}
    return current if current in offered else settings.LANGUAGE_CODE


def _online_receipt_day(submitted: datetime.date) -> datetime.date:
    """条例 Art. 31 (三): an online request submitted on a non-working day is received on the next one."""
    calendar = current_calendar()
    try:
        if calendar.is_workday(submitted):
            return submitted
        return add_working_days(submitted, 1, calendar)
    except CalendarNotPublished as exc:
        raise calendar_error(exc) from exc


def _check(applicant: Applicant, wanted: Wanted) -> None:
    errors = {**applicant_errors(applicant), **wanted_errors(wanted, applicant)}
    if errors:
        raise invalid(errors)


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
        raise invalid({"received_on": _("The date cannot be in the future.")})
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
        # Online, the language the applicant used; on paper, the site's.
        language=applicant_language() if by is None else settings.LANGUAGE_CODE,
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
    recompute_due_or_refuse(request)
    request.save(update_fields=["due_date", "due_date_provisional"])
    if by is None:
        record_event(request, "submit", today, by, channel=channel)
        if received_on is not None:
            record_event(request, "confirm_receipt", received_on, by, automatic=True)
    else:
        # Registered by staff from paper, fax or a visit: the history starts on the day of receipt.
        record_event(request, "register", received_on or today, by, channel=channel)
    audit.record(
        actor=by,
        action="inforequest.register" if by is not None else "inforequest.submit",
        obj=request,
        after=snapshot(request),
        agency=agency,
    )
    return request, access.access_key_for(request)


def perform_action(
    *,
    request: InfoRequest,
    action: str,
    by: AnyUser | None,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
    **fields: Any,
) -> InfoRequest:
    """Take one action on a request (``actions.ACTIONS``) through the workflow kernel; RequestError
    when it is not allowed, and then nothing has changed.

    ``by`` is the person acting, who must hold one of the action's roles for the request's agency
    (RequestError 403 otherwise); None is the system or the applicant (a withdrawal on the portal).
    ``fields`` is the action's input (``actions.inputs``).
    """
    return WORKFLOW.perform(request, action, by=by, input=fields, date=date, today=today)


@transaction.atomic
def renew_access(*, request: InfoRequest, by: AnyUser) -> tuple[InfoRequest, str]:
    """A new access key for an applicant who lost theirs, or whose key or link went to someone else:
    the old key and every private link sent before stop working. Returns the new key (shown once)."""
    if not selectors.may_handle(by, request):
        raise WorkflowForbidden(_("Only those who handle the agency's requests issue a new key."))
    request = InfoRequest.objects.select_for_update().get(pk=request.pk)
    request.access_salt = access.new_salt()
    request.save(update_fields=["access_salt", "updated_at"])
    audit.record(actor=by, action="inforequest.renew_key", obj=request, after={}, agency=request.agency)
    return request, access.access_key_for(request)
