"""Stored figures of oversight (监督考核, docs/oversight.md): one snapshot per agency, month, indicator
and rule version."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorSnapshot(models.Model):
    """One indicator of one agency for one month, as a rule version computed it.

    Unique per agency, period, code and rule version: recomputing with the same rule replaces the
    figure (same numbers for a closed month, as the rules read only what happened by its end); a new
    rule version adds a row beside the old one, which stays as it was."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="indicator_snapshots",
    )
    period = models.DateField(_("month"))  # the first day of the month
    code = models.CharField(_("indicator"), max_length=40)
    numerator = models.PositiveIntegerField(_("numerator"))
    denominator = models.PositiveIntegerField(_("denominator"))
    # numerator / denominator (4 decimals); the count itself where the denominator is 1; None when
    # the denominator is 0 (nothing to measure).
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    rule_version = models.PositiveSmallIntegerField(_("rule version"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        ordering = ["period", "agency", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "period", "code", "rule_version"], name="oversight_snapshot_once"
            )
        ]
        indexes = [models.Index(fields=["period", "code"], name="oversight_period_code")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.period:%Y-%m} {self.code} v{self.rule_version}"
