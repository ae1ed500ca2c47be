from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "sunshine.supervision"
    label = "supervision"
    verbose_name = _("Electronic supervision")
    default_auto_field = "django.db.models.BigAutoField"
