"""Warnings the health check reports beside its checks, registered by the domains.

A warning never turns the status to 503: it tells the operator something needs doing (for example
next year's working-day calendar is missing) while the site keeps serving. ``core`` imports no
domain app; each registers its warning in its AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable

_warnings: dict[str, Callable[[], str]] = {}
_figures: dict[str, Callable[[], dict[str, int | None] | None]] = {}


def register_warning(name: str, check: Callable[[], str]) -> None:
    """``check`` answers "ok" or a short code naming what needs doing."""
    _warnings[name] = check


def warnings() -> dict[str, str]:
    found = {}
    for name, check in _warnings.items():
        try:
            found[name] = check()
        except Exception:  # a warning that cannot be computed must not break the health check
            found[name] = "unknown"
    return found


def register_figures(name: str, figures: Callable[[], dict[str, int | None] | None]) -> None:
    """``figures`` answers a few numbers for the operator (e.g. the outbox's pending messages), or
    None to say nothing; like warnings they never turn the status to 503."""
    _figures[name] = figures


def figures() -> dict[str, dict[str, int | None]]:
    found = {}
    for name, compute in _figures.items():
        try:
            value = compute()
        except Exception:  # figures that cannot be computed must not break the health check
            value = None
        if value is not None:
            found[name] = value
    return found
