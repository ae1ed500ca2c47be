"""Common questions (常见问题): an agency's questions with their answers, as the public reads them.

An entry is written by the agency's information officers, reviewed by a reviewer or the disclosure
office and then published (``actions.py``). It is public while it is published and valid: from
``valid_from`` (none: from its publication) to ``valid_until`` (none: without end), both days
included. ``question_tokens`` and ``answer_tokens`` are the segmented words the full-text index reads
(``search.py``); they are written with the text, never by hand.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Entry(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="faq_entries")
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))
    category = models.CharField(_("category"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
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
    # The letter whose reply this entry was drafted from (``services.create_from_letter``): the link
    # only, never the writer's data.
    source_letter = models.ForeignKey(
        "letters.Letter",
        verbose_name=_("drafted from letter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The segmented words (sunshine.search.segment.tokens), space-separated: what the index reads.
    question_tokens = models.TextField(blank=True, editable=False)
    answer_tokens = models.TextField(blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["agency", "status"], name="faq_entry_agency_status"),
            models.Index(fields=["status", "published_at"], name="faq_entry_published"),
        ]
        verbose_name = _("common question")
        verbose_name_plural = _("common questions")

    def __str__(self) -> str:
        return self.question
