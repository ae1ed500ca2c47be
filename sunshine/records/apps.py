from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "sunshine.records"
    label = "records"
    verbose_name = _("Government information records")

    def ready(self) -> None:
        import_module("sunshine.records.signals")  # connects the receivers
