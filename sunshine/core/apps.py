from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sunshine.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from sunshine.core.audit_guard import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="sunshine_audit_unlocked")
