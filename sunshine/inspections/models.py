"""Inspections (督查检查, docs/inspections.md): a task over a set of agencies with a checklist and a
result per agency; findings with their evidence; the rectification (整改) each finding opens."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.core.models import StepEvent
from sunshine.inspections.codes import InspectionStatus, Kind, RectificationStatus, Result


class Inspection(models.Model):
    """An inspection task of a disclosure office (``office``) over agencies of its subtree."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    period = models.CharField(_("period"), max_length=40, help_text=_("For example 2026 Q4."))
    office = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("inspecting office"),
        on_delete=models.PROTECT,
        related_name="inspections_held",
    )
    agencies = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("agencies inspected"), related_name="inspections"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
        db_index=True,
    )
    created_on = models.DateField(_("created on"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-created_on", "-id"]

    def __str__(self) -> str:
        return self.title


class ChecklistItem(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("checklist item"), max_length=500)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class CheckResult(models.Model):
    """The result of one checklist item for one agency."""

    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="results")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=4, choices=Result.choices)
    note = models.CharField(_("note"), max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "agency"], name="inspection_result_once_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.agency_id} {self.result}"


class Finding(models.Model):
    """A shortcoming found at an agency: in an inspection, or from a complaint letter."""

    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="findings"
    )
    item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    letter = models.ForeignKey(
        "letters.Letter",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
    )
    text = models.TextField(_("finding"))
    links = models.JSONField(_("links"), default=list, blank=True)
    records = models.JSONField(_("index numbers of records"), default=list, blank=True)
    found_on = models.DateField(_("found on"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["found_on", "id"]

    def __str__(self) -> str:
        return self.text[:60]


def evidence_path(instance: Evidence, filename: str) -> str:
    """Stored names say nothing about the content: inspections/<random>.<type>."""
    return f"inspections/{uuid.uuid4().hex}.{instance.kind}"


class Evidence(models.Model):
    """A screenshot or scan kept with a finding, checked like record attachments."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    file = models.FileField(upload_to=evidence_path, max_length=255)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Rectification(models.Model):
    """The agency's rectification of one finding, verified by the inspectors."""

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="rectification")
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="inspection_rectifications",
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
    answer = models.TextField(_("the agency's answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.agency} #{self.pk}"


class RectificationEvent(StepEvent):
    """One step of a rectification, as staff see it in its history."""

    rectification = models.ForeignKey(Rectification, on_delete=models.CASCADE, related_name="events")

    def __str__(self) -> str:
        return f"{self.rectification} {self.action} {self.date}"
