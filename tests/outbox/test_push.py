"""``outbox_push`` posts the due messages in order to the platform, retries failures with a capped
exponential backoff and never sends a message twice (docs/outbox.md#delivery)."""

from __future__ import annotations

import datetime
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.db import connection

from sunshine.outbox import delivery
from sunshine.outbox.models import OutboxMessage
from sunshine.outbox.services import enqueue
from sunshine.outbox.tasks import push_outbox
from tests.outbox.conftest import NOW, URL

# The standard library's transport, kept before the tests' guard replaces it.
REAL_TRANSPORT = delivery.http_transport

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Messages are written at NOW (9:00 UTC on Monday 2 November 2026)."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


def message(case: str = "A", topic: str = "case.received") -> OutboxMessage:
    return enqueue(topic, {"tracking_code": case}, ordering_key=f"case:{case}")


def fresh(m: OutboxMessage) -> OutboxMessage:
    m.refresh_from_db()
    return m


def test_a_message_the_platform_takes_is_marked_sent_with_its_idempotency_key(endpoint, platform, settings):
    settings.SUNSHINE_OUTBOX_TOKEN = "s3cret"
    m = message()
    outcome = delivery.push(transport=platform, now=NOW)

    assert (outcome.sent, outcome.failed) == (1, 0)
    [call] = platform.calls
    assert call.url == URL
    assert call.timeout == 7
    assert call.headers["Idempotency-Key"] == str(m.key)
    assert call.headers["Content-Type"] == "application/json; charset=utf-8"
    assert call.headers["Authorization"] == "Bearer s3cret"
    assert json.loads(call.body) == m.payload
    m = fresh(m)
    assert m.sent_at is not None
    assert (m.attempts, m.last_error) == (1, "")
    assert delivery.push(transport=platform, now=NOW).sent == 0  # never again
    assert len(platform.calls) == 1


def test_a_failure_counts_the_attempt_and_waits_a_minute(endpoint, platform):
    m = message()
    platform.answers = [503]
    outcome = delivery.push(transport=platform, now=NOW)

    assert (outcome.sent, outcome.failed) == (0, 1)
    m = fresh(m)
    assert m.sent_at is None
    assert m.attempts == 1
    assert m.last_error == "the platform answered 503"
    assert m.next_attempt_at == NOW + MINUTE


def test_an_unreachable_platform_is_a_failure_too(endpoint, platform):
    m = message()
    platform.answers = [delivery.TransportError("the platform could not be reached: timed out")]
    delivery.push(transport=platform, now=NOW)
    m = fresh(m)
    assert (m.attempts, m.sent_at) == (1, None)
    assert "timed out" in m.last_error


def test_a_failed_message_is_retried_only_when_its_time_has_come_and_the_wait_doubles(endpoint, platform):
    m = message()
    platform.answers = [500, 500, 500]
    delivery.push(transport=platform, now=NOW)
    assert delivery.push(transport=platform, now=NOW + MINUTE - datetime.timedelta(seconds=1)).failed == 0
    assert len(platform.calls) == 1

    delivery.push(transport=platform, now=NOW + MINUTE)
    assert fresh(m).next_attempt_at == NOW + 3 * MINUTE  # 2 minutes after the second failure
    delivery.push(transport=platform, now=NOW + 3 * MINUTE)
    assert fresh(m).next_attempt_at == NOW + 7 * MINUTE  # then 4

    assert delivery.push(transport=platform, now=NOW + 7 * MINUTE).sent == 1
    m = fresh(m)
    assert (m.attempts, m.last_error) == (4, "")
    assert m.sent_at is not None


def test_the_wait_between_attempts_is_capped_at_an_hour_and_never_given_up():
    assert [delivery.backoff(n) for n in (1, 2, 3, 6, 7, 8, 50, 10_000)] == [
        MINUTE,
        2 * MINUTE,
        4 * MINUTE,
        32 * MINUTE,
        60 * MINUTE,
        60 * MINUTE,
        60 * MINUTE,
        60 * MINUTE,
    ]


def test_messages_are_posted_oldest_first(endpoint, platform):
    sent = [message("A"), message("B"), message("A", "case.accepted"), message("C")]
    delivery.push(transport=platform, now=NOW)
    assert platform.event_ids == [str(m.key) for m in sent]


