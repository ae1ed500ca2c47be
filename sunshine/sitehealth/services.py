"""The two commands' work (docs/sitehealth.md): ``run_check`` crawls the portal, applies the checks
computed from the database and stores the run with its findings; ``probe`` asks ``/healthz`` once and
stores the answer. Both are monitoring written by the system, not decisions of a person: no audit
rows."""

from __future__ import annotations

import datetime
import json
import time
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Count, Min
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sunshine.agencies.models import Agency
from sunshine.letters.models import Letter
from sunshine.letters.red_mark import only_red
from sunshine.records.models import Record
from sunshine.sitehealth import columns as column_rules
from sunshine.sitehealth import config
from sunshine.sitehealth.codes import ColumnClass, Kind, Severity
from sunshine.sitehealth.crawler import CrawlResult, Fetch, Limits, crawl, http_fetch
from sunshine.sitehealth.models import CheckRun, Finding, Probe


def _agency_of(url: str, root: str, cache: dict[str, Agency | None]) -> Agency | None:
    """The agency a portal address belongs to: ``/agencies/<code>/…`` or ``/records/<index>/…``."""
    path = urlsplit(url).path
    path = path[len(root) :] if root and path.startswith(root) else path
    if path in cache:
        return cache[path]
    found: Agency | None = None
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is not None:
        if path.startswith("/agencies/") and "code" in match.kwargs:
            found = Agency.objects.filter(code=match.kwargs["code"]).first()
        elif path.startswith("/records/") and "index_number" in match.kwargs:
            record = Record.objects.filter(index_number=match.kwargs["index_number"]).select_related("agency")
            first = record.first()
            found = first.agency if first else None
    cache[path] = found
    return found


def crawl_findings(result: CrawlResult) -> list[Finding]:
    if not result.reachable:
        return [
            Finding(
                kind=Kind.UNREACHABLE,
                severity=Severity.VETO,
                url=result.start,
                status=result.start_status,
                detail=result.start_error or _("The home page did not answer with a page."),
            )
        ]
    root = urlsplit(result.start).path.rstrip("/")
    cache: dict[str, Agency | None] = {}
    findings = []
    for link in result.broken:
        agency = _agency_of(link.url, root, cache) or (
            _agency_of(link.found_on, root, cache) if link.found_on else None
        )
        detail = ngettext("Linked from %(n)d page.", "Linked from %(n)d pages.", link.pages) % {
            "n": link.pages
        }
        if link.error:
            detail = f"{detail} {link.error}"
        findings.append(
            Finding(
                kind=Kind.BROKEN_ATTACHMENT if link.attachment else Kind.BROKEN_LINK,
                severity=Severity.VETO,
                agency=agency,
                url=link.url[:500],
                status=link.status,
                found_on=link.found_on[:500],
                detail=detail,
            )
        )
    return findings


def database_findings(today: datetime.date) -> list[Finding]:
    findings = []
    last = column_rules.home_last_published()
    if column_rules.home_is_stale(last, today):
        findings.append(
            Finding(
                kind=Kind.HOME_STALE,
                severity=Severity.VETO,
                url="/",
                detail=(
                    _("Latest record published on %(day)s.")
                    % {"day": timezone.localtime(last).date().isoformat()}
                    if last
                    else _("Nothing is published.")
                ),
            )
        )
    for column in column_rules.columns(today):
        if column.kind is None or column.severity is None:
            continue
        category = column.category
        findings.append(
            Finding(
                kind=column.kind,
                severity=column.severity,
                agency=category.agency,
                url=f"/agencies/{category.agency.code}/categories/{category.key}/",
                subject=category.name[:300],
                detail=_column_detail(column),
            )
        )
    red = (
        only_red(Letter.objects.filter(agency__is_active=True), today)
        .order_by()
        .values("agency")
        .annotate(n=Count("id"), oldest=Min("received_on"))
    )
    agencies = Agency.objects.in_bulk([row["agency"] for row in red])
    for row in red:
        findings.append(
            Finding(
                kind=Kind.LETTERS_UNANSWERED,
                severity=Severity.VETO,
                agency=agencies.get(row["agency"]),
                url="/staff/letters/?red=1",
                detail=ngettext(
                    "%(n)d letter open for more than three months (the oldest received on %(day)s).",
                    "%(n)d letters open for more than three months (the oldest received on %(day)s).",
                    row["n"],
                )
                % {"n": row["n"], "day": row["oldest"].isoformat()},
            )
        )
    return findings


def _column_detail(column: column_rules.Column) -> str:
    if column.last_published is None:
        return _("Nothing published.")
    day = timezone.localtime(column.last_published).date().isoformat()
    if column.column_class == ColumnClass.DYNAMIC and column.kind == Kind.DYNAMIC_STALE:
        return _("Last published on %(day)s; a news column is updated at least every two weeks.") % {
            "day": day
        }
    if column.kind == Kind.NOTICE_POLICY_STALE:
        return _(
            "Last published on %(day)s; a notice or policy column is updated at least every six months."
        ) % {"day": day}
    return _("Last published on %(day)s; expected every %(n)d days.") % {
        "day": day,
        "n": column.category.interval_days or 0,
    }


def run_check(
    *,
    base_url: str | None = None,
    limits: Limits | None = None,
    today: datetime.date | None = None,
    fetch: Fetch = http_fetch,
) -> CheckRun:
    """Crawl the portal, apply the database checks, store the run and its findings (veto first)."""
    started = timezone.now()
    today = today or timezone.localdate()
    address = (base_url or config.base_url()).rstrip("/")
    if not address:
        raise ValueError("no address to crawl: set SUNSHINE_SITEHEALTH_BASE_URL or SUNSHINE_SITE_URL")
    result = crawl(address, limits or config.limits(), fetch)
    findings = crawl_findings(result) + database_findings(today)
    findings.sort(key=lambda f: f.severity != Severity.VETO)  # stable: veto items first
    with transaction.atomic():
        run = CheckRun.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            checked_on=today,
            base_url=address[:300],
            pages_crawled=result.pages,
            links_checked=result.links_checked,
            reached_limit=result.reached_limit,
            veto_count=sum(1 for f in findings if f.severity == Severity.VETO),
            warning_count=sum(1 for f in findings if f.severity == Severity.WARNING),
        )
        for finding in findings:
            finding.run = run
        Finding.objects.bulk_create(findings, batch_size=1000)
    return run


def probe(*, base_url: str | None = None, timeout: float | None = None, fetch: Fetch = http_fetch) -> Probe:
    """GET ``/healthz`` once: available when it answers 200 with ``"status": "ok"``."""
    address = (base_url or config.base_url()).rstrip("/")
    limits = config.limits()
    started = time.perf_counter()
    answer = fetch("GET", f"{address}/healthz", timeout or limits.timeout, limits.user_agent)
    latency = round((time.perf_counter() - started) * 1000)
    ok = False
    error = answer.error
    if answer.status == 200:
        try:
            ok = json.loads(answer.body.decode("utf-8")).get("status") == "ok"
        except (ValueError, AttributeError):
            error = "not a health answer"
    elif answer.status is not None:
        error = error or f"HTTP {answer.status}"
    return Probe.objects.create(
        at=timezone.now(),
        ok=ok,
        status=answer.status,
        latency_ms=latency if answer.status is not None else None,
        error=error[:300],
    )
