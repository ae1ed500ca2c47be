"""The letters' door to the brake on guessing access keys (``core.key_tries``), as for requests."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from sunshine.core import key_tries
from sunshine.letters.access import normalize_code


def refused_message() -> str:
    return _(
        "There have been too many unsuccessful attempts to open a letter from your connection. Please try "
        "again in ten minutes."
    )


def refusal(request: HttpRequest, code: str | None) -> key_tries.Refusal | None:
    return key_tries.refusal(request, normalize_code(code))


def record_failure(request: HttpRequest, code: str | None) -> None:
    key_tries.fail(request, normalize_code(code))
