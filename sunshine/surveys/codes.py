"""The statuses, phases and question kinds of a survey, as translated choices."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    """Stored status; whether a published survey is open or closed follows from its dates."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RESULTS_PUBLISHED = "results_published", _("Results published")


class Phase(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", pgettext_lazy("survey", "Closed")
    RESULTS_PUBLISHED = "results_published", _("Results published")


class Kind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Written answer")
    SCALE = "scale", _("Scale from 1 to 5")


CHOICE_KINDS = frozenset({Kind.SINGLE, Kind.MULTIPLE})
SCALE = range(1, 6)
