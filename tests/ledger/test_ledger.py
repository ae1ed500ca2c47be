"""The ledger of a period: exactly the rows of what happened in it, the same after later events."""

from __future__ import annotations

import pytest

from sunshine.ledger.ledger import build_ledger
from tests.ledger.conftest import FIRST_HALF, SECOND_HALF, D

pytestmark = pytest.mark.django_db


def ledger_of(tree, period, agencies=None):
    start, end = period
    return build_ledger(
        agency=tree["education"], agencies=agencies or [tree["education"]], start=start, end=end
    )


def record_rows(ledger):
    return [(r.date, r.event, r.index_number, r.title, r.signed_by, r.by, r.note) for r in ledger.records]


def request_rows(ledger):
    return [
        (r.tracking_code, r.received_on, r.due_date, r.concluded_on, r.outcome, r.timeliness)
        for r in ledger.requests
    ]


def letter_rows(ledger):
    return [
        (r.tracking_code, r.kind, r.received_on, r.due_date, r.replied_on, r.timeliness)
        for r in ledger.letters
    ]


def expected_first_half(made):
    a, b = made.a.record.index_number, made.b.record.index_number
    records = [
        (D(2026, 11, 2), "published", b, "阳光市教育局收费公示", "", "olga", ""),
        (D(2026, 11, 3), "published", a, "关于2026年秋季学期开学工作的通知", "", "olga", ""),
        (D(2026, 11, 5), "changed", b, "阳光市教育局收费公示", "simon", "olga", "更正收费标准"),
    ]
    requests = [
        (
            made.late.tracking_code,
            D(2026, 10, 8),
            D(2026, 11, 4),
            D(2026, 11, 6),
            "unavailable_not_held",
            "late",
        ),
        (
            made.on_time.tracking_code,
            D(2026, 11, 2),
            D(2026, 11, 30),
            D(2026, 11, 10),
            "disclosed",
            "on_time",
        ),
        (made.extended.tracking_code, D(2026, 11, 2), D(2026, 11, 30), None, "", "pending"),
    ]
    letters = [
        (
            made.letter.tracking_code,
            "complaint",
            D(2026, 11, 2),
            made.letter.due_date,
            D(2026, 11, 6),
            "on_time",
        )
    ]
    return records, requests, letters


def test_the_first_half_holds_exactly_what_happened_in_it(tree, first_half):
    ledger = ledger_of(tree, FIRST_HALF)
    records, requests, letters = expected_first_half(first_half)
    assert record_rows(ledger) == records
    assert sorted(request_rows(ledger), key=lambda r: (r[1], r[0])) == sorted(
        requests, key=lambda r: (r[1], r[0])
    )
    assert letter_rows(ledger) == letters


def test_the_second_half_shows_the_withdrawal_and_the_extended_reply(tree, second_half, first_half):
    ledger = ledger_of(tree, SECOND_HALF)
    assert record_rows(ledger) == [
        (
            D(2026, 11, 20),
            "withdrawn",
            first_half.a.record.index_number,
            "关于2026年秋季学期开学工作的通知",
            "",
            "olga",
            "已废止",
        )
    ]
    assert request_rows(ledger) == [
        (
            first_half.extended.tracking_code,
            D(2026, 11, 2),
            D(2026, 12, 14),
            D(2026, 11, 25),
            "disclosed",
            "on_time",
        )
    ]
    assert letter_rows(ledger) == []


def test_a_past_period_reads_the_same_after_later_events(tree, first_half, olga):
    before = ledger_of(tree, FIRST_HALF)
    from tests.ledger.conftest import RECORDS, act, at

    RECORDS.perform(first_half.a, "withdraw", by=olga, input={"reason": "已废止"}, now=at(D(2026, 11, 20)))
    extended = act(
        first_half.extended,
        "extend",
        D(2026, 11, 18),
        olga,
        working_days=10,
        reason="需要检索档案",
        approved_by="王主任",
    )
    assert extended.due_date == D(2026, 12, 14)
    act(extended, "reply", D(2026, 11, 25), olga, outcome="disclosed", reasons="")
    after = ledger_of(tree, FIRST_HALF)
    assert record_rows(after) == record_rows(before)
    assert request_rows(after) == request_rows(before)
    assert letter_rows(after) == letter_rows(before)
    assert "published" in [r.event for r in after.records]
    assert "withdrawn" not in [r.event for r in after.records]


def test_no_personal_data_of_applicants_or_writers_is_in_the_ledger(tree, second_half):
    ledger = ledger_of(tree, (D(2026, 10, 1), D(2026, 11, 30)))
    text = repr(ledger.requests) + repr(ledger.letters)
    for personal in ("陈小明", "13800138000", "chen@example.com", "11010519491231002X"):
        assert personal not in text


def test_another_agency_and_the_subtree(tree, first_half):
    assert record_rows(ledger_of(tree, FIRST_HALF, [tree["finance"]])) == []
    with_city = build_ledger(
        agency=tree["city"],
        agencies=[tree["city"], tree["education"]],
        start=FIRST_HALF[0],
        end=FIRST_HALF[1],
    )
    assert len(with_city.records) == 3
    assert {r.agency for r in with_city.requests} == {"CITY-EDU"}
