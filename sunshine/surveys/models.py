"""A survey (民意调查) of an agency, its questions and options, and the responses citizens give."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.surveys.codes import Kind, Phase, Status


class Survey(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="surveys")
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    anonymous = models.BooleanField(
        _("anonymous"), default=True, help_text=_("Identified surveys ask each respondent for a name.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_early_reason = models.TextField(blank=True)
    results_summary = models.TextField(blank=True)
    results_published_at = models.DateTimeField(null=True, blank=True)
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
        if self.status == Status.DRAFT:
            return Phase.DRAFT
        if self.status == Status.RESULTS_PUBLISHED:
            return Phase.RESULTS_PUBLISHED
        now = now or timezone.now()
        if now < self.opens_at:
            return Phase.UPCOMING
        if now < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        return self.phase(now) == Phase.OPEN

    def get_phase_display(self, now: datetime.datetime | None = None) -> str:
        return str(Phase(self.phase(now)).label)


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=500)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField()
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # The respondent's token id (signed, held by the respondent): one response per token.
    respondent = models.CharField(max_length=64)
    name = models.CharField(max_length=50, blank=True)  # identified surveys only; never public
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent"], name="surveys_one_response_per_token")
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"


class Answer(models.Model):
    """One answer: an option (one row per option chosen), a scale value, or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["question", "option"])]

    def __str__(self) -> str:
        return f"#{self.pk}"
