from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDaysConfig(AppConfig):
    name = "sunshine.opendays"
    label = "opendays"
    verbose_name = _("Open days")
