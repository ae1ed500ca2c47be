"""Changes to the registry of new-media accounts and to their posts (docs/newmedia.md). Each is one
transaction with an audit row under the account workflow's name: ``newmedia_account.create``,
``.edit``, ``.queue`` (a published record queued for cross-posting to an account), ``.post`` (a post
entered by hand), ``.messages`` (the count of unanswered messages), and the steps of the workflow."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import invalid
from sunshine.newmedia.actions import ACCOUNT, account_snapshot, record_event
from sunshine.newmedia.codes import AccountStatus, Platform, PostState
from sunshine.newmedia.models import Account, Post
from sunshine.newmedia.selectors import may_keep
from sunshine.records.codes import Status
from sunshine.records.models import Record


@dataclass(frozen=True)
class AccountInput:
    """What the registry holds of an account, as entered."""

    platform: str
    name: str
    account_id: str
    operating_unit: str
    public_url: str = ""
    manager_name: str = ""
    manager_phone: str = ""
    approval_date: datetime.date | None = None
    approval_number: str = ""
    opened_on: datetime.date | None = None


def _forbid(user: AnyUser | None, agency: Agency) -> None:
    if user is not None and not may_keep(user, agency):
        raise PermissionDenied(
            _("The agency's information officers and the disclosure office keep its new-media accounts.")
        )


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _clean(data: AccountInput, *, today: datetime.date, pk: int | None = None) -> AccountInput:
    values: dict[str, Any] = {k: (v.strip() if isinstance(v, str) else v) for k, v in asdict(data).items()}
    cleaned = AccountInput(**values)
    errors: dict[str, str] = {}
    if cleaned.platform not in Platform.values:
        errors["platform"] = _("Choose the platform.")
    if not cleaned.name:
        errors["name"] = _("Give the account's name.")
    if not cleaned.account_id:
        errors["account_id"] = _("Give the account's id on the platform.")
    elif (
        Account.objects.filter(platform=cleaned.platform, account_id=cleaned.account_id)
        .exclude(pk=pk or 0)
        .exists()
    ):
        errors["account_id"] = _("This account is already registered.")
    if not cleaned.operating_unit:
        errors["operating_unit"] = _("Say which unit runs the account.")
    if cleaned.public_url and not _is_web_address(cleaned.public_url):
        errors["public_url"] = _("Give a web address (http:// or https://).")
    if cleaned.approval_date and cleaned.approval_date > today:
        errors["approval_date"] = _("The date cannot be in the future.")
    if cleaned.opened_on and cleaned.opened_on > today:
        errors["opened_on"] = _("The date cannot be in the future.")
    if errors:
        raise invalid(errors)
    return cleaned


@transaction.atomic
def register_account(
    *, by: AnyUser | None, agency: Agency, data: AccountInput, today: datetime.date | None = None
) -> Account:
    """A new active account of ``agency`` in the registry."""
    _forbid(by, agency)
    today = today or timezone.localdate()
    cleaned = _clean(data, today=today)
    fields = asdict(cleaned)
    fields["opened_on"] = cleaned.opened_on or cleaned.approval_date or today
    account = Account.objects.create(agency=agency, created_on=today, created_by=person_or_none(by), **fields)
    record_event(account, "create", today, by)
    audit.record(
        actor=by,
        action="newmedia_account.create",
        obj=account,
        after=account_snapshot(account),
        agency=agency,
    )
    return account


@transaction.atomic
def edit_account(
    *, by: AnyUser | None, account: Account, data: AccountInput, today: datetime.date | None = None
) -> Account:
    """Change an account's details (its status changes only by its steps)."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    _forbid(by, account.agency)
    today = today or timezone.localdate()
    cleaned = _clean(data, today=today, pk=account.pk)
    before = account_snapshot(account)
    manager_before = (account.manager_name, account.manager_phone)
    for name, value in asdict(cleaned).items():
        if name == "opened_on" and value is None:
            continue
        setattr(account, name, value)
    after = account_snapshot(account)
    manager_changed = manager_before != (account.manager_name, account.manager_phone)
    if after == before and not manager_changed:
        return account
    account.save()
    changed = sorted(k for k in after if after[k] != before[k]) + (["manager"] if manager_changed else [])
    record_event(account, "edit", today, by, fields=changed)
    audit.record(
        actor=by,
        action="newmedia_account.edit",
        obj=account,
        before=before,
        after={**after, "manager_changed": manager_changed},
        agency=account.agency,
    )
    return account


