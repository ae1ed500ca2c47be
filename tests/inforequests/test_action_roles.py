"""Who may act on a request for information: every role × every action, through the JSON API and
through the back office pages; registration and assignment; and who approves an extension.

Information officers of the agency and its disclosure office (of it or above it) take every action;
a signer takes only the extension, which they approve; supervisors, reviewers and administrators
read. The system (``by`` None: the applicant's own withdrawal, automatic receipt) is not checked.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.inforequests import services
from sunshine.inforequests.actions import ACTIONS as DECLARED
from sunshine.inforequests.models import AgencyRequestSettings, InfoRequest
from sunshine.inforequests.services import Applicant, Wanted
from tests.backoffice import D, act, fixed_today, paper_request
from tests.inforequests.conftest import CITIZEN_ID

# The reply step itself is tested here; its review and sign-off in tests/inforequests/test_reply_review.py.
pytestmark = pytest.mark.usefixtures("replies_without_review")

ACTIONS = tuple(DECLARED)
ROLES = [r.value for r in Role]
ACTORS = ["superuser", *ROLES]
# What each action needs in the request's state, and what it is given (valid input, taken today).
API_FIELDS: dict[str, dict[str, Any]] = {
    "confirm_receipt": {},
    "request_correction": {"items": ["写明文号"], "period_working_days": 10},
    "receive_correction": {},
    "correction_overdue": {},
    "start_consultation": {"party": "third_party"},
    "end_consultation": {},
    "extend": {"working_days": 10, "reason": "需要检索档案"},  # the approver is added per test
    "reply": {"outcome": "disclosed", "reasons": ""},
    "withdraw": {},
    "notify_fee": {"method": "per_page", "pages": 150},
    "record_fee_payment": {},
    "fee_unpaid": {},
    "decline_fee": {},
}
PAGE_FIELDS: dict[str, dict[str, str]] = {
    **{action: {} for action in API_FIELDS},
    "request_correction": {"items": "写明文号", "period_working_days": "10"},
    "start_consultation": {"party": "third_party"},
    "extend": {"working_days": "10", "reason": "需要检索档案"},
    "reply": {"outcome": "disclosed"},
    "notify_fee": {"method": "per_page", "pages": "150"},
}


def may(actor: str, action: str) -> bool:
    """The rule as the tests read it, written out apart from the declarations."""
    if actor in {"superuser", Role.OFFICER, Role.DISCLOSURE_OFFICE}:
        return True
    return actor == Role.SIGNER and action == "extend"


def test_every_action_declares_its_roles():
    assert set(API_FIELDS) == set(ACTIONS)
    for action, transition in DECLARED.items():
        assert {r for r in ROLES if r in transition.roles} == {r for r in ROLES if may(r, action)}, action


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:  # Thu 2026-10-15
        yield day


@pytest.fixture
def sigrid(make_user, tree):
    """Sigrid signs for the Education Bureau: she approves its extensions (条例 Art. 33)."""
    return make_user("sigrid", agency=tree["education"], role=Role.SIGNER, first_name="Sigrid")


@pytest.fixture
def person(make_user, tree):
    """A person holding one role in the Education Bureau, or a superuser."""

    def make(actor: str):
        if actor == "superuser":
            return make_user("root", is_superuser=True, is_staff=True)
        return make_user(f"p-{actor}", agency=tree["education"], role=actor)

    return make


def _online(agency) -> InfoRequest:
    """An online request that waits for staff to confirm its receipt."""
    AgencyRequestSettings.objects.update_or_create(agency=agency, defaults={"auto_confirm_online": False})
    applicant = Applicant(
        kind="natural_person",
        name="陈小明",
        id_type="resident_id",
        id_number=CITIZEN_ID,
        email="c@example.com",
    )
    wanted = Wanted(description="2025年度部门预算执行情况")
    request, _key = services.submit_request(
        agency=agency, applicant=applicant, wanted=wanted, today=D(2026, 10, 14)
    )
    return request


def ready_for(action: str, tree) -> InfoRequest:
    """A request of the Education Bureau in a state where ``action`` may be taken today (the earlier
    steps are the system's, ``by`` None)."""
    agency = tree["education"]
    if action == "confirm_receipt":
        return _online(agency)
    if action == "fee_unpaid":  # the fee was payable by the end of September
        request = paper_request(agency, D(2026, 8, 31))
        return act(request, "notify_fee", D(2026, 9, 1), method="per_page", pages=150)
    request = paper_request(agency, D(2026, 9, 15))
    if action in {"receive_correction", "correction_overdue"}:
        return act(request, "request_correction", D(2026, 9, 16), items=["写明文号"], period_working_days=3)
    if action == "end_consultation":
        return act(request, "start_consultation", D(2026, 9, 16), party="agency")
    if action in {"record_fee_payment", "decline_fee"}:
        return act(request, "notify_fee", D(2026, 10, 14), method="per_page", pages=150)
    return request


def changes(request: InfoRequest) -> tuple[int, int, str]:
    fresh = InfoRequest.objects.get(pk=request.pk)
    entries = AuditEntry.objects.filter(
        object_type="inforequests.inforequest", object_id=str(request.pk)
    ).count()
    return fresh.events.count(), entries, fresh.status


def api_action(client, request: InfoRequest, **data):
    return client.post(
        f"/api/v1/staff/requests/{request.pk}/actions",
        data,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def page(client, request: InfoRequest):
    return client.get(f"/staff/requests/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en")


def page_action(client, request: InfoRequest, action: str, **data):
    return client.post(f"/staff/requests/{request.pk}/actions/{action}/", data, HTTP_ACCEPT_LANGUAGE="en")


def offered(html: str) -> list[str]:
    return re.findall(r'<form [^>]*data-action="(\w+)"', html)


# --- the matrix ---------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", ACTORS)
def test_through_the_api_only_officers_the_disclosure_office_and_signers_for_extensions_may_act(
    client, tree, person, sigrid, actor, action
):
    request = ready_for(action, tree)
    client.force_login(person(actor))
    fields = dict(API_FIELDS[action])
    if action == "extend":
        fields["approver"] = "sigrid"
    before = changes(request)
    response = api_action(client, request, action=action, **fields)
    if may(actor, action):
        assert response.status_code == 200, response.content
        assert response.json()["history"][-1]["action"] == action
    else:
        assert response.status_code == 403, response.content
        assert response.json()["error"]["code"] == "permission_denied"
        assert changes(request) == before
    # Everybody with a role still reads the request.
    read = client.get(f"/api/v1/staff/requests/{request.pk}")
    assert read.status_code == 200


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", ACTORS)
def test_through_the_pages_only_people_who_may_act_see_the_form_and_others_get_403(
    client, tree, person, sigrid, actor, action
):
    request = ready_for(action, tree)
    client.force_login(person(actor))
    shown = page(client, request)
    assert shown.status_code == 200  # reading is unchanged
    assert (action in offered(shown.content.decode())) is may(actor, action)
    fields = dict(PAGE_FIELDS[action])
    if action == "extend":
        fields["approver"] = str(sigrid.pk)
    before = changes(request)
    response = page_action(client, request, action, **fields)
    if may(actor, action):
        assert response.status_code == 302, response.content.decode()[-3000:]
        assert changes(request) != before
    else:
        assert response.status_code == 403
        assert "Not allowed" in response.content.decode()
        assert changes(request) == before


@pytest.mark.parametrize("actor", ACTORS)
def test_the_api_lists_the_actions_the_caller_may_take(client, tree, person, actor):
    request = ready_for("reply", tree)
    client.force_login(person(actor))
    data = client.get(f"/api/v1/staff/requests/{request.pk}").json()
    assert data["permitted_actions"] == [a for a in data["allowed_actions"] if may(actor, a)]


def test_people_who_only_read_are_told_so_where_the_steps_would_be(client, tree, person):
    request = ready_for("reply", tree)
    client.force_login(person(Role.SUPERVISOR))
    html = page(client, request).content.decode()
    assert offered(html) == []
    assert 'data-field="read_only"' in html
    assert 'data-form="assign"' not in html


def test_a_signer_is_offered_the_extension_alone(client, tree, sigrid):
    client.force_login(sigrid)
    assert offered(page(client, ready_for("reply", tree)).content.decode()) == ["extend"]


# --- tree roles and other agencies --------------------------------------------------------------


def test_the_disclosure_office_above_the_agency_acts_on_its_requests(client, tree, olga):
    request = ready_for("reply", tree)
    client.force_login(olga)  # the city's disclosure office; the request is the Education Bureau's
    response = api_action(client, request, action="reply", outcome="disclosed")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ADMINISTRATOR])
