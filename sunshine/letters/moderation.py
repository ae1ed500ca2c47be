"""Moderation of letters (docs/letters.md#moderation): the flags the system sets on arrival
(``duplicates``), the flags staff set by hand, and the queue's actions — clear a flag, merge a
duplicate into its original, return an abusive letter. Each change is one transaction with an
audit row; a flagged letter stays a letter like any other and its clock runs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sunshine.agencies.selectors import agencies_for_staff
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.letters import duplicates, selectors
from sunshine.letters.codes import CONCLUDED_STATUSES, OPEN_STATUSES, Flag, Status
from sunshine.letters.events import AnyUser, last_step_date, record_event, snapshot
from sunshine.letters.models import Letter
from sunshine.letters.roles import HANDLING_ROLES

__all__ = [
    "ACTIONS",
    "apply",
    "clear_flag",
    "flag_letter",
    "flag_on_arrival",
    "merge",
    "moderation_queue",
    "return_abusive",
    "set_contact",
]

ACTIONS = ("clear", "merge", "return_abusive")
FLAG_FIELDS = ("flag", "flag_reason", "duplicate_of", "flagged_by")


def _flag_snapshot(letter: Letter) -> dict[str, Any]:
    return audit.snapshot(letter, FLAG_FIELDS)


def set_contact(letter: Letter) -> None:
    """Keep the writer's phone and e-mail normalized on the letter (before it is saved)."""
    letter.contact_phone = duplicates.normalize_phone(letter.writer_phone)
    letter.contact_email = duplicates.normalize_email(letter.writer_email)


# --- On arrival ---------------------------------------------------------------------------------


def flag_on_arrival(letter: Letter) -> None:
    """Flag a letter that has just arrived when it is a probable duplicate or holds abusive words
    (the reason in the site's language, for staff). Called by ``services.submit_letter``."""
    with translation.override(settings.LANGUAGE_CODE):
        words = duplicates.abusive_words(duplicates.text_of(letter))
        match = None if words else duplicates.probable_original(letter)
        if words:
            flag, reason = (
                Flag.ABUSIVE,
                _("Words of the abusive list: %(words)s") % {"words": "、".join(words)},
            )
        elif match is not None:
            flag = Flag.DUPLICATE
            reason = _("%(percent)s%% alike to %(code)s from the same phone or e-mail") % {
                "percent": round(match.score * 100),
                "code": match.original.tracking_code,
            }
        else:
            return
    before = _flag_snapshot(letter)
    letter.flag, letter.flag_reason = flag, reason
    letter.duplicate_of = match.original if match is not None else None
    letter.flagged_by = None
    letter.save(update_fields=[*FLAG_FIELDS, "updated_at"])
    audit.record(
        actor=None,
        action="letter.flag",
        obj=letter,
        before=before,
        after=_flag_snapshot(letter),
        agency=letter.agency,
    )


# --- Staff --------------------------------------------------------------------------------------


def moderation_queue(user: AnyUser) -> QuerySet[Letter]:
    """The flagged letters still open of the agencies whose letters ``user`` reads, oldest first."""
    return (
        Letter.objects.filter(agency__in=agencies_for_staff(user))
        .exclude(flag="")
        .exclude(status__in=CONCLUDED_STATUSES)
        .select_related("agency", "duplicate_of", "duplicate_of__agency")
        .order_by("received_on", "id")
    )


def _locked(letter: Letter) -> Letter:
    return Letter.objects.select_for_update().select_related("agency").get(pk=letter.pk)


def _may_handle(user: AnyUser, letter: Letter) -> None:
    if not selectors.may_act(user, letter.agency, HANDLING_ROLES):
        raise WorkflowForbidden(
            _("Only the agency's information officers and its disclosure office moderate its letters.")
        )


def _reason(reason: str | None) -> str:
    return reason.strip() if isinstance(reason, str) else ""


def flag_letter(*, letter: Letter, flag: str, reason: str, by: AnyUser, original_code: str = "") -> Letter:
    """Flag a letter by hand: ``abusive``, or ``duplicate`` of the letter ``original_code`` (one the
    person reads). The letter stays where it is; the moderation queue shows it."""
    errors: dict[str, str] = {}
    original: Letter | None = None
    if flag not in Flag.values:
        errors["flag"] = _("Choose one of: %(values)s.") % {"values": ", ".join(Flag.values)}
    if not _reason(reason):
        errors["reason"] = _("Give the reason for the flag.")
    if flag == Flag.DUPLICATE:
        code = (original_code or "").strip().upper()
        original = selectors.letters_for_staff(by).filter(tracking_code=code).first() if code else None
        if original is None:
            errors["original"] = _("Give the tracking code of the earlier letter it repeats.")
        elif original.pk == letter.pk:
            errors["original"] = _("A letter cannot repeat itself.")
    if errors:
        raise invalid(errors)
    with transaction.atomic():
        locked = _locked(letter)
        _may_handle(by, locked)
        if locked.status in CONCLUDED_STATUSES:
            raise WorkflowError(409, "action_not_allowed", _("A concluded letter is not flagged."))
        before = _flag_snapshot(locked)
        locked.flag, locked.flag_reason = flag, _reason(reason)
        locked.duplicate_of = original
        locked.flagged_by = person_or_none(by)
        locked.save(update_fields=[*FLAG_FIELDS, "updated_at"])
        audit.record(
            actor=by,
            action="letter.flag",
            obj=locked,
            before=before,
            after=_flag_snapshot(locked),
            agency=locked.agency,
        )
    return locked


