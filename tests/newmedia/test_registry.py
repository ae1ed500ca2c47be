"""The registry of new-media accounts: registered and changed by the agency's keepers through the
staff pages, with every change in the audit log (without the person in charge's phone)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError
from sunshine.newmedia import services
from sunshine.newmedia.models import Account
from tests.newmedia.conftest import D, account_input


def test_an_officer_registers_an_account_from_the_staff_page(client, alice, tree, today):
    client.force_login(alice)
    response = client.post(
        "/staff/newmedia/new/",
        {
            "agency": tree["education"].pk,
            "platform": "weibo",
            "name": "阳光教育发布",
            "account_id": "5201314",
            "public_url": "https://weibo.com/u/5201314",
            "operating_unit": "阳光市教育局办公室",
            "manager_name": "王小明",
            "manager_phone": "13800138000",
            "approval_date": "2025-06-01",
            "approval_number": "阳教办〔2025〕8号",
        },
    )

    account = Account.objects.get(account_id="5201314")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/newmedia/{account.pk}/"
    assert (account.status, account.platform, account.opened_on) == ("active", "weibo", D(2025, 6, 1))
    page = client.get(response["Location"]).content.decode()
    assert "13800138000" in page  # staff read the person in charge
    assert "Account registered" in page
    entry = AuditEntry.objects.get(action="newmedia_account.create")
    assert entry.after is not None
    assert "13800138000" not in str(entry.after)
    assert "王小明" not in str(entry.after)
    assert entry.after["has_manager"] is True


def test_the_form_says_what_is_missing(client, alice, tree, today):
    client.force_login(alice)
    response = client.post("/staff/newmedia/new/", {"agency": tree["education"].pk, "platform": "wechat"})

    assert response.status_code == 422
    page = response.content.decode()
    assert "Give the account&#x27;s name." in page
    assert "Say which unit runs the account." in page
    assert not Account.objects.exists()


def test_the_same_platform_account_is_registered_once(wechat, alice, tree):
    with pytest.raises(WorkflowError) as refused:
        services.register_account(by=alice, agency=tree["education"], data=account_input())
    assert refused.value.fields == {"account_id": "This account is already registered."}


def test_a_reviewer_does_not_keep_the_registry(make_user, tree, today):
    rita = make_user("rita", agency=tree["education"], role=Role.REVIEWER)
    with pytest.raises(PermissionDenied):
        services.register_account(by=rita, agency=tree["education"], data=account_input())


def test_an_officer_of_another_agency_does_not_see_the_account(client, wechat, make_user, tree):
    fred = make_user("fred", agency=tree["finance"], role=Role.OFFICER)
    client.force_login(fred)

    assert client.get(f"/staff/newmedia/{wechat.pk}/").status_code == 404
    assert "阳光教育" not in client.get("/staff/newmedia/").content.decode()


def test_changing_the_details_is_audited_with_the_fields_changed(client, wechat, alice, today):
    client.force_login(alice)
    form = {
        "platform": "wechat",
        "name": "阳光教育微讯",
        "account_id": "gh_sunshine_edu",
        "operating_unit": "阳光市教育局办公室",
        "public_url": wechat.public_url,
        "manager_name": "李华",
        "manager_phone": "13900139000",
        "approval_date": "2025-06-01",
        "approval_number": "阳教办〔2025〕8号",
        "opened_on": "2025-06-01",
    }
    response = client.post(f"/staff/newmedia/{wechat.pk}/edit/", form)

    assert response.status_code == 302
    wechat.refresh_from_db()
    assert (wechat.name, wechat.manager_name) == ("阳光教育微讯", "李华")
    entry = AuditEntry.objects.get(action="newmedia_account.edit")
    assert entry.after is not None
    assert entry.before is not None
    assert entry.before["name"] == "阳光教育"
    assert entry.after["name"] == "阳光教育微讯"
    assert entry.after["manager_changed"] is True
    assert "13900139000" not in str(entry.after)


def test_the_staff_navigation_leads_to_the_registry(client, alice):
    client.force_login(alice)
    assert 'href="/staff/newmedia/"' in client.get("/staff/").content.decode()
