"""The checks computed from the database: the home page, news columns (two weeks), notice and policy
columns (six months), a column's own interval, blank columns and letters unanswered for three months."""

from __future__ import annotations

import datetime

import pytest

from sunshine.records.models import Category
from sunshine.sitehealth.codes import Kind, Severity
from sunshine.sitehealth.services import database_findings
from tests.portal.records_support import at, make_draft, publish_now
from tests.sitehealth.conftest import TODAY

D = datetime.date


def put(agency, key: str, day: D):
    return publish_now(make_draft(agency, title=f"{key} {day}", category_key=key), at(day))


def found(agency, kind: str, today: D = TODAY) -> dict[str, str]:
    """{column name: severity} of ``agency``'s findings of ``kind``."""
    return {f.subject: f.severity for f in database_findings(today) if f.agency == agency and f.kind == kind}


def test_a_news_column_is_a_veto_item_after_two_weeks_without_news(tree, calendar):
    put(tree["education"], "work_news", D(2026, 11, 16))  # 14 days before the 30th

    assert found(tree["education"], Kind.DYNAMIC_STALE) == {}
    assert found(tree["education"], Kind.DYNAMIC_STALE, D(2026, 12, 1)) == {"工作动态": Severity.VETO}


def test_a_notice_or_policy_column_is_a_veto_item_after_six_months(tree, calendar):
    put(tree["education"], "notices", D(2026, 5, 30))
    put(tree["education"], "normative_documents", D(2026, 5, 29))

    stale = found(tree["education"], Kind.NOTICE_POLICY_STALE)
    # The notice is exactly six months old: not yet. The parent of the normative documents is as
    # fresh as its freshest sub-column: stale too.
    assert stale == {"行政规范性文件": Severity.VETO, "政策文件": Severity.VETO}
    assert found(tree["education"], Kind.NOTICE_POLICY_STALE, D(2026, 12, 1)) == {
        "通知公告": Severity.VETO,
        "行政规范性文件": Severity.VETO,
        "政策文件": Severity.VETO,
    }


def test_a_column_past_its_own_interval_is_a_warning(tree, calendar):
    put(tree["education"], "statistics", D(2026, 8, 31))  # expected every 90 days

    assert found(tree["education"], Kind.COLUMN_STALE) == {"统计信息": Severity.WARNING}


def test_blank_columns_are_veto_items_for_news_notices_and_policies_and_past_the_limit(
    tree, calendar, settings
):
    settings.SUNSHINE_SITEHEALTH_BLANK_COLUMNS_VETO = 100
    blank = found(tree["finance"], Kind.BLANK_COLUMN)
    assert blank["工作动态"] == blank["通知公告"] == blank["政策文件"] == Severity.VETO
    assert blank["统计信息"] == Severity.WARNING
    assert len(blank) == Category.objects.filter(agency=tree["finance"], is_active=True).count()

    settings.SUNSHINE_SITEHEALTH_BLANK_COLUMNS_VETO = 5  # more than five blank columns: all are veto items
    assert set(found(tree["finance"], Kind.BLANK_COLUMN).values()) == {Severity.VETO}


def test_a_column_taken_out_of_use_is_not_checked(tree, calendar):
    Category.objects.filter(agency=tree["finance"], key="statistics").update(is_active=False)

    assert "统计信息" not in found(tree["finance"], Kind.BLANK_COLUMN)


def test_the_home_page_is_stale_two_weeks_after_the_latest_record(tree, calendar):
    home = [f for f in database_findings(TODAY) if f.kind == Kind.HOME_STALE]
    assert [(f.severity, f.detail) for f in home] == [(Severity.VETO, "Nothing is published.")]

    put(tree["finance"], "notices", D(2026, 11, 16))
    assert not [f for f in database_findings(TODAY) if f.kind == Kind.HOME_STALE]
    home = [f for f in database_findings(D(2026, 12, 1)) if f.kind == Kind.HOME_STALE]
    assert [f.detail for f in home] == ["Latest record published on 2026-11-16."]


@pytest.mark.usefixtures("replies_without_review")
def test_letters_open_for_three_months_are_a_veto_item_of_their_agency(tree, calendar, write, alice):
    write(D(2026, 10, 9), by=alice, received_on=D(2026, 8, 30), channel="post")
    write(D(2026, 10, 9), by=alice, received_on=D(2026, 9, 1), channel="post")  # red from 1 December

    letters = [f for f in database_findings(TODAY) if f.kind == Kind.LETTERS_UNANSWERED]
    assert [(f.agency, f.severity, f.detail) for f in letters] == [
        (
            tree["education"],
            Severity.VETO,
            "1 letter open for more than three months (the oldest received on 2026-08-30).",
        )
    ]
