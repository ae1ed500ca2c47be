"""Flags the system sets on a letter's arrival: a probable duplicate of the writer's earlier letter,
and abusive words. The flagged letter is stored and its clock runs."""

from __future__ import annotations

import datetime

import pytest

from sunshine.core.models import AuditEntry
from sunshine.letters.duplicates import normalize_email, normalize_phone, similarity
from sunshine.letters.models import Letter
from sunshine.letters.services import Writer, submit_letter
from tests.api_helpers import bearer, token_for

TODAY = datetime.date(2026, 9, 30)
SUBJECT = "学校收费问题"
BODY = "孩子所在学校收取额外费用，每学期八百元，请核查是否合规。"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def send(client, **overrides):
    data = {
        "agency": "CITY-EDU",
        "kind": "complaint",
        "subject": SUBJECT,
        "body": BODY,
        "writer": {"name": "陈小明", "phone": "13800138000", "email": "chen@example.com"},
    }
    data.update(overrides)
    response = client.post("/api/v1/letters", data, content_type="application/json")
    assert response.status_code == 201, response.content
    return Letter.objects.get(pk=response.json()["id"])


def test_the_same_writer_sending_the_same_letter_again_is_flagged_a_probable_duplicate(client, tree):
    first = send(client)
    second = send(client, body=BODY + "谢谢！")
    assert first.flag == ""
    assert second.flag == "duplicate"
    assert second.duplicate_of == first
    assert first.tracking_code in second.flag_reason
    assert second.flagged_by is None
    assert second.due_date is not None  # its clock runs
    audit = AuditEntry.objects.get(action="letter.flag")
    assert audit.actor is None
    assert (audit.after or {})["flag"] == "duplicate"


def test_the_writer_is_recognised_by_the_phone_written_differently_or_the_e_mail(client, tree):
    first = send(client, writer={"name": "陈小明", "phone": "+86 138-0013-8000"})
    by_phone = send(client, writer={"name": "陈", "phone": "13800138000"})
    by_mail = send(client, writer={"name": "陈", "email": "Chen@Example.com"}, subject="关于收费")
    assert by_phone.duplicate_of == first
    assert by_mail.flag == "" or by_mail.duplicate_of == first
    assert normalize_phone("+86 138-0013-8000") == "13800138000"
    assert normalize_email(" Chen@Example.COM ") == "chen@example.com"


def test_another_writer_or_another_matter_is_no_duplicate(client, tree):
    send(client)
    other_writer = send(client, writer={"name": "王", "phone": "13900000000"})
    other_matter = send(client, subject="道路维修", body="我家门前道路坑洼多年，请安排维修。")
    assert other_writer.flag == ""
    assert other_matter.flag == ""


def test_a_letter_older_than_the_window_is_not_compared(tree, settings):
    settings.SUNSHINE_LETTERS_DUPLICATE_DAYS = 30
    writer = Writer(name="陈小明", phone="13800138000")
    edu = tree["education"]
    _old, _ = submit_letter(
        agency=edu,
        kind="complaint",
        subject=SUBJECT,
        body=BODY,
        writer=writer,
        today=datetime.date(2026, 8, 3),
    )
    new, _ = submit_letter(agency=edu, kind="complaint", subject=SUBJECT, body=BODY, writer=writer)
    assert new.flag == ""
    recent, _ = submit_letter(agency=edu, kind="complaint", subject=SUBJECT, body=BODY, writer=writer)
    assert recent.duplicate_of == new


def test_a_duplicate_of_a_duplicate_points_at_the_first_letter(client, tree):
    first = send(client)
    send(client)
    third = send(client)
    assert third.duplicate_of == first


def test_a_letter_registered_by_staff_is_checked_too(client, tree, alice):
    first = send(client)
    response = client.post(
        "/api/v1/staff/letters",
        {
            "agency": "CITY-EDU",
            "kind": "complaint",
            "subject": SUBJECT,
            "body": BODY,
            "writer": {"name": "陈小明", "phone": "138 0013 8000"},
            "received_on": "2026-09-29",
            "channel": "post",
        },
        content_type="application/json",
        **bearer(token_for(client, "alice")),
    )
    assert response.status_code == 201
    assert Letter.objects.get(pk=response.json()["id"]).duplicate_of == first


def test_abusive_words_of_the_configured_list_flag_the_letter(client, tree, settings):
    settings.SUNSHINE_LETTERS_ABUSIVE_WORDS = ["狗官", "idiot"]
    spaced = send(client, subject="投诉", body="你们这些狗 官不作为")
    english = send(client, writer={"name": "W", "email": "w@example.com"}, subject="x", body="You IDIOTS.")
    clean = send(
        client, writer={"name": "Z", "phone": "13700000000"}, subject="建议", body="建议增设公交站。"
    )
    assert spaced.flag == "abusive"
    assert "狗官" in spaced.flag_reason
    assert english.flag == "abusive"
    assert clean.flag == ""
    assert Letter.objects.count() == 3  # kept, never lost


def test_similarity_reads_characters_not_spacing_or_punctuation():
    assert similarity("学校 收费，问题", "学校收费问题") == 1.0
    assert similarity("学校收费问题", "道路维修申请") == 0.0
    assert similarity("", "x") == 0.0
