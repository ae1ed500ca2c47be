"""``annual_report_on_time``: counted in the month the report on the previous year falls due
(departments 31 January, governments 31 March, 条例 Art. 49), through the annual report's own steps."""

from __future__ import annotations

import datetime

import pytest

from sunshine.agencies.models import Agency, Role
from sunshine.oversight.indicators import INDICATORS
from sunshine.oversight.periods import Period, parse_period
from sunshine.oversight.services import compute
from tests.annualreports.publishing import publish_year
from tests.records.conftest import at

D = datetime.date
INDICATOR = INDICATORS["annual_report_on_time"]


@pytest.fixture
def people_of(make_user):
    def make(agency: Agency) -> dict:
        return {
            who: make_user(f"{who}-{agency.code}", agency=agency, role=role)
            for who, role in (
                ("office", Role.DISCLOSURE_OFFICE),
                ("reviewer", Role.REVIEWER),
                ("signer", Role.SIGNER),
            )
        }

    return make


def period(text: str) -> Period:
    found = parse_period(text)
    assert found is not None
    return found


def figure(agency: Agency, month: str) -> tuple[int, int]:
    return INDICATOR.counts([agency.pk], period(month)).get(agency.pk, (0, 0))


def test_a_department_s_report_counts_in_january_and_a_government_s_in_march(tree, people_of):
    Agency.objects.update(created_at=at(D(2025, 1, 1)))
    education, finance, city = tree["education"], tree["finance"], tree["city"]
    publish_year(education, 2025, people_of(education), on=D(2026, 1, 20))  # on time
    publish_year(finance, 2025, people_of(finance), on=D(2026, 2, 3))  # after 31 January
    publish_year(city, 2025, people_of(city), on=D(2026, 3, 31))  # on the last day

    assert figure(education, "2026-01") == (1, 1)
    assert figure(finance, "2026-01") == (0, 1)
    assert figure(city, "2026-01") == (0, 0)  # a government: not in January
    assert figure(city, "2026-03") == (1, 1)
    assert figure(education, "2026-03") == (0, 0)
    assert figure(education, "2026-11") == (0, 0)
    # The drill-down lists the agency with the report's dates.
    row = INDICATOR.rows(finance, period("2026-01")).get()
    assert (row.report_year, row.due_on, row.published_on, row.counted) == (
        2025,
        D(2026, 1, 31),
        D(2026, 2, 3),
        False,
    )


def test_an_agency_added_during_the_year_reported_on_is_not_asked_for_its_report(tree):
    Agency.objects.update(created_at=at(D(2025, 1, 1)))
    Agency.objects.filter(pk=tree["finance"].pk).update(created_at=at(D(2026, 1, 5)))

    compute(period=period("2026-01"), agencies=[tree["finance"], tree["education"]])

    assert figure(tree["finance"], "2026-01") == (0, 0)
    assert figure(tree["education"], "2026-01") == (0, 1)  # due, not published
