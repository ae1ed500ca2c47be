"""The statuses of a service case (办件) and the figures of the law (docs/cases.md).

- ``submitted``: the application is in, the agency examines whether it is complete (5 working days);
- ``awaiting_materials``: the one-time notice of missing items (一次性告知) went out; waiting for them;
- ``accepted``: accepted (受理), by the agency or by the law itself when it stayed silent; the
  decision clock runs from the day the complete materials arrived;
- ``suspended``: a hearing, testing, expert review … (行政许可法 Art. 45): the clock stops;
- ``decided``: approved or denied, with the reasons;
- ``delivered``: the decision (and any certificate) handed to the applicant;
- ``refused``: not accepted (不予受理), with the reason.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# 行政许可法 Art. 32: the notice of missing items within 5 days of receipt (working days, Art. 82).
NOTICE_WORKING_DAYS = 5
# 行政许可法 Art. 42: one extension of at most 10 working days, approved by the agency's head.
MAX_EXTENSION = 10


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    AWAITING_MATERIALS = "awaiting_materials", _("Waiting for missing materials")
    ACCEPTED = "accepted", _("Accepted")
    SUSPENDED = "suspended", _("Suspended")
    DECIDED = "decided", _("Decided")
    DELIVERED = "delivered", _("Delivered")
    REFUSED = "refused", _("Not accepted")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the counter")
    POST = "post", _("By post")


STAFF_CHANNELS = (Channel.COUNTER, Channel.POST, Channel.ONLINE)


class Result(models.TextChoices):
    # "Approved" alone is the review step of replies (已审核); a licence is granted (准予许可).
    APPROVED = "approved", pgettext_lazy("licence decision", "Approved")
    DENIED = "denied", _("Denied")


class Warning(models.TextChoices):
    NONE = "none", _("No warning")
    YELLOW = "yellow", _("Yellow warning")
    RED = "red", _("Red warning")


BEFORE_ACCEPTANCE: frozenset[str] = frozenset({Status.SUBMITTED, Status.AWAITING_MATERIALS})
CLOCK_RUNNING: frozenset[str] = frozenset({Status.ACCEPTED, Status.SUSPENDED})
CONCLUDED: frozenset[str] = frozenset({Status.DECIDED, Status.DELIVERED, Status.REFUSED})
