"""Staff pages of inspections under /staff/inspections/ (namespace ``inspections_staff``): the list
with the overdue rectifications, a new inspection, one inspection (checklist per agency, findings,
rectifications, the notice of criticism), one rectification with its steps, an agency's findings,
rectifications and complaints. Thin views: the rules are in the services and selectors."""

from __future__ import annotations

from typing import Any, BinaryIO, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.core.workflow import WorkflowError
from sunshine.inspections import documents, selectors, services
from sunshine.inspections.actions import INSPECTION_ACTIONS, RECTIFICATION, RECTIFICATION_ACTIONS
from sunshine.inspections.codes import InspectionStatus, Result
from sunshine.inspections.forms import ComplaintForm, FindingForm, InspectionForm, StepForm, step_form
from sunshine.inspections.models import CheckResult, Evidence, Inspection, Rectification
from sunshine.records.attachments import stored_download


def _staff(request: HttpRequest) -> None:
    if not agencies_for_staff(request.user).exists():
        raise PermissionDenied


def _rows(rectifications: Any) -> list[dict[str, Any]]:
    return [{"r": r, "overdue": selectors.is_overdue(r)} for r in rectifications]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The inspections the person may see, with the overdue rectifications of the subtrees they inspect."""
    _staff(request)
    context = {
        "inspections": list(selectors.inspections_for(request.user).order_by("-created_on", "-pk")[:200]),
        "may_create": selectors.may_inspect_any(request.user),
        "overdue": _rows(selectors.overdue_rectifications(request.user)[:50]),
    }
    return render(request, "inspections/index.html", context)


@login_required
def rectifications(request: HttpRequest) -> HttpResponse:
    """Every rectification of the person's agencies; ``?overdue=1``: only those past their due date."""
    _staff(request)
    only_overdue = request.GET.get("overdue") == "1"
    found = selectors.rectifications_for(request.user).order_by("due_date", "pk")
    rows = _rows(found[:500])
    if only_overdue:
        rows = [row for row in rows if row["overdue"]]
    return render(request, "inspections/rectifications.html", {"rows": rows, "only_overdue": only_overdue})


@login_required
def create(request: HttpRequest) -> HttpResponse:
    _staff(request)
    scope = selectors.inspected_agencies(request.user)
    if not scope.exists():
        raise PermissionDenied
    form = InspectionForm(request.POST or None, agencies=scope)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            office: Agency | None = data["office"]
            if office is None:
                form.add_error("office", _("Choose the inspecting office."))
            else:
                try:
                    inspection = services.create_inspection(
                        by=request.user,
                        office=office,
                        title=data["title"] or "",
                        kind=data["kind"] or "",
                        period=data["period"] or "",
                        agencies=list(data["agencies"] or []),
                        items=(data["items"] or "").splitlines(),
                    )
                except WorkflowError as exc:
                    form.add_service_errors(exc.fields or {"__all__": exc.message})
                else:
                    messages.success(request, _("The inspection is planned."))
                    return redirect("inspections_staff:detail", pk=inspection.pk)
        status = 422
    return render(request, "inspections/create.html", {"form": form}, status=status)


def _checklist(inspection: Inspection) -> list[dict[str, Any]]:
    items = list(inspection.items.all())
    results = {(r.item_id, r.agency_id): r for r in CheckResult.objects.filter(item__inspection=inspection)}
    return [
        {
            "agency": agency,
            "rows": [{"item": item, "result": results.get((item.pk, agency.pk))} for item in items],
        }
        for agency in inspection.agencies.order_by("path")
    ]


