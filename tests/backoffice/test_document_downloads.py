"""Staff download a request's documents at /staff/requests/<id>/documents/<kind>.<pdf|docx>.

The URLconf of these tests is this module: the project's URLs plus the document URLs under
/staff/requests/, as sunshine.backoffice.urls includes them.
"""

from __future__ import annotations

import io
import os

import pytest
from django.urls import include, path
from docx import Document

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.inforequests import services
from sunshine.inforequests.codes import Outcome
from sunshine.inforequests.documents import fonts
from sunshine.inforequests.services import Applicant, Wanted, perform_action
from sunshine.urls import urlpatterns as project_urlpatterns
from tests.inforequests.conftest import CITIZEN_ID, D

urlpatterns = [
    path("staff/requests/", include("sunshine.backoffice.document_urls")),
    *project_urlpatterns,
]

pytestmark = pytest.mark.urls(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def url(request, kind: str, fmt: str) -> str:
    return f"/staff/requests/{request.pk}/documents/{kind}.{fmt}"


def document_rows():
    return AuditEntry.objects.filter(action="inforequest.document")


@pytest.fixture
def received(tree):
    """An online request to the Education Bureau, received on Monday 2 March 2026."""
    request, _ = services.submit_request(
        agency=tree["education"],
        applicant=Applicant(
            kind="natural_person",
            name="陈小明",
            id_type="resident_id",
            id_number=CITIZEN_ID,
            email="chen@example.com",
        ),
        wanted=Wanted(description="2025年度部门预算执行情况"),
        today=D(2026, 3, 2),
    )
    return request


@pytest.fixture
def replied(received):
    return perform_action(
        request=received,
        action="reply",
        by=None,
        date=D(2026, 3, 20),
        today=D(2026, 11, 22),
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        reasons="经检索，本机关未制作该信息。",
    )


def test_an_officer_downloads_the_reply_notice_as_docx(client, alice, replied):
    client.force_login(alice)
    response = client.get(url(replied, "reply_notice", "docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        f'attachment; filename="{replied.tracking_code}-reply_notice.docx"'
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "政府信息公开申请答复书" in text
    assert "第三十六条第（四）项" in text


def test_an_officer_downloads_the_receipt_as_pdf(client, alice, received):
    try:
        fonts.find_font()
    except fonts.FontNotFound:
        if os.environ.get("SUNSHINE_REQUIRE_CJK_FONT") == "1":
            raise
        pytest.skip("no CJK font installed (Debian package fonts-noto-cjk)")
    client.force_login(alice)
    response = client.get(url(received, "receipt", "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_each_download_writes_an_audit_row(client, alice, replied):
    client.force_login(alice)
    client.get(url(replied, "reply_notice", "docx"))
    client.get(url(replied, "receipt", "docx"))
    rows = list(document_rows().order_by("id").values_list("actor__username", "object_id", "after"))
    assert rows == [
        ("alice", str(replied.pk), {"kind": "reply_notice", "format": "docx"}),
        ("alice", str(replied.pk), {"kind": "receipt", "format": "docx"}),
    ]


def test_the_disclosure_office_above_downloads_a_departments_documents(client, olga, received):
    client.force_login(olga)
    assert client.get(url(received, "receipt", "docx")).status_code == 200


def test_another_agencys_request_is_not_found(client, make_user, tree, received):
    bob = make_user("bob", agency=tree["finance"], role=Role.OFFICER)
    client.force_login(bob)
    assert client.get(url(received, "receipt", "docx")).status_code == 404
    assert not document_rows().exists()


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, received):
    response = client.get(url(received, "receipt", "docx"))
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]
    assert not document_rows().exists()


def test_a_reply_notice_before_the_reply_is_not_found_with_a_clear_message(client, alice, received):
    client.force_login(alice)
    response = client.get(url(received, "reply_notice", "pdf"), **EN)
    assert response.status_code == 404
    assert "There is no reply notice before the request has been replied to or closed." in (
        response.content.decode()
    )
    assert f'href="/staff/requests/{received.pk}/"' in response.content.decode()
    assert not document_rows().exists()


@pytest.mark.parametrize(("kind", "fmt"), [("summons", "pdf"), ("receipt", "odt"), ("receipt", "PDF")])
def test_an_unknown_document_or_format_is_not_found(client, alice, received, kind, fmt):
    client.force_login(alice)
    response = client.get(url(received, kind, fmt), **EN)
    assert response.status_code == 404
    assert "There is no such document." in response.content.decode()


def test_without_a_cjk_font_a_pdf_is_refused_with_a_message_and_docx_still_works(
    client, alice, received, monkeypatch, tmp_path
):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "missing.otf"))
    client.force_login(alice)
    response = client.get(url(received, "receipt", "pdf"), **EN)
    assert response.status_code == 503
    assert fonts.ENV_VAR in response.content.decode()
    assert not document_rows().exists()
    assert client.get(url(received, "receipt", "docx")).status_code == 200
