"""What follows a change of a person's password, however it is made (the welcome/reset link, the
admin site, ``set_password`` in a service): their failed sign-ins are forgotten, so a password reset
lets a locked person in, and every API token they hold is revoked, with an audit row each
(docs/security.md#guessing-and-lockout)."""

from __future__ import annotations

from typing import Any

from axes.utils import reset as reset_failures
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from sunshine.accounts.tokens import revoke_all

User = get_user_model()


@receiver(pre_save, sender=User, dispatch_uid="sunshine.accounts.password_events.note_change")
def note_change(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Mark the instance when its stored password is about to change."""
    if raw or instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._sunshine_password_changed = stored is not None and stored != instance.password


@receiver(post_save, sender=User, dispatch_uid="sunshine.accounts.password_events.after_change")
def after_change(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if created or not getattr(instance, "_sunshine_password_changed", False):
        return
    instance._sunshine_password_changed = False
    reset_failures(username=instance.get_username())
    revoke_all(user=instance, reason="password_change")
