"""A policy interpretation (政策解读) is linked to its policy document both ways; a policy document
marked as needing one shows a warning until one is published."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from sunshine.records import presenters, selectors, services
from sunshine.records.codes import Status
from tests.records.conftest import at, make_draft, publish_now, to_signed

D = datetime.date


@pytest.fixture
def policy(tree):
    return publish_now(
        make_draft(
            tree["education"],
            title="阳光市教育局关于印发《阳光市课后服务管理办法》的通知",
            category_key="normative_documents",
            genre="measures",
            needs_interpretation=True,
        )
    )


def interpretation(agency, policy_record, **fields):
    return make_draft(
        agency,
        title="《阳光市课后服务管理办法》政策解读",
        category_key="policy_interpretation",
        genre="interpretation",
        interprets=policy_record,
        **fields,
    )


def test_a_policy_needing_an_interpretation_warns_until_one_is_published(tree, policy):
    assert presenters.interpretation_missing(policy)
    draft = interpretation(tree["education"], policy.record)
    assert presenters.interpretation_missing(policy)  # a draft does not count
    publish_now(draft, at(D(2026, 3, 12)))
    assert not presenters.interpretation_missing(policy)


def test_the_link_reads_both_ways(tree, policy):
    explained = publish_now(interpretation(tree["education"], policy.record), at(D(2026, 3, 12)))
    assert explained.interprets == policy.record
    assert list(selectors.published_interpretations(policy.record)) == [explained]
    data = presenters.public_record_data(policy)
    assert data["interpretations"] == [explained.record.index_number]
    assert presenters.public_record_data(explained)["interprets"] == policy.record.index_number


def test_a_withdrawn_interpretation_no_longer_counts(tree, policy):
    explained = publish_now(interpretation(tree["education"], policy.record), at(D(2026, 3, 12)))
    services.withdraw(revision=explained, by=None, reason="重写")
    assert presenters.interpretation_missing(policy)


def test_an_interpretation_cannot_be_published_before_its_policy(tree):
    unpublished_policy = make_draft(tree["education"], title="政策", category_key="normative_documents")
    with pytest.raises(services.RecordError) as caught:
        interpretation(tree["education"], unpublished_policy.record)
    assert set(caught.value.fields) == {"interprets"}  # not published: no index number to point to
    published = publish_now(make_draft(tree["education"], title="另一政策"))
    services.withdraw(revision=published, by=None, reason="撤回")
    signed = to_signed(interpretation(tree["education"], published.record))
    with pytest.raises(services.RecordError) as caught:
        services.publish(revision=signed, by=None, now=at(D(2026, 3, 12)))
    assert caught.value.code == "interpreted_not_published"
    signed.refresh_from_db()
    assert signed.status == Status.SIGNED


def test_an_interpretation_may_be_scheduled_with_its_scheduled_policy(tree, policy):
    services.withdraw(revision=policy, by=None, reason="修订")
    second = to_signed(services.start_revision(record=policy.record, by=None))
    when = timezone.now() + datetime.timedelta(days=2)
    services.publish(revision=second, by=None, at=when)
    explained = to_signed(interpretation(tree["education"], policy.record))
    scheduled = services.publish(revision=explained, by=None, at=when + datetime.timedelta(minutes=5))
    assert scheduled.status == Status.SCHEDULED
    assert services.publish_due(now=when + datetime.timedelta(hours=1)) == {
        "due": 2,
        "published": 2,
        "failed": 0,
    }


def test_a_record_cannot_interpret_itself(tree, policy):
    second = services.start_revision(record=policy.record, by=None)
    with pytest.raises(services.RecordError) as caught:
        services.update_draft(revision=second, by=None, interprets=policy.record)
    assert set(caught.value.fields) == {"interprets"}
