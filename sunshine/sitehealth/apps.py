from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteHealthConfig(AppConfig):
    name = "sunshine.sitehealth"
    label = "sitehealth"
    verbose_name = _("Website health")
    default_auto_field = "django.db.models.BigAutoField"
