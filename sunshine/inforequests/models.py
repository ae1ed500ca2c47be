"""Requests for government information (依申请公开) and what happens to them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.core.models import Notice
from sunshine.inforequests.codes import (
    OPEN_STATUSES,
    ApplicantKind,
    Channel,
    ConsultationParty,
    DeliveryForm,
    DeliveryMethod,
    FeeMethod,
    IdType,
    Outcome,
    ReplyStatus,
    ReviewKind,
    ReviewResult,
    Status,
)

# Sorted, so that the migration's SQL does not change with Python's set order.
OPEN_CONDITION = models.Q(status__in=sorted(OPEN_STATUSES))


class InfoRequest(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    # The language the applicant applied in: messages to them are written in it.
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    # The applicant's access key is derived from this salt with the site's secret; it is not stored.
    access_salt = models.CharField(max_length=32, editable=False)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="info_requests"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)

    # The applicant (条例 Art. 29 (一)). Personal data: only staff and the key holder see it.
    applicant_kind = models.CharField(_("applicant type"), max_length=30, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("name"), max_length=200)
    applicant_id_type = models.CharField(_("identity document"), max_length=30, choices=IdType.choices)
    applicant_id_number = models.CharField(_("document number"), max_length=50)
    applicant_phone = models.CharField(_("phone"), max_length=50, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(_("postal address"), max_length=300, blank=True)

    # The information wanted (Art. 29 (二)) and the form of delivery (Art. 29 (三)).
    title = models.CharField(_("name of the information"), max_length=300, blank=True)
    document_number = models.CharField(_("document number of the information"), max_length=100, blank=True)
    description = models.TextField(_("description of the information"))
    delivery_form = models.CharField(_("form"), max_length=20, choices=DeliveryForm.choices)
    delivery_method = models.CharField(_("way of delivery"), max_length=20, choices=DeliveryMethod.choices)

    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.SUBMITTED)
    outcome = models.CharField(_("outcome"), max_length=50, choices=Outcome.choices, blank=True)
    outcome_detail = models.JSONField(_("outcome detail"), default=dict, blank=True)
    # The applicant's rating of the reply (1–5) and comment, shown to the agency's office.
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("comment on the reply"), blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)
    reply_reasons = models.TextField(_("reasons"), blank=True)

    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    received_on = models.DateField(_("received on"), null=True, blank=True, db_index=True)
    # The day the reply period counts from: receipt, or receipt of the corrected application (Art. 30).
    clock_start = models.DateField(null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # True while a date depends on a day of a year whose official calendar is not published: the date
    # is an estimate (暂定) until the year is entered (services.confirm_provisional_dates).
    due_date_provisional = models.BooleanField(_("due date provisional"), default=False)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True, db_index=True)

    correction_items = models.JSONField(default=list, blank=True)
    correction_requested_on = models.DateField(null=True, blank=True)
    correction_due = models.DateField(null=True, blank=True)
    correction_due_provisional = models.BooleanField(default=False)
    correction_late = models.BooleanField(default=False)

    extension_days = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    extension_approved_by = models.CharField(max_length=100, blank=True)  # the approver's name as shown
    # Who approved the extension (条例 Art. 33): a signer of the agency or its disclosure office.
    # Empty for extensions recorded before approvers were people, or by the system.
    extension_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extension approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extended_on = models.DateField(null=True, blank=True)

    # 信息处理费 (条例 Art. 42, 国办函〔2020〕109号): at most one fee notice per request. While it is
    # unpaid the reply period does not run (clock.clock_of).
    fee_method = models.CharField(_("fee method"), max_length=20, choices=FeeMethod.choices, blank=True)
    fee_amount = models.PositiveIntegerField(_("fee (yuan)"), null=True, blank=True)
    fee_basis = models.JSONField(_("basis of the fee"), default=dict, blank=True)
    fee_notified_on = models.DateField(_("fee notice sent on"), null=True, blank=True)
    fee_due = models.DateField(_("fee payable by"), null=True, blank=True)
    fee_due_provisional = models.BooleanField(default=False)
    fee_paid_on = models.DateField(_("fee paid on"), null=True, blank=True)
    # The applicant's own answer to the fee notice (``fee_answer``): a declaration that they paid,
    # which the office checks before it records the payment (``record_fee_payment``), or that they
    # decline to pay, which closes the request (``decline_fee``).
    fee_declared_at = models.DateTimeField(_("payment declared"), null=True, blank=True)
    fee_declared_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    fee_declared_paid_on = models.DateField(_("paid on, as the applicant says"), null=True, blank=True)
    fee_declined_on = models.DateField(_("fee declined on"), null=True, blank=True)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["agency", "status", "due_date"], name="inforeq_queue"),
            models.Index(fields=["status", "due_date"], name="inforeq_open_due"),
            models.Index(fields=["applicant_id_number", "received_on"], name="inforeq_applicant"),
            # The staff queue (open requests by due date; PostgreSQL ASC sorts NULLs last, as the
            # queue does). Partial: they hold the open requests only, a few percent of all.
            models.Index(
                fields=["agency", "due_date", "id"], name="inforeq_open_agency_due", condition=OPEN_CONDITION
            ),
            models.Index(fields=["due_date", "id"], name="inforeq_open_by_due", condition=OPEN_CONDITION),
        ]

    def __str__(self) -> str:
        return self.tracking_code


class Pause(models.Model):
    """A consultation during which the reply period does not run (条例 Art. 32, 33, 34)."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="pauses")
    party = models.CharField(_("consulted party"), max_length=20, choices=ConsultationParty.choices)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.request} {self.party} {self.started_on}–{self.ended_on or ''}"


