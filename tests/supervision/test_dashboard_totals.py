"""The dashboards add up the totals the sweep keeps per agency and day (and the open cases per
agency) instead of counting every case: after each sweep they equal a count over the cases
themselves, a case decided since moves them at the next sweep, and a second sweep the same day
rewrites nothing. November 2026 has no holiday."""

from __future__ import annotations

import datetime

from django.db.models import F

from sunshine.cases.models import Case
from sunshine.supervision import selectors
from sunshine.supervision.models import AgencyDay, AgencyOpen
from sunshine.supervision.sweep import sweep

D = datetime.date
NOVEMBER = (D(2026, 11, 1), D(2026, 11, 30))


def figures(agency) -> dict[str, tuple[int, int]]:
    board = selectors.dashboard([agency], *NOVEMBER)
    return {name: (f.numerator, f.denominator) for name, f in board.total.items()}


def counted(agency) -> dict[str, tuple[int, int]]:
    """The same figures counted over the cases themselves."""
    cases = Case.objects.filter(agency=agency)
    decided = cases.filter(decided_on__range=NOVEMBER)
    received = cases.filter(received_on__range=NOVEMBER)
    return {
        "on_time_statutory": (decided.filter(decided_on__lte=F("due_date")).count(), decided.count()),
        "on_time_promised": (decided.filter(decided_on__lte=F("promised_date")).count(), decided.count()),
        "online": (received.filter(channel="online").count(), received.count()),
    }


def test_after_a_sweep_the_totals_equal_a_count_over_the_cases(tree, accepted, act):
    late = accepted(D(2026, 11, 2))
    accepted(D(2026, 11, 4))
    act(accepted(D(2026, 11, 3)), "decide", D(2026, 11, 6), result="approved")
    act(late, "decide", D(2026, 11, 20), result="approved")  # past its promised date, within the law's
    sweep(D(2026, 11, 23))

    got = figures(tree["education"])
    for name, value in counted(tree["education"]).items():
        assert got[name] == value, name
    assert got["on_time_promised"] == (1, 2)
    assert got["on_time_statutory"] == (2, 2)
    assert got["yellow"][1] == 1  # one case still open


def test_a_case_decided_after_the_sweep_moves_the_figures_at_the_next_one(tree, accepted, act):
    case = accepted(D(2026, 11, 2))
    sweep(D(2026, 11, 9))
    assert figures(tree["education"])["on_time_promised"] == (0, 0)
    assert figures(tree["education"])["red"] == (0, 1)

    act(case, "decide", D(2026, 11, 10), result="approved")
    assert figures(tree["education"])["on_time_promised"] == (0, 0)  # as of the last sweep

    sweep(D(2026, 11, 10))
    assert figures(tree["education"])["on_time_promised"] == (1, 1)
    assert figures(tree["education"])["red"] == (0, 0)


def test_a_second_sweep_the_same_day_rewrites_no_totals(tree, accepted):
    accepted(D(2026, 11, 2))
    accepted(D(2026, 11, 12))
    first = sweep(D(2026, 11, 16))
    assert first.days > 0
    rows = list(AgencyDay.objects.order_by("pk").values_list("pk", flat=True))
    open_rows = list(AgencyOpen.objects.values_list("pk", "open", "yellow", "red"))
    assert open_rows

    again = sweep(D(2026, 11, 16))

    assert again.days == 0
    assert list(AgencyDay.objects.order_by("pk").values_list("pk", flat=True)) == rows
    assert list(AgencyOpen.objects.values_list("pk", "open", "yellow", "red")) == open_rows
