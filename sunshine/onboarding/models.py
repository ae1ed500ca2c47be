"""One import of a file (agencies, staff accounts…): what was uploaded, how far the run is, its report.

A run from the command line gets a row too (without its file), so that every import that wrote
something has its counts, its report and its audit entry. A dry run from the command line leaves
nothing; a dry run from the page is the job's first step (``CHECKED``), waiting for confirmation.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.onboarding.results import Counts, RowResult


def import_file_path(instance: ImportJob, filename: str) -> str:
    """Stored names say nothing about the content: imports/<random>.<csv|xlsx|zip>."""
    lower = filename.lower()
    extension = "xlsx" if lower.endswith(".xlsx") else "zip" if lower.endswith(".zip") else "csv"
    return f"imports/{uuid.uuid4().hex}.{extension}"


class ImportJob(models.Model):
    class Kind(models.TextChoices):
        AGENCIES = "agencies", _("Agencies")
        STAFF = "staff", _("Staff accounts")
        RECORDS = "records", _("Published records")

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, waiting for confirmation")
        QUEUED = "queued", _("Waiting to run")
        RUNNING = "running", _("Running")
        DONE = "done", _("Completed")
        FAILED = "failed", _("Stopped by an error")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        PAGE = "page", _("Page")
        COMMAND = "command", _("Command")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CHECKED)
    source = models.CharField(_("started from"), max_length=10, choices=Source.choices, default=Source.PAGE)
    # The uploaded file, in the private storage until the run ends (never served to anyone).
    file = models.FileField(_("file"), upload_to=import_file_path, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    # The records import's ZIP of attachments, kept and removed with ``file``.
    archive = models.FileField(_("archive of files"), upload_to=import_file_path, max_length=255, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows done"), default=0)
    created_count = models.PositiveIntegerField(_("rows created"), default=0)
    updated_count = models.PositiveIntegerField(_("rows updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("rows unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    # The rows of the dry run while CHECKED, of the run afterwards (RowResult.as_json each).
    report = models.JSONField(_("report of the rows"), default=list, blank=True)
    problem = models.TextField(_("why it stopped"), blank=True)  # why the run stopped

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.file_name}"

    @property
    def counts(self) -> Counts:
        return Counts(self.created_count, self.updated_count, self.unchanged_count, self.error_count)

    def set_counts(self, counts: Counts) -> None:
        self.created_count = counts.created
        self.updated_count = counts.updated
        self.unchanged_count = counts.unchanged
        self.error_count = counts.errors

    @property
    def results(self) -> list[RowResult]:
        return [RowResult.from_json(item) for item in self.report]

    @property
    def percent_done(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def count_fields(self) -> dict[str, Any]:
        """The counts as the audit entry keeps them (under this model's field names)."""
        return {
            "created_count": self.created_count,
            "updated_count": self.updated_count,
            "unchanged_count": self.unchanged_count,
            "error_count": self.error_count,
        }


class OldAddress(models.Model):
    """An address of the government's former site (an imported record's ``old_url``) that now
    answers with a permanent redirect to the record's page (``middleware.OldAddressMiddleware``).

    ``path`` is normalised by ``old_addresses.normalise``: the path without host, as it is decoded,
    with its query string kept (sorted) because old CMS pages are told apart by it."""

    path = models.CharField(_("old address"), max_length=1000, unique=True)
    record = models.ForeignKey(
        "records.Record", verbose_name=_("record"), on_delete=models.CASCADE, related_name="old_addresses"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.path
