"""One error shape for every API error: {"error": {"code", "message", "fields"}}.

Messages are in the request's language: pydantic's English messages are replaced by our own
translated ones, keyed on pydantic's error type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from sunshine.core.input_errors import pydantic_message, validation_fields
from sunshine.core.workflow import WorkflowError

__all__ = ["pydantic_message", "validation_fields"]


class ErrorDetail(Schema):
    code: str = Field(description="A stable, machine-readable code, e.g. `not_found`.")
    message: str = Field(description="What went wrong, in the language of Accept-Language.")
    fields: dict[str, str] = Field(description="The message of each input field at fault.")


class ErrorOut(Schema):
    """The one error envelope of the API, for every status from 400 to 503."""

    error: ErrorDetail


class ApiProblem(WorkflowError):
    """An error the API answers with a given status, code and (translated) message: the workflow
    kernel's error, raised by the API itself (every ``WorkflowError`` is answered alike)."""


class TooManyTries(ApiProblem):
    """429 ``too_many_tries`` from the brake on guessing keys (``core.key_tries``), answered with a
    ``Retry-After`` header: the seconds until the window that shut the door passes."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(429, "too_many_tries", message)
        self.retry_after = retry_after


def error_response(
    status: int, code: str, message: str, fields: Mapping[str, str] | None = None
) -> JsonResponse:
    body = {"error": {"code": code, "message": message, "fields": dict(fields or {})}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


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