def _render_detail(
    request: HttpRequest,
    inspection: Inspection,
    *,
    finding_form: FindingForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    inspector = selectors.may_inspect(request.user, inspection.office)
    findings = list(
        inspection.findings.select_related("agency", "item", "rectification").prefetch_related("evidence")
    )
    mine = set(agencies_for_staff(request.user).values_list("pk", flat=True))
    if not inspector:  # an inspected agency's staff read their own findings only
        findings = [f for f in findings if f.agency_id in mine]
    context = {
        "inspection": inspection,
        "inspector": inspector,
        "in_progress": inspection.status == InspectionStatus.IN_PROGRESS,
        "closed": inspection.status == InspectionStatus.CLOSED,
        "actions": [
            {"name": name, "texts": INSPECTION_ACTIONS[name].texts}
            for name in selectors.inspection_actions(request.user, inspection)
        ],
        "checklist": _checklist(inspection) if inspector else [],
        "results": Result.choices,
        "findings": [{"f": f, "overdue": selectors.is_overdue(f.rectification)} for f in findings],
        "finding_form": finding_form or FindingForm(inspection=inspection),
        "problem": problem,
    }
    return render(request, "inspections/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    return _render_detail(request, selectors.get_inspection(request.user, pk))


@login_required
@require_POST
def inspection_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _staff(request)
    inspection = selectors.get_inspection(request.user, pk)
    if action not in INSPECTION_ACTIONS:
        raise Http404(action)
    try:
        services.perform_inspection_action(inspection=inspection, action=action, by=request.user)
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        return _render_detail(request, inspection, problem=exc.message, status=exc.status)
    messages.success(request, str(INSPECTION_ACTIONS[action].texts.history))
    return redirect("inspections_staff:detail", pk=pk)


@login_required
@require_POST
def record_results(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    inspection = selectors.get_inspection(request.user, pk)
    results: dict[tuple[int, int], tuple[str, str]] = {}
    for key, value in request.POST.items():
        if key.startswith("result-"):
            parts = key.split("-")
            if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
                note = request.POST.get(f"note-{parts[1]}-{parts[2]}", "")
                results[(int(parts[1]), int(parts[2]))] = (str(value), str(note))
    try:
        services.record_results(inspection=inspection, by=request.user, results=results)
    except WorkflowError as exc:
        problem = "; ".join(exc.fields.values()) or exc.message
        return _render_detail(request, inspection, problem=problem, status=exc.status)
    messages.success(request, _("The checklist results are saved."))
    return redirect("inspections_staff:detail", pk=pk)


@login_required
@require_POST
def add_finding(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    inspection = selectors.get_inspection(request.user, pk)
    form = FindingForm(request.POST, request.FILES, inspection=inspection)
    if form.is_valid():
        data = form.cleaned_data
        uploads = [
            services.Upload(f.name or "", cast(BinaryIO, f)) for f in request.FILES.getlist("evidence")
        ]
        try:
            finding = services.add_finding(
                inspection=inspection,
                by=request.user,
                agency_id=data["agency"],
                item_id=data["item"],
                text=data["text"] or "",
                links=(data["links"] or "").splitlines(),
                records=(data["records"] or "").splitlines(),
                uploads=uploads,
            )
        except WorkflowError as exc:
            if exc.status == 403:
                raise
            form.add_service_errors(exc.fields or {"__all__": exc.message})
        else:
            messages.success(request, _("The finding is recorded and its rectification opened."))
            return redirect("inspections_staff:rectification", pk=finding.rectification.pk)
    return _render_detail(request, inspection, finding_form=form, status=422)


@login_required
def notice(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _staff(request)
    inspection = selectors.get_inspection(request.user, pk)
    if fmt not in documents.FORMATS:
        raise Http404(fmt)
    if not selectors.may_inspect(request.user, inspection.office):
        raise PermissionDenied
    try:
        return documents.notice_response(inspection, fmt)
    except WorkflowError as exc:
        return _render_detail(request, inspection, problem=exc.message, status=exc.status)


@login_required
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, for whoever may see its rectification."""
    _staff(request)
    found = get_object_or_404(Evidence.objects.select_related("finding"), pk=pk)
    selectors.get_rectification(request.user, found.finding.rectification.pk)
    return stored_download(found.file, found.name, found.kind, inline=True, private=True)


def _render_rectification(
    request: HttpRequest,
    r: Rectification,
    *,
    bound: StepForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    forms = [
        {
            "name": name,
            "texts": RECTIFICATION_ACTIONS[name].texts,
            "form": bound if bound is not None and bound.prefix == name else step_form(name),
        }
        for name in selectors.rectification_actions(request.user, r)
    ]
    context = {
        "r": r,
        "finding": r.finding,
        "evidence": list(r.finding.evidence.all()),
        "overdue": selectors.is_overdue(r),
        "events": [
            {"e": e, "text": RECTIFICATION.history_text(e.action)} for e in r.events.select_related("by")
        ],
        "forms": forms,
        "bound": bound,
        "problem": problem,
    }
    return render(request, "inspections/rectification.html", context, status=status)


@login_required
def rectification(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    return _render_rectification(request, selectors.get_rectification(request.user, pk))


@login_required
@require_POST
def rectification_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _staff(request)
    r = selectors.get_rectification(request.user, pk)
    if action not in RECTIFICATION_ACTIONS:
        raise Http404(action)
    form = step_form(action, request.POST)
    if not form.is_valid():
        return _render_rectification(request, r, bound=form, status=422)
    try:
        services.perform_rectification_action(
            rectification=r, action=action, by=request.user, date=form.step_date(), **form.inputs()
        )
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        r = selectors.get_rectification(request.user, pk)
        if exc.fields:
            form.add_service_errors(exc.fields)
            return _render_rectification(request, r, bound=form, status=exc.status)
        return _render_rectification(request, r, problem=exc.message, status=exc.status)
    messages.success(request, str(RECTIFICATION_ACTIONS[action].texts.history))
    return redirect("inspections_staff:rectification", pk=r.pk)


def _render_agency(request: HttpRequest, code: str, *, problem: str = "", status: int = 200) -> HttpResponse:
    agency = selectors.get_agency(request.user, code)
    inspector = selectors.may_inspect(request.user, agency)
    findings = list(selectors.findings_of(agency))
    complaints = [
        {
            "letter": letter,
            "open": any(f.letter_id == letter.pk and f.rectification.status != "closed" for f in findings),
        }
        for letter in selectors.complaints_about(agency)[:100]
    ]
    context = {
        "agency": agency,
        "inspector": inspector,
        "findings": [{"f": f, "overdue": selectors.is_overdue(f.rectification)} for f in findings],
        "complaints": complaints,
        "problem": problem,
    }
    return render(request, "inspections/agency.html", context, status=status)


@login_required
def agency(request: HttpRequest, code: str) -> HttpResponse:
    _staff(request)
    return _render_agency(request, code)


@login_required
@require_POST
def rectify_complaint(request: HttpRequest, code: str, letter_id: int) -> HttpResponse:
    _staff(request)
    agency = selectors.get_agency(request.user, code)
    letter = selectors.complaints_about(agency).filter(pk=letter_id).first()
    if letter is None:
        raise Http404(letter_id)
    form = ComplaintForm(request.POST)
    form.is_valid()
    try:
        r = services.open_from_complaint(
            letter=letter, by=request.user, text=form.cleaned_data.get("text") or ""
        )
    except WorkflowError as exc:
        return _render_agency(request, code, problem=exc.message, status=exc.status)
    messages.success(request, _("A rectification is opened from the complaint."))
    return redirect("inspections_staff:rectification", pk=r.pk)
