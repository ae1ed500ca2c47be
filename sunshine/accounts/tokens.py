"""Issuing and checking API bearer tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sunshine.accounts.models import ApiToken
from sunshine.core import audit

TOKEN_BYTES = 32


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def issue_token(*, user: User) -> tuple[ApiToken, str]:
    """A new token for ``user``: the stored row and the secret, which is never stored."""
    secret = secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken.objects.create(
        user=user,
        digest=digest_of(secret),
        prefix=secret[:8],
        expires_at=timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS),
    )
    audit.record(actor=user, action="api_token.issue", obj=token, after={"prefix": token.prefix})
    return token, secret


def user_for_token(secret: str) -> User | None:
    """The active user a valid, unexpired, unrevoked token belongs to, or None."""
    if not secret:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(secret), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def revoke_token(*, token: ApiToken, by: AbstractBaseUser | AnonymousUser, reason: str = "revoked") -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    after = {"prefix": token.prefix, "reason": reason}
    audit.record(actor=by, action="api_token.revoke", obj=token, after=after)


def live_tokens(user: AbstractBaseUser | AnonymousUser) -> QuerySet[ApiToken]:
    """The person's tokens that still open the API (not revoked, not expired), newest first."""
    if user.pk is None:  # nobody signed in
        return ApiToken.objects.none()
    live = ApiToken.objects.filter(user_id=int(user.pk), revoked_at__isnull=True)
    return live.filter(expires_at__gt=timezone.now()).order_by("-created_at", "-pk")


@transaction.atomic
def revoke_all(*, user: AbstractBaseUser, reason: str) -> int:
    """Revoke every live token of ``user`` (a password change), an audit row each; how many."""
    tokens = list(live_tokens(user).select_for_update())
    for token in tokens:
        revoke_token(token=token, by=user, reason=reason)
    return len(tokens)
