"""Done when: a year of requests across applicant kinds and outcomes (some carried over from the year
before, some carried forward, some in reconsideration or litigation) and of published documents, all
made through the services; every cell of the report equals a count made here in plain Python from
the plan of what was made, and the API, the published page, the PDF and the DOCX show those numbers.
"""

from __future__ import annotations

import datetime
import io
import random
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

import pytest
from docx import Document
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from sunshine.agencies.models import Role
from sunshine.annualreports import services as reports
from sunshine.annualreports.layout import APPLICATION_LINES, SECTION_TITLES
from sunshine.inforequests import services as requests
from sunshine.inforequests.codes import (
    REPLY_OUTCOMES,
    ApplicantKind,
    Outcome,
    ReviewKind,
    ReviewResult,
)
from sunshine.inforequests.reviews import add_review
from sunshine.inforequests.services import Applicant, Wanted
from sunshine.records import services as records
from sunshine.records.codes import ChecklistItem, Genre, Validity
from sunshine.records.models import Category

D = datetime.date
YEAR = 2025
KINDS = list(ApplicantKind.values)
COLUMNS = [*KINDS, "total"]
REPLIES = sorted(REPLY_OUTCOMES)
RESULTS = [*ReviewResult.values, "total"]
REVIEW_KINDS = list(ReviewKind.values)
CITIZEN_ID = "11010519491231002X"
DECISIONS = {"licensing": 40, "penalty": 7, "enforcement": 2}
FEES = Decimal("1.25")


@dataclass
class Planned:
    """What the test made, as it meant it: the only source of the expected counts."""

    kind: str
    received: D
    concluded: D | None = None
    outcome: str = ""


@dataclass
class PlannedReview:
    kind: str
    filed: D
    result: str
    decided: D | None


@dataclass
class PlannedDocument:
    kind: str  # "regulations", "normative_documents" or "" (neither)
    published: D
    validity: str = Validity.VALID
    changed: D | None = None


def _applicant(kind: str, n: int) -> Applicant:
    if kind == ApplicantKind.NATURAL_PERSON:
        return Applicant(
            kind=kind,
            name=f"申请人{n}",
            id_type="resident_id",
            id_number=CITIZEN_ID,
            phone="13800138000",
            email="chen@example.cn",
        )
    return Applicant(
        kind=kind,
        name=f"单位{n}",
        id_type="other",
        id_number=f"登记证{n:05d}",
        phone="0571-1234567",
        email="org@example.cn",
    )


def _make_request(agency, office, n: int, plan: Planned, fate: str) -> None:
    request, _key = requests.submit_request(
        agency=agency,
        applicant=_applicant(plan.kind, n),
        wanted=Wanted(description=f"第{n}项政府信息"),
        channel="in_person",
        received_on=plan.received,
        by=office,
    )
    if plan.concluded is None:
        return
    act = {"request": request, "by": office}
    if fate == "reply":
        requests.perform_action(
            **act, action="reply", date=plan.concluded, outcome=plan.outcome, reasons="依据条例答复"
        )
    elif fate == "withdraw":
        requests.perform_action(**act, action="withdraw", date=plan.concluded)
    elif fate == "correction_overdue":
        request = requests.perform_action(
            **act,
            action="request_correction",
            date=plan.received,
            items=["请写明所需信息的名称"],
            period_working_days=3,
        )
        assert request.correction_due is not None
        plan.concluded = request.correction_due + datetime.timedelta(days=1)
        requests.perform_action(**act, action="correction_overdue", date=plan.concluded)
    elif fate == "fee_unpaid":
        request = requests.perform_action(
            **act, action="notify_fee", date=plan.received, method="per_page", pages=150
        )
        assert request.fee_due is not None
        plan.concluded = request.fee_due + datetime.timedelta(days=1)
        requests.perform_action(**act, action="fee_unpaid", date=plan.concluded)


@pytest.fixture
def people(make_user, tree):
    return {
        "office": make_user("office", agency=tree["education"], role=Role.DISCLOSURE_OFFICE),
        "reviewer": make_user("reviewer", agency=tree["education"], role=Role.REVIEWER),
        "signer": make_user("signer", agency=tree["education"], role=Role.SIGNER),
    }


