from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sunshine.agencies import services
from sunshine.agencies.models import Agency, AgencyKind
from sunshine.agencies.selectors import subtree_of
from sunshine.core.models import AuditEntry


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_a_subtree_holds_the_agency_and_everything_below_it(tree):
    assert codes(subtree_of(tree["district"])) == {"EAST", "EAST-HEALTH", "EAST-RIVER", "EAST-RIVER-WILLOW"}


def test_moving_an_agency_carries_its_descendants_along(tree):
    services.update_agency(by=None, agency=tree["street"], parent=tree["city"])
    assert codes(subtree_of(Agency.objects.get(code="CITY"))) >= {"EAST-RIVER", "EAST-RIVER-WILLOW"}
    assert codes(subtree_of(Agency.objects.get(code="EAST"))) == {"EAST", "EAST-HEALTH"}
    community = Agency.objects.get(code="EAST-RIVER-WILLOW")
    assert community.path.startswith(Agency.objects.get(code="CITY").path)


def test_an_agency_cannot_be_placed_below_itself(tree):
    with pytest.raises(ValidationError):
        services.update_agency(by=None, agency=tree["district"], parent=tree["community"])
    assert Agency.objects.get(code="EAST-RIVER-WILLOW").path.startswith(Agency.objects.get(code="EAST").path)


def test_a_code_with_a_slash_is_refused_because_index_numbers_use_it(db):
    with pytest.raises(ValidationError):
        services.create_agency(by=None, code="A/B", kind=AgencyKind.GOVERNMENT, name="错误")
    assert not Agency.objects.exists()


def test_every_change_leaves_an_audit_entry_with_before_and_after(tree):
    services.update_agency(by=None, agency=tree["finance"], phone="0571-88888888")
    entry = AuditEntry.objects.filter(action="agency.update", object_id=str(tree["finance"].pk)).get()
    assert entry.before == {"phone": ""}
    assert entry.after == {"phone": "0571-88888888"}
    assert entry.agency_id == tree["finance"].pk
