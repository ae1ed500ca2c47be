"""Messages about the steps of a service case (docs/cases.md#notices).

To the applicant, at every step that concerns them: the application received (online or registered
at the counter), the one-time notice of missing items (every item and why), accepted (by the agency
or by law), not accepted, suspended and resumed, extended, decided and delivered. By e-mail, or by
text message when the applicant gave a phone and no e-mail; in the language they applied in; with the
private link to their case page, never the access key.

To the information officers of the agency (by e-mail), when the applicant has sent every missing
material: the case is examined again.

The mechanism is the one of requests and letters (``core.notices``): ``plan`` writes one
``CaseNotice`` per recipient inside the step's transaction (so no step is left untold), ``enqueue``
hands them to the task queue after the commit, ``deliver`` composes and sends one, ``retry`` sends
again what failed (``manage.py send_notifications``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sunshine.agencies.models import Membership, Role
from sunshine.cases import access
from sunshine.cases.codes import CLOCK_RUNNING, Result
from sunshine.cases.models import Case, CaseEvent, CaseNotice
from sunshine.core import notices, submissions
from sunshine.core.notices import Composed
from sunshine.core.request_context import site_url

# The steps the applicant is told of. ``receive_missing`` only when staff record it (the pages and
# the API take it themselves when the applicant sends the last missing file: the page says so).
TOLD_APPLICANT = frozenset(
    {
        "submit",
        "register",
        "notify_missing",
        "receive_missing",
        "accept",
        "auto_accept",
        "refuse",
        "suspend",
        "resume",
        "extend",
        "decide",
        "deliver",
    }
)
# The steps after which the case can be rated (好差评): their message carries the rating link.
RATING_STEPS = frozenset({"decide", "deliver", "refuse"})
# The steps the officers of the agency are told of.
TOLD_OFFICERS = frozenset({"resubmit"})


def _applicant_channels(case: Case) -> list[str]:
    if case.applicant_email:
        return [CaseNotice.Channel.EMAIL]
    if case.applicant_phone:
        return [CaseNotice.Channel.SMS]
    return []


def officers_of(case: Case) -> QuerySet[Membership]:
    """The active information officers of the case's agency who have an e-mail address."""
    return (
        Membership.objects.filter(agency=case.agency, role=Role.OFFICER, user__is_active=True)
        .exclude(user__email="")
        .order_by("user_id")
    )


def plan(case: Case, event: CaseEvent) -> list[CaseNotice]:
    """The messages ``event`` calls for, written in the current transaction."""
    planned: list[CaseNotice] = []
    contact = case.applicant_email or case.applicant_phone
    if event.action == "submit" and not submissions.may_acknowledge(contact):
        pass  # one acknowledgement an hour to an address not confirmed (core.submissions)
    elif event.action in TOLD_APPLICANT and not (event.action == "receive_missing" and event.by_id is None):
        planned += [
            CaseNotice.objects.create(case=case, event=event, channel=c) for c in _applicant_channels(case)
        ]
    if event.action in TOLD_OFFICERS:
        user_ids = dict.fromkeys(officers_of(case).values_list("user_id", flat=True))
        planned += [
            CaseNotice.objects.create(
                case=case, event=event, channel=CaseNotice.Channel.EMAIL, recipient_id=pk
            )
            for pk in user_ids
        ]
    return planned


def plan_and_send(case: Case, event: CaseEvent) -> list[CaseNotice]:
    """``plan`` now, ``enqueue`` once the transaction has committed (for the services' own events)."""
    planned = plan(case, event)
    if planned:
        transaction.on_commit(lambda: enqueue(planned))
    return planned


def _base(base_url: str | None) -> str:
    return settings.SUNSHINE_SITE_URL if base_url is None else base_url


def private_link(case: Case, base_url: str | None = None) -> str:
    return f"{_base(base_url)}{access.private_path(case)}"


def _missing_lines(case: Case) -> list[str]:
    lines = [_("What is missing, all at once:")]
    for item in case.missing_items:
        if not isinstance(item, dict):
            continue
        name = str(item.get("name") or item.get("material") or "")
        reason = str(item.get("reason") or "")
        if name and reason:
            lines.append(f"- {name}: {reason}")
        else:
            lines.append(f"- {name or reason}")
    lines.append(
        _(
            "Send the file of each missing material on your application's page (the link below). Items "
            "that are not a file of the guide are handed in at the agency's window or by post."
        )
    )
    return lines


