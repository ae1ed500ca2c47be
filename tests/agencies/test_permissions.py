"""Every role × agency pair: who sees the non-public data of which agency.

The expectations are written out by hand from the rule in issue #2, not derived from the code.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from sunshine.agencies.models import Role
from sunshine.agencies.selectors import (
    agencies_for_staff,
    can_administer,
    can_see_private,
    get_agency_for_staff,
)

TARGETS = ["district", "health", "street", "community", "city", "education", "edu_office", "other"]
SUBTREE_OF_DISTRICT = {"district", "health", "street", "community"}

# role held in East District -> the targets whose non-public data the holder sees
EXPECTED = {
    Role.OFFICER: {"district"},
    Role.REVIEWER: {"district"},
    Role.SIGNER: {"district"},
    Role.DISCLOSURE_OFFICE: SUBTREE_OF_DISTRICT,
    Role.SUPERVISOR: SUBTREE_OF_DISTRICT,
    Role.ADMINISTRATOR: SUBTREE_OF_DISTRICT,
}

MATRIX = [(role, target, target in seen) for role, seen in EXPECTED.items() for target in TARGETS]


@pytest.mark.parametrize(("role", "target", "expected"), MATRIX)
def test_a_role_in_the_district_sees_exactly_its_share_of_the_tree(make_user, tree, role, target, expected):
    user = make_user(f"person-{role}", agency=tree["district"], role=role)
    assert can_see_private(user, tree[target]) is expected


@pytest.mark.parametrize("target", TARGETS)
def test_a_superuser_sees_every_agency(admin_user, tree, target):
    assert can_see_private(admin_user, tree[target])


@pytest.mark.parametrize("target", TARGETS)
def test_a_person_without_a_role_sees_no_agency(make_user, tree, target):
    assert not can_see_private(make_user("nobody"), tree[target])


@pytest.mark.parametrize("target", TARGETS)
def test_an_anonymous_visitor_sees_no_agency(tree, target):
    assert not can_see_private(AnonymousUser(), tree[target])


def test_an_officer_of_a_department_does_not_see_the_unit_below_it(alice, tree):
    assert set(agencies_for_staff(alice).values_list("code", flat=True)) == {"CITY-EDU"}


def test_the_city_disclosure_office_sees_the_whole_city_but_not_the_other_city(olga, tree):
    seen = set(agencies_for_staff(olga).values_list("code", flat=True))
    assert seen == {a.code for name, a in tree.items() if name != "other"}


def test_roles_in_two_agencies_add_up(make_user, tree):
    person = make_user("two-hats", agency=tree["finance"], role=Role.OFFICER)
    from sunshine.agencies import services

    services.grant_role(by=None, user=person, agency=tree["street"], role=Role.SUPERVISOR)
    seen = set(agencies_for_staff(person).values_list("code", flat=True))
    assert seen == {"CITY-FIN", "EAST-RIVER", "EAST-RIVER-WILLOW"}


def test_a_deactivated_person_sees_nothing(make_user, tree):
    person = make_user("gone", agency=tree["city"], role=Role.SUPERVISOR)
    person.is_active = False
    person.save()
    assert not agencies_for_staff(person).exists()


def test_an_agency_out_of_reach_reads_as_not_found(alice, tree):
    from django.http import Http404

    with pytest.raises(Http404):
        get_agency_for_staff(alice, "CITY-FIN")
    assert get_agency_for_staff(alice, "CITY-EDU") == tree["education"]


@pytest.mark.parametrize(
    ("role", "target", "expected"),
    [
        (Role.ADMINISTRATOR, "district", True),
        (Role.ADMINISTRATOR, "community", True),
        (Role.ADMINISTRATOR, "city", False),
        (Role.SUPERVISOR, "district", False),
        (Role.DISCLOSURE_OFFICE, "district", False),
        (Role.OFFICER, "district", False),
    ],
)
def test_only_administrators_administer_and_only_their_subtree(make_user, tree, role, target, expected):
    user = make_user(f"adm-{role}", agency=tree["district"], role=role)
    assert can_administer(user, tree[target]) is expected
