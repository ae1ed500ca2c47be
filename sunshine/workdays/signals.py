"""Signals of the work calendar, for the domains whose clocks depend on it.

``year_published`` is sent inside the transaction that publishes a year (``services.publish_year``):
a receiver that confirms or moves provisional dates does so in the same transaction, so a year is
never stored without the clocks that depended on its estimate being brought up to date.
"""

from __future__ import annotations

from django.dispatch import Signal

# Arguments: year (int), by (the acting user or None for the system).
year_published = Signal()
