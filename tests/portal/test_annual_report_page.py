"""The public page of an agency's annual report shows the same numbers as the API."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from tests.annualreports.test_annual_report_api import make_request

COLUMNS = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_org",
    "legal_service_org",
    "other_org",
    "total",
]

D = datetime.date


@pytest.fixture
def requests_2025(tree):
    make_request(tree["education"], 1, "natural_person", D(2025, 2, 3), D(2025, 2, 20), "disclosed")
    make_request(
        tree["education"], 2, "commercial_enterprise", D(2025, 4, 1), D(2025, 4, 20), "withheld_third_party"
    )
    make_request(tree["education"], 3, "natural_person", D(2024, 12, 20), D(2025, 1, 10), "disclosed")
    make_request(tree["education"], 4, "research_institution", D(2025, 12, 29), None)
    make_request(
        tree["edu_office"], 5, "natural_person", D(2025, 6, 2), D(2025, 6, 9), "unavailable_not_held"
    )


def cells(html: str, row: str) -> list[int]:
    match = re.search(rf'<tr data-row="{row}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, row
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', match.group(1))]


def test_the_page_prints_table_3_in_the_format_s_wording_with_the_api_s_numbers(client, requests_2025):
    html = client.get("/agencies/CITY-EDU/annual-reports/2025/").content.decode()
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in html
    assert "4.保护第三方合法权益" in html
    assert "3.危及“三安全一稳定”" in html
    api = client.get("/api/v1/agencies/CITY-EDU/annual-reports/2025").json()["applications"]
    for row, values in api["rows"].items():
        assert cells(html, row) == [values[c] for c in api["columns"]], row
    assert cells(html, "new_this_year") == [1, 1, 1, 0, 0, 0, 3]
    assert cells(html, "carried_over") == [1, 0, 0, 0, 0, 0, 1]
    assert cells(html, "total") == [2, 1, 0, 0, 0, 0, 3]
    assert cells(html, "carried_to_next_year") == [0, 0, 1, 0, 0, 0, 1]


def test_the_tree_scope_adds_the_agencies_below(client, requests_2025):
    html = client.get("/agencies/CITY-EDU/annual-reports/2025/?scope=tree").content.decode()
    assert cells(html, "unavailable_not_held") == [1, 0, 0, 0, 0, 0, 1]
    assert cells(html, "new_this_year")[-1] == 4


def test_the_page_says_that_the_tables_add_up(client, requests_2025):
    html = client.get("/agencies/CITY-EDU/annual-reports/2025/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The tables add up" in html
    assert "测试申请人" not in html


def test_a_year_outside_the_range_is_not_found(client, tree):
    assert client.get("/agencies/CITY-EDU/annual-reports/1999/").status_code == 404
    assert client.get("/agencies/NOPE/annual-reports/2025/").status_code == 404


def test_the_xlsx_holds_the_same_numbers_as_the_page(client, requests_2025):
    response = client.get("/agencies/CITY-EDU/annual-reports/2025/report.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    applications = book.worksheets[0]
    rows = {
        str(row[0]).strip(): list(row[1:8])
        for row in applications.iter_rows(min_row=6, values_only=True)
        if row[0]
    }
    api = client.get("/api/v1/agencies/CITY-EDU/annual-reports/2025").json()["applications"]["rows"]
    assert rows["一、本年新收政府信息公开申请数量"] == [api["new_this_year"][c] for c in COLUMNS]
    assert rows["4.保护第三方合法权益"] == [api["withheld_third_party"][c] for c in COLUMNS]
    assert rows["（七）总计"] == [api["total"][c] for c in COLUMNS]
    assert rows["四、结转下年度继续办理"] == [api["carried_to_next_year"][c] for c in COLUMNS]
    reviews = book.worksheets[1]
    assert [c.value for c in reviews[4]][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_the_page_shows_the_last_five_years_with_the_on_time_rate(client, requests_2025):
    html = client.get("/agencies/CITY-EDU/annual-reports/2025/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<svg" in html
    match = re.search(r'<tr data-year="2025">(.*?)</tr>', html, re.S)
    assert match
    numbers = re.findall(r'<td class="num">([^<]*)</td>', match.group(1))
    assert numbers[:2] == ["3", "3"]  # received in 2025, handled in 2025
    assert re.search(r'<tr data-year="2021">', html)
