"""The disclosure column (政府信息公开专栏) of an agency's public page: its guide, the rules the platform
follows, the catalogue, the annual reports of every year and disclosure on request, in that order.

The column reads only public data: the agency's guide, its published records and its published
annual reports. The figures of the law (periods, fees, remedies) come from ``inforequests.law``, the
same constants the request clock and the fee computation use.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.annualreports.models import AnnualReportDraft, ReportStatus
from sunshine.inforequests import law
from sunshine.portal import counts as record_counts
from sunshine.portal.annual_reports import FIRST_YEAR
from sunshine.portal.records import category_url, kept_catalogue_categories
from sunshine.records.models import Category
from sunshine.records.selectors import published_records

# The column's sections, in the order of the page: each heading's id is the section's anchor.
SECTIONS: tuple[tuple[str, Promise], ...] = (
    ("h-guide", _("Disclosure guide")),
    ("h-rules", _("Disclosure rules")),
    ("h-catalogue", _("Information published by law")),
    ("h-annual-reports", _("Annual disclosure reports")),
    ("h-on-request", _("Disclosure on request")),
)
RULES_WORD = "制度"  # a category of the agency's catalogue whose name holds it lists the agency's rules


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str


@dataclass(frozen=True)
class ReportYear:
    """One year of the agency's annual reports: the published record if there is one, and the page
    computed from the platform's data with its downloads."""

    year: int
    page_url: str
    pdf_url: str
    docx_url: str
    xlsx_url: str
    published_on: datetime.date | None = None
    record_url: str = ""
    record_title: str = ""

    @property
    def published(self) -> bool:
        return self.published_on is not None


@dataclass(frozen=True)
class RulesCategory:
    name: str
    url: str
    count: int


@dataclass(frozen=True)
class LawFigures:
    """The periods and amounts of the law that every agency's guide rests on."""

    reply_days: int = law.REPLY_WORKING_DAYS
    extension_days: int = law.MAX_EXTENSION_WORKING_DAYS
    correction_notice_days: int = law.CORRECTION_NOTICE_WORKING_DAYS
    consultation_days: int = law.CONSULTATION_WORKING_DAYS
    free_applications: int = law.FREE_APPLICATIONS_PER_MONTH
    first_band_end: int = law.FIRST_CHARGED_BAND_END
    first_rate: int = law.FIRST_CHARGED_RATE
    reconsideration_days: int = law.RECONSIDERATION_DAYS
    lawsuit_months: int = law.LAWSUIT_MONTHS


def sections() -> list[Section]:
    return [Section(anchor, str(title)) for anchor, title in SECTIONS]


def report_years(agency: Agency, today: datetime.date) -> list[ReportYear]:
    """Every year from the agency's first published report (or last year, if it has none) to last
    year, newest first; a published report links its record while the record is published."""
    last_year = today.year - 1
    drafts = {
        draft.year: draft
        for draft in AnnualReportDraft.objects.filter(
            agency=agency, status=ReportStatus.PUBLISHED, year__lte=last_year, year__gte=FIRST_YEAR
        ).only("year", "published_on", "record_id")
    }
    record_ids = [draft.record_id for draft in drafts.values() if draft.record_id]
    records = {
        record_id: (index_number, title)
        for record_id, index_number, title in published_records()
        .filter(record_id__in=record_ids)
        .values_list("record_id", "record__index_number", "title")
    }
    first = min([*drafts, last_year])
    rows = []
    for year in range(last_year, first - 1, -1):
        args = [agency.code, year]
        draft = drafts.get(year)
        index_number, title = (
            records.get(draft.record_id, ("", "")) if draft and draft.record_id else ("", "")
        )
        rows.append(
            ReportYear(
                year=year,
                page_url=reverse("annualreports:report", args=args),
                pdf_url=reverse("annualreports:report_pdf", args=args),
                docx_url=reverse("annualreports:report_docx", args=args),
                xlsx_url=reverse("annualreports:report_xlsx", args=args),
                published_on=draft.published_on if draft else None,
                record_url=reverse("portal:record_detail", args=[index_number]) if index_number else "",
                record_title=title,
            )
        )
    return rows


def rules_categories(agency: Agency) -> list[RulesCategory]:
    """The categories of the agency's catalogue that list its rules (制度), with their records."""
    categories: list[Category] = kept_catalogue_categories(agency)
    counts = record_counts.by_category(agency)
    return [
        RulesCategory(category.display_name, category_url(agency, category.key), counts.get(category.pk, 0))
        for category in categories
        if RULES_WORD in category.name and (category.is_active or counts.get(category.pk, 0))
    ]


def scope_categories(agency: Agency) -> list[str]:
    """The names of the top categories of the agency's catalogue in use: the scope of what it publishes."""
    return [
        category.display_name
        for category in kept_catalogue_categories(agency)
        if category.parent_id is None and category.is_active
    ]


def disclosure_column(agency: Agency, today: datetime.date) -> dict[str, Any]:
    """What the column of the agency's page shows besides the agency and its catalogue."""
    return {
        "column_sections": sections(),
        "report_years": report_years(agency, today),
        "rules_categories": rules_categories(agency),
        "scope_categories": scope_categories(agency),
        "law": LawFigures(),
        "calendar_year": today.year,
    }
