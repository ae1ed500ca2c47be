"""The government bulletin (政府公报): numbered issues compiled from published records.

An ``Issue`` is one number of the bulletin (年/期: the year and its number within the year, one of
each on the site, as the portal addresses it at ``/bulletins/<year>/<number>/``). The disclosure
office of the agency the bulletin belongs to (normally a government) writes it as a draft, picks
published records of its tree into its table of contents (``Entry``: the record, a section heading
such as 市政府文件 or 人事任免, and an order), and publishes it. At publication each entry keeps what
the issue printed (title, index number, document number, dates) and the issue keeps its PDF and the
PDF's SHA-256: a published issue never changes, whatever later happens to its records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Issue(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="bulletin_issues",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    published_on = models.DateField(_("publication date"))
    status = models.CharField(
        _("status"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    # The issue as published: its bytes and their checksum, stored once and never made again.
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"")
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bulletin issue")
        verbose_name_plural = _("bulletin issues")
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="bulletin_issue_year_number")]
        indexes = [models.Index(fields=["status", "year"], name="bulletin_issue_status_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == IssueStatus.PUBLISHED


class Entry(models.Model):
    """One line of an issue's table of contents: a published record under a section heading.

    The copied fields are filled when the record is added and again at publication, from the record's
    published revision: the portal, the API and the PDF of a published issue read them, never the
    record as it is now."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="entries")
    record = models.ForeignKey(
        "records.Record", verbose_name=_("record"), on_delete=models.PROTECT, related_name="+"
    )
    section = models.CharField(_("section"), max_length=50)
    order = models.PositiveIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    index_number = models.CharField(_("index number"), max_length=64)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    formation_date = models.DateField(_("date of formation"), null=True, blank=True)
    agency_name = models.CharField(_("publishing agency"), max_length=100)

    class Meta:
        verbose_name = _("bulletin entry")
        verbose_name_plural = _("bulletin entries")
        ordering = ["issue", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["issue", "record"], name="bulletin_entry_once")]

    def __str__(self) -> str:
        return f"{self.section}: {self.title}"
