"""Back office pages of electronic supervision (电子监察), under /staff/supervision/: the tree's
figures (a row per agency and the total), one agency's subtree with its notices and the form to
issue one, the cases by level, and one notice with the steps the person may take. Thin views: the
rules are the supervision app's (docs/supervision.md)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from sunshine.cases.models import Case
from sunshine.core.pagination import window
from sunshine.core.workflow import WorkflowError
from sunshine.eservices.models import Step
from sunshine.supervision import selectors, services
from sunshine.supervision.actions import ACTIONS
from sunshine.supervision.codes import Anomaly, Level
from sunshine.supervision.periods import period
from sunshine.supervision.selectors import FIGURES

PAGE_SIZE = 50
FIGURE_LABELS = {
    "on_time_statutory": _("Decided within the statutory time limit"),
    "on_time_promised": _("Decided within the promised time limit"),
    "online": _("Received online"),
    "average_days": _("Average working days from acceptance to decision"),
    "yellow": _("Open cases with a yellow warning"),
    "red": _("Open cases with a red warning"),
    "open_notices": _("Supervision notices still open"),
}


class NoticeForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("What is to be done"), widget=forms.Textarea(attrs={"rows": 4}))
    due_days = forms.IntegerField(
        label=_("Reply within (working days)"), min_value=1, max_value=60, initial=5
    )
    tracking_code = forms.CharField(
        label=_("On the case (tracking code, optional)"), max_length=20, required=False
    )


class NoticeStepForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


def _supervisor(request: HttpRequest) -> None:
    if not selectors.may_supervise_any(request.user):
        raise PermissionDenied


def _period(request: HttpRequest) -> tuple[datetime.date, datetime.date]:
    def day(name: str) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(request.GET.get(name, ""))
        except ValueError:
            return None

    return period(day("from"), day("to"), timezone.localdate())


def _board_context(board: selectors.Dashboard) -> dict[str, Any]:
    return {
        "board": board,
        "labels": [(name, FIGURE_LABELS[name]) for name in FIGURES],
        "rows": [
            (agency, [(name, FIGURE_LABELS[name], figures[name]) for name in FIGURES])
            for agency, figures in board.rows
        ],
        "total": [(name, FIGURE_LABELS[name], board.total[name]) for name in FIGURES],
    }


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _supervisor(request)
    start, end = _period(request)
    board = selectors.tree_dashboard(request.user, start, end)
    return render(request, "backoffice/supervision/overview.html", _board_context(board))


def _agency_page(
    request: HttpRequest, code: str, form: NoticeForm | None = None, status: int = 200
) -> HttpResponse:
    _supervisor(request)
    agency = selectors.get_supervised_agency(request.user, code)
    start, end = _period(request)
    context = _board_context(selectors.tree_dashboard(request.user, start, end, agency))
    context.update(
        agency=agency,
        notices=list(selectors.notices_for(request.user, agency)[:PAGE_SIZE]),
        form=form or NoticeForm(),
        may_issue=services.may_supervise(request.user, agency),
    )
    return render(request, "backoffice/supervision/agency.html", context, status=status)


@login_required
def agency(request: HttpRequest, code: str) -> HttpResponse:
    return _agency_page(request, code)


@login_required
@require_POST
def issue(request: HttpRequest, code: str) -> HttpResponse:
    _supervisor(request)
    target = selectors.get_supervised_agency(request.user, code)
    form = NoticeForm(request.POST)
    if not form.is_valid():
        return _agency_page(request, code, form, 422)
    case = None
    if form.cleaned_data["tracking_code"]:
        case = Case.objects.filter(tracking_code=form.cleaned_data["tracking_code"].strip().upper()).first()
        if case is None:
            form.add_error("tracking_code", _("No case has this tracking code."))
            return _agency_page(request, code, form, 422)
    try:
        notice = services.issue_notice(
            agency=target,
            by=request.user,
            subject=form.cleaned_data["subject"],
            text=form.cleaned_data["text"],
            due_days=form.cleaned_data["due_days"],
            case=case,
        )
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        for name, message in exc.fields.items():
            form.add_error(name if name in form.fields else "tracking_code", message)
        return _agency_page(request, code, form, exc.status)
    messages.success(request, str(_("Supervision notice issued")))
    return redirect("supervision_staff:notice", pk=notice.pk)


@login_required
def cases(request: HttpRequest) -> HttpResponse:
    _supervisor(request)
    level = request.GET.get("level", "")
    level = level if level in (Level.YELLOW, Level.RED) else ""
    found = selectors.cases_by_level(request.user, level or None)
    page = window(request.GET.get("page"), found.count(), PAGE_SIZE)
    states = list(found[page.rows])
    names = {
        (version, key): name
        for version, key, name in Step.objects.filter(
            version__in={s.case.version_id for s in states}
        ).values_list("version_id", "key", "name")
    }
    # Each state with the steps past their limit by name, as the guide calls them.
    rows = [(s, [names.get((s.case.version_id, key), key) for key in s.overrun_steps]) for s in states]
    context = {
        "states": states,
        "rows": rows,
        "count": page.count,
        "level": level,
        "page": page.page,
        "next": page.next,
        "previous": page.previous,
        "levels": [(Level.YELLOW, Level.YELLOW.label), (Level.RED, Level.RED.label)],
        "anomaly_labels": dict(Anomaly.choices),
    }
    return render(request, "backoffice/supervision/cases.html", context)


def _notice_page(request: HttpRequest, pk: int, problem: str = "", status: int = 200) -> HttpResponse:
    notice = selectors.get_notice(request.user, pk)
    permitted = selectors.notice_actions(request.user, notice)
    context = {
        "notice": notice,
        "steps": [
            {"name": name, "texts": ACTIONS[name].texts, "form": NoticeStepForm(prefix=name)}
            for name in permitted
        ],
        "problem": problem,
    }
    return render(request, "backoffice/supervision/notice.html", context, status=status)


@login_required
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    return _notice_page(request, pk)


@login_required
@require_POST
def notice_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    found = selectors.get_notice(request.user, pk)
    if action not in ACTIONS:
        raise Http404(action)
    form = NoticeStepForm(request.POST, prefix=action)
    form.is_valid()
    try:
        services.take_notice_action(
            notice=found, action=action, by=request.user, text=form.cleaned_data.get("text", "")
        )
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        message = "; ".join(exc.fields.values()) or exc.message
        return _notice_page(request, pk, message, exc.status)
    messages.success(request, str(ACTIONS[action].texts.history))
    return redirect("supervision_staff:notice", pk=pk)
