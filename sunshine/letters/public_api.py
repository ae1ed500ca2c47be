"""The public API of letters (docs/letters.md#published-letters): the published letters
(``GET /api/v1/letters``), their figures (``GET /api/v1/letters/statistics``), published answers like
a letter being written (``GET /api/v1/letters/suggestions``) and the writer's rating and reopening
(``POST /api/v1/letters/{tracking_code}/rating`` and ``…/reopen``, with ``X-Access-Key``).

``router`` is mounted in the API shell before the letters' own routers, so that ``statistics`` and
``suggestions`` are matched before ``/letters/{tracking_code}``. The list shares its path with
``POST /api/v1/letters`` (writing a letter): it is added to that router (``letters.api.router``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Schema
from pydantic import Field

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import public_agencies
from sunshine.api.errors import ApiProblem
from sunshine.core.pagination import PageNumber
from sunshine.faq import search as faq_search
from sunshine.faq.api import entry_url
from sunshine.faq.models import Entry
from sunshine.letters import feedback, public, statistics
from sunshine.letters.api import _for_writer
from sunshine.letters.api import router as writer_router
from sunshine.letters.codes import Kind
from sunshine.letters.presenters import writer_letter_data
from sunshine.letters.schemas import WriterLetterOut
from sunshine.search import segment

router = Router(tags=["letters"])

SUGGESTIONS = 3  # of each source
SUGGESTION_TERMS = 8  # the first words of the text, of two characters or more


def _invalid(fields: dict[str, str]) -> ApiProblem:
    return ApiProblem(422, "validation_error", _("Some of the input is not valid."), fields)


def _agency(code: str | None) -> Agency | None:
    if not code:
        return None
    agency = public_agencies().filter(code=code).first()
    if agency is None:
        raise _invalid({"agency": _("No agency has this code.")})
    return agency


# --- Published letters ------------------------------------------------------------------------------


class PublicLettersQuery(Schema):
    q: str = Field("", max_length=public.MAX_QUERY_LENGTH, description="Chinese or other words")
    agency: str | None = Field(None, description="an agency's code: that agency and those below it")
    kind: Kind | None = None
    page: PageNumber = 1
    page_size: int = Field(public.DEFAULT_PAGE_SIZE, ge=1, le=public.MAX_PAGE_SIZE)


class AgencyRefOut(Schema):
    code: str
    name: str


class PublicLetterOut(Schema):
    tracking_code: str
    agency: AgencyRefOut
    kind: str
    kind_label: str
    subject: str
    body: str
    received_on: datetime.date
    replied_on: datetime.date | None
    reply: str
    writer: str = Field(description="the writer's name masked by the agency's rule (张**)")
    url: str


class PublicLetterPageOut(Schema):
    q: str
    count: int
    page: int
    page_size: int
    results: list[PublicLetterOut]


def list_public_letters(request: HttpRequest, filters: Query[PublicLettersQuery]) -> dict[str, Any]:
    """Letters whose writer agreed to publication and whose reply was published, newest reply first;
    with ``q``, those holding every word of it. Personal data masked; never a phone or an e-mail."""
    found = public.search(
        q=filters.q,
        agency=_agency(filters.agency),
        kind=filters.kind or "",
        page=filters.page,
        page_size=filters.page_size,
    )
    return {
        "q": found.q,
        "count": found.count,
        "page": found.page,
        "page_size": found.page_size,
        "results": [public.public_data(letter) for letter in found.letters],
    }


# Same path as POST /api/v1/letters: one router holds both methods.
writer_router.get("", response=PublicLetterPageOut, auth=None, summary="Published letters and replies")(
    list_public_letters
)


# --- Statistics -------------------------------------------------------------------------------------


class LetterStatisticsQuery(Schema):
    agency: str | None = Field(None, description="an agency's code: that agency and those below it")
    from_: datetime.date | None = Field(None, alias="from", description="first day of receipt; 1 January")
    to: datetime.date | None = Field(None, description="last day of receipt; today")


class ShareOut(Schema):
    count: int
    of: int
    rate: float | None


class SatisfactionOut(Schema):
    counts: dict[str, int]
    rated: int
    satisfied: ShareOut = Field(description="(satisfied + basically_satisfied) / rated")


class StatisticsOut(Schema):
    agency: AgencyRefOut | None
    date_from: datetime.date = Field(alias="from")
    date_to: datetime.date = Field(alias="to")
    received: int
    replied: int
    replied_on_time: ShareOut
    average_working_days: float | None
    satisfaction: SatisfactionOut


def period_of(
    date_from: datetime.date | None, date_to: datetime.date | None
) -> tuple[datetime.date, datetime.date, dict[str, str]]:
    """The period asked for, with defaults (1 January of this year to today) and its errors."""
    today = timezone.localdate()
    start = date_from or datetime.date(today.year, 1, 1)
    end = date_to or today
    errors: dict[str, str] = {}
    if start > end:
        errors["to"] = _("The end of the period cannot be before its start.")
    return start, end, errors


def statistics_data(figures: statistics.LetterFigures) -> dict[str, Any]:
    agency = figures.agency
    return {
        "agency": {"code": agency.code, "name": agency.display_name} if agency is not None else None,
        "from": figures.date_from,
        "to": figures.date_to,
        "received": figures.received,
        "replied": figures.replied,
        "replied_on_time": {
            "count": figures.on_time.count,
            "of": figures.on_time.of,
            "rate": figures.on_time.rate,
        },
        "average_working_days": figures.average_working_days,
        "satisfaction": {
            "counts": figures.ratings,
            "rated": figures.rated,
            "satisfied": {
                "count": figures.satisfied.count,
                "of": figures.satisfied.of,
                "rate": figures.satisfied.rate,
            },
        },
    }


@router.get(
    "/letters/statistics", response=StatisticsOut, auth=None, by_alias=True, summary="Figures of letters"
)
def letter_statistics(request: HttpRequest, filters: Query[LetterStatisticsQuery]) -> dict[str, Any]:
    """Letters received from ``from`` to ``to`` (both included) by ``agency`` and those below it:
    how many were replied, replied on or before the due date, the average working days from receipt
    to reply, and the writers' ratings (docs/letters.md#statistics)."""
    agency = _agency(filters.agency)
    start, end, errors = period_of(filters.from_, filters.to)
    if errors:
        raise _invalid(errors)
    return statistics_data(statistics.figures(agency=agency, date_from=start, date_to=end))


