"""The words of service evaluation (好差评, docs/evaluations.md): the five levels, the optional
dimensions, the channels, and the statuses of a rectification (整改)."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sunshine.cases.codes import Status as CaseStatus


class Level(models.IntegerChoices):
    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    BASICALLY_SATISFIED = 3, _("Basically satisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


# Levels 3–5 count as satisfied; 1 and 2 are a bad rating (差评), which opens a rectification.
SATISFIED_LEVELS = frozenset({3, 4, 5})
BAD_LEVELS = frozenset({1, 2})

# The optional sub-scores (1–5 each), after the online dimensions of the national rules.
DIMENSIONS: dict[str, Promise | str] = {
    "attitude": _("Service attitude"),
    "efficiency": _("Efficiency"),
    "convenience": _("Convenience of handling it online"),
    "transparency": _("Openness and transparency of information"),
    "guidance": _("Accuracy of the service guide"),
}


class Channel(models.TextChoices):
    CASE = "case", _("By the applicant of a case")
    WINDOW = "window", _("At the counter (QR code)")


class Round(models.IntegerChoices):
    FIRST = 0, _("Rating")
    APPENDED = 1, _("Appended rating")


# Only a case the agency has finished with can be rated.
FINISHED_CASE_STATUSES = frozenset({CaseStatus.DECIDED, CaseStatus.DELIVERED, CaseStatus.REFUSED})


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the agency's answer")
    ANSWERED = "answered", _("Answered, waiting for verification")
    CLOSED = "closed", _("Rectified and verified")


class VisitMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    SMS = "sms", _("Text message")
    VISIT = "visit", _("In person")
    OTHER = "other", _("Other")
