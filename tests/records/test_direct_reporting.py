"""直报: the published records of lower agencies appear in their government's aggregated views and
counts, each with its own agency; another government's records do not."""

from __future__ import annotations

import datetime

from sunshine.records import selectors
from tests.records.conftest import at, make_draft, publish_now

D = datetime.date


def publish(agency, title, key="notices"):
    return publish_now(make_draft(agency, title=title, category_key=key), at(D(2026, 3, 10)))


def test_a_government_sees_the_records_of_every_agency_below_it(tree):
    publish(tree["city"], "市政府的通知")
    publish(tree["education"], "教育局的通知")
    publish(tree["community"], "社区的通知")
    publish(tree["other"], "邻市的通知")
    make_draft(tree["health"], title="卫健局的草稿")
    city = {(r.title, r.record.agency.code) for r in selectors.published_in_tree(tree["city"])}
    assert city == {
        ("市政府的通知", "CITY"),
        ("教育局的通知", "CITY-EDU"),
        ("社区的通知", "EAST-RIVER-WILLOW"),
    }
    district = [r.title for r in selectors.published_in_tree(tree["district"])]
    assert district == ["社区的通知"]


def test_the_counts_name_each_agency_and_include_those_with_none(tree):
    publish(tree["education"], "一")
    publish(tree["education"], "二")
    publish(tree["street"], "三", key="work_news")
    counts = {c.agency.code: c.count for c in selectors.published_counts_by_agency(tree["district"])}
    assert counts == {"EAST": 0, "EAST-HEALTH": 0, "EAST-RIVER": 1, "EAST-RIVER-WILLOW": 0}
    city = {c.agency.code: c.count for c in selectors.published_counts_by_agency(tree["city"])}
    assert city["CITY-EDU"] == 2
    assert sum(city.values()) == 3


def test_counts_by_category_add_up_across_agencies(tree):
    publish(tree["education"], "一")
    publish(tree["finance"], "二")
    publish(tree["street"], "三", key="work_news")
    assert selectors.published_counts_by_category(tree["city"]) == {"notices": 2, "work_news": 1}
