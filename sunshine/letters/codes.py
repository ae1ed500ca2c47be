"""The code values of letters: kinds, channels, statuses.

These strings are an interface (API, statistics): keep them as they are.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")
    REPORT = "report", _("Report of wrongdoing")
    MAILBOX = "mailbox", _("Leaders' mailbox")
    # A complaint about the agency's openness work (条例 Art. 47, 51): handled by the disclosure office
    # of the government above the agency (docs/letters.md#complaints-about-disclosure).
    DISCLOSURE_COMPLAINT = "disclosure_complaint", _("Complaint about government openness")


class Channel(models.TextChoices):
    """How the letter reached the agency."""

    ONLINE = "online", _("Online")
    POST = "post", _("By post")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")


# Channels staff register a letter from (online letters come in by themselves).
STAFF_CHANNELS = (Channel.POST, Channel.PHONE, Channel.IN_PERSON)


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    AWAITING_INFO = "awaiting_info", _("Awaiting information from the writer")
    TRANSFERRED = "transferred", _("Transferred")
    REPLIED = "replied", _("Replied")
    RETURNED = "returned", _("Returned")
    CLOSED = "closed", _("Closed")


class Flag(models.TextChoices):
    """Why a letter waits in the moderation queue (docs/letters.md#moderation)."""

    DUPLICATE = "duplicate", _("Probable duplicate")
    ABUSIVE = "abusive", _("Abusive")


OPEN_STATUSES = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.AWAITING_INFO, Status.TRANSFERRED})
# Open statuses in which the reply period does not run: waiting for the writer's information.
PAUSED_STATUSES = frozenset({Status.AWAITING_INFO})
# The reply period has ended: the letter was answered, returned or closed.
CONCLUDED_STATUSES = frozenset({Status.REPLIED, Status.RETURNED, Status.CLOSED})


class Rating(models.TextChoices):
    """The writer's rating of a reply (docs/letters.md#rating-and-reopening)."""

    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY_SATISFIED = "basically_satisfied", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


# A letter with a reply the writer can read and rate: replied, or closed after the reply.
ANSWERED_STATUSES = frozenset({Status.REPLIED, Status.CLOSED})


class ReplyStatus(models.TextChoices):
    """The path of a letter's draft reply through review and sign-off (docs/letters.md#reply-review)."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved, awaiting sign-off")
    SIGNED = "signed", _("Signed, ready to send")
    RETURNED = "returned", _("Returned for changes")
    SENT = "sent", _("Sent")
