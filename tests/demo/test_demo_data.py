from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from sunshine.agencies.models import Agency, AgencyKind, Membership, Role


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_city_has_eight_departments_two_districts_streets_and_communities(demo):
    city = Agency.objects.get(code="YG")
    assert city.kind == AgencyKind.GOVERNMENT
    assert city.children.filter(kind=AgencyKind.DEPARTMENT).count() >= 8
    districts = list(city.children.filter(kind=AgencyKind.GOVERNMENT))
    assert len(districts) == 2
    for district in districts:
        assert district.children.filter(kind=AgencyKind.DEPARTMENT).exists()
        streets = district.children.filter(kind=AgencyKind.TOWNSHIP)
        assert streets.count() == 3
        for street in streets:
            assert street.children.filter(kind=AgencyKind.VILLAGE).exists()


def test_every_demo_agency_has_a_guide(demo):
    assert not Agency.objects.filter(office_name="").exists()
    assert not Agency.objects.filter(how_to_apply="").exists()


def test_there_is_a_demo_person_for_every_role(demo):
    held = set(Membership.objects.values_list("role", flat=True))
    assert held == set(Role.values)
    assert get_user_model().objects.filter(is_superuser=True, username="admin").exists()


def test_loading_twice_changes_nothing(demo):
    agencies, people, memberships = (
        Agency.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    )
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Agency.objects.count(), get_user_model().objects.count(), Membership.objects.count()) == (
        agencies,
        people,
        memberships,
    )


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_data")
    assert not Agency.objects.exists()


def test_demo_people_can_sign_in(demo, client):
    response = client.post("/staff/login/", {"username": "officer", "password": "sunshine-demo-2026"})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
