"""The generation of what the public sees: server-side copies of public pages are filed under it.

Every change to public content (a record published, revised, withdrawn or changing validity; an
agency or its disclosure guide changed) moves the generation on, so no cached page outlives the
content it shows: the next reader gets a freshly rendered page. The generation lives in the cache
itself when the cache is shared by every worker (Redis in production). With the per-process memory
cache (the demo, a single server without Redis) each process has its own cache, so the generation is
kept in a file instead (``SUNSHINE_VAR_DIR/public-generation``, its modification time in
nanoseconds): a withdrawal in one worker reaches the pages every other worker of the machine stored,
at their next request.
"""

from __future__ import annotations

import logging
import os
import time
from contextvars import ContextVar, Token
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

KEY = "sunshine:public-generation"
log = logging.getLogger(__name__)
# The generation an anonymous reader's request read once and uses throughout (see ``pin``).
_pinned: ContextVar[int | None] = ContextVar("sunshine_public_generation", default=None)


def _fresh() -> int:
    # A restart with an emptied cache starts from the clock, never from a generation used before.
    return int(time.time() * 1000)


def generation_file() -> Path | None:
    """The file that holds the generation when the cache is each process's own memory, else None
    (``SUNSHINE_PUBLIC_GENERATION_FILE`` in settings, else ``public-generation`` in ``VAR_DIR``)."""
    if "locmem" not in str(settings.CACHES["default"]["BACKEND"]).lower():
        return None
    configured = getattr(settings, "SUNSHINE_PUBLIC_GENERATION_FILE", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "public-generation"


def _touch(path: Path) -> int:
    """Set the file's modification time past its previous one and now; returns it (nanoseconds)."""
    try:
        before = path.stat().st_mtime_ns
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        before = 0
    after = max(time.time_ns(), before + 1)
    os.utime(path, ns=(after, after))
    return after


def _from_file(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return _touch(path)


def generation() -> int:
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    path = generation_file()
    if path is not None:
        return _from_file(path)
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, _fresh(), timeout=None)
        value = cache.get(KEY, _fresh())
    return int(value)


def pin() -> Token[int | None]:
    """Read the generation now and answer it to every ``generation()`` until ``unpin``: a reader's
    request then asks the cache server once, not for every page part and count. A page rendered from
    later data is filed under the earlier generation, never the other way round: never a stale page."""
    return _pinned.set(generation())


def unpin(token: Token[int | None]) -> None:
    _pinned.reset(token)


def _advance() -> None:
    try:
        path = generation_file()
        if path is not None:
            _touch(path)
            return
        try:
            cache.incr(KEY)
        except ValueError:  # the key was evicted: start again from the clock
            cache.set(KEY, _fresh(), timeout=None)
    except Exception:  # the cache server (or the file) is out of reach: nothing is served from it either
        log.warning("The generation of public content could not be moved on.", exc_info=True)


def bump() -> None:
    """Move the generation on now and once more when the transaction commits (a page rendered by
    another request between the two, from the data before the commit, is not kept)."""
    _pinned.set(None)  # this request changes public content: read the generation afresh
    _advance()
    transaction.on_commit(_advance)
