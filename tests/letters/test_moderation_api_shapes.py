"""The moderation queue and its actions answer the same JSON as the hand-built dictionaries they
answered before their responses were typed: every key, every value."""

from __future__ import annotations

import datetime

import pytest

from sunshine.letters import moderation, moderation_api
from sunshine.letters.models import Letter
from sunshine.letters.services import Writer, submit_letter
from tests.api_helpers import bearer, token_for
from tests.api_shapes import as_sent

TODAY = datetime.date(2026, 10, 9)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
QUEUE = "/api/v1/staff/letters/moderation"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def flagged(tree, alice):
    """A duplicate flagged on arrival (by nobody) and an abusive letter flagged by alice."""
    writer = Writer(name="陈小明", phone="13800138000")
    args = {"agency": tree["education"], "kind": "complaint", "subject": "学校收费", "writer": writer}
    original, _ = submit_letter(body="学校收取额外费用，请核查。", today=datetime.date(2026, 10, 8), **args)
    duplicate, _ = submit_letter(body="学校收取额外费用，请核查。", **args)
    rude, _ = submit_letter(
        agency=tree["education"],
        kind="suggestion",
        subject="道路",
        body="维修",
        writer=Writer("某", "13900000002"),
    )
    rude = moderation.flag_letter(letter=rude, flag="abusive", reason="含有侮辱性语言。", by=alice)
    return original, duplicate, rude


def test_the_queue_answers_each_letter_with_its_flag_and_the_original(client, alice, flagged):
    original, duplicate, rude = flagged
    answer = client.get(QUEUE, **bearer(token_for(client, "alice"))).json()
    letters = list(moderation.moderation_queue(alice).select_related("flagged_by"))
    assert answer == as_sent(
        {"count": len(letters), "items": [moderation_api._item(letter) for letter in letters]}
    )
    assert answer["count"] == 2
    by_id = {item["id"]: item for item in answer["items"]}
    assert (by_id[duplicate.pk]["flagged_by"], by_id[rude.pk]["flagged_by"]) == (None, "alice")
    assert by_id[duplicate.pk]["duplicate_of"]["id"] == original.pk
    assert set(by_id[duplicate.pk]["duplicate_of"]) == set(by_id[duplicate.pk]) - {
        "flag",
        "flag_reason",
        "flagged_by",
        "duplicate_of",
    }
    assert by_id[rude.pk]["duplicate_of"] is None
    assert by_id[duplicate.pk]["received_on"] == "2026-10-09"


def test_an_empty_queue_answers_a_count_of_nought(client, fred, flagged):
    assert client.get(QUEUE, **bearer(token_for(client, "fred"))).json() == {"count": 0, "items": []}


def test_each_result_answers_what_was_done_or_the_error_and_nothing_else(client, alice, flagged):
    _, duplicate, rude = flagged
    answer = client.post(
        QUEUE,
        {"action": "merge", "ids": [duplicate.pk, rude.pk, 99999]},
        content_type="application/json",
        **bearer(token_for(client, "alice")),
        **EN,
    ).json()
    merged = Letter.objects.get(pk=duplicate.pk)
    assert answer["results"][0] == {
        "id": duplicate.pk,
        "ok": True,
        "status": merged.status,
        "flag": merged.flag,
        "tracking_code": merged.tracking_code,
    }
    assert [set(r) for r in answer["results"][1:]] == [{"id", "ok", "error"}] * 2
    assert [r["ok"] for r in answer["results"][1:]] == [False, False]
    assert [set(r["error"]) for r in answer["results"][1:]] == [{"code", "message", "fields"}] * 2
    assert answer["results"][2]["error"]["code"] == "not_found"
    assert answer["results"][2]["id"] == 99999
    assert isinstance(answer["results"][1]["error"]["fields"], dict)
