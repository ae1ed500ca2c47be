"""The contract run: schemathesis sends bounded, derandomized examples to every operation of the
OpenAPI document, once anonymously and once as a staff user with a bearer token, and fails on any
5xx, any status the operation does not document and any body that does not match its schema.

It runs where ``SUNSHINE_API_CONTRACT=1`` (``make contract``, part of ``.ci/run``); examples per
operation: ``SUNSHINE_API_CONTRACT_EXAMPLES`` (default 5). Every failure is listed at the end, not
only the first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from sunshine.accounts.tokens import issue_token
from sunshine.api.urls import api

pytestmark = [
    pytest.mark.contract,
    pytest.mark.skipif(
        os.environ.get("SUNSHINE_API_CONTRACT") != "1", reason="the API contract run: make contract"
    ),
    pytest.mark.django_db(transaction=True),
]

EXAMPLES = int(os.environ.get("SUNSHINE_API_CONTRACT_EXAMPLES", "5"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def wsgi_app() -> Iterator[Any]:
    """Django's WSGI application, without closing the test's database connection per request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def exercise(operation: Any, headers: dict[str, str], failures: list[str]) -> None:
    """Send the bounded examples of one operation; add each distinct failure to ``failures``."""
    seen: set[str] = set()

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def send(case: Any) -> None:
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # each failure is kept, the run goes on
            text = str(exc).strip()
            first = text.splitlines()[0] if text else type(exc).__name__
            key = f"{operation.label}: {response.status_code} {first}"
            if key not in seen:
                seen.add(key)
                failures.append(f"{key}\n    {case.method} {case.formatted_path} -> {response.text[:300]}")

    send()


def run_contract(app: Any, headers: dict[str, str]) -> list[str]:
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = app
    failures: list[str] = []
    for result in schema.get_all_operations():
        if isinstance(result, Ok):
            exercise(result.ok(), headers, failures)
        else:
            failures.append(f"an operation schemathesis cannot read: {result.err()}")
    return failures


def test_the_api_keeps_its_contract_for_an_anonymous_caller(wsgi_app, tree):
    failures = run_contract(wsgi_app, {})
    assert not failures, "\n".join(failures)


def test_the_api_keeps_its_contract_for_a_staff_user(wsgi_app, tree, admin_user):
    _token, secret = issue_token(user=admin_user)
    failures = run_contract(wsgi_app, {"Authorization": f"Bearer {secret}"})
    assert not failures, "\n".join(failures)
