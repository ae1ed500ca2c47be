"""``sunshine generate``: synthetic agencies and staff in bulk, for benchmarks."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from sunshine.agencies.models import Agency, AgencyKind, Membership, Role
from sunshine.agencies.selectors import subtree_of
from sunshine.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate", *args, stdout=out)
    return out.getvalue()


def test_it_creates_exactly_the_number_of_agencies_and_staff_asked_for():
    generate("--agencies", "300", "--staff", "40", "--prefix", "T")

    assert Agency.objects.filter(code__startswith="T-").count() == 300
    assert get_user_model().objects.filter(username__startswith="t-staff-").count() == 40


def test_it_builds_a_tree_whose_paths_find_every_descendant():
    generate("--agencies", "300", "--staff", "0", "--prefix", "T")

    agencies = {agency.pk: agency for agency in Agency.objects.filter(code__startswith="T-")}
    for agency in agencies.values():
        parent_path = agencies[agency.parent_id].path if agency.parent_id else "/"
        assert agency.path == f"{parent_path}{agency.pk}/"
    for agency in agencies.values():
        expected = {agency.pk}
        frontier = [agency.pk]
        while frontier:
            children = [a.pk for a in agencies.values() if a.parent_id in frontier]
            expected.update(children)
            frontier = children
        assert set(subtree_of(agency).values_list("pk", flat=True)) == expected


def test_it_lays_out_a_province_with_cities_districts_streets_and_communities():
    generate("--agencies", "300", "--staff", "0", "--prefix", "T")

    root = Agency.objects.get(parent=None, code__startswith="T-")
    assert root.kind == AgencyKind.GOVERNMENT
    assert root.name.endswith("省人民政府")
    cities = Agency.objects.filter(parent=root, kind=AgencyKind.GOVERNMENT)
    assert cities.exists()
    assert all(city.name.endswith("市人民政府") for city in cities)
    community = Agency.objects.filter(code__startswith="T-", kind=AgencyKind.VILLAGE).first()
    assert community is not None
    assert community.depth == 4
    assert community.name.endswith(("社区居民委员会", "村民委员会"))
    assert community.parent is not None
    assert community.parent.kind == AgencyKind.TOWNSHIP
    kinds = set(Agency.objects.filter(code__startswith="T-").values_list("kind", flat=True))
    assert kinds == set(AgencyKind.values)


def test_codes_are_unique_and_carry_the_prefix():
    generate("--agencies", "120", "--staff", "0", "--prefix", "BENCH")

    codes = list(Agency.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 120
    assert all(code.startswith("BENCH-") for code in codes)


def test_staff_hold_roles_spread_over_the_tree_with_tree_roles_in_governments():
    generate("--agencies", "300", "--staff", "200", "--prefix", "T")

    memberships = Membership.objects.filter(user__username__startswith="t-staff-").select_related("agency")
    assert memberships.count() >= 200
    assert len({m.agency_id for m in memberships}) > 50
    assert {m.role for m in memberships} == set(Role.values)
    for membership in memberships:
        if membership.role in (Role.DISCLOSURE_OFFICE, Role.SUPERVISOR, Role.ADMINISTRATOR):
            assert membership.agency.kind == AgencyKind.GOVERNMENT


def test_generated_accounts_cannot_sign_in_without_a_password_option():
    generate("--agencies", "10", "--staff", "2", "--prefix", "T")

    user = get_user_model().objects.get(username="t-staff-000001")
    assert not user.has_usable_password()


def test_a_password_option_is_given_to_every_generated_account():
    generate("--agencies", "10", "--staff", "2", "--prefix", "T", "--password", "bench-pass-2026")

    for user in get_user_model().objects.filter(username__startswith="t-staff-"):
        assert user.check_password("bench-pass-2026")


def test_it_records_one_audit_entry_summarising_the_generation():
    generate("--agencies", "50", "--staff", "5", "--prefix", "T")

    entry = AuditEntry.objects.get()
    root = Agency.objects.get(parent=None)
    assert entry.action == "generate.agencies"
    assert entry.actor is None
    assert entry.object_id == str(root.pk)
    assert entry.after is not None
    assert entry.after["agencies"] == 50
    assert entry.after["staff"] == 5
    assert entry.after["prefix"] == "T"


def test_a_second_run_with_another_prefix_adds_a_distinct_set():
    generate("--agencies", "30", "--staff", "3", "--prefix", "A")
    generate("--agencies", "30", "--staff", "3", "--prefix", "B")

    assert Agency.objects.count() == 60
    assert Agency.objects.filter(parent=None).count() == 2
    assert AuditEntry.objects.filter(action="generate.agencies").count() == 2


def test_a_prefix_in_use_is_refused_clearly_and_changes_nothing():
    generate("--agencies", "30", "--staff", "3", "--prefix", "A")

    with pytest.raises(CommandError, match="prefix 'A' is already used by 30 agencies"):
        generate("--agencies", "30", "--staff", "3", "--prefix", "A")
    assert Agency.objects.count() == 30
    assert get_user_model().objects.count() == 3
    assert AuditEntry.objects.count() == 1


def test_a_prefix_that_is_not_a_code_is_refused():
    with pytest.raises(CommandError, match="not a valid agency code"):
        generate("--agencies", "5", "--prefix", "no spaces")
    assert not Agency.objects.exists()


def test_the_same_seed_gives_the_same_names():
    generate("--agencies", "40", "--staff", "0", "--prefix", "A", "--seed", "7")
    generate("--agencies", "40", "--staff", "0", "--prefix", "B", "--seed", "7")

    def names(prefix: str) -> list[str]:
        return list(
            Agency.objects.filter(code__startswith=prefix).order_by("code").values_list("name", flat=True)
        )

    assert names("A-") == names("B-")


def test_it_prints_a_summary():
    output = generate("--agencies", "25", "--staff", "4", "--prefix", "T")

    assert "Generated 25 agencies" in output
    assert "4 staff" in output
    assert "T-000001" in output


def test_it_sits_beside_an_existing_tree(tree):
    generate("--agencies", "20", "--staff", "0", "--prefix", "T")

    assert set(subtree_of(tree["city"]).values_list("code", flat=True)).isdisjoint(
        Agency.objects.filter(code__startswith="T-").values_list("code", flat=True)
    )
    assert Agency.objects.filter(code__startswith="T-").count() == 20
