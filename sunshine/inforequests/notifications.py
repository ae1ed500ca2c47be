"""E-mails to applicants. Composing here; sending through Django's mail backend.

The access key travels in the e-mail because the applicant needs it to follow the request; it is
never stored (see ``access``), so the message is sent in-process after the transaction commits,
not through the task queue, whose rows would keep a copy of it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.core import submissions
from sunshine.inforequests.models import InfoRequest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str


def application_copy(request: InfoRequest) -> list[str]:
    """A copy of what was applied for, for the receipt: the agency, the information wanted and how it
    is to be delivered. No identity document, name or contact details (the e-mail may be forwarded)."""
    lines = [
        _("Your application"),
        _("Agency: %(agency)s") % {"agency": request.agency.display_name},
    ]
    if request.title:
        lines.append(_("Name of the information: %(title)s") % {"title": request.title})
    if request.document_number:
        lines.append(_("Document number: %(number)s") % {"number": request.document_number})
    lines += [
        _("Description of the information:"),
        *(f"  {line}" for line in request.description.splitlines() or [""]),
        _("Form of the information: %(form)s") % {"form": request.get_delivery_form_display()},
        _("Delivery: %(method)s") % {"method": request.get_delivery_method_display()},
    ]
    return lines


def submission_receipt(*, request: InfoRequest, access_key: str, status_url: str = "") -> Message | None:
    """The e-mail confirming an application, with its tracking code and access key.

    None when the applicant gave no e-mail address. The message holds a copy of the application
    (``application_copy``) and names no personal data besides the address it goes to.
    """
    if not request.applicant_email:
        return None
    lines = [
        _("Your application for government information has been submitted to %(agency)s.")
        % {"agency": request.agency.display_name},
        "",
        _("Tracking code: %(code)s") % {"code": request.tracking_code},
        _("Access key: %(key)s") % {"key": access_key},
        "",
        _(
            "Keep the tracking code and the access key: together they open your request. "
            "Anyone who has both can see it, so do not pass them on."
        ),
    ]
    if request.received_on is not None:
        lines.append(_("Received on: %(date)s") % {"date": request.received_on.isoformat()})
    if request.due_date is not None:
        lines.append(_("The agency must reply by: %(date)s") % {"date": request.due_date.isoformat()})
    if status_url:
        lines += [
            "",
            _("Follow your request at %(url)s") % {"url": status_url},
            _("This private link opens your request without the key: do not pass it on."),
        ]
    lines += ["", *application_copy(request)]
    lines += [
        "",
        _("If you did not make this application, you can ignore this e-mail."),
        settings.SITE_NAME,
    ]
    return Message(
        to=request.applicant_email,
        subject=_("Your application %(code)s") % {"code": request.tracking_code},
        body="\n".join(lines) + "\n",
    )


def send_submission_receipt(*, request: InfoRequest, access_key: str, status_url: str = "") -> bool:
    """Send the receipt now; True if a message went out. A failing mail server is logged, not raised:
    the application itself is stored either way."""
    message = submission_receipt(request=request, access_key=access_key, status_url=status_url)
    if message is None:
        return False
    try:
        send_mail(message.subject, message.body, None, [message.to])
    except Exception:  # the mail server's failures come in many classes (SMTP, socket, TLS)
        log.exception("The receipt of request %s could not be sent.", request.tracking_code)
        return False
    return True


def notify_submitted(*, request: InfoRequest, access_key: str, status_url: str = "") -> bool:
    """Send the receipt once the current transaction has committed (at once outside a transaction);
    whether one goes. An address gets one receipt an hour unless it is confirmed
    (``core.submissions.may_acknowledge``); the private link in it confirms it when opened."""
    if not request.applicant_email or not submissions.may_acknowledge(request.applicant_email):
        return False
    if status_url:
        status_url = submissions.with_confirmation(status_url, request.applicant_email)
    transaction.on_commit(
        lambda: send_submission_receipt(request=request, access_key=access_key, status_url=status_url)
    )
    return True
