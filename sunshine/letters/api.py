"""Letters in the API: the writer's (POST /letters, GET /letters/{code}, POST …/info) and staff's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router, Status
from pydantic import BaseModel

from sunshine.agencies.selectors import agencies_for_staff, public_agencies
from sunshine.api.actions import action_union
from sunshine.api.auth import staff_auth
from sunshine.api.errors import ApiProblem, TooManyTries
from sunshine.core import idempotency, submissions
from sunshine.letters import access, brakes, queue, selectors, services, throttle
from sunshine.letters.actions import ACTIONS
from sunshine.letters.clock import current_thresholds
from sunshine.letters.codes import STAFF_CHANNELS
from sunshine.letters.models import Letter
from sunshine.letters.moderation_api import router as moderation_router
from sunshine.letters.presenters import letter_data, staff_letter_data, writer_letter_data
from sunshine.letters.replies_api import router as replies_router
from sunshine.letters.roles import HANDLING_ROLES
from sunshine.letters.schemas import (
    CreatedLetterOut,
    InfoIn,
    LetterIn,
    PublicLetterIn,
    QueueOut,
    StaffLetterIn,
    StaffLetterOut,
    WriterLetterOut,
)

router = Router()
staff_router = Router(auth=staff_auth)


if TYPE_CHECKING:
    ActionIn = BaseModel
else:
    ActionIn = action_union(ACTIONS.values(), prefix="Letter")


def _invalid(fields: dict[str, str]) -> ApiProblem:
    return ApiProblem(422, "validation_error", _("Some of the input is not valid."), fields)


def _submit(payload: LetterIn, *, by: Any = None, agencies: Any = None, **extra: Any) -> Letter:
    agency = (agencies if agencies is not None else public_agencies()).filter(code=payload.agency).first()
    if agency is None:
        raise _invalid({"agency": _("No agency has this code.")})
    writer = services.Writer(**payload.writer.dict())
    letter, _key = services.submit_letter(
        agency=agency,
        kind=payload.kind,
        subject=payload.subject,
        body=payload.body,
        writer=writer,
        publish_consent=payload.publish_consent,
        by=by,
        **extra,
    )
    return letter


def _created(letter: Letter) -> dict[str, Any]:
    return {**letter_data(letter), "access_key": access.access_key_for(letter)}


def _load(pk: str) -> Letter:
    return Letter.objects.select_related("agency", "addressed_to").get(pk=int(pk))


def _for_writer(request: HttpRequest, tracking_code: str, key: str | None) -> Letter:
    """The letter the code and ``X-Access-Key`` open; a wrong key is a failed try (``throttle``)."""
    refused = throttle.refusal(request, tracking_code)
    if refused is not None:
        raise TooManyTries(throttle.refused_message(), refused.retry_after)
    if not (key or "").strip():
        raise Http404(tracking_code)
    try:
        return selectors.get_letter_for_writer(tracking_code, key)
    except Http404:
        throttle.record_failure(request, tracking_code)
        raise


def _submit_online(request: HttpRequest, payload: PublicLetterIn) -> Letter:
    writer = services.Writer(**payload.writer.dict())
    contacts = [writer.email, writer.phone]
    submissions.check(request, contacts)  # the brake of every kind of submission (429, Retry-After)
    brakes.guard(request, writer, payload.challenge_id, payload.challenge_answer)
    letter = _submit(payload)
    brakes.count(request)
    submissions.count(request, contacts)
    return letter


@router.post("", response={201: CreatedLetterOut}, auth=None, summary="Write to an agency")
def create_letter(
    request: HttpRequest,
    payload: PublicLetterIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Status[dict[str, Any]]:
    """A consultation, complaint, suggestion, report, letter to the leaders' mailbox or complaint
    about disclosure. Answers with the ``tracking_code`` and the secret ``access_key`` (keep both)
    and the due date of the reply. The same ``Idempotency-Key`` returns the first result.

    Brakes (docs/letters.md#brakes): 429 ``too_many_letters`` past the letters allowed per address
    and per phone or e-mail; near the limit, 428 ``challenge_required`` with ``challenge_id`` and
    ``question`` in ``fields``: send again with ``challenge_id`` and ``challenge_answer`` (or the
    headers ``X-Challenge-Id``, ``X-Challenge-Answer``)."""
    created, _new = idempotency.once(
        scope="letters.create",
        key=idempotency_key,
        payload=payload.dict(exclude={"challenge_id", "challenge_answer"}),
        create=lambda: _submit_online(request, payload),
        object_id=lambda letter: str(letter.pk),
        load=_load,
    )
    return Status(201, _created(created))


@router.get("/{tracking_code}", response=WriterLetterOut, auth=None, summary="Follow your letter")
def get_letter(
    request: HttpRequest, tracking_code: str, x_access_key: str | None = Header(None, alias="X-Access-Key")
) -> dict[str, Any]:
    """The letter for the holder of its access key (``X-Access-Key``); 404 otherwise. After 10 wrong
    keys from one address in ten minutes, 429 ``too_many_tries`` for a while."""
    return writer_letter_data(_for_writer(request, tracking_code, x_access_key))


@router.post(
    "/{tracking_code}/info", response=WriterLetterOut, auth=None, summary="Send the information asked for"
)
def send_info(
    request: HttpRequest,
    tracking_code: str,
    payload: InfoIn,
    x_access_key: str | None = Header(None, alias="X-Access-Key"),
) -> dict[str, Any]:
    """The writer's answer to the agency's request for information: the reply period runs again
    from the next working day. 409 when no information is awaited."""
    letter = _for_writer(request, tracking_code, x_access_key)
    return writer_letter_data(services.answer_info(letter=letter, text=payload.text))


@staff_router.post(
    "", response={201: CreatedLetterOut}, summary="Register a letter received by post, phone or in person"
)
def register_letter(
    request: HttpRequest,
    payload: StaffLetterIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Status[dict[str, Any]]:
    if payload.channel not in STAFF_CHANNELS:
        raise _invalid({"channel": _("Choose one of: %(values)s.") % {"values": ", ".join(STAFF_CHANNELS)}})
    visible = agencies_for_staff(request.user)
    agency = visible.filter(code=payload.agency).first()
    if agency is None:
        raise _invalid({"agency": _("No agency has this code.")})
    if not selectors.may_act(request.user, agency, HANDLING_ROLES):
        raise ApiProblem(
            403,
            "permission_denied",
            _("Only the agency's information officers and its disclosure office register its letters."),
        )
    created, _new = idempotency.once(
        scope=f"letters.register:{request.user.pk}",
        key=idempotency_key,
        payload=payload.dict(),
        create=lambda: _submit(
            payload,
            by=request.user,
            agencies=visible,
            channel=payload.channel,
            received_on=payload.received_on,
        ),
        object_id=lambda letter: str(letter.pk),
        load=_load,
    )
    return Status(201, _created(created))


@staff_router.get("", response=QueueOut, summary="The queue of open letters with their clocks")
def list_letters(request: HttpRequest, red: bool = False) -> dict[str, Any]:
    """Open letters of the agencies the person handles or reads, nearest due date first (first page
    of 50), with how many are due soon, overdue and red-marked (``red_mark``: open three calendar
    months after receipt). ``red=1``: only the red-marked letters."""
    limits = current_thresholds()
    found = queue.open_letters(request.user, limits, red=red)
    return {
        "count": found.count,
        "due_soon": found.due_soon,
        "overdue": found.overdue,
        "red": found.red,
        "items": [letter_data(letter, limits) for letter in found.page],
    }


def _staff(user: Any, letter: Letter) -> dict[str, Any]:
    read_only = not selectors.may_act(user, letter.agency, frozenset(ACTIONS_ROLES))
    return staff_letter_data(
        letter, permitted_actions=selectors.actions_for(user, letter), read_only=read_only
    )


ACTIONS_ROLES = frozenset(role for action in ACTIONS.values() for role in action.roles)


@staff_router.get("/{letter_id}", response=StaffLetterOut, summary="One letter, for staff")
def get_staff_letter(request: HttpRequest, letter_id: int) -> dict[str, Any]:
    return _staff(request.user, selectors.get_letter_for_staff(request.user, letter_id))


@staff_router.post("/{letter_id}/actions", response=StaffLetterOut, summary="Take an action on a letter")
def take_action(request: HttpRequest, letter_id: int, payload: ActionIn) -> dict[str, Any]:
    """``action`` is one of the actions below; ``date`` defaults to today, never in the future. A
    step the status does not allow answers 409; one the person's roles do not allow 403
    ``permission_denied`` (a sending agency only reads a letter it transferred)."""
    letter = selectors.get_letter_for_staff(request.user, letter_id)
    fields = payload.model_dump(exclude_none=True)
    action, date = fields.pop("action"), fields.pop("date", None)
    updated = services.perform_action(letter=letter, action=action, by=request.user, date=date, **fields)
    return _staff(request.user, updated)


# One router for the API shell to add (sunshine/api/urls.py): the writer's and staff's paths.
routers = Router()
routers.add_router("/letters", router, tags=["letters"])
routers.add_router("/staff/letters/moderation", moderation_router, tags=["staff letters"])
# The reply's draft and the templates (replies_api), before "/{letter_id}" would take "templates".
routers.add_router("/staff/letters", replies_router, tags=["staff letters"])
routers.add_router("/staff/letters", staff_router, tags=["staff letters"])
