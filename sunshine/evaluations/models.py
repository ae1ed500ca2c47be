"""Service evaluation (好差评, docs/evaluations.md): the ratings of cases and of counters, and the
rectification (整改) a bad rating of a case opens, with its history and return visits (回访)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sunshine.core.models import StepEvent
from sunshine.evaluations.codes import Channel, Level, RectificationStatus, Round, VisitMethod


class Evaluation(models.Model):
    """One rating: of a case by its applicant (``round`` 0, then once more appended, 追评), or of a
    counter (a window of a guide) by anyone, anonymously, through its QR code."""

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="evaluations"
    )
    item = models.ForeignKey(
        "eservices.Item", verbose_name=_("service"), on_delete=models.PROTECT, related_name="evaluations"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("service case"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    # The counter, by the key of the guide's window (the key stays from one version to the next).
    window_key = models.CharField(_("window"), max_length=40, blank=True)
    window_name = models.CharField(_("window name"), max_length=200, blank=True)
    round = models.PositiveSmallIntegerField(_("round"), choices=Round.choices, default=Round.FIRST)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    # Optional sub-scores 1–5 by dimension key (codes.DIMENSIONS).
    dimensions = models.JSONField(_("sub-scores"), default=dict, blank=True)
    # Never public: it may name people.
    comment = models.TextField(_("comment"), blank=True)
    rated_on = models.DateField(_("rated on"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("service evaluation")
        verbose_name_plural = _("service evaluations")
        ordering = ["-rated_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "round"], condition=Q(case__isnull=False), name="evaluation_case_round_once"
            ),
        ]
        indexes = [models.Index(fields=["agency", "rated_on"], name="evaluation_agency_day_idx")]

    def __str__(self) -> str:
        return f"{self.case or self.window_name} {self.level}"


class Rectification(models.Model):
    """The agency's answer to a bad rating (差评) of a case: what it did, verified by the disclosure
    office with a return visit to the applicant."""

    evaluation = models.OneToOneField(
        Evaluation, verbose_name=_("rating"), on_delete=models.CASCADE, related_name="rectification"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("service case"), on_delete=models.CASCADE, related_name="rectifications"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="rectifications"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RectificationStatus.choices,
        default=RectificationStatus.OPEN,
        db_index=True,
    )
    opened_on = models.DateField(_("opened on"))
    due_date = models.DateField(_("due date"), db_index=True)
    due_date_provisional = models.BooleanField(_("due date provisional"), default=False)
    # The agency's latest answer: what it did.
    measures = models.TextField(_("what the agency did"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.case} #{self.pk}"


class RectificationEvent(StepEvent):
    """One step of a rectification, as staff see it in its history."""

    rectification = models.ForeignKey(Rectification, on_delete=models.CASCADE, related_name="events")

    def __str__(self) -> str:
        return f"{self.rectification} {self.action} {self.date}"


class ReturnVisit(models.Model):
    """A return visit (回访) to the applicant: when, how, and what the applicant said."""

    rectification = models.ForeignKey(Rectification, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("date of the visit"))
    method = models.CharField(_("how"), max_length=10, choices=VisitMethod.choices)
    view = models.TextField(_("the applicant's view"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.rectification} {self.visited_on}"
