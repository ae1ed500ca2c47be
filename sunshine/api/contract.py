"""The error statuses each operation documents in the OpenAPI document, each with the one error
envelope (``ErrorOut``), derived from what the operation takes.

The API answers its errors in one place (``sunshine.api.urls``' handlers and the envelope
middleware), so which of them an operation can answer follows from its shape:

- 422 ``validation_error`` for any operation that takes input (parameters or a body), 400 when its
  JSON body cannot be read, 413 when it takes files;
- 401 and 403 when it needs a token or a staff session;
- 404 when a path parameter or a filter names something (an id, a code, a year, an agency, a
  scheme);
- 409 for a write, refused by the state of what it writes (a closed solicitation, a step not
  allowed from the current status, an Idempotency-Key reused with another body);
- 429 where a brake applies: ``X-Access-Key`` (``core.key_tries``) and the token exchange (the
  sign-in lockout).

``EXTRA_ERRORS`` adds the statuses a given operation answers beyond these. Only the document
changes: the statuses answered, the URLs and the bodies are the views' own.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import REF_TEMPLATE, NinjaGenerateJsonSchema

from sunshine.api.errors import ErrorOut

ERROR_REF = REF_TEMPLATE.format(model="ErrorOut")
WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})
BRAKE_HEADERS = frozenset({"x-access-key"})
# Filters that name something (an agency's code): an unknown one answers 404, as in a path.
NAMING_FILTERS = frozenset({"agency", "scheme"})

# (method, path under /api/v1) -> statuses beyond the derived ones.
EXTRA_ERRORS: dict[tuple[str, str], frozenset[int]] = {
    ("post", "/auth/token"): frozenset({401, 429}),
    # The public record search answers bad filters 400 (`bad_page`, `bad_genre` …), as it always has.
    ("get", "/records"): frozenset({400}),
}


def error_statuses(method: str, path: str, operation: dict[str, Any]) -> set[int]:
    """The error statuses an operation (as in the OpenAPI document) can answer."""
    parameters = operation.get("parameters", [])
    body = operation.get("requestBody", {}).get("content", {})
    statuses: set[int] = set()
    if parameters or body:
        statuses.add(422)
    if body:
        statuses.add(400)
    if "multipart/form-data" in body:
        statuses.add(413)
    if operation.get("security"):
        statuses |= {401, 403}
    if any(p["in"] == "path" or p["name"] in NAMING_FILTERS for p in parameters):
        statuses.add(404)
    if method in WRITE_METHODS:
        statuses.add(409)
    if any(p["in"] == "header" and p["name"].lower() in BRAKE_HEADERS for p in parameters):
        statuses |= {404, 429}
    statuses |= EXTRA_ERRORS.get((method, path), frozenset())
    return statuses


def document_errors(schema: dict[str, Any], path_prefix: str) -> dict[str, Any]:
    """Add the error responses of every operation of ``schema`` (in place), with ``ErrorOut``."""
    envelope = ErrorOut.model_json_schema(ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(envelope.pop("$defs", {}))
    components["ErrorOut"] = envelope
    for url, item in schema.get("paths", {}).items():
        path = url.removeprefix(path_prefix.rstrip("/"))
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for status in sorted(error_statuses(method, path, operation)):
                responses.setdefault(
                    status,
                    {
                        "description": HTTPStatus(status).phrase,
                        "content": {"application/json": {"schema": {"$ref": ERROR_REF}}},
                    },
                )
    return schema


class DocumentedApi(NinjaAPI):
    """A NinjaAPI whose OpenAPI document lists each operation's error responses."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_errors(schema, path_prefix)


def file_download(*media_types: str) -> dict[str, Any]:
    """The ``openapi_extra`` of an operation that answers a file: its 200 in ``media_types``."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"responses": {200: {"content": dict.fromkeys(media_types, binary)}}}
