"""The respondent's token: a signed random id (django.core.signing) bound to one survey, held in a
cookie by the pages and returned by the API. A survey takes one response per token."""

from __future__ import annotations

import secrets

from django.core import signing

SALT = "sunshine.surveys.respondent"


def cookie_name(survey_pk: int) -> str:
    return f"survey_{survey_pk}"


def issue(survey_pk: int) -> tuple[str, str]:
    """A new token for the survey and the id it carries."""
    respondent = secrets.token_hex(16)
    return signing.dumps({"s": survey_pk, "r": respondent}, salt=SALT), respondent


def read(token: str | None, survey_pk: int) -> str | None:
    """The respondent id of a valid token of this survey, or None."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("s") != survey_pk:
        return None
    respondent = data.get("r")
    return respondent if isinstance(respondent, str) else None
