"""The back office pages of service cases: the queue with its warnings, one case and its action
forms, and the same list in the staff API. Monday 16 November 2026 is today; November has no
holiday."""

from __future__ import annotations

import datetime

import pytest

from sunshine.cases.models import Case
from tests.api_helpers import bearer, token_for

D = datetime.date
TODAY = D(2026, 11, 16)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def three(registered, act) -> dict[str, Case]:
    """A red case (accepted 26 October), a yellow one (2 November), one without warning (12 November)
    and one still being examined (received 13 November)."""
    return {
        "red": act(registered(D(2026, 10, 26)), "accept", D(2026, 10, 26)),
        "yellow": act(registered(D(2026, 11, 2)), "accept", D(2026, 11, 2)),
        "none": act(registered(D(2026, 11, 12)), "accept", D(2026, 11, 12)),
        "new": registered(D(2026, 11, 13)),
    }


def post(client, case: Case, action: str, **fields):
    data = {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(f"/staff/cases/{case.pk}/actions/{action}/", data)


def test_the_queue_lists_open_cases_nearest_due_date_first_with_their_warnings(client, alice, three):
    client.force_login(alice)
    html = client.get("/staff/cases/").content.decode()
    codes = [three[k].tracking_code for k in ("red", "yellow", "none", "new")]
    assert [html.index(code) for code in codes] == sorted(html.index(code) for code in codes)
    assert "Open cases: 4" in html
    assert 'data-warning="red"' in html
    assert "Red warning: the promised date is past" in html
    assert 'data-warning="yellow"' in html
    assert "Yellow warning: the promised date is near" in html
    assert "陈小明" in html  # staff see the applicant
    assert "民办学校设立审批" in html


def test_the_warning_filter_keeps_only_the_cases_with_that_warning(client, alice, three):
    client.force_login(alice)
    html = client.get("/staff/cases/?warning=red").content.decode()
    assert three["red"].tracking_code in html
    assert three["yellow"].tracking_code not in html
    assert "Open cases: 1" in html
    html = client.get("/staff/cases/?warning=yellow").content.decode()
    assert three["yellow"].tracking_code in html
    assert three["red"].tracking_code not in html
    assert three["none"].tracking_code not in html


def test_delivered_and_refused_cases_leave_the_queue(client, alice, registered, act):
    refused = act(registered(D(2026, 11, 13)), "refuse", D(2026, 11, 13), reason="不属于本机关职权范围")
    client.force_login(alice)
    assert refused.tracking_code not in client.get("/staff/cases/").content.decode()


def test_the_staff_api_lists_the_same_cases(client, alice, three):
    response = client.get("/api/v1/staff/cases?warning=red", **bearer(token_for(client, "alice")))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["tracking_code"] == three["red"].tracking_code
    assert body["items"][0]["warning"] == "red"
    everything = client.get("/api/v1/staff/cases", **bearer(token_for(client, "alice"))).json()
    assert [i["tracking_code"] for i in everything["items"]] == [
        three[k].tracking_code for k in ("red", "yellow", "none", "new")
    ]


def test_the_staff_navigation_offers_cases_only_to_people_with_an_agency(client, alice, make_user):
    client.force_login(alice)
    assert 'href="/staff/cases/"' in client.get("/staff/").content.decode()
    client.force_login(make_user("nobody"))
    assert client.get("/staff/cases/").status_code == 403


def test_each_step_is_taken_through_its_form_on_one_case(client, alice, sid, registered):
    case = registered(D(2026, 11, 9), materials=["application"])
    client.force_login(alice)
    html = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert 'id="action-accept"' in html
    assert 'id="action-notify_missing"' in html
    assert "设立申请书" in html
    assert "陈小明" in html

    response = post(
        client, case, "notify_missing", date="2026-11-10", materials=["assets"], other="申请书未签字"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "awaiting_materials"
    assert case.missing_items[0] == {"material": "assets", "name": "资产证明", "reason": ""}

    assert post(client, case, "receive_missing", date="2026-11-11").status_code == 302
    assert post(client, case, "accept", date="2026-11-11").status_code == 302
    assert post(client, case, "suspend", date="2026-11-12", reason="专家评审").status_code == 302
    case.refresh_from_db()
    assert case.status == "suspended"
    assert post(client, case, "resume", date="2026-11-13").status_code == 302
    response = post(
        client, case, "extend", date="2026-11-13", working_days="5", reason="情况复杂", approved_by="sid"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.extension_days, case.extension_approved_by) == ("accepted", 5, sid)
    assert post(client, case, "decide", result="approved").status_code == 302
    case.refresh_from_db()
    assert (case.status, case.result) == ("decided", "approved")
    html = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert 'id="action-deliver"' in html
    for action in ("notify_missing", "receive_missing", "accept", "suspend", "resume", "extend", "decide"):
        assert f'data-action="{action}"' in html


def test_a_field_error_is_shown_beside_the_field_and_nothing_changes(client, alice, registered, act):
    case = act(registered(D(2026, 11, 9)), "accept", D(2026, 11, 9))
    client.force_login(alice)
    response = post(client, case, "decide", result="denied")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Give the reasons for the denial." in html
    assert 'id="id_decide-reasons_error"' in html
    case.refresh_from_db()
    assert case.status == "accepted"


def test_a_refused_step_shows_the_problem_and_changes_nothing(client, alice, registered, act):
    case = act(registered(D(2026, 11, 9)), "notify_missing", D(2026, 11, 9), items=["申请书未签字"])
    case = act(case, "receive_missing", D(2026, 11, 10))
    client.force_login(alice)
    response = post(client, case, "notify_missing", other="资产证明不清")
    assert response.status_code == 409
    assert "This action was not taken" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "submitted"
    assert case.missing_items == [{"material": "", "reason": "申请书未签字"}]


def test_a_reader_without_the_role_is_refused_the_step(client, rita, registered):
    case = registered(D(2026, 11, 13))
    client.force_login(rita)
    html = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "No step is open to you on this case." in html
    assert post(client, case, "accept").status_code == 403
    case.refresh_from_db()
    assert case.status == "submitted"


def test_a_case_of_another_agency_is_not_found(client, fred, registered, make_user):
    case = registered(D(2026, 11, 13))
    client.force_login(fred)
    assert client.get(f"/staff/cases/{case.pk}/").status_code == 404
    assert post(client, case, "accept").status_code == 404
    assert case.tracking_code not in client.get("/staff/cases/").content.decode()
    client.force_login(make_user("nobody"))
    assert client.get(f"/staff/cases/{case.pk}/").status_code == 403


def test_the_notice_gives_the_reason_beside_each_material_and_a_reason_alone_names_it(
    client, alice, registered
):
    case = registered(D(2026, 11, 13), materials=["application"])
    client.force_login(alice)
    html = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert 'name="notify_missing-reason_assets"' in html
    assert "Why “资产证明” is missing" in html

    response = post(client, case, "notify_missing", reason_assets="资产证明未加盖公章", other="申请书未签字")

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.missing_items == [
        {"material": "assets", "name": "资产证明", "reason": "资产证明未加盖公章"},
        {"material": "", "reason": "申请书未签字"},
    ]
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "<strong>missing</strong>: 资产证明未加盖公章" in page


def test_a_material_sent_after_the_notice_is_no_longer_marked_missing(client, alice, registered, act):
    case = act(
        registered(D(2026, 11, 13)),
        "notify_missing",
        D(2026, 11, 13),
        items=[{"material": "assets", "reason": "资产证明不清"}],
    )
    client.force_login(alice)
    assert "<strong>missing</strong>" in client.get(f"/staff/cases/{case.pk}/").content.decode()
    act(case, "receive_missing", D(2026, 11, 16))
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "<strong>missing</strong>" not in page
    assert "named in the notice of missing items: 资产证明不清" in page


def test_the_applicant_s_identity_document_is_named_not_coded(client, alice, registered):
    case = registered(D(2026, 11, 13))
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "Resident identity card · 11010519491231002X" in page
    assert "resident_id" not in page


def test_a_granted_licence_does_not_read_as_a_reviewed_reply_in_chinese(alice, registered, act):
    """ "Approved" alone is the review of a reply (已审核); the licence's decision has its own word."""
    from django.test import Client
    from django.utils import translation

    case = act(registered(D(2026, 11, 9)), "accept", D(2026, 11, 9))
    case = act(case, "decide", D(2026, 11, 13), result="approved")
    chinese = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    chinese.force_login(alice)
    with translation.override("zh-hans"):
        page = chinese.get(f"/staff/cases/{case.pk}/").content.decode()
    assert 'data-field="result">已审核' not in page
    assert "已审核" not in page.split('id="case-history"')[1]
