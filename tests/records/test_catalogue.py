"""Every agency starts with the standard catalogue; the disclosure office edits it; categories with
nothing new for longer than their interval are stale."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.agencies import services as agency_services
from sunshine.core.models import AuditEntry
from sunshine.records import catalogue, categories, selectors
from sunshine.records.models import Category, Topic
from tests.records.conftest import at, make_draft, publish_now

D = datetime.date


def test_a_new_agency_gets_the_standard_catalogue(db):
    agency = agency_services.create_agency(by=None, code="NEW", kind="department", name="新设局")
    keys = set(Category.objects.filter(agency=agency).values_list("key", flat=True))
    assert keys == catalogue.STANDARD_KEYS
    budget = Category.objects.get(agency=agency, key="budget")
    assert budget.parent is not None
    assert (budget.name, budget.parent.key) == ("预算", "finance")
    assert Category.objects.get(agency=agency, key="work_news").interval_days == 14
    assert Category.objects.get(agency=agency, key="notices").interval_days == 182


def test_seeding_again_adds_only_what_is_missing(tree):
    Category.objects.filter(agency=tree["city"], key="work_news").delete()
    assert categories.seed_catalogue(tree["city"]) == 1
    assert categories.seed_catalogue(tree["city"]) == 0


def test_the_topic_list_is_there_and_hierarchical(db):
    categories.ensure_topics()
    topic = Topic.objects.get(code="01.01")
    assert topic.full_name == "综合政务\\政务公开"
    assert categories.ensure_topics() == 0


def test_the_disclosure_office_adds_and_changes_categories_audited(tree, olga):
    parent = Category.objects.get(agency=tree["education"], key="notices")
    added = categories.create_category(
        agency=tree["education"], by=olga, name="招生公告", parent=parent, interval_days=90
    )
    assert added.key == "custom-1"
    assert added.parent == parent
    changed = categories.update_category(category=added, by=olga, name="招生入学公告", interval_days=30)
    assert (changed.name, changed.interval_days) == ("招生入学公告", 30)
    actions = list(
        AuditEntry.objects.filter(object_type="records.category").values_list("action", "actor_name")
    )
    assert sorted(actions) == [("records.category.create", "olga"), ("records.category.update", "olga")]


def test_an_officer_cannot_edit_the_catalogue(tree, alice):
    with pytest.raises(PermissionDenied):
        categories.create_category(agency=tree["education"], by=alice, name="自建")


def test_the_catalogue_has_two_levels(tree, olga):
    child = Category.objects.get(agency=tree["education"], key="budget")
    with pytest.raises(ValidationError):
        categories.create_category(agency=tree["education"], by=olga, name="三级", parent=child)
    other = Category.objects.get(agency=tree["finance"], key="notices")
    with pytest.raises(ValidationError):
        categories.create_category(agency=tree["education"], by=olga, name="跨单位", parent=other)


def test_a_category_is_stale_when_nothing_was_published_for_longer_than_its_interval(tree):
    publish_now(make_draft(tree["education"], title="动态", category_key="work_news"), at(D(2026, 3, 10)))
    publish_now(make_draft(tree["education"], title="预算", category_key="budget"), at(D(2026, 3, 10)))
    fresh = {f.category.key: f for f in selectors.category_freshness(tree["education"], today=D(2026, 3, 20))}
    assert not fresh["work_news"].stale  # 10 days of 14
    assert fresh["notices"].stale  # never published
    assert not fresh["finance"].stale  # its sub-category 预算 is fresh
    assert fresh["appointments"].stale is False  # no expected interval
    later = {f.category.key: f for f in selectors.category_freshness(tree["education"], today=D(2026, 3, 30))}
    assert later["work_news"].stale
