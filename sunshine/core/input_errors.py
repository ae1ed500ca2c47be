"""Pydantic's input errors as our own translated messages, keyed on pydantic's error type, one per
field: used by the API's error handler and by the workflow kernel's typed action input."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

UNION_TAG_ERRORS = frozenset({"union_tag_invalid", "union_tag_not_found"})


def _field_name(loc: Sequence[Any], param_names: frozenset[str], tag: str | None = None) -> str:
    """The field an error is about, as the client named it: without the place of the parameter
    (``body``), the parameter's own name (``payload``) and the tag of a discriminated union (the
    ``action`` the body named)."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"query", "path", "body", "header", "cookie", "form", "file"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in param_names:
        parts = parts[1:]
    if tag is not None and len(parts) > 1 and parts[0] == tag:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def _discriminator(error: Mapping[str, Any]) -> str:
    return str((error.get("ctx") or {}).get("discriminator", "")).strip("'\"")


def pydantic_message(error: Mapping[str, Any]) -> str:
    """Our translated message for one pydantic error."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing" or kind == "union_tag_not_found":
        return _("This field is required.")
    if kind == "union_tag_invalid":
        return _("Choose one of: %(values)s.") % {"values": ctx.get("expected_tags", "")}
    if kind in {"string_too_short", "too_short"}:
        return _("Enter at least %(n)s characters.") % {"n": ctx.get("min_length", "")}
    if kind in {"string_too_long", "too_long"}:
        return _("Enter at most %(n)s characters.") % {"n": ctx.get("max_length", "")}
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Enter a whole number.")
    if kind in {"date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"}:
        return _("Enter a real date as YYYY-MM-DD.")
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Enter a value of at least %(n)s.") % {"n": ctx.get("ge", ctx.get("gt", ""))}
    if kind in {"less_than_equal", "less_than"}:
        return _("Enter a value of at most %(n)s.") % {"n": ctx.get("le", ctx.get("lt", ""))}
    if kind in {"literal_error", "enum"}:
        return _("Choose one of: %(values)s.") % {"values": ctx.get("expected", "")}
    if kind in {"string_type", "string_pattern_mismatch"}:
        return _("Enter valid text.")
    if kind == "bool_parsing":
        return _("Enter true or false.")
    if kind in {"json_invalid", "model_attributes_type", "dict_type", "model_type"}:
        return _("The request body must be a JSON object.")
    if kind == "value_error" and "error" in ctx:
        # Our own validators raise ValueError with an already translated message.
        return str(ctx["error"])
    return _("Enter a valid value.")


def validation_fields(
    errors: Sequence[Mapping[str, Any]], param_names: frozenset[str] = frozenset(), tag: str | None = None
) -> dict[str, str]:
    """One translated message per field. ``tag``: the value the body gave the discriminator of a
    union (its ``action``), left out of the field names."""
    fields: dict[str, str] = {}
    for error in errors:
        if error.get("type") in UNION_TAG_ERRORS:
            loc = [*error.get("loc", ()), _discriminator(error)]
            name = _field_name(loc, param_names)
        else:
            name = _field_name(error.get("loc", ()), param_names, tag)
        fields.setdefault(name, pydantic_message(error))
    return fields
