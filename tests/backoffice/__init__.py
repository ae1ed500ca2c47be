"""Helpers of the back office tests: a fixed "today" and requests received on given days."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from sunshine.inforequests import services
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.services import Applicant, Wanted
from tests.inforequests.conftest import CITIZEN_ID

D = datetime.date
# A Thursday. Due soon (3 working days) runs to Tue 2026-10-20 (after the National Day week).
TODAY = D(2026, 10, 15)
OTHER_ID = "E12345678"  # a passport number of a second applicant


@contextmanager
def fixed_today(day: datetime.date = TODAY) -> Iterator[datetime.date]:
    """``timezone.localdate()`` answers ``day`` everywhere (services, selectors, views, forms)."""
    real = timezone.localdate

    def fake(
        value: datetime.datetime | None = None, timezone: datetime.tzinfo | None = None
    ) -> datetime.date:
        return day if value is None else real(value, timezone)

    with mock.patch("django.utils.timezone.localdate", side_effect=fake):
        yield day


def paper_request(
    agency,
    received_on: datetime.date,
    *,
    by=None,
    name: str = "陈小明",
    id_type: str = "resident_id",
    id_number: str = CITIZEN_ID,
    title: str = "",
    description: str = "2025年度阳光市教育局部门预算执行情况",
) -> InfoRequest:
    """A request received by post on ``received_on`` (its history starts that day)."""
    applicant = Applicant(
        kind="natural_person",
        name=name,
        id_type=id_type,
        id_number=id_number,
        phone="13800138000",
        email="chen@example.com",
    )
    wanted = Wanted(description=description, title=title, delivery_form="electronic", delivery_method="email")
    request, _key = services.submit_request(
        agency=agency,
        applicant=applicant,
        wanted=wanted,
        channel="post",
        received_on=received_on,
        by=by,
        today=received_on,
    )
    return request


def act(request: InfoRequest, action: str, day: datetime.date, by=None, **fields) -> InfoRequest:
    return services.perform_action(
        request=request, action=action, by=by, date=day, today=max(day, TODAY), **fields
    )
