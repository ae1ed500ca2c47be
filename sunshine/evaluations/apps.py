from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "sunshine.evaluations"
    label = "evaluations"
    verbose_name = _("Service evaluations")
