"""The bulletin on the portal (namespace ``bulletins``): the archive by year (``/bulletins/``), an
issue's page with its table of contents linking to each record's page
(``/bulletins/<year>/<number>/``) and its PDF as published (``…/issue.pdf``). Drafts are 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sunshine.bulletins import selectors
from sunshine.bulletins.downloads import pdf_response


@require_GET
def archive(request: HttpRequest) -> HttpResponse:
    years: dict[int, list[object]] = {}
    for issue in selectors.public_issues():
        years.setdefault(issue.year, []).append(issue)
    return render(request, "bulletins/portal/archive.html", {"years": sorted(years.items(), reverse=True)})


@require_GET
def issue_page(request: HttpRequest, year: int, number: int) -> HttpResponse:
    issue = selectors.get_public_issue(year, number)
    entries = selectors.entries_of(issue)
    context = {
        "issue": issue,
        "sections": selectors.sections_of(entries),
        "linked": selectors.still_published(entries),
    }
    return render(request, "bulletins/portal/issue.html", context)


@require_GET
def issue_pdf(request: HttpRequest, year: int, number: int) -> HttpResponse:
    issue = selectors.public_pdf(year, number)
    if f'"{issue.sha256}"' in request.headers.get("If-None-Match", ""):
        not_modified = HttpResponse(status=304)
        not_modified["ETag"] = f'"{issue.sha256}"'
        return not_modified
    return pdf_response(issue, private=False)
