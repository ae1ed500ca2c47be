"""Reads of anonymous public requests from the read replica; everything else from the primary.

The replica in these tests is the test database itself (the ``replica`` alias shares the default
connection, as Django's test mirror would), so the routing can be followed on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import ResolverMatch

from sunshine.core import db_routing
from sunshine.core.db_routing import PIN_COOKIE, ReplicaReadMiddleware, ReplicaRouter
from tests.core.test_deploy_settings import ROOT, production_environment

User = get_user_model()
router = ReplicaRouter()
factory = RequestFactory()


@pytest.fixture
def replica(settings, db, monkeypatch) -> Iterator[str]:
    """A ``replica`` alias: the default connection under a second name. The test runs inside the
    test harness's transaction: only transactions opened by the code under test count."""
    primary = connections["default"]
    opened_by_harness = len(primary.atomic_blocks)
    monkeypatch.setattr(
        db_routing, "_primary_in_transaction", lambda: len(primary.atomic_blocks) > opened_by_harness
    )
    settings.SUNSHINE_REPLICA_DATABASE = "replica"
    settings.SESSION_COOKIE_SECURE = False
    connections["replica"] = connections["default"]
    connections["default"].ensure_connection()
    db_routing.reset_replica_state()
    yield "replica"
    del connections["replica"]
    db_routing.reset_replica_state()


def read_alias_during(request: HttpRequest, view: Any = None) -> tuple[str | None, HttpResponse]:
    """Where a read goes while the middleware handles ``request``, and the response."""
    seen: list[str | None] = []

    def get_response(request: HttpRequest) -> HttpResponse:
        if view is not None:
            view()
        seen.append(router.db_for_read(User))
        return HttpResponse("ok")

    response = ReplicaReadMiddleware(get_response)(request)
    return seen[0], response  # type: ignore[return-value]  # get_response returned an HttpResponse


def anonymous(request: HttpRequest) -> HttpRequest:
    request.user = AnonymousUser()
    return request


def test_an_anonymous_public_get_reads_from_the_replica(replica):
    alias, response = read_alias_during(anonymous(factory.get("/records/")))

    assert alias == "replica"
    assert PIN_COOKIE not in response.cookies


def test_without_a_replica_every_read_goes_to_the_primary(settings, db):
    settings.SUNSHINE_REPLICA_DATABASE = None

    alias, _response = read_alias_during(anonymous(factory.get("/records/")))

    assert alias == "default"


def test_reads_outside_a_web_request_go_to_the_primary(replica):
    assert router.db_for_read(User) == "default"


def test_a_signed_in_staff_member_reads_from_the_primary(replica, alice):
    request = factory.get("/staff/")
    request.user = alice

    alias, _response = read_alias_during(request)

    assert alias == "default"


@pytest.mark.parametrize("header", ["HTTP_AUTHORIZATION", "HTTP_X_ACCESS_KEY"])
def test_a_get_with_a_token_or_an_access_key_reads_from_the_primary(replica, header):
    request = anonymous(factory.get("/api/v1/requests/ABC"))
    request.META[header] = "secret"

    alias, _response = read_alias_during(request)

    assert alias == "default"


def test_a_post_reads_from_the_primary_and_pins_the_browser_to_it_for_a_while(replica, settings):
    settings.SUNSHINE_REPLICA_PIN_SECONDS = 15

    alias, response = read_alias_during(anonymous(factory.post("/requests/new/")))

    assert alias == "default"
    assert response.cookies[PIN_COOKIE]["max-age"] == 15


def test_a_browser_that_just_wrote_reads_its_writes_from_the_primary(replica):
    request = anonymous(factory.get("/requests/status/"))
    request.COOKIES[PIN_COOKIE] = "1"

    alias, _response = read_alias_during(request)

    assert alias == "default"


def test_reads_after_a_write_in_the_same_request_go_to_the_primary(replica):
    alias, response = read_alias_during(
        anonymous(factory.get("/search/")), view=lambda: router.db_for_write(User)
    )

    assert alias == "default"
    assert PIN_COOKIE not in response.cookies  # a GET's own bookkeeping does not pin the browser


def test_reads_inside_a_transaction_on_the_primary_stay_on_the_primary(replica):
    def in_transaction() -> None:
        with transaction.atomic():
            seen.append(router.db_for_read(User))

    seen: list[str | None] = []
    read_alias_during(anonymous(factory.get("/records/")), view=in_transaction)

    assert seen == ["default"]


def test_writes_always_go_to_the_primary(replica):
    assert router.db_for_write(User) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "records") is True
    assert router.allow_migrate("replica", "records") is False


class UnreachableReplica:
    """A replica whose server refuses connections."""

    connection = None

    def __init__(self) -> None:
        self.tries = 0

    def ensure_connection(self) -> None:
        self.tries += 1
        raise OperationalError("connection refused")

    def close(self) -> None:
        pass


