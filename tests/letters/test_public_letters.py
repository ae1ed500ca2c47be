"""Published letters: only consenting writers' letters with a published reply, masked, never a phone
or an e-mail, on /letters/ and GET /api/v1/letters, with filters, search and pages."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunshine.letters.models import Letter
from sunshine.letters.services import Writer

# Replies here are sent directly (their review is tested in test_reply_review.py).
pytestmark = pytest.mark.usefixtures("replies_without_review")

D = datetime.date
TODAY = D(2026, 10, 20)
SECRETS = ("陈小明", "13800138000", "chen@example.com")


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def assert_no_personal_data(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def test_only_consenting_letters_with_a_published_reply_are_listed(client, answered, write):
    shown, _ = answered(D(2026, 9, 21), D(2026, 9, 24))
    answered(D(2026, 9, 21), D(2026, 9, 24), publish=False)  # the agency did not publish the reply
    answered(D(2026, 9, 21), D(2026, 9, 24), consent=False, publish=False)  # the writer did not agree
    write(D(2026, 9, 22), publish_consent=True)  # not replied yet

    listed = client.get("/api/v1/letters").json()

    assert listed["count"] == 1
    assert [item["tracking_code"] for item in listed["results"]] == [shown.tracking_code]
    item = listed["results"][0]
    assert item["agency"] == {"code": "CITY-EDU", "name": shown.agency.display_name}
    assert item["kind"] == "complaint"
    assert item["received_on"] == "2026-09-21"
    assert item["replied_on"] == "2026-09-24"
    assert item["reply"] == "经核查，该校已退还额外费用。"
    assert item["writer"] == "陈**"


def test_a_closed_letter_stays_published_after_its_reply(client, answered, alice):
    from sunshine.letters.services import perform_action

    letter, _ = answered(D(2026, 9, 21), D(2026, 9, 24))
    perform_action(letter=letter, action="close", by=alice, date=D(2026, 9, 25), today=D(2026, 9, 25))

    assert client.get("/api/v1/letters").json()["count"] == 1
    assert client.get(f"/letters/{letter.tracking_code}/").status_code == 200


def test_personal_data_in_the_texts_is_masked_and_never_shown(client, tree, write, alice):
    from sunshine.letters.services import perform_action, submit_letter

    letter, _ = submit_letter(
        agency=tree["education"],
        kind="consultation",
        subject="陈小明的入学问题",
        body="我是陈小明，电话13800138000，邮箱chen@example.com，身份证号110101199003077774。联系人：王小红",
        writer=Writer(name="陈小明", phone="13800138000", email="chen@example.com"),
        publish_consent=True,
        today=D(2026, 9, 21),
    )
    perform_action(letter=letter, action="accept", by=alice, date=D(2026, 9, 21), today=D(2026, 9, 22))
    perform_action(
        letter=letter,
        action="reply",
        by=alice,
        date=D(2026, 9, 22),
        today=D(2026, 9, 22),
        text="陈小明同志：请致电13800138000确认。",
        publish=True,
    )

    api = client.get("/api/v1/letters").content.decode()
    page = client.get("/letters/").content.decode()
    detail = client.get(f"/letters/{letter.tracking_code}/").content.decode()

    for text in (api, page, detail):
        assert_no_personal_data(text)
        assert "110101199003077774" not in text
        assert "王小红" not in text
    item = client.get("/api/v1/letters").json()["results"][0]
    assert item["subject"].startswith("陈**")
    assert "王**" in item["body"]
    assert "陈**" in detail


def test_the_agencys_name_rule_masks_the_writer(client, tree, answered):
    tree["education"].name_masking = "surname_mou"
    tree["education"].save()
    letter, _ = answered(D(2026, 9, 21), D(2026, 9, 24))

    assert client.get("/api/v1/letters").json()["results"][0]["writer"] == "陈某某"
    assert "陈某某" in client.get(f"/letters/{letter.tracking_code}/").content.decode()


def test_the_list_filters_by_agency_kind_and_words(client, tree, answered, make_user):
    from sunshine.agencies.models import Role

    officer = make_user("fin", agency=tree["finance"], role=Role.OFFICER)
    school, _ = answered(D(2026, 9, 21), D(2026, 9, 24))
    budget, _ = answered(
        D(2026, 9, 21),
        D(2026, 9, 25),
        agency=tree["finance"],
        kind="consultation",
        reply="预算公开的时间为每年三月。",
        officer=officer,
    )

    by_agency = client.get("/api/v1/letters", {"agency": "CITY-FIN"}).json()
    by_kind = client.get("/api/v1/letters", {"kind": "complaint"}).json()
    by_words = client.get("/api/v1/letters", {"q": "预算公开"}).json()
    under_city = client.get("/api/v1/letters", {"agency": "CITY"}).json()

    assert [i["tracking_code"] for i in by_agency["results"]] == [budget.tracking_code]
    assert [i["tracking_code"] for i in by_kind["results"]] == [school.tracking_code]
    assert [i["tracking_code"] for i in by_words["results"]] == [budget.tracking_code]
    assert under_city["count"] == 2
    assert client.get("/api/v1/letters", {"q": "陈小明"}).json()["count"] == 0  # the name is not searchable
    page = client.get("/letters/", {"q": "退还"}).content.decode()
    assert school.tracking_code in page
    assert budget.tracking_code not in page


def searched(client, q: str) -> list[str]:
    return [item["tracking_code"] for item in client.get("/api/v1/letters", {"q": q}).json()["results"]]


def test_every_word_of_the_search_must_be_in_the_letter_newest_reply_first(client, answered):
    older, _ = answered(D(2026, 9, 21), D(2026, 9, 23), reply="补课费已全部退还。")
    newer, _ = answered(D(2026, 9, 21), D(2026, 9, 25), reply="补课费将在下月退还。")
    other, _ = answered(D(2026, 9, 21), D(2026, 9, 24), reply="已责令学校整改。")

    assert searched(client, "补课费 退还") == [newer.tracking_code, older.tracking_code]
    assert searched(client, "学校") == [newer.tracking_code, other.tracking_code, older.tracking_code]
    assert searched(client, "补课费 整改") == []


def test_words_that_read_as_query_syntax_are_searched_as_words(client, answered):
    letter, _ = answered(D(2026, 9, 21), D(2026, 9, 24))

    for q in ('"学校"', "学校*", "(学校)", "学校 -"):
        assert searched(client, q) == [letter.tracking_code], q
    for q in ("学校 OR 天气", "NOT 学校", 'AND "', "NEAR(学校 费用)", "学校 & !天气 | 预报"):
        response = client.get("/api/v1/letters", {"q": q})
        assert response.status_code == 200, q
        assert response.json()["count"] == 0, q


def test_a_reopened_letter_leaves_the_search_and_its_new_reply_is_found_once_published(
    client, answered, alice
):
    from sunshine.letters.services import perform_action

    letter, key = answered(D(2026, 9, 21), D(2026, 9, 24))
    client.post(
        f"/api/v1/letters/{letter.tracking_code}/rating",
        {"rating": "dissatisfied"},
        content_type="application/json",
        HTTP_X_ACCESS_KEY=key,
    )
    reopened = client.post(f"/api/v1/letters/{letter.tracking_code}/reopen", HTTP_X_ACCESS_KEY=key)
    assert reopened.status_code == 200, reopened.content

    assert searched(client, "退还") == []
    assert searched(client, "学校") == []

    perform_action(
        letter=Letter.objects.get(pk=letter.pk), action="reply", by=alice, text="补课费已退还。", publish=True
    )

    assert searched(client, "补课费") == [letter.tracking_code]
    assert searched(client, "学校") == [letter.tracking_code]  # once, not twice


def test_a_letter_of_an_agency_closed_since_is_not_found_whatever_its_words(client, tree, answered):
    answered(D(2026, 9, 21), D(2026, 9, 24))
    tree["education"].is_active = False
    tree["education"].save()

    assert client.get("/api/v1/letters", {"q": "学校"}).json()["count"] == 0
    assert Letter.objects.exclude(public_words="").count() == 1  # its words are still stored


def test_letters_published_before_the_full_text_index_are_found_once_it_is_built(client, answered):
    migration = importlib.import_module("sunshine.letters.migrations.0006_public_fulltext")
    engine = "SQLITE" if connection.vendor == "sqlite" else "POSTGRES"
    with connection.cursor() as cursor:
        for statement in getattr(migration, f"{engine}_BACKWARD"):
            cursor.execute(statement)
    letter, _ = answered(D(2026, 9, 21), D(2026, 9, 24))  # its words stored, no index to hold them
    answered(D(2026, 9, 21), D(2026, 9, 24), publish=False)

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the letters' foreign keys checked before ALTER TABLE
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in getattr(migration, f"{engine}_FORWARD"):
            cursor.execute(statement)

    assert searched(client, "学校") == [letter.tracking_code]


def test_an_unknown_agency_or_kind_is_refused_with_field_messages(client, tree):
    agency = client.get("/api/v1/letters", {"agency": "NOPE"})
    kind = client.get("/api/v1/letters", {"kind": "poem"})

    assert agency.status_code == 422
    assert "agency" in agency.json()["error"]["fields"]
    assert kind.status_code == 422
    assert "kind" in kind.json()["error"]["fields"]
    assert client.get("/letters/", {"agency": "NOPE"}).status_code == 400


def test_the_list_has_pages_newest_reply_first(client, answered):
    first, _ = answered(D(2026, 9, 21), D(2026, 9, 23))
    second, _ = answered(D(2026, 9, 21), D(2026, 9, 24))
    third, _ = answered(D(2026, 9, 21), D(2026, 9, 25))

    page1 = client.get("/api/v1/letters", {"page_size": 2}).json()
    page2 = client.get("/api/v1/letters", {"page_size": 2, "page": 2}).json()

    assert page1["count"] == 3
    assert [i["tracking_code"] for i in page1["results"]] == [third.tracking_code, second.tracking_code]
    assert [i["tracking_code"] for i in page2["results"]] == [first.tracking_code]


def test_the_page_of_a_letter_shows_it_and_an_unpublished_one_is_not_found(client, answered):
    shown, _ = answered(D(2026, 9, 21), D(2026, 9, 24))
    hidden, _ = answered(D(2026, 9, 21), D(2026, 9, 24), publish=False)

    page = client.get(f"/letters/{shown.tracking_code}/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "经核查，该校已退还额外费用。" in text
    assert "学校收费问题" in text
    assert 'name="viewport"' in text  # the phone layout of the base template
    assert client.get(f"/letters/{hidden.tracking_code}/").status_code == 404


def test_the_first_page_is_read_in_a_few_queries(client, answered):
    for day in (D(2026, 9, 22), D(2026, 9, 23), D(2026, 9, 24)):
        answered(D(2026, 9, 21), day)

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/letters").status_code == 200

    assert len(queries) <= 4


def test_the_public_list_uses_its_index_on_the_database():
    names = {index.name for index in Letter._meta.indexes}
    assert "letter_public_newest" in names