def test_a_case_whose_message_failed_waits_while_other_cases_go_on(endpoint, platform):
    a1, b1, a2 = message("A"), message("B"), message("A", "case.accepted")
    platform.answers = [500]
    outcome = delivery.push(transport=platform, now=NOW)

    assert (outcome.sent, outcome.failed, outcome.waiting) == (1, 1, 1)
    assert platform.event_ids == [str(a1.key), str(b1.key)]
    assert fresh(a2).attempts == 0  # not tried: it would overtake a1

    # a1's retry is not due yet: a2 still waits behind it
    assert delivery.push(transport=platform, now=NOW + datetime.timedelta(seconds=30)).waiting == 1
    assert len(platform.calls) == 2

    delivery.push(transport=platform, now=NOW + MINUTE)
    assert platform.event_ids[2:] == [str(a1.key), str(a2.key)]
    assert fresh(a2).sent_at is not None


def test_with_no_endpoint_nothing_is_sent_and_messages_stay_pending(settings, platform):
    settings.SUNSHINE_OUTBOX_URL = ""
    m = message()
    outcome = delivery.push(transport=platform, now=NOW)
    assert outcome.disabled
    assert platform.calls == []
    m = fresh(m)
    assert (m.sent_at, m.attempts, m.last_error) == (None, 0, "")

    out = io.StringIO()
    call_command("outbox_push", stdout=out)
    assert "nothing sent" in out.getvalue()
    assert push_outbox.call() == 0


def test_the_command_and_the_task_push_through_the_configured_transport(endpoint, platform, monkeypatch):
    monkeypatch.setattr(delivery, "http_transport", platform)
    message("A"), message("B")
    platform.answers = [200, 502]
    out = io.StringIO()
    call_command("outbox_push", stdout=out)
    assert out.getvalue().strip() == "1 sent, 1 failed (retried later), 0 waiting"

    OutboxMessage.objects.update(next_attempt_at=NOW)
    assert push_outbox.call() == 1
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0


def test_the_standard_library_transport_refuses_an_address_that_is_not_http():
    with pytest.raises(delivery.TransportError):
        REAL_TRANSPORT("file:///etc/passwd", b"{}", {}, 1)


def test_the_standard_library_transport_posts_and_returns_the_status_on_the_loopback():
    """A server on 127.0.0.1 inside the test (no external call): what it receives, what it answers."""
    received: list[tuple[str, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            received.append((self.headers["Idempotency-Key"], self.rfile.read(length)))
            self.send_response(202 if len(received) == 1 else 500)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/events"
        assert REAL_TRANSPORT(url, b'{"a":1}', {"Idempotency-Key": "k1"}, 5) == 202
        assert REAL_TRANSPORT(url, b'{"a":2}', {"Idempotency-Key": "k2"}, 5) == 500
    finally:
        server.shutdown()
        server.server_close()
    assert received == [("k1", b'{"a":1}'), ("k2", b'{"a":2}')]

    with pytest.raises(delivery.TransportError):
        REAL_TRANSPORT(url, b"{}", {}, 1)  # nobody listens any more


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_never_send_the_same_message_twice(endpoint):
    """While the first run is posting a message, a second run starts: it must leave that message
    (and the later one of the same case) alone and send only the other case's."""
    a1, a2, b1 = message("A"), message("A", "case.accepted"), message("B")
    inner: dict[str, object] = {}
    posted: list[str] = []

    def second_run() -> None:
        try:
            inner["outcome"] = delivery.push(transport=second, now=NOW)
        finally:
            if connection.vendor == "postgresql":
                connection.close()

    def second(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        posted.append(json.loads(body)["event_id"])
        return 200

    def first(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        event_id = json.loads(body)["event_id"]
        posted.append(event_id)
        if event_id == str(a1.key) and "outcome" not in inner:
            if connection.vendor == "postgresql":  # another connection, like another process
                thread = threading.Thread(target=second_run)
                thread.start()
                thread.join(30)
            else:  # SQLite: no transaction is open while posting; the claim is what protects
                second_run()
        return 200

    delivery.push(transport=first, now=NOW)

    assert sorted(posted) == sorted([str(a1.key), str(a2.key), str(b1.key)])  # each once
    outcome = inner["outcome"]
    assert isinstance(outcome, delivery.Outcome)
    assert outcome.sent == 1  # b1 only
    assert posted[1] == str(b1.key)
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0