def test_supervisors_and_administrators_above_the_agency_read_but_do_not_act(client, tree, make_user, role):
    request = ready_for("reply", tree)
    client.force_login(make_user("above", agency=tree["city"], role=role))
    assert client.get(f"/api/v1/staff/requests/{request.pk}").status_code == 200
    response = api_action(client, request, action="reply", outcome="disclosed")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_an_officer_or_signer_above_the_agency_does_not_reach_its_requests(client, tree, make_user):
    request = ready_for("reply", tree)
    client.force_login(make_user("city-officer", agency=tree["city"], role=Role.OFFICER))
    assert api_action(client, request, action="reply", outcome="disclosed").status_code == 404


def test_a_person_with_several_roles_acts_by_any_of_them(client, tree, make_user):
    from sunshine.agencies import services as agency_services

    request = ready_for("reply", tree)
    someone = make_user("both", agency=tree["education"], role=Role.REVIEWER)
    agency_services.grant_role(by=None, user=someone, agency=tree["education"], role=Role.OFFICER)
    client.force_login(someone)
    assert api_action(client, request, action="reply", outcome="disclosed").status_code == 200


def test_the_service_refuses_a_reader_and_leaves_the_system_free(tree, person):
    request = ready_for("withdraw", tree)
    with pytest.raises(services.RequestError) as refused:
        services.perform_action(request=request, action="withdraw", by=person(Role.REVIEWER))
    assert refused.value.status == 403
    assert refused.value.code == "permission_denied"
    # The applicant's own withdrawal (the portal) and the system's steps pass no person.
    withdrawn = services.perform_action(request=request, action="withdraw", by=None)
    assert withdrawn.status == "withdrawn"