@pytest.fixture
def year_made(tree, people):
    """Requests, reviews and documents of the Education Bureau around 2025, and a few elsewhere."""
    rng = random.Random(2025)
    office = people["office"]
    made: list[Planned] = []
    n = 0
    fates = ["reply"] * 6 + ["withdraw", "correction_overdue", "fee_unpaid", "open"]
    # Every reply outcome in 2025 at least once, across the kinds.
    for i, outcome in enumerate(REPLIES):
        received = D(YEAR, 3, 2) + datetime.timedelta(days=i * 9)
        plan = Planned(KINDS[i % len(KINDS)], received, received + datetime.timedelta(days=12), outcome)
        _make_request(tree["education"], office, n := n + 1, plan, "reply")
        made.append(plan)
    # A spread over late 2024 to 2025: carried over, concluded, carried forward, still open.
    for _ in range(45):
        received = D(2024, 10, 1) + datetime.timedelta(days=rng.randrange(0, 455))
        fate = rng.choice(fates)
        plan = Planned(rng.choice(KINDS), received)
        if fate == "reply":
            plan.concluded = received + datetime.timedelta(days=rng.randrange(1, 70))  # some in 2026
            plan.outcome = rng.choice(REPLIES)
        elif fate == "withdraw":
            plan.concluded, plan.outcome = (
                received + datetime.timedelta(days=rng.randrange(1, 30)),
                Outcome.OTHER,
            )
        elif fate == "correction_overdue":
            plan.concluded, plan.outcome = received, Outcome.OTHER_CORRECTION_OVERDUE  # date set when made
        elif fate == "fee_unpaid":
            plan.concluded, plan.outcome = received, Outcome.OTHER_FEE_UNPAID
        _make_request(tree["education"], office, n := n + 1, plan, fate)
        made.append(plan)
    # Requests of other agencies do not count in the bureau's own report.
    for agency in (tree["edu_office"], tree["finance"]):
        _make_request(agency, office, n := n + 1, Planned("natural_person", D(YEAR, 5, 5)), "open")

    # Reconsideration and lawsuits: filed in 2024 (not counted), in 2025 decided or pending on 31
    # December (some decided only in 2026), and in 2026 (not counted).
    reviews: list[PlannedReview] = []
    target = requests.submit_request(
        agency=tree["education"],
        applicant=_applicant("natural_person", 999),
        wanted=Wanted(description="复议所涉信息"),
        channel="in_person",
        received_on=D(2024, 9, 2),
        by=office,
    )[0]
    for i in range(24):
        filed = D(2024, 11, 1) + datetime.timedelta(days=rng.randrange(0, 500))
        result = rng.choice(list(ReviewResult.values))
        decided = None
        if result != ReviewResult.PENDING:
            decided = min(filed + datetime.timedelta(days=rng.randrange(10, 120)), D(2026, 11, 30))
        review_plan = PlannedReview(REVIEW_KINDS[i % 3], filed, result, decided)
        add_review(
            request=target,
            by=office,
            kind=review_plan.kind,
            filed_on=filed,
            result=result,
            decided_on=decided,
        )
        reviews.append(review_plan)
    # The request under review was received in 2024 and is still open: carried over and forward.
    made.append(Planned("natural_person", D(2024, 9, 2)))

    documents = _make_documents(tree["education"], rng)
    return made, reviews, documents


def _publish_document(agency, category_key: str, genre: str, number: str, published: D, n: int):
    category = Category.objects.get(agency=agency, key=category_key)
    revision = records.create_draft(
        agency=agency,
        by=None,
        title=f"关于第{n}项工作的文件",
        category=category,
        genre=genre,
        document_number=number,
        formation_date=published - datetime.timedelta(days=3),
        body="<p>文件正文。</p>",
    )
    records.submit(revision=revision, by=None)
    records.review(revision=revision, by=None, decision="approve", checklist=ChecklistItem.values)
    records.sign(revision=revision, by=None)
    moment = datetime.datetime.combine(published, datetime.time(10), tzinfo=datetime.UTC)
    return records.publish(revision=revision, by=None, backdate=moment).record


