from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolicitationsConfig(AppConfig):
    name = "sunshine.solicitations"
    verbose_name = _("Opinion solicitations")
