"""The bulletin in the public API: the published issues (by year) and one issue with its contents;
drafts and unknown issues are 404."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_list_answers_the_published_issues(client, published_issue):
    response = client.get("/api/v1/bulletins")
    assert response.status_code == 200
    assert response.json() == [
        {
            "year": 2026,
            "number": 12,
            "title": "阳光市人民政府公报 2026年第12期",
            "agency": "CITY",
            "published_on": "2026-03-20",
            "entries_count": 3,
            "sha256": published_issue.sha256,
            "pdf": "/bulletins/2026/12/issue.pdf",
            "url": "/bulletins/2026/12/",
        }
    ]
    assert client.get("/api/v1/bulletins?year=2026").json()[0]["number"] == 12
    assert client.get("/api/v1/bulletins?year=2025").json() == []


def test_an_issue_answers_its_contents_in_order(client, published_issue, records):
    body = client.get("/api/v1/bulletins/2026/12").json()
    assert body["title"] == "阳光市人民政府公报 2026年第12期"
    assert [(e["order"], e["section"], e["title"]) for e in body["entries"]] == [
        (1, "市政府文件", records.decree.title),
        (2, "市政府文件", records.notice.title),
        (3, "人事任免", records.appointment.title),
    ]
    first = body["entries"][0]
    assert first["record_id"] == records.decree.record_id
    assert first["index_number"] == records.decree.record.index_number
    assert first["document_number"] == "阳政发〔2026〕3号"
    assert first["url"] == f"/records/{records.decree.record.index_number}/"


def test_drafts_and_unknown_issues_are_404(client, draft_issue):
    assert client.get("/api/v1/bulletins").json() == []
    response = client.get("/api/v1/bulletins/2026/12")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/bulletins/2026/99").status_code == 404
