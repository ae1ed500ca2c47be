from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sunshine.annualreports"
    label = "annualreports"
    verbose_name = _("Annual reports")
