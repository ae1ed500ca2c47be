"""The applicant's pages: apply for information, see the receipt once, follow and withdraw the
request with its tracking code and access key; and the public statistics of an agency's requests.

The access key never appears in a URL: it is posted in forms, and after an application it waits in
the session for the one page that shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sunshine.agencies.selectors import get_public_agency
from sunshine.core import idempotency, submissions
from sunshine.inforequests import access, selectors, throttle
from sunshine.inforequests.applicant_file import (
    applicant_file,
    applicant_files,
    applicant_kinds,
    file_response,
)
from sunshine.inforequests.codes import OPEN_STATUSES, Outcome, Status
from sunshine.inforequests.correction import answer_correction
from sunshine.inforequests.documents.fonts import FontNotFound
from sunshine.inforequests.documents.kinds import RECEIPT
from sunshine.inforequests.documents.responses import document_response
from sunshine.inforequests.documents.services import DocumentUnavailable, generate_for_applicant
from sunshine.inforequests.fee_answer import DECLINED, PAID, answer_fee
from sunshine.inforequests.models import InfoRequest, RequestFile
from sunshine.inforequests.notifications import notify_submitted
from sunshine.inforequests.rating import rate_reply
from sunshine.inforequests.services import RequestError, perform_action, submit_request
from sunshine.inforequests.statistics import first_year_of, request_statistics
from sunshine.portal.request_forms import AccessForm, ApplicationForm, StatisticsForm, new_form_token
from sunshine.portal.request_history import history
from sunshine.portal.views import top_governments

RECEIPT_SESSION_KEY = "portal.inforequests.receipt"  # code and key, until the receipt page shows them
LAST_CODE_SESSION_KEY = "portal.inforequests.last_code"
IDEMPOTENCY_SCOPE = "portal.inforequests.apply"
STATISTICS_YEARS_SHOWN = 5


def _top() -> Any:
    governments = top_governments()
    return governments[0] if governments else None


# --- Applying -------------------------------------------------------------------------------


def _contacts(form: ApplicationForm) -> list[str]:
    applicant = form.applicant()
    return [applicant.email, applicant.phone]


def _submit(request: HttpRequest, form: ApplicationForm) -> tuple[InfoRequest, bool]:
    """Store the application once per rendering of the form (its token); RequestError if refused,
    ``TooManySubmissions`` past the brake (``core.submissions``)."""
    agency = form.agencies[form.cleaned_data["agency"]]

    def create() -> InfoRequest:
        submissions.check(request, _contacts(form))
        return submit_request(agency=agency, applicant=form.applicant(), wanted=form.wanted(), by=None)[0]

    created, is_new = idempotency.once(
        scope=IDEMPOTENCY_SCOPE,
        key=form.cleaned_data["form_token"] or None,
        payload=form.payload(),
        create=create,
        object_id=lambda created: str(created.pk),
        load=lambda pk: InfoRequest.objects.select_related("agency").get(pk=int(pk)),
    )
    if is_new:
        submissions.count(request, _contacts(form))
    return created, is_new


def _ask_again(request: HttpRequest) -> ApplicationForm:
    """The form as sent, with a new token and the question whether a further application is meant."""
    data = request.POST.copy()
    data["form_token"] = new_form_token()
    form = ApplicationForm(data)
    form.is_valid()
    form.add_error(
        None,
        _(
            "This form was already sent with other details. Check the details and send it "
            "again to make a further application."
        ),
    )
    return form


def _check_answers(request: HttpRequest, form: ApplicationForm) -> HttpResponse:
    """The check-your-answers page: every answer, a "Change" button per group; nothing stored yet."""
    context = {"form": form, "answers": form.answers(), "agency": form.chosen_agency(), "top": _top()}
    response = render(request, "portal/requests/check.html", context)
    add_never_cache_headers(response)  # the page repeats the applicant's identity and contacts
    return response


def _step(request: HttpRequest) -> str:
    """What a POST of the form asks: "change" (back to the form), "confirm" (store), or "check"."""
    if "change" in request.POST:
        return "change"
    return "confirm" if request.POST.get("confirm") == "yes" else "check"


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """The application in two steps: the form, then its answers to check and send (GOV.UK pattern).
    Only the second POST (``confirm=yes``) stores the request; "Change" returns the form, values kept."""
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        step = _step(request)
        if step != "change" and form.is_valid():
            if step == "check":
                return _check_answers(request, form)
            try:
                created, is_new = _submit(request, form)
            except submissions.TooManySubmissions as exc:
                # The form again, as typed, with the reason: nothing was stored.
                form.add_error(None, exc.message)
                context = {"form": form, "agency": form.chosen_agency(), "top": _top()}
                response = render(request, "portal/requests/apply.html", context, status=429)
                response["Retry-After"] = str(exc.retry_after)
                add_never_cache_headers(response)
                return response
            except RequestError as exc:
                if exc.code == "idempotency_key_reused":
                    # The same form was sent before with other details: ask before a second request.
                    form = _ask_again(request)
                elif exc.fields:
                    form.add_service_errors(exc.fields)
                else:
                    form.add_error(None, exc.message)
            else:
                key = access.access_key_for(created)
                mailed = False
                if is_new:
                    private_url = request.build_absolute_uri(access.private_path(created))
                    mailed = notify_submitted(request=created, access_key=key, status_url=private_url)
                request.session[RECEIPT_SESSION_KEY] = {
                    "tracking_code": created.tracking_code,
                    "access_key": key,
                    "mail_held_back": bool(is_new and created.applicant_email and not mailed),
                }
                request.session[LAST_CODE_SESSION_KEY] = created.tracking_code
                return redirect("portal:request_submitted")
    else:
        form = ApplicationForm(
            initial={"agency": request.GET.get("agency", ""), "form_token": new_form_token()}
        )
    context = {"form": form, "agency": form.chosen_agency(), "top": _top()}
    return render(request, "portal/requests/apply.html", context)


def _receipt_ready(found: InfoRequest | None, last_code: str | None) -> bool:
    """Whether the receipt notice of the session's application can be made (it has been received)."""
    if found is None and last_code:
        found = selectors.get_request_of_session(last_code)
    return found is not None and found.received_on is not None