def clear_flag(*, letter: Letter, by: AnyUser, reason: str = "") -> Letter:
    """Not a duplicate, not abusive after all: the flag goes, the letter leaves the queue."""
    with transaction.atomic():
        locked = _locked(letter)
        _may_handle(by, locked)
        if not locked.flag:
            raise WorkflowError(409, "not_flagged", _("The letter is not flagged."))
        before = _flag_snapshot(locked)
        locked.flag, locked.flag_reason, locked.duplicate_of, locked.flagged_by = "", "", None, None
        locked.save(update_fields=[*FLAG_FIELDS, "updated_at"])
        after = {**_flag_snapshot(locked), "reason": _reason(reason)}
        audit.record(
            actor=by, action="letter.clear_flag", obj=locked, before=before, after=after, agency=locked.agency
        )
    return locked


def _today(letter: Letter, today: datetime.date | None) -> datetime.date:
    day = today or timezone.localdate()
    last = last_step_date(letter)
    return max(day, last) if last is not None else day


def merge(*, letter: Letter, by: AnyUser, today: datetime.date | None = None) -> Letter:
    """Close a duplicate as merged into its original: both histories say so, and the writer of the
    duplicate reads that it is handled under the original's code."""
    with transaction.atomic():
        locked = _locked(letter)
        _may_handle(by, locked)
        if locked.flag != Flag.DUPLICATE or locked.duplicate_of_id is None:
            raise WorkflowError(
                409, "not_a_duplicate", _("Only a letter flagged as a duplicate of another is merged.")
            )
        if locked.status not in OPEN_STATUSES:
            raise WorkflowError(409, "action_not_allowed", _("A concluded letter is not merged."))
        original = Letter.objects.select_for_update().select_related("agency").get(pk=locked.duplicate_of_id)
        _may_handle(by, original)
        before = snapshot(locked)
        day = _today(locked, today)
        locked.status = Status.CLOSED
        locked.concluded_on = day
        locked.save()
        record_event(locked, "merge", day, by, original=original.tracking_code)
        record_event(original, "merged_in", _today(original, day), by, duplicate=locked.tracking_code)
        after = {**snapshot(locked), "original": original.tracking_code}
        audit.record(
            actor=by, action="letter.merge", obj=locked, before=before, after=after, agency=locked.agency
        )
    return locked


def return_abusive(*, letter: Letter, by: AnyUser, reason: str, today: datetime.date | None = None) -> Letter:
    """Return a flagged letter with the reason the writer reads: the ``return`` step of the
    procedure (before acceptance, like any return)."""
    from sunshine.letters.services import perform_action  # services calls this module on arrival

    if not letter.flag:
        raise WorkflowError(409, "not_flagged", _("The letter is not flagged."))
    if not _reason(reason):
        raise invalid({"reason": _("Give the reason for returning the letter.")})
    return perform_action(letter=letter, action="return", by=by, today=today, reason=_reason(reason))


@dataclass(frozen=True)
class Outcome:
    id: int
    ok: bool
    letter: Letter | None = None
    error: WorkflowError | None = None

    def as_dict(self) -> dict[str, Any]:
        if self.ok and self.letter is not None:
            return {
                "id": self.id,
                "ok": True,
                "status": self.letter.status,
                "flag": self.letter.flag,
                "tracking_code": self.letter.tracking_code,
            }
        assert self.error is not None
        return {"id": self.id, "ok": False, "error": self.error.as_dict()}


def apply(
    *, action: str, ids: list[int], by: AnyUser, reason: str = "", today: datetime.date | None = None
) -> list[Outcome]:
    """One queue action on each letter, each on its own: one refused changes nothing of the others."""
    if action not in ACTIONS:
        raise invalid({"action": _("Choose one of: %(values)s.") % {"values": ", ".join(ACTIONS)}})
    if not ids:
        raise invalid({"ids": _("Choose at least one letter.")})
    if action == "return_abusive" and not _reason(reason):
        raise invalid({"reason": _("Give the reason for returning the letter.")})
    outcomes = []
    for pk in dict.fromkeys(ids):
        try:
            letter = selectors.get_letter_for_staff(by, pk)
            if action == "clear":
                done = clear_flag(letter=letter, by=by, reason=reason)
            elif action == "merge":
                done = merge(letter=letter, by=by, today=today)
            else:
                done = return_abusive(letter=letter, by=by, reason=reason, today=today)
        except Http404:
            outcomes.append(
                Outcome(
                    pk, False, error=WorkflowError(404, "not_found", _("No letter of yours has this id."))
                )
            )
        except WorkflowError as exc:
            outcomes.append(Outcome(pk, False, error=exc))
        else:
            outcomes.append(Outcome(pk, True, letter=done))
    return outcomes
