"""The applicant's case page (办件): follow an application with its tracking code and access key,
see what is missing and why, and send each missing material's file beside it (docs/cases.md).

As for letters, the access key never appears in a URL: it is posted in forms. Wrong keys count
towards the cases' brake on guessing (``cases.throttle``), as in the API."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunshine.cases import access, documents, selectors, services, throttle
from sunshine.cases.models import Case
from sunshine.cases.presenters import applicant_case_data, applicant_task_list
from sunshine.core import submissions
from sunshine.core.workflow import WorkflowError
from sunshine.inforequests.documents.fonts import FontNotFound
from sunshine.portal.case_forms import CaseFollowForm, MaterialFileForm


def _case_page(
    request: HttpRequest,
    case: Case,
    key: str,
    *,
    errors: dict[str, str] | None = None,
    notice: str = "",
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    found = applicant_case_data(case)
    tasks = applicant_task_list(case)
    context: dict[str, Any] = {
        "case": case,
        "found": found,
        "tasks": tasks,
        "missing": [t for t in tasks if t["state"] == "missing"],
        "unnamed_missing": [i for i in found["missing_items"] if not i["material"]],
        "upload_errors": errors or {},
        "tracking_code": case.tracking_code,
        "access_key": key,
        "notice": notice,
        "problem": problem,
        "documents": documents.issued_data(case),
    }
    response = render(request, "portal/cases/case.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _open(request: HttpRequest, form: CaseFollowForm) -> Case | None:
    """The case the form's code and key open, or None with the error on the form."""
    if throttle.refusal(request, form.data.get("tracking_code")) is not None:
        form.add_error(None, throttle.refused_message())
        return None
    if not form.is_valid():
        return None
    try:
        return selectors.get_case_for_applicant(
            form.cleaned_data["tracking_code"], form.cleaned_data["access_key"]
        )
    except Http404:
        throttle.record_failure(request, form.cleaned_data["tracking_code"])
        form.add_error(
            None, _("No application matches this tracking code and access key. Check both and try again.")
        )
        return None


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    """The code and key form (GET), and the case they open (POST)."""
    if request.method == "POST":
        form = CaseFollowForm(request.POST)
        case = _open(request, form)
        if case is not None:
            return _case_page(request, case, form.cleaned_data["access_key"])
    else:
        form = CaseFollowForm()
    status = 200 if not form.errors else 400
    return render(request, "portal/cases/follow.html", {"form": form}, status=status)


@never_cache
@require_POST
def send_material(request: HttpRequest, key: str) -> HttpResponse:
    """The file of one material, sent with the code and the key; the error beside the item."""
    form = CaseFollowForm(request.POST)
    case = _open(request, form)
    if case is None:
        return render(request, "portal/cases/follow.html", {"form": form}, status=400)
    access_key = form.cleaned_data["access_key"]
    file_form = MaterialFileForm(request.POST, request.FILES)
    if not file_form.is_valid():
        message = " ".join(str(e) for e in file_form.errors.get("file", []))
        return _case_page(request, case, access_key, errors={key: message}, status=400)
    sent = file_form.cleaned_data["file"]
    try:
        _material, resubmitted = services.send_material(
            case=case, upload=services.Upload(key=key, name=sent.name or "", file=sent)
        )
    except WorkflowError as exc:
        field = exc.fields.get(f"materials.{key}")
        if field:
            return _case_page(request, case, access_key, errors={key: field}, status=exc.status)
        return _case_page(request, case, access_key, problem=exc.message, status=exc.status)
    case.refresh_from_db()
    if resubmitted:
        notice = _(
            "Thank you: every missing material has arrived. The officer checks them and examines your "
            "application again; the agency then tells you whether it is accepted."
        )
    else:
        notice = _("Thank you: the file has arrived.")
    return _case_page(request, case, access_key, notice=notice)


@never_cache
@require_GET
def private(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """The case page opened by its private link (shown after applying, in every notice): no typing.
    A wrong link counts as a failed try, like a wrong key."""
    refused = throttle.refusal(request, code)
    if refused is not None:
        form = CaseFollowForm()
        form.add_error(None, throttle.refused_message())
        response = render(request, "portal/cases/follow.html", {"form": form}, status=429)
        response["Retry-After"] = str(refused.retry_after)
        return response
    try:
        case = selectors.get_case_by_link(code, token)
    except Http404:
        throttle.record_failure(request, code)
        raise
    submissions.confirm_from(request)  # the link of an e-mail confirms its address (core.submissions)
    return _case_page(request, case, access.access_key_for(case))


@require_POST
def download_document(request: HttpRequest, kind: str) -> HttpResponse:
    """The decision or the certificate as issued (PDF), with the code and the key posted."""
    form = CaseFollowForm(request.POST)
    case = _open(request, form)
    if case is None:
        return render(request, "portal/cases/follow.html", {"form": form}, status=400)
    try:
        return documents.document_response(documents.document_file(case, kind))
    except documents.DocumentNotIssued as exc:
        raise Http404(kind) from exc
    except FontNotFound:
        problem = _("The server has no Chinese font to make the PDF.")
        return _case_page(request, case, form.cleaned_data["access_key"], problem=problem, status=503)
