"""Back office pages of service cases (办件): the queue of open cases with their warnings, and one
case with its applicant, materials, clock, history and a form per action the person may take. Thin
views: the rules are the cases app's (docs/cases.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.backoffice.case_forms import CaseActionForm, action_form, step_date
from sunshine.backoffice.requests import staff_agencies
from sunshine.backoffice.supervision import NoticeForm
from sunshine.cases import documents, selectors, services
from sunshine.cases.actions import STAFF_ACTIONS
from sunshine.cases.clock import warning
from sunshine.cases.codes import Warning
from sunshine.cases.models import Case
from sunshine.cases.presenters import staff_case_data
from sunshine.core.workflow import WorkflowError
from sunshine.evaluations.selectors import rectifications_for_staff
from sunshine.inforequests.codes import IdType
from sunshine.inforequests.documents.fonts import FontNotFound
from sunshine.supervision import selectors as supervision
from sunshine.supervision.codes import Anomaly
from sunshine.supervision.models import CaseState
from sunshine.supervision.services import may_supervise

WARNING_FILTERS = (Warning.YELLOW, Warning.RED)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Open cases of the person's agencies, nearest due date first (the first 50);
    ``?warning=yellow`` or ``?warning=red`` only those with that warning as of today."""
    staff_agencies(request)  # 403 without an agency
    level = request.GET.get("warning", "")
    level = level if level in WARNING_FILTERS else ""
    found = selectors.open_cases_for_staff(request.user, warning_level=level or None)
    rows = [{"case": case, "warning": warning(case)} for case in found.page]
    context = {
        "rows": rows,
        "total": found.count,
        "more": found.count > len(rows),
        "level": level,
        "levels": [(value, Warning(value).label) for value in WARNING_FILTERS],
    }
    return render(request, "backoffice/cases/queue.html", context)


def _load(request: HttpRequest, pk: int) -> Case:
    staff_agencies(request)  # 403 without an agency
    return selectors.get_case_for_staff(request.user, pk)  # 404 beyond the person's agencies


def _oversight(request: HttpRequest, case: Case) -> dict[str, Any]:
    """What electronic supervision found of the case at the last sweep (its levels, the steps past
    their time limit by name, the anomalies by label), its notices and rectifications the person may
    read, and the form to issue a notice on it for those who supervise its agency."""
    state = CaseState.objects.filter(case=case).first()
    step_names = dict(case.version.steps.values_list("key", "name"))
    labels = dict(Anomaly.choices)
    may_issue = may_supervise(request.user, case.agency)
    notices = supervision.notices_for(request.user).filter(case=case)
    return {
        "state": state,
        "overrun_steps": [step_names.get(key, key) for key in state.overrun_steps] if state else [],
        "anomalies": [labels.get(code, code) for code in state.anomalies] if state else [],
        "notices": list(notices.order_by("-issued_on", "-pk")),
        "rectifications": list(rectifications_for_staff(request.user).filter(case=case).order_by("-pk")),
        "may_issue": may_issue,
        "notice_form": NoticeForm(initial={"tracking_code": case.tracking_code}) if may_issue else None,
    }


def _render(
    request: HttpRequest,
    case: Case,
    *,
    bound: CaseActionForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    permitted = selectors.actions_for(request.user, case)
    forms = [
        {
            "name": name,
            "texts": STAFF_ACTIONS[name].texts,
            "form": bound
            if bound is not None and bound.prefix == name
            else action_form(name, case, request.user),
        }
        for name in permitted
    ]
    data = staff_case_data(case, permitted_actions=permitted)
    files: dict[str, list[str]] = {}
    for material in case.materials.all():
        if material.name:
            files.setdefault(material.key, []).append(material.name)
    outstanding = set(services.outstanding_keys(case))  # named by the notice and not sent since
    context: dict[str, Any] = {
        "case": case,
        "data": data,
        "files": files,
        "materials": [
            {**m, "files": files.get(m["key"], []), "outstanding": m["key"] in outstanding}
            for m in data["materials"]
        ],
        "forms": forms,
        "problem": problem,
        "bound": bound,
        "documents": documents.issued_data(case),
        "oversight": _oversight(request, case),
        "id_type_label": dict(IdType.choices).get(case.applicant_id_type, ""),
    }
    return render(request, "backoffice/cases/detail.html", context, status=status)


@login_required
def document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The decision or the certificate as issued (PDF)."""
    case = _load(request, pk)
    try:
        return documents.document_response(documents.document_file(case, kind))
    except documents.DocumentNotIssued as exc:
        raise Http404(kind) from exc
    except FontNotFound:
        return _render(
            request, case, problem=_("The server has no Chinese font to make the PDF."), status=503
        )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _load(request, pk))


@login_required
@require_POST
def take_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One action through ``services.perform_action``: 403 for the person's roles, the form again
    with its errors beside the fields, or the refusal (409), with nothing changed."""
    case = _load(request, pk)
    if action not in STAFF_ACTIONS:
        raise Http404(action)
    form = action_form(action, case, request.user, request.POST)
    if not form.is_valid():
        return _render(request, case, bound=form, status=422)
    try:
        services.perform_action(
            case=case, action=action, by=request.user, date=step_date(form), **form.inputs()
        )
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        case = selectors.get_case_for_staff(request.user, pk)
        if exc.fields:
            form.add_service_errors(exc.fields)
            return _render(request, case, bound=form, status=exc.status)
        return _render(request, case, problem=exc.message, status=exc.status)
    messages.success(request, str(STAFF_ACTIONS[action].texts.history))
    return redirect("cases_staff:detail", pk=case.pk)
