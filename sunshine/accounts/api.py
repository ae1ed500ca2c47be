"""POST /api/v1/auth/token: a bearer token for a staff account; and how the API checks one
(``BearerToken``, part of ``sunshine.api.auth.staff_auth``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import authenticate
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import HttpBearer, SessionAuth
from pydantic import Field

from sunshine.accounts import second_factor
from sunshine.accounts.models import ApiToken
from sunshine.accounts.tokens import issue_token, live_tokens, revoke_token, user_for_token
from sunshine.api.errors import ApiProblem

router = Router()


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class TokenRequest(Schema):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=512)
    otp: str | None = Field(
        None,
        max_length=32,
        description=(
            "For a person with a second factor: the code of their authenticator app, or a recovery "
            "code. Without it they get 401 `otp_required`."
        ),
    )


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"  # noqa: S105 - the scheme name, not a secret
    expires_at: datetime.datetime


@router.post("/token", response={201: TokenOut}, auth=None, summary="Get an API token")
def create_token(request: HttpRequest, payload: TokenRequest) -> Status[TokenOut]:
    """Exchange a staff username and password for a bearer token.

    Repeated failures lock the account for a while (the same lockout as the sign-in page). A person
    with a second factor sends its code as ``otp`` (401 ``otp_required`` without it, 401
    ``invalid_otp`` when wrong); an administrator who must have one and has not set it up gets 403
    ``otp_enrolment_required`` (docs/security.md#second-factor).
    """
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        raise ApiProblem(401, "invalid_credentials", _("The username or password is not correct."))
    _second_factor(user, payload.otp)
    token, secret = issue_token(user=user)
    return Status(201, TokenOut(token=secret, expires_at=token.expires_at))


def _second_factor(user: Any, code: str | None) -> None:
    if second_factor.has_device(user):
        if not (code or "").strip():
            raise ApiProblem(
                401, "otp_required", _("This account has a second factor: send its code as otp.")
            )
        if second_factor.verify_code(user=user, code=code or "", where="api") is None:
            raise ApiProblem(401, "invalid_otp", _("The second-factor code is not right."))
    elif second_factor.required_for(user):
        raise ApiProblem(
            403,
            "otp_enrolment_required",
            _("Administrators must set up two-step sign-in on the staff pages before using the API."),
        )


class TokenListed(Schema):
    """A token as listed: never its secret nor its digest; ``label`` is the secret's first characters."""

    id: int
    label: str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    last_used_at: datetime.datetime | None


def _listed(token: ApiToken) -> TokenListed:
    return TokenListed(
        id=token.pk,
        label=f"{token.prefix}…",
        created_at=token.created_at,
        expires_at=token.expires_at,
        last_used_at=token.last_used_at,
    )


_person = [BearerToken(), SessionAuth()]  # as sunshine.api.auth.staff_auth, which imports this module


@router.get("/tokens", response=list[TokenListed], auth=_person, summary="List your API tokens")
def list_tokens(request: HttpRequest) -> list[TokenListed]:
    """Your tokens that still open the API, newest first, without their secrets."""
    return [_listed(t) for t in live_tokens(request.user)]


@router.delete("/tokens/{token_id}", response={204: None}, auth=_person, summary="Revoke an API token")
def delete_token(request: HttpRequest, token_id: int) -> Status[None]:
    """Revoke one of your tokens: it no longer opens the API. Another person's token is not found."""
    token = live_tokens(request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404(token_id)
    revoke_token(token=token, by=request.user)
    return Status(204, None)
