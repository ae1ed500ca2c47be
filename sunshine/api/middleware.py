from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sunshine.api.errors import generic_error_response, is_error_envelope

API_PREFIX = "/api/v1/"


class ApiErrorEnvelopeMiddleware:
    """Makes sure every error answered under /api/v1/ has the one error shape.

    Views of the API already answer in that shape; this catches what the framework answers on
    its own (unknown URL, wrong method, CSRF failure, unhandled exception).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not is_error_envelope(response)
        ):
            replacement = generic_error_response(response.status_code)
            if "Allow" in response:
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
