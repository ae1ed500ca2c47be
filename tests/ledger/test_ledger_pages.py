"""The ledger's staff page, its XLSX and PDF downloads and the API: who may read them, what they hold."""

from __future__ import annotations

import io

import openpyxl
import pytest

from sunshine.agencies.models import Role
from tests.api_helpers import bearer, token_for
from tests.inforequests.test_documents import need_cjk_font, pdf_text

pytestmark = pytest.mark.django_db

QUERY = "?agency=CITY-EDU&from=2026-11-01&to=2026-11-15"


def signed_in(client, user):
    client.force_login(user)
    return client


def test_an_officer_of_the_agency_reads_its_ledger_with_the_three_tables(client, alice, first_half):
    response = signed_in(client, alice).get("/staff/ledger/" + QUERY)
    assert response.status_code == 200
    page = response.content.decode()
    assert first_half.a.record.index_number in page
    assert first_half.on_time.tracking_code in page
    assert first_half.letter.tracking_code in page
    assert 'data-table="records"' in page
    assert 'data-table="requests"' in page
    assert 'data-table="letters"' in page
    assert "/staff/ledger/export.xlsx" + QUERY in page.replace("&amp;", "&")
    assert "陈小明" not in page
    assert "13800138000" not in page


def test_the_disclosure_office_of_the_tree_reads_it_with_the_subtree(client, olga, first_half):
    response = signed_in(client, olga).get(
        "/staff/ledger/?agency=CITY&from=2026-11-01&to=2026-11-15&subtree=1"
    )
    assert response.status_code == 200
    assert first_half.b.record.index_number in response.content.decode()


def test_staff_of_another_agency_get_a_404_and_the_public_the_login_page(client, make_user, tree, first_half):
    fred = make_user("fred", agency=tree["finance"], role=Role.OFFICER)
    assert signed_in(client, fred).get("/staff/ledger/" + QUERY).status_code == 404
    assert client.get("/staff/ledger/export.xlsx" + QUERY).status_code == 404
    client.logout()
    response = client.get("/staff/ledger/" + QUERY)
    assert response.status_code == 302
    assert "login" in response["Location"]
    nobody = make_user("nobody")
    assert signed_in(client, nobody).get("/staff/ledger/" + QUERY).status_code == 403


def test_an_officer_of_a_department_does_not_see_the_departments_beside_it(alice, tree):
    from sunshine.ledger.access import ledger_scope

    assert ledger_scope(alice, tree["education"], subtree=True) == [tree["education"]]


def test_the_xlsx_opens_and_holds_the_rows(client, alice, first_half):
    response = signed_in(client, alice).get("/staff/ledger/export.xlsx" + QUERY)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    records, requests, letters = book.worksheets
    record_values = list(records.iter_rows(min_row=3, values_only=True))
    assert [row[2] for row in record_values] == [
        first_half.b.record.index_number,
        first_half.a.record.index_number,
        first_half.b.record.index_number,
    ]
    assert [row[1] for row in record_values] == ["Published", "Published", "Changed"]
    codes = {row[0] for row in requests.iter_rows(min_row=3, values_only=True)}
    assert codes == {
        first_half.on_time.tracking_code,
        first_half.late.tracking_code,
        first_half.extended.tracking_code,
    }
    assert [row[0] for row in letters.iter_rows(min_row=3, values_only=True)] == [
        first_half.letter.tracking_code
    ]


def test_the_pdf_holds_the_index_numbers(client, alice, first_half):
    need_cjk_font()
    response = signed_in(client, alice).get("/staff/ledger/export.pdf" + QUERY)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert first_half.a.record.index_number in text
    assert first_half.letter.tracking_code in text


def test_the_api_answers_the_same_ledger(client, alice, make_user, tree, first_half):
    response = client.get("/api/v1/oversight/ledger" + QUERY, **bearer(token_for(client, "alice")))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["from"] == "2026-11-01"
    assert body["to"] == "2026-11-15"
    assert [r["event"] for r in body["records"]] == ["published", "published", "changed"]
    late = next(r for r in body["requests"] if r["tracking_code"] == first_half.late.tracking_code)
    assert late["on_time"] is False
    assert late["timeliness"] == "late"
    assert body["letters"][0]["on_time"] is True
    make_user("fred", agency=tree["finance"], role=Role.OFFICER)
    assert (
        client.get("/api/v1/oversight/ledger" + QUERY, **bearer(token_for(client, "fred"))).status_code == 404
    )
    assert client.get("/api/v1/oversight/ledger" + QUERY).status_code == 401
