"""Back-office pages of records: the list with its filters and deadlines, the draft form, one record
with the steps its status allows this person, and the actions posted from it. Each action calls one
service and comes back; errors are shown on the page and change nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.backoffice.records import forms as record_forms
from sunshine.core.workflow import WorkflowForbidden
from sunshine.records import (
    categories,
    findings,
    richtext,
    selectors,
    services,
    worklist,
)
from sunshine.records.actions import ACTIONS, DRAFTER_ROLES, VALIDITY_ROLES
from sunshine.records.actions.history import history_labels
from sunshine.records.codes import Status
from sunshine.records.models import Category, Record, Revision
from sunshine.records.presenters import interpretation_missing

PAGE_SIZE = 50


@dataclass(frozen=True)
class ErrorLink:
    target: str  # id of the input to jump to
    label: str
    message: str


def error_links(form: forms.Form, fallback: str) -> list[ErrorLink]:
    links = [ErrorLink(fallback, "", str(e)) for e in form.non_field_errors()]
    for field in form:
        target = field.id_for_label or field.auto_id or fallback
        links += [ErrorLink(target, str(field.label), str(e)) for e in field.errors]
    return links


def put_errors(form: forms.Form, exc: services.RecordError) -> None:
    """A service's refusal shown on the form: beside each field it names, else at the top."""
    placed = False
    for name, message in exc.fields.items():
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def load(request: HttpRequest, pk: int) -> tuple[Record, Revision]:
    """The record (404 beyond the person's agencies) and its latest revision."""
    record = selectors.get_record_for_staff(request.user, pk)
    return record, selectors.latest_revision(record)


# --- List -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    revision: Revision
    timeliness: str
    missing_interpretation: bool


@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    agencies = agencies_for_staff(request.user).filter(is_active=True).order_by("path", "sort_order")
    if not agencies.exists():
        raise PermissionDenied
    form = record_forms.FilterForm(request.GET or None, agencies=agencies)
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    agency = agencies.filter(code=filters.pop("agency")).first() if filters.get("agency") else None
    filters.pop("agency", None)
    revisions = worklist.filtered(
        request.user,
        agency=agency,
        status=filters.get("status") or None,
        category=filters.get("category") or None,
        timeliness=filters.get("timeliness") or None,
        q=filters.get("q") or None,
    )
    page = Paginator(revisions, PAGE_SIZE).get_page(request.GET.get("page"))
    bounds = worklist.limits()
    rows = [
        Row(r, worklist.timeliness_state(r, bounds), r.needs_interpretation and interpretation_missing(r))
        for r in page
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "counts": worklist.counts(request.user, agency=agency),
        "may_draft": selectors.agencies_with_roles(request.user, DRAFTER_ROLES).exists(),
        "may_edit_catalogue": selectors.agencies_with_roles(request.user, {"disclosure_office"}).exists(),
        "year": bounds.today.year,
    }
    return render(request, "backoffice/records/list.html", context)


# --- Drafting ---------------------------------------------------------------------------------


def _draft_initial(revision: Revision) -> dict[str, Any]:
    return {
        "title": revision.title,
        "category": revision.category_id,
        "genre": revision.genre,
        "document_number": revision.document_number,
        "formation_date": revision.formation_date,
        "issuers": [a.pk for a in revision.issuer_list()],
        "topic": revision.topic_id,
        "keywords": "，".join(revision.keyword_list),
        "summary": revision.summary,
        "body": richtext.editable_text(revision.body),
        "needs_interpretation": revision.needs_interpretation,
        "interprets": revision.interprets.index_number if revision.interprets else "",
        "change_note": revision.change_note,
    }


def _files(form: record_forms.DraftForm) -> list[tuple[Any, str]]:
    upload = form.cleaned_data.get("attachment")
    return [(upload, upload.name)] if upload else []


