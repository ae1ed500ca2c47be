"""The writer hears of each step of their letter that concerns them: by e-mail when they gave one, in
the language they wrote in, with the tracking code and the follow page (never the access key); planned
in the step's transaction, sent after the commit, retried when it fails."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from sunshine.core.workflow import WorkflowError
from sunshine.letters import access, services
from sunshine.letters.models import Letter, LetterNotice
from sunshine.letters.services import Writer
from tests.api_helpers import bearer, token_for

# These tests reply directly: the agencies' review and sign-off is turned off.
pytestmark = pytest.mark.usefixtures("replies_without_review")

TODAY = datetime.date(2026, 10, 9)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def write_online(client, language: str, **writer: str) -> Letter:
    data = {
        "agency": "CITY-EDU",
        "kind": "complaint",
        "subject": "学校收费问题",
        "body": "来信反映学校收取额外费用。",
        "writer": {"name": "陈小明", **writer},
    }
    response = client.post(
        "/api/v1/letters", data, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 201, response.content
    return Letter.objects.get(tracking_code=response.json()["tracking_code"])


def act(client, token: str, letter: Letter, capture, **data):
    with capture(execute=True):
        response = client.post(
            f"/api/v1/staff/letters/{letter.pk}/actions",
            data,
            content_type="application/json",
            **bearer(token),
        )
    return response


def test_an_accepted_letter_is_told_to_the_writer_in_the_language_they_wrote_in(
    client, alice, django_capture_on_commit_callbacks
):
    letter = write_online(client, "en", email="chen@example.com")
    assert letter.language == "en"
    response = act(
        client, token_for(client, "alice"), letter, django_capture_on_commit_callbacks, action="accept"
    )
    assert response.status_code == 200, response.content
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chen@example.com"]
    assert message.subject == f"Your letter {letter.tracking_code}: Letter accepted"
    assert "The agency accepted your letter." in message.body
    assert f"Letter's tracking code: {letter.tracking_code}" in message.body
    assert "/letters/follow/" in message.body
    assert access.access_key_for(letter) not in message.body
    notice = LetterNotice.objects.get()
    assert (notice.state, notice.attempts, notice.event.action) == ("sent", 1, "accept")


def test_a_letter_written_in_chinese_records_chinese_and_a_paper_letter_the_sites_language(
    client, alice, write, settings
):
    assert write_online(client, "zh-hans", email="chen@example.com").language == "zh-hans"
    paper, _key = write(TODAY, by=alice, received_on=TODAY, channel="post")
    assert paper.language == settings.LANGUAGE_CODE


def test_every_step_that_concerns_the_writer_sends_one_e_mail_with_its_details(
    alice, sid, write, tree, django_capture_on_commit_callbacks
):
    letter, _key = write(datetime.date(2026, 9, 30))
    steps: list[tuple[str, dict[str, Any]]] = [
        ("accept", {}),
        ("request_info", {"items": ["学校名称", "收费凭证"]}),
        ("receive_info", {"text": "某某小学"}),
        ("extend", {"working_days": 5, "reason": "需要现场核查", "approver": "sid"}),
        ("reply", {"text": "经核查，已责令退费。"}),
        ("close", {}),
    ]
    for action, fields in steps:
        with django_capture_on_commit_callbacks(execute=True):
            letter = services.perform_action(letter=letter, action=action, by=alice, **fields)
    told = [m.subject.rsplit(": ", 1)[1] for m in mail.outbox]
    assert told == [
        "Letter accepted",
        "Information requested from the writer",
        "Reply period extended",
        "Letter replied",
        "Letter closed",
    ]
    assert "- 收费凭证" in mail.outbox[1].body
    assert "Reason: 需要现场核查" in mail.outbox[2].body
    assert "The agency must reply by:" in mail.outbox[2].body
    assert LetterNotice.objects.count() == 5


def test_a_transfer_and_a_return_are_told_to_the_writer(
    alice, write, tree, django_capture_on_commit_callbacks
):
    moved, _ = write(TODAY)
    returned, _ = write(TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.perform_action(
            letter=moved, action="transfer", by=alice, to_agency="CITY-FIN", reason="属财政局职责"
        )
        services.perform_action(letter=returned, action="return", by=alice, reason="属于诉讼事项")
    bodies = [m.body for m in mail.outbox]
    assert f"Your letter was transferred to {tree['finance'].name}, which will reply." in bodies[0]
    assert "The agency returned your letter: 属于诉讼事项" in bodies[1]


def test_no_e_mail_for_a_writer_without_an_address_for_a_step_not_told_or_for_a_refused_step(
    alice, carl, write, django_capture_on_commit_callbacks
):
    phone_only, _ = services.submit_letter(
        agency=alice.memberships.get().agency,
        kind="complaint",
        subject="s",
        body="b",
        writer=Writer(name="王", phone="13800138000"),
        today=TODAY,
    )
    letter, _ = write(TODAY, by=alice, received_on=TODAY, channel="post")
    with django_capture_on_commit_callbacks(execute=True):
        services.perform_action(letter=phone_only, action="accept", by=alice)
        services.perform_action(letter=letter, action="supervise", by=carl, note="请尽快办理", due_on=TODAY)
        with pytest.raises(WorkflowError):
            services.perform_action(letter=letter, action="return", by=alice, reason="")
    assert mail.outbox == []
    assert not LetterNotice.objects.exists()


def test_a_failed_e_mail_is_recorded_and_sent_again_by_the_retry_command(
    alice, write, monkeypatch, django_capture_on_commit_callbacks
):
    letter, _ = write(TODAY)

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("sunshine.core.messaging.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.perform_action(letter=letter, action="accept", by=alice)
    notice = LetterNotice.objects.get()
    assert (notice.state, notice.attempts) == ("failed", 1)
    assert "connection refused" in notice.last_error
    monkeypatch.undo()
    call_command("send_notifications", "--base-url", "https://gk.example.gov.cn")
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == ("sent", 2)
    assert "https://gk.example.gov.cn/letters/follow/" in mail.outbox[0].body
