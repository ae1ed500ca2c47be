"""``{% provisional date flag %}``: the 暂定 mark and its one-line explanation beside a date."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import timezone

from sunshine.workdays.calendar import provisional_note, provisional_years_between

register = template.Library()


@register.inclusion_tag("workdays/_provisional.html")
def provisional(date: datetime.date | None, flag: bool, *, short: bool = False) -> dict[str, Any]:
    """Mark ``date`` as provisional when ``flag`` is set (docs/legal.md#provisional-years).

    ``short`` leaves out the explanation (a table cell): the mark carries it as its title.
    """
    if not flag or date is None:
        return {"show": False}
    years = provisional_years_between(timezone.localdate(), date) or [date.year]
    return {"show": True, "note": provisional_note(years), "short": short}