def _make_documents(agency, rng: random.Random) -> list[PlannedDocument]:
    made: list[PlannedDocument] = []
    kinds = [
        ("normative_documents", "normative_documents", Genre.NOTICE, "阳教规〔{y}〕{n}号"),
        ("regulations", "other_documents", Genre.MEASURES, "阳光市教育局令第{n}号"),
        ("regulations", "other_documents", Genre.PROVISIONS, "阳光市教育局令第{n}号"),
        ("", "other_documents", Genre.MEASURES, "阳教发〔{y}〕{n}号"),  # a 办法 that is not a rule
        ("", "notices", Genre.NOTICE, "阳教发〔{y}〕{n}号"),
    ]
    # Each kind at least once issued, repealed and in force in 2025.
    fixed = [
        (kinds[0], D(YEAR, 4, 1), Validity.VALID, None),
        (kinds[0], D(2024, 4, 1), Validity.REPEALED, D(YEAR, 6, 1)),
        (kinds[1], D(YEAR, 5, 1), Validity.VALID, None),
        (kinds[2], D(2024, 5, 1), Validity.EXPIRED, D(YEAR, 8, 1)),
        (kinds[2], D(2024, 7, 1), Validity.REPEALED, D(2026, 2, 1)),
    ]
    for n, ((kind, category, genre, number), published, validity, changed) in enumerate(fixed, start=200):
        record = _publish_document(
            agency, category, genre, number.format(y=published.year, n=n), published, n
        )
        if changed is not None:
            records.change_validity(record=record, by=None, validity=validity, on=changed)
        made.append(PlannedDocument(kind, published, validity, changed))
    for n in range(1, 16):
        kind, category, genre, number = kinds[n % len(kinds)]
        published = D(2023, 6, 1) + datetime.timedelta(days=rng.randrange(0, 1200))
        published = min(published, D(2026, 11, 20))
        record = _publish_document(
            agency, category, genre, number.format(y=published.year, n=n), published, n
        )
        plan = PlannedDocument(kind, published)
        roll = rng.random()
        if roll < 0.5:
            plan.validity = rng.choice([Validity.REPEALED, Validity.EXPIRED, Validity.REVISED])
            plan.changed = min(published + datetime.timedelta(days=rng.randrange(30, 500)), D(2026, 11, 25))
            replaced_by = None
            if plan.validity == Validity.REVISED:
                replaced_by = _publish_document(agency, "notices", Genre.NOTICE, "", D(2026, 11, 26), 100 + n)
                made.append(PlannedDocument("", D(2026, 11, 26)))
            records.change_validity(
                record=record, by=None, validity=plan.validity, on=plan.changed, replaced_by=replaced_by
            )
        made.append(plan)
    return made


# --- The independent counts ----------------------------------------------------------------------


def expected_applications(made: list[Planned]) -> dict[str, Counter]:
    first, last = D(YEAR, 1, 1), D(YEAR, 12, 31)
    rows: dict[str, Counter] = {line.code: Counter() for line in APPLICATION_LINES if line.numbered}
    for plan in made:
        hits = []
        if first <= plan.received <= last:
            hits.append("new_this_year")
        if plan.received < first and (plan.concluded is None or plan.concluded >= first):
            hits.append("carried_over")
        if plan.concluded is not None and first <= plan.concluded <= last:
            hits += [plan.outcome, "total"]
        if plan.received <= last and (plan.concluded is None or plan.concluded > last):
            hits.append("carried_to_next_year")
        for row in hits:
            rows[row][plan.kind] += 1
            rows[row]["total"] += 1
    return rows


def expected_reviews(reviews: list[PlannedReview]) -> dict[str, Counter]:
    rows: dict[str, Counter] = {kind: Counter() for kind in REVIEW_KINDS}
    for plan in reviews:
        if plan.filed.year != YEAR:
            continue
        result = plan.result if plan.decided is not None and plan.decided.year == YEAR else "pending"
        rows[plan.kind][result] += 1
        rows[plan.kind]["total"] += 1
    return rows


def expected_documents(documents: list[PlannedDocument]) -> dict[str, Counter]:
    rows: dict[str, Counter] = {"regulations": Counter(), "normative_documents": Counter()}
    for plan in documents:
        if not plan.kind:
            continue
        if plan.published.year == YEAR:
            rows[plan.kind]["issued"] += 1
        ended = plan.validity in (Validity.REPEALED, Validity.EXPIRED)
        if ended and plan.changed is not None and plan.changed.year == YEAR:
            rows[plan.kind]["repealed"] += 1
        force_ends = plan.changed if plan.validity != Validity.VALID else None
        if plan.published.year <= YEAR and (force_ends is None or force_ends.year > YEAR):
            rows[plan.kind]["in_force"] += 1
    return rows


# --- Reading the outputs back --------------------------------------------------------------------


def page_cells(html: str, table: str, row: str) -> list[str]:
    for section in re.findall(rf'data-table="{table}".*?</table>', html, re.S):
        match = re.search(rf'<tr data-row="{row}"[^>]*>(.*?)</tr>', section, re.S)
        if match:
            return re.findall(r'<td class="num">([^<]*)</td>', match.group(1))
    raise AssertionError((table, row))


