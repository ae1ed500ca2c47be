"""Supervision notices (督办): the disclosure office issues one on an agency or a case with its due
date in working days, the agency replies, the office closes it; each step writes an audit row."""

from __future__ import annotations

import datetime

import pytest

from sunshine.core.models import AuditEntry
from sunshine.supervision.models import Notice

TODAY = datetime.date(2026, 11, 16)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def issue(client, code: str = "CITY-EDU", **extra):
    data = {"subject": "办理超期", "text": "请说明超期原因并整改。", "due_days": "5", **extra}
    return client.post(f"/staff/supervision/agencies/{code}/notices/", data)


def test_the_disclosure_office_issues_a_notice_the_agency_replies_the_office_closes_it(
    client, olga, alice, accepted
):
    case = accepted(datetime.date(2026, 11, 2))
    client.force_login(olga)
    response = issue(client, tracking_code=case.tracking_code)
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert (notice.case, notice.due_date, notice.status) == (case, datetime.date(2026, 11, 23), "open")
    client.force_login(alice)
    html = client.get(f"/staff/supervision/notices/{notice.pk}/").content.decode()
    assert "Reply to the notice" in html
    assert "Close the notice" not in html
    client.post(f"/staff/supervision/notices/{notice.pk}/actions/reply/", {"reply-text": "已整改。"})
    notice.refresh_from_db()
    assert (notice.status, notice.reply) == ("replied", "已整改。")
    client.force_login(olga)
    client.post(f"/staff/supervision/notices/{notice.pk}/actions/close/", {"close-text": "同意。"})
    notice.refresh_from_db()
    assert notice.status == "closed"
    codes = list(
        AuditEntry.objects.filter(object_type="supervision.notice")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert codes == [
        "supervision_notice.issue",
        "supervision_notice.reply",
        "supervision_notice.close",
    ]


def test_an_officer_cannot_issue_or_close(client, alice):
    client.force_login(alice)
    assert issue(client).status_code == 403
    assert Notice.objects.count() == 0


def test_a_reply_needs_a_text(client, olga, alice):
    client.force_login(olga)
    issue(client)
    notice = Notice.objects.get()
    client.force_login(alice)
    response = client.post(f"/staff/supervision/notices/{notice.pk}/actions/reply/", {"reply-text": ""})
    assert response.status_code == 422
    assert "Write the text." in response.content.decode()


def test_a_notice_outside_the_subtree_is_not_found(client, sam, olga):
    client.force_login(olga)
    issue(client)
    client.force_login(sam)  # supervisor of the east district
    assert client.get(f"/staff/supervision/notices/{Notice.objects.get().pk}/").status_code == 404
    assert issue(client).status_code == 404