def perform_account_action(
    *,
    account: Account,
    action: str,
    by: AnyUser | None,
    input: dict[str, object] | None = None,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Account:
    return ACCOUNT.perform(account, action, by=by, input=input, date=date, today=today)


@transaction.atomic
def add_post(
    *,
    by: AnyUser | None,
    account: Account,
    title: str,
    posted_on: datetime.date | None,
    url: str = "",
    today: datetime.date | None = None,
) -> Post:
    """A post the account published outside the cross-posting (entered by hand, with its date)."""
    _forbid(by, account.agency)
    today = today or timezone.localdate()
    title, url = title.strip(), url.strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Give the post's title.")
    if posted_on is None:
        errors["posted_on"] = _("Give the day it was posted.")
    elif posted_on > today:
        errors["posted_on"] = _("The date cannot be in the future.")
    elif posted_on < account.opened_on:
        errors["posted_on"] = _("The date cannot be before the account was opened.")
    if url and not _is_web_address(url):
        errors["url"] = _("Give a web address (http:// or https://).")
    if account.status != AccountStatus.ACTIVE and not errors:
        errors["__all__"] = _("Posts are entered for active accounts only.")
    if errors:
        raise invalid(errors)
    post = Post.objects.create(
        account=account,
        title=title[:300],
        state=PostState.MANUAL,
        posted_on=posted_on,
        url=url,
        created_by=person_or_none(by),
    )
    record_event(account, "post", today, by, title=post.title, posted_on=posted_on)
    audit.record(
        actor=by,
        action="newmedia_account.post",
        obj=post,
        after={
            "account": account.pk,
            "title": post.title,
            "posted_on": audit.json_value(posted_on),
            "url": url,
        },
        agency=account.agency,
    )
    return post


@transaction.atomic
def count_messages(
    *, by: AnyUser | None, account: Account, unanswered: int, today: datetime.date | None = None
) -> Account:
    """Enter the number of the account's messages from the public still unanswered, as of today."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    _forbid(by, account.agency)
    today = today or timezone.localdate()
    if unanswered < 0:
        raise invalid({"unanswered": _("Enter a number of at least 0.")})
    before = {"unanswered_messages": account.unanswered_messages}
    account.unanswered_messages, account.unanswered_counted_on = unanswered, today
    account.save(update_fields=["unanswered_messages", "unanswered_counted_on"])
    record_event(account, "messages", today, by, unanswered=unanswered)
    audit.record(
        actor=by,
        action="newmedia_account.messages",
        obj=account,
        before=before,
        after={"unanswered_messages": unanswered},
        agency=account.agency,
    )
    return account


@transaction.atomic
def queue_record(*, by: AnyUser | None, record: Record, accounts: Sequence[Account]) -> list[Post]:
    """Queue a published record for cross-posting to active accounts of its agency: one outbox row
    per account (an account it is already queued to is left as it is). The push sends them."""
    _forbid(by, record.agency)
    revision = record.revisions.filter(status=Status.PUBLISHED).first()
    if revision is None:
        raise invalid({"__all__": _("Only a published record can be cross-posted.")})
    if not accounts:
        raise invalid({"accounts": _("Choose at least one account.")})
    chosen = {a.pk for a in accounts}
    allowed = set(
        Account.objects.filter(pk__in=chosen, agency=record.agency, status=AccountStatus.ACTIVE).values_list(
            "pk", flat=True
        )
    )
    if allowed != chosen:
        raise invalid({"accounts": _("Choose active accounts of the record's agency.")})
    already = set(
        Post.objects.filter(record=record, account_id__in=chosen).values_list("account_id", flat=True)
    )
    today = timezone.localdate()
    created: list[Post] = []
    for account in Account.objects.filter(pk__in=sorted(chosen - already)).order_by("pk"):
        post = Post.objects.create(
            account=account,
            record=record,
            title=revision.title[:300],
            state=PostState.QUEUED,
            created_by=person_or_none(by),
        )
        record_event(account, "queue", today, by, record=record.index_number, title=post.title)
        audit.record(
            actor=by,
            action="newmedia_account.queue",
            obj=post,
            after={"account": account.pk, "record": record.pk, "index_number": record.index_number},
            agency=record.agency,
        )
        created.append(post)
    return created
