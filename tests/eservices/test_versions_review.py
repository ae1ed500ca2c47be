"""A service guide's versions: written as a draft, submitted, published by another person or
returned with comments; a new version starts from the published one and replaces it when published."""

from __future__ import annotations

import pytest

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError
from sunshine.eservices import selectors, services
from sunshine.eservices.codes import Status
from sunshine.eservices.models import Item, Version
from tests.eservices.conftest import FIELDS, MATERIALS, STEPS


def test_a_new_item_starts_as_a_draft_with_its_rows_and_generated_keys(draft):
    version = draft()
    assert version.number == 1
    assert version.status == Status.DRAFT
    assert list(version.materials.values_list("key", flat=True)) == ["application", "m1"]
    assert list(version.steps.values_list("key", flat=True)) == ["accept", "review", "decide"]
    assert sorted(version.events.values_list("event", flat=True)) == ["business", "education"]
    assert AuditEntry.objects.filter(action="eservice.create").count() == 1


def test_the_promised_time_limit_cannot_exceed_the_statutory_one(draft):
    with pytest.raises(WorkflowError) as caught:
        draft(promised_days=25)
    assert caught.value.status == 422
    assert "promised_days" in caught.value.fields
    assert not Item.objects.exists()


def test_fees_need_their_basis_unless_the_item_is_free(draft):
    with pytest.raises(WorkflowError) as caught:
        draft(free=False, fees="每件 10 元")
    assert set(caught.value.fields) == {"fee_basis"}


def test_an_item_code_is_unique(draft):
    draft("EDU-001")
    with pytest.raises(WorkflowError) as caught:
        draft("edu-001")
    assert "code" in caught.value.fields


def test_an_officer_of_another_agency_cannot_write_for_the_bureau(tree, make_user):
    from sunshine.agencies.models import Role

    fred = make_user("fred", agency=tree["finance"], role=Role.OFFICER)
    with pytest.raises(WorkflowError) as caught:
        services.create_item(agency=tree["education"], by=fred, code="X-1", fields=FIELDS, steps=STEPS)
    assert caught.value.status == 403


def test_who_submitted_a_version_cannot_publish_it(draft, make_user, tree):
    from sunshine.agencies.models import Role

    both = make_user("bo", agency=tree["education"], role=Role.OFFICER)
    services_version = draft(by=both)
    from sunshine.agencies import services as agency_services

    agency_services.grant_role(by=None, user=both, agency=tree["education"], role=Role.REVIEWER)
    services.take_action(version=services_version, action="submit", by=both)
    with pytest.raises(WorkflowError) as caught:
        services.take_action(version=services_version, action="publish", by=both)
    assert (caught.value.status, caught.value.code) == (403, "own_submission")


def test_a_reviewer_returns_with_comments_and_the_author_submits_again(draft, alice, rita):
    version = draft()
    services.take_action(version=version, action="submit", by=alice)
    version = services.take_action(
        version=version, action="return", by=rita, input={"comments": "补充收费依据"}
    )
    assert version.status == Status.RETURNED
    assert version.comments == "补充收费依据"
    services.update_version(
        version=version,
        by=alice,
        fields={**FIELDS, "name": "民办学校设立审批（修订）"},
        materials=MATERIALS,
        steps=STEPS,
        windows=[],
        events=["education"],
    )
    version = services.take_action(version=version, action="submit", by=alice)
    assert version.status == Status.SUBMITTED
    assert version.comments == ""
    assert version.windows.count() == 0


def test_a_return_without_comments_is_refused(draft, alice, rita):
    version = draft()
    services.take_action(version=version, action="submit", by=alice)
    with pytest.raises(WorkflowError) as caught:
        services.take_action(version=version, action="return", by=rita, input={"comments": ""})
    assert caught.value.status == 422


def test_a_version_without_steps_cannot_be_submitted(tree, alice):
    version = services.create_item(agency=tree["education"], by=alice, code="EDU-9", fields=FIELDS)
    with pytest.raises(WorkflowError) as caught:
        services.take_action(version=version, action="submit", by=alice)
    assert caught.value.code == "incomplete"


def test_a_submitted_version_cannot_be_edited(draft, alice):
    version = draft()
    services.take_action(version=version, action="submit", by=alice)
    with pytest.raises(WorkflowError) as caught:
        services.update_version(
            version=version, by=alice, fields=FIELDS, materials=[], steps=STEPS, windows=[], events=[]
        )
    assert caught.value.status == 409


def test_a_new_version_keeps_the_keys_and_replaces_the_published_one_when_published(published, alice, rita):
    first = published()
    assert selectors.get_public_version("EDU-001").pk == first.pk
    second = services.new_version(item=first.item, by=alice)
    assert second.number == 2
    assert second.status == Status.DRAFT
    assert list(second.materials.values_list("key", flat=True)) == ["application", "m1"]
    assert list(second.steps.values_list("key", flat=True)) == ["accept", "review", "decide"]
    # The public still reads the first version while the second is written.
    assert selectors.get_public_version("EDU-001").pk == first.pk
    with pytest.raises(WorkflowError) as caught:
        services.new_version(item=first.item, by=alice)
    assert caught.value.code == "version_open"
    services.take_action(version=second, action="submit", by=alice)
    services.take_action(version=second, action="publish", by=rita)
    first.refresh_from_db()
    assert first.status == Status.SUPERSEDED
    assert selectors.get_public_version("EDU-001").pk == second.pk
    assert Version.objects.filter(item=first.item, status=Status.PUBLISHED).count() == 1
    entry = AuditEntry.objects.filter(action="eservice.publish").order_by("-pk").first()
    assert entry is not None
    assert (entry.after or {})["replaces"] == 1


def test_a_new_version_needs_a_published_one(draft, alice):
    version = draft()
    with pytest.raises(WorkflowError) as caught:
        services.new_version(item=version.item, by=alice)
    assert caught.value.code == "version_open"


def test_the_public_sees_only_published_versions_of_active_agencies(published, draft, tree):
    published("EDU-001")
    draft("EDU-002")
    assert [v.item.code for v in selectors.public_versions()] == ["EDU-001"]
    tree["education"].is_active = False
    tree["education"].save()
    assert not selectors.public_versions().exists()
