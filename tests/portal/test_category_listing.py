"""Listings of published records: a catalogue category of an agency (its own records, or the whole
tree), the catalogue and latest records on the agency page, and the record sections of the home page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sunshine.records import services
from tests.portal.records_support import D, at, fresh_cache, make_draft, media, publish, publish_now

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache", "media"]

NOTICES = "/agencies/CITY-EDU/categories/notices/"


def titles(html: str) -> list[str]:
    return re.findall(r'class="record-list__title" href="[^"]+">([^<]+)</a>', html)


def get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_category_lists_the_agencys_published_records_newest_first(client, tree):
    publish(tree["education"], "一月的通知", day=D(2026, 1, 12))
    publish(tree["education"], "三月的通知", day=D(2026, 3, 12))
    publish(tree["education"], "二月的通知", day=D(2026, 2, 12))
    publish(tree["education"], "工作动态一则", category_key="work_news")
    publish(tree["finance"], "财政局的通知")

    html = get(client, NOTICES)

    assert titles(html) == ["三月的通知", "二月的通知", "一月的通知"]
    assert "<h1>通知公告</h1>" in html


def test_a_category_shows_twenty_records_a_page(client, tree):
    for n in range(21):
        publish(tree["education"], f"第{n + 1:02d}号通知", day=D(2026, 1, 1 + n))

    first = get(client, NOTICES)
    second = get(client, f"{NOTICES}?page=2")

    assert len(titles(first)) == 20
    assert titles(first)[0] == "第21号通知"
    assert titles(second) == ["第01号通知"]
    assert 'rel="next"' in first
    assert 'rel="prev"' in second


def test_a_parent_category_includes_its_sub_categories(client, tree):
    publish(tree["education"], "规范性文件一件", category_key="normative_documents")
    publish(tree["education"], "其他文件一件", category_key="other_documents")

    html = get(client, "/agencies/CITY-EDU/categories/policy_documents/")

    assert sorted(titles(html)) == sorted(["规范性文件一件", "其他文件一件"])


def test_drafts_withdrawn_and_future_records_are_not_listed(client, tree):
    shown = publish(tree["education"], "已公开的通知")
    withdrawn = publish(tree["education"], "已撤回的通知")
    services.withdraw(revision=withdrawn, by=None, reason="重复发布")
    make_draft(tree["education"], title="草稿通知")
    publish_now(make_draft(tree["education"], title="将来发布的通知"), at(D(2099, 1, 1)))

    html = get(client, NOTICES)

    assert titles(html) == [shown.title]
    for title in ("已撤回的通知", "草稿通知", "将来发布的通知"):
        assert title not in html


def test_a_withdrawn_record_leaves_the_listing(client, tree):
    revision = publish(tree["education"], "稍后撤回的通知")
    assert "稍后撤回的通知" in get(client, NOTICES)

    services.withdraw(revision=revision, by=None, reason="信息有误")

    assert "稍后撤回的通知" not in get(client, NOTICES)


def test_the_whole_tree_shows_what_the_agencies_below_published_each_with_its_agency(client, tree):
    publish(tree["city"], "市政府的通知", day=D(2026, 3, 1))
    publish(tree["health"], "区卫健局的通知", day=D(2026, 3, 2))
    publish(tree["community"], "社区的通知", day=D(2026, 3, 3))
    publish(tree["other"], "邻市的通知", day=D(2026, 3, 4))

    own = get(client, "/agencies/CITY/categories/notices/")
    whole = get(client, "/agencies/CITY/categories/notices/?scope=tree")

    assert titles(own) == ["市政府的通知"]
    assert titles(whole) == ["社区的通知", "区卫健局的通知", "市政府的通知"]
    assert tree["health"].name in whole
    assert tree["community"].name in whole
    assert 'href="/agencies/CITY/categories/notices/?scope=tree" aria-current="page"' in whole


def test_an_agency_with_nothing_below_offers_no_whole_tree(client, tree):
    html = get(client, "/agencies/CITY-FIN/categories/notices/?scope=tree")

    assert "scope-switch" not in html
    assert 'class="notice"' in html


def test_an_unknown_category_or_agency_gives_404(client, tree):
    assert client.get("/agencies/CITY-EDU/categories/no-such-key/").status_code == 404
    assert client.get("/agencies/NOPE/categories/notices/").status_code == 404


def test_the_agency_page_shows_its_catalogue_with_counts_and_its_latest_records(client, tree):
    publish(tree["education"], "规范性文件一件", category_key="normative_documents")
    publish(tree["education"], "其他文件一件", category_key="other_documents")
    publish(tree["education"], "一则通知")

    html = get(client, "/agencies/CITY-EDU/")

    catalogue = re.search(r'<section class="card" aria-labelledby="h-catalogue">.*?</section>', html, re.S)
    assert catalogue is not None
    counts = dict(
        re.findall(
            r'href="/agencies/CITY-EDU/categories/([\w-]+)/">[^<]+</a>\s*<span class="count">(\d+)<', html
        )
    )
    assert counts["policy_documents"] == "2"
    assert counts["normative_documents"] == "1"
    assert counts["notices"] == "1"
    assert counts["work_news"] == "0"
    assert set(titles(html)) == {"规范性文件一件", "其他文件一件", "一则通知"}
    assert 'id="h-guide"' in html  # the disclosure guide stays


def test_the_home_page_shows_the_latest_records_and_counts_by_category_and_agency(client, tree):
    publish(tree["education"], "教育局的通知", day=D(2026, 3, 1))
    publish(tree["health"], "区卫健局的规范性文件", category_key="normative_documents", day=D(2026, 3, 2))
    publish(tree["community"], "社区的工作动态", category_key="work_news", day=D(2026, 3, 3))
    withdrawn = publish(tree["finance"], "撤回的通知", day=D(2026, 3, 4))
    services.withdraw(revision=withdrawn, by=None, reason="重复")

    html = get(client, "/")

    assert titles(html)[:3] == ["社区的工作动态", "区卫健局的规范性文件", "教育局的通知"]
    assert "撤回的通知" not in html
    by_category = dict(
        re.findall(
            r'href="/agencies/CITY/categories/([\w-]+)/\?scope=tree">[^<]+</a>\s*<span class="count">(\d+)<',
            html,
        )
    )
    assert by_category["policy_documents"] == "1"
    assert by_category["notices"] == "1"
    assert by_category["work_news"] == "1"
    by_agency = dict(re.findall(r'href="/agencies/([\w-]+)/">[^<]+</a></th><td class="num">(\d+)<', html))
    assert by_agency == {"CITY": "0", "CITY-EDU": "1", "CITY-FIN": "0", "EAST": "2"}
    # What the home page showed before stays.
    assert 'href="/agencies/CITY/#h-guide"' in html


def test_listings_are_cacheable_for_anonymous_readers_only(client, tree, alice):
    publish(tree["education"], "一则通知")

    anonymous = client.get(NOTICES)
    assert "max-age=300" in anonymous["Cache-Control"]
    assert "Cookie" in anonymous["Vary"]
    assert "Accept-Language" in anonymous["Vary"]

    client.force_login(alice)
    signed_in = client.get(NOTICES)
    assert "no-store" in signed_in["Cache-Control"]
    assert "max-age=300" not in signed_in["Cache-Control"]
