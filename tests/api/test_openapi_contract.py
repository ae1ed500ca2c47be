"""The OpenAPI document is a contract: each operation lists the errors it can answer with the one
error envelope, no two schemas share a name, and every success has a schema."""

from __future__ import annotations

import json
import types
import typing
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from ninja.openapi import schema as ninja_schema
from pydantic import BaseModel

from sunshine.api.urls import api

ERROR_REF = "#/components/schemas/ErrorOut"
PREFIX = "/api/v1"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return json.loads(json.dumps(api.get_openapi_schema(), default=str))


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for url, item in document["paths"].items():
        for method, operation in item.items():
            yield method, url.removeprefix(PREFIX), operation


def expected_errors(method: str, path: str, operation: dict[str, Any]) -> set[int]:
    """Written out again (not imported), so that a change to the rules is a change to this test."""
    parameters = operation.get("parameters", [])
    body = operation.get("requestBody")
    expected: set[int] = set()
    if parameters or body:
        expected.add(422)
    if operation.get("security"):
        expected |= {401, 403}
    if any(p["in"] == "path" for p in parameters):
        expected.add(404)
    if any(p["in"] == "header" and p["name"] == "X-Access-Key" for p in parameters):
        expected |= {404, 429}
    if path == "/auth/token":
        expected |= {401, 429}
    return expected


def test_every_operation_documents_the_errors_it_can_answer_with_the_error_envelope(document):
    missing = []
    for method, path, operation in operations(document):
        responses = operation["responses"]
        for status in sorted(expected_errors(method, path, operation)):
            schema = responses.get(str(status), {}).get("content", {}).get("application/json", {})
            if schema.get("schema") != {"$ref": ERROR_REF}:
                missing.append(f"{method.upper()} {path} {status}")
    assert missing == []


def test_every_documented_error_uses_the_error_envelope(document):
    others = [
        f"{method.upper()} {path} {status}"
        for method, path, operation in operations(document)
        for status, response in operation["responses"].items()
        if int(status) >= 400 and response["content"]["application/json"]["schema"] != {"$ref": ERROR_REF}
    ]
    assert others == []


def test_the_error_envelope_is_code_message_and_fields(document):
    components = document["components"]["schemas"]
    detail = components["ErrorOut"]["properties"]["error"]["$ref"].rsplit("/", 1)[1]
    assert set(components[detail]["properties"]) == {"code", "message", "fields"}


def test_every_success_has_a_schema(document):
    untyped = []
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if not status.startswith("2") or status == "204":
                continue
            content = response.get("content", {})
            if not content or any(not media.get("schema") for media in content.values()):
                untyped.append(f"{method.upper()} {path} {status}")
    assert untyped == []


def _untyped(schema: dict[str, Any]) -> bool:
    """A JSON object without named fields ("a JSON object", as ``dict[str, Any]`` documents it),
    alone or as the items of a list."""
    if schema.get("type") == "array":
        return _untyped(schema.get("items", {}))
    if schema.get("type") == "object" and "properties" not in schema:
        extra = schema.get("additionalProperties", True)
        return extra is True or extra == {}
    return False


def test_every_success_names_its_fields(document):
    """No operation answers a hand-built dictionary documented only as an object: each names its
    keys in a schema."""
    untyped = [
        f"{method.upper()} {path} {status}"
        for method, path, operation in operations(document)
        for status, response in operation["responses"].items()
        if status.startswith("2")
        for media in response.get("content", {}).values()
        if _untyped(media.get("schema", {}))
    ]
    assert untyped == []


def test_no_two_different_schemas_share_a_name(monkeypatch):
    """ninja keeps the last of two schemas with one name: record every definition it adds."""
    seen: dict[str, set[str]] = defaultdict(set)
    add = ninja_schema.OpenAPISchema.add_schema_definitions

    def recording(self: ninja_schema.OpenAPISchema, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            seen[name].add(json.dumps(definition, sort_keys=True, default=str))
        add(self, definitions)

    monkeypatch.setattr(ninja_schema.OpenAPISchema, "add_schema_definitions", recording)
    api.get_openapi_schema()
    assert sorted(name for name, bodies in seen.items() if len(bodies) > 1) == []


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        if not isinstance(argument, str | int | float | bool | types.NoneType):
            yield from _models_in(argument)


def _reachable_models() -> dict[type[BaseModel], None]:
    found: dict[type[BaseModel], None] = {}
    stack: list[type[BaseModel]] = []
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                stack.extend(operation.models)
                for model in operation.response_models.values():
                    stack.extend(_models_in(model) if model else [])
    while stack:
        model = stack.pop()
        if model in found:
            continue
        found[model] = None
        for field in model.model_fields.values():
            stack.extend(_models_in(field.annotation))
    return found


def test_no_two_classes_in_the_document_share_a_class_name(document):
    names = set(document["components"]["schemas"])
    by_name: dict[str, set[str]] = defaultdict(set)
    for model in _reachable_models():
        if model.__name__ in names and model.__module__.startswith("sunshine."):
            by_name[model.__name__].add(model.__module__)
    assert {name: modules for name, modules in by_name.items() if len(modules) > 1} == {}


def test_the_request_reviews_and_the_record_reviews_have_their_own_bodies(document):
    request_review = document["paths"][f"{PREFIX}/staff/requests/{{request_id}}/reviews"]["post"]
    record_review = document["paths"][f"{PREFIX}/staff/records/{{record_id}}/review"]["post"]
    request_ref = request_review["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    record_ref = record_review["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert request_ref != record_ref


def test_the_request_status_filter_does_not_list_the_record_statuses(document):
    queue = document["paths"][f"{PREFIX}/staff/requests"]["get"]
    status = next(p for p in queue["parameters"] if p["name"] == "status")
    assert "superseded" not in json.dumps(status)
