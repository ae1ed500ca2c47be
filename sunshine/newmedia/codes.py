"""The words of new-media accounts (政务新媒体, docs/newmedia.md): platforms, account statuses, the
states of a post, and who keeps the registry. These strings are an interface: keep them as they are."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sunshine.agencies.models import Role


class Platform(models.TextChoices):
    WECHAT = "wechat", _("WeChat official account")
    WEIBO = "weibo", _("Weibo")
    DOUYIN = "douyin", _("Douyin")
    TOUTIAO = "toutiao", _("Toutiao")
    APP = "app", _("Own app")
    OTHER = "other", _("Other platform")


class AccountStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSING = "closing", _("Closing")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another account")


class PostState(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    RETRYING = "retrying", _("Failed, tried again later")
    SENT = "sent", pgettext_lazy("new-media post", "Sent")
    NOT_SUPPORTED = "not_supported", _("Not supported: post it by hand")
    CANCELLED = "cancelled", _("Not sent: the record is no longer published")
    MANUAL = "manual", _("Entered by hand")


# Posts that count as the account's posts (for its health): sent through the outbox or entered by hand.
POSTED = (PostState.SENT, PostState.MANUAL)
# Posts the push still has to send.
PENDING = (PostState.QUEUED, PostState.RETRYING)
# Who keeps an agency's registry, opens accounts, queues records and starts a closing: its
# information officers and the disclosure office (held in it or above it).
KEEPER_ROLES = frozenset({Role.OFFICER, Role.DISCLOSURE_OFFICE})
# Who approves the end of an account (closed or merged): the disclosure office.
APPROVER_ROLES = frozenset({Role.DISCLOSURE_OFFICE})
# An active account without a post in this many days is flagged as not updated.
STALE_DAYS = 14
