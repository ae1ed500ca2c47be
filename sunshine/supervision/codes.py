"""The figures and codes of electronic supervision (电子监察, docs/supervision.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Role
from sunshine.cases.codes import Warning

Level = Warning  # none | yellow | red, the same words as the cases' warning
LEVEL_RANK = {Warning.NONE: 0, Warning.YELLOW: 1, Warning.RED: 2}


class Anomaly(models.TextChoices):
    TOO_FAST = "too_fast", _("Decided faster than plausible")
    NO_REASONS = "no_reasons", _("Refused or denied without reasons")
    REPEATED_RETURNS = "repeated_returns", _("Materials returned more than once")
    LONG_SUSPENSION = "long_suspension", _("Suspended longer than allowed")


class Clock(models.TextChoices):
    PROMISED = "promised", _("Promised time limit")
    STATUTORY = "statutory", _("Statutory time limit")


class NoticeStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the agency's reply")
    REPLIED = "replied", _("Replied, waiting to be closed")
    CLOSED = "closed", _("Closed")


OPEN_NOTICES = frozenset({NoticeStatus.OPEN, NoticeStatus.REPLIED})
# Who supervises: the disclosure office and the supervisors, for their subtree (tree roles).
SUPERVISING_ROLES = frozenset({Role.DISCLOSURE_OFFICE, Role.SUPERVISOR})
# Who answers a notice for the agency it concerns.
REPLYING_ROLES = frozenset({Role.OFFICER, Role.SIGNER, Role.DISCLOSURE_OFFICE})
