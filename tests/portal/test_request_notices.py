"""The request page is the applicant's file: the notices addressed to them as PDF and the files they
may have, downloaded through the private link only, never cached, never a staff-only document."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.inforequests import access, services
from sunshine.inforequests.models import AgencyRequestSettings, InfoRequest, RequestFile
from sunshine.inforequests.services import Applicant, Wanted
from tests.backoffice import D, act, fixed_today, paper_request
from tests.inforequests.conftest import CITIZEN_ID
from tests.inforequests.test_documents import need_cjk_font, pdf_text
from tests.records.files import make_pdf

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PDF = make_pdf("Corrected application")


@pytest.fixture(autouse=True)
def today():
    cache.clear()
    with fixed_today() as day:
        yield day
    cache.clear()


@pytest.fixture
def received(tree) -> InfoRequest:
    """Received by post on Tue 2026-10-13 (today is Thu 10-15)."""
    return paper_request(tree["education"], D(2026, 10, 13))


def link(request: InfoRequest, tail: str = "") -> str:
    return access.private_path(request) + tail


def notices_of(html: str) -> str:
    start = html.index('id="request-notices"')
    return html[start : html.index("</ul>", start)]


def test_the_page_by_the_private_link_lists_the_receipt_as_a_pdf(client, received):
    html = client.get(link(received), **EN).content.decode()
    assert 'id="notices"' in html
    assert link(received, "notices/receipt.pdf") in notices_of(html)
    assert "Acknowledgement of receipt" in notices_of(html)


def test_the_page_opened_with_the_code_and_the_key_lists_the_same_notices(client, received):
    form = {"tracking_code": received.tracking_code, "access_key": access.access_key_for(received)}
    html = client.post("/requests/status/", form, **EN).content.decode()
    assert link(received, "notices/receipt.pdf") in notices_of(html)
    assert access.access_key_for(received) not in notices_of(html)  # the key is never in a URL


def test_a_request_not_yet_received_has_no_notice(client, tree):
    AgencyRequestSettings.objects.create(agency=tree["education"], auto_confirm_online=False)
    applicant = Applicant(
        kind="natural_person",
        name="陈小明",
        id_type="resident_id",
        id_number=CITIZEN_ID,
        email="chen@example.com",
    )
    wanted = Wanted(description="2025年度部门预算执行情况", delivery_method="email")
    request, _key = services.submit_request(
        agency=tree["education"], applicant=applicant, wanted=wanted, by=None
    )
    assert request.status == "submitted"
    html = client.get(link(request), **EN).content.decode()
    assert 'id="request-notices"' not in html
    assert client.get(link(request, "notices/receipt.pdf")).status_code == 404


def test_the_receipt_downloads_by_the_private_link_without_being_cached(client, received):
    need_cjk_font()
    response = client.get(link(received, "notices/receipt.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert f"{received.tracking_code}-receipt.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "收件回执" in text
    assert received.tracking_code in text
    assert CITIZEN_ID not in text  # the identity number is in no notice


def test_a_wrong_token_gets_404_and_counts_as_a_failed_try(client, received):
    wrong = f"/requests/follow/{received.tracking_code}/{'0' * 32}/"
    for _ in range(settings.SUNSHINE_KEY_TRIES_PER_ADDRESS - 1):
        assert client.get(wrong + "notices/receipt.pdf").status_code == 404
    assert client.get(wrong + "files/1/").status_code == 404
    assert client.get(link(received, "notices/receipt.pdf")).status_code == 429  # refused a while


def test_staff_only_documents_are_neither_offered_nor_downloadable(client, received, alice):
    act(received, "start_consultation", D(2026, 10, 14), by=alice, party="third_party")
    html = client.get(link(received), **EN).content.decode()
    assert "consultation_letter" not in html
    assert "Consultation letter" not in html
    assert client.get(link(received, "notices/consultation_letter.pdf")).status_code == 404
    assert client.get(link(received, "notices/reply_notice.pdf")).status_code == 404  # not replied yet
    assert client.get(link(received, "notices/nothing.pdf")).status_code == 404


def test_the_notices_follow_the_steps_of_the_request(client, received, alice):
    act(received, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5)
    html = client.get(link(received), **EN).content.decode()
    assert link(received, "notices/receipt.pdf") in notices_of(html)
    assert link(received, "notices/correction_notice.pdf") in notices_of(html)
    assert "reply_notice" not in notices_of(html)


def test_a_correction_file_the_applicant_sent_is_listed_and_downloadable_by_them(client, received, alice):
    act(received, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5)
    form = {"tracking_code": received.tracking_code, "access_key": access.access_key_for(received)}
    upload = SimpleUploadedFile("更正后的申请.pdf", PDF, content_type="application/pdf")
    sent = client.post("/requests/status/correction/", {**form, "text": "文号为3号", "files": [upload]}, **EN)
    assert sent.status_code == 200
    stored = RequestFile.objects.get()
    url = link(received, f"files/{stored.pk}/")
    assert url in sent.content.decode()
    assert "更正后的申请.pdf" in client.get(link(received), **EN).content.decode()
    download = client.get(url)
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_file_of_another_request_or_not_for_the_applicant_is_a_404(client, received, tree, alice):
    other = paper_request(tree["education"], D(2026, 10, 13), name="李四")
    act(other, "request_correction", D(2026, 10, 14), by=alice, items=["写明文号"], period_working_days=5)
    form = {"tracking_code": other.tracking_code, "access_key": access.access_key_for(other)}
    upload = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    client.post("/requests/status/correction/", {**form, "files": [upload]}, **EN)
    theirs = RequestFile.objects.get()
    assert client.get(link(received, f"files/{theirs.pk}/")).status_code == 404
    RequestFile.objects.filter(pk=theirs.pk).update(from_applicant=False)  # a staff member's own file
    assert client.get(link(other, f"files/{theirs.pk}/")).status_code == 404
    assert client.get(link(other, f"files/{theirs.pk + 1000}/")).status_code == 404
