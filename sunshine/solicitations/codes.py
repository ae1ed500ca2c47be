"""The statuses of solicitations and comments and the adoption of a comment, as translated choices."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Stored status. Whether a published solicitation is open or closed follows from its dates
    (``Phase``)."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    FEEDBACK_PUBLISHED = "feedback_published", _("Feedback published")


class Phase(models.TextChoices):
    """What a reader sees: the status and the comment period read together at a given moment."""

    DRAFT = "draft", _("Draft")
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed")
    FEEDBACK_PUBLISHED = "feedback_published", _("Feedback published")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Not published")


class Adoption(models.TextChoices):
    """采纳情况: how the agency took up a comment."""

    ADOPTED = "adopted", _("Adopted")
    PARTLY = "partly", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
