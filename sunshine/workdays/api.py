"""The working-day calendar in the API: deadlines and the holidays of a year. Public."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from sunshine.api.errors import ApiProblem, ErrorOut
from sunshine.workdays import clock, selectors
from sunshine.workdays.calendar import current_calendar, not_published_message
from sunshine.workdays.clock import CalendarNotPublished

router = Router()


class DeadlineQuery(Schema):
    start: datetime.date = Field(description="Day of receipt, YYYY-MM-DD; not counted (条例 Art. 31, 33).")
    working_days: int = Field(ge=1, le=365, description="Length of the period in working days, 1–365.")


class DeadlineOut(Schema):
    start: datetime.date
    working_days: int
    due_date: datetime.date
    due_date_provisional: bool = Field(
        description="True when the period runs into a year whose official calendar is not published yet: "
        "the date is an estimate (weekdays minus the statutory holidays) until the year is published."
    )


class DayOut(Schema):
    date: datetime.date
    is_workday: bool
    note: str


class NoticeOut(Schema):
    title: str
    number: str
    url: str


class YearOut(Schema):
    year: int
    notice: NoticeOut
    days: list[DayOut]


@router.get(
    "/deadline",
    response={200: DeadlineOut, 422: ErrorOut},
    auth=None,
    summary="Due date of a period in working days",
    description=(
        "The `working_days`-th working day after `start` (the day of receipt is not counted), on the "
        "official calendar of public holidays and make-up working days. It never refuses a year not yet "
        "published: the date is then computed on that year's estimate (weekdays minus the statutory "
        "holidays, no make-up working days) and `due_date_provisional` is true. 422 "
        "`calendar_not_published` only for a year outside 2000–2100, `validation_error` for bad input."
    ),
)
def deadline(request: HttpRequest, query: Query[DeadlineQuery]) -> DeadlineOut:
    try:
        due = clock.deadline(query.start, query.working_days, current_calendar())
    except CalendarNotPublished as exc:
        raise ApiProblem(422, "calendar_not_published", not_published_message(exc.year)) from exc
    return DeadlineOut(
        start=query.start,
        working_days=query.working_days,
        due_date=due.date,
        due_date_provisional=due.provisional,
    )


@router.get(
    "/{year}",
    response={200: YearOut, 404: ErrorOut},
    auth=None,
    summary="Public holidays and make-up working days of a year",
    description=(
        "The days of the year that differ from the ordinary week: public holidays on weekdays "
        "(`is_workday` false) and make-up working weekend days (`is_workday` true). 404 when the "
        "year's calendar has not been published."
    ),
)
def year(request: HttpRequest, year: int) -> YearOut:
    row = selectors.get_published_year(year)
    return YearOut(
        year=row.year,
        notice=NoticeOut(title=row.notice_title, number=row.notice_number, url=row.notice_url),
        days=[
            DayOut(date=d.date, is_workday=d.is_workday, note=d.note) for d in selectors.special_days_of(row)
        ],
    )
