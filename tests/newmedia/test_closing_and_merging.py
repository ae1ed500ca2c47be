"""The end of an account on the workflow kernel: the agency's officer starts the closing with the
reason, the disclosure office approves it closed or merged into another active account, or the
closing is called off. Each step is in the account's history and the audit log."""

from __future__ import annotations

import pytest

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError, WorkflowForbidden
from sunshine.newmedia import services
from tests.newmedia.conftest import D


def test_the_officer_starts_the_closing_and_the_disclosure_office_closes_it(
    client, wechat, alice, olga, today
):
    client.force_login(alice)
    response = client.post(
        f"/staff/newmedia/{wechat.pk}/actions/start_closing/",
        {"start_closing-reason": "长期不更新，按要求关停"},
    )
    assert response.status_code == 302
    wechat.refresh_from_db()
    assert wechat.status == "closing"
    # Alice cannot approve the end; Olga can.
    assert "action-close" not in client.get(f"/staff/newmedia/{wechat.pk}/").content.decode()
    with pytest.raises(WorkflowForbidden):
        services.perform_account_action(account=wechat, action="close", by=alice)

    client.force_login(olga)
    response = client.post(
        f"/staff/newmedia/{wechat.pk}/actions/close/", {"close-document_number": "阳府办〔2026〕30号"}
    )

    assert response.status_code == 302
    wechat.refresh_from_db()
    assert (wechat.status, wechat.ended_on) == ("closed", D(2026, 11, 12))
    page = client.get(f"/staff/newmedia/{wechat.pk}/").content.decode()
    assert "Closing of the account started" in page
    assert "长期不更新，按要求关停" in page
    assert "Account closed" in page
    assert "阳府办〔2026〕30号" in page
    codes = list(
        AuditEntry.objects.filter(action__startswith="newmedia_account.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert codes == ["newmedia_account.create", "newmedia_account.start_closing", "newmedia_account.close"]


def test_a_closing_needs_its_reason(client, wechat, alice, today):
    client.force_login(alice)
    response = client.post(
        f"/staff/newmedia/{wechat.pk}/actions/start_closing/", {"start_closing-reason": ""}
    )

    assert response.status_code == 422
    assert "Say why the account is closed or merged." in response.content.decode()
    wechat.refresh_from_db()
    assert wechat.status == "active"


def test_an_account_is_merged_into_another_active_account_of_the_agency(wechat, weibo, alice, olga, today):
    services.perform_account_action(account=weibo, action="start_closing", by=alice, input={"reason": "整合"})

    merged = services.perform_account_action(
        account=weibo, action="merge", by=olga, input={"into": wechat.pk}
    )

    assert (merged.status, merged.merged_into_id, merged.ended_on) == ("merged", wechat.pk, D(2026, 11, 12))
    entry = AuditEntry.objects.get(action="newmedia_account.merge")
    assert entry.after is not None
    assert entry.after["into"] == wechat.pk


def test_a_merger_needs_an_active_account_of_the_same_agency(wechat, weibo, alice, olga, today):
    services.perform_account_action(account=weibo, action="start_closing", by=alice, input={"reason": "整合"})
    with pytest.raises(WorkflowError) as refused:
        services.perform_account_action(account=weibo, action="merge", by=olga, input={})
    assert "into" in refused.value.fields


def test_the_closing_can_be_called_off(wechat, alice, today):
    services.perform_account_action(
        account=wechat, action="start_closing", by=alice, input={"reason": "调整"}
    )
    resumed = services.perform_account_action(account=wechat, action="resume", by=alice)
    assert resumed.status == "active"


def test_a_closed_account_takes_no_further_step(wechat, alice, olga, today):
    services.perform_account_action(
        account=wechat, action="start_closing", by=alice, input={"reason": "关停"}
    )
    services.perform_account_action(account=wechat, action="close", by=olga)
    with pytest.raises(WorkflowError) as refused:
        services.perform_account_action(account=wechat, action="resume", by=olga)
    assert refused.value.status == 409
