"""The issue's done-when: a test month built through the services gives indicator values equal to an
independent count made here, from the rows the test itself made."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.management import call_command

from sunshine.oversight.models import IndicatorSnapshot
from sunshine.oversight.periods import Period
from sunshine.oversight.services import compute
from sunshine.records.models import Category
from tests.oversight.conftest import NOVEMBER, D
from tests.records.conftest import at

END = at(D(2026, 12, 1), 0)
MONTH = Period(D(2026, 11, 1))


def stored(agency, code: str) -> IndicatorSnapshot:
    return IndicatorSnapshot.objects.get(agency=agency, period=D(2026, 11, 1), code=code)


def figures(agency) -> dict[str, tuple[int, int]]:
    return {
        s.code: (s.numerator, s.denominator)
        for s in IndicatorSnapshot.objects.filter(agency=agency, period=D(2026, 11, 1))
    }


def independent_counts(month, education) -> dict[str, tuple[int, int]]:
    """The figures counted from what the fixture made, without the indicators' queries."""
    ours = [month[key] for key in ("on_time", "late", "policy")]
    assert month["late"].due_on == D(2026, 11, 9)
    assert month["on_time"].due_on == D(2026, 11, 30)
    late = [r for r in ours if r.published_at.date() > r.due_on]
    # Publications per category up to the end of the month.
    published: dict[int, list[datetime.datetime]] = {}
    for key in ("on_time", "late", "policy", "october"):
        revision = month[key]
        published.setdefault(revision.category_id, []).append(revision.published_at)
    categories = list(Category.objects.filter(agency=education, is_active=True))
    with_interval = [c for c in categories if c.interval_days]
    stale = [
        c
        for c in with_interval
        if END - max(published.get(c.pk, []), default=c.created_at)
        > datetime.timedelta(days=c.interval_days or 0)
    ]
    parents = {c.parent_id for c in categories if c.parent_id}
    leaves = [c for c in categories if c.pk not in parents]
    blank = [c for c in leaves if c.pk not in published]
    requests = [month["r_on_time"], month["r_late"]]
    letters = [month["l_on_time"], month["l_late"]]
    return {
        "records_published": (len(ours), 1),
        "records_late": (len(late), len(ours)),
        "policy_uninterpreted": (1, 1),
        "categories_stale": (len(stale), len(with_interval)),
        "categories_blank": (len(blank), len(leaves)),
        "requests_on_time": (sum(r.concluded_on <= r.due_date for r in requests), len(requests)),
        "letters_on_time": (sum(x.replied_on <= x.due_date for x in letters), len(letters)),
        "letters_satisfaction": (1, 2),
        "requests_overturned": (0, 0),
        "cases_on_time": (0, 0),
        "cases_on_time_promised": (0, 0),
        "online_rate": (0, 0),
        "satisfaction": (0, 0),
        "annual_report_on_time": (0, 0),  # due in January (departments) and March (governments)
        "newmedia_stale": (0, 0),  # no new-media account in this month (tests/newmedia/test_health.py)
    }


def test_the_month_s_indicators_equal_an_independent_count(month, tree):
    education = tree["education"]

    compute(period=MONTH)

    expected = independent_counts(month, education)
    assert figures(education) == expected
    # The fixture's plain facts, so that the independent count cannot drift with the rules.
    assert expected["records_late"] == (1, 3)
    assert expected["categories_stale"][0] >= 1  # plans, at least
    assert expected["requests_on_time"] == (1, 2)
    assert expected["letters_on_time"] == (1, 2)
    assert stored(education, "records_late").value == Decimal("0.3333")
    assert stored(education, "records_published").value == Decimal(3)
    assert stored(education, "cases_on_time").value is None
    assert figures(tree["finance"])["records_published"] == (1, 1)


def test_the_stale_and_blank_categories_are_the_ones_expected(month, tree):
    education = tree["education"]
    compute(period=MONTH, agencies=[education])

    from sunshine.oversight.indicators import INDICATORS

    stale = {c.key for c in INDICATORS["categories_stale"].rows(education, MONTH) if c.counted}
    blank = {c.key for c in INDICATORS["categories_blank"].rows(education, MONTH) if c.counted}
    assert "plans" in stale
    assert "notices" not in stale
    assert "plans" not in blank
    assert "notices" not in blank
    assert "normative_documents" not in blank
    assert "fees" in blank


def test_recomputing_a_past_month_gives_the_same_figures(month, tree):
    education = tree["education"]
    call_command("oversight_compute", "--period", NOVEMBER)
    first = figures(education)
    first_count = IndicatorSnapshot.objects.count()

    # Later activity (December) changes nothing in November.
    from tests.records.conftest import make_draft, publish_now

    publish_now(
        make_draft(education, title="十二月的通知", formation_date=D(2026, 12, 1)), at(D(2026, 12, 2))
    )
    call_command("oversight_compute", "--period", NOVEMBER, "--agency", "CITY-EDU")

    assert figures(education) == first
    assert IndicatorSnapshot.objects.count() == first_count
