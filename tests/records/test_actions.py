"""The declared actions (records.actions) are enforced in one place, the workflow kernel: every
action refused in every status it does not start from (nothing changes), and only the roles named
for it may take it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.records import services
from sunshine.records.actions import ACTIONS as DECLARED
from sunshine.records.actions import allowed_actions
from sunshine.records.codes import Status
from sunshine.records.models import Revision
from tests.records.conftest import ALL_CHECKS, at, make_draft, publish_now

D = datetime.date


def in_status(agency, status: str) -> Revision:
    """A revision of a new record brought to ``status`` by the system."""
    revision = make_draft(agency, title=f"状态{status}的记录")
    if status == Status.DRAFT:
        return revision
    if status == Status.SUPERSEDED:
        publish_now(revision)
        second = services.start_revision(record=revision.record, by=None)
        publish_now(second, at(D(2026, 3, 20)))
        revision.refresh_from_db()
        return revision
    revision = services.submit(revision=revision, by=None)
    if status == Status.SUBMITTED:
        return revision
    if status == Status.RETURNED:
        return services.return_for_changes(revision=revision, by=None, comments="补充附件")
    revision = services.review(revision=revision, by=None, decision="approve", checklist=ALL_CHECKS)
    if status == Status.APPROVED:
        return revision
    revision = services.sign(revision=revision, by=None)
    if status == Status.SIGNED:
        return revision
    if status == Status.SCHEDULED:
        return services.publish(revision=revision, by=None, at=timezone.now() + datetime.timedelta(days=2))
    revision = services.publish(revision=revision, by=None, now=at(D(2026, 3, 10)))
    if status == Status.PUBLISHED:
        return revision
    return services.withdraw(revision=revision, by=None, reason="内容有误")


ACTIONS = {
    "edit": lambda r: services.update_draft(revision=r, by=None, title="改过的标题"),
    "submit": lambda r: services.submit(revision=r, by=None),
    "approve": lambda r: services.review(revision=r, by=None, decision="approve", checklist=ALL_CHECKS),
    "override": lambda r: services.override_finding(
        revision=r, by=None, digest="0" * 40, reason="公开的办公电话"
    ),
    "return": lambda r: services.return_for_changes(revision=r, by=None, comments="请修改"),
    "sign": lambda r: services.sign(revision=r, by=None),
    "publish": lambda r: services.publish(revision=r, by=None),
    "schedule": lambda r: services.publish(
        revision=r, by=None, at=timezone.now() + datetime.timedelta(days=1)
    ),
    "unschedule": lambda r: services.unschedule(revision=r, by=None),
    "withdraw": lambda r: services.withdraw(revision=r, by=None, reason="内容有误"),
    "revise": lambda r: services.start_revision(record=r.record, by=None),
}
FORBIDDEN = [
    (action, status)
    for action in ACTIONS
    for status in Status.values
    if status not in DECLARED[action].allowed_from
    and not (action == "revise" and status == Status.SUPERSEDED)
]


@pytest.mark.parametrize(("action", "status"), FORBIDDEN)
def test_an_action_is_refused_in_every_status_it_does_not_start_from(tree, action, status):
    revision = in_status(tree["education"], status)
    before = AuditEntry.objects.count()
    with pytest.raises(services.RecordError) as caught:
        ACTIONS[action](revision)
    assert caught.value.status == 409
    assert caught.value.code == "not_allowed_in_status"
    revision.refresh_from_db()
    assert revision.status == status
    assert revision.record.revisions.count() == (2 if status == Status.SUPERSEDED else 1)
    assert AuditEntry.objects.count() == before


def test_the_table_names_only_real_statuses_and_roles():
    for name, transition in DECLARED.items():
        assert transition.allowed_from <= set(Status.values), name
        assert transition.to is None or transition.to in Status.values, name
        assert transition.roles <= set(Role.values), name
    assert allowed_actions(Status.SIGNED) == ["return", "publish", "schedule"]


def test_the_sweep_publishes_only_scheduled_revisions_whose_time_has_come(tree):
    others = {status: in_status(tree["education"], status) for status in (Status.SIGNED, Status.APPROVED)}
    due = in_status(tree["education"], Status.SCHEDULED)
    result = services.publish_due(now=timezone.now() + datetime.timedelta(days=3))
    assert result == {"due": 1, "published": 1, "failed": 0}
    due.refresh_from_db()
    assert due.status == Status.PUBLISHED
    for status, revision in others.items():
        revision.refresh_from_db()
        assert revision.status == status


# --- Roles ------------------------------------------------------------------------------------


@pytest.fixture
def submitted(tree, alice):
    return services.submit(revision=make_draft(tree["education"], by=alice), by=alice)


def test_an_officer_drafts_and_submits_but_does_not_review_or_sign(tree, alice, submitted):
    with pytest.raises(PermissionDenied):
        services.review(revision=submitted, by=alice, decision="approve", checklist=ALL_CHECKS)
    approved = services.review(revision=submitted, by=None, decision="approve", checklist=ALL_CHECKS)
    with pytest.raises(PermissionDenied):
        services.sign(revision=approved, by=alice)


def test_a_reviewer_reviews_but_neither_drafts_nor_signs(tree, rita, submitted):
    with pytest.raises(PermissionDenied):
        make_draft(tree["education"], by=rita)
    approved = services.review(revision=submitted, by=rita, decision="approve", checklist=ALL_CHECKS)
    assert approved.status == Status.APPROVED
    with pytest.raises(PermissionDenied):
        services.sign(revision=approved, by=rita)


def test_a_signer_signs_off_and_may_withdraw_but_does_not_review(tree, rita, simon, submitted):
    with pytest.raises(PermissionDenied):
        services.review(revision=submitted, by=simon, decision="approve", checklist=ALL_CHECKS)
    approved = services.review(revision=submitted, by=rita, decision="approve", checklist=ALL_CHECKS)
    signed = services.sign(revision=approved, by=simon)
    published = services.publish(revision=signed, by=simon, now=at(D(2026, 3, 10)))
    assert services.withdraw(revision=published, by=simon, reason="有误").status == Status.WITHDRAWN


def test_an_officer_cannot_withdraw(tree, alice):
    published = publish_now(make_draft(tree["education"]))
    with pytest.raises(PermissionDenied):
        services.withdraw(revision=published, by=alice, reason="有误")


def test_the_disclosure_office_above_may_do_everything(tree, olga):
    revision = make_draft(tree["education"], by=olga)
    revision = services.submit(revision=revision, by=olga)
    revision = services.review(revision=revision, by=olga, decision="approve", checklist=ALL_CHECKS)
    revision = services.sign(revision=revision, by=olga)
    revision = services.publish(revision=revision, by=olga, now=at(D(2026, 3, 10)))
    assert revision.status == Status.PUBLISHED


def test_staff_of_another_agency_cannot_act(tree, fred, submitted):
    with pytest.raises(PermissionDenied):
        services.update_draft(revision=make_draft(tree["education"]), by=fred, title="x")
    with pytest.raises(PermissionDenied):
        make_draft(tree["education"], by=fred)


def test_who_submitted_a_record_does_not_review_it_too(tree, make_user):
    bob = make_user("bob", agency=tree["education"], role=Role.OFFICER)
    from sunshine.agencies import services as agency_services

    agency_services.grant_role(by=None, user=bob, agency=tree["education"], role=Role.REVIEWER)
    revision = services.submit(revision=make_draft(tree["education"], by=bob), by=bob)
    with pytest.raises(services.RecordError) as caught:
        services.review(revision=revision, by=bob, decision="approve", checklist=ALL_CHECKS)
    assert (caught.value.status, caught.value.code) == (403, "own_submission")


def test_approval_needs_every_checklist_item(tree, rita, submitted):
    with pytest.raises(services.RecordError) as caught:
        services.review(revision=submitted, by=rita, decision="approve", checklist=ALL_CHECKS[:-1])
    assert set(caught.value.fields) == {"checklist"}
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_return_needs_comments_and_reopens_the_draft(tree, rita, alice, submitted):
    with pytest.raises(services.RecordError):
        services.review(revision=submitted, by=rita, decision="return", comments="  ")
    returned = services.review(revision=submitted, by=rita, decision="return", comments="请删除联系电话")
    assert returned.status == Status.RETURNED
    assert returned.events.get(kind="return").comments == "请删除联系电话"
    assert services.update_draft(revision=returned, by=alice, title="新标题").title == "新标题"


def test_every_change_is_audited(tree, alice, rita, simon):
    revision = make_draft(tree["education"], by=alice)
    services.submit(revision=revision, by=alice)
    services.review(revision=revision, by=rita, decision="approve", checklist=ALL_CHECKS)
    services.sign(revision=revision, by=simon)
    services.publish(revision=revision, by=simon, now=at(D(2026, 3, 10)))
    entries = AuditEntry.objects.filter(object_type="records.revision", object_id=str(revision.pk)).order_by(
        "id"
    )
    assert [(e.action, e.actor_name) for e in entries] == [
        ("record.create", "alice"),
        ("record.submit", "alice"),
        ("record.approve", "rita"),
        ("record.sign", "simon"),
        ("record.publish", "simon"),
    ]
    last = entries.last()
    assert last is not None
    assert (last.after or {})["status"] == Status.PUBLISHED
    assert last.agency_id == tree["education"].pk
