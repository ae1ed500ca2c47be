"""The 96128 hotline seat: the operator finds a published answer and reads it out in full, or
registers the call as a consultation letter received by phone today."""

from __future__ import annotations

import datetime

import pytest

from sunshine.agencies.models import Role
from sunshine.faq import services as faq_services
from sunshine.faq.models import Entry
from sunshine.letters.models import Letter

TODAY = datetime.date(2026, 10, 9)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ANSWER = "本市义务教育阶段学校招生实行免试就近入学。\n公办学校按划片范围招收适龄儿童，报名时间为每年七月。"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def publish(
    agency, alice, olga, question: str = "义务教育阶段招生政策是什么？", answer: str = ANSWER
) -> Entry:
    entry = faq_services.create_entry(agency=agency, by=alice, question=question, answer=answer)
    faq_services.take_action(entry=entry, action="submit", by=alice)
    return faq_services.take_action(entry=entry, action="publish", by=olga)


@pytest.fixture
def operator(make_user, tree):
    """Opal answers the 96128 line in the city government's disclosure office."""
    return make_user("opal", agency=tree["city"], role=Role.DISCLOSURE_OFFICE)


def test_the_operator_finds_an_answer_and_reads_it_in_full(client, operator, alice, olga, tree):
    entry = publish(tree["education"], alice, olga)
    client.force_login(operator)
    html = client.get("/staff/hotline/", {"q": "招生"}, **EN).content.decode()
    assert f'data-entry="{entry.pk}"' in html
    assert "报名时间为每年七月" in html  # the whole answer, not a passage
    assert "autofocus" in html


def test_the_search_narrows_to_one_agency_and_those_below_it(client, operator, alice, olga, make_user, tree):
    education = publish(tree["education"], alice, olga)
    finance_officer = make_user("fiona", agency=tree["finance"], role=Role.OFFICER)
    finance = publish(
        tree["finance"], finance_officer, olga, "招生考试的收费标准？", "按物价部门核定标准收费。"
    )
    client.force_login(operator)
    html = client.get("/staff/hotline/", {"q": "招生", "agency": "CITY-EDU"}, **EN).content.decode()
    assert f'data-entry="{education.pk}"' in html
    assert f'data-entry="{finance.pk}"' not in html
    html = client.get("/staff/hotline/", {"q": "招生"}, **EN).content.decode()
    assert f'data-entry="{finance.pk}"' in html


def test_drafts_are_never_read_out(client, operator, alice, tree):
    draft = faq_services.create_entry(
        agency=tree["education"], by=alice, question="招生问题？", answer="草稿。"
    )
    client.force_login(operator)
    html = client.get("/staff/hotline/", {"q": "招生"}, **EN).content.decode()
    assert f'data-entry="{draft.pk}"' not in html
    assert "No published answer matches" in html


def test_a_call_that_needs_follow_up_lands_in_the_agencys_letter_queue(client, operator, alice, tree):
    client.force_login(operator)
    response = client.post(
        "/staff/hotline/",
        {
            "call-agency": tree["education"].pk,
            "call-caller_name": "王小红",
            "call-caller_phone": "13900139000",
            "call-question": "孩子转学需要哪些材料？户籍在外省。",
        },
        **EN,
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert (letter.kind, letter.channel, letter.received_on) == ("consultation", "phone", TODAY)
    assert letter.agency == tree["education"]
    assert (letter.writer_name, letter.writer_phone) == ("王小红", "13900139000")
    assert letter.subject.startswith("孩子转学需要哪些材料")
    client.force_login(alice)
    assert letter.tracking_code in client.get("/staff/letters/", **EN).content.decode()


def test_the_registered_call_tells_the_operator_the_code_and_key_to_read_out(client, operator, tree):
    client.force_login(operator)
    data = {
        "call-agency": tree["education"].pk,
        "call-caller_name": "王小红",
        "call-caller_phone": "13900139000",
        "call-question": "转学材料？",
    }
    html = client.post("/staff/hotline/", data, follow=True, **EN).content.decode()
    letter = Letter.objects.get()
    assert letter.tracking_code in html
    assert "the key" in html


def test_a_call_without_the_callers_name_is_refused_and_nothing_stored(client, operator, tree):
    client.force_login(operator)
    response = client.post(
        "/staff/hotline/",
        {
            "call-agency": tree["education"].pk,
            "call-caller_name": "",
            "call-caller_phone": "139",
            "call-question": "问",
        },
        **EN,
    )
    assert response.status_code == 422
    assert 'class="error-summary"' in response.content.decode()
    assert not Letter.objects.exists()


def test_a_reviewer_searches_but_cannot_register_calls(client, make_user, tree):
    rita = make_user("rita", agency=tree["education"], role=Role.REVIEWER)
    client.force_login(rita)
    html = client.get("/staff/hotline/", **EN).content.decode()
    assert 'name="call-agency"' not in html
    assert client.post("/staff/hotline/", {"call-caller_name": "王"}, **EN).status_code == 403
    assert not Letter.objects.exists()


def test_people_without_a_role_are_refused(client, make_user):
    client.force_login(make_user("nobody"))
    assert client.get("/staff/hotline/").status_code == 403


def test_the_navigation_links_the_seat(client, operator):
    client.force_login(operator)
    assert 'href="/staff/hotline/"' in client.get("/staff/", **EN).content.decode()
