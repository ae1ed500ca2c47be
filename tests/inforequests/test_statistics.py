"""The public figures of requests, on a hand-made set whose every number is worked out below."""

from __future__ import annotations

import pytest

from sunshine.inforequests.codes import Outcome
from sunshine.inforequests.services import perform_action
from sunshine.inforequests.statistics import Ratio, first_year_of, request_statistics
from tests.inforequests.conftest import D

TODAY = D(2026, 11, 20)


def act(request, action, day, by, **fields):
    return perform_action(request=request, action=action, by=by, date=day, today=TODAY, **fields)


@pytest.fixture
def hand_made(submit, tree, olga):
    """Requests to the Education Bureau unless said otherwise.

    r1  received 2026-03-02, replied on its due date 2026-03-30 (on time: the last day counts)
    r2  received 2026-03-02, replied 2026-04-15, after its due date 2026-03-30 (late)
    r3  received 2026-03-02, withdrawn 2026-03-05
    r4  received 2026-03-02, correction asked, none came: closed 2026-03-20
    r5  received 2025-12-15, replied 2026-01-06 (due 2026-01-13): a reply of 2026, received in 2025
    r6  received 2026-11-02, still open
    r7  Education Exam Authority (below the bureau), received 2026-05-04, partly disclosed on time
    r8  received 2025-06-02, replied 2025-06-10
    r9  Finance Bureau (a sibling), received and replied in 2026: never in the bureau's figures
    r10 received 2026-06-01, extended by 10 working days, replied after the first due date but
        before the extended one (on time)
    """
    requests = {}
    r1, _ = submit(D(2026, 3, 2))
    assert r1.due_date == D(2026, 3, 30)
    requests["r1"] = act(r1, "reply", D(2026, 3, 30), olga, outcome=Outcome.DISCLOSED)

    r2, _ = submit(D(2026, 3, 2))
    requests["r2"] = act(
        r2, "reply", D(2026, 4, 15), olga, outcome=Outcome.WITHHELD_THIRD_PARTY, reasons="第十五条"
    )
    assert requests["r2"].due_date == D(2026, 3, 30)

    r3, _ = submit(D(2026, 3, 2))
    requests["r3"] = act(r3, "withdraw", D(2026, 3, 5), None)

    r4, _ = submit(D(2026, 3, 2))
    r4 = act(r4, "request_correction", D(2026, 3, 4), olga, items=["写明文件名称"], period_working_days=5)
    requests["r4"] = act(r4, "correction_overdue", D(2026, 3, 20), olga)

    r5, _ = submit(D(2025, 12, 15))
    assert r5.due_date == D(2026, 1, 13)
    requests["r5"] = act(r5, "reply", D(2026, 1, 6), olga, outcome=Outcome.DISCLOSED)

    requests["r6"], _ = submit(D(2026, 11, 2))

    r7, _ = submit(D(2026, 5, 4), agency=tree["edu_office"])
    requests["r7"] = act(
        r7, "reply", D(2026, 5, 8), olga, outcome=Outcome.PARTIALLY_DISCLOSED, reasons="第三十七条"
    )

    r8, _ = submit(D(2025, 6, 2))
    requests["r8"] = act(r8, "reply", D(2025, 6, 10), olga, outcome=Outcome.DISCLOSED)

    r9, _ = submit(D(2026, 3, 2), agency=tree["finance"])
    requests["r9"] = act(r9, "reply", D(2026, 3, 3), olga, outcome=Outcome.DISCLOSED)

    r10, _ = submit(D(2026, 6, 1))
    first_due = r10.due_date
    r10 = act(
        r10, "extend", D(2026, 6, 10), olga, working_days=10, reason="需要检索档案", approved_by="王主任"
    )
    assert r10.due_date > first_due
    reply_day = D(2026, 7, 3)
    assert first_due < reply_day <= r10.due_date
    requests["r10"] = act(r10, "reply", reply_day, olga, outcome=Outcome.DISCLOSED)
    return requests


def test_the_agency_s_own_figures_for_a_year(hand_made, tree):
    figures = request_statistics(agency=tree["education"], year=2026)

    assert figures.received == 6  # r1, r2, r3, r4, r6, r10
    assert figures.replied == 4  # r1, r2, r5, r10
    assert figures.closed == 1  # r4
    assert figures.withdrawn == 1  # r3
    assert figures.concluded == 6


def test_a_late_reply_is_in_the_denominator_only(hand_made, tree):
    on_time = request_statistics(agency=tree["education"], year=2026).on_time

    # On time: r1 (on the due date), r5, r10 (within the extension). Late: r2. r3 and r4 are in neither.
    assert (on_time.numerator, on_time.denominator) == (3, 4)
    assert on_time.rate == 0.75
    assert on_time.percent == 75.0


def test_the_outcomes_count_every_request_concluded_in_the_year(hand_made, tree):
    outcomes = request_statistics(agency=tree["education"], year=2026).outcomes

    assert set(outcomes) == set(Outcome.values)
    assert outcomes[Outcome.DISCLOSED] == 3  # r1, r5, r10
    assert outcomes[Outcome.WITHHELD_THIRD_PARTY] == 1  # r2
    assert outcomes[Outcome.OTHER] == 1  # r3, withdrawn
    assert outcomes[Outcome.OTHER_CORRECTION_OVERDUE] == 1  # r4
    assert outcomes[Outcome.PARTIALLY_DISCLOSED] == 0  # r7 is below the bureau
    assert sum(outcomes.values()) == 6


def test_the_subtree_adds_the_agencies_below_but_not_the_siblings(hand_made, tree):
    figures = request_statistics(agency=tree["education"], year=2026, include_subtree=True)

    assert figures.received == 7  # + r7
    assert figures.replied == 5
    assert (figures.on_time.numerator, figures.on_time.denominator) == (4, 5)
    assert figures.outcomes[Outcome.PARTIALLY_DISCLOSED] == 1
    assert figures.outcomes[Outcome.DISCLOSED] == 3  # r9 of the Finance Bureau is not counted


def test_another_year_has_its_own_figures(hand_made, tree):
    figures = request_statistics(agency=tree["education"], year=2025)

    assert figures.received == 2  # r5, r8
    assert figures.replied == 1  # r8; r5 was replied in 2026
    assert (figures.on_time.numerator, figures.on_time.denominator) == (1, 1)


def test_a_year_without_replies_has_no_rate(tree, db):
    figures = request_statistics(agency=tree["education"], year=2026)

    assert figures.received == figures.replied == 0
    assert figures.on_time == Ratio(0, 0)
    assert figures.on_time.rate is None
    assert figures.on_time.percent is None
    assert all(n == 0 for n in figures.outcomes.values())


def test_the_figures_take_two_queries_however_many_requests(hand_made, tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        request_statistics(agency=tree["education"], year=2026, include_subtree=True)


def test_the_first_year_with_requests(hand_made, tree):
    assert first_year_of(tree["education"]) == 2025
    assert first_year_of(tree["edu_office"]) == 2026
    assert first_year_of(tree["health"]) is None


def test_a_ratio_rounds_its_rate():
    assert Ratio(2, 3).rate == 0.6667
    assert Ratio(2, 3).percent == 66.7
