from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewMediaConfig(AppConfig):
    name = "sunshine.newmedia"
    label = "newmedia"
    verbose_name = _("New-media accounts")
