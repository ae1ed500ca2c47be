"""Back office pages of letters (信件): the queue of open letters with their clocks, and one letter
with its history and a form per action the person may take. Thin views: the rules are the letters
services' (docs/letters.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sunshine.backoffice.letter_forms import LetterActionForm, action_form, step_date
from sunshine.backoffice.request_display import STATE_LABELS
from sunshine.backoffice.requests import staff_agencies
from sunshine.core.workflow import WorkflowError
from sunshine.letters import queue as letter_queue
from sunshine.letters import selectors, services
from sunshine.letters.actions import ACTIONS
from sunshine.letters.clock import current_thresholds, state_of
from sunshine.letters.models import Letter
from sunshine.letters.presenters import staff_letter_data
from sunshine.letters.red_mark import is_red, red_from
from sunshine.letters.replies import templates

PAGE_SIZE = letter_queue.PAGE_SIZE


def _row(letter: Letter, state: str | None, red: bool = False) -> dict[str, Any]:
    return {"letter": letter, "state": state or "", "label": STATE_LABELS.get(state or "", ""), "red": red}


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Open letters of the person's agencies, nearest due date first (the first page); ``?red=1``
    only those with the red mark (open three calendar months after receipt)."""
    staff_agencies(request)  # 403 without an agency
    limits = current_thresholds()
    red_only = request.GET.get("red") == "1"
    found = letter_queue.open_letters(request.user, limits, red=red_only)
    rows = [
        _row(
            letter,
            state_of(letter.status, letter.due_date, limits),
            is_red(letter.status, letter.received_on, limits.today),
        )
        for letter in found.page
    ]
    context = {
        "rows": rows,
        "total": found.count,
        "red_total": found.red,
        "red_only": red_only,
        "more": found.count > PAGE_SIZE,
        "may_keep_templates": templates.managed_agencies(request.user).exists(),
    }
    return render(request, "backoffice/letters/queue.html", context)


def _load(request: HttpRequest, pk: int) -> Letter:
    staff_agencies(request)  # 403 without an agency
    return selectors.get_letter_for_staff(request.user, pk)  # 404 beyond the person's agencies


def _render(
    request: HttpRequest,
    letter: Letter,
    *,
    bound: LetterActionForm | None = None,
    problem: str = "",
    status: int = 200,
    reply: Any = None,
) -> HttpResponse:
    from sunshine.backoffice.letter_replies import reply_panel
    from sunshine.letters.replies.services import reply_step_open

    permitted = selectors.actions_for(request.user, letter)
    forms = []
    for name in permitted:
        if name == "reply" and not reply_step_open(request.user, letter):
            continue  # the reply is prepared, reviewed and signed on the reply card first
        form = (
            bound if bound is not None and bound.prefix == name else action_form(name, letter, request.user)
        )
        forms.append({"name": name, "texts": ACTIONS[name].texts, "form": form})
    data = staff_letter_data(letter, permitted_actions=permitted, read_only=not permitted)
    context: dict[str, Any] = {
        "letter": letter,
        "red_from": red_from(letter.received_on) if data["red_mark"] else None,
        "data": data,
        "forms": forms,
        "problem": problem,
        "bound": bound,
        "transfers": letter.transfers.select_related("from_agency", "to_agency"),
        "reply": reply if reply is not None else reply_panel(request.user, letter),
    }
    return render(request, "backoffice/letters/detail.html", context, status=status)


render_letter = _render  # the letter's page, for the reply's views (letter_replies)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _load(request, pk))


@login_required
@require_POST
def take_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One action through ``services.perform_action``: 403 for the person's roles (the service's
    ``WorkflowForbidden``), the form again with its errors beside the fields otherwise."""
    letter = _load(request, pk)
    if action not in ACTIONS:
        raise Http404(action)
    form = action_form(action, letter, request.user, request.POST)
    if not form.is_valid():
        return _render(request, letter, bound=form, status=422)
    try:
        services.perform_action(
            letter=letter, action=action, by=request.user, date=step_date(form), **form.inputs()
        )
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        letter.refresh_from_db()
        if exc.fields:
            form.add_service_errors(exc.fields)
            return _render(request, letter, bound=form, status=exc.status)
        return _render(request, letter, problem=exc.message, status=exc.status)
    messages.success(request, str(ACTIONS[action].texts.history))
    return redirect("letters_staff:detail", pk=letter.pk)
