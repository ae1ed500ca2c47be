"""The moderation queue of letters in the staff API (docs/letters.md#moderation)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import BeforeValidator, Field

from sunshine.api.auth import staff_auth
from sunshine.letters import moderation
from sunshine.letters.models import Letter
from sunshine.letters.presenters import letter_data

router = Router(auth=staff_auth)


class ModerationIn(Schema):
    action: str = Field(description="`clear`, `merge` or `return_abusive`.")
    ids: list[int] = Field(description="The letters' ids.")
    reason: str = Field("", max_length=2000, description="Why (required to return a letter).")


# A message may be a translation not yet rendered: answered as its text, as before.
Message = Annotated[str, BeforeValidator(str)]


class ModeratedLetterOut(Schema):
    id: int
    tracking_code: str
    agency: str = Field(description="the agency's code")
    addressed_to: str = Field(description="the code of the agency written to")
    kind: str
    channel: str
    subject: str
    status: str
    received_on: datetime.date
    due_date: datetime.date | None
    due_date_provisional: bool
    state: str = Field(description="on_time, due_soon, overdue, paused or concluded")
    supervision_due_on: datetime.date | None
    red_mark: bool
    body: str


class FlaggedLetterOut(ModeratedLetterOut):
    flag: str = Field(description="`duplicate` or `abusive`")
    flag_reason: str
    flagged_by: str | None = Field(description="the username of who flagged it; null when flagged on arrival")
    duplicate_of: ModeratedLetterOut | None = Field(description="the letter a duplicate repeats")


class ModerationQueueOut(Schema):
    count: int
    items: list[FlaggedLetterOut]


class ModerationDoneOut(Schema):
    id: int
    ok: Literal[True]
    status: str
    flag: str
    tracking_code: str


class ModerationRefusalOut(Schema):
    code: str
    message: Message
    fields: dict[str, Message]


class ModerationFailedOut(Schema):
    id: int
    ok: Literal[False]
    error: ModerationRefusalOut


class ModerationResultsOut(Schema):
    results: list[Annotated[ModerationDoneOut | ModerationFailedOut, Field(discriminator="ok")]]


def _item(letter: Letter) -> dict[str, Any]:
    original = letter.duplicate_of
    return {
        **letter_data(letter),
        "body": letter.body,
        "flag": letter.flag,
        "flag_reason": letter.flag_reason,
        "flagged_by": letter.flagged_by.get_username() if letter.flagged_by is not None else None,
        "duplicate_of": ({**letter_data(original), "body": original.body} if original is not None else None),
    }


@router.get(
    "", response=ModerationQueueOut, summary="The flagged letters: probable duplicates and abusive letters"
)
def queue(request: HttpRequest) -> dict[str, Any]:
    """The open flagged letters of the agencies whose letters the person reads, oldest first; a
    duplicate with the letter it repeats (``duplicate_of``)."""
    letters = list(moderation.moderation_queue(request.user).select_related("flagged_by"))
    return {"count": len(letters), "items": [_item(letter) for letter in letters]}


@router.post("", response=ModerationResultsOut, summary="Clear, merge or return flagged letters")
def act(request: HttpRequest, payload: ModerationIn) -> dict[str, Any]:
    """One action on each id, each on its own: ``results`` say per id whether it was done (``ok``)
    or why not (``error``: code, message, fields)."""
    outcomes = moderation.apply(
        action=payload.action, ids=payload.ids, by=request.user, reason=payload.reason
    )
    return {"results": [outcome.as_dict() for outcome in outcomes]}
