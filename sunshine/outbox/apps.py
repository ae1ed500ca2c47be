from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "sunshine.outbox"
    label = "outbox"
    verbose_name = _("Outbox to the provincial platform")

    def ready(self) -> None:
        from sunshine.core.health import register_figures
        from sunshine.outbox.selectors import health_figures

        register_figures("outbox", health_figures)
