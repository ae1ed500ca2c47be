"""The JSON form of a request, for the applicant (with the key) and for staff."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from sunshine.inforequests.actions import WORKFLOW
from sunshine.inforequests.applicant_file import applicant_files, applicant_kinds, public_line
from sunshine.inforequests.clock import current_thresholds, reading_of
from sunshine.inforequests.codes import Outcome
from sunshine.inforequests.models import InfoRequest
from sunshine.workdays.calendar import current_calendar


def applicant_data(request: InfoRequest) -> dict[str, str]:
    return {
        "kind": request.applicant_kind,
        "name": request.applicant_name,
        "id_type": request.applicant_id_type,
        "id_number": request.applicant_id_number,
        "phone": request.applicant_phone,
        "email": request.applicant_email,
        "address": request.applicant_address,
    }


def clock_data(request: InfoRequest) -> dict[str, Any]:
    calendar = current_calendar()
    reading = reading_of(request, current_thresholds(calendar=calendar), calendar)
    return {"state": reading.state, "remaining_working_days": reading.remaining}


def fee_data(request: InfoRequest) -> dict[str, Any] | None:
    """The information-processing fee (国办函〔2020〕109号), once a fee notice has been sent."""
    if request.fee_notified_on is None:
        return None
    if request.fee_paid_on is not None:
        state = "paid"
    elif request.fee_declined_on is not None:
        state = "declined"
    elif request.outcome == Outcome.OTHER_FEE_UNPAID:
        state = "unpaid"
    else:
        state = "pending"
    declared = None
    if request.fee_declared_at is not None:
        # The applicant's word that they paid (fee_answer), until the office records the payment.
        declared = {
            "reference": request.fee_declared_reference,
            "paid_on": request.fee_declared_paid_on,
            "declared_at": request.fee_declared_at,
        }
    return {
        "state": state,
        "method": request.fee_method,
        "amount": request.fee_amount,
        "currency": "CNY",
        "basis": request.fee_basis,
        "notified_on": request.fee_notified_on,
        "payable_by": request.fee_due,
        "payable_by_provisional": request.fee_due_provisional,
        "paid_on": request.fee_paid_on,
        "payment_declared": declared,
        "declined_on": request.fee_declined_on,
        "period_over": state == "pending"
        and request.fee_due is not None
        and timezone.localdate() > request.fee_due,
    }


def request_data(
    request: InfoRequest, *, with_applicant: bool, with_history: bool = False, for_staff: bool = False
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": request.pk,
        "tracking_code": request.tracking_code,
        "agency": request.agency.code,
        "agency_name": request.agency.name,
        "channel": request.channel,
        "status": request.status,
        "outcome": request.outcome or None,
        "submitted_at": request.submitted_at,
        "received_on": request.received_on,
        "due_date": request.due_date,
        # docs/legal.md#provisional-years: the due date rests on an unpublished year's estimate.
        "due_date_provisional": request.due_date_provisional,
        "concluded_on": request.concluded_on,
        "title": request.title,
        "description": request.description,
        "document_number": request.document_number,
        "delivery": {"form": request.delivery_form, "method": request.delivery_method},
        "correction": None,
        "extension": None,
        "reply": None,
        "fee": None,
        "clock": clock_data(request),
        "rating": (
            None
            if request.rating is None
            else {"score": request.rating, "comment": request.rating_comment, "rated_at": request.rated_at}
        ),
    }
    if with_applicant or for_staff:
        # The basis counts the applicant's applications: for staff and the key holder only.
        data["fee"] = fee_data(request)
    if with_applicant:
        data["applicant"] = applicant_data(request)
    if request.correction_requested_on:
        data["correction"] = {
            "items": request.correction_items,
            "requested_on": request.correction_requested_on,
            "due": request.correction_due,
            "due_provisional": request.correction_due_provisional,
        }
        if for_staff:
            data["correction"]["late"] = request.correction_late
    if request.extension_days:
        data["extension"] = {
            "working_days": request.extension_days,
            "reason": request.extension_reason,
            "approved_by": request.extension_approved_by,
            "decided_on": request.extended_on,
        }
        if for_staff:
            approver = request.extension_approver
            data["extension"]["approver"] = (
                None
                if approver is None
                else {
                    "id": approver.pk,
                    "username": approver.get_username(),
                    "name": approver.get_full_name() or approver.get_username(),
                }
            )
    if request.outcome:
        data["reply"] = {
            "outcome": request.outcome,
            "reasons": request.reply_reasons,
            "detail": request.outcome_detail,
            "date": request.concluded_on,
        }
    if with_history:
        data["history"] = [
            {"action": e.action, "date": e.date} for e in request.events.order_by("date", "id")
        ]
    if for_staff:
        data["allowed_actions"] = WORKFLOW.allowed(request.status)
        data["pauses"] = [
            {"party": p.party, "started_on": p.started_on, "ended_on": p.ended_on}
            for p in request.pauses.all()
        ]
        data["reviews"] = [
            {
                "id": r.pk,
                "kind": r.kind,
                "filed_on": r.filed_on,
                "result": r.result,
                "decided_on": r.decided_on,
            }
            for r in request.reviews.all()
        ]
    return data


def applicant_request_data(request: InfoRequest) -> dict[str, Any]:
    """The request as its applicant reads it through the API: ``request_data`` with the history, and
    the applicant's file: each step with its line (``events``), the notices they may download
    (``documents``) and the files they may have (``files``). Every URL needs the ``X-Access-Key``."""
    data = request_data(request, with_applicant=True, with_history=True)
    code = request.tracking_code
    data["events"] = [
        {"action": e.action, "date": e.date, "text": public_line(e)}
        for e in request.events.order_by("date", "id")
    ]
    data["documents"] = [
        {
            "kind": kind.slug,
            "title": str(kind.label),
            "url": reverse("api:applicant_document", kwargs={"tracking_code": code, "kind": kind.slug}),
        }
        for kind in applicant_kinds(request)
    ]
    data["files"] = [
        {
            "id": f.pk,
            "name": f.name,
            "size": f.size,
            "url": reverse("api:applicant_file", kwargs={"tracking_code": code, "file_id": f.pk}),
        }
        for f in applicant_files(request)
    ]
    return data
