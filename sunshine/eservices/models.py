"""Service items of the power list and their guides (权力清单, 办事指南), docs/eservices.md.

An ``Item`` is one matter an agency handles; its ``code`` never changes, so cases (办件) and links
keep pointing at it. What the guide says lives in ``Version`` rows: a version is written as a
draft, submitted, and published by a reviewer (or returned with comments); the published version is
what the public reads, and publishing a newer one marks the previous one ``superseded``. The
materials, steps and windows of a version are its child rows, each with a ``key`` that a new version
keeps, so that a case can name "the material ``id_card``" or "the step ``review``" across versions.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.eservices.codes import (
    OPEN_STATUSES,
    FilePurpose,
    HandlingType,
    Kind,
    LifeEvent,
    MaterialForm,
    OnlineLevel,
    Status,
)
from sunshine.records.codes import AttachmentKind

CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]{1,63}$", _("Use 2 to 64 letters, digits and hyphens.")
)
KEY_VALIDATOR = RegexValidator(
    r"^[a-z0-9][a-z0-9_-]{0,39}$", _("Use up to 40 lower-case letters, digits, hyphens and underscores.")
)


class Item(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="service_items")
    code = models.CharField(_("item code"), max_length=64, unique=True, validators=[CODE_VALIDATOR])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service items")

    def __str__(self) -> str:
        return self.code


class Version(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    legal_basis = models.TextField(_("legal basis"))
    conditions = models.TextField(_("conditions"), blank=True)
    statutory_days = models.PositiveSmallIntegerField(_("statutory time limit (working days)"))
    promised_days = models.PositiveSmallIntegerField(_("promised time limit (working days)"))
    handling_type = models.CharField(
        _("handling type"), max_length=20, choices=HandlingType.choices, default=HandlingType.PROMISED
    )
    free = models.BooleanField(_("free of charge"), default=True)
    fees = models.TextField(_("fees"), blank=True)
    fee_basis = models.TextField(_("basis of the fees"), blank=True)
    contact_phone = models.CharField(_("phone for questions"), max_length=40, blank=True)
    supervision_phone = models.CharField(_("phone for complaints (supervision)"), max_length=40, blank=True)
    online_level = models.PositiveSmallIntegerField(
        _("online level"), choices=OnlineLevel.choices, default=OnlineLevel.INFORMATION
    )
    comments = models.TextField(_("review comments"), blank=True)  # the last return's comments
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service guide version")
        verbose_name_plural = _("service guide versions")
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="eservices_version_number"),
            models.UniqueConstraint(
                fields=["item"], condition=Q(status=Status.PUBLISHED), name="eservices_one_published"
            ),
            models.UniqueConstraint(
                fields=["item"], condition=Q(status__in=sorted(OPEN_STATUSES)), name="eservices_one_open"
            ),
            models.CheckConstraint(
                condition=Q(promised_days__lte=models.F("statutory_days")),
                name="eservices_promised_le_statutory",
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"], name="eservices_version_status_kind")]

    def __str__(self) -> str:
        return f"{self.item.code} v{self.number}"


class LifeEventTag(models.Model):
    """One life event a version is filed under (the catalogue's filter)."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="events")
    event = models.CharField(_("life event"), max_length=20, choices=LifeEvent.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "event"], name="eservices_event_once")]
        indexes = [models.Index(fields=["event", "version"], name="eservices_event_version")]

    def __str__(self) -> str:
        return self.event


class Material(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="materials")
    key = models.CharField(_("key"), max_length=40, validators=[KEY_VALIDATOR])
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("material"), max_length=200)
    form = models.CharField(_("original or copy"), max_length=10, choices=MaterialForm.choices)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    required = models.BooleanField(_("required"), default=True)
    condition = models.CharField(_("required when"), max_length=300, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="eservices_material_key")]

    def __str__(self) -> str:
        return self.name


def guide_file_path(instance: MaterialFile, filename: str) -> str:
    """Stored names say nothing about the content: eservices/<item code>/<random>.<type>."""
    return f"eservices/{instance.material.version.item.code}/{uuid.uuid4().hex}.{instance.kind}"


class MaterialFile(models.Model):
    """The blank form or the filled-in sample of a material, checked like record attachments. A new
    version points at the same stored file."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="files")
    purpose = models.CharField(_("purpose"), max_length=10, choices=FilePurpose.choices)
    file = models.FileField(_("file"), upload_to=guide_file_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10, choices=AttachmentKind.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["material", "purpose"], name="eservices_material_file_once")
        ]

    def __str__(self) -> str:
        return self.name


class Step(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="steps")
    key = models.CharField(_("key"), max_length=40, validators=[KEY_VALIDATOR])
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("step"), max_length=100)
    role = models.CharField(_("who"), max_length=100, blank=True)
    days = models.PositiveSmallIntegerField(_("time limit (working days)"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="eservices_step_key")]

    def __str__(self) -> str:
        return self.name


class Window(models.Model):
    """A place where the item is handled in person (办理窗口)."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="windows")
    key = models.CharField(_("key"), max_length=40, validators=[KEY_VALIDATOR])
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("window"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="eservices_window_key")]

    def __str__(self) -> str:
        return self.name