def pdf_numbers_after(text: str, label: str, count: int) -> list[int]:
    """The ``count`` numbers printed after ``label`` (wherever the label was wrapped)."""
    numbers = [r"\s*(\d+)", *([r"\s+(\d+)"] * (count - 1))] if count else []
    pattern = r"\s*".join(re.escape(char) for char in label) + "".join(numbers)
    match = re.search(pattern, text)
    assert match, label
    return [int(n) for n in match.groups()]


@pytest.fixture
def published(client, tree, people, year_made):
    draft = reports.open_draft(agency=tree["education"], year=YEAR, by=people["office"])
    reports.update_draft(
        draft=draft,
        by=people["office"],
        scope="self",
        overview="2025年，阳光市教育局认真贯彻落实《条例》。",
        problems="公开内容还不够全面。",
        other_matters="本年度未收取信息处理费。",
        licensing_decisions=DECISIONS["licensing"],
        penalty_decisions=DECISIONS["penalty"],
        enforcement_decisions=DECISIONS["enforcement"],
        fees_collected=FEES,
    )
    reports.take_action(draft=draft, action="submit", by=people["office"])
    reports.take_action(draft=draft, action="approve", by=people["reviewer"])
    reports.take_action(draft=draft, action="sign", by=people["signer"])
    return reports.take_action(draft=draft, action="publish", by=people["office"])


def test_every_cell_of_the_api_equals_the_independent_count(client, year_made, published):
    made, reviews, documents = year_made
    body = client.get(f"/api/v1/agencies/CITY-EDU/annual-reports/{YEAR}").json()
    applications = expected_applications(made)
    assert body["applications"]["columns"] == COLUMNS
    for row, cells in body["applications"]["rows"].items():
        assert cells == {c: applications[row][c] for c in COLUMNS}, row
    expected = expected_reviews(reviews)
    for kind, cells in body["reviews"].items():
        assert cells == {r: expected[kind][r] for r in RESULTS}, kind
    counted = expected_documents(documents)
    proactive = body["proactive"]
    for kind in ("regulations", "normative_documents"):
        assert proactive[kind] == {c: counted[kind][c] for c in ("issued", "repealed", "in_force")}, kind
    assert proactive["licensing"] == {"decisions": 40}
    assert proactive["penalty"] == {"decisions": 7}
    assert proactive["enforcement"] == {"decisions": 2}
    assert proactive["fees"] == {"amount_10k_yuan": "1.25"}
    assert all(check["ok"] for check in body["checks"])
    # The data is varied enough for the test to mean something.
    assert applications["carried_over"]["total"] > 0
    assert applications["carried_to_next_year"]["total"] > 0
    assert all(applications["new_this_year"][kind] > 0 for kind in KINDS)
    assert all(applications[outcome]["total"] > 0 for outcome in Outcome.values)
    assert sum(expected[kind]["pending"] for kind in REVIEW_KINDS) > 0
    assert all(counted[kind][c] > 0 for kind in counted for c in ("issued", "repealed", "in_force"))


def test_the_published_page_shows_the_same_numbers(client, year_made, published):
    made, reviews, documents = year_made
    html = client.get(f"/agencies/CITY-EDU/annual-reports/{YEAR}/").content.decode()
    for title in SECTION_TITLES:
        assert title in html
    applications = expected_applications(made)
    for row, counts in applications.items():
        assert page_cells(html, "applications", row) == [str(counts[c]) for c in COLUMNS], row
    expected = expected_reviews(reviews)
    review_cells = re.search(r'data-table="reviews".*?<tbody>(.*?)</tbody>', html, re.S)
    assert review_cells
    assert re.findall(r'<td class="num">(\d+)</td>', review_cells.group(1)) == [
        str(expected[kind][r]) for kind in REVIEW_KINDS for r in RESULTS
    ]
    counted = expected_documents(documents)
    for kind in ("regulations", "normative_documents"):
        assert page_cells(html, "proactive", kind) == [
            str(counted[kind][c]) for c in ("issued", "repealed", "in_force")
        ]
    for code, value in DECISIONS.items():
        assert page_cells(html, "decisions", code) == [str(value)]
    assert page_cells(html, "fees", "fees") == ["1.25"]
    assert published.record.index_number in html
    assert 'href="/agencies/CITY-EDU/annual-reports/2025/report.pdf?scope=self"' in html
    assert 'href="/agencies/CITY-EDU/annual-reports/2025/report.docx?scope=self"' in html


