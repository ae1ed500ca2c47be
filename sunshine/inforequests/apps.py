from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoRequestsConfig(AppConfig):
    name = "sunshine.inforequests"
    label = "inforequests"
    verbose_name = _("Requests for information")
