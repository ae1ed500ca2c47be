"""Common questions in the JSON API: the public search (``GET /api/v1/faq``, one entry at
``/api/v1/faq/{id}``) and the staff calls (``/api/v1/staff/faq``: create, change, take a step).
Errors answer the project's one envelope; the kernel's refusals keep their status and code."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import BaseModel, Field

from sunshine.agencies.selectors import agencies_for_staff, public_agencies, roles_in
from sunshine.api.actions import action_union
from sunshine.api.auth import staff_auth
from sunshine.api.errors import ApiProblem
from sunshine.core.pagination import PageNumber
from sunshine.faq import search, selectors, services
from sunshine.faq.actions import ACTIONS, DRAFTER_ROLES, WORKFLOW
from sunshine.faq.models import Entry
from sunshine.letters import selectors as letter_selectors

router = Router()  # mounted at /api/v1/: holds the two below
public_router = Router()
staff_router = Router(auth=staff_auth)
letters_router = Router(auth=staff_auth)  # /staff/letters/{id}/faq: a letter's reply as a question


def entry_url(entry: Entry) -> str:
    return reverse("faq:detail", args=[entry.pk])


class FaqQuery(Schema):
    q: str = Field("", max_length=search.MAX_QUERY_LENGTH, description="Chinese or other words; empty: list")
    agency: str | None = Field(None, description="an agency's code: that agency and those below it")
    page: PageNumber = 1
    page_size: int = Field(search.DEFAULT_PAGE_SIZE, ge=1, le=search.MAX_PAGE_SIZE)


class FaqOut(Schema):
    id: int
    agency: str
    agency_name: str
    question: str
    answer: str
    category: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    url: str


class FaqHitOut(FaqOut):
    question_html: str = Field(description="the question, escaped, matched words in <mark>")
    excerpt_html: str = Field(description="a passage of the answer, escaped, matched words in <mark>")


class FaqPageOut(Schema):
    q: str
    count: int
    page: int
    page_size: int
    results: list[FaqHitOut]


def _public_data(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "agency": entry.agency.code,
        "agency_name": entry.agency.display_name,
        "question": entry.question,
        "answer": entry.answer,
        "category": entry.category,
        "valid_from": entry.valid_from,
        "valid_until": entry.valid_until,
        "url": entry_url(entry),
    }


def _invalid(fields: dict[str, str]) -> ApiProblem:
    return ApiProblem(422, "validation_error", _("Some of the input is not valid."), fields)


@public_router.get("", response=FaqPageOut, summary="Search the common questions", auth=None)
def search_faq(request: HttpRequest, filters: Query[FaqQuery]) -> dict[str, Any]:
    """With ``q``: the published, valid questions whose question or answer hold every word, best
    matches first. Without: the questions of ``agency`` (or of every agency), newest first."""
    agency = None
    if filters.agency:
        agency = public_agencies().filter(code=filters.agency).first()
        if agency is None:
            raise _invalid({"agency": _("No agency has this code.")})
    found = search.find(q=filters.q, agency=agency, page=filters.page, page_size=filters.page_size)
    return {
        "q": found.q,
        "count": found.count,
        "page": found.page,
        "page_size": found.page_size,
        "results": [
            {**_public_data(hit.entry), "question_html": hit.question_html, "excerpt_html": hit.excerpt_html}
            for hit in found.results
        ],
    }


@public_router.get("/{entry_id}", response=FaqOut, summary="One common question", auth=None)
def get_faq(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    return _public_data(selectors.get_public_entry(entry_id))


# --- Staff -------------------------------------------------------------------------------------


class EntryPatch(Schema):
    question: str | None = Field(None, min_length=1, max_length=services.QUESTION_MAX)
    answer: str | None = Field(None, min_length=1, max_length=services.ANSWER_MAX)
    category: str | None = Field(None, max_length=services.CATEGORY_MAX)
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


class EntryIn(EntryPatch):
    agency: str = Field(min_length=1, max_length=40)
    question: str = Field(min_length=1, max_length=services.QUESTION_MAX)  # required here
    answer: str = Field(min_length=1, max_length=services.ANSWER_MAX)  # required here


class StaffFaqOut(FaqOut):
    status: str
    status_label: str
    comments: str
    public: bool
    permitted_actions: list[str]


def _staff_data(request: HttpRequest, entry: Entry) -> dict[str, Any]:
    entry = Entry.objects.select_related("agency").get(pk=entry.pk)
    return {
        **_public_data(entry),
        "status": entry.status,
        "status_label": entry.get_status_display(),
        "comments": entry.comments,
        "public": selectors.public_entries().filter(pk=entry.pk).exists(),
        "permitted_actions": WORKFLOW.for_roles(entry.status, roles_in(request.user, entry.agency)),
    }


# The body of POST …/actions: one schema per declared step, told apart by ``action``.
if TYPE_CHECKING:
    ActionIn = BaseModel
else:
    ActionIn = action_union(ACTIONS.values(), prefix="Faq", dated=False)


@staff_router.post("", response={201: StaffFaqOut}, summary="Write a common question, as a draft")
def create_faq(request: HttpRequest, payload: EntryIn) -> Status[dict[str, Any]]:
    agency = agencies_for_staff(request.user, roles=DRAFTER_ROLES).filter(code=payload.agency).first()
    if agency is None:
        raise _invalid({"agency": _("You cannot write common questions for this agency.")})
    values = payload.dict(exclude_unset=True)
    values.pop("agency")
    entry = services.create_entry(agency=agency, by=request.user, **values)
    return Status(201, _staff_data(request, entry))


@staff_router.get("/{entry_id}", response=StaffFaqOut, summary="One common question, for staff")
def get_staff_faq(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    return _staff_data(request, selectors.get_entry_for_staff(request.user, entry_id))


@staff_router.patch(
    "/{entry_id}", response=StaffFaqOut, summary="Change a draft, returned or withdrawn question"
)
def update_faq(request: HttpRequest, entry_id: int, payload: EntryPatch) -> dict[str, Any]:
    entry = selectors.get_entry_for_staff(request.user, entry_id)
    values = payload.dict(exclude_unset=True)
    for name in ("question", "answer"):
        if name in values and values[name] is None:
            raise _invalid({name: _("This field cannot be empty.")})
    if values.get("category", "") is None:
        values["category"] = ""
    entry = services.update_entry(entry=entry, by=request.user, **values)
    return _staff_data(request, entry)


@staff_router.post(
    "/{entry_id}/actions", response=StaffFaqOut, summary="Take a step of review or publication"
)
def take_faq_action(request: HttpRequest, entry_id: int, payload: ActionIn) -> dict[str, Any]:
    """``submit`` (officers, disclosure office), ``publish`` and ``return`` with ``comments``
    (reviewers, disclosure office), ``withdraw`` with a ``reason`` (reviewers, disclosure office).
    403 ``permission_denied`` or ``own_submission``, 409 ``action_not_allowed``, 422 ``validation_error``."""
    entry = selectors.get_entry_for_staff(request.user, entry_id)
    fields = payload.model_dump()
    action = fields.pop("action")
    entry = services.take_action(entry=entry, action=action, by=request.user, input=fields)
    return _staff_data(request, entry)


@letters_router.post(
    "/{letter_id}/faq",
    response={201: StaffFaqOut},
    summary="Turn a letter's reply into a draft common question",
)
def letter_to_faq(request: HttpRequest, letter_id: int) -> Status[dict[str, Any]]:
    """A draft common question of the letter's agency: the question from the letter's subject and
    body, the answer from its reply, both masked; it keeps the link to the letter, nothing of the
    writer. Officers and the disclosure office. 404 ``not_found`` for a letter beyond one's agencies,
    403 ``permission_denied``, 409 ``letter_not_replied``."""
    letter = letter_selectors.get_letter_for_staff(request.user, letter_id)
    entry = services.create_from_letter(letter=letter, by=request.user)
    return Status(201, _staff_data(request, entry))


router.add_router("/faq", public_router)
router.add_router("/staff/faq", staff_router)
router.add_router("/staff/letters", letters_router)
