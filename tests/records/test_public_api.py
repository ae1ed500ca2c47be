"""The public records API (/api/v1/records): search and list published records with filters, read one
record's public metadata; bad input answers in the one error format; nothing unpublished leaks."""

from __future__ import annotations

import datetime
import hashlib
import json
import re

import pytest
from django.utils import timezone

from sunshine.records import services
from sunshine.records.models import Revision
from sunshine.search import services as search
from sunshine.search.documents import SearchDocument
from tests.records.conftest import at, make_draft, publish_now, to_signed, upload
from tests.records.files import make_pdf

pytestmark = pytest.mark.django_db

D = datetime.date
ALLOWED_TAGS = re.compile(r"</?([a-z]+)")
PDF = make_pdf("Q and A")


def results(client, **params: str) -> list[str]:
    response = client.get("/api/v1/records", params)
    assert response.status_code == 200, response.content
    return [row["index_number"] for row in response.json()["results"]]


@pytest.fixture
def published(tree) -> dict[str, Revision]:
    """Four published records of three agencies, on different days, and one of each unpublished kind."""
    notice = publish_now(make_draft(tree["education"]), at(D(2026, 3, 10)))
    budget = publish_now(
        make_draft(
            tree["finance"],
            title="阳光市财政局2026年部门预算",
            category_key="budget",
            genre="report",
            document_number="",
            body="本局2026年预算执行 a < b & c 情况如下。",
        ),
        at(D(2026, 4, 1)),
    )
    exam = publish_now(
        make_draft(
            tree["edu_office"],
            title="阳光市教育考试院关于2026年中考报名的公告",
            genre="announcement",
            document_number="阳考院〔2026〕3号",
        ),
        at(D(2026, 5, 20)),
    )
    health = publish_now(
        make_draft(tree["health"], title="东城区卫生健康局工作动态", category_key="work_news", genre="news"),
        at(D(2026, 6, 1)),
    )
    return {"notice": notice, "budget": budget, "exam": exam, "health": health}


@pytest.fixture
def unpublished(tree) -> dict[str, Revision]:
    draft = make_draft(tree["education"], title="草稿：预算调整方案", body="草稿正文预算")
    scheduled = services.publish(
        revision=to_signed(make_draft(tree["education"], title="定时发布：预算说明", body="定时预算")),
        by=None,
        at=timezone.now() + datetime.timedelta(days=1),
    )
    withdrawn = publish_now(make_draft(tree["education"], title="已撤回：预算公开", body="撤回预算"))
    services.withdraw(revision=withdrawn, by=None, reason="保密原因撤回")
    return {"draft": draft, "scheduled": scheduled, "withdrawn": withdrawn}


def test_without_words_it_lists_every_published_record_newest_first(client, published):
    response = client.get("/api/v1/records")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert (body["page"], body["pages"]) == (1, 1)
    assert [row["title"] for row in body["results"]] == [
        published[key].title for key in ("health", "exam", "budget", "notice")
    ]
    row = body["results"][1]
    exam = published["exam"]
    assert row == {
        "index_number": exam.record.index_number,
        "title": exam.title,
        "agency": {"code": "CITY-EDU-EXAM", "name": "阳光市教育考试院"},
        "category": "notices",
        "genre": "announcement",
        "document_number": "阳考院〔2026〕3号",
        "formation_date": "2026-03-02",
        "published_on": "2026-05-20",
        "validity": "valid",
        "url": f"/records/{exam.record.index_number}/",
    }


def test_pages_hold_page_size_records(client, published):
    first = client.get("/api/v1/records", {"page_size": "3"}).json()
    second = client.get("/api/v1/records", {"page_size": "3", "page": "2"}).json()

    assert (first["count"], first["pages"], len(first["results"])) == (4, 2, 3)
    assert [r["title"] for r in second["results"]] == [published["notice"].title]


def test_an_agency_filter_includes_the_agencies_below_it(client, published):
    assert set(results(client, agency="CITY-EDU")) == {
        published["notice"].record.index_number,
        published["exam"].record.index_number,
    }
    assert results(client, agency="EAST") == [published["health"].record.index_number]
    assert len(results(client, agency="CITY")) == 4


