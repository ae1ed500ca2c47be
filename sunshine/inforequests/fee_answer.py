"""The applicant answers a fee notice (条例 Art. 42, 国办函〔2020〕109号; docs/legal.md#fee-payment) on
the request's page or through the API. There is no payment gateway: the fee is paid by bank transfer
or at the counter of the non-tax revenue system (非税收入), and the applicant says so here.

- ``declare_payment``: the applicant says they paid, with the payment's reference (required), the
  day they paid and a copy of the receipt (both optional). It is a declaration the office must
  check, not a payment: the reply period stays stopped, the office is told by e-mail and the staff
  page shows it beside "Record the fee payment". The office then records the payment dated the day
  it was paid (the staff form offers the declared day), so the period stops from the notice to the
  day of payment, as the fee notice says (自本通知发出之日起至您缴纳费用之日止). A new declaration
  replaces the last (a mistyped reference).
- ``decline``: the applicant will not pay: the step ``decline_fee`` through the kernel, taken by the
  applicant (``by`` None), which closes the request like a fee not paid in time.
- ``answer_fee``: the one entry of the page and the API, ``decision`` ``paid`` or ``declined``.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from functools import partial
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sunshine.agencies.models import Membership, Role
from sunshine.core import audit
from sunshine.core.request_context import site_url
from sunshine.core.workflow import WorkflowError, invalid
from sunshine.inforequests.actions import WORKFLOW
from sunshine.inforequests.codes import Status
from sunshine.inforequests.correction import read_ahead, store_upload
from sunshine.inforequests.events import DECLARE_FEE_PAYMENT, record_event
from sunshine.inforequests.models import InfoRequest, RequestFile

log = logging.getLogger(__name__)

PAID = "paid"
DECLINED = "declined"
DECISIONS = (PAID, DECLINED)
MAX_REFERENCE = 100
MAX_FILES = 5
DECLARED_FIELDS = ("fee_declared_at", "fee_declared_reference", "fee_declared_paid_on")


def _not_awaiting() -> WorkflowError:
    return WorkflowError(
        409, "action_not_allowed", _("The agency is not waiting for a fee for this application.")
    )


def parse_day(value: object) -> datetime.date | None:
    """A day as the page or the API sends it (YYYY-MM-DD, a date, or nothing); 422 on ``paid_on``."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise invalid({"paid_on": _("Enter a real date as YYYY-MM-DD.")})