# --- registration and assignment ----------------------------------------------------------------


def _paper_body() -> dict[str, Any]:
    return {
        "agency": "CITY-EDU",
        "applicant": {
            "kind": "natural_person",
            "name": "陈小明",
            "id_type": "resident_id",
            "id_number": CITIZEN_ID,
            "address": "阳光市人民路1号",
        },
        "description": "2025年度部门预算执行情况",
        "delivery": {"form": "paper", "method": "post"},
        "channel": "post",
        "received_on": "2026-10-14",
    }


@pytest.mark.parametrize("actor", ACTORS)
def test_only_officers_and_the_disclosure_office_register_paper_requests(client, person, actor):
    client.force_login(person(actor))
    allowed = actor in {"superuser", Role.OFFICER, Role.DISCLOSURE_OFFICE}
    response = client.post("/api/v1/staff/requests", _paper_body(), content_type="application/json")
    assert response.status_code == (201 if allowed else 403), response.content
    if not allowed:
        assert response.json()["error"]["code"] == "permission_denied"
        assert not InfoRequest.objects.exists()
    form = client.get("/staff/requests/new/", HTTP_ACCEPT_LANGUAGE="en")
    assert form.status_code == (200 if allowed else 403)
    queue = client.get("/staff/requests/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ('href="/staff/requests/new/"' in queue) is allowed  # no link leads to a 403


@pytest.mark.parametrize("actor", ACTORS)
def test_only_officers_and_the_disclosure_office_assign_officers(client, tree, person, make_user, actor):
    request = ready_for("reply", tree)
    officer = make_user("handler", agency=tree["education"], role=Role.OFFICER)
    client.force_login(person(actor))
    allowed = actor in {"superuser", Role.OFFICER, Role.DISCLOSURE_OFFICE}
    assert ('data-form="assign"' in page(client, request).content.decode()) is allowed
    response = client.post(f"/staff/requests/{request.pk}/assign/", {"officer": officer.pk})
    assert response.status_code == (302 if allowed else 403)
    assert (InfoRequest.objects.get(pk=request.pk).assigned_to_id == officer.pk) is allowed


# --- the approver of an extension ---------------------------------------------------------------


def _extend(client, request, **fields):
    return api_action(client, request, action="extend", working_days=10, reason="需要检索档案", **fields)


def test_an_officer_must_name_who_approved_the_extension(client, tree, alice):
    request = ready_for("extend", tree)
    client.force_login(alice)
    response = _extend(client, request, approved_by="王主任")  # a name alone is no longer enough
    assert response.status_code == 422
    assert "approver" in response.json()["error"]["fields"]
    assert InfoRequest.objects.get(pk=request.pk).extension_days == 0


@pytest.mark.parametrize("who", ["reviewer", "finance-signer", "nobody", "inactive-signer"])
def test_the_named_approver_must_sign_for_the_agency_or_be_its_disclosure_office(
    client, tree, alice, make_user, who
):
    make_user("reviewer", agency=tree["education"], role=Role.REVIEWER)
    make_user("finance-signer", agency=tree["finance"], role=Role.SIGNER)
    make_user("inactive-signer", agency=tree["education"], role=Role.SIGNER, is_active=False)
    request = ready_for("extend", tree)
    client.force_login(alice)
    response = _extend(client, request, approver=who)
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["approver"].startswith("Name a person who may approve")
    assert InfoRequest.objects.get(pk=request.pk).extension_days == 0


def test_an_officer_names_a_signer_by_user_name_and_the_page_and_api_show_them(client, tree, alice, sigrid):
    request = ready_for("extend", tree)
    client.force_login(alice)
    response = _extend(client, request, approver="sigrid")
    assert response.status_code == 200, response.content
    extension = response.json()["extension"]
    assert extension["approved_by"] == "Sigrid"  # the display name defaults to the approver's
    assert extension["approver"] == {"id": sigrid.pk, "username": "sigrid", "name": "Sigrid"}
    extended = InfoRequest.objects.get(pk=request.pk)
    assert extended.extension_approver == sigrid
    assert extended.events.get(action="extend").by == alice
    entry = AuditEntry.objects.get(action="inforequest.extend")
    assert entry.after is not None
    assert entry.after["approver"] == {"id": sigrid.pk, "username": "sigrid", "name": "Sigrid"}
    html = page(client, extended).content.decode()
    assert "Sigrid (sigrid)" in html  # in the history and beside the extension


def test_an_officer_names_the_disclosure_office_above_by_id_and_keeps_a_title(client, tree, alice, olga):
    request = ready_for("extend", tree)
    client.force_login(alice)
    response = _extend(client, request, approver=olga.pk, approved_by="赵主任（公开办）")
    assert response.status_code == 200, response.content
    extended = InfoRequest.objects.get(pk=request.pk)
    assert extended.extension_approver == olga
    assert extended.extension_approved_by == "赵主任（公开办）"


@pytest.mark.parametrize("role", [Role.SIGNER, Role.DISCLOSURE_OFFICE])
def test_a_signer_or_the_disclosure_office_approves_the_extension_they_record(client, tree, make_user, role):
    approver = make_user("approver", agency=tree["education"], role=role, first_name="Wang")
    request = ready_for("extend", tree)
    client.force_login(approver)
    response = _extend(client, request)
    assert response.status_code == 200, response.content
    extended = InfoRequest.objects.get(pk=request.pk)
    assert extended.extension_approver == approver
    assert extended.extension_approved_by == "Wang"


def test_an_approver_on_the_page_may_leave_the_choice_to_themselves(client, tree, sigrid):
    request = ready_for("extend", tree)
    client.force_login(sigrid)
    response = page_action(client, request, "extend", working_days="10", reason="需要检索档案")
    assert response.status_code == 302
    assert InfoRequest.objects.get(pk=request.pk).extension_approver == sigrid


def test_an_officer_on_the_page_chooses_among_the_agency_s_approvers(
    client, tree, alice, sigrid, olga, make_user
):
    reviewer = make_user("reviewer", agency=tree["education"], role=Role.REVIEWER)
    request = ready_for("extend", tree)
    client.force_login(alice)
    html = page(client, request).content.decode()
    select = re.search(r'<select name="approver".*?</select>', html, re.S)
    assert select is not None
    choices = re.findall(r'<option value="(\d+)"', select[0])
    assert sorted(choices) == sorted([str(sigrid.pk), str(olga.pk)])
    assert str(reviewer.pk) not in choices
    refused = page_action(client, request, "extend", working_days="10", reason="需要检索档案")
    assert refused.status_code == 422  # no approver chosen
    assert 'href="#id_extend_approver"' in refused.content.decode()


def test_the_system_still_records_an_extension_by_name_alone(tree):
    request = ready_for("extend", tree)
    extended = act(request, "extend", D(2026, 10, 15), working_days=5, reason="检索", approved_by="王主任")
    assert extended.extension_approved_by == "王主任"
    assert extended.extension_approver is None