class RequestEvent(models.Model):
    """One action on a request, as the applicant and staff see it in the history."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="events")
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
        return f"{self.request} {self.action} {self.date}"


def request_file_path(instance: RequestFile, filename: str) -> str:
    """Stored names say nothing about the content: requests/<year>/<random>.<type>."""
    return f"requests/{instance.uploaded_at.year}/{uuid.uuid4().hex}.{instance.kind}"


class RequestFile(models.Model):
    """A file of a request: one the applicant sent with a correction or a fee payment, or one sent to
    them. Kept out of the public media; served only to staff of the agency and to the holder of the
    key."""

    class Purpose(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        REPLY = "reply", _("Reply")
        FEE_RECEIPT = "fee_receipt", _("Fee receipt")

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="files")
    event = models.ForeignKey(
        RequestEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    # A file of the reply belongs to its draft; the applicant sees it once that draft is sent.
    draft = models.ForeignKey(
        "inforequests.ReplyDraft", null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    # What the privacy scan read in it (empty for images and scans).
    text = models.TextField(blank=True, editable=False)
    has_text = models.BooleanField(default=True, editable=False)
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    file = models.FileField(_("file"), upload_to=request_file_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    from_applicant = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class ReplyDraft(models.Model):
    """The reply being prepared: its outcome, reasons, files and linked published records, on its way
    through the agency's confidentiality review (保密审查) and sign-off (领导签批) before the ``reply``
    step sends it (docs/workflows.md#replies)."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="reply_drafts")
    status = models.CharField(
        _("status"), max_length=12, choices=ReplyStatus.choices, default=ReplyStatus.DRAFT, db_index=True
    )
    outcome = models.CharField(_("outcome"), max_length=50, choices=Outcome.choices, blank=True)
    reasons = models.TextField(_("reasons and legal basis"), blank=True)
    note = models.TextField(_("detail"), blank=True)
    # Index numbers (索引号) of published records the reply points the applicant to.
    record_numbers = models.JSONField(_("linked records"), default=list, blank=True)
    # Privacy findings a reviewer let stay: {digest: {"reason": ..., "by": id, "at": iso}}.
    kept_findings = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField(_("comments"), blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("draft reply")
        verbose_name_plural = _("draft replies")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="replydraft_desk")]

    def __str__(self) -> str:
        return f"{self.request.tracking_code} · {self.get_status_display()}"


class Notification(Notice):
    """A message to the applicant about a step of their request (``core.models.Notice``): planned in
    the step's transaction, sent after the commit by the task queue, retried by
    ``send_notifications`` while it fails; staff see each one with its state on the request's page.
    The text is composed when it is sent, in the applicant's language: the row keeps no private link
    and no key."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="notifications")
    event = models.ForeignKey(
        RequestEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )

    class Meta(Notice.Meta):
        indexes = [models.Index(fields=["state", "attempts"], name="notification_state_idx")]

    def __str__(self) -> str:
        return f"{self.request} {self.channel} {self.state}"


class Review(models.Model):
    """Administrative reconsideration or litigation about a request (annual report table 4)."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=40, choices=ReviewKind.choices)
    filed_on = models.DateField(_("filed on"))
    result = models.CharField(
        _("result"), max_length=20, choices=ReviewResult.choices, default=ReviewResult.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.request} {self.kind} {self.result}"


class AgencyRequestSettings(models.Model):
    """Per-agency handling choices."""

    agency = models.OneToOneField(
        "agencies.Agency", on_delete=models.CASCADE, related_name="request_settings"
    )
    auto_confirm_online = models.BooleanField(
        _("confirm online requests automatically"),
        default=True,
        help_text=_("A request submitted on a non-working day is received on the next working day."),
    )
    reply_review_required = models.BooleanField(
        _("replies need review and sign-off"),
        default=True,
        help_text=_(
            "A reply is sent only after a reviewer has approved it and a signer has signed it; the "
            "disclosure office may still reply directly."
        ),
    )

    def __str__(self) -> str:
        return str(self.agency)


class ReminderSweep(models.Model):
    """One run of the daily reminder sweep (``send_request_reminders``), with what it found."""

    date = models.DateField(_("date"), db_index=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    examined = models.PositiveIntegerField(_("open requests examined"), default=0)
    due_soon = models.PositiveIntegerField(_("due soon"), default=0)
    overdue = models.PositiveIntegerField(_("overdue"), default=0)
    sent = models.PositiveIntegerField(_("e-mails sent"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)

    class Meta:
        verbose_name = _("reminder sweep")
        verbose_name_plural = _("reminder sweeps")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"reminders {self.date}"


class ReminderDigest(models.Model):
    """The one reminder e-mail a person gets on a day: sending it again the same day is refused."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("requests listed"), default=0)
    # None while the e-mail is being sent: the row claims the (recipient, date) pair first.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder digest")
        verbose_name_plural = _("reminder digests")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "date"], name="unique_reminder_digest_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.date} ({self.count})"
