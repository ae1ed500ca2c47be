"""An agency's annual report for a year: the narrative the disclosure office writes, the figures
entered by hand until other modules supply them, and — once published — the tables as they stood
and the record that publishes the report in the agency's 年度报告 category."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    SIGNED = "signed", _("Signed off")
    PUBLISHED = "published", _("Published")


class AnnualReportDraft(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    scope = models.CharField(_("scope"), max_length=10, default="self")
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )

    # 一、总体情况; 五、存在的主要问题及改进情况; 六、其他需要报告的事项.
    overview = models.TextField(_("I. Overall situation"), blank=True)
    problems = models.TextField(_("V. Main problems and improvements"), blank=True)
    other_matters = models.TextField(_("VI. Other matters to report"), blank=True)

    # 表二: rules and normative documents come from the records (``proactive``); these figures are
    # entered by staff until the services module supplies them.
    licensing_decisions = models.PositiveIntegerField(_("administrative licensing decisions"), default=0)
    penalty_decisions = models.PositiveIntegerField(_("administrative penalty decisions"), default=0)
    enforcement_decisions = models.PositiveIntegerField(_("administrative compulsion decisions"), default=0)
    fees_collected = models.DecimalField(
        _("administrative fees collected (10,000 yuan)"), max_digits=12, decimal_places=4, default=0
    )

    review_comments = models.TextField(_("review comments"), blank=True)
    # The tables as published: later corrections to requests do not change a published report.
    published_tables = models.JSONField(default=dict, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    record = models.ForeignKey(
        "records.Record",
        verbose_name=_("published record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "agency__path"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annualreport_one_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"
