"""Staff see the outbox in the site administration (read-only, filtered by state) and its backlog in
/healthz once the push is configured (docs/outbox.md#watching-it)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from sunshine.outbox.models import OutboxMessage
from sunshine.outbox.services import enqueue

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages():
    sent = enqueue("case.received", {"tracking_code": "SENT-1"}, ordering_key="case:SENT-1")
    OutboxMessage.objects.filter(pk=sent.pk).update(sent_at=timezone.now(), attempts=1)
    failing = enqueue("case.accepted", {"tracking_code": "FAIL-1"}, ordering_key="case:FAIL-1")
    OutboxMessage.objects.filter(pk=failing.pk).update(attempts=3, last_error="the platform answered 503")
    waiting = enqueue("case.decided", {"tracking_code": "WAIT-1"}, ordering_key="case:WAIT-1")
    return {"sent": sent, "failing": failing, "waiting": waiting}


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_administration_lists_the_messages_by_state(admin_client, messages):
    everything = admin_client.get("/admin/outbox/outboxmessage/").content.decode()
    assert all(f"case:{code}" in everything for code in ("SENT-1", "FAIL-1", "WAIT-1"))

    failing = admin_client.get("/admin/outbox/outboxmessage/?state=retrying").content.decode()
    assert "case:FAIL-1" in failing
    assert "the platform answered 503" in failing
    assert "case:SENT-1" not in failing
    assert "case:WAIT-1" not in failing

    unsent = admin_client.get("/admin/outbox/outboxmessage/?state=unsent").content.decode()
    assert "case:FAIL-1" in unsent
    assert "case:WAIT-1" in unsent
    assert "case:SENT-1" not in unsent

    sent = admin_client.get("/admin/outbox/outboxmessage/?state=sent").content.decode()
    assert "case:SENT-1" in sent
    assert "case:FAIL-1" not in sent


def test_the_administration_cannot_add_change_or_delete_a_message(admin_client, messages):
    pk = messages["failing"].pk
    page = admin_client.get(f"/admin/outbox/outboxmessage/{pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # shown read-only
    assert admin_client.get("/admin/outbox/outboxmessage/add/").status_code == 403
    assert admin_client.post(f"/admin/outbox/outboxmessage/{pk}/delete/", {"post": "yes"}).status_code == 403
    assert OutboxMessage.objects.filter(pk=pk, attempts=3).exists()


def test_healthz_shows_the_pending_messages_and_the_age_of_the_oldest(client, settings, messages):
    settings.REDIS_URL = ""
    settings.SUNSHINE_OUTBOX_URL = "https://platform.example.gov.cn/api/events"
    OutboxMessage.objects.filter(pk=messages["failing"].pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["outbox"]["pending"] == 2
    assert 600 <= body["outbox"]["oldest_pending_seconds"] < 700


def test_healthz_says_nothing_of_the_outbox_while_the_push_is_off(client, settings, messages):
    settings.REDIS_URL = ""
    settings.SUNSHINE_OUTBOX_URL = ""
    assert "outbox" not in client.get("/healthz").json()
