"""A solicitation (意见征集) of an agency and the comments citizens send on it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.solicitations.codes import Adoption, CommentStatus, Phase, Status


class Solicitation(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="solicitations")
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("draft text"), help_text=_("The text of the draft put out for comment."))
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("起草说明: why and how it was drafted.")
    )
    opens_at = models.DateTimeField(_("comments open"))
    closes_at = models.DateTimeField(_("comments close"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_early_reason = models.TextField(blank=True)
    feedback_summary = models.TextField(_("feedback"), blank=True)
    feedback_published_at = models.DateTimeField(null=True, blank=True)
    policy_index_number = models.CharField(
        _("index number of the final policy"), max_length=60, blank=True, default=""
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    def phase(self, now: datetime.datetime | None = None) -> str:
        """Draft, not open yet, open (only between ``opens_at`` and ``closes_at``), closed, or with its
        feedback published."""
        if self.status == Status.DRAFT:
            return Phase.DRAFT
        if self.status == Status.FEEDBACK_PUBLISHED:
            return Phase.FEEDBACK_PUBLISHED
        now = now or timezone.now()
        if now < self.opens_at:
            return Phase.UPCOMING
        if now < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        return self.phase(now) == Phase.OPEN

    def days_left(self, now: datetime.datetime | None = None) -> int | None:
        """Calendar days from today to the closing day (0: it closes today); None when not open."""
        now = now or timezone.now()
        if not self.is_open(now):
            return None
        return (timezone.localdate(self.closes_at) - timezone.localdate(now)).days

    def get_phase_display(self, now: datetime.datetime | None = None) -> str:
        return str(Phase(self.phase(now)).label)


class Comment(models.Model):
    solicitation = models.ForeignKey(Solicitation, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(_("name"), max_length=50, blank=True)
    contact = models.CharField(_("contact"), max_length=100)  # never public
    text = models.TextField(_("comment"))
    status = models.CharField(max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    # What the public reads once approved: the name and the text with personal data masked.
    published_name = models.CharField(max_length=50, blank=True)
    published_text = models.TextField(blank=True)
    rejection_reason = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    adoption = models.CharField(max_length=20, choices=Adoption.choices, blank=True)
    adoption_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["solicitation", "status"])]

    def __str__(self) -> str:
        return f"#{self.pk}"
