"""Writing to the audit log. Every service function calls ``record`` inside its transaction."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models

from sunshine.core import audit_actions
from sunshine.core.models import AuditEntry
from sunshine.core.request_context import client_ip
from sunshine.core.users import person_or_none

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def json_value(value: Any) -> Any:
    """A JSON-safe form of a model field value."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of ``obj`` as a JSON-safe dict (foreign keys by their id)."""
    result: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        result[name] = json_value(getattr(obj, attname))
    return result


def record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    agency: Any = None,  # an agencies.Agency or None (core imports no domain app)
) -> AuditEntry:
    """Append one entry. Call it inside the service's transaction so both land or neither does.

    ``action`` is a code labelled in ``audit_actions`` (the tests refuse any other)."""
    audit_actions.check_known(action)
    user = person_or_none(actor)
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user is not None else "",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        agency=agency,
        before=before,
        after=after,
        ip=client_ip(),
    )
