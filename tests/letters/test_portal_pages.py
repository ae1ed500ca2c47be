"""The writer's pages of letters: write, see the code and key once, follow, answer a request for
information, read the reply."""

from __future__ import annotations

import datetime
import re

import pytest

from sunshine.letters import services
from sunshine.letters.models import Letter

TODAY = datetime.date(2026, 10, 9)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def form(**overrides):
    data = {
        "agency": "CITY-EDU",
        "kind": "consultation",
        "subject": "入学政策",
        "body": "请问外地户籍子女如何入学？",
        "name": "陈小明",
        "phone": "13800138000",
        "email": "",
        "form_token": "token-1",
    }
    data.update(overrides)
    return data


def sent(client, **overrides):
    """Write a letter through the form; return the confirmation page's HTML, code and key."""
    response = client.post("/letters/write/", form(**overrides), **EN)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get(response["Location"], **EN).content.decode()
    code = re.search(r'id="tracking-code"[^>]*>([^<]+)<', html)
    key = re.search(r'id="access-key"[^>]*>([^<]+)<', html)
    assert code
    assert key
    return html, code[1], key[1]


def test_the_form_shows_the_agencys_guide_beside_it(client, tree):
    html = client.get("/letters/write/?agency=CITY-EDU", **EN).content.decode()
    assert "Disclosure guide of" in html
    assert 'name="kind"' in html
    assert 'name="publish_consent"' in html


def test_a_letter_sent_shows_its_code_key_and_due_date_once(client, tree):
    html, code, _key = sent(client)
    letter = Letter.objects.get(tracking_code=code)
    assert letter.writer_name == "陈小明"
    assert letter.kind == "consultation"
    assert "This is the only time the access key is shown." in html
    assert letter.due_date is not None
    assert letter.due_date.isoformat() in html
    again = client.get("/letters/write/sent/", **EN)
    assert again.status_code == 302  # the key is not shown a second time


def test_errors_stand_beside_their_fields_and_nothing_is_stored(client, tree):
    response = client.post("/letters/write/", form(subject="", phone="", email="not-an-address"), **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Give the subject of the letter." in html
    assert "Enter a valid e-mail address." in html
    assert 'id="id_subject_error"' in html
    assert not Letter.objects.exists()


def test_a_missing_contact_is_asked_for(client, tree):
    html = client.post("/letters/write/", form(phone="", email=""), **EN).content.decode()
    assert "Give a phone number or an e-mail address" in html
    assert not Letter.objects.exists()


def test_errors_come_in_the_readers_language(client, tree):
    html = client.post("/letters/write/", form(subject=""), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Give the subject of the letter." not in html
    assert not Letter.objects.exists()


def test_sending_the_same_form_twice_stores_one_letter(client, tree):
    client.post("/letters/write/", form(), **EN)
    client.post("/letters/write/", form(), **EN)
    assert Letter.objects.count() == 1


def test_the_code_and_key_open_the_letter_with_its_history(client, tree):
    _html, code, key = sent(client)
    response = client.post("/letters/follow/", {"tracking_code": code, "access_key": key}, **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "入学政策" in html
    assert 'id="letter-history"' in html
    assert "Submitted" in html
    assert key not in response.request.get("QUERY_STRING", "")


def test_a_wrong_key_opens_nothing(client, tree):
    _html, code, _key = sent(client)
    response = client.post("/letters/follow/", {"tracking_code": code, "access_key": "wrong"}, **EN)
    assert response.status_code == 400
    assert "No letter matches this tracking code and access key." in response.content.decode()


def test_the_writer_answers_the_items_asked_for_and_the_period_runs_again(client, tree, alice):
    _html, code, key = sent(client)
    letter = Letter.objects.get(tracking_code=code)
    services.perform_action(letter=letter, action="accept", by=alice)
    services.perform_action(letter=letter, action="request_info", by=alice, items=["户籍证明"])
    page = client.post("/letters/follow/", {"tracking_code": code, "access_key": key}, **EN).content.decode()
    assert "户籍证明" in page
    assert 'action="/letters/follow/info/"' in page

    empty = client.post("/letters/follow/info/", {"tracking_code": code, "access_key": key, "text": ""}, **EN)
    assert empty.status_code == 400
    assert "Write the information the agency asked for." in empty.content.decode()

    done = client.post(
        "/letters/follow/info/", {"tracking_code": code, "access_key": key, "text": "已补充户籍证明。"}, **EN
    )
    assert done.status_code == 200
    letter.refresh_from_db()
    assert letter.status == "accepted"
    assert letter.due_date is not None


def test_the_reply_is_shown_to_the_writer(client, tree, alice, replies_without_review):
    _html, code, key = sent(client)
    letter = Letter.objects.get(tracking_code=code)
    services.perform_action(letter=letter, action="accept", by=alice)
    services.perform_action(letter=letter, action="reply", by=alice, text="可凭居住证入学。")
    html = client.post("/letters/follow/", {"tracking_code": code, "access_key": key}, **EN).content.decode()
    assert "可凭居住证入学。" in html
    assert "alice" not in html  # no staff names


def test_the_portal_navigation_marks_public_interaction_on_the_letter_form(client, tree):
    nav = re.search(
        r'<nav class="site-nav".*?</nav>', client.get("/letters/write/", **EN).content.decode(), re.S
    )
    assert nav is not None
    assert 'href="/interaction/" class="is-current"' in nav[0]


def test_a_due_date_in_an_unpublished_year_is_marked_provisional(client, tree, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 12, 21)
    )
    html, code, _key = sent(client, kind="complaint")
    letter = Letter.objects.get(tracking_code=code)
    assert letter.due_date_provisional is True
    assert 'class="provisional-mark"' in html
