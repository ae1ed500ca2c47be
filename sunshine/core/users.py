from __future__ import annotations

from typing import cast

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User


def person_or_none(actor: AbstractBaseUser | AnonymousUser | None) -> User | None:
    """The signed-in person acting, or None for the public and the system."""
    if actor is None or not actor.is_authenticated:
        return None
    return cast(User, actor)
