"""Background task of imports: a one-line adapter around ``services.run_job`` (Django Tasks API)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from sunshine.onboarding import services


@task()
def run_import_job(job_id: int) -> dict[str, Any]:
    """Run an import confirmed on the page (``services.confirm``)."""
    return services.run_job(job_id)
