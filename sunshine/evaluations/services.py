"""Ratings and rectifications (docs/evaluations.md). Each change is one transaction with an audit row:
``evaluation.rate`` (the applicant's first rating), ``evaluation.append`` (the appended rating, 追评),
``evaluation.window_rate`` (a counter's rating through its QR code), ``rectification.open`` (a bad
rating of a case) and the rectification's steps on the workflow kernel."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.cases.models import Case
from sunshine.core import audit
from sunshine.core.workflow import WorkflowError, invalid
from sunshine.eservices.models import Version, Window
from sunshine.evaluations.actions import WORKFLOW, record_event, snapshot
from sunshine.evaluations.codes import (
    BAD_LEVELS,
    DIMENSIONS,
    FINISHED_CASE_STATUSES,
    Channel,
    Level,
    RectificationStatus,
    Round,
)
from sunshine.evaluations.models import Evaluation, Rectification
from sunshine.workdays.calendar import current_calendar, not_published_message
from sunshine.workdays.clock import CalendarNotPublished, deadline

__all__ = ["MAX_COMMENT", "may_rate", "perform_action", "rate_case", "rate_window"]

MAX_COMMENT = 1000


def _clean(level: object, comment: object, dimensions: object) -> tuple[int, str, dict[str, int]]:
    """The level, the comment and the sub-scores, or 422 with a message per field."""
    errors: dict[str, str] = {}
    one_to_five = _("Choose a level from 1 (very dissatisfied) to 5 (very satisfied).")
    if isinstance(level, str) and level.strip().isdigit():
        level = int(level.strip())
    if isinstance(level, bool) or not isinstance(level, int) or level not in Level.values:
        errors["level"] = one_to_five
    text = comment.strip() if isinstance(comment, str) else ""
    if comment is not None and not isinstance(comment, str):
        errors["comment"] = _("Enter a text.")
    elif len(text) > MAX_COMMENT:
        errors["comment"] = _("Enter at most %(n)s characters.") % {"n": MAX_COMMENT}
    scores: dict[str, int] = {}
    if dimensions is not None and not isinstance(dimensions, Mapping):
        errors["dimensions"] = _("Give each sub-score by its name: %(names)s.") % {
            "names": ", ".join(DIMENSIONS)
        }
    for key, value in (dimensions if isinstance(dimensions, Mapping) else {}).items():
        if key not in DIMENSIONS:
            errors[f"dimensions.{key}"] = _("Unknown sub-score: use one of %(names)s.") % {
                "names": ", ".join(DIMENSIONS)
            }
        elif value in (None, ""):
            continue
        elif isinstance(value, bool) or not isinstance(value, int) or value not in Level.values:
            errors[f"dimensions.{key}"] = one_to_five
        else:
            scores[key] = value
    if errors:
        raise invalid(errors)
    assert isinstance(level, int)
    return level, text, scores


def next_round(case: Case) -> int | None:
    """The round of the case's next rating (0, then 1 for the appended one); None after both."""
    done = set(case.evaluations.values_list("round", flat=True))
    for candidate in (Round.FIRST, Round.APPENDED):
        if candidate not in done:
            return int(candidate)
    return None


def may_rate(case: Case) -> bool:
    return case.status in FINISHED_CASE_STATUSES and next_round(case) is not None


def _rectification_due(opened_on: datetime.date) -> tuple[datetime.date, bool]:
    try:
        due = deadline(opened_on, settings.SUNSHINE_EVALUATION_RECTIFICATION_DAYS, current_calendar())
    except CalendarNotPublished as exc:
        raise WorkflowError(422, "calendar_not_published", not_published_message(exc.year)) from exc
    return due.date, due.provisional


def _open_rectification(evaluation: Evaluation, case: Case) -> Rectification | None:
    """A bad rating opens a rectification, unless one for the case is still under way."""
    if evaluation.level not in BAD_LEVELS:
        return None
    if case.rectifications.exclude(status=RectificationStatus.CLOSED).exists():
        return None
    due, provisional = _rectification_due(evaluation.rated_on)
    rectification = Rectification.objects.create(
        evaluation=evaluation,
        case=case,
        agency=case.agency,
        opened_on=evaluation.rated_on,
        due_date=due,
        due_date_provisional=provisional,
    )
    record_event(rectification, "open", evaluation.rated_on, None, level=evaluation.level)
    audit.record(
        actor=None,
        action="rectification.open",
        obj=rectification,
        after={**snapshot(rectification), "evaluation": evaluation.pk, "level": evaluation.level},
        agency=case.agency,
    )
    return rectification


@transaction.atomic
def rate_case(
    *,
    case: Case,
    level: object,
    comment: object = "",
    dimensions: object = None,
    today: datetime.date | None = None,
) -> Evaluation:
    """The applicant's rating of a finished case, then once its appended rating (追评). 409
    ``not_finished`` before the decision (or the refusal), ``already_evaluated`` after both."""
    case = Case.objects.select_for_update().select_related("agency", "item").get(pk=case.pk)
    today = today or timezone.localdate()
    if case.status not in FINISHED_CASE_STATUSES:
        raise WorkflowError(
            409, "not_finished", _("A case can be rated once the agency has decided it or not accepted it.")
        )
    chosen, text, scores = _clean(level, comment, dimensions)
    round_ = next_round(case)
    if round_ is None:
        raise WorkflowError(
            409, "already_evaluated", _("This case has been rated and the rating appended once; that is all.")
        )
    evaluation = Evaluation.objects.create(
        channel=Channel.CASE,
        agency=case.agency,
        item=case.item,
        case=case,
        round=round_,
        level=chosen,
        dimensions=scores,
        comment=text,
        rated_on=today,
    )
    audit.record(
        actor=None,
        action="evaluation.rate" if round_ == Round.FIRST else "evaluation.append",
        obj=evaluation,
        after={"case": case.tracking_code, "round": round_, "level": chosen, "dimensions": scores},
        agency=case.agency,
    )
    _open_rectification(evaluation, case)
    return evaluation


@transaction.atomic
def rate_window(
    *,
    version: Version,
    window: Window,
    level: object,
    comment: object = "",
    dimensions: object = None,
    today: datetime.date | None = None,
) -> Evaluation:
    """An anonymous rating of a counter (a window of the published guide), through its QR code."""
    chosen, text, scores = _clean(level, comment, dimensions)
    item = version.item
    evaluation = Evaluation.objects.create(
        channel=Channel.WINDOW,
        agency=item.agency,
        item=item,
        window_key=window.key,
        window_name=window.name,
        level=chosen,
        dimensions=scores,
        comment=text,
        rated_on=today or timezone.localdate(),
    )
    audit.record(
        actor=None,
        action="evaluation.window_rate",
        obj=evaluation,
        after={"service": item.code, "window": window.key, "level": chosen, "dimensions": scores},
        agency=item.agency,
    )
    return evaluation


def perform_action(
    *,
    rectification: Rectification,
    action: str,
    by: Any,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
    **fields: Any,
) -> Rectification:
    """One step of a rectification through the kernel (``actions.WORKFLOW``)."""
    return WORKFLOW.perform(rectification, action, by=by, input=fields, date=date, today=today)
