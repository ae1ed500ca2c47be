"""The public pages of published rankings (namespace ``rankings``, docs/oversight.md#ranking-pages):
the list, one ranking with its chart and table, and its XLSX. Only rankings the disclosure office
published; a ranking is frozen once published."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sunshine.core.pagination import window
from sunshine.oversight import ranking_tables, rankings, selectors
from sunshine.oversight.ranking_tables import PAGE_SIZE


def ranking_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/rankings/list.html", {"rankings": list(selectors.published_rankings()[:100])}
    )


def ranking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(selectors.published_rankings(), pk=pk)
    entries = rankings.entries_of(found)
    count = entries.count()
    shown = window(request.GET.get("page"), count, PAGE_SIZE)
    context = {
        "ranking": found,
        "scheme": found.scheme,
        "scheme_items": ranking_tables.scheme_items(found.scheme),
        "lines": ranking_tables.lines(found, list(entries[shown.rows])),
        "legend": ranking_tables.legend(found),
        "count": count,
        "page": shown.page,
        "next": shown.next,
        "previous": shown.previous,
        "month": None,
    }
    return render(request, "portal/rankings/detail.html", context)


def ranking_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(selectors.published_rankings(), pk=pk)
    return ranking_tables.xlsx_download(found, f"ranking-{found.scheme.code}-{found.period}.xlsx")
