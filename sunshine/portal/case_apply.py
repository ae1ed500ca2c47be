"""Applying for a service through the pages (docs/cases.md#applying-through-pages), in the GOV.UK
pattern, without JavaScript: the task list of the application, the applicant's details, one page per
material to send its file, the answers to check, then the confirmation with the tracking code, the
access key (shown once) and the private link.

Between the pages the draft stays on the server (``cases.drafts``); the session holds only its
random token. Sending goes through ``cases.services.submit_case``, as the API does, once."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from sunshine.cases import access, drafts
from sunshine.cases.models import CaseDraft
from sunshine.core import submissions
from sunshine.core.workflow import WorkflowError
from sunshine.eservices import selectors as guides
from sunshine.eservices.models import Material, Version
from sunshine.portal.case_apply_forms import ApplicantForm, DraftFileForm, answer_rows

DRAFTS_SESSION_KEY = "portal.case_apply.drafts"  # service code → the draft's token
RECEIPT_SESSION_KEY = "portal.case_apply.receipt"  # code, key and link, until the page shows them
LAST_CODE_SESSION_KEY = "portal.case_apply.last_code"


def _version(code: str) -> Version:
    """The published guide of ``code`` if it lets people apply online; 404 otherwise."""
    version = guides.get_public_version(code)
    if not drafts.accepts_online(version):
        raise Http404(code)
    return version


def _draft(request: HttpRequest, version: Version) -> CaseDraft | None:
    """The session's draft for this service, not yet sent."""
    token = request.session.get(DRAFTS_SESSION_KEY, {}).get(version.item.code)
    found = drafts.find(token, version)
    return found if found is not None and found.case_id is None else None


def _draft_or_start(request: HttpRequest, version: Version) -> CaseDraft:
    found = _draft(request, version)
    if found is not None:
        return found
    draft, token = drafts.start(version)
    tokens = dict(request.session.get(DRAFTS_SESSION_KEY, {}))
    tokens[version.item.code] = token
    request.session[DRAFTS_SESSION_KEY] = tokens
    return draft


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    response = render(request, f"portal/case_apply/{template}", context, status=status)
    add_never_cache_headers(response)  # the pages repeat the applicant's details
    return response


def _material(version: Version, key: str) -> Material:
    found = next((m for m in version.materials.all() if m.key == key), None)
    if found is None:
        raise Http404(key)
    return found


def _back(request: HttpRequest, code: str) -> HttpResponse:
    """After a part is saved: back to the check page if the person came from there, else the list."""
    name = "eservices:apply:check" if request.POST.get("return_to") == "check" else "eservices:apply:tasks"
    return redirect(name, code=code)


def _tasks(version: Version, draft: CaseDraft | None) -> list[dict[str, Any]]:
    sent = drafts.files_by_key(draft)
    return [
        {
            "material": m,
            "needed": drafts.needed(m),
            "file": sent.get(m.key),
        }
        for m in version.materials.all()
    ]


@never_cache
@require_GET
def tasks(request: HttpRequest, code: str) -> HttpResponse:
    """The task list: the details, each material (required or if it applies; not started or
    uploaded), and checking and sending."""
    version = _version(code)
    draft = _draft(request, version)
    context = {
        "version": version,
        "item": version.item,
        "details_done": drafts.applicant_of(draft) is not None,
        "tasks": _tasks(version, draft),
        "ready": not drafts.problems(draft, version),
    }
    return _page(request, "tasks.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, code: str) -> HttpResponse:
    version = _version(code)
    return_to = request.POST.get("return_to") or request.GET.get("return_to") or ""
    if request.method == "POST":
        form = ApplicantForm(request.POST)
        if form.is_valid():
            drafts.save_applicant(_draft_or_start(request, version), form.applicant())
            return _back(request, code)
    else:
        form = ApplicantForm.from_applicant(drafts.applicant_of(_draft(request, version)))
    context = {"version": version, "item": version.item, "form": form, "return_to": return_to}
    return _page(request, "details.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def material(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """One material's file: its type read from its bytes, its size limited; it replaces the one sent
    before."""
    version = _version(code)
    wanted = _material(version, key)
    return_to = request.POST.get("return_to") or request.GET.get("return_to") or ""
    form = DraftFileForm()
    if request.method == "POST":
        form = DraftFileForm(request.POST, request.FILES)
        if form.is_valid():
            sent = form.cleaned_data["file"]
            try:
                drafts.attach(_draft_or_start(request, version), wanted, sent.name or "", sent)
            except WorkflowError as exc:
                form.add_error("file", exc.fields.get("file") or exc.message)
            else:
                return _back(request, code)
    context = {
        "version": version,
        "item": version.item,
        "material": wanted,
        "needed": drafts.needed(wanted),
        "current": drafts.files_by_key(_draft(request, version)).get(key),
        "form": form,
        "return_to": return_to,
    }
    return _page(request, "material.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, code: str) -> HttpResponse:
    """Every answer with a "Change" link per part; sending stores the case once."""
    version = _version(code)
    token = request.session.get(DRAFTS_SESSION_KEY, {}).get(code)
    stored = drafts.find(token, version)
    if request.method == "POST" and stored is not None:
        applicant = drafts.applicant_of(stored)
        contacts = [applicant.email, applicant.phone] if applicant is not None else []
        try:
            if stored.case_id is None:
                submissions.check(request, contacts)  # 429 past the brake (core.submissions)
            sent = drafts.submit(stored)
        except submissions.TooManySubmissions as exc:
            response = _check_page(request, version, stored, problems={"": exc.message}, status=429)
            response["Retry-After"] = str(exc.retry_after)
            return response
        except WorkflowError as exc:
            return _check_page(request, version, stored, problems=exc.fields or {"": exc.message}, status=400)
        if sent.access_key is not None:
            submissions.count(request, contacts)
            request.session[RECEIPT_SESSION_KEY] = {
                "tracking_code": sent.case.tracking_code,
                "access_key": sent.access_key,
                "private_url": request.build_absolute_uri(access.private_path(sent.case)),
            }
        request.session[LAST_CODE_SESSION_KEY] = sent.case.tracking_code
        return redirect("eservices:apply:done", code=code)
    if stored is None or stored.case_id is not None:
        return redirect("eservices:apply:tasks", code=code)
    return _check_page(request, version, stored)


def _check_page(
    request: HttpRequest,
    version: Version,
    draft: CaseDraft,
    *,
    problems: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    applicant = drafts.applicant_of(draft)
    who, contact = answer_rows(applicant) if applicant is not None else ([], [])
    context = {
        "version": version,
        "item": version.item,
        "who": who,
        "contact": contact,
        "tasks": _tasks(version, draft),
        "problems": problems if problems is not None else drafts.problems(draft, version),
        "shown_problems": problems is not None,
    }
    return _page(request, "check.html", context, status=status)


@never_cache
@require_GET
def done(request: HttpRequest, code: str) -> HttpResponse:
    """The confirmation: tracking code, access key and private link, shown once (a reload shows the
    tracking code only)."""
    version = guides.get_public_version(code)
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    last_code = request.session.get(LAST_CODE_SESSION_KEY)
    if receipt is None and last_code is None:
        return redirect(reverse("eservices:guide", args=[code]))
    context = {"version": version, "item": version.item, "receipt": receipt, "last_code": last_code}
    return _page(request, "done.html", context)
