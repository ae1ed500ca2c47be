"""A new agency starts with the standard disclosure catalogue."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from sunshine.agencies.models import Agency
from sunshine.records.categories import seed_catalogue


@receiver(post_save, sender=Agency, dispatch_uid="records.seed_catalogue")
def seed_catalogue_of_new_agency(
    sender: type[Agency], instance: Agency, created: bool, raw: bool, **kwargs: Any
) -> None:
    if created and not raw:  # not while loading fixtures
        seed_catalogue(instance)
