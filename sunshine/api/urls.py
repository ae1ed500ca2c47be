"""The JSON API under /api/v1/: one NinjaAPI, one router per domain app, one error shape."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from ninja.errors import AuthenticationError, HttpError, ValidationError

from sunshine.accounts.api import router as auth_router
from sunshine.agencies.api import router as agencies_router
from sunshine.annualreports.api import router as annual_reports_router
from sunshine.api.contract import DocumentedApi
from sunshine.api.errors import (
    error_response,
    generic_error_response,
    validation_error_response,
    validation_fields,
)
from sunshine.core.api import router as audit_router
from sunshine.core.workflow import WorkflowError
from sunshine.inforequests.api import router as requests_router
from sunshine.inforequests.api import staff_router as staff_requests_router
from sunshine.records.api import router as staff_records_router
from sunshine.workdays.api import router as calendar_router

api = DocumentedApi(
    title="Sunshine (阳光政务) API",
    version="1",
    description=(
        "Government information, requests, reports and calendars. Errors always answer "
        '{"error": {"code", "message", "fields"}} in the language of Accept-Language.'
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

api.add_router("/auth", auth_router, tags=["auth"])
api.add_router("/agencies", agencies_router, tags=["agencies"])
api.add_router("/agencies", annual_reports_router, tags=["annual reports"])
api.add_router("/calendar", calendar_router, tags=["calendar"])
api.add_router("/audit", audit_router, tags=["audit"])
api.add_router("/requests", requests_router, tags=["requests"])
api.add_router("/staff/requests", staff_requests_router, tags=["staff requests"])
api.add_router("/staff/requests", "sunshine.inforequests.replies.api.router", tags=["staff replies"])
api.add_router("/staff/records", staff_records_router, tags=["staff records"])
api.add_router("/statistics", "sunshine.inforequests.statistics_api.router", tags=["statistics"])
api.add_router("/records", "sunshine.records.public_api.router", tags=["records"])
api.add_router("", "sunshine.solicitations.api.router", tags=["solicitations"])
api.add_router("", "sunshine.surveys.api.router", tags=["surveys"])
api.add_router("", "sunshine.letters.public_api.router")  # before the letters' /letters/{tracking_code}
api.add_router("", "sunshine.letters.api.routers")
api.add_router("", "sunshine.faq.api.router", tags=["common questions"])
api.add_router("/open-days", "sunshine.opendays.api.router", tags=["open days"])
api.add_router("/services", "sunshine.eservices.api.router", tags=["services online"])
api.add_router("", "sunshine.cases.api.routers")
api.add_router("/supervision", "sunshine.supervision.api.router", tags=["electronic supervision"])
api.add_router("", "sunshine.evaluations.api.routers")
api.add_router("/oversight", "sunshine.oversight.api.router", tags=["oversight"])
api.add_router("/oversight/ledger", "sunshine.ledger.api.router")
api.add_router("/bulletins", "sunshine.bulletins.api.router", tags=["government bulletin"])


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return validation_error_response(
        validation_fields(exc.errors, frozenset({"payload", "filters"}), _body_tag(request))
    )


def _body_tag(request: HttpRequest) -> str | None:
    """The ``action`` a JSON body names: the tag of the discriminated unions of action inputs."""
    if not (request.content_type or "").endswith("json"):
        return None  # a form or files: its stream is read already, and it names no action
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RawPostDataException):
        return None
    tag = body.get("action") if isinstance(body, dict) else None
    return tag if isinstance(tag, str) else None


@api.exception_handler(DjangoValidationError)
def on_model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        fields = {
            name: " ".join(str(m) for e in errs for m in e.messages) for name, errs in exc.error_dict.items()
        }
    else:
        fields = {"__all__": " ".join(str(m) for m in exc.messages)}
    return validation_error_response(fields)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = generic_error_response(401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return generic_error_response(403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return generic_error_response(404)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return generic_error_response(exc.status_code)


@api.exception_handler(WorkflowError)
def on_workflow_error(request: HttpRequest, exc: WorkflowError) -> HttpResponse:
    """Every refusal of a service (``ApiProblem`` included): its status, code, message and fields."""
    response = error_response(exc.status, exc.code, exc.message, exc.fields)
    retry_after = getattr(exc, "retry_after", None)  # TooManyTries, core.submissions.TooManySubmissions
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response