def test_category_genre_dates_and_validity_filter_the_list(client, published):
    assert results(client, category="budget") == [published["budget"].record.index_number]
    assert results(client, genre="announcement") == [published["exam"].record.index_number]
    assert results(client, date_from="2026-04-01", date_to="2026-05-20") == [
        published["exam"].record.index_number,
        published["budget"].record.index_number,
    ]
    services.change_validity(record=published["notice"].record, by=None, validity="expired", on=D(2026, 9, 1))
    assert results(client, validity="expired") == [published["notice"].record.index_number]


def test_a_search_answers_highlighted_escaped_snippets(client, published):
    body = client.get("/api/v1/records", {"q": "预算"}).json()

    assert body["count"] == 1
    row = body["results"][0]
    assert row["index_number"] == published["budget"].record.index_number
    assert "<mark>预算</mark>" in row["snippet"]
    assert "a &lt; b &amp; c" in row["snippet"]
    assert set(ALLOWED_TAGS.findall(row["snippet"])) == {"mark"}


def test_a_search_takes_the_same_filters(client, published):
    assert results(client, q="2026", agency="CITY-EDU", order="date") == [
        published["exam"].record.index_number,
        published["notice"].record.index_number,
    ]
    assert results(client, q="预算", agency="CITY-EDU") == []
    assert results(client, q="公告", date_to="2026-05-01") == []


@pytest.mark.parametrize(
    ("params", "status", "code", "field"),
    [
        ({"agency": "NOWHERE"}, 400, "unknown_agency", "agency"),
        ({"category": "no-such-key"}, 400, "unknown_category", "category"),
        ({"genre": "poem"}, 400, "bad_genre", "genre"),
        ({"validity": "maybe"}, 400, "bad_validity", "validity"),
        ({"date_from": "2026-02-30"}, 400, "bad_date", "date_from"),
        ({"date_from": "2026-05-01", "date_to": "2026-04-01"}, 400, "bad_date_range", "date_to"),
        ({"order": "random"}, 400, "bad_order", "order"),
        ({"page": "two"}, 400, "bad_page", "page"),
        ({"page": "0"}, 400, "bad_page", "page"),
        ({"page_size": "101"}, 400, "bad_page_size", "page_size"),
        ({"q": "预" * 201}, 400, "query_too_long", "q"),
        ({"page": "3"}, 404, "page_out_of_range", "page"),
        ({"q": "预算", "page": "2"}, 404, "page_out_of_range", "page"),
        ({"q": "预算", "page": "51"}, 400, "bad_page", "page"),
    ],
)
def test_bad_input_answers_the_standard_error(client, published, params, status, code, field):
    response = client.get("/api/v1/records", params)

    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert set(error["fields"]) == {field}
    assert error["message"] == error["fields"][field]


def test_error_messages_are_in_the_language_of_the_request(client, published):
    chinese = client.get("/api/v1/records", {"agency": "NOWHERE"}).json()["error"]
    english = client.get("/api/v1/records", {"agency": "NOWHERE"}, HTTP_ACCEPT_LANGUAGE="en").json()["error"]

    assert chinese["message"] == "不存在使用该代码的机关。"
    assert english["message"] == "No agency has this code."


