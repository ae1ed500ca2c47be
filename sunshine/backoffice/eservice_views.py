"""Back-office pages of service items, under /staff/eservices/: the list of one's agencies' items,
creating one with its first version, changing a draft with its rows and files, the steps of review
and publication (``sunshine.eservices.actions``) and starting a new version from the published one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.agencies.selectors import agencies_for_staff, roles_in
from sunshine.backoffice.eservice_forms import (
    FileForm,
    NewItemForm,
    VersionForm,
    row_formsets,
    version_initial,
)
from sunshine.core.workflow import WorkflowError
from sunshine.eservices import flowchart, selectors, services
from sunshine.eservices.actions import ACTIONS, DRAFTER_ROLES, EDITABLE, WORKFLOW
from sunshine.eservices.codes import FilePurpose, Status
from sunshine.eservices.models import Version
from sunshine.records import attachments as files

LIST_LIMIT = 300
STEP_FIELD = {"return": "comments"}


def _writable_agencies(request: HttpRequest) -> Any:
    return agencies_for_staff(request.user, roles=DRAFTER_ROLES).filter(is_active=True).order_by("path")


def _rows(formsets: dict[str, Any]) -> dict[str, list[dict[str, Any]]] | None:
    """The filled rows of each formset, or None when one of them is not valid."""
    if not all(formset.is_valid() for formset in formsets.values()):
        return None
    return {
        kind: [r for form in formset.forms if (r := form.row()) is not None]
        for kind, formset in formsets.items()
    }


def _put_errors(form: Any, formsets: dict[str, Any], exc: WorkflowError) -> None:
    """The service's messages beside their fields; a row's beside the row's field."""
    for name, message in exc.fields.items():
        kind, _dot, rest = name.partition(".")
        if kind in formsets and rest:
            index, _dot, field = rest.partition(".")
            forms_list = formsets[kind].forms
            if index.isdigit() and int(index) < len(forms_list) and field in forms_list[int(index)].fields:
                forms_list[int(index)].add_error(field, message)
                continue
        form.add_error(name if name in form.fields else None, message)
    if not exc.fields:
        form.add_error(None, exc.message)


