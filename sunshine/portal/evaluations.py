"""The public pages of service evaluation (好差评, docs/evaluations.md): the applicant's rating of a
case (from the case page, with the code and key, or from the signed link sent by text message), the
counter's anonymous rating page its QR code opens, and the public statistics."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import public_agencies
from sunshine.cases.models import Case
from sunshine.core.throttle import AddressCounter
from sunshine.core.workflow import WorkflowError
from sunshine.evaluations import links, selectors, services
from sunshine.evaluations.statistics import evaluation_statistics
from sunshine.portal.case_forms import CaseFollowForm
from sunshine.portal.cases import _open
from sunshine.portal.evaluation_forms import EvaluationForm

# A brake on floods of anonymous ratings of counters: 20 an hour from one address.
COUNTER_RATINGS = AddressCounter("evaluations:counter", 20, 60 * 60)


def _case_rating_page(
    request: HttpRequest,
    case: Case,
    *,
    form: EvaluationForm | None = None,
    key: str = "",
    token: str = "",
    notice: str = "",
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "case": case,
        "form": form or EvaluationForm(),
        "given": list(case.evaluations.order_by("round")),
        "may_rate": services.may_rate(case),
        "tracking_code": case.tracking_code,
        "access_key": key,
        "token": token,
        "notice": notice,
        "problem": problem,
    }
    return render(request, "portal/evaluations/case.html", context, status=status)


def _rate(request: HttpRequest, case: Case, *, key: str = "", token: str = "") -> HttpResponse:
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        return _case_rating_page(request, case, form=form, key=key, token=token, status=400)
    try:
        evaluation = services.rate_case(case=case, **form.rating())
    except WorkflowError as exc:
        return _case_rating_page(request, case, key=key, token=token, problem=exc.message, status=exc.status)
    notice = _("Thank you for your rating.")
    if hasattr(evaluation, "rectification"):
        notice = _(
            "Thank you for your rating. The agency looks into what went wrong and tells the disclosure "
            "office what it did by %(date)s; the office then asks you whether the problem was solved."
        ) % {"date": evaluation.rectification.due_date.isoformat()}
    return _case_rating_page(request, case, key=key, token=token, notice=notice, status=201)


@never_cache
@require_POST
def rate_case(request: HttpRequest) -> HttpResponse:
    """The rating sent from the case page, with the tracking code and the access key."""
    follow = CaseFollowForm(request.POST)
    case = _open(request, follow)
    if case is None:
        return render(request, "portal/cases/follow.html", {"form": follow}, status=400)
    return _rate(request, case, key=follow.cleaned_data["access_key"])


@never_cache
@require_http_methods(["GET", "POST"])
def rating_link(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link sent by text message: the rating form without the key, while it is valid."""
    try:
        case = links.case_for(token)
    except links.LinkExpired:
        return render(request, "portal/evaluations/link_expired.html", status=410)
    except Case.DoesNotExist as exc:
        raise Http404(token) from exc
    if request.method == "POST":
        return _rate(request, case, token=token)
    return _case_rating_page(request, case, token=token)


@never_cache
@require_http_methods(["GET", "POST"])
def rate_counter(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """The page a counter's QR code opens: an anonymous rating of the service at that window."""
    counter = selectors.get_public_counter(code, key)
    context: dict[str, Any] = {"counter": counter, "form": EvaluationForm(), "done": False, "problem": ""}
    if request.method == "POST":
        form = EvaluationForm(request.POST)
        context["form"] = form
        if COUNTER_RATINGS.reached(request):
            context["problem"] = _("Too many ratings were sent from your connection. Please try again later.")
            return render(request, "portal/evaluations/counter.html", context, status=429)
        if not form.is_valid():
            return render(request, "portal/evaluations/counter.html", context, status=400)
        services.rate_window(version=counter.version, window=counter.window, **form.rating())
        COUNTER_RATINGS.count(request)
        context["done"] = True
        return render(request, "portal/evaluations/counter.html", context, status=201)
    return render(request, "portal/evaluations/counter.html", context)


def _date(value: str | None) -> datetime.date | None:
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def statistics(request: HttpRequest) -> HttpResponse:
    """Counts per agency and level, the satisfaction rate, the bad ratings and the rectified ones;
    ``?agency=CODE&from=YYYY-MM-DD&to=YYYY-MM-DD``. Never a comment."""
    agencies = list(public_agencies().order_by("code"))
    code = request.GET.get("agency", "")
    agency: Agency | None = next((a for a in agencies if a.code == code), None)
    date_from, date_to = _date(request.GET.get("from")), _date(request.GET.get("to"))
    found = evaluation_statistics(agency=agency, date_from=date_from, date_to=date_to)
    context = {
        "found": found,
        "agencies": agencies,
        "agency": agency,
        "date_from": date_from,
        "date_to": date_to,
    }
    return render(request, "portal/evaluations/statistics.html", context)
