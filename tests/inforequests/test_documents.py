"""The documents of a request: each kind in each format, the reply notice of every outcome with its
legal basis and the remedies, dates written the Chinese way, and templates operators can override.

PDF checks need a CJK font on the machine (Debian fonts-noto-cjk). They are skipped only where there
is none and SUNSHINE_REQUIRE_CJK_FONT is not "1" (CI sets it).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

# pypdfium2 (PDFium, the PDF engine of Chromium) ships no type information.
import pypdfium2  # type: ignore[import-untyped]
import pytest
from django.conf import settings
from django.template.loader import get_template
from django.test import override_settings
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn

from sunshine.core.models import AuditEntry
from sunshine.inforequests.codes import REPLY_OUTCOMES, Outcome, Status
from sunshine.inforequests.documents import fonts
from sunshine.inforequests.documents.blocks import Style, parse
from sunshine.inforequests.documents.context import (
    LEGAL_BASIS,
    RECONSIDERATION_FIRST,
    REGULATIONS,
    chinese_date,
    reconsideration_body,
    remedies,
)
from sunshine.inforequests.documents.kinds import KINDS, available_kinds
from sunshine.inforequests.documents.linebreak import NO_END, NO_START, wrap
from sunshine.inforequests.documents.render import render, render_blocks, render_text
from sunshine.inforequests.documents.services import (
    AUDIT_ACTION,
    DocumentUnavailable,
    applicant_kinds,
    generate_document,
    generate_for_applicant,
)
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.services import perform_action
from tests.inforequests.conftest import D

TODAY = D(2026, 11, 22)
TITLES = {
    "receipt": "政府信息公开申请收件回执",
    "correction_notice": "政府信息公开申请补正告知书",
    "consultation_letter": "政府信息公开征求第三方意见书",
    "extension_notice": "政府信息公开申请延期答复告知书",
    "fee_notice": "政府信息公开信息处理费缴费通知书",
    "reply_notice": "政府信息公开申请答复书",
}


def act(request, action, day, by=None, **fields):
    return perform_action(request=request, action=action, by=by, date=day, today=TODAY, **fields)


def need_cjk_font() -> None:
    """Skip a PDF check on a machine without a CJK font, unless the font is required (CI)."""
    try:
        fonts.find_font()
    except fonts.FontNotFound:
        if os.environ.get("SUNSHINE_REQUIRE_CJK_FONT") == "1":
            raise
        pytest.skip("no CJK font installed (Debian package fonts-noto-cjk)")


def pdf_text(content: bytes) -> str:
    """The text of every page as PDFium extracts it, without line breaks and spaces."""
    document = pypdfium2.PdfDocument(content)
    try:
        text = "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return "".join(text.split())


def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def education(tree):
    agency = tree["education"]
    agency.office_name = "阳光市教育局办公室"
    agency.address = "阳光市人民路8号"
    agency.postal_code = "310000"
    agency.phone = "0571-87654321"
    agency.email = "gk@edu.example.cn"
    agency.save()
    return agency


@pytest.fixture
def received(submit, education):
    """A request received on Monday 2 March 2026."""
    request, _ = submit(D(2026, 3, 2), agency=education)
    return request


@pytest.fixture
def walked(received, olga):
    """Corrected, consulted with a third party, extended and replied: every kind can be made."""
    request = act(
        received,
        "request_correction",
        D(2026, 3, 4),
        olga,
        items=["写明年度", "写明文号"],
        period_working_days=10,
    )
    request = act(request, "receive_correction", D(2026, 3, 9), olga)
    request = act(request, "start_consultation", D(2026, 3, 10), olga, party="third_party")
    request = act(request, "end_consultation", D(2026, 3, 20), olga)
    request = act(
        request,
        "extend",
        D(2026, 3, 23),
        olga,
        working_days=10,
        reason="需要检索档案。",
        approved_by="王主任",
    )
    return act(request, "reply", D(2026, 4, 14), olga, outcome=Outcome.DISCLOSED, reasons="")


def conclude(request: InfoRequest, outcome: str) -> InfoRequest:
    """A request concluded with ``outcome``: by a reply where staff can choose it, else as the system
    closes it (no correction, fee not paid)."""
    if outcome in REPLY_OUTCOMES:
        return act(request, "reply", D(2026, 3, 20), outcome=outcome, reasons="经查，有关情况如下。")
    InfoRequest.objects.filter(pk=request.pk).update(
        status=Status.CLOSED, outcome=outcome, concluded_on=D(2026, 3, 20)
    )
    request.refresh_from_db()
    return request


# --- legal basis and remedies -----------------------------------------------------------------


def test_every_outcome_code_has_a_legal_basis_citing_the_regulations():
    assert set(LEGAL_BASIS) == set(Outcome.values)
    for outcome, basis in LEGAL_BASIS.items():
        assert basis.startswith(REGULATIONS), outcome


def test_every_outcome_code_has_its_paragraph_in_the_reply_notice():
    for outcome in Outcome.values:
        get_template(f"inforequests/documents/reply/{outcome}.txt")


@pytest.mark.parametrize("outcome", Outcome.values)
def test_the_reply_notice_of_every_outcome_cites_its_basis_and_the_remedies(received, outcome):
    request = conclude(received, outcome)
    text = flat(render_text(request, KINDS["reply_notice"]))
    assert flat(LEGAL_BASIS[outcome]) in text
    assert "60日内" in text
    assert "申请行政复议" in text
    assert "阳光市人民政府" in text  # the government the Education Bureau belongs to
    if outcome in RECONSIDERATION_FIRST:
        # 行政复议法 Art. 23 (四): against a refusal, reconsideration first, then a lawsuit in 15 days.
        assert "应当先" in text
        assert "15日内" in text
    if outcome not in RECONSIDERATION_FIRST or outcome == Outcome.PARTIALLY_DISCLOSED:
        assert "6个月内" in text
        assert "提起行政诉讼" in text
    docx = flat(docx_text(render(request, KINDS["reply_notice"], "docx")))
    assert flat(LEGAL_BASIS[outcome]) in docx
    assert "60日内" in docx


def test_a_refusal_does_not_offer_a_direct_lawsuit():
    text = remedies(Outcome.WITHHELD_STATE_SECRET, "阳光市人民政府")
    assert "6个月" not in text
    assert "应当先自收到本告知书之日起60日内向阳光市人民政府申请行政复议" in text


def test_other_replies_offer_reconsideration_or_a_lawsuit():
    text = remedies(Outcome.UNAVAILABLE_NOT_HELD, "阳光市人民政府")
    assert "60日内向阳光市人民政府申请行政复议" in text
    assert "6个月内依法向人民法院提起行政诉讼" in text


def test_reconsideration_goes_to_the_government_a_department_belongs_to_or_the_one_above(tree):
    assert reconsideration_body(tree["education"]) == "阳光市人民政府"
    assert reconsideration_body(tree["edu_office"]) == "阳光市人民政府"
    assert reconsideration_body(tree["district"]) == "阳光市人民政府"
    assert reconsideration_body(tree["street"]) == "东城区人民政府"
    assert reconsideration_body(tree["health"]) == "东城区人民政府"
    assert reconsideration_body(tree["city"]) == "依法有管辖权的行政复议机关"


def test_dates_are_written_the_chinese_way():
    assert chinese_date(D(2026, 3, 5)) == "2026年3月5日"
    assert chinese_date(D(2026, 12, 31)) == "2026年12月31日"
    assert chinese_date(None) == ""


# --- every kind in every format ---------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_renders_as_docx_for_a_request_in_the_right_state(walked, kind):
    content = render(walked, KINDS[kind], "docx")
    document = Document(io.BytesIO(content))
    text = docx_text(content)
    assert TITLES[kind] in text
    assert walked.tracking_code in text
    assert "阳光市教育局" in text
    # Chinese text in Word and WPS takes its font from w:eastAsia.
    fonts_element = document.styles["Normal"].element.rPr.rFonts
    assert fonts_element.get(qn("w:eastAsia")) == "仿宋"
    assert document.core_properties.title == TITLES[kind]


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_renders_as_pdf_with_the_font_embedded(walked, kind):
    need_cjk_font()
    content = render(walked, KINDS[kind], "pdf")
    assert content.startswith(b"%PDF-")
    assert b"/FontFile2" in content or b"/FontFile3" in content  # embedded, not only named
    text = pdf_text(content)
    assert TITLES[kind] in text
    assert walked.tracking_code in text


def test_the_reply_notice_pdf_carries_the_legal_basis_and_the_remedies(received):
    need_cjk_font()
    request = conclude(received, Outcome.WITHHELD_PROCESS_INFORMATION)
    text = pdf_text(render(request, KINDS["reply_notice"], "pdf"))
    assert flat(LEGAL_BASIS[Outcome.WITHHELD_PROCESS_INFORMATION]) in text
    assert "60日内" in text
    assert "陈小明" in text
    assert "2026年3月20日" in text


def test_a_pdf_without_a_cjk_font_is_refused_clearly_and_docx_still_works(received, monkeypatch, tmp_path):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "missing.ttf"))
    with pytest.raises(fonts.FontNotFound) as caught:
        render(received, KINDS["receipt"], "pdf")
    assert fonts.ENV_VAR in str(caught.value)
    assert TITLES["receipt"] in docx_text(render(received, KINDS["receipt"], "docx"))


def test_a_font_without_chinese_characters_is_not_used(monkeypatch):
    latin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not Path(latin).is_file():
        pytest.skip("DejaVu is not installed")
    monkeypatch.setenv(fonts.ENV_VAR, latin)
    with pytest.raises(fonts.FontNotFound):
        fonts.find_font()


# --- what each document says ------------------------------------------------------------------


def test_the_receipt_states_the_day_of_receipt_and_the_reply_deadline(received):
    text = flat(render_text(received, KINDS["receipt"]))
    assert "陈小明：" in text
    assert "本机关已于2026年3月2日收到您通过互联网提交的政府信息公开申请" in text
    # 20 working days after Monday 2 March 2026: 3-3..6 (4), 9..13 (9), 16..20 (14), 23..27 (19), 30 (20)
    assert "20个工作日内（2026年3月30日前）作出答复" in text
    assert "阳教发〔2025〕3号" in text
    assert "0571-87654321" in text


def test_the_correction_notice_lists_every_item_and_the_period(received, olga):
    request = act(
        received,
        "request_correction",
        D(2026, 3, 4),
        olga,
        items=["写明年度", "写明文号"],
        period_working_days=5,
    )
    text = flat(render_text(request, KINDS["correction_notice"]))
    assert "1．写明年度" in text
    assert "2．写明文号" in text
    # 5 working days after Wednesday 4 March: 5, 6, 9, 10, 11
    assert "请您于2026年3月11日前（自本告知书发出之日起5个工作日内）" in text
    assert "第三十条" in text
    assert "视为放弃申请" in text


def test_the_consultation_letter_to_a_third_party_cites_article_32_without_the_applicant(received, olga):
    request = act(received, "start_consultation", D(2026, 3, 5), olga, party="third_party")
    text = flat(render_text(request, KINDS["consultation_letter"]))
    assert "第三十二条" in text
    assert "15个工作日内" in text
    assert "2026年3月5日" in text
    assert "陈小明" not in text  # the letter goes to the third party, not to the applicant


def test_the_consultation_letter_to_another_agency_cites_article_34(received, olga):
    request = act(received, "start_consultation", D(2026, 3, 5), olga, party="agency")
    text = flat(render_text(request, KINDS["consultation_letter"]))
    assert "政府信息公开征求意见函" in text
    assert "第三十四条" in text
    assert "视为同意公开" in text


def test_the_extension_notice_states_the_days_the_reason_and_the_new_date(received, olga):
    request = act(
        received,
        "extend",
        D(2026, 3, 23),
        olga,
        working_days=10,
        reason="需要检索档案。",
        approved_by="王主任",
    )
    text = flat(render_text(request, KINDS["extension_notice"]))
    assert "因需要检索档案，本机关无法在规定期限内作出答复" in text
    assert "第三十三条第二款" in text
    assert "答复期限延长10个工作日" in text
    # 10 working days after 30 March: 3-31, 4-1, 2, 3 (4), 4-4..6 清明, 4-7..10 (8), 13, 14 (10)
    assert "本机关将于2026年4月14日前作出答复" in text


def test_a_request_closed_without_correction_gets_a_reply_notice_saying_so(received, olga):
    request = act(
        received, "request_correction", D(2026, 3, 4), olga, items=["写明年度"], period_working_days=3
    )
    request = act(request, "correction_overdue", D(2026, 3, 10), olga)
    text = flat(render_text(request, KINDS["reply_notice"]))
    assert "补正期限至2026年3月9日" in text
    assert "视为您放弃申请" in text
    assert "2026年3月10日" in text


def test_reasons_written_by_staff_are_never_taken_for_layout(received):
    request = act(
        received,
        "reply",
        D(2026, 3, 20),
        outcome=Outcome.WITHHELD_THIRD_PARTY,
        reasons="# 不是标题\n> 不是署名\n\n经查，该信息涉及个人隐私。",
    )
    blocks = render_blocks(request, KINDS["reply_notice"])
    assert [b.style for b in blocks if b.text.startswith("#")] == [Style.BODY]
    assert [b.style for b in blocks if b.text.startswith(">")] == [Style.BODY]
    assert any(b.text == "经查，该信息涉及个人隐私。" and b.style == Style.BODY for b in blocks)


def test_the_layout_marks_set_each_paragraph():
    blocks = parse("# 标题\n## 编号\n\n< 陈小明：\n正文\n> 机关\n\\# 正文")
    assert [(b.style, b.text) for b in blocks] == [
        (Style.TITLE, "标题"),
        (Style.SUBTITLE, "编号"),
        (Style.FLUSH, "陈小明："),
        (Style.BODY, "正文"),
        (Style.RIGHT, "机关"),
        (Style.BODY, "# 正文"),
    ]


def test_lines_never_start_with_closing_punctuation_nor_end_with_an_opening_bracket():
    text = "本机关于2026年3月5日收到您的申请，现答复如下：《中华人民共和国政府信息公开条例》第三十六条。"
    for width in range(6, 30):
        lines = wrap(text, width, len)
        assert "".join(lines) == text
        assert all(len(line) <= width for line in lines)
        assert not any(line[0] in NO_START for line in lines[1:])
        assert not any(line[-1] in NO_END for line in lines[:-1])


def test_numbers_and_latin_words_are_kept_whole_where_they_fit():
    lines = wrap("申请编号Y2026-000123已登记", 12, len)
    assert any("Y2026-000123" in line for line in lines)


# --- availability, audit, applicant -----------------------------------------------------------


def test_only_the_receipt_exists_before_any_other_step(received):
    assert [kind.slug for kind in available_kinds(received)] == ["receipt"]
    with translation.override("en"), pytest.raises(DocumentUnavailable) as caught:
        generate_document(request=received, kind="reply_notice", fmt="pdf", by=None)
    assert (
        caught.value.message == "There is no reply notice before the request has been replied to or closed."
    )


def test_a_request_not_yet_received_has_no_documents(submit, education, alice):
    request, _ = submit(D(2026, 3, 2), agency=education, by=alice, channel="post")
    assert request.status == Status.SUBMITTED
    assert available_kinds(request) == []


def test_a_withdrawn_request_gets_no_reply_notice(received):
    request = act(received, "withdraw", D(2026, 3, 3))
    assert "reply_notice" not in [kind.slug for kind in available_kinds(request)]


def test_a_fee_notice_states_the_method_the_amount_and_the_payment_date(received):
    request = act(received, "notify_fee", D(2026, 3, 3), method="per_page", pages=150)
    assert "fee_notice" in [kind.slug for kind in applicant_kinds(request)]
    text = flat(render_text(request, KINDS["fee_notice"]))
    assert "按量收取信息处理费" in text
    assert f"金额为人民币{request.fee_amount}元" in text
    assert request.fee_due is not None
    assert f"于{request.fee_due.year}年{request.fee_due.month}月{request.fee_due.day}日" in text
    assert "2026年3月3日" in text  # the day of the notice


def test_making_a_document_writes_an_audit_row(walked, olga):
    generate_document(request=walked, kind="reply_notice", fmt="docx", by=olga)
    entry = AuditEntry.objects.filter(action=AUDIT_ACTION).get()
    assert entry.after == {"kind": "reply_notice", "format": "docx"}
    assert entry.actor == olga
    assert entry.object_id == str(walked.pk)
    assert entry.agency == walked.agency


def test_unknown_kinds_and_formats_are_refused(walked):
    for kind, fmt in [("summons", "pdf"), ("receipt", "odt")]:
        with pytest.raises(DocumentUnavailable):
            generate_document(request=walked, kind=kind, fmt=fmt, by=None)
    assert not AuditEntry.objects.filter(action=AUDIT_ACTION).exists()


def test_the_applicant_gets_the_notices_addressed_to_them_but_not_the_consultation_letter(walked):
    assert "consultation_letter" not in [kind.slug for kind in applicant_kinds(walked)]
    document = generate_for_applicant(request=walked, kind="reply_notice", fmt="docx")
    assert TITLES["reply_notice"] in docx_text(document.content)
    assert document.filename(walked) == f"{walked.tracking_code}-reply_notice.docx"
    with pytest.raises(DocumentUnavailable):
        generate_for_applicant(request=walked, kind="consultation_letter", fmt="docx")
    entry = AuditEntry.objects.filter(action=AUDIT_ACTION).get()
    assert entry.actor is None


def test_an_operator_overrides_a_template_with_a_file_of_the_same_name(received, tmp_path):
    folder = tmp_path / "inforequests" / "documents"
    folder.mkdir(parents=True)
    (folder / "receipt.txt").write_text("# 收件通知\n< {{ applicant_name }}：\n已于{{ received_on }}收到。\n")
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, settings.BASE_DIR / "sunshine" / "templates"]}]
    with override_settings(TEMPLATES=templates):
        blocks = render_blocks(received, KINDS["receipt"])
    assert [(b.style, b.text) for b in blocks] == [
        (Style.TITLE, "收件通知"),
        (Style.FLUSH, "陈小明："),
        (Style.BODY, "已于2026年3月2日收到。"),
    ]
