"""Every write of a solicitation: keyword-only functions, one transaction each, audited.

The steps with a status (publish, close early, publish the feedback; approve, reject, adoption) go
through the workflow kernel (``actions``); drafting and a citizen's comment are written here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.records.privacy_scan import Kind, scan
from sunshine.solicitations.actions import COMMENT_WORKFLOW, WORKFLOW
from sunshine.solicitations.actions.handlers import snapshot
from sunshine.solicitations.codes import Phase, Status
from sunshine.solicitations.models import Comment, Solicitation
from sunshine.solicitations.roles import DRAFTER_ROLES, may_act

AnyUser = AbstractBaseUser | AnonymousUser
EDITABLE_FIELDS = ("title", "text", "explanation", "opens_at", "closes_at")
CONTACT_KINDS = frozenset({Kind.MOBILE, Kind.LANDLINE, Kind.EMAIL})


def _check_period(opens_at: datetime.datetime, closes_at: datetime.datetime) -> None:
    if closes_at <= opens_at:
        raise invalid({"closes_at": _("The comment period must end after it opens.")})


def _check_texts(values: Mapping[str, Any]) -> None:
    errors = {
        name: _("This field is required.")
        for name in ("title", "text")
        if name in values and not str(values[name] or "").strip()
    }
    if errors:
        raise invalid(errors)


def create_solicitation(
    *,
    agency: Agency,
    by: AnyUser | None,
    title: str,
    text: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    explanation: str = "",
) -> Solicitation:
    if by is not None and not may_act(by, agency, DRAFTER_ROLES):
        raise WorkflowForbidden()
    _check_texts({"title": title, "text": text})
    _check_period(opens_at, closes_at)
    with transaction.atomic():
        solicitation = Solicitation.objects.create(
            agency=agency,
            title=title.strip(),
            text=text,
            explanation=explanation,
            opens_at=opens_at,
            closes_at=closes_at,
            created_by=person_or_none(by),
        )
        audit.record(
            actor=by,
            action="solicitation.create",
            obj=solicitation,
            after=snapshot(solicitation),
            agency=agency,
        )
    return solicitation


def update_solicitation(*, solicitation: Solicitation, by: AnyUser | None, **changes: Any) -> Solicitation:
    """Change a draft's title, text, explanation or comment period; 409 once it is published."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise invalid({name: _("This field cannot be changed.") for name in sorted(unknown)})
    if changes.get("explanation", "") is None:
        changes["explanation"] = ""
    empty = sorted(name for name, value in changes.items() if value is None)
    if empty:
        raise invalid(dict.fromkeys(empty, _("This field is required.")))
    with transaction.atomic():
        solicitation = (
            Solicitation.objects.select_for_update().select_related("agency").get(pk=solicitation.pk)
        )
        if by is not None and not may_act(by, solicitation.agency, DRAFTER_ROLES):
            raise WorkflowForbidden()
        if solicitation.status != Status.DRAFT:
            raise WorkflowError(409, "action_not_allowed", _("Only a draft can be changed."))
        _check_texts(changes)
        before = snapshot(solicitation)
        for name, value in changes.items():
            setattr(solicitation, name, value.strip() if name == "title" else value)
        _check_period(solicitation.opens_at, solicitation.closes_at)
        solicitation.save(update_fields=[*changes, "updated_at"])
        audit.record(
            actor=by,
            action="solicitation.edit",
            obj=solicitation,
            before=before,
            after=snapshot(solicitation),
            agency=solicitation.agency,
        )
    return solicitation


def perform(solicitation: Solicitation, action: str, *, by: AnyUser | None, **input: Any) -> Solicitation:
    """A step of the solicitation: ``publish``, ``close_early``, ``publish_feedback``, ``link_policy``."""
    return WORKFLOW.perform(solicitation, action, by=by, input=input)


def checked_contact(contact: str) -> str:
    """A telephone number or an e-mail address, alone; 422 naming ``contact`` otherwise."""
    contact = contact.strip()
    findings = scan(contact)
    if not (len(findings) == 1 and findings[0].kind in CONTACT_KINDS and findings[0].text.strip() == contact):
        raise invalid({"contact": _("Give a telephone number or an e-mail address.")})
    return contact


def closed_error(solicitation: Solicitation, now: datetime.datetime) -> WorkflowError:
    if solicitation.phase(now) == Phase.UPCOMING:
        message = _("Comments on this draft are not open yet: they open on %(date)s.") % {
            "date": timezone.localtime(solicitation.opens_at).strftime("%Y-%m-%d %H:%M")
        }
    else:
        message = _("The comment period of this draft has ended: comments are no longer taken.")
    return WorkflowError(409, "solicitation_closed", message)


def submit_comment(
    *,
    solicitation: Solicitation,
    text: str,
    contact: str,
    name: str = "",
    now: datetime.datetime | None = None,
) -> Comment:
    """A citizen's comment, kept for moderation; 409 ``solicitation_closed`` outside the comment
    period, 422 for bad input; nothing stored on refusal."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    text = text.strip()
    if not text:
        errors["text"] = _("Write your comment.")
    elif len(text) > 5000:
        errors["text"] = _("A comment has at most 5,000 characters.")
    if len(name.strip()) > 50:
        errors["name"] = _("A name has at most 50 characters.")
    try:
        contact = checked_contact(contact)
    except WorkflowError as exc:
        errors.update(exc.fields)
    with transaction.atomic():
        solicitation = (
            Solicitation.objects.select_for_update(of=("self",))
            .select_related("agency")
            .get(pk=solicitation.pk)
        )
        if not solicitation.is_open(now):
            raise closed_error(solicitation, now)
        if errors:
            raise invalid(errors)
        comment = Comment.objects.create(
            solicitation=solicitation, name=name.strip(), contact=contact, text=text, created_at=now
        )
        audit.record(
            actor=None,
            action="solicitation_comment.submit",
            obj=comment,
            after={"solicitation": solicitation.pk, "status": comment.status},
            agency=solicitation.agency,
        )
    return comment


def moderate(comments: Iterable[Comment], action: str, *, by: AnyUser | None, **input: Any) -> list[Comment]:
    """One step on each comment (``approve``, ``reject``, ``mark_adoption``), all or none: a bulk
    approval, or one adoption and reason for a group of comments."""
    done: list[Comment] = []
    with transaction.atomic():
        for comment in comments:
            done.append(COMMENT_WORKFLOW.perform(comment, action, by=by, input=input))
    return done
