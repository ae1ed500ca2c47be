"""Reads of new-media accounts. Staff see the accounts of the agencies whose non-public data they may
see; the agency's information officers and the disclosure office keep them. The public reads the
active accounts only, without the person in charge. Every staff check takes the acting user."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser, agencies_for_staff, roles_in
from sunshine.newmedia.actions import ACCOUNT
from sunshine.newmedia.codes import KEEPER_ROLES, AccountStatus, Platform, PostState
from sunshine.newmedia.models import Account, Post
from sunshine.records.codes import Status
from sunshine.records.models import Record

# The platforms in the order of ``Platform`` (WeChat, Weibo, Douyin …), not of their codes' letters.
PLATFORM_ORDER = Case(
    *[When(platform=value, then=Value(rank)) for rank, value in enumerate(Platform.values)],
    default=Value(len(Platform.values)),
    output_field=IntegerField(),
)


def kept_agencies(user: AnyUser) -> QuerySet[Agency]:
    """The agencies whose accounts ``user`` keeps: their officer and disclosure office roles."""
    return agencies_for_staff(user, roles=KEEPER_ROLES).filter(is_active=True)


def may_keep(user: AnyUser, agency: Agency) -> bool:
    return bool(roles_in(user, agency) & KEEPER_ROLES)


def accounts_for(user: AnyUser) -> QuerySet[Account]:
    return Account.objects.filter(agency__in=agencies_for_staff(user).values("pk")).select_related(
        "agency", "merged_into"
    )


def get_account(user: AnyUser, pk: int) -> Account:
    found = accounts_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404(pk)
    return found


def account_actions(user: AnyUser, account: Account) -> list[str]:
    return ACCOUNT.for_roles(account.status, roles_in(user, account.agency))


def merge_targets(account: Account) -> QuerySet[Account]:
    """The accounts an account may be merged into: the agency's other active accounts."""
    return (
        Account.objects.filter(agency_id=account.agency_id, status=AccountStatus.ACTIVE)
        .exclude(pk=account.pk)
        .order_by("platform", "name")
    )


def active_accounts_of(agency: Agency) -> QuerySet[Account]:
    return Account.objects.filter(agency=agency, status=AccountStatus.ACTIVE).order_by(
        PLATFORM_ORDER, "name", "pk"
    )


def posts_of_record(record: Record) -> QuerySet[Post]:
    return (
        Post.objects.filter(record=record)
        .select_related("account")
        .order_by("account__platform", "account__name", "pk")
    )


def is_published(record: Record) -> bool:
    return record.revisions.filter(status=Status.PUBLISHED).exists()


def public_accounts() -> QuerySet[Account]:
    """The accounts the portal lists: active ones of active agencies."""
    return (
        Account.objects.filter(status=AccountStatus.ACTIVE, agency__is_active=True)
        .select_related("agency")
        .order_by("agency__path", "agency__sort_order", PLATFORM_ORDER, "name", "pk")
    )


def failed_posts(account: Account) -> QuerySet[Post]:
    return account.posts.filter(state=PostState.RETRYING)
