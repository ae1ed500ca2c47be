"""A new agency starts with the standard disclosure catalogue; a published calendar year confirms the
publication due dates that rested on its estimate."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from sunshine.agencies.models import Agency
from sunshine.records.categories import seed_catalogue
from sunshine.workdays.models import CalendarYear
from sunshine.workdays.signals import year_published


@receiver(post_save, sender=Agency, dispatch_uid="records.seed_catalogue")
def seed_catalogue_of_new_agency(
    sender: type[Agency], instance: Agency, created: bool, raw: bool, **kwargs: Any
) -> None:
    if created and not raw:  # not while loading fixtures
        seed_catalogue(instance)


@receiver(year_published, sender=CalendarYear, dispatch_uid="records.refresh_due_dates")
def confirm_publication_due_dates(
    sender: type[CalendarYear], *, year: int, by: Any = None, **kwargs: Any
) -> None:
    from sunshine.records.services import refresh_due_dates

    refresh_due_dates(by=by)
