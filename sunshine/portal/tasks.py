"""Background task of the portal: one-line adapter around ``static_site.refresh`` (Django Tasks API),
enqueued after the commit of a change to public content (``portal.static_signals``)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from sunshine.portal import static_site


@task()
def refresh_static_site(groups: list[str]) -> dict[str, Any]:
    """Re-render the named groups of the static copy of the portal (nothing when it is off)."""
    root = static_site.configured_dir()
    return static_site.refresh(root, groups).summary() if root is not None else {}
