"""Back office pages of service evaluation (好差评): the rectifications of the person's agencies with
their due dates (overdue marked), one rectification with its steps, and the counters' QR codes, each
on a page to print and put up at the window. Thin views: the rules are the evaluations app's
(docs/evaluations.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sunshine.backoffice.evaluation_forms import StepForm, step_form
from sunshine.backoffice.requests import staff_agencies
from sunshine.core.workflow import WorkflowError
from sunshine.evaluations import qr, selectors, services
from sunshine.evaluations.actions import ACTIONS, WORKFLOW
from sunshine.evaluations.codes import DIMENSIONS, RectificationStatus
from sunshine.evaluations.models import Rectification


@login_required
def rectifications(request: HttpRequest) -> HttpResponse:
    """Every rectification of the person's agencies: the open ones first, the earliest due first."""
    staff_agencies(request)  # 403 without an agency
    found = selectors.rectifications_for_staff(request.user).order_by("status", "due_date", "pk")
    order = {RectificationStatus.OPEN: 0, RectificationStatus.ANSWERED: 1, RectificationStatus.CLOSED: 2}
    listed: list[Rectification] = sorted(
        found[:200], key=lambda r: (order.get(RectificationStatus(r.status), 3), r.due_date, r.pk)
    )
    rows = [{"r": r, "overdue": selectors.is_overdue(r)} for r in listed]
    return render(request, "backoffice/evaluations/list.html", {"rows": rows})


def _load(request: HttpRequest, pk: int) -> Rectification:
    staff_agencies(request)
    return selectors.get_rectification_for_staff(request.user, pk)


def _render(
    request: HttpRequest,
    r: Rectification,
    *,
    bound: StepForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    permitted = selectors.actions_for(request.user, r)
    forms = [
        {
            "name": name,
            "texts": ACTIONS[name].texts,
            "form": bound if bound is not None and bound.prefix == name else step_form(name),
        }
        for name in permitted
    ]
    evaluation = r.evaluation
    context: dict[str, Any] = {
        "r": r,
        "evaluation": evaluation,
        "dimensions": [(str(DIMENSIONS[k]), v) for k, v in evaluation.dimensions.items() if k in DIMENSIONS],
        "overdue": selectors.is_overdue(r),
        "events": [{"e": e, "text": WORKFLOW.history_text(e.action)} for e in r.events.select_related("by")],
        "visits": list(r.visits.all()),
        "forms": forms,
        "bound": bound,
        "problem": problem,
    }
    return render(request, "backoffice/evaluations/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _load(request, pk))


@login_required
@require_POST
def take_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    r = _load(request, pk)
    if action not in ACTIONS:
        raise Http404(action)
    form = step_form(action, request.POST)
    if not form.is_valid():
        return _render(request, r, bound=form, status=422)
    try:
        services.perform_action(
            rectification=r, action=action, by=request.user, date=form.step_date(), **form.inputs()
        )
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        r = selectors.get_rectification_for_staff(request.user, pk)
        if exc.fields:
            form.add_service_errors(exc.fields)
            return _render(request, r, bound=form, status=exc.status)
        return _render(request, r, problem=exc.message, status=exc.status)
    messages.success(request, str(ACTIONS[action].texts.history))
    return redirect("evaluations_staff:detail", pk=r.pk)


@login_required
def counters(request: HttpRequest) -> HttpResponse:
    """The windows of the published guides of the person's agencies, each with its QR page."""
    staff_agencies(request)
    return render(
        request,
        "backoffice/evaluations/counters.html",
        {"counters": selectors.counters_for_staff(request.user)},
    )


def _counter(request: HttpRequest, code: str, key: str) -> selectors.Counter:
    staff_agencies(request)
    for counter in selectors.counters_for_staff(request.user):
        if counter.version.item.code == code and counter.window.key == key:
            return counter
    raise Http404(f"{code}/{key}")


def _rating_address(request: HttpRequest, counter: selectors.Counter) -> str:
    return request.build_absolute_uri(
        reverse("evaluations:counter", args=[counter.version.item.code, counter.window.key])
    )


@login_required
def counter_sheet(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """A page to print: the counter's name, the service and its QR code, large."""
    counter = _counter(request, code, key)
    context = {"counter": counter, "address": _rating_address(request, counter)}
    return render(request, "backoffice/evaluations/counter_sheet.html", context)


@login_required
def counter_qr(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """The QR code alone, as an SVG image."""
    counter = _counter(request, code, key)
    return HttpResponse(qr.svg(_rating_address(request, counter)), content_type="image/svg+xml")
