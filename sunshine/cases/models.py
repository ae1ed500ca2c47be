"""Service cases (办件): one application for a published service item, its materials, history,
suspensions and the steps done (docs/cases.md)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sunshine.cases.codes import Channel, Result, Status
from sunshine.core.models import Notice
from sunshine.records.codes import AttachmentKind


class Case(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    # The applicant's access key is derived from this salt with the site's secret; it is not stored.
    access_salt = models.CharField(max_length=32, editable=False)
    item = models.ForeignKey(
        "eservices.Item", verbose_name=_("service"), on_delete=models.PROTECT, related_name="cases"
    )
    # The published version of the guide the application was made under: its materials, steps and
    # time limits apply to the case even after a newer version is published.
    version = models.ForeignKey(
        "eservices.Version", verbose_name=_("guide version"), on_delete=models.PROTECT, related_name="cases"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="cases"
    )

    # The applicant. Personal data: only staff and the key holder see it.
    applicant_kind = models.CharField(_("type of applicant"), max_length=30)
    applicant_name = models.CharField(_("name"), max_length=200)
    applicant_id_type = models.CharField(_("identity document"), max_length=30)
    applicant_id_number = models.CharField(_("identity number"), max_length=50)
    applicant_phone = models.CharField(_("phone"), max_length=30, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=300, blank=True)
    # The language the applicant applied in (online); the notices to them are written in it.
    language = models.CharField(_("language"), max_length=10, blank=True)

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    received_on = models.DateField(_("received on"))
    # The day the complete materials arrived: receipt, or the day the missing items arrived.
    complete_on = models.DateField(_("complete materials on"))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    # The one-time notice of missing items (一次性告知): each item {"material", "reason"}.
    missing_items = models.JSONField(default=list, blank=True)
    notified_on = models.DateField(_("missing items notified on"), null=True, blank=True)

    # The clock: statutory and promised periods of the version, in working days.
    statutory_days = models.PositiveSmallIntegerField(_("statutory time limit (working days)"))
    promised_days = models.PositiveSmallIntegerField(_("promised time limit (working days)"))
    due_date = models.DateField(_("decision due"), null=True, blank=True, db_index=True)
    promised_date = models.DateField(_("promised date"), null=True, blank=True)
    due_date_provisional = models.BooleanField(_("due date provisional"), default=False)

    # One extension (行政许可法 Art. 42).
    extension_days = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extension approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    result = models.CharField(_("decision"), max_length=10, choices=Result.choices, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for not accepting"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service case")
        verbose_name_plural = _("service cases")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["agency", "status", "due_date"], name="case_agency_status_idx")]

    def __str__(self) -> str:
        return self.tracking_code


def material_path(instance: CaseMaterial, filename: str) -> str:
    """Stored names say nothing about the content or the applicant: cases/<random>.<type>."""
    return f"cases/{uuid.uuid4().hex}.{instance.kind}"


class CaseMaterial(models.Model):
    """A material the applicant supplied, by the key of the guide's material; its file (if any) is
    checked like record attachments and is never public."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials")
    key = models.CharField(_("material"), max_length=40)
    file = models.FileField(_("file"), upload_to=material_path, max_length=255, blank=True)
    name = models.CharField(_("file name"), max_length=255, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=AttachmentKind.choices, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    received_on = models.DateField(_("received on"))

    class Meta:
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.key}"


class CaseEvent(models.Model):
    """One step of a case, as the applicant and staff see it in the history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=40)
    date = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.action} {self.date}"


class CasePause(models.Model):
    """A suspension (行政许可法 Art. 45): the working days after ``started_on`` up to and including
    ``ended_on`` are not counted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.started_on}–{self.ended_on or ''}"


class CaseStepDone(models.Model):
    """A step of the guide's flow completed for the case, once per step."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps_done")
    step = models.CharField(_("step"), max_length=40)
    date = models.DateField(_("date"))

    class Meta:
        ordering = ["date", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="case_step_once")]

    def __str__(self) -> str:
        return f"{self.case} {self.step} {self.date}"


class CaseNotice(Notice):
    """A message about a step of a case (``core.models.Notice``): to the applicant (``recipient``
    empty), or to one officer of the agency (the applicant sent the missing materials). Planned in the
    step's transaction, sent after the commit by the task queue, retried by ``send_notifications``
    while it fails. Composed when sent: the row keeps no link and no key (``cases.notifications``)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    event = models.ForeignKey(CaseEvent, on_delete=models.CASCADE, related_name="notices")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Notice.Meta):
        verbose_name = _("notice about a case")
        verbose_name_plural = _("notices about cases")
        indexes = [models.Index(fields=["state", "attempts"], name="casenotice_state_idx")]

    def __str__(self) -> str:
        return f"{self.case} {self.channel} {self.state}"


class CaseDraft(models.Model):
    """An application being written through the pages (docs/cases.md#applying-through-pages): the
    applicant's details and the files sent so far, kept on the server between the pages. The browser
    holds only a random token in its session; the row is found by the token's digest. Once sent, the
    details and files are removed and the row keeps only the case (a second send shows the same case);
    ``cases_sweep`` removes drafts older than ``SUNSHINE_CASE_DRAFT_DAYS`` days."""

    token_digest = models.CharField(max_length=64, unique=True)
    version = models.ForeignKey("eservices.Version", on_delete=models.CASCADE, related_name="+")
    applicant = models.JSONField(default=dict, blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"draft {self.pk}"


def draft_file_path(instance: CaseDraftFile, filename: str) -> str:
    """Like materials: a random name that says nothing, never public."""
    return f"case_drafts/{uuid.uuid4().hex}.{instance.kind}"


class CaseDraftFile(models.Model):
    """The file of one material of a draft, checked like the case's materials; one per material."""

    draft = models.ForeignKey(CaseDraft, on_delete=models.CASCADE, related_name="files")
    key = models.CharField(max_length=40)
    file = models.FileField(upload_to=draft_file_path, max_length=255)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["draft", "id"]
        constraints = [models.UniqueConstraint(fields=["draft", "key"], name="case_draft_file_once")]

    def __str__(self) -> str:
        return f"{self.draft} {self.key}"


class CaseDocument(models.Model):
    """A document issued when the case was decided (docs/cases.md#decision-documents): the decision
    (准予/不予行政许可决定书) and, for an approved licence, the certificate. Its bytes and their SHA-256
    are stored once, so what was issued never changes. ``serial`` numbers each kind per agency and
    year."""

    class Kind(models.TextChoices):
        DECISION = "decision", pgettext_lazy("case document", "Decision")
        CERTIFICATE = "certificate", _("Certificate")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    number = models.CharField(_("number"), max_length=80)
    issued_on = models.DateField(_("issued on"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    content = models.BinaryField(_("content"), blank=True, default=b"")
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="case_document_once"),
            models.UniqueConstraint(fields=["agency", "kind", "year", "serial"], name="case_document_serial"),
        ]

    def __str__(self) -> str:
        return self.number