@never_cache
def submitted(request: HttpRequest) -> HttpResponse:
    """The receipt: the tracking code and the access key, shown once (a reload shows the code only)."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    last_code = request.session.get(LAST_CODE_SESSION_KEY)
    if receipt is None and last_code is None:
        return redirect("portal:request_apply")
    found = None
    if receipt is not None:
        found = selectors.get_request_for_applicant(receipt["tracking_code"], receipt["access_key"])
    context = {
        "receipt": receipt,
        "found": found,
        "last_code": last_code,
        "receipt_ready": _receipt_ready(found, last_code),
        "top": _top(),
    }
    return render(request, "portal/requests/submitted.html", context)


@never_cache
@require_GET
def submitted_receipt_pdf(request: HttpRequest) -> HttpResponse:
    """The receipt notice (回执) of the request this session has just sent, as a PDF for the applicant.

    Opened only by the session that applied (its last tracking code), so the URL carries no key."""
    last_code = request.session.get(LAST_CODE_SESSION_KEY)
    found = selectors.get_request_of_session(last_code) if last_code else None
    if found is None:
        raise Http404("no application in this session")
    try:
        document = generate_for_applicant(request=found, kind=RECEIPT.slug, fmt="pdf")
    except DocumentUnavailable as exc:
        raise Http404(exc.message) from exc
    except FontNotFound as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(document.content, content_type=document.content_type)
    disposition = content_disposition_header(as_attachment=True, filename=document.filename(found))
    if disposition is not None:
        response["Content-Disposition"] = disposition
    patch_cache_control(response, private=True)
    return response


# --- Following ------------------------------------------------------------------------------


def _refused(request: HttpRequest, code: str | None) -> HttpResponse | None:
    """The page of a shut door (``core.key_tries``) for this address or code, or None when open."""
    refused = throttle.refusal(request, code)
    if refused is None:
        return None
    context = {"message": throttle.refused_message(), "top": _top()}
    response = render(request, "portal/requests/refused.html", context, status=429)
    response["Retry-After"] = str(refused.retry_after)
    return response


def _open(request: HttpRequest, form: AccessForm) -> InfoRequest | None:
    """The request the posted code and key open, or None (counted as a failed try)."""
    try:
        return selectors.get_request_for_applicant(
            form.cleaned_data["tracking_code"], form.cleaned_data["access_key"]
        )
    except Http404:
        throttle.record_failure(request, form.cleaned_data["tracking_code"])
        return None


def _not_found(request: HttpRequest, form: AccessForm) -> HttpResponse:
    form.add_error(
        None,
        _(
            "No request matches this tracking code and access key. Check both and try again; "
            "they are on the receipt page and in the e-mail you received after applying."
        ),
    )
    return render(request, "portal/requests/status_form.html", {"form": form, "top": _top()}, status=404)


@dataclass(frozen=True)
class Download:
    title: str
    url: str
    size: int | None = None
    source: str = ""  # whose file: sent with the reply, or sent by the applicant


def _applicant_file(found: InfoRequest) -> dict[str, list[Download]]:
    """The notices and files of the request page, linked through the private link's token (the key
    never appears in a URL)."""
    args = [found.tracking_code, access.link_token_for(found)]
    notices = [
        Download(str(kind.label), reverse("portal:request_notice", args=[*args, kind.slug]))
        for kind in applicant_kinds(found)
    ]
    files = [
        Download(
            f.name,
            reverse("portal:request_file", args=[*args, f.pk]),
            f.size,
            _("Sent with the reply") if f.purpose == RequestFile.Purpose.REPLY else _("Sent by you"),
        )
        for f in applicant_files(found)
    ]
    return {"notices": notices, "files": files}


def _detail(
    request: HttpRequest,
    found: InfoRequest,
    form: AccessForm,
    notice: str = "",
    problem: str = "",
    *,
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {
        **(extra or {}),
        "found": found,
        "agency": found.agency,
        "steps": history(found),
        **_applicant_file(found),
        "can_withdraw": found.status in OPEN_STATUSES,
        "tracking_code": found.tracking_code,
        "access_key": form.cleaned_data["access_key"],
        "private_url": request.build_absolute_uri(access.private_path(found)),
        "notice": notice,
        "problem": problem,
        "top": _top(),
    }
    return render(request, "portal/requests/status.html", context, status=status)


def _posted(request: HttpRequest) -> tuple[InfoRequest, AccessForm] | HttpResponse:
    """The request the posted 申请编号 and 查询密钥 open, with the form; else the page to answer
    (blocked address, missing field, no such request: counted as a failed try)."""
    refused = _refused(request, request.POST.get("tracking_code"))
    if refused is not None:
        return refused
    form = AccessForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/requests/status_form.html", {"form": form, "top": _top()})
    found = _open(request, form)
    if found is None:
        return _not_found(request, form)
    return found, form


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "portal/requests/status_form.html", {"form": AccessForm(), "top": _top()})
    opened = _posted(request)
    if isinstance(opened, HttpResponse):
        return opened
    found, form = opened
    return _detail(request, found, form)


@never_cache
@require_GET
def private(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """The request's page opened by its private link (in every e-mail to the applicant): no typing.
    A wrong link counts as a failed try, like a wrong key."""
    refused = _refused(request, code)
    if refused is not None:
        return refused
    found = _by_link(request, code, token)
    submissions.confirm_from(request)  # the link of a receipt e-mail confirms its address
    form = AccessForm({"tracking_code": found.tracking_code, "access_key": access.access_key_for(found)})
    form.is_valid()
    return _detail(request, found, form)


def _by_link(request: HttpRequest, code: str, token: str) -> InfoRequest:
    """The request a private link opens; a wrong link is a 404 and counts as a failed try."""
    try:
        return selectors.get_request_by_link(code, token)
    except Http404:
        throttle.record_failure(request, code)
        raise


@require_GET
def private_notice(request: HttpRequest, code: str, token: str, kind: str) -> HttpResponse:
    """A notice addressed to the applicant, as PDF, by the private link; 404 for any other kind."""
    refused = _refused(request, code)
    if refused is not None:
        return refused
    found = _by_link(request, code, token)
    try:
        document = generate_for_applicant(request=found, kind=kind, fmt="pdf")
    except DocumentUnavailable as exc:
        raise Http404(kind) from exc
    except FontNotFound as exc:
        context = {"base_template": "base.html", "message": str(exc), "back_url": access.private_path(found)}
        return render(request, "inforequests/documents/problem.html", context, status=503)
    return document_response(found, document)


@require_GET
def private_file(request: HttpRequest, code: str, token: str, file_id: int) -> HttpResponseBase:
    """A file the applicant may have (their correction files, the reply's files), by the private link."""
    refused = _refused(request, code)
    if refused is not None:
        return refused
    found = _by_link(request, code, token)
    return file_response(applicant_file(found, file_id))


@never_cache
@require_POST
def correction(request: HttpRequest) -> HttpResponse:
    """The applicant sends the correction the agency asked for (text and files)."""
    opened = _posted(request)
    if isinstance(opened, HttpResponse):
        return opened
    found, form = opened
    text = request.POST.get("text", "")
    try:
        found = answer_correction(request=found, text=text, files=request.FILES.getlist("files"))
    except RequestError as exc:
        extra = {"correction_errors": exc.fields, "correction_text": text}
        return _detail(request, found, form, problem=exc.message, status=exc.status, extra=extra)
    return _detail(
        request,
        found,
        form,
        notice=_("Your correction has been sent. The agency's 20 working days start again from today."),
    )


@never_cache
@require_POST
def rating(request: HttpRequest) -> HttpResponse:
    """The applicant rates the reply (1 to 5) with an optional comment."""
    opened = _posted(request)
    if isinstance(opened, HttpResponse):
        return opened
    found, form = opened
    score = request.POST.get("score", "")
    comment = request.POST.get("comment", "")
    try:
        found = rate_reply(request=found, score=int(score) if score.isdigit() else None, comment=comment)
    except RequestError as exc:
        extra = {"rating_errors": exc.fields, "rating_comment": comment}
        return _detail(request, found, form, problem=exc.message, status=exc.status, extra=extra)
    return _detail(request, found, form, notice=_("Thank you: the agency's office reads every rating."))


FEE_NOTICES = {
    PAID: lambda: _(
        "Thank you: the agency has been told that you paid. It checks the payment and records it; the "
        "reply period then runs again from the day you paid."
    ),
    DECLINED: lambda: _("You declined the fee. The agency no longer processes the application."),
}


@never_cache
@require_POST
def fee(request: HttpRequest) -> HttpResponse:
    """The applicant answers the fee notice: "paid" (the payment's reference, the day, a receipt) or
    "declined" (a first POST asks to confirm, the second, ``confirm=yes``, closes the request)."""
    opened = _posted(request)
    if isinstance(opened, HttpResponse):
        return opened
    found, form = opened
    decision = request.POST.get("decision", "")
    if decision == DECLINED and found.status == Status.AWAITING_FEE and request.POST.get("confirm") != "yes":
        context = {
            "found": found,
            "tracking_code": found.tracking_code,
            "access_key": form.cleaned_data["access_key"],
            "top": _top(),
        }
        return render(request, "portal/requests/decline_fee_confirm.html", context)
    reference, paid_on = request.POST.get("reference", ""), request.POST.get("paid_on", "")
    try:
        found = answer_fee(
            request=found,
            decision=decision,
            reference=reference,
            paid_on=paid_on,
            files=request.FILES.getlist("files"),
        )
    except RequestError as exc:
        extra = {"fee_errors": exc.fields, "fee_reference": reference, "fee_paid_on": paid_on}
        return _detail(request, found, form, problem=exc.message, status=exc.status, extra=extra)
    return _detail(request, found, form, notice=FEE_NOTICES[decision]())


@never_cache
@require_POST
def withdraw(request: HttpRequest) -> HttpResponse:
    """Withdraw a request: a first POST asks for confirmation, the second (``confirm=yes``) does it."""
    opened = _posted(request)
    if isinstance(opened, HttpResponse):
        return opened
    found, form = opened
    if request.POST.get("confirm") != "yes":
        context = {
            "found": found,
            "tracking_code": found.tracking_code,
            "access_key": form.cleaned_data["access_key"],
            "top": _top(),
        }
        return render(request, "portal/requests/withdraw_confirm.html", context)
    try:
        found = perform_action(request=found, action="withdraw", by=None)
    except RequestError as exc:
        return _detail(request, found, form, problem=exc.message)
    return _detail(request, found, form, notice=_("Your application has been withdrawn."))


# --- Statistics -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeGroup:
    label: str
    rows: list[tuple[str, str, int]]  # code, label, count

    @property
    def total(self) -> int:
        return sum(n for _code, _label, n in self.rows)


# The groups of the annual report's table 3 (三、本年度办理结果), by the prefix of the outcome code;
# "disclosed" and "partially_disclosed" are rows of their own.
GROUP_PREFIXES = ("withheld_", "unavailable_", "not_processed_", "other")


def _group_of(code: str) -> str:
    return next((prefix for prefix in GROUP_PREFIXES if code.startswith(prefix)), code)


def outcome_groups(outcomes: dict[str, int]) -> list[OutcomeGroup]:
    labels = {
        "withheld_": _("Withheld"),
        "unavailable_": _("Cannot be provided"),
        "not_processed_": _("Not processed"),
        "other": _("Other handling"),
    }
    groups: list[OutcomeGroup] = []
    for key, codes in groupby(Outcome.values, key=_group_of):
        rows = [(code, str(Outcome(code).label), outcomes.get(code, 0)) for code in codes]
        groups.append(OutcomeGroup(labels.get(key, ""), rows))
    return groups


def agency_statistics(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_public_agency(code)
    this_year = timezone.localdate().year
    first = first_year_of(agency, include_subtree=True) or this_year
    years = list(range(this_year, min(first, this_year - STATISTICS_YEARS_SHOWN + 1) - 1, -1))
    bound = "year" in request.GET or "subtree" in request.GET
    form = StatisticsForm(request.GET if bound else None, years=years, initial={"year": this_year})
    figures = None
    if not bound or form.is_valid():
        year = form.cleaned_data["year"] if bound else this_year
        subtree = bool(form.cleaned_data["subtree"]) if bound else False
        figures = request_statistics(agency=agency, year=year, include_subtree=subtree)
    context = {
        "agency": agency,
        "form": form,
        "figures": figures,
        "groups": outcome_groups(figures.outcomes) if figures else [],
        "has_children": agency.children.filter(is_active=True).exists(),
        "top": _top(),
    }
    return render(request, "portal/requests/statistics.html", context)
