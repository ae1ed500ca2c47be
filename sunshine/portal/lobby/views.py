"""The pages of the lobby screen: thin views over ``screens``; every page carries the idle time."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from sunshine.eservices import flowchart
from sunshine.eservices.selectors import get_public_version
from sunshine.faq.selectors import get_public_entry
from sunshine.portal.caching import always_fresh
from sunshine.portal.lobby import screens
from sunshine.portal.records import record_context
from sunshine.records.selectors import get_published_record


def _page(request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    context = {
        "idle_seconds": screens.idle_seconds(),
        "start_url": reverse("lobby:start"),
        **context,
    }
    return render(request, template, context, status=status)


def lobby_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A lobby page: checked by the server at every request (``always_fresh``), and a page that is not
    found (a record withdrawn since the list was shown) says so in the lobby's own frame, with the
    way back, instead of the portal's page with its header and links."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return _page(request, "lobby/not_found.html", {}, status=404)

    return always_fresh(wrapped)


@lobby_page
def start(request: HttpRequest) -> HttpResponse:
    context = {
        "is_start": True,
        "records": screens.latest_records(),
        "guides": screens.latest_guides(),
        "questions": screens.latest_questions(),
        "topics": screens.topics(),
    }
    return _page(request, "lobby/start.html", context)


@lobby_page
def search(request: HttpRequest) -> HttpResponse:
    q, message = screens.cleaned_query(request.GET.get("q"))
    kind = screens.kind_of(request.GET.get("kind"))
    found = None
    if q and not message:
        page = screens.page_number(request.GET.get("page"))
        found = screens.searched(request.path, q, kind, page)
    context = {
        "q": q,
        "kind": kind,
        "message": message,
        "found": found,
        "topics": screens.topics(),
        "keyboard": screens.KEYBOARD,
        "tabs": [(name, found.counts.get(name, 0) if found else 0) for name in screens.KINDS],
    }
    return _page(request, "lobby/search.html", context, status=400 if message else 200)


def _list(request: HttpRequest, kind: str, listing: screens.Listing) -> HttpResponse:
    return _page(request, "lobby/list.html", {"kind": kind, "found": listing})


@lobby_page
def records(request: HttpRequest) -> HttpResponse:
    page = screens.page_number(request.GET.get("page"))
    return _list(request, "records", screens.record_list(request.path, page))


@lobby_page
def guides(request: HttpRequest) -> HttpResponse:
    page = screens.page_number(request.GET.get("page"))
    return _list(request, "guides", screens.guide_list(request.path, page))


@lobby_page
def questions(request: HttpRequest) -> HttpResponse:
    page = screens.page_number(request.GET.get("page"))
    return _list(request, "questions", screens.question_list(request.path, page))


@lobby_page
def record(request: HttpRequest, index_number: str) -> HttpResponseBase:
    revision = get_published_record(index_number)
    context = record_context(revision)
    context["body_html"] = screens.without_links(revision.public_body) if revision.public_body else ""
    return _page(request, "lobby/record.html", context)


@lobby_page
def guide(request: HttpRequest, code: str) -> HttpResponse:
    version = get_public_version(code)
    context = {"version": version, "item": version.item, "flow_chart": flowchart.for_version(version)}
    return _page(request, "lobby/guide.html", context)


@lobby_page
def question(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_public_entry(entry_id)
    return _page(request, "lobby/question.html", {"entry": entry})