def _declaration_errors(
    request: InfoRequest, reference: str, paid_on: datetime.date | None, files: int, today: datetime.date
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not reference:
        errors["reference"] = _(
            "Give the reference of the payment: the number of the bank transfer or of the non-tax "
            "revenue (非税收入) payment receipt."
        )
    elif len(reference) > MAX_REFERENCE:
        errors["reference"] = _("Enter at most %(n)s characters.") % {"n": MAX_REFERENCE}
    if paid_on is not None:
        if paid_on > today:
            errors["paid_on"] = _("The date cannot be in the future.")
        elif request.fee_notified_on is not None and paid_on < request.fee_notified_on:
            errors["paid_on"] = _(
                "The fee notice was sent on %(date)s: give the day you paid, on or after it."
            ) % {"date": request.fee_notified_on}
        elif request.fee_due is not None and paid_on > request.fee_due:
            errors["paid_on"] = _(
                "The fee was payable by %(date)s; a later payment cannot be recorded. Contact the "
                "agency's disclosure office."
            ) % {"date": request.fee_due}
    if files > MAX_FILES:
        errors["files"] = _("Attach at most %(n)s files.") % {"n": MAX_FILES}
    return errors


def declare_payment(
    *,
    request: InfoRequest,
    reference: str,
    paid_on: object = None,
    files: Sequence[UploadedFile] = (),
    today: datetime.date | None = None,
) -> InfoRequest:
    """Keep the applicant's declaration that they paid, tell the office; WorkflowError when the
    request is not awaiting a fee (409) or the input is not valid (422). Nothing is kept on a refusal.
    The receipts are read before the transaction."""
    if request.status == Status.AWAITING_FEE:
        read_ahead(files, at_most=MAX_FILES)
    return _declare_payment(request=request, reference=reference, paid_on=paid_on, files=files, today=today)


@transaction.atomic
def _declare_payment(
    *,
    request: InfoRequest,
    reference: str,
    paid_on: object,
    files: Sequence[UploadedFile],
    today: datetime.date | None,
) -> InfoRequest:
    request = InfoRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != Status.AWAITING_FEE:
        raise _not_awaiting()
    today = today or timezone.localdate()
    reference = (reference or "").strip()
    day = parse_day(paid_on)
    errors = _declaration_errors(request, reference, day, len(files), today)
    if errors:
        raise invalid(errors)
    stored: list[RequestFile] = []
    try:
        stored += [store_upload(request, upload, purpose=RequestFile.Purpose.FEE_RECEIPT) for upload in files]
        before = audit.snapshot(request, DECLARED_FIELDS)
        request.fee_declared_at = timezone.now()
        request.fee_declared_reference = reference
        request.fee_declared_paid_on = day
        request.save(update_fields=[*DECLARED_FIELDS, "updated_at"])
        sent = [{"id": f.pk, "name": f.name, "size": f.size} for f in stored]
        event = record_event(
            request,
            DECLARE_FEE_PAYMENT,
            today,
            None,
            reference=reference,
            paid_on=day,
            amount=request.fee_amount,
            **({"files": sent} if sent else {}),
        )
        RequestFile.objects.filter(pk__in=[f.pk for f in stored]).update(event=event)
        audit.record(
            actor=None,
            action=f"inforequest.{DECLARE_FEE_PAYMENT}",
            obj=request,
            before=before,
            after={**audit.snapshot(request, DECLARED_FIELDS), "files": [f.name for f in stored]},
            agency=request.agency,
        )
    except Exception:
        for orphan in stored:  # the rows go with the transaction; the files must go too
            orphan.file.delete(save=False)
        raise
    # The link in the e-mail: the address of the site the applicant used (else SUNSHINE_SITE_URL).
    transaction.on_commit(partial(tell_office, request.pk, site_url() or None))
    return request


def decline(*, request: InfoRequest, today: datetime.date | None = None) -> InfoRequest:
    """The applicant declines to pay: ``decline_fee`` through the kernel, by the applicant."""
    if request.status != Status.AWAITING_FEE:
        raise _not_awaiting()
    return WORKFLOW.perform(request, "decline_fee", by=None, today=today)


def answer_fee(
    *,
    request: InfoRequest,
    decision: str,
    reference: str = "",
    paid_on: object = None,
    files: Sequence[UploadedFile] = (),
    today: datetime.date | None = None,
) -> InfoRequest:
    """The applicant's answer to the fee notice: ``paid`` (a declaration) or ``declined``."""
    if decision == PAID:
        return declare_payment(
            request=request, reference=reference, paid_on=paid_on, files=files, today=today
        )
    if decision == DECLINED:
        return decline(request=request, today=today)
    raise invalid({"decision": _("Choose “paid” or “declined”.")})


# --- Telling the office ---------------------------------------------------------------------------


def office_addresses(request: InfoRequest) -> list[str]:
    """Who checks a declared payment: the assigned officer, else the agency's information officers."""
    officer = request.assigned_to
    if officer is not None and officer.is_active and officer.email:
        return [officer.email]
    found = (
        Membership.objects.filter(agency=request.agency, role=Role.OFFICER, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .order_by("user__email")
        .distinct()
    )
    return list(found)


def office_message(request: InfoRequest, base_url: str | None = None) -> tuple[str, str]:
    """Subject and body of the e-mail to the office, in the site's language."""
    base = settings.SUNSHINE_SITE_URL if base_url is None else base_url
    lines = [
        _(
            "The applicant of request %(code)s says they paid the information-processing fee of "
            "%(amount)s yuan."
        )
        % {"code": request.tracking_code, "amount": request.fee_amount},
        _("Payment reference: %(reference)s") % {"reference": request.fee_declared_reference},
    ]
    if request.fee_declared_paid_on is not None:
        lines.append(_("Paid on: %(date)s") % {"date": request.fee_declared_paid_on.isoformat()})
    lines += [
        "",
        _(
            "Check the payment, then record it on the request's page (“Record the fee payment”), dated "
            "the day it was paid. Until then the reply period stays stopped."
        ),
        f"{base}{reverse('backoffice:request_detail', args=[request.pk])}",
        "",
        settings.SITE_NAME,
    ]
    subject = _("Request %(code)s: the applicant says the fee is paid") % {"code": request.tracking_code}
    return subject, "\n".join(lines) + "\n"


def tell_office(request_id: int, base_url: str | None = None) -> int:
    """E-mail the office about a declared payment (after the commit); the number of messages sent.
    A failing mail server is logged: the declaration is kept and shown on the staff page either way."""
    request: Any = InfoRequest.objects.select_related("agency", "assigned_to").filter(pk=request_id).first()
    if request is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = office_message(request, base_url)
    sent = 0
    for address in office_addresses(request):
        try:
            send_mail(subject, body, None, [address])
        except Exception:  # the mail server's failures come in many classes (SMTP, socket, TLS)
            log.exception("The payment declared for request %s could not be told.", request.tracking_code)
        else:
            sent += 1
    return sent
