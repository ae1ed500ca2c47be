"""Anonymous public reads from a streaming replica; everything else from the primary.

With ``DATABASE_REPLICA_URL`` set, settings add a ``replica`` database, this module's router and
its middleware (docs/operations.md, "Scale-out"). The middleware decides once per request where the
request reads from:

- the replica: an anonymous ``GET``/``HEAD``/``OPTIONS`` without an ``Authorization`` or
  ``X-Access-Key`` header (the public portal, the public API), and without the pin cookie;
- the primary: everything else: any signed-in session (staff), any ``POST``/``PUT``/``PATCH``/
  ``DELETE``, and for ``SUNSHINE_REPLICA_PIN_SECONDS`` after such a request from the same browser
  (the pin cookie), so that an applicant who has just filed a request reads it back at once
  (read-your-writes) even though the replica lags behind by a moment.

Inside one request, reads follow the request's first write, and any read in a transaction on the
primary, to the primary. Writes and migrations always go to the primary.

When the replica cannot be reached (connection refused, timed out), the router reads from the
primary and leaves the replica alone for ``REPLICA_RETRY_SECONDS``; when it fails during a request
(it was stopped mid-query), the middleware runs the view again once on the primary. A public reader
therefore never sees an error because the replica went away.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase

log = logging.getLogger(__name__)

PIN_COOKIE = "sunshine_primary"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REPLICA_RETRY_SECONDS = 30.0  # after a failure, reads stay on the primary this long before a new try
PRIVATE_HEADERS = ("HTTP_AUTHORIZATION", "HTTP_X_ACCESS_KEY")


@dataclass
class Reading:
    """Where the current request reads from, and what happened to it."""

    replica_allowed: bool = False
    wrote: bool = False
    used_replica: bool = False


_reading: ContextVar[Reading | None] = ContextVar("sunshine_reading", default=None)
_replica_down_until = 0.0


def replica_alias() -> str | None:
    """The alias of the replica database, or None when there is none."""
    alias: str | None = getattr(settings, "SUNSHINE_REPLICA_DATABASE", None)
    return alias or None


@contextmanager
def primary_reads() -> Iterator[None]:
    """Read from the primary inside the block, whatever the request may do otherwise.

    For whatever is kept under the generation of public content (stored pages, counts, a record's
    attachment row): the generation moves on when a change commits on the primary, and the replica
    may not have the change yet; a copy rendered from it would be filed under the new generation and
    served until the next change: a withdrawn record shown again. Rendered from the primary, a kept
    copy is never older than its generation (docs/operations.md, "Scale-out")."""
    token = _reading.set(Reading(replica_allowed=False))
    try:
        yield
    finally:
        _reading.reset(token)


def replica_down() -> bool:
    return time.monotonic() < _replica_down_until


def mark_replica_down(reason: object) -> None:
    """Read from the primary for REPLICA_RETRY_SECONDS, and drop this process's replica connection."""
    global _replica_down_until
    if not replica_down():
        log.warning("read replica unavailable, reading from the primary: %s", reason)
    _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
    alias = replica_alias()
    if alias is None:
        return
    try:
        connections[alias].close()
    except Exception:  # a broken connection may fail to close; it is dropped either way
        connections[alias].connection = None


def reset_replica_state() -> None:
    """Forget a past failure (tests; a replica known to be back)."""
    global _replica_down_until
    _replica_down_until = 0.0


def replica_reachable(alias: str) -> bool:
    """Whether this process has, or can open, a connection to the replica."""
    if replica_down():
        return False
    connection = connections[alias]
    if connection.connection is not None:
        return True
    try:
        connection.ensure_connection()
    except (OperationalError, InterfaceError) as exc:
        mark_replica_down(exc)
        return False
    return True


def _primary_in_transaction() -> bool:
    return bool(connections[DEFAULT_DB_ALIAS].in_atomic_block)


class ReplicaRouter:
    """Reads of an anonymous public request from the replica, all else from the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        reading = _reading.get()
        alias = replica_alias()
        if reading is None or alias is None or not reading.replica_allowed or reading.wrote:
            return DEFAULT_DB_ALIAS
        if _primary_in_transaction() or not replica_reachable(alias):
            return DEFAULT_DB_ALIAS
        reading.used_replica = True
        return alias

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        reading = _reading.get()
        if reading is not None:
            reading.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def reads_from_replica(request: HttpRequest) -> bool:
    """Whether this request may read from the replica (see the module's docstring)."""
    if request.method not in READ_METHODS or PIN_COOKIE in request.COOKIES:
        return False
    if any(request.META.get(header) for header in PRIVATE_HEADERS):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class ReplicaReadMiddleware:
    """Sets where the request reads from (after the authentication middleware, which it needs);
    pins the browser to the primary after a write; runs a view again on the primary when the
    replica failed under it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        reading = Reading(replica_allowed=replica_alias() is not None and reads_from_replica(request))
        token = _reading.set(reading)
        try:
            response = self.get_response(request)
        finally:
            _reading.reset(token)
        if request.method not in READ_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.SUNSHINE_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponseBase | None:
        reading = _reading.get()
        if reading is None or not reading.used_replica:
            return None
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        match = request.resolver_match
        if match is None:
            return None
        mark_replica_down(exception)
        reading.replica_allowed = False
        log.warning(
            "read replica failed during %s %s; the view runs again on the primary",
            request.method,
            request.path,
        )
        # A TemplateResponse is rendered after this returns, still under this request's reading.
        response: HttpResponseBase = match.func(request, *match.args, **match.kwargs)
        return response
