"""The reply to a letter passes review (保密审查) and sign-off (领导签批) before it is sent, as a request's
reply does: the officer writes the draft, a reviewer approves or returns it, a signer signs it, and the
letter's ``reply`` action sends the signed text. Through the staff API.

The Education Bureau: alice handles letters, rita reviews, sid signs; olga is the city's disclosure
office."""

from __future__ import annotations

import datetime

import pytest

from sunshine.agencies import services as agencies
from sunshine.core.models import AuditEntry
from sunshine.letters.models import LetterEvent, LetterReplyDraft
from tests.api_helpers import bearer, token_for

D = datetime.date
TODAY = D(2026, 10, 9)
TEXT = "经核查，学校已退还多收费用。"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def letter(write, alice):
    from sunshine.letters.services import perform_action

    letter, _key = write(D(2026, 9, 30), publish_consent=True)
    return perform_action(letter=letter, action="accept", by=alice, date=D(2026, 10, 8))


@pytest.fixture
def tokens(client, alice, rita, sid, olga):
    return {name: token_for(client, name) for name in ("alice", "rita", "sid", "olga")}


def put(client, token, letter, **data):
    return client.put(
        f"/api/v1/staff/letters/{letter.pk}/reply-draft",
        data,
        content_type="application/json",
        **bearer(token),
    )


def step(client, token, letter, name, **data):
    return client.post(
        f"/api/v1/staff/letters/{letter.pk}/reply-draft/steps",
        {"step": name, **data},
        content_type="application/json",
        **bearer(token),
    )


def reply(client, token, letter, **data):
    return client.post(
        f"/api/v1/staff/letters/{letter.pk}/actions",
        {"action": "reply", **data},
        content_type="application/json",
        **bearer(token),
    )


def signed(client, tokens, letter, text=TEXT, publish=False):
    assert put(client, tokens["alice"], letter, text=text, publish=publish).status_code == 200
    assert step(client, tokens["alice"], letter, "submit").status_code == 200
    assert step(client, tokens["rita"], letter, "approve").status_code == 200
    answer = step(client, tokens["sid"], letter, "sign", comments="同意")
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_an_officer_cannot_reply_without_a_signed_draft(client, tokens, letter):
    refused = reply(client, tokens["alice"], letter, text=TEXT)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "reply_not_signed"
    letter.refresh_from_db()
    assert letter.status == "accepted"


