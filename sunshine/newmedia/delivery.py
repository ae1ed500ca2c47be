"""Sending the queued posts (docs/newmedia.md#cross-posting): ``push`` takes the posts that are due,
oldest first, and sends each through its platform's adapter with the account's credentials. A post
sent keeps its address (or the platform's note) and the day; a failure counts an attempt, keeps the
platform's error in words and sets the next attempt later (1, 2, 4 … minutes, at most an hour apart,
as the outbox does): a post is never given up. A platform without an adapter is recorded as not
supported (post it by hand); a record withdrawn meanwhile is not sent.

Two runs at once never send the same post: each run first claims a post with one conditional update
(``claimed_until``), which only one run can win, then sends it outside any transaction."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from sunshine.newmedia.adapters import adapter_for
from sunshine.newmedia.adapters.base import Content, PlatformError, Sent
from sunshine.newmedia.codes import PENDING, PostState
from sunshine.newmedia.credentials import credentials_for
from sunshine.newmedia.models import Post
from sunshine.outbox.delivery import backoff
from sunshine.records.codes import Status
from sunshine.records.models import Revision

log = logging.getLogger(__name__)
BATCH = 200
DIGEST = 120


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    not_supported: int = 0
    cancelled: int = 0
    waiting: int = 0  # claimed by another run


def content_of(revision: Revision) -> Content:
    """What is posted of a published record: its title, a summary, its public text and its page."""
    text = revision.summary.strip() or strip_tags(revision.public_body_text or revision.public_body).strip()
    digest = " ".join(text.split())[:DIGEST]
    path = reverse("portal:record_detail", args=[revision.record.index_number])
    site = str(getattr(settings, "SUNSHINE_SITE_URL", "")).rstrip("/")
    return Content(title=revision.title, digest=digest, html=revision.public_body, link=f"{site}{path}")


def _lease(now: datetime.datetime) -> datetime.datetime:
    # Three calls at most per post (WeChat), each within the timeout, and a margin.
    return now + datetime.timedelta(seconds=4 * float(settings.SUNSHINE_NEWMEDIA_TIMEOUT) + 60)


def _claim(pk: int, now: datetime.datetime) -> Post | None:
    won = (
        Post.objects.filter(pk=pk, state__in=PENDING, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=_lease(now))
    )
    if not won:
        return None
    return Post.objects.select_related("account", "record").get(pk=pk)


def _attempt(post: Post) -> Sent:
    adapter = adapter_for(post.account.platform)
    if adapter is None:
        raise NotImplementedError
    credentials = credentials_for(post.account.account_id)
    if credentials is None:
        raise PlatformError(_("No credentials for this account (SUNSHINE_NEWMEDIA_CREDENTIALS_FILE)."))
    return adapter(content_of(_published(post)), credentials, float(settings.SUNSHINE_NEWMEDIA_TIMEOUT))


def _published(post: Post) -> Revision:
    assert post.record is not None  # queued posts always have their record
    revision = post.record.revisions.filter(status=Status.PUBLISHED).select_related("record").first()
    if revision is None:
        raise LookupError
    return revision


def _send(post: Post, now: datetime.datetime, outcome: Outcome) -> None:
    fields = ["state", "claimed_until", "last_error", "result", "url", "posted_on", "sent_at", "attempts"]
    fields += ["next_attempt_at"]
    post.claimed_until = None
    try:
        sent = _attempt(post)
    except NotImplementedError:
        post.state = PostState.NOT_SUPPORTED
        post.result = _("Posting to %(platform)s is not supported: post it by hand.") % {
            "platform": post.account.get_platform_display()
        }
        outcome.not_supported += 1
    except LookupError:
        post.state = PostState.CANCELLED
        post.result = _("The record is no longer published: not sent.")
        outcome.cancelled += 1
    except PlatformError as exc:
        post.attempts += 1
        post.state = PostState.RETRYING
        post.last_error = exc.message[:500]
        post.next_attempt_at = now + backoff(post.attempts)
        outcome.failed += 1
        log.warning("new-media post %s to account %s not sent: %s", post.pk, post.account_id, post.last_error)
    else:
        post.attempts += 1
        post.state, post.url, post.result = PostState.SENT, sent.url[:500], sent.note[:500]
        post.last_error, post.sent_at = "", now
        post.posted_on = timezone.localdate(now)
        outcome.sent += 1
    post.save(update_fields=fields)


def due(now: datetime.datetime) -> list[int]:
    rows = (
        Post.objects.filter(state__in=PENDING, next_attempt_at__lte=now)
        .order_by("id")
        .values_list("id", flat=True)
    )
    return list(rows[:BATCH])


def push(*, now: datetime.datetime | None = None) -> Outcome:
    """Send the posts that are due, oldest first."""
    now = now or timezone.now()
    outcome = Outcome()
    for pk in due(now):
        post = _claim(pk, now)
        if post is None:
            outcome.waiting += 1
            continue
        _send(post, now, outcome)
    return outcome
