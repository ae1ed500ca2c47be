"""A date beyond every calendar the platform knows (published or estimated), as a step's error."""

from __future__ import annotations

from sunshine.core.workflow import WorkflowError
from sunshine.workdays.calendar import not_published_message
from sunshine.workdays.clock import CalendarNotPublished


def calendar_error(exc: CalendarNotPublished) -> WorkflowError:
    """422 ``calendar_not_published``, naming the year."""
    return WorkflowError(422, "calendar_not_published", not_published_message(exc.year))
