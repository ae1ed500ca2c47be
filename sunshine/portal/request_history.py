"""The history of a request in plain words, as the applicant reads it on the status page.

Only what the applicant may know: dates and what happened. Staff names and internal notes stay out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from sunshine.inforequests.codes import ConsultationParty, Outcome
from sunshine.inforequests.models import InfoRequest, RequestEvent
from sunshine.inforequests.provisional import CONFIRM_DATES, change_lines


@dataclass(frozen=True)
class Step:
    date: datetime.date
    text: str


def _label(choices: type[Any], value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def describe(event: RequestEvent) -> str:
    data = event.data or {}
    action = event.action
    if action == "submit":
        return _("You sent the application online.")
    if action == "register":
        return _("The agency registered your application, received in person, by post or by fax.")
    if action == "confirm_receipt":
        if data.get("automatic"):
            return _("The application was received. The 20 working days for the reply start to run.")
        return _("The agency confirmed receipt. The 20 working days for the reply start to run.")
    if action == "request_correction":
        return _("The agency asked you to correct the application by %(date)s.") % {
            "date": data.get("correction_due", "")
        }
    if action == "receive_correction":
        return _("The agency received the corrected application. The reply period starts again.")
    if action == "correction_overdue":
        return _("No correction arrived within the period, so the application is no longer processed.")
    if action == "start_consultation":
        if data.get("party") == ConsultationParty.AGENCY:
            return _("The agency began consulting another agency. This time does not count.")
        return _("The agency began consulting a third party. This time does not count.")
    if action == "end_consultation":
        return _("The consultation ended. The reply period runs again.")
    if action == "extend":
        return _("The agency extended the reply period by %(n)s working days.") % {
            "n": data.get("working_days", "")
        }
    if action == "reply":
        return _("The agency replied: %(outcome)s.") % {"outcome": _label(Outcome, data.get("outcome"))}
    if action == "withdraw":
        if data.get("by_applicant", True):
            return _("You withdrew the application.")
        return _("The application was withdrawn.")
    if action == "notify_fee":
        return _("The agency sent you a fee notice of %(amount)s yuan, payable by %(date)s.") % {
            "amount": data.get("amount", ""),
            "date": data.get("payable_by", ""),
        }
    if action == "record_fee_payment":
        return _("The agency recorded your payment of the fee. The reply period runs again.")
    if action == "fee_unpaid":
        return _("The fee was not paid within the period, so the application is no longer processed.")
    if action == CONFIRM_DATES:
        return " ".join(
            [
                _("The official working-day calendar was published."),
                *(_("%(line)s.") % {"line": line} for line in change_lines(data)),
            ]
        )
    return action


def history(request: InfoRequest) -> list[Step]:
    return [Step(event.date, describe(event)) for event in request.events.order_by("date", "id")]
