"""The back-office pages of open days: an officer plans, publishes and cancels an open day, sees
the registrations with their contact data and exports them; after the open day the report is a
record draft of the agency's catalogue, linked from the public page once published."""

from __future__ import annotations

import datetime

from django.core import mail
from django.utils import timezone

from sunshine.core.models import AuditEntry
from sunshine.opendays.models import Event, EventStatus
from sunshine.records.models import Category, Revision

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_an_officer_plans_and_publishes_an_open_day(client, alice, tree):
    now = timezone.now()
    client.force_login(alice)
    response = client.post(
        "/staff/open-days/new/",
        {
            "agency": tree["education"].pk,
            "title": "教育局开放日",
            "description": "",
            "starts_at": _local(now + datetime.timedelta(days=10)),
            "ends_at": _local(now + datetime.timedelta(days=10, hours=2)),
            "place": "一楼大厅",
            "capacity": "30",
            "registration_opens_at": _local(now),
            "registration_closes_at": _local(now + datetime.timedelta(days=9)),
        },
        **EN,
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.status == EventStatus.DRAFT
    assert client.post(f"/staff/open-days/{event.pk}/publish/", **EN).status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    assert AuditEntry.objects.filter(action="opendays.publish").exists()


def test_a_registration_closing_after_the_start_is_refused_beside_its_field(client, alice, tree):
    now = timezone.now()
    client.force_login(alice)
    response = client.post(
        "/staff/open-days/new/",
        {
            "agency": tree["education"].pk,
            "title": "开放日",
            "starts_at": _local(now + datetime.timedelta(days=2)),
            "ends_at": _local(now + datetime.timedelta(days=2, hours=1)),
            "place": "大厅",
            "capacity": "5",
            "registration_opens_at": _local(now),
            "registration_closes_at": _local(now + datetime.timedelta(days=3)),
        },
        **EN,
    )
    assert response.status_code == 422
    assert "at the latest when the open day starts" in response.content.decode()
    assert not Event.objects.exists()


def test_staff_see_the_registrations_and_export_them(client, alice, event, sign_up):
    sign_up(event, name="王五", email="wang@example.com")
    client.force_login(alice)
    html = client.get(f"/staff/open-days/{event.pk}/", **EN).content.decode()
    assert "王五" in html
    assert "wang@example.com" in html
    response = client.get(f"/staff/open-days/{event.pk}/registrations.csv", **EN)
    body = b"".join(response.streaming_content).decode("utf-8")
    assert "王五" in body
    assert "13800138000" in body
    assert AuditEntry.objects.filter(action="opendays.export").exists()


def test_another_agencys_staff_see_nothing(client, fred, event):
    client.force_login(fred)
    assert client.get(f"/staff/open-days/{event.pk}/").status_code == 404
    assert client.get(f"/staff/open-days/{event.pk}/registrations.csv").status_code == 404


def test_a_reviewer_reads_but_cannot_cancel(client, make_user, tree, event):
    from sunshine.agencies.models import Role

    rita = make_user("rita", agency=tree["education"], role=Role.REVIEWER)
    client.force_login(rita)
    assert client.get(f"/staff/open-days/{event.pk}/").status_code == 200
    assert client.post(f"/staff/open-days/{event.pk}/cancel/", {"reason": "x"}).status_code == 403


def test_cancelling_tells_everyone_registered(
    client, alice, event, sign_up, django_capture_on_commit_callbacks
):
    sign_up(event, email="a@example.com")
    client.force_login(alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/open-days/{event.pk}/cancel/", {"reason": "场馆维修"}, **EN)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["a@example.com"]]
    assert "场馆维修" in mail.outbox[0].body


def test_the_report_is_a_record_draft_linked_from_the_event(client, alice, make_event, tree):
    event = make_event(
        starts_in=datetime.timedelta(hours=-1),
        registration_opens_at=timezone.now() - datetime.timedelta(days=2),
        registration_closes_at=timezone.now() - datetime.timedelta(hours=2),
    )
    category = Category.objects.create(agency=tree["education"], key="open-day", name="政府开放日")
    client.force_login(alice)
    assert client.post(f"/staff/open-days/{event.pk}/held/", **EN).status_code == 302
    response = client.post(
        f"/staff/open-days/{event.pk}/report/",
        {
            "report-title": "教育局开放日活动报道",
            "report-category": category.pk,
            "report-body": "<p>30 名市民参加。</p>",
        },
        **EN,
    )
    event.refresh_from_db()
    assert response.status_code == 302
    assert event.report is not None
    revision = Revision.objects.get(record=event.report)
    assert (revision.status, revision.title) == ("draft", "教育局开放日活动报道")
    assert client.get(f"/api/v1/open-days/{event.pk}").json()["report_url"] is None  # not published yet


def test_the_published_report_is_linked_from_the_public_page(client, alice, make_event, tree):
    from sunshine.opendays import services
    from sunshine.records.models import Record

    now = timezone.now()
    event = make_event(
        starts_in=datetime.timedelta(hours=-1),
        registration_opens_at=now - datetime.timedelta(days=2),
        registration_closes_at=now - datetime.timedelta(hours=2),
    )
    category = Category.objects.create(agency=tree["education"], key="open-day", name="政府开放日")
    services.mark_held(event=event, by=alice)
    event = services.write_report(
        event=event, by=alice, title="开放日报道", category=category, body="<p>报道</p>"
    )
    assert 'id="open-day-report"' not in client.get(f"/open-days/{event.pk}/").content.decode()
    assert event.report is not None
    Record.objects.filter(pk=event.report.pk).update(
        index_number="000000-2026-00001"
    )  # as publication sets it
    html = client.get(f"/open-days/{event.pk}/").content.decode()
    assert 'href="/records/000000-2026-00001/"' in html
