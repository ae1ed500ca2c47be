"""The health of new-media accounts (docs/newmedia.md#health): for each active account, as of a day,
its last post (sent by the cross-posting or entered by hand) and its flags: not updated (no post in
the last 14 days), no person in charge, messages unanswered (the count last entered)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max

from sunshine.newmedia.codes import POSTED, STALE_DAYS, AccountStatus
from sunshine.newmedia.models import Account, Post


@dataclass(frozen=True)
class Health:
    account: Account
    last_post: datetime.date | None
    stale: bool
    no_manager: bool
    unanswered: int

    @property
    def flagged(self) -> bool:
        return self.stale or self.no_manager or self.unanswered > 0


def window_start(on: datetime.date) -> datetime.date:
    """The first of the 14 days ending on ``on``: a post on or after it keeps the account fresh."""
    return on - datetime.timedelta(days=STALE_DAYS - 1)


def last_posts(account_ids: Iterable[int], on: datetime.date) -> dict[int, datetime.date]:
    rows = (
        Post.objects.filter(account_id__in=list(account_ids), state__in=POSTED, posted_on__lte=on)
        .order_by()
        .values("account_id")
        .annotate(last=Max("posted_on"))
    )
    return {row["account_id"]: row["last"] for row in rows}


def is_stale(last_post: datetime.date | None, on: datetime.date) -> bool:
    return last_post is None or last_post < window_start(on)


def health_of(accounts: Iterable[Account], on: datetime.date) -> list[Health]:
    """The health of each account as of ``on`` (flags only for active accounts)."""
    found = list(accounts)
    last = last_posts([a.pk for a in found], on)
    result = []
    for account in found:
        active = account.status == AccountStatus.ACTIVE
        result.append(
            Health(
                account=account,
                last_post=last.get(account.pk),
                stale=active and is_stale(last.get(account.pk), on),
                no_manager=active and not account.manager_name.strip(),
                unanswered=account.unanswered_messages if active else 0,
            )
        )
    return result


@dataclass(frozen=True)
class AgencyHealth:
    agency_code: str
    agency_name: str
    accounts: list[Health]

    @property
    def stale(self) -> int:
        return sum(h.stale for h in self.accounts)

    @property
    def no_manager(self) -> int:
        return sum(h.no_manager for h in self.accounts)

    @property
    def unanswered(self) -> int:
        return sum(h.unanswered for h in self.accounts)


def by_agency(on: datetime.date, agency_codes: Iterable[str] | None = None) -> list[AgencyHealth]:
    """The health of every active account as of ``on``, per agency (in the tree's order)."""
    accounts = Account.objects.filter(status=AccountStatus.ACTIVE).select_related("agency")
    if agency_codes is not None:
        accounts = accounts.filter(agency__code__in=list(agency_codes))
    rows = health_of(accounts.order_by("agency__path", "agency__sort_order", "platform", "name", "pk"), on)
    groups: list[AgencyHealth] = []
    for row in rows:
        agency = row.account.agency
        if not groups or groups[-1].agency_code != agency.code:
            groups.append(AgencyHealth(agency.code, agency.display_name, []))
        groups[-1].accounts.append(row)
    return groups
