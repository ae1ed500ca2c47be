"""The reply of a letter on the staff pages and the desks: the letter's page shows the draft, its state,
who reviewed and signed it and the steps each person may take; the review, sign-off and returned desks
list letters' replies beside requests' replies, records and annual reports.

The Education Bureau: alice handles letters, rita reviews, sid signs; olga is the city's disclosure
office."""

from __future__ import annotations

import datetime

import pytest

from sunshine.letters.models import LetterReplyDraft
from sunshine.letters.replies import services as replies
from sunshine.letters.services import perform_action

D = datetime.date
TODAY = D(2026, 10, 9)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TEXT = "经核查，学校已退还多收费用。"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def letter(write, alice):
    letter, _key = write(D(2026, 9, 30))
    return perform_action(letter=letter, action="accept", by=alice, date=D(2026, 10, 8))


def page(client, letter) -> str:
    return client.get(f"/staff/letters/{letter.pk}/", **EN).content.decode()


def post_step(client, letter, step, **data):
    return client.post(f"/staff/letters/{letter.pk}/reply/steps/{step}/", data, **EN)


def test_the_reply_goes_from_draft_to_sent_through_the_letters_page(client, alice, rita, sid, letter):
    client.force_login(alice)
    html = page(client, letter)
    assert 'id="reply"' in html
    assert "Prepare the reply" in html
    assert client.post(f"/staff/letters/{letter.pk}/reply/", {"text": TEXT}, **EN).status_code == 302
    assert 'data-reply-step="submit"' in page(client, letter)
    assert post_step(client, letter, "submit").status_code == 302

    client.force_login(rita)
    html = page(client, letter)
    assert 'data-reply-status="in_review"' in html
    assert 'data-reply-step="approve"' in html
    assert 'data-reply-step="sign"' not in html
    assert post_step(client, letter, "approve").status_code == 302

    client.force_login(sid)
    html = page(client, letter)
    assert 'data-field="reply_reviewer"' in html
    assert 'data-reply-step="sign"' in html
    assert post_step(client, letter, "sign").status_code == 302

    client.force_login(alice)
    html = page(client, letter)
    assert 'data-field="reply_signer"' in html
    assert 'data-field="reply_next"' in html
    assert client.post(f"/staff/letters/{letter.pk}/actions/reply/", **EN).status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.reply_text) == ("replied", TEXT)


def test_a_refused_step_is_explained_on_the_page_and_changes_nothing(client, alice, rita, letter):
    client.force_login(alice)
    client.post(f"/staff/letters/{letter.pk}/reply/", {"text": TEXT}, **EN)
    post_step(client, letter, "submit")
    client.force_login(rita)
    refused = post_step(client, letter, "return")
    assert refused.status_code == 422
    assert "Say what must change." in refused.content.decode()
    assert LetterReplyDraft.objects.get().status == "in_review"
    assert post_step(client, letter, "sign").status_code == 403


def test_the_officer_replying_without_a_signed_draft_is_told_why(client, alice, letter):
    client.force_login(alice)
    refused = client.post(f"/staff/letters/{letter.pk}/actions/reply/", {"reply-text": TEXT}, **EN)
    assert refused.status_code == 409
    assert "reviewed and signed before they are sent" in refused.content.decode()


def desk(client, name: str) -> str:
    return client.get(f"/staff/desk/{name}/", **EN).content.decode()


def test_the_desks_list_letters_replies_for_reviewers_signers_and_the_officer(
    client, alice, rita, sid, letter
):
    replies.save_draft(letter=letter, by=alice, text=TEXT)
    replies.take_step(letter=letter, by=alice, step="submit")
    client.force_login(rita)
    html = desk(client, "review")
    assert 'data-desk-item="letter_reply"' in html
    assert letter.tracking_code in html
    assert f"/staff/letters/{letter.pk}/#reply" in html
    client.force_login(alice)  # her own submission is not on her desk (she has none anyway)
    assert client.get("/staff/desk/review/").status_code == 403

    replies.take_step(letter=letter, by=rita, step="approve")
    client.force_login(sid)
    assert letter.tracking_code in desk(client, "sign-off")
    client.force_login(rita)
    assert letter.tracking_code not in desk(client, "review")

    replies.take_step(letter=letter, by=sid, step="return", input={"comments": "请写明退费金额"})
    client.force_login(alice)
    html = desk(client, "returned")
    assert letter.tracking_code in html
    assert "请写明退费金额" in html
    replies.save_draft(letter=letter, by=alice, text=TEXT + "金额200元。")
    assert letter.tracking_code in desk(client, "returned")
    replies.take_step(letter=letter, by=alice, step="submit")
    assert letter.tracking_code not in desk(client, "returned")


def test_ones_own_submission_waits_on_another_reviewers_desk_not_ones_own(
    client, make_user, tree, olga, letter
):
    from sunshine.agencies import services as agencies

    rex = make_user("rex", agency=tree["education"], role="officer")
    agencies.grant_role(by=None, user=rex, agency=tree["education"], role="reviewer")
    replies.save_draft(letter=letter, by=rex, text=TEXT)
    replies.take_step(letter=letter, by=rex, step="submit")
    client.force_login(rex)
    assert letter.tracking_code not in desk(client, "review")
    client.force_login(olga)
    assert letter.tracking_code in desk(client, "review")
