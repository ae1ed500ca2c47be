"""Idempotency-Key handling for creating API calls: the same key and body give the first result."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sunshine.api.errors import ApiProblem
from sunshine.core.models import IdempotencyKey

T = TypeVar("T")
MAX_KEY_LENGTH = 200


def fingerprint(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def once(
    *,
    scope: str,
    key: str | None,
    payload: Any,
    create: Callable[[], T],
    object_id: Callable[[T], str],
    load: Callable[[str], T],
) -> tuple[T, bool]:
    """Run ``create`` unless this key was seen before; return the object and whether it is new."""
    if not key:
        return create(), True
    if len(key) > MAX_KEY_LENGTH:
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"Idempotency-Key": _("Enter at most %(n)s characters.") % {"n": MAX_KEY_LENGTH}},
        )
    digest = fingerprint(payload)

    def existing() -> tuple[T, bool] | None:
        row = IdempotencyKey.objects.filter(scope=scope, key=key).first()
        if row is None:
            return None
        if row.fingerprint != digest:
            raise ApiProblem(
                422,
                "idempotency_key_reused",
                _("This Idempotency-Key was used before with a different request."),
            )
        return load(row.object_id), False

    found = existing()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            obj = create()
            IdempotencyKey.objects.create(scope=scope, key=key, fingerprint=digest, object_id=object_id(obj))
    except IntegrityError:
        found = existing()
        if found is None:
            raise
        return found
    return obj, True
