"""The words of inspections (docs/inspections.md): kinds, statuses, checklist results, and the statuses
of a rectification (整改) a finding opens. These strings are an interface: keep them as they are."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Role
from sunshine.letters.codes import Kind as LetterKind


class Kind(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly inspection")
    SURPRISE = "surprise", _("Surprise inspection")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class Result(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    NA = "na", _("Not applicable")


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the agency's answer")
    ANSWERED = "answered", _("Answered, waiting for verification")
    CLOSED = "closed", _("Rectified and verified")


# Who inspects: the disclosure office of the tree and supervisors (held in the agency or above it).
INSPECTOR_ROLES = frozenset({Role.DISCLOSURE_OFFICE, Role.SUPERVISOR})
# Who answers a rectification: the inspected agency's information officers.
ANSWER_ROLES = frozenset({Role.OFFICER})
# Letters that are complaints about an agency (by the agency the writer addressed).
COMPLAINT_KINDS = (LetterKind.COMPLAINT, LetterKind.DISCLOSURE_COMPLAINT)
OPEN_RECTIFICATION = (RectificationStatus.OPEN, RectificationStatus.ANSWERED)