def _fields(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {name: cleaned.get(name) for name in services.FIELDS}


def _error_on_filled(form: Any, formsets: dict[str, Any], exc: WorkflowError) -> None:
    """Map ``materials.1.name`` to the second filled row of the formset (blank rows are skipped)."""
    remapped: dict[str, str] = {}
    for name, message in exc.fields.items():
        kind, _dot, rest = name.partition(".")
        index, _dot, field = rest.partition(".")
        if kind in formsets and index.isdigit():
            filled = [f for f in formsets[kind].forms if f.is_valid() and f.row() is not None]
            if int(index) < len(filled):
                position = formsets[kind].forms.index(filled[int(index)])
                remapped[f"{kind}.{position}.{field}"] = message
                continue
        remapped[name] = message
    _put_errors(form, formsets, WorkflowError(exc.status, exc.code, exc.message, remapped))


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    items = selectors.items_for_staff(request.user).order_by("agency__path", "code")[:LIST_LIMIT]
    versions = {
        v.item_id: v
        for v in Version.objects.filter(item__in=[i.pk for i in items]).order_by("item", "number")
    }
    rows = [{"item": item, "version": versions.get(item.pk)} for item in items]
    context = {"rows": rows, "may_write": _writable_agencies(request).exists()}
    return render(request, "backoffice/eservices/list.html", context)


@login_required
def item_create(request: HttpRequest) -> HttpResponse:
    agencies = _writable_agencies(request)
    if not agencies.exists():
        raise Http404("no agency to write for")
    data = request.POST if request.method == "POST" else None
    form = NewItemForm(data, agencies=agencies, initial={"free": True, "promised_days": 0})
    formsets = row_formsets(data)
    if data is not None and form.is_valid():
        rows = _rows(formsets)
        if rows is not None:
            try:
                version = services.create_item(
                    agency=form.cleaned_data["agency"],
                    by=request.user,
                    code=form.cleaned_data["code"],
                    fields=_fields(form.cleaned_data),
                    events=form.cleaned_data["events"],
                    **rows,
                )
            except WorkflowError as exc:
                _error_on_filled(form, formsets, exc)
            else:
                messages.success(request, _("The item was saved with its first version, as a draft."))
                return redirect("eservices_staff:version", code=version.item.code, number=version.number)
    status = 422 if data is not None else 200
    return render(
        request, "backoffice/eservices/form.html", {"form": form, "formsets": formsets}, status=status
    )


@login_required
def item_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The item's latest version."""
    item = selectors.get_item_for_staff(request.user, code)
    latest = item.versions.order_by("-number").first()
    if latest is None:
        raise Http404(code)
    return redirect("eservices_staff:version", code=item.code, number=latest.number)


def _render_version(
    request: HttpRequest,
    version: Version,
    form: Any = None,
    formsets: dict[str, Any] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    held = roles_in(request.user, version.item.agency)
    editable = version.status in EDITABLE and bool(held & DRAFTER_ROLES)
    if editable and form is None:
        form = VersionForm(initial=version_initial(version))
        formsets = row_formsets(version=version)
    steps = [
        {"name": name, "texts": ACTIONS[name].texts, "field": STEP_FIELD.get(name)}
        for name in WORKFLOW.for_roles(version.status, held)
    ]
    item = version.item
    may_start = (
        bool(held & DRAFTER_ROLES)
        and selectors.open_version(item) is None
        and selectors.published_version(item) is not None
    )
    context = {
        "version": version,
        "item": item,
        "versions": item.versions.order_by("-number"),
        "form": form if editable else None,
        "formsets": formsets if editable else None,
        "file_form": FileForm() if editable else None,
        "purposes": FilePurpose.choices,
        "steps": steps,
        "error": error,
        "may_start": may_start,
        "public": version.status == Status.PUBLISHED and item.agency.is_active,
        "flow_chart": flowchart.for_version(version),
    }
    return render(request, "backoffice/eservices/version.html", context, status=status)


@login_required
def version_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    version = selectors.get_version_for_staff(request.user, code, number)
    if request.method != "POST":
        return _render_version(request, version)
    form = VersionForm(request.POST)
    formsets = row_formsets(request.POST)
    rows = _rows(formsets) if form.is_valid() else None
    if rows is not None:
        try:
            services.update_version(
                version=version,
                by=request.user,
                fields=_fields(form.cleaned_data),
                events=form.cleaned_data["events"],
                **rows,
            )
        except WorkflowError as exc:
            if exc.status != 422:
                return _render_version(request, version, error=exc.message, status=exc.status)
            _error_on_filled(form, formsets, exc)
        else:
            messages.success(request, _("The version was saved."))
            return redirect("eservices_staff:version", code=code, number=number)
    return _render_version(request, version, form, formsets, status=422)


@login_required
@require_POST
def version_action(request: HttpRequest, code: str, number: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404(action)
    version = selectors.get_version_for_staff(request.user, code, number)
    field = STEP_FIELD.get(action)
    values = {field: request.POST.get(field, "").strip()} if field else {}
    try:
        services.take_action(version=version, action=action, by=request.user, input=values)
    except WorkflowError as exc:
        version = selectors.get_version_for_staff(request.user, code, number)
        message = " ".join(exc.fields.values()) if exc.fields else exc.message
        return _render_version(request, version, error=message, status=exc.status)
    messages.success(request, str(ACTIONS[action].texts.history))
    return redirect("eservices_staff:version", code=code, number=number)


@login_required
@require_POST
def version_start(request: HttpRequest, code: str) -> HttpResponse:
    item = selectors.get_item_for_staff(request.user, code)
    try:
        version = services.new_version(item=item, by=request.user)
    except WorkflowError as exc:
        latest = item.versions.order_by("-number").first()
        if latest is None:
            raise Http404(code) from exc
        return _render_version(request, latest, error=exc.message, status=exc.status)
    messages.success(request, _("A new version was started from the published one."))
    return redirect("eservices_staff:version", code=code, number=version.number)


@login_required
def material_file(request: HttpRequest, code: str, number: int, key: str, purpose: str) -> HttpResponseBase:
    """GET: download the file (staff, any status); POST: upload it to a draft."""
    version = selectors.get_version_for_staff(request.user, code, number)
    if request.method != "POST":
        material = version.materials.filter(key=key).first()
        stored = material.files.filter(purpose=purpose).first() if material else None
        if stored is None:
            raise Http404(key)
        return files.stored_download(stored.file, stored.name, stored.kind, private=True)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_version(request, version, error=_("Choose a file to upload."), status=422)
    upload = form.cleaned_data["file"]
    try:
        services.add_file(
            version=version, by=request.user, material_key=key, purpose=purpose, file=upload, name=upload.name
        )
    except WorkflowError as exc:
        return _render_version(request, version, error=exc.message, status=exc.status)
    messages.success(request, _("The file was added."))
    return redirect("eservices_staff:version", code=code, number=number)


@login_required
@require_POST
def material_file_remove(
    request: HttpRequest, code: str, number: int, key: str, purpose: str
) -> HttpResponse:
    version = selectors.get_version_for_staff(request.user, code, number)
    try:
        services.remove_file(version=version, by=request.user, material_key=key, purpose=purpose)
    except WorkflowError as exc:
        return _render_version(request, version, error=exc.message, status=exc.status)
    messages.success(request, _("The file was removed."))
    return redirect("eservices_staff:version", code=code, number=number)
