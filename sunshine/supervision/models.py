"""Electronic supervision (电子监察): the stored state of every case as of the last sweep, the level
changes it recorded, and the supervision notices (督办) (docs/supervision.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.supervision.codes import Clock, Level, NoticeStatus


class CaseState(models.Model):
    """What the last sweep found of one case. ``is_open`` while the case is not concluded; a
    concluded case keeps its last levels and its anomalies, and the working days it took."""

    case = models.OneToOneField(
        "cases.Case", primary_key=True, on_delete=models.CASCADE, related_name="supervision"
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    is_open = models.BooleanField(default=True)
    promised_level = models.CharField(_("level (promised)"), max_length=10, choices=Level.choices)
    statutory_level = models.CharField(_("level (statutory)"), max_length=10, choices=Level.choices)
    # The keys of the guide's steps past their time limit.
    overrun_steps = models.JSONField(default=list, blank=True)
    # The codes of ``codes.Anomaly`` found.
    anomalies = models.JSONField(default=list, blank=True)
    # Working days from acceptance to decision, once decided (for the dashboards' average).
    decision_days = models.IntegerField(null=True, blank=True)
    changed_on = models.DateField(_("changed on"))

    class Meta:
        verbose_name = _("supervision state of a case")
        verbose_name_plural = _("supervision states of cases")
        indexes = [
            models.Index(fields=["agency", "is_open", "promised_level"], name="supervision_level_idx"),
            models.Index(fields=["is_open", "promised_level"], name="supervision_open_level_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.promised_level}/{self.statutory_level}"


class LevelChange(models.Model):
    """A level of a case changed on ``date`` (written by the sweep only when it changes)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    clock = models.CharField(max_length=10, choices=Clock.choices)
    before = models.CharField(max_length=10, choices=Level.choices)
    after = models.CharField(max_length=10, choices=Level.choices)
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.clock} {self.before}→{self.after} {self.date}"


class Notice(models.Model):
    """A supervision notice (督办) on an agency, or on one of its cases: the agency replies by
    ``due_date`` (``due_days`` working days after ``issued_on``); the office closes it."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("what is to be done"))
    status = models.CharField(
        _("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.OPEN
    )
    issued_on = models.DateField(_("issued on"))
    due_days = models.PositiveSmallIntegerField(_("reply within (working days)"))
    due_date = models.DateField(_("reply due"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply = models.TextField(_("reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervision notice")
        verbose_name_plural = _("supervision notices")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["agency", "status"], name="supervision_notice_idx")]

    def __str__(self) -> str:
        return f"督办 {self.pk}: {self.subject}"


class AgencyDay(models.Model):
    """The figures of one agency's cases on one day, as of the last sweep: received that day (and
    of those online), decided that day (on time on either clock, and their working days). The
    dashboards add these up over a period instead of counting a million cases
    (docs/supervision.md#dashboards)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    received = models.PositiveIntegerField(default=0)
    online = models.PositiveIntegerField(default=0)
    decided = models.PositiveIntegerField(default=0)
    on_time_statutory = models.PositiveIntegerField(default=0)
    on_time_promised = models.PositiveIntegerField(default=0)
    decision_days = models.PositiveBigIntegerField(default=0)
    with_days = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("day's figures of an agency")
        verbose_name_plural = _("days' figures of agencies")
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="supervision_agency_day")]
        indexes = [models.Index(fields=["day", "agency"], name="supervision_day_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}"


class AgencyOpen(models.Model):
    """The open cases of one agency and their levels (promised clock), as of the last sweep."""

    agency = models.OneToOneField(
        "agencies.Agency", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    open = models.PositiveIntegerField(default=0)
    yellow = models.PositiveIntegerField(default=0)
    red = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("open cases of an agency")
        verbose_name_plural = _("open cases of agencies")

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.open}"