def test_an_unreachable_replica_is_skipped_and_left_alone_for_a_while(replica):
    down = UnreachableReplica()
    connections["replica"] = down  # type: ignore[assignment]  # only what the router calls

    first, _ = read_alias_during(anonymous(factory.get("/records/")))
    second, _ = read_alias_during(anonymous(factory.get("/records/")))

    assert (first, second) == ("default", "default")
    assert down.tries == 1
    assert db_routing.replica_down()


def test_a_view_whose_replica_failed_mid_request_runs_again_on_the_primary(replica):
    reads: list[str | None] = []

    def view(request: HttpRequest) -> HttpResponse:
        alias = router.db_for_read(User)
        reads.append(alias)
        if alias == "replica":
            raise OperationalError("terminating connection due to administrator command")
        return HttpResponse("from the primary")

    request = anonymous(factory.get("/records/"))
    request.resolver_match = ResolverMatch(view, (), {})
    middleware = ReplicaReadMiddleware(lambda request: HttpResponse())

    def get_response(request: HttpRequest) -> HttpResponse:
        try:
            return view(request)
        except OperationalError as exc:
            answer = middleware.process_exception(request, exc)
            assert answer is not None
            return answer  # type: ignore[return-value]  # the view returns HttpResponse

    middleware.get_response = get_response
    response = middleware(request)

    assert reads == ["replica", "default"]
    assert isinstance(response, HttpResponse)
    assert response.content == b"from the primary"
    assert db_routing.replica_down()


def test_other_errors_are_not_retried(replica):
    request = anonymous(factory.get("/records/"))
    request.resolver_match = ResolverMatch(lambda request: HttpResponse(), (), {})

    def get_response(request: HttpRequest) -> HttpResponse:
        router.db_for_read(User)
        assert middleware.process_exception(request, ValueError("a bug")) is None
        return HttpResponse()

    middleware = ReplicaReadMiddleware(get_response)
    middleware(request)

    assert not db_routing.replica_down()


def reads_of(client: Any, settings: Any, path: str) -> tuple[int, list[str | None]]:
    """The status of ``path`` through the whole stack with the replica installed, and where its reads went."""
    settings.DATABASE_ROUTERS = ["sunshine.core.db_routing.ReplicaRouter"]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "sunshine.core.db_routing.ReplicaReadMiddleware"]
    used: list[str | None] = []
    original = ReplicaRouter.db_for_read

    def spy(self: ReplicaRouter, model: Any, **hints: Any) -> str | None:
        alias = original(self, model, **hints)
        used.append(alias)
        return alias

    ReplicaRouter.db_for_read = spy  # type: ignore[method-assign]  # restored below
    try:
        response = client.get(path)
    finally:
        ReplicaRouter.db_for_read = original  # type: ignore[method-assign]
    return response.status_code, used


def test_the_search_page_reads_from_the_replica_through_the_whole_stack(replica, client, settings, tree):
    status, used = reads_of(client, settings, "/search/?q=notice")

    assert status == 200
    assert "replica" in used


def test_a_page_kept_under_the_generation_is_rendered_from_the_primary(replica, client, settings, tree):
    # The generation moves on when a change commits on the primary; a copy rendered from a replica a
    # moment behind would keep the old content (a withdrawn record) under the new generation.
    settings.SUNSHINE_PORTAL_CACHE_SECONDS = 300

    status, used = reads_of(client, settings, "/")

    assert status == 200
    assert used
    assert "replica" not in used


def test_counts_kept_under_the_generation_are_read_from_the_primary(replica):
    from sunshine.portal import counts

    reading_inside: list[str | None] = []

    def compute() -> int:
        reading_inside.append(router.db_for_read(User))
        return 1

    def view() -> None:
        counts.kept("routing-test", compute)

    alias, _response = read_alias_during(anonymous(factory.get("/")), view)

    assert reading_inside == ["default"]
    assert alias == "replica"  # the rest of the request still reads from the replica


def test_settings_add_the_replica_its_router_and_middleware_only_when_configured():
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([sorted(s.DATABASES), "
        "s.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR'), "
        "getattr(s, 'DATABASE_ROUTERS', []), "
        "[m for m in s.MIDDLEWARE if 'auth' in m or 'db_routing' in m]]))"
    )

    def run(**env: str) -> list[Any]:
        result = subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=production_environment(**env),
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        answer: list[Any] = json.loads(result.stdout.strip().splitlines()[-1])
        return answer

    assert run(DATABASE_URL="postgres://u@primary/sunshine") == [
        ["default"],
        None,
        [],
        ["django.contrib.auth.middleware.AuthenticationMiddleware"],
    ]
    assert run(
        DATABASE_URL="postgres://u@primary/sunshine", DATABASE_REPLICA_URL="postgres://u@replica/sunshine"
    ) == [
        ["default", "replica"],
        "default",
        ["sunshine.core.db_routing.ReplicaRouter"],
        [
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "sunshine.core.db_routing.ReplicaReadMiddleware",
        ],
    ]
