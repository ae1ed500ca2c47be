"""``{% evaluation_box case access_key %}``: the rating box of the applicant's case page, once the
case is finished (docs/evaluations.md)."""

from __future__ import annotations

from typing import Any

from django import template

from sunshine.cases.models import Case
from sunshine.evaluations import services
from sunshine.evaluations.codes import FINISHED_CASE_STATUSES
from sunshine.portal.evaluation_forms import EvaluationForm

register = template.Library()


@register.inclusion_tag("portal/evaluations/_case_box.html")
def evaluation_box(case: Case, access_key: str) -> dict[str, Any]:
    return {
        "finished": case.status in FINISHED_CASE_STATUSES,
        "given": list(case.evaluations.order_by("round")),
        "may_rate": services.may_rate(case),
        "form": EvaluationForm(),
        "tracking_code": case.tracking_code,
        "access_key": access_key,
    }
