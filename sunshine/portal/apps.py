from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "sunshine.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from sunshine.portal import static_signals

        static_signals.connect()  # the static copy of the portal follows public content