def test_a_record_answers_its_full_public_metadata(client, published, tree):
    policy = publish_now(
        make_draft(
            tree["education"],
            title="阳光市教育局关于印发《校外培训管理办法》的通知",
            category_key="normative_documents",
            genre="measures",
            document_number="阳教规〔2026〕1号",
            keywords="校外培训；管理办法",
            issuers=[tree["education"], tree["finance"]],
        )
    )
    reading = make_draft(
        tree["education"],
        title="《校外培训管理办法》政策解读",
        category_key="policy_interpretation",
        genre="interpretation",
        document_number="",
        interprets=policy.record,
    )
    services.add_attachment(revision=reading, by=None, file=upload(PDF, "a.pdf"), name="问答.pdf")
    reading = publish_now(reading)
    services.change_validity(
        record=published["notice"].record,
        by=None,
        validity="revised",
        on=D(2026, 8, 1),
        replaced_by=policy.record,
    )

    response = client.get(f"/api/v1/records/{policy.record.index_number}")

    assert response.status_code == 200
    data = response.json()
    assert data["index_number"] == policy.record.index_number
    assert data["url"] == f"/records/{policy.record.index_number}/"
    assert data["issuers"] == [
        {"code": "CITY-EDU", "name": "阳光市教育局"},
        {"code": "CITY-FIN", "name": "阳光市财政局"},
    ]
    assert data["category"] == {"key": "normative_documents", "name": "行政规范性文件"}
    assert data["document_number"] == "阳教规〔2026〕1号"
    assert data["formation_date"] == "2026-03-02"
    assert data["published_on"] == "2026-03-10"
    assert data["keywords"] == ["校外培训", "管理办法"]
    assert data["body"].startswith("<p>")
    assert data["validity"] == {"value": "valid", "changed_on": None, "replaced_by": None}
    assert data["interpretations"] == [
        {
            "index_number": reading.record.index_number,
            "title": reading.title,
            "url": f"/records/{reading.record.index_number}/",
        }
    ]
    assert data["interprets"] is None

    reading_data = client.get(f"/api/v1/records/{reading.record.index_number}").json()
    assert reading_data["interprets"]["index_number"] == policy.record.index_number
    [attachment] = reading_data["attachments"]
    assert attachment["name"] == "问答.pdf"
    assert attachment["kind"] == "pdf"
    assert attachment["size"] == len(PDF)
    assert attachment["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert attachment["url"].startswith(f"/records/{reading.record.index_number}/files/")
    download = client.get(attachment["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF

    notice = client.get(f"/api/v1/records/{published['notice'].record.index_number}").json()
    assert notice["validity"]["value"] == "revised"
    assert notice["validity"]["changed_on"] == "2026-08-01"
    assert notice["validity"]["replaced_by"]["index_number"] == policy.record.index_number


def test_an_unknown_index_number_answers_404_in_the_error_format(client, published):
    response = client.get("/api/v1/records/CITY-EDU/2099-99999")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "record_not_found"


def test_nothing_unpublished_reaches_the_public_api(client, published, unpublished):
    listed = json.dumps(client.get("/api/v1/records", {"page_size": "100"}).json(), ensure_ascii=False)
    searched = json.dumps(client.get("/api/v1/records", {"q": "预算"}).json(), ensure_ascii=False)

    for revision in unpublished.values():
        assert revision.title not in listed
        assert revision.title not in searched
    assert "撤回" not in listed + searched
    withdrawn = unpublished["withdrawn"].record
    assert client.get(f"/api/v1/records/{withdrawn.index_number}").status_code == 404


def test_superseded_text_and_a_pending_revision_are_never_shown(client, published):
    record = published["notice"].record
    second = services.start_revision(record=record, by=None)
    services.update_draft(revision=second, by=None, title="尚未发布的新标题", body="尚未发布的新正文")

    data = client.get(f"/api/v1/records/{record.index_number}").json()
    assert data["title"] == published["notice"].title
    assert "尚未发布" not in json.dumps(data, ensure_ascii=False)


def test_a_record_left_in_the_index_is_not_shown_once_it_is_not_public(client, published, unpublished):
    withdrawn = unpublished["withdrawn"]
    # As if the index had missed the withdrawal: the search still checks what is published.
    search.index_documents(
        [
            SearchDocument(
                key=f"record:{withdrawn.record_id}",
                title=withdrawn.title,
                body="撤回预算",
                document_number="",
                agency_id=withdrawn.record.agency_id,
                agency_path=withdrawn.record.agency.path,
                category="notices",
                genre="notice",
                published_on=D(2026, 3, 10),
                validity="valid",
                url="/records/x/",
            )
        ]
    )

    assert results(client, q="撤回") == []
    assert withdrawn.record.index_number not in results(client, q="预算")