def test_the_draft_goes_through_review_and_sign_off_and_is_then_sent(client, tokens, letter):
    written = put(client, tokens["alice"], letter, text=TEXT, publish=True)
    assert written.status_code == 200, written.content
    assert written.json()["status"] == "draft"
    assert written.json()["permitted_steps"] == ["submit"]
    assert written.json()["review_required"] is True
    submitted = step(client, tokens["alice"], letter, "submit").json()
    assert submitted["status"] == "in_review"
    assert submitted["submitted_by"] == "alice"
    approved = step(client, tokens["rita"], letter, "approve").json()
    assert (approved["status"], approved["reviewer"]) == ("approved", "rita")
    done = step(client, tokens["sid"], letter, "sign").json()
    assert (done["status"], done["signer"]) == ("signed", "sid")

    sent = reply(client, tokens["alice"], letter)
    assert sent.status_code == 200, sent.content
    letter.refresh_from_db()
    assert (letter.status, letter.reply_text, letter.reply_published) == ("replied", TEXT, True)
    assert LetterReplyDraft.objects.get().status == "sent"
    event = LetterEvent.objects.get(letter=letter, action="reply")
    assert event.data["reviewed_by"] == "rita"
    assert event.data["signed_by"] == "sid"
    assert event.data["direct"] is False
    codes = list(
        AuditEntry.objects.filter(action__startswith="letter_reply.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert codes == ["letter_reply.edit", "letter_reply.submit", "letter_reply.approve", "letter_reply.sign"]


def test_the_signed_text_is_sent_as_signed_and_no_other(client, tokens, letter):
    signed(client, tokens, letter)
    changed = reply(client, tokens["alice"], letter, text="另一份答复。")
    assert changed.status_code == 409
    assert changed.json()["error"]["code"] == "reply_not_signed"
    same = reply(client, tokens["alice"], letter, text=TEXT, publish=False)
    assert same.status_code == 200, same.content
    letter.refresh_from_db()
    assert letter.reply_text == TEXT


def test_who_sent_the_reply_to_review_neither_approves_nor_signs_it(client, make_user, tree, tokens, letter):
    rex = make_user("rex", agency=tree["education"], role="officer")
    for role in ("reviewer", "signer"):
        agencies.grant_role(by=None, user=rex, agency=tree["education"], role=role)
    token = token_for(client, "rex")
    put(client, token, letter, text=TEXT)
    step(client, token, letter, "submit")
    refused = step(client, token, letter, "approve")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "own_submission"
    assert step(client, tokens["rita"], letter, "approve").status_code == 200
    assert step(client, token, letter, "sign").json()["error"]["code"] == "own_submission"


def test_a_reviewer_returns_the_draft_with_comments_and_the_officer_changes_it(client, tokens, letter):
    put(client, tokens["alice"], letter, text=TEXT)
    step(client, tokens["alice"], letter, "submit")
    unsaid = step(client, tokens["rita"], letter, "return")
    assert unsaid.status_code == 422
    assert set(unsaid.json()["error"]["fields"]) == {"comments"}
    returned = step(client, tokens["rita"], letter, "return", comments="请写明退费金额")
    assert returned.json()["status"] == "returned"
    assert returned.json()["return_comment"] == "请写明退费金额"
    assert returned.json()["returned_by"] == "rita"
    again = put(client, tokens["alice"], letter, text=TEXT + "退还金额为200元。")
    assert again.json()["status"] == "draft"


def test_a_draft_in_review_cannot_be_changed(client, tokens, letter):
    put(client, tokens["alice"], letter, text=TEXT)
    step(client, tokens["alice"], letter, "submit")
    refused = put(client, tokens["alice"], letter, text="改")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "reply_in_review"


def test_roles_and_statuses_of_the_steps(client, tokens, letter):
    put(client, tokens["alice"], letter, text=TEXT)
    assert step(client, tokens["rita"], letter, "submit").status_code == 403
    assert step(client, tokens["rita"], letter, "approve").status_code == 409
    step(client, tokens["alice"], letter, "submit")
    assert step(client, tokens["sid"], letter, "approve").status_code == 403
    assert step(client, tokens["sid"], letter, "sign").status_code == 409


def test_an_empty_draft_does_not_go_to_review_and_publication_needs_consent(client, tokens, write, alice):
    from sunshine.letters.services import perform_action

    letter, _key = write(D(2026, 9, 30), publish_consent=False)
    letter = perform_action(letter=letter, action="accept", by=alice, date=D(2026, 10, 8))
    assert set(put(client, tokens["alice"], letter, text=TEXT, publish=True).json()["error"]["fields"]) == {
        "publish"
    }
    put(client, tokens["alice"], letter, text="")
    empty = step(client, tokens["alice"], letter, "submit")
    assert empty.status_code == 422
    assert set(empty.json()["error"]["fields"]) == {"text"}


def test_the_privacy_scan_stops_sending_to_review_unless_left_to_the_reviewer(client, tokens, letter):
    text = "已转交王建国处理，其电话13912345678。陈小明的电话13800138000。"
    found = put(client, tokens["alice"], letter, text=text).json()["findings"]
    assert [f["masked"] for f in found] == ["139****5678"]  # the writer's own phone is not a finding
    stopped = step(client, tokens["alice"], letter, "submit")
    assert stopped.status_code == 409
    assert stopped.json()["error"]["code"] == "privacy_findings"
    sent = step(client, tokens["alice"], letter, "submit", acknowledged=True)
    assert sent.json()["status"] == "in_review"
    entry = AuditEntry.objects.get(action="letter_reply.submit")
    assert (entry.after or {})["findings_left_to_reviewer"] is True


def test_the_disclosure_office_replies_directly_and_it_is_recorded(client, tokens, letter):
    sent = reply(client, tokens["olga"], letter, text=TEXT)
    assert sent.status_code == 200, sent.content
    assert LetterEvent.objects.get(letter=letter, action="reply").data["direct"] is True
    assert (AuditEntry.objects.get(action="letter.reply").after or {})["direct"] is True


def test_a_superuser_replies_directly(client, admin_user, letter):
    sent = reply(client, token_for(client, "root"), letter, text=TEXT)
    assert sent.status_code == 200, sent.content
    assert LetterEvent.objects.get(letter=letter, action="reply").data["direct"] is True


def test_without_review_an_officer_replies_directly_and_it_is_not_marked(
    client, tokens, letter, replies_without_review
):
    sent = reply(client, tokens["alice"], letter, text=TEXT)
    assert sent.status_code == 200, sent.content
    assert LetterEvent.objects.get(letter=letter, action="reply").data["direct"] is False


def test_the_agencys_request_setting_turns_review_off_for_letters(client, tokens, letter, tree):
    from sunshine.inforequests.settings_service import set_request_settings

    set_request_settings(by=None, agency=tree["education"], reply_review_required=False)
    assert reply(client, tokens["alice"], letter, text=TEXT).status_code == 200


def test_the_draft_is_not_found_before_it_is_written_nor_beyond_ones_agencies(client, tokens, letter, fred):
    assert (
        client.get(f"/api/v1/staff/letters/{letter.pk}/reply-draft", **bearer(tokens["alice"])).status_code
        == 404
    )
    put(client, tokens["alice"], letter, text=TEXT)
    got = client.get(f"/api/v1/staff/letters/{letter.pk}/reply-draft", **bearer(tokens["alice"]))
    assert got.json()["text"] == TEXT
    other = token_for(client, "fred")
    assert client.get(f"/api/v1/staff/letters/{letter.pk}/reply-draft", **bearer(other)).status_code == 404
    assert put(client, other, letter, text=TEXT).status_code == 404


def test_a_concluded_letter_takes_no_draft(client, tokens, letter, replies_without_review):
    reply(client, tokens["alice"], letter, text=TEXT)
    refused = put(client, tokens["alice"], letter, text=TEXT)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "letter_concluded"
