"""Turning a letter's reply into a common question: a draft entry of the letter's agency, masked,
linked to the letter and audited, opened for editing and reviewed like any common question."""

from __future__ import annotations

import datetime

import pytest

from sunshine.core.models import AuditEntry
from sunshine.faq.models import Entry, Status
from sunshine.letters.services import perform_action
from tests.api_helpers import bearer, token_for

# Replies here are sent directly (their review is tested in test_reply_review.py).
pytestmark = pytest.mark.usefixtures("replies_without_review")

TODAY = datetime.date(2026, 10, 9)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
REPLY = "陈小明同志：您好！经核查，学校不得收取额外费用，已责令退费。如有疑问请致电13800138000。"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def letter(write, alice):
    letter, _key = write(datetime.date(2026, 9, 30), kind="consultation")
    return letter


@pytest.fixture
def replied(letter, alice):
    perform_action(letter=letter, action="accept", by=alice, date=datetime.date(2026, 10, 8))
    return perform_action(letter=letter, action="reply", by=alice, date=TODAY, text=REPLY, publish=False)


def test_an_officer_turns_the_reply_into_a_draft_and_edits_it(client, alice, replied):
    client.force_login(alice)
    html = client.get(f"/staff/letters/{replied.pk}/", **EN).content.decode()
    assert f'action="/staff/letters/{replied.pk}/faq/"' in html
    response = client.post(f"/staff/letters/{replied.pk}/faq/", **EN)
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/faq/{entry.pk}/"
    assert entry.status == Status.DRAFT
    assert entry.agency == replied.agency
    assert entry.source_letter == replied
    assert entry.question.startswith("学校收费问题：孩子所在学校收取额外费用")
    assert 'name="question"' in client.get(response["Location"], **EN).content.decode()


def test_the_writers_name_phone_and_e_mail_never_reach_the_entry(alice, replied):
    from sunshine.faq import services

    entry = services.create_from_letter(letter=replied, by=alice)
    for data in ("陈小明", "13800138000", "chen@example.com"):
        assert data not in entry.question
        assert data not in entry.answer
    assert "陈**" in entry.answer
    assert "已责令退费" in entry.answer


def test_the_draft_is_audited_with_its_letter(alice, replied):
    from sunshine.faq import services

    entry = services.create_from_letter(letter=replied, by=alice)
    row = AuditEntry.objects.get(action="faq.from_letter")
    assert row.object_id == str(entry.pk)
    assert (row.after or {})["letter"] == replied.tracking_code
    assert "陈小明" not in str(row.after)


def test_the_draft_goes_through_the_usual_review(alice, olga, replied):
    from sunshine.faq import services

    entry = services.create_from_letter(letter=replied, by=alice)
    services.take_action(entry=entry, action="submit", by=alice)
    published = services.take_action(entry=entry, action="publish", by=olga)
    assert published.status == Status.PUBLISHED


def test_a_letter_without_a_reply_offers_no_button_and_is_refused(client, alice, letter):
    client.force_login(alice)
    html = client.get(f"/staff/letters/{letter.pk}/", **EN).content.decode()
    assert "/faq/" not in html.split('id="h-history"')[0].split('id="h-letter"')[1]
    response = client.post(f"/staff/letters/{letter.pk}/faq/", follow=True, **EN)
    assert "Only a letter that was replied to can become a common question." in response.content.decode()
    assert not Entry.objects.exists()


def test_a_reviewer_reads_the_letter_without_the_button_and_is_refused(client, rita, replied):
    client.force_login(rita)
    html = client.get(f"/staff/letters/{replied.pk}/", **EN).content.decode()
    assert 'id="reply-to-faq"' not in html
    assert client.post(f"/staff/letters/{replied.pk}/faq/", **EN).status_code == 403
    assert not Entry.objects.exists()


def test_the_api_answers_201_with_the_entry(client, alice, replied):
    token = token_for(client, "alice")
    response = client.post(f"/api/v1/staff/letters/{replied.pk}/faq", **bearer(token), **EN)
    assert response.status_code == 201
    data = response.json()
    assert data["id"] == Entry.objects.get().pk
    assert data["status"] == "draft"
    assert "submit" in data["permitted_actions"]


def test_the_api_refuses_an_unreplied_letter_and_another_agencys(client, alice, fred, letter):
    response = client.post(
        f"/api/v1/staff/letters/{letter.pk}/faq", **bearer(token_for(client, "alice")), **EN
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "letter_not_replied"
    response = client.post(
        f"/api/v1/staff/letters/{letter.pk}/faq", **bearer(token_for(client, "fred")), **EN
    )
    assert response.status_code == 404
    assert not Entry.objects.exists()
