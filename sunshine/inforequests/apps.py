from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoRequestsConfig(AppConfig):
    name = "sunshine.inforequests"
    label = "inforequests"
    verbose_name = _("Requests for information")

    def ready(self) -> None:
        from sunshine.inforequests.provisional import on_year_published
        from sunshine.workdays.signals import year_published

        year_published.connect(on_year_published, dispatch_uid="inforequests.confirm_provisional_dates")
