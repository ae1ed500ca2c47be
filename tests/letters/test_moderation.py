"""The moderation queue of letters: flagged letters of one's agencies, a duplicate beside its
original, and the bulk actions clear, merge and return_abusive (API and page), each audited."""

from __future__ import annotations

import datetime

import pytest

from sunshine.core.models import AuditEntry
from sunshine.letters.models import Letter
from sunshine.letters.services import Writer, submit_letter
from tests.api_helpers import bearer, token_for

TODAY = datetime.date(2026, 10, 9)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def pair(tree):
    """A letter and the same letter sent again by its writer: flagged as a duplicate."""
    writer = Writer(name="陈小明", phone="13800138000")
    args = {"agency": tree["education"], "kind": "complaint", "subject": "学校收费", "writer": writer}
    original, _ = submit_letter(body="学校收取额外费用，请核查。", today=datetime.date(2026, 10, 8), **args)
    duplicate, key = submit_letter(body="学校收取额外费用，请核查。", **args)
    assert duplicate.duplicate_of == original
    return original, duplicate, key


def moderate(client, token, **data):
    return client.post(
        "/api/v1/staff/letters/moderation", data, content_type="application/json", **bearer(token), **EN
    )


def test_the_queue_shows_the_flagged_letters_of_ones_agencies_with_the_original(client, alice, fred, pair):
    original, duplicate, _ = pair
    listed = client.get("/api/v1/staff/letters/moderation", **bearer(token_for(client, "alice"))).json()
    assert [item["id"] for item in listed["items"]] == [duplicate.pk]
    assert listed["items"][0]["flag"] == "duplicate"
    assert listed["items"][0]["duplicate_of"]["tracking_code"] == original.tracking_code
    other = client.get("/api/v1/staff/letters/moderation", **bearer(token_for(client, "fred"))).json()
    assert other["count"] == 0


def test_merging_closes_the_duplicate_and_tells_its_writer_the_originals_code(client, alice, pair):
    original, duplicate, key = pair
    response = moderate(client, token_for(client, "alice"), action="merge", ids=[duplicate.pk])
    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "id": duplicate.pk,
            "ok": True,
            "status": "closed",
            "flag": "duplicate",
            "tracking_code": duplicate.tracking_code,
        }
    ]
    duplicate.refresh_from_db()
    assert duplicate.status == "closed"
    assert duplicate.concluded_on == TODAY
    assert original.events.filter(action="merged_in").exists()
    followed = client.get(f"/api/v1/letters/{duplicate.tracking_code}", HTTP_X_ACCESS_KEY=key, **EN).json()
    assert original.tracking_code in followed["events"][-1]["text"]
    entry = AuditEntry.objects.get(action="letter.merge")
    assert entry.actor == alice
    assert (entry.after or {})["original"] == original.tracking_code


def test_clearing_takes_the_letter_out_of_the_queue(client, alice, pair):
    _, duplicate, _ = pair
    results = moderate(client, token_for(client, "alice"), action="clear", ids=[duplicate.pk]).json()[
        "results"
    ]
    assert results[0]["ok"]
    assert results[0]["flag"] == ""
    duplicate.refresh_from_db()
    assert duplicate.flag == ""
    assert duplicate.duplicate_of is None
    assert duplicate.status == "submitted"
    assert AuditEntry.objects.filter(action="letter.clear_flag", actor=alice).exists()


def test_returning_as_abusive_needs_a_reason_the_writer_reads(client, alice, tree, settings):
    settings.SUNSHINE_LETTERS_ABUSIVE_WORDS = ["狗官"]
    letter, key = submit_letter(
        agency=tree["education"],
        kind="complaint",
        subject="投诉",
        body="狗官！",
        writer=Writer("某", "13900000000"),
    )
    token = token_for(client, "alice")
    no_reason = moderate(client, token, action="return_abusive", ids=[letter.pk])
    assert no_reason.status_code == 422
    assert "reason" in no_reason.json()["error"]["fields"]
    done = moderate(client, token, action="return_abusive", ids=[letter.pk], reason="含有侮辱性语言。")
    assert done.json()["results"][0]["status"] == "returned"
    followed = client.get(f"/api/v1/letters/{letter.tracking_code}", HTTP_X_ACCESS_KEY=key, **EN).json()
    assert "含有侮辱性语言" in followed["events"][-1]["text"]


