from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "sunshine.agencies"
    label = "agencies"
    verbose_name = _("Agencies and people")

    def ready(self) -> None:
        # Core reads the audit log without importing a domain app: who reads which entries is ours.
        from sunshine.agencies.selectors import audit_scope
        from sunshine.core.selectors import register_audit_scope

        register_audit_scope(audit_scope)
