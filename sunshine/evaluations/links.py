"""The applicant's rating link, sent by text message: signed with the site's secret and dated, it
opens the rating form of one case without the access key, for ``SUNSHINE_EVALUATION_LINK_DAYS``
days (docs/evaluations.md#the-rating-link). Nothing is stored: the signature is the proof."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from sunshine.cases.models import Case

SALT = "sunshine.evaluations.rating-link"


class LinkExpired(Exception):
    """The link was genuine but is older than the days it works for."""


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def token_for(case: Case) -> str:
    """``<code>:<time>:<signature>``; the case's access salt takes part, so a renewed key ends it."""
    return _signer().sign(f"{case.tracking_code.replace('-', '')}.{case.access_salt[:6]}")


def link_for(case: Case) -> str:
    """The path of the link (the site's address goes before it in the message)."""
    return reverse("evaluations:link", args=[token_for(case)])


def expires_on() -> datetime.date:
    """The last day a link made today works (to the hour it was made)."""
    return timezone.localdate() + datetime.timedelta(days=settings.SUNSHINE_EVALUATION_LINK_DAYS)


def case_for(token: str) -> Case:
    """The case of a genuine, unexpired link; ``LinkExpired`` or ``Case.DoesNotExist`` otherwise."""
    max_age = datetime.timedelta(days=settings.SUNSHINE_EVALUATION_LINK_DAYS)
    try:
        value = _signer().unsign(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired(token) from exc
    except signing.BadSignature as exc:
        raise Case.DoesNotExist(token) from exc
    code, _sep, salt = value.partition(".")
    if len(code) != 13:
        raise Case.DoesNotExist(token)
    case = (
        Case.objects.select_related("agency", "item", "version")
        .filter(tracking_code=f"{code[:5]}-{code[5:]}")
        .first()
    )
    if case is None or not case.access_salt.startswith(salt):
        raise Case.DoesNotExist(token)
    return case
