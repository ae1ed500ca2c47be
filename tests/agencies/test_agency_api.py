from __future__ import annotations

import pytest

from sunshine.agencies.models import Agency, Membership, Role
from sunshine.core.models import AuditEntry
from tests.api_helpers import bearer, token_for


def test_anyone_lists_agencies_with_code_kind_names_and_parent(client, tree):
    rows = client.get("/api/v1/agencies").json()
    by_code = {row["code"]: row for row in rows}
    assert by_code["CITY-EDU"] == {
        "code": "CITY-EDU",
        "kind": "department",
        "name": "阳光市教育局",
        "name_en": "Education Bureau",
        "parent_code": "CITY",
    }
    assert by_code["CITY"]["parent_code"] is None
    assert len(rows) == 9


def test_the_list_filters_by_parent_and_kind(client, tree):
    rows = client.get("/api/v1/agencies?parent=EAST&kind=department").json()
    assert [row["code"] for row in rows] == ["EAST-HEALTH"]


def test_one_agency_shows_its_guide_and_children(client, tree):
    body = client.get("/api/v1/agencies/CITY").json()
    assert body["guide"]["office_name"] == "阳光市人民政府办公室"
    assert body["guide"]["phone"] == "0571-12345678"
    assert set(body["children"]) == {"CITY-EDU", "CITY-FIN", "EAST"}


def test_an_inactive_agency_is_not_public(client, tree):
    Agency.objects.filter(code="CITY-FIN").update(is_active=False)
    assert client.get("/api/v1/agencies/CITY-FIN").status_code == 404
    assert "CITY-FIN" not in [row["code"] for row in client.get("/api/v1/agencies").json()]


def test_an_unknown_agency_answers_404_in_the_error_shape(client, tree):
    response = client.get("/api/v1/agencies/NOPE")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_superuser_creates_an_agency_through_the_api(client, admin_user, tree):
    token = token_for(client, "root")
    response = client.post(
        "/api/v1/agencies",
        {
            "code": "CITY-TRANS",
            "kind": "department",
            "name": "阳光市交通运输局",
            "parent_code": "CITY",
            "phone": "0571-1",
        },
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 201, response.content
    assert response.json()["parent_code"] == "CITY"
    created = Agency.objects.get(code="CITY-TRANS")
    assert created.path.startswith(tree["city"].path)
    assert AuditEntry.objects.filter(
        action="agency.create", object_id=str(created.pk), actor_name="root"
    ).exists()


def test_a_duplicate_code_is_refused_and_nothing_changes(client, admin_user, tree):
    token = token_for(client, "root")
    response = client.post(
        "/api/v1/agencies",
        {"code": "CITY-EDU", "kind": "department", "name": "重复"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 409
    assert Agency.objects.get(code="CITY-EDU").name == "阳光市教育局"


def test_a_district_administrator_changes_a_guide_in_the_district_only(client, make_user, tree):
    make_user("dadmin", agency=tree["district"], role=Role.ADMINISTRATOR)
    token = token_for(client, "dadmin")
    ok = client.patch(
        "/api/v1/agencies/EAST-HEALTH",
        {"office_hours": "周一至周五 9:00-17:00"},
        content_type="application/json",
        **bearer(token),
    )
    assert ok.status_code == 200
    assert ok.json()["guide"]["office_hours"] == "周一至周五 9:00-17:00"
    refused = client.patch(
        "/api/v1/agencies/CITY-EDU", {"office_hours": "x"}, content_type="application/json", **bearer(token)
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
    assert Agency.objects.get(code="CITY-EDU").office_hours == ""


def test_an_officer_cannot_create_agencies(client, alice):
    token = token_for(client, "alice")
    response = client.post(
        "/api/v1/agencies",
        {"code": "X", "kind": "department", "name": "x", "parent_code": "CITY-EDU"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 403
    assert not Agency.objects.filter(code="X").exists()


def test_writing_without_a_token_answers_401(client, tree):
    response = client.post("/api/v1/agencies", {}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_bad_email_in_a_guide_is_a_validation_error_naming_the_field(client, admin_user, tree):
    token = token_for(client, "root")
    response = client.patch(
        "/api/v1/agencies/CITY", {"email": "not-an-address"}, content_type="application/json", **bearer(token)
    )
    assert response.status_code == 422
    assert "email" in response.json()["error"]["fields"]
    assert Agency.objects.get(code="CITY").email == ""


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.SUPERVISOR])
def test_an_administrator_grants_and_revokes_roles(client, admin_user, make_user, tree, role):
    make_user("newbie")
    token = token_for(client, "root")
    granted = client.post(
        "/api/v1/agencies/CITY-FIN/members",
        {"username": "newbie", "role": role},
        content_type="application/json",
        **bearer(token),
    )
    assert granted.status_code == 201
    membership_id = granted.json()["id"]
    assert Membership.objects.filter(user__username="newbie", role=role).exists()
    revoked = client.delete(f"/api/v1/agencies/CITY-FIN/members/{membership_id}", **bearer(token))
    assert revoked.status_code == 204
    assert not Membership.objects.filter(user__username="newbie").exists()
    actions = list(
        AuditEntry.objects.filter(object_type="agencies.membership").values_list("action", flat=True)
    )
    assert "membership.grant" in actions
    assert "membership.revoke" in actions