def test_the_pdf_shows_the_same_numbers(client, year_made, published):
    made, reviews, documents = year_made
    response = client.get(f"/agencies/CITY-EDU/annual-reports/{YEAR}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    fonts = [
        font.get_object()
        for page in reader.pages
        for font in (cast(DictionaryObject, page["/Resources"]).get("/Font") or {}).values()
    ]
    assert fonts
    assert all("/FontFile2" in str(f.get_object()) or "/DescendantFonts" in f for f in fonts)  # embedded
    # pypdf reads fpdf2's two-byte character codes with a NUL before each character: dropped here.
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    for title in SECTION_TITLES:
        assert pdf_numbers_after(text, title, 0) == []
    assert "2025年，阳光市教育局认真贯彻落实《条例》。" in text.replace("\n", "")
    applications = expected_applications(made)
    for line in APPLICATION_LINES:
        if line.numbered:
            expected = [applications[line.code][c] for c in COLUMNS]
            assert pdf_numbers_after(text, line.official, 7) == expected, line.code
    counted = expected_documents(documents)
    assert pdf_numbers_after(text, "规章", 3) == [
        counted["regulations"][c] for c in ("issued", "repealed", "in_force")
    ]
    assert pdf_numbers_after(text, "行政规范性文件", 3) == [
        counted["normative_documents"][c] for c in ("issued", "repealed", "in_force")
    ]
    assert pdf_numbers_after(text, "行政许可", 1) == [40]
    assert pdf_numbers_after(text, "行政处罚", 1) == [7]
    assert pdf_numbers_after(text, "行政强制", 1) == [2]
    assert re.search(r"行政事业性收费\s+1\.25", text)
    expected_reviews_row = [expected_reviews(reviews)[kind][r] for kind in REVIEW_KINDS for r in RESULTS]
    tail = text[text.index("四、政府信息公开行政复议") :]
    assert pdf_numbers_after(tail, "尚未审结总计", 15) == expected_reviews_row


def test_the_docx_shows_the_same_numbers(client, year_made, published):
    made, reviews, documents = year_made
    response = client.get(f"/agencies/CITY-EDU/annual-reports/{YEAR}/report.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs]
    for title in SECTION_TITLES:
        assert title in headings
    assert "2025年，阳光市教育局认真贯彻落实《条例》。" in headings
    proactive, applications_table, reviews_table = document.tables

    def row_of(table, label: str) -> list[str]:
        for row in table.rows:
            cells = [cell.text for cell in row.cells]
            if cells[0].strip() == label:
                return cells
        raise AssertionError(label)

    applications = expected_applications(made)
    for line in APPLICATION_LINES:
        if line.numbered:
            assert row_of(applications_table, line.official)[1:] == [
                str(applications[line.code][c]) for c in COLUMNS
            ]
    counted = expected_documents(documents)
    assert row_of(proactive, "规章")[1:] == [
        str(counted["regulations"][c]) for c in ("issued", "repealed", "in_force")
    ]
    assert row_of(proactive, "行政规范性文件")[1:] == [
        str(counted["normative_documents"][c]) for c in ("issued", "repealed", "in_force")
    ]
    assert row_of(proactive, "行政许可")[1:] == ["40"] * 3  # one cell merged over three columns
    assert row_of(proactive, "行政处罚")[1] == "7"
    assert row_of(proactive, "行政强制")[1] == "2"
    assert row_of(proactive, "行政事业性收费")[1] == "1.25"
    expected = expected_reviews(reviews)
    assert [cell.text for cell in reviews_table.rows[3].cells] == [
        str(expected[kind][r]) for kind in REVIEW_KINDS for r in RESULTS
    ]
    assert [cell.text for cell in reviews_table.rows[2].cells][:5] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]


def test_the_published_record_carries_the_same_tables(year_made, published):
    made, _reviews, _documents = year_made
    revision = published.record.revisions.get(status="published")
    assert revision.category.key == "annual_report"
    applications = expected_applications(made)
    body = revision.body
    for title in SECTION_TITLES:
        assert f"<h2>{title}</h2>" in body
    row = re.search(r"<tr><th[^>]*>四、结转下年度继续办理</th>(.*?)</tr>", body)
    assert row
    assert re.findall(r"<td>(\d+)</td>", row.group(1)) == [
        str(applications["carried_to_next_year"][c]) for c in COLUMNS
    ]
