"""``{% newmedia_panel record user as newmedia %}``: what the record's staff page shows of its
cross-posting (docs/newmedia.md#cross-posting): the posts with their results and, for the agency's
keepers of a published record, the form to queue it to the agency's active accounts."""

from __future__ import annotations

from typing import Any

from django import template

from sunshine.agencies.selectors import AnyUser
from sunshine.newmedia import selectors
from sunshine.newmedia.forms import QueueForm
from sunshine.records.models import Record

register = template.Library()


@register.simple_tag
def newmedia_panel(record: Record, user: AnyUser) -> dict[str, Any]:
    posts = list(selectors.posts_of_record(record))
    published = selectors.is_published(record)
    form = None
    if published and selectors.may_keep(user, record.agency):
        queued = {p.account_id for p in posts}
        accounts = selectors.active_accounts_of(record.agency).exclude(pk__in=queued)
        if accounts.exists():
            form = QueueForm(accounts=accounts)
    return {"show": bool(posts) or form is not None, "posts": posts, "form": form}
