from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "sunshine.ledger"
    label = "ledger"
    verbose_name = _("Disclosure ledger")
    default_auto_field = "django.db.models.BigAutoField"