def _applicant_message(notice: CaseNotice, base_url: str | None) -> Composed:
    from sunshine.cases.actions import texts_of

    case, event = notice.case, notice.event
    with translation.override(case.language or settings.LANGUAGE_CODE):
        texts = texts_of(event.action)
        what = texts.public_line(event.data or {}) if texts is not None else ""
        step = str(texts.history) if texts is not None else ""
        link = private_link(case, base_url)
        if notice.channel == CaseNotice.Channel.EMAIL:  # opening it confirms the address (not in texts)
            long_link = submissions.with_confirmation(link, case.applicant_email)
        else:
            long_link = link
        lines = [
            _("News of your application %(code)s to %(agency)s:")
            % {"code": case.tracking_code, "agency": case.agency.display_name},
            "",
            _("Service: %(service)s") % {"service": case.version.name},
            what,
        ]
        if event.action in ("submit", "register"):
            lines.append(_("Received on: %(date)s") % {"date": case.received_on.isoformat()})
            lines.append(
                _(
                    "The agency examines whether your materials are complete. If something is missing it "
                    "tells you everything at once within 5 working days; otherwise the application counts "
                    "as accepted."
                )
            )
        if event.action == "notify_missing" and case.missing_items:
            lines += ["", *_missing_lines(case)]
        if event.action == "extend" and case.extension_reason:
            lines.append(_("Reason: %(reason)s") % {"reason": case.extension_reason})
        if event.action == "decide" and case.result == Result.DENIED and case.reasons:
            lines.append(_("Reasons: %(reasons)s") % {"reasons": case.reasons})
        if case.status in CLOCK_RUNNING and case.due_date is not None:
            due = _("The decision is due by: %(date)s") % {"date": case.due_date.isoformat()}
            if case.due_date_provisional:
                due += " " + _("(provisional: the official calendar of that year is not published yet)")
            lines.append(due)
        rating = _rating_link(case, base_url) if event.action in RATING_STEPS else ""
        if rating:
            lines += [
                "",
                _("Rate how you were served (好差评), within %(days)s days: %(url)s")
                % {"days": settings.SUNSHINE_EVALUATION_LINK_DAYS, "url": rating},
            ]
        lines += [
            "",
            _("Your application's page: %(url)s") % {"url": long_link},
            _("This private link opens your application without the key: do not pass it on."),
            "",
            settings.SITE_NAME,
        ]
        subject = _("Your application %(code)s: %(step)s") % {"code": case.tracking_code, "step": step}
        short = _("%(site)s: application %(code)s. %(what)s %(url)s") % {
            "site": settings.SITE_NAME,
            "code": case.tracking_code,
            "what": what,
            "url": link,
        }
        if rating:
            short += " " + _("Rate us: %(url)s") % {"url": rating}
    return Composed(subject=subject, body="\n".join(lines) + "\n", short=short)


def _rating_link(case: Case, base_url: str | None) -> str:
    """The signed link that opens the rating form without the key (docs/evaluations.md)."""
    from sunshine.evaluations import links

    return _base(base_url) + links.link_for(case)


def _officer_message(notice: CaseNotice, base_url: str | None) -> Composed:
    case = notice.case
    with translation.override(settings.LANGUAGE_CODE):
        names = [
            str(i.get("name") or i.get("material") or "")
            for i in case.missing_items
            if isinstance(i, dict) and i.get("material")
        ]
        link = f"{_base(base_url)}{reverse('cases_staff:detail', args=[case.pk])}"
        lines = [
            _("The applicant of case %(code)s (%(service)s) has sent every missing material:")
            % {"code": case.tracking_code, "service": case.version.name},
            *(f"- {name}" for name in names),
            "",
            _(
                "The materials count as complete from today and the case is examined again: accept it, "
                "or do not accept it, within 5 working days."
            ),
            _("The case: %(url)s") % {"url": link},
            "",
            settings.SITE_NAME,
        ]
        subject = _("Case %(code)s: the missing materials arrived") % {"code": case.tracking_code}
    body = "\n".join(lines) + "\n"
    return Composed(subject=subject, body=body, short=subject)


def compose(notice: CaseNotice, base_url: str | None = None) -> Composed:
    if notice.recipient_id is not None:
        return _officer_message(notice, base_url)
    return _applicant_message(notice, base_url)


def _address(notice: CaseNotice) -> str:
    if notice.recipient_id is not None:
        person = get_user_model().objects.filter(pk=notice.recipient_id).first()
        return str(getattr(person, "email", "") or "")
    case = notice.case
    return case.applicant_email if notice.channel == CaseNotice.Channel.EMAIL else case.applicant_phone


def deliver(notice_id: int, base_url: str | None = None) -> bool:
    """Send one planned message and record the outcome; True when it went out."""
    return notices.deliver(
        CaseNotice,
        notice_id,
        related=("case", "case__agency", "case__version", "event"),
        compose=lambda n: compose(n, base_url),
        address=_address,
    )


def due_for_retry() -> QuerySet[CaseNotice]:
    return notices.due_for_retry(CaseNotice)


def retry(base_url: str | None = None) -> dict[str, int]:
    return notices.retry(CaseNotice, lambda pk: deliver(pk, base_url))


def enqueue(planned: list[CaseNotice]) -> None:
    """Hand the messages to the task queue (after the commit), with the address of the site the step
    was taken on for their links (else ``SUNSHINE_SITE_URL``)."""
    from sunshine.cases.tasks import send_case_notice

    base_url = site_url() or None
    for notice in planned:
        send_case_notice.enqueue(notice.pk, base_url)