def test_each_id_answers_on_its_own(client, alice, fred, pair, tree):
    _, duplicate, _ = pair
    elsewhere, _ = submit_letter(
        agency=tree["finance"], kind="complaint", subject="x", body="y", writer=Writer("某", "13900000001")
    )
    unflagged, _ = submit_letter(
        agency=tree["education"],
        kind="complaint",
        subject="道路",
        body="维修",
        writer=Writer("某", "13900000002"),
    )
    results = moderate(
        client, token_for(client, "alice"), action="merge", ids=[duplicate.pk, elsewhere.pk, unflagged.pk]
    ).json()["results"]
    assert [r["ok"] for r in results] == [True, False, False]
    assert results[1]["error"]["code"] == "not_found"
    assert results[2]["error"]["code"] == "not_a_duplicate"


def test_a_reviewer_reads_the_queue_but_does_not_moderate(client, rita, pair):
    _, duplicate, _ = pair
    results = moderate(client, token_for(client, "rita"), action="clear", ids=[duplicate.pk]).json()[
        "results"
    ]
    assert results[0]["error"]["code"] == "permission_denied"
    assert Letter.objects.get(pk=duplicate.pk).flag == "duplicate"


def test_the_page_shows_a_duplicate_beside_its_original_and_merges_the_ticked_ones(client, alice, pair):
    original, duplicate, _ = pair
    client.force_login(alice)
    page = client.get("/staff/letters/moderation/", **EN).content.decode()
    assert duplicate.tracking_code in page
    assert original.tracking_code in page
    assert f'name="ids" value="{duplicate.pk}"' in page
    sent = client.post("/staff/letters/moderation/", {"action": "merge", "ids": [duplicate.pk]}, **EN)
    assert sent.status_code == 302
    assert Letter.objects.get(pk=duplicate.pk).status == "closed"
    assert duplicate.tracking_code not in client.get("/staff/letters/moderation/", **EN).content.decode()


def test_the_page_says_why_a_letter_was_not_moderated(client, alice, pair):
    _, duplicate, _ = pair
    client.force_login(alice)
    refused = client.post(
        "/staff/letters/moderation/", {"action": "return_abusive", "ids": [duplicate.pk]}, **EN
    )
    assert refused.status_code == 422
    assert "Give the reason" in refused.content.decode()


def test_staff_flag_a_letter_by_hand_from_its_page(client, alice, tree, write):
    first, _ = write(datetime.date(2026, 10, 1))
    other, _ = submit_letter(
        agency=tree["education"],
        kind="complaint",
        subject="另一封",
        body="内容不同的信。",
        writer=Writer("王", "13700000000"),
    )
    client.force_login(alice)
    assert "Flag the letter" in client.get(f"/staff/letters/{other.pk}/", **EN).content.decode()
    client.post(
        f"/staff/letters/{other.pk}/flag/",
        {"flag": "duplicate", "original": first.tracking_code, "reason": "同一事项，不同联系方式。"},
        **EN,
    )
    other.refresh_from_db()
    assert other.flag == "duplicate"
    assert other.duplicate_of == first
    assert other.flagged_by == alice
    assert AuditEntry.objects.filter(action="letter.flag", actor=alice).exists()
    page = client.get(f"/staff/letters/{other.pk}/", **EN).content.decode()
    assert "同一事项" in page


def test_a_hand_flag_needs_a_reason_and_an_original_for_a_duplicate(client, alice, write):
    letter, _ = write(datetime.date(2026, 10, 1))
    client.force_login(alice)
    response = client.post(f"/staff/letters/{letter.pk}/flag/", {"flag": "duplicate"}, follow=True, **EN)
    assert "Give the reason for the flag." in response.content.decode()
    assert Letter.objects.get(pk=letter.pk).flag == ""
