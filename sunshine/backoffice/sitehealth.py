"""Back office pages of website health (网站健康), under /staff/sitehealth/: the latest check of the
whole site with its veto items first, and one agency's columns and findings. For the disclosure office
and supervisors, within the agencies they supervise (docs/sitehealth.md#pages). Thin views: the rules
are the sitehealth app's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.sitehealth import columns, selectors
from sunshine.supervision.selectors import get_supervised_agency, may_supervise_any

ROWS = 200  # findings shown per section of the whole site's page; an agency's page shows all


def _supervisor(request: HttpRequest) -> None:
    if not may_supervise_any(request.user):
        raise PermissionDenied


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _supervisor(request)
    run = selectors.latest_run()
    context: dict[str, object] = {"run": run, "availability": selectors.availability()}
    if run is not None:
        findings = selectors.findings_for(request.user, run)
        vetoes = findings.filter(severity="veto")
        warnings = findings.filter(severity="warning")
        context.update(
            kinds=selectors.counts_by_kind(findings),
            agencies=selectors.counts_by_agency(findings),
            vetoes=list(vetoes[:ROWS]),
            veto_total=vetoes.count(),
            warnings=list(warnings[:ROWS]),
            warning_total=warnings.count(),
            rows=ROWS,
        )
    return render(request, "backoffice/sitehealth/overview.html", context)


@login_required
def agency(request: HttpRequest, code: str) -> HttpResponse:
    _supervisor(request)
    found = get_supervised_agency(request.user, code)
    run = selectors.latest_run()
    today = timezone.localdate()
    context: dict[str, object] = {
        "agency": found,
        "run": run,
        "columns": columns.columns(today, Agency.objects.filter(pk=found.pk)),
        "today": today,
    }
    if run is not None:
        findings = list(selectors.findings_for(request.user, run, found))
        context.update(
            vetoes=[f for f in findings if f.is_veto],
            warnings=[f for f in findings if not f.is_veto],
        )
    return render(request, "backoffice/sitehealth/agency.html", context)
