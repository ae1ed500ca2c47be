"""Records of government information (主动公开), their catalogue, revisions, attachments and review.

A ``Record`` is one item of government information with a permanent index number (索引号). Its
content lives in ``Revision`` rows: the first draft is revision 1; editing a published record starts
revision 2, which goes through review again and, once published, supersedes revision 1. At most one
revision of a record is published at a time and at most one is on its way there.

Public code reads records only through ``selectors.published_records()``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sunshine.records.codes import (
    OPEN_STATUSES,
    AttachmentKind,
    EventKind,
    Genre,
    Status,
    Validity,
)


def _english() -> bool:
    return (get_language() or "").startswith("en")


class Category(models.Model):
    """A node of one agency's disclosure catalogue (目录 / 栏目)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="record_categories",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Standard categories keep the key of ``catalogue.STANDARD_CATEGORIES`` (so that a government
    # can count its departments' records by category); ones the office adds get "custom-<n>".
    key = models.SlugField(_("key"), max_length=50)
    name = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    interval_days = models.PositiveIntegerField(
        _("expected update interval (days)"),
        null=True,
        blank=True,
        help_text=_("Oversight flags the category as stale when nothing was published for longer."),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catalogue category")
        verbose_name_plural = _("catalogue categories")
        ordering = ["agency", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["agency", "key"], name="unique_category_key")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and _english():
            return self.name_en
        return self.name


class Topic(models.Model):
    """主题分类: a node of the subject classification shared by all agencies."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """As gov.cn writes it: "综合政务\\政务公开"."""
        if self.parent_id is not None and self.parent is not None:
            return f"{self.parent.name}\\{self.name}"
        return self.name


class IndexCounter(models.Model):
    """The last sequence number of an agency's index numbers in a year; only ever counts up."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="unique_index_counter")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class Record(models.Model):
    """One item of government information: its identity, index number and validity."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("publishing agency"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    # 索引号, given at first publication and kept for good (also when withdrawn).
    index_number = models.CharField(
        _("index number"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, db_index=True)
    validity = models.CharField(
        _("validity"), max_length=20, choices=Validity.choices, default=Validity.VALID
    )
    validity_changed_on = models.DateField(_("validity changed on"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.index_number or f"#{self.pk}"


class Revision(models.Model):
    """One version of a record's content and catalogue data, with its review and publication."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("catalogue category"), on_delete=models.PROTECT, related_name="revisions"
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    genre = models.CharField(_("genre"), max_length=20, choices=Genre.choices, default=Genre.NOTICE)
    issuers: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "agencies.Agency",
        verbose_name=_("issuing agencies"),
        through="Issuer",
        related_name="issued_revisions",
    )
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    formation_date = models.DateField(_("date of formation"), null=True, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)  # sanitised HTML (richtext.sanitize)
    body_text = models.TextField(blank=True, editable=False)  # its plain text, for search and the scan
    # The published copy of the text when a reviewer masked findings in it (docs/privacy.md): made at
    # publication, read by the public pages, the public API, feeds and the search index; empty when
    # nothing is masked (then the text is published as it is). Staff keep reading ``body``.
    masked_body = models.TextField(blank=True, editable=False)
    masked_body_text = models.TextField(blank=True, editable=False)
    needs_interpretation = models.BooleanField(_("needs a policy interpretation"), default=False)
    interprets = models.ForeignKey(
        Record,
        verbose_name=_("interprets the policy document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretation_revisions",
    )
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)

    # 条例 Art. 26: due 20 working days after formation (or the change); None while unknown.
    due_on = models.DateField(_("publication due"), null=True, blank=True)
    # The due date rests on the estimate of a year whose calendar is not published (docs/legal.md).
    due_on_provisional = models.BooleanField(_("publication due date provisional"), default=False)
    publish_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["record", "number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="unique_revision_number"),
            models.UniqueConstraint(
                fields=["record"], condition=Q(status=Status.PUBLISHED), name="one_published_revision"
            ),
            models.UniqueConstraint(
                fields=["record"], condition=Q(status__in=sorted(OPEN_STATUSES)), name="one_open_revision"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="revision_status_published"),
            models.Index(fields=["status", "due_on"], name="revision_status_due"),
            # A category's listing, newest first (portal.records.category_records), read in index order.
            models.Index(
                fields=["category", "status", "published_at", "id"], name="revision_category_published"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def keyword_list(self) -> list[str]:
        return [word for word in self.keywords.split("；") if word]

    @property
    def public_body(self) -> str:
        """The text as the public reads it: the masked copy where there is one."""
        return self.masked_body or self.body

    @property
    def public_body_text(self) -> str:
        return self.masked_body_text or self.body_text

    def issuer_list(self) -> list[Any]:
        return [row.agency for row in self.issuer_rows.select_related("agency").order_by("position")]


class Issuer(models.Model):
    """An agency that issued the document (发文机关); joint documents have several, lead first."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="issuer_rows")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["revision", "agency"], name="unique_issuer")]

    def __str__(self) -> str:
        return f"{self.revision_id}: {self.agency_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    """Stored names say nothing about the content: records/<agency>/<year>/<random>.<type>."""
    agency = instance.revision.record.agency.code
    year = instance.uploaded_at.year if instance.uploaded_at else 0
    return f"records/{agency}/{year or 'x'}/{uuid.uuid4().hex}.{instance.kind}"


class Attachment(models.Model):
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10, choices=AttachmentKind.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    text = models.TextField(blank=True, editable=False)  # extracted, for search and the privacy scan
    has_text = models.BooleanField(default=False, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    # The published copy of a DOCX or XLSX in which a reviewer masked findings, made at publication:
    # the public download and the search index read it; staff download the original ``file``.
    masked_file = models.FileField(upload_to=attachment_path, max_length=255, blank=True, editable=False)
    masked_text = models.TextField(blank=True, editable=False)
    masked_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    masked_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["revision", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_masked(self) -> bool:
        return bool(self.masked_file)

    @property
    def public_text(self) -> str:
        return self.masked_text if self.is_masked else self.text

    @property
    def public_size(self) -> int:
        return self.masked_size if self.is_masked and self.masked_size is not None else self.size

    @property
    def public_sha256(self) -> str:
        return self.masked_sha256 if self.is_masked else self.sha256


class RevisionEvent(models.Model):
    """The history of a revision: review, comments, checklist, publication. Never public."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("time"))
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    comments = models.TextField(_("comments"), blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("revision event")
        verbose_name_plural = _("revision events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.revision_id} {self.kind}"


class FindingDecision(models.TextChoices):
    """What a reviewer decided for a privacy-scan finding (removing it is the author's work)."""

    KEEP = "keep", _("Published as it is")
    MASK = "mask", _("Masked in the published copy")


class ScanOverride(models.Model):
    """A reviewer's decision on one privacy-scan finding: it may stay as it is (with the reason), or
    it is masked in the published copy while staff keep the original.

    The value itself is not stored: only a keyed digest (to recognise it on the next scan) and a
    masked form to show.
    """

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="overrides")
    kind = models.CharField(max_length=30)
    digest = models.CharField(max_length=64)
    masked = models.CharField(max_length=100)
    decision = models.CharField(
        _("decision"), max_length=10, choices=FindingDecision.choices, default=FindingDecision.KEEP
    )
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["revision", "kind", "digest"], name="unique_scan_override")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.masked}"
