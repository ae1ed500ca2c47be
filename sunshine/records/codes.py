"""The code values of records: revision statuses, genres, validity, review checklist items.

These strings are an interface (API, public pages built later, exports): keep them as they are.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where one revision of a record stands in review and publishing."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting confidentiality review")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Reviewed, awaiting sign-off")
    SIGNED = "signed", _("Signed off, awaiting publication")
    SCHEDULED = "scheduled", _("Scheduled for publication")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded by a newer revision")


# Revisions whose content may still be changed by their authors.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})
# Revisions on their way to publication (the deadline of 条例 Art. 26 is still running).
OPEN_STATUSES = frozenset(
    {Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPROVED, Status.SIGNED, Status.SCHEDULED}
)
# Revisions that went public at some time.
PUBLISHED_ONCE_STATUSES = frozenset({Status.PUBLISHED, Status.WITHDRAWN, Status.SUPERSEDED})


class Genre(models.TextChoices):
    """体裁: the kind of document (党政机关公文 types and the common web genres)."""

    NOTICE = "notice", _("Notice (通知)")
    ANNOUNCEMENT = "announcement", _("Announcement (公告)")
    CIRCULAR = "circular", _("Public notice (通告)")
    OPINION = "opinion", _("Opinions (意见)")
    MEASURES = "measures", _("Measures (办法)")
    PROVISIONS = "provisions", _("Provisions (规定)")
    DECISION = "decision", _("Decision (决定)")
    REPORT = "report", _("Report (报告)")
    PLAN = "plan", _("Plan (规划)")
    PROGRAMME = "programme", _("Work programme (方案)")
    REPLY = "reply", _("Official reply (批复)")
    LETTER = "letter", _("Letter (函)")
    MINUTES = "minutes", _("Minutes (纪要)")
    INTERPRETATION = "interpretation", _("Interpretation (解读)")
    NEWS = "news", _("News (动态)")
    OTHER = "other", _("Other")


class Validity(models.TextChoices):
    """有效性: whether a published document is still in force."""

    VALID = "valid", _("In force")
    EXPIRED = "expired", _("Expired")
    REPEALED = "repealed", _("Repealed")
    REVISED = "revised", _("Revised")


# Validity values that end a document's force on a date.
ENDED_VALIDITY = frozenset({Validity.EXPIRED, Validity.REPEALED, Validity.REVISED})


class ChecklistItem(models.TextChoices):
    """The confidentiality review (保密审查) a reviewer confirms item by item (条例 Art. 14–17)."""

    NO_STATE_SECRETS = "no_state_secrets", _("Contains no state secret (条例 Art. 14)")
    NO_SECURITY_RISK = (
        "no_security_risk",
        _("Endangers neither national, public or economic security nor social stability (条例 Art. 14)"),
    )
    NO_THIRD_PARTY_HARM = (
        "no_third_party_harm",
        _("Contains no trade secret or personal privacy of others, or they consented (条例 Art. 15)"),
    )
    NOT_INTERNAL = (
        "not_internal",
        _("Is not internal-affairs or process information kept back under 条例 Art. 16"),
    )
    ACCURATE = "accurate", _("Text and attachments match the official document")
    METADATA = "metadata", _("Catalogue data is complete and correct (条例 Art. 12)")


class EventKind(models.TextChoices):
    """What happened to a revision, for its history (staff only)."""

    CREATE = "create", _("Draft created")
    EDIT = "edit", _("Edited")
    ATTACH = "attach", _("Attachment added")
    DETACH = "detach", _("Attachment removed")
    SUBMIT = "submit", _("Submitted for review")
    APPROVE = "approve", _("Approved in confidentiality review")
    RETURN = "return", _("Returned for changes")
    OVERRIDE = "override", _("Privacy finding overridden")
    MASK = "mask", _("Privacy finding masked")
    SIGN = "sign", _("Signed off")
    SCHEDULE = "schedule", _("Publication scheduled")
    UNSCHEDULE = "unschedule", _("Scheduled publication cancelled")
    PUBLISH = "publish", _("Published")
    WITHDRAW = "withdraw", _("Withdrawn")
    SUPERSEDE = "supersede", _("Superseded")
    REVISE = "revise", _("New revision started")


class AttachmentKind(models.TextChoices):
    """The file types an attachment may have, as read from its content."""

    PDF = "pdf", _("PDF document")
    DOCX = "docx", _("Word document (DOCX)")
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    PNG = "png", _("PNG image")
    JPEG = "jpeg", _("JPEG image")
    GIF = "gif", _("GIF image")
