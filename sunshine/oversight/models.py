"""Stored figures of oversight (监督考核, docs/oversight.md): one snapshot per agency, month, indicator
and rule version."""

from __future__ import annotations

from django.conf import settings
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
        indexes = [
            models.Index(fields=["period", "code"], name="oversight_period_code"),
            models.Index(fields=["period", "computed_at"], name="oversight_period_computed"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.period:%Y-%m} {self.code} v{self.rule_version}"


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class SchemeScope(models.TextChoices):
    SUBTREE = "subtree", _("Every agency below the root")
    CHILDREN = "children", _("The agencies directly below the root")


class AssessmentScheme(models.Model):
    """One version of an assessment scheme (考核方案, docs/oversight.md#assessment-and-ranking): which
    agencies are ranked (below ``root``), from which month this version applies, how long a newly
    added agency waits before it is ranked, and the weighted indicators (``items``).

    A scheme is never edited in place: a change is a new row with the same ``code`` and the next
    ``version``, so a ranking always names the version that made it."""

    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=200)
    root = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("government whose agencies are ranked"),
        on_delete=models.PROTECT,
        related_name="assessment_schemes",
    )
    scope = models.CharField(_("agencies ranked"), max_length=10, choices=SchemeScope.choices)
    effective_from = models.DateField(_("applies from the month of"))
    newcomer_months = models.PositiveSmallIntegerField(_("months before a new agency is ranked"), default=3)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="oversight_scheme_version")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class SchemeItem(models.Model):
    """One weighted indicator of a scheme version: its points (``weight``), whether a higher or a lower
    value is better, the ``target`` that earns the full points and the ``minimum`` denominator below
    which the indicator is not scored for an agency (docs/oversight.md#scores)."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="items")
    indicator = models.CharField(_("indicator"), max_length=40)
    weight = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=4)
    minimum = models.PositiveIntegerField(_("minimum count"), default=0)

    class Meta:
        verbose_name = _("scheme indicator")
        verbose_name_plural = _("scheme indicators")
        ordering = ["scheme", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "indicator"], name="oversight_scheme_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.scheme_id} {self.indicator} {self.weight}"


class EntryStatus(models.TextChoices):
    RANKED = "ranked", _("Ranked")
    NEWCOMER = "newcomer", _("New, not yet ranked")
    NOT_SCORED = "not_scored", _("Not ranked")


class Ranking(models.Model):
    """The scores and ranks of one scheme version for one period (a month ``2026-11``, a quarter
    ``2026-Q4`` or a year ``2026``), computed from the stored indicator snapshots. Recomputed while
    unpublished; frozen once the disclosure office publishes it."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.PROTECT, related_name="rankings")
    period = models.CharField(_("period"), max_length=7)
    computed_at = models.DateTimeField(_("computed at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        ordering = ["-period", "scheme"]
        constraints = [models.UniqueConstraint(fields=["scheme", "period"], name="oversight_ranking_once")]

    def __str__(self) -> str:
        return f"{self.scheme} {self.period}"


class RankingEntry(models.Model):
    """One agency's line of a ranking: its place (shared on a tie), score out of 100 and, in
    ``contributions``, each indicator's figures and points, so every score can be retraced."""

    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="entries")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=EntryStatus.choices)
    contributions = models.JSONField(default=list)

    class Meta:
        verbose_name = _("ranking entry")
        verbose_name_plural = _("ranking entries")
        ordering = ["ranking", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ranking", "agency"], name="oversight_ranking_entry_once")
        ]
        indexes = [models.Index(fields=["ranking", "position"], name="oversight_entry_position")]

    def __str__(self) -> str:
        return f"{self.ranking_id} {self.agency_id} {self.position}"