# --- Suggestions ------------------------------------------------------------------------------------


class SuggestionsQuery(Schema):
    q: str = Field("", max_length=2000, description="what the writer has typed: subject and letter")
    agency: str | None = None


class SuggestionOut(Schema):
    source: str = Field(description="`faq` (a common question) or `letter` (a published reply)")
    title: str
    url: str


class SuggestionsOut(Schema):
    results: list[SuggestionOut]


def _faq_suggestions(terms: list[str], agency: Agency | None) -> list[Entry]:
    """The common questions holding the most of ``terms``: one look-up in their full-text index for
    any of the words, the best ranked first."""
    return faq_search.best_with_any_word(terms, agency=agency, limit=SUGGESTIONS)


def suggestions_for(q: str, agency: Agency | None) -> list[dict[str, str]]:
    """The best few common questions and published letters for a text being written."""
    terms = [t for t in dict.fromkeys(segment.query_tokens(q)) if len(t) > 1][:SUGGESTION_TERMS]
    if not terms:
        return []
    results = [
        {"source": "faq", "title": entry.question, "url": entry_url(entry)}
        for entry in _faq_suggestions(terms, agency)
    ]
    results += [
        {
            "source": "letter",
            "title": public.masked_text(letter, letter.subject),
            "url": public.public_url(letter),
        }
        for letter in public.suggestions(" ".join(terms), agency, SUGGESTIONS)
    ]
    return results


@router.get(
    "/letters/suggestions", response=SuggestionsOut, auth=None, summary="Published answers like your letter"
)
def letter_suggestions(request: HttpRequest, filters: Query[SuggestionsQuery]) -> dict[str, Any]:
    """While a letter is written: the best few common questions and published letters sharing its
    words (title and link)."""
    return {"results": suggestions_for(filters.q, _agency(filters.agency))}


# --- The writer's rating and reopening ---------------------------------------------------------------


class LetterRatingIn(Schema):
    rating: str = Field(description="`satisfied`, `basically_satisfied` or `dissatisfied`")
    comment: str = Field("", max_length=feedback.MAX_COMMENT)


@router.post("/letters/{tracking_code}/rating", response=WriterLetterOut, auth=None, summary="Rate the reply")
def rate_letter(
    request: HttpRequest,
    tracking_code: str,
    payload: LetterRatingIn,
    x_access_key: str | None = Header(None, alias="X-Access-Key"),
) -> dict[str, Any]:
    """Once per reply, shown to the agency's office. 409 ``not_replied`` before the reply,
    ``already_rated`` the second time; 404 without the right ``X-Access-Key`` (counted as a failed
    try, as for reading the letter)."""
    letter = _for_writer(request, tracking_code, x_access_key)
    updated = feedback.rate_reply(letter=letter, rating=payload.rating, comment=payload.comment)
    return writer_letter_data(updated)


@router.post(
    "/letters/{tracking_code}/reopen", response=WriterLetterOut, auth=None, summary="Reopen the letter"
)
def reopen_letter(
    request: HttpRequest, tracking_code: str, x_access_key: str | None = Header(None, alias="X-Access-Key")
) -> dict[str, Any]:
    """After rating the reply ``dissatisfied``, once: the letter goes back to the agency with a new
    reply period from today. 409 ``already_reopened`` the second time, ``not_dissatisfied`` without a
    dissatisfied rating of the reply."""
    letter = _for_writer(request, tracking_code, x_access_key)
    return writer_letter_data(feedback.reopen_letter(letter=letter))
