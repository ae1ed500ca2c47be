"""Back office pages of assessment and ranking (docs/oversight.md#assessment-and-ranking), under
/staff/oversight/: the schemes, a scheme's form (saving makes a new version), a scheme's ranking for
a month, quarter or year with its chart, publishing it, and its XLSX. Thin views: the rules are in
``sunshine.oversight.rankings`` and ``scoring``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.core.pagination import window
from sunshine.oversight import ranking_tables, rankings, selectors
from sunshine.oversight.forms import SchemeForm
from sunshine.oversight.models import AssessmentScheme, Ranking
from sunshine.oversight.periods import Span, current_period, parse_span, span_is_open

PAGE_SIZE = ranking_tables.PAGE_SIZE


def _overseer(request: HttpRequest) -> None:
    if not selectors.may_oversee_any(request.user):
        raise PermissionDenied


def _span(text: str) -> Span:
    span = parse_span(text) if text else parse_span(str(current_period()))
    if span is None or not span_is_open(span):
        raise Http404(text)
    return span


def _in_force(request: HttpRequest, code: str, span: Span) -> AssessmentScheme:
    latest = selectors.get_readable_scheme(request.user, code)
    scheme = rankings.scheme_in_force(latest.code, span)
    if scheme is None:
        raise Http404(code)
    return scheme


@login_required
def schemes(request: HttpRequest) -> HttpResponse:
    """The schemes of the person's trees (latest versions) and the rankings published."""
    _overseer(request)
    found = list(selectors.readable_schemes(request.user))
    context: dict[str, Any] = {
        "schemes": [(s, selectors.may_manage_schemes(request.user, s.root)) for s in found],
        "may_create": selectors.scheme_roots(request.user).exists(),
        "published": list(
            selectors.published_rankings().filter(scheme__code__in=[s.code for s in found])[:50]
        ),
        "period": current_period(),
    }
    return render(request, "backoffice/oversight/schemes.html", context)


@login_required
def scheme_form(request: HttpRequest, code: str = "") -> HttpResponse:
    """A new scheme, or a new version of ``code`` (the form starts from its latest version)."""
    _overseer(request)
    roots = selectors.scheme_roots(request.user)
    current = selectors.get_readable_scheme(request.user, code) if code else None
    if current is not None and not selectors.may_manage_schemes(request.user, current.root):
        raise PermissionDenied
    if current is None and not roots.exists():
        raise PermissionDenied
    form = SchemeForm(request.POST or None, roots=roots, scheme=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = rankings.save_scheme(
                by=request.user,
                code=current.code if current else data["code"],
                name=data["name"],
                root=data["root"],
                scope=data["scope"],
                effective_from=data["effective_from"],
                newcomer_months=data["newcomer_months"],
                notes=data["notes"],
                items=form.items(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Version %(version)s of the scheme is saved.") % {"version": saved.version}
            )
            return redirect(f"{reverse('oversight_staff:ranking', args=[saved.code])}")
    return render(
        request,
        "backoffice/oversight/scheme_form.html",
        {"form": form, "scheme": current},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def ranking(request: HttpRequest, code: str) -> HttpResponse:
    """A scheme's ranking for ``?period=`` (a month, quarter or year; default this month)."""
    _overseer(request)
    span = _span(request.GET.get("period", ""))
    latest = selectors.get_readable_scheme(request.user, code)
    scheme = rankings.scheme_in_force(latest.code, span)
    context: dict[str, Any] = {"latest": latest, "span": span, "scheme": scheme}
    if scheme is not None:
        found = rankings.current_ranking(scheme, span)
        entries = rankings.entries_of(found)
        count = entries.count()
        shown = window(request.GET.get("page"), count, PAGE_SIZE)
        context.update(
            {
                "ranking": found,
                "lines": ranking_tables.lines(found, list(entries[shown.rows])),
                "legend": ranking_tables.legend(found),
                "count": count,
                "page": shown.page,
                "next": shown.next,
                "previous": shown.previous,
                "may_publish": found.published_at is None
                and selectors.may_manage_schemes(request.user, scheme.root),
                "month": span.months[0] if span.kind == "month" else None,
                "scheme_items": ranking_tables.scheme_items(scheme),
            }
        )
    return render(request, "backoffice/oversight/ranking.html", context)


@login_required
@require_POST
def publish(request: HttpRequest, code: str, period: str) -> HttpResponse:
    _overseer(request)
    span = _span(period)
    scheme = _in_force(request, code, span)
    if not selectors.may_manage_schemes(request.user, scheme.root):
        raise PermissionDenied
    found = Ranking.objects.filter(scheme=scheme, period=span.label).first()
    if found is None:
        raise Http404(period)
    try:
        rankings.publish_ranking(found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The ranking is published on the portal."))
    return redirect(f"{reverse('oversight_staff:ranking', args=[scheme.code])}?period={span.label}")


@login_required
def export_xlsx(request: HttpRequest, code: str, period: str) -> HttpResponse:
    _overseer(request)
    span = _span(period)
    scheme = _in_force(request, code, span)
    found = rankings.current_ranking(scheme, span)
    return ranking_tables.xlsx_download(found, f"ranking-{scheme.code}-v{scheme.version}-{span.label}.xlsx")