def _render_draft(
    request: HttpRequest, form: record_forms.DraftForm, agency: Agency, revision: Revision | None
) -> HttpResponse:
    context = {
        "form": form,
        "agency": agency,
        "revision": revision,
        "record": revision.record if revision else None,
        "errors": error_links(form, "id_title"),
    }
    return render(request, "backoffice/records/draft_form.html", context, status=422 if form.errors else 200)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agencies_with_roles(request.user, DRAFTER_ROLES)
    if not agencies.exists():
        raise PermissionDenied
    code = request.POST.get("agency") or request.GET.get("agency")
    agency = agencies.filter(code=code).first() if code else None
    if agency is None and not code and agencies.count() == 1:
        agency = agencies.first()
    if agency is None:
        return render(
            request, "backoffice/records/choose_agency.html", {"agencies": agencies, "unknown": bool(code)}
        )
    if not Category.objects.filter(agency=agency).exists():
        categories.seed_catalogue(agency)  # agencies made in bulk (sunshine generate) start without one
    initial = {"issuers": [agency.pk], "formation_date": timezone.localdate()}
    form = record_forms.DraftForm(request.POST or None, request.FILES or None, agency=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.create_draft(
                agency=agency, by=request.user, files=_files(form), **form.service_fields()
            )
        except WorkflowForbidden:
            raise
        except services.RecordError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("records:detail", pk=revision.record_id)
    return _render_draft(request, form, agency, None)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    record, revision = load(request, pk)
    if not selectors.may_act(request.user, record.agency, ACTIONS["edit"].roles):
        raise PermissionDenied
    if revision.status not in ACTIONS["edit"].allowed_from:
        messages.error(request, _("Only a draft or a returned record can be changed."))
        return redirect("records:detail", pk=pk)
    form = record_forms.DraftForm(
        request.POST or None,
        request.FILES or None,
        agency=record.agency,
        revision_number=revision.number,
        initial=_draft_initial(revision),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(
                revision=revision, by=request.user, files=_files(form), **form.service_fields()
            )
        except WorkflowForbidden:
            raise
        except services.RecordError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("records:detail", pk=pk)
    return _render_draft(request, form, record.agency, revision)


# --- One record -------------------------------------------------------------------------------

ACTION_FORMS: dict[str, type[forms.Form]] = {
    "submit": record_forms.SubmitForm,
    "sign": record_forms.SignForm,
    "publish": record_forms.PublishForm,
    "withdraw": record_forms.WithdrawForm,
    "unschedule": forms.Form,
    "revise": forms.Form,
    "validity": record_forms.ValidityForm,
}
# The one page step that is not an action of the workflow: the validity of a published record.
VALIDITY_LABEL = gettext_lazy("Change the validity")
VALIDITY_HELP = gettext_lazy("有效性: in force, expired, repealed, or revised by another record.")


def action_label(action: str) -> str:
    """The button and heading of a page step, as declared (``records.actions``)."""
    return str(VALIDITY_LABEL if action == "validity" else ACTIONS[action].texts.button)


def action_help(action: str) -> str:
    return str(VALIDITY_HELP if action == "validity" else ACTIONS[action].texts.help)


def _may(request: HttpRequest, record: Record, revision: Revision, action: str) -> bool:
    roles = selectors.roles_for(request.user, record.agency)
    if action == "validity":
        return record.index_number is not None and bool(roles & VALIDITY_ROLES)
    transition = ACTIONS[action]  # sign-off may also return; publishing may also schedule
    return revision.status in transition.allowed_from and bool(roles & transition.roles)


@dataclass
class Panel:
    action: str
    label: str
    form: forms.Form
    open: bool = False
    help: str = ""


def render_detail(
    request: HttpRequest,
    record: Record,
    revision: Revision,
    *,
    status: int = 200,
    bound: tuple[str, forms.Form] | None = None,
    conflict: str = "",
    attachment_form: forms.Form | None = None,
) -> HttpResponse:
    panels = []
    for action, form_class in ACTION_FORMS.items():
        if not _may(request, record, revision, action):
            continue
        if bound is not None and bound[0] == action:
            panels.append(Panel(action, action_label(action), bound[1], True, action_help(action)))
        else:
            initial = {"validity": record.validity} if action == "validity" else None
            panels.append(
                Panel(action, action_label(action), form_class(initial=initial), help=action_help(action))
            )
    roles = selectors.roles_for(request.user, record.agency)
    editable = revision.status in ACTIONS["edit"].allowed_from and bool(roles & ACTIONS["edit"].roles)
    scan = findings.scan_revision(revision)
    errors: list[ErrorLink] = []
    if bound is not None and bound[1].errors:
        errors = error_links(bound[1], f"action-{bound[0]}")
    elif attachment_form is not None and attachment_form.errors:
        errors = error_links(attachment_form, "id_file")
    published = selectors.published_revision(record) if revision.status != Status.PUBLISHED else revision
    labels = history_labels()  # the staff history reads the declared lines (records.actions)
    events = revision.events.select_related("by").order_by("at", "pk")
    context = {
        "record": record,
        "revision": revision,
        "published": published,
        "issuers": revision.issuer_list(),
        "attachments": list(revision.attachments.all()),
        "scan": scan,
        "open_findings": [f for f in scan if f.is_open],
        "history": [(e, labels.get(e.kind, e.get_kind_display())) for e in events],
        "event_labels": labels,
        "panels": panels,
        "editable": editable,
        "may_review": revision.status == Status.SUBMITTED and bool(roles & ACTIONS["approve"].roles),
        "attachment_form": attachment_form or record_forms.AttachmentForm(),
        "errors": errors,
        "conflict": conflict,
        "timeliness": worklist.timeliness_state(revision, worklist.limits()),
        "interpretations": list(selectors.published_interpretations(record)),
        "missing_interpretation": interpretation_missing(revision),
        "revisions": list(record.revisions.order_by("-number")),
    }
    return render(request, "backoffice/records/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    record, revision = load(request, pk)
    return render_detail(request, record, revision)


def _perform(
    request: HttpRequest, record: Record, revision: Revision, action: str, data: dict[str, Any]
) -> str:
    """Call the service of a page action; answers the message to show."""
    user = request.user
    if action == "submit":
        services.submit(revision=revision, by=user, **data)
        return _("The record is sent to confidentiality review.")
    if action == "sign":
        if data["decision"] == "return":
            services.return_for_changes(revision=revision, by=user, comments=data["comments"])
            return _("The record is returned for changes.")
        services.sign(revision=revision, by=user, comments=data["comments"])
        return _("The record is signed off.")
    if action == "publish":
        at = data["at"] if data["when"] == "later" else None
        done = services.publish(revision=revision, by=user, at=at)
        if done.status == Status.SCHEDULED:
            return _("The record will be published at %(time)s.") % {
                "time": timezone.localtime(done.publish_at).strftime("%Y-%m-%d %H:%M")
            }
        done.record.refresh_from_db()
        return _("The record is published with the index number %(number)s.") % {
            "number": done.record.index_number
        }
    if action == "withdraw":
        services.withdraw(revision=revision, by=user, reason=data["reason"])
        return _("The record is withdrawn from the public pages.")
    if action == "unschedule":
        services.unschedule(revision=revision, by=user)
        return _("The scheduled publication is cancelled.")
    if action == "revise":
        services.start_revision(record=record, by=user)
        return _("A new revision is started. Change it and send it to review again.")
    if action == "validity":
        services.change_validity(record=record, by=user, **data)
        return _("The validity is changed.")
    raise Http404(action)


@login_required
@require_POST
def take_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTION_FORMS:
        raise Http404(action)
    record, revision = load(request, pk)
    form = ACTION_FORMS[action](request.POST)
    if not form.is_valid():
        return render_detail(request, record, revision, status=422, bound=(action, form))
    try:
        message = _perform(request, record, revision, action, dict(form.cleaned_data))
    except WorkflowForbidden:
        raise
    except services.RecordError as exc:
        record, revision = load(request, pk)
        if exc.status == 409 and exc.code != "privacy_findings" and not set(exc.fields) & set(form.fields):
            return render_detail(request, record, revision, status=409, conflict=exc.message)
        put_errors(form, exc)
        return render_detail(request, record, revision, status=exc.status, bound=(action, form))
    messages.success(request, message)
    return redirect("records:detail", pk=pk)
