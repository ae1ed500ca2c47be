from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EservicesConfig(AppConfig):
    """Government services online (网上办事): the power list and the service guides. The package is
    ``eservices`` (not ``services``), because every domain app already has a ``services.py`` module."""

    name = "sunshine.eservices"
    label = "eservices"
    verbose_name = _("Government services")
