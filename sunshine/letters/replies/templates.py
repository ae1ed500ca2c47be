"""Reply templates of letters (docs/letters.md#reply-templates): texts an agency's officers start a
draft reply from, for one kind of letter or for every kind. The agency's officers and its disclosure
office (of the agency or above it) keep them; each change is audited. A template is deactivated,
never deleted: drafts started from it keep pointing to it."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.core import audit
from sunshine.core.workflow import WorkflowForbidden, invalid
from sunshine.letters import selectors
from sunshine.letters.codes import Kind
from sunshine.letters.models import Letter, LetterReplyTemplate
from sunshine.letters.roles import HANDLING_ROLES
from sunshine.records.privacy_scan import mask_name

MAX_TITLE = 100
MAX_TEXT = 20000
AUDITED = ["agency", "kind", "title", "text", "is_active"]

# The placeholders a template may hold, filled when a draft starts from it.
PLACEHOLDERS: dict[str, Any] = {
    "writer": gettext_lazy("the writer's name, masked (陈**)"),
    "subject": gettext_lazy("the subject of the letter"),
    "agency": gettext_lazy("the name of the agency that handles the letter"),
    "tracking_code": gettext_lazy("the letter's tracking code"),
    "received_on": gettext_lazy("the day the letter was received (2026年9月30日)"),
    "date": gettext_lazy("the day the draft is started (2026年10月9日)"),
}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def fill(text: str, letter: Letter, today: datetime.date | None = None) -> str:
    """The template's text for ``letter``: every known placeholder replaced, anything else kept."""
    values = {
        "writer": mask_name(letter.writer_name.strip()) if letter.writer_name.strip() else "",
        "subject": letter.subject,
        "agency": letter.agency.name,
        "tracking_code": letter.tracking_code,
        "received_on": _chinese_date(letter.received_on),
        "date": _chinese_date(today or timezone.localdate()),
    }
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def managed_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies whose templates ``user`` keeps: where they are an officer or the disclosure office."""
    return agencies_for_staff(user, roles=HANDLING_ROLES).filter(is_active=True)


def templates_for_staff(user: Any) -> QuerySet[LetterReplyTemplate]:
    """Every template (active or not) of the agencies ``user`` keeps templates for."""
    return LetterReplyTemplate.objects.filter(agency__in=managed_agencies(user)).select_related("agency")


def readable_templates(user: Any, kind: str = "") -> QuerySet[LetterReplyTemplate]:
    """Active templates of the agencies ``user`` reads, for ``kind`` (and those for every kind)."""
    found = LetterReplyTemplate.objects.filter(agency__in=agencies_for_staff(user), is_active=True)
    if kind:
        found = found.filter(Q(kind=kind) | Q(kind=""))
    return found.select_related("agency").order_by("agency__path", "kind", "title", "id")


def templates_for(letter: Letter) -> QuerySet[LetterReplyTemplate]:
    """The active templates a reply to ``letter`` may start from: its agency's, for its kind or all."""
    return LetterReplyTemplate.objects.filter(
        Q(kind=letter.kind) | Q(kind=""), agency=letter.agency_id, is_active=True
    ).order_by("kind", "title", "id")


def _may_keep(user: Any, agency: Agency) -> None:
    if not selectors.may_act(user, agency, HANDLING_ROLES):
        raise WorkflowForbidden(
            _("Only the agency's information officers and its disclosure office keep its reply templates.")
        )


def checked(kind: str, title: str, text: str) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    if kind and kind not in Kind.values:
        errors["kind"] = _("Choose one of: %(values)s.") % {"values": ", ".join(Kind.values)}
    title, text = (title or "").strip(), (text or "").strip()
    if not title:
        errors["title"] = _("Give the template a title.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("Enter at most %(n)s characters.") % {"n": MAX_TITLE}
    if not text:
        errors["text"] = _("Write the text of the template.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("Enter at most %(n)s characters.") % {"n": MAX_TEXT}
    else:
        unknown = sorted({m.group(1) for m in _PLACEHOLDER.finditer(text)} - set(PLACEHOLDERS))
        if unknown:
            errors["text"] = _("Unknown placeholder: %(names)s. Use only: %(known)s.") % {
                "names": ", ".join(f"{{{n}}}" for n in unknown),
                "known": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS),
            }
    if errors:
        raise invalid(errors)
    return kind or "", title, text


@transaction.atomic
def save_template(
    *,
    by: Any,
    agency: Agency,
    title: str,
    text: str,
    kind: str = "",
    is_active: bool = True,
    template: LetterReplyTemplate | None = None,
) -> LetterReplyTemplate:
    """Add a template (``template`` None) or change one; the person keeps the templates of both the
    old and the new agency."""
    _may_keep(by, agency)
    if template is not None:
        _may_keep(by, template.agency)
    kind, title, text = checked(kind, title, text)
    before = audit.snapshot(template, AUDITED) if template is not None else None
    saved = template or LetterReplyTemplate()
    saved.agency, saved.kind, saved.title, saved.text, saved.is_active = agency, kind, title, text, is_active
    saved.save()
    audit.record(
        actor=by,
        action="letter_template.create" if template is None else "letter_template.change",
        obj=saved,
        before=before,
        after=audit.snapshot(saved, AUDITED),
        agency=agency,
    )
    return saved


@transaction.atomic
def deactivate_template(*, by: Any, template: LetterReplyTemplate) -> LetterReplyTemplate:
    """The template is no longer offered; drafts started from it are untouched."""
    _may_keep(by, template.agency)
    if not template.is_active:
        return template
    before = audit.snapshot(template, AUDITED)
    template.is_active = False
    template.save(update_fields=["is_active", "updated_at"])
    audit.record(
        actor=by,
        action="letter_template.deactivate",
        obj=template,
        before=before,
        after=audit.snapshot(template, AUDITED),
        agency=template.agency,
    )
    return template
