"""Assigning a request to the officer of its agency who handles it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.inforequests.assignment import assign, assignable_officers
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.services import RequestError
from tests.inforequests.conftest import D


@pytest.fixture
def request_(submit):
    request, _key = submit(D(2026, 10, 12))
    return request


@pytest.fixture
def bob(make_user, tree):
    """Bob is a second information officer of the Education Bureau."""
    return make_user("bob", agency=tree["education"], role=Role.OFFICER)


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


def assignments() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="inforequest.assign").order_by("id"))


def test_the_people_of_the_agency_can_be_assigned(request_, alice, bob, fred, olga):
    assert set(assignable_officers(request_)) == {alice, bob}


def test_an_inactive_person_cannot_be_assigned(request_, alice, bob):
    bob.is_active = False
    bob.save()
    assert list(assignable_officers(request_)) == [alice]


def test_an_officer_of_the_agency_is_assigned_with_an_audit_entry(request_, alice, bob):
    assigned = assign(request=request_, officer=bob, by=alice)
    assert assigned.assigned_to == bob
    assert InfoRequest.objects.get(pk=request_.pk).assigned_to == bob
    (entry,) = assignments()
    assert entry.actor_name == "alice"
    assert entry.before == {"assigned_to": None}
    assert entry.after == {"assigned_to": bob.pk}
    assert entry.agency_id == request_.agency_id


def test_the_assignment_can_be_cleared(request_, alice, bob):
    assign(request=request_, officer=bob, by=alice)
    cleared = assign(request=request_, officer=None, by=alice)
    assert cleared.assigned_to is None
    assert [e.after for e in assignments()] == [{"assigned_to": bob.pk}, {"assigned_to": None}]


def test_assigning_the_same_person_again_changes_nothing(request_, alice, bob):
    assign(request=request_, officer=bob, by=alice)
    assign(request=request_, officer=bob, by=alice)
    assert len(assignments()) == 1


def test_a_person_of_another_agency_cannot_be_assigned(request_, alice, fred):
    with pytest.raises(RequestError) as refused:
        assign(request=request_, officer=fred, by=alice)
    assert refused.value.status == 422
    assert "officer" in refused.value.fields
    assert InfoRequest.objects.get(pk=request_.pk).assigned_to is None
    assert assignments() == []


def test_a_disclosure_office_above_is_not_staff_of_the_agency(request_, alice, olga):
    with pytest.raises(RequestError):
        assign(request=request_, officer=olga, by=alice)


def test_someone_who_cannot_see_the_request_cannot_assign_it(request_, fred, alice):
    with pytest.raises(PermissionDenied):
        assign(request=request_, officer=alice, by=fred)
    assert InfoRequest.objects.get(pk=request_.pk).assigned_to is None
    assert assignments() == []


def test_a_disclosure_office_above_may_assign_the_agencys_officer(request_, olga, bob):
    assert assign(request=request_, officer=bob, by=olga).assigned_to == bob
