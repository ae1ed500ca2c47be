from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "sunshine.workdays"
    label = "workdays"
    verbose_name = _("Work calendar and clocks")
