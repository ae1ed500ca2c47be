"""One error shape for every API error: {"error": {"code", "message", "fields"}}.

Messages are in the request's language: pydantic's English messages are replaced by our own
translated ones, keyed on pydantic's error type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _


class ApiProblem(Exception):
    """A domain error the API answers with a given status, code and (translated) message."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def error_response(
    status: int, code: str, message: str, fields: Mapping[str, str] | None = None
) -> JsonResponse:
    body = {"error": {"code": code, "message": message, "fields": dict(fields or {})}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _field_name(loc: Sequence[Any], param_names: frozenset[str]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"query", "path", "body", "header", "cookie", "form", "file"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in param_names:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def pydantic_message(error: Mapping[str, Any]) -> str:
    """Our translated message for one pydantic error."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
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


def validation_fields(errors: Sequence[Mapping[str, Any]], param_names: frozenset[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        name = _field_name(error.get("loc", ()), param_names)
        fields.setdefault(name, pydantic_message(error))
    return fields


def validation_error_response(fields: Mapping[str, str]) -> JsonResponse:
    return error_response(422, "validation_error", _("Some of the input is not valid."), fields)


GENERIC_ERRORS: dict[int, tuple[str, Any]] = {
    400: (
        "bad_request",
        lambda: _("The request could not be understood. Check that the body is valid JSON."),
    ),
    401: ("not_authenticated", lambda: _("Sign in or send a valid API token.")),
    403: ("permission_denied", lambda: _("You do not have permission to do this.")),
    404: ("not_found", lambda: _("Nothing was found at this address.")),
    405: ("method_not_allowed", lambda: _("This method is not allowed here.")),
    409: ("conflict", lambda: _("The request conflicts with the current state.")),
    413: ("too_large", lambda: _("The request is too large.")),
    429: ("too_many_requests", lambda: _("Too many requests. Try again later.")),
    500: ("server_error", lambda: _("Something went wrong on our side. Try again later.")),
    503: ("unavailable", lambda: _("The service is unavailable. Try again later.")),
}


def generic_error_response(status: int) -> JsonResponse:
    code, message = GENERIC_ERRORS.get(status, ("error", lambda: _("The request failed.")))
    return error_response(status, code, message())


def is_error_envelope(response: HttpResponse) -> bool:
    if not response.get("Content-Type", "").startswith("application/json"):
        return False
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(body, dict) and isinstance(body.get("error"), dict)
