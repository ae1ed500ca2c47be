from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "sunshine.workdays"
    label = "workdays"
    verbose_name = _("Work calendar and clocks")

    def ready(self) -> None:
        from sunshine.core.health import register_warning
        from sunshine.workdays.selectors import calendar_health

        register_warning("calendar", calendar_health)
