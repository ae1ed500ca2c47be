"""A reviewer masks a privacy finding (脱敏): the public page, API, download and search read the masked
copy (110105********002X, 138****8000, 张**), staff keep the original; a PDF is never masked."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest

from sunshine.agencies import services as agency_services
from sunshine.agencies.models import NameMasking
from sunshine.core.models import AuditEntry
from sunshine.records import attachments, findings, indexing, services
from sunshine.records.codes import Status
from sunshine.records.models import FindingDecision, Revision, ScanOverride
from sunshine.records.privacy_scan import NameRule
from tests.api_helpers import bearer, token_for
from tests.records.conftest import ALL_CHECKS, CITIZEN_ID, D, at, make_draft, upload
from tests.records.files import W_NS, make_docx, make_pdf, make_xlsx

MOBILE = "13800138000"
MASKED_ID = "110105********002X"
MASKED_MOBILE = "138****8000"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def submitted(agency, alice, body: str, files: dict[str, bytes] | None = None, **fields) -> Revision:
    revision = make_draft(agency, by=alice, body=body, **fields)
    for name, data in (files or {}).items():
        services.add_attachment(revision=revision, by=alice, file=upload(data, name), name=name)
    return services.submit(revision=revision, by=alice, acknowledge_findings=True)


def open_digests(revision: Revision) -> list[str]:
    return list(dict.fromkeys(f.digest for f in findings.open_findings(revision)))


def decide_on_page(client, revision: Revision, digest: str, decision: str, reason: str = ""):
    url = f"/staff/records/{revision.record_id}/review/override/"
    return client.post(url, {"finding": digest, "decision": decision, "reason": reason}, **EN)


def publish(revision: Revision, rita, simon) -> Revision:
    revision = services.review(revision=revision, by=rita, decision="approve", checklist=ALL_CHECKS)
    revision = services.sign(revision=revision, by=simon)
    return services.publish(revision=revision, by=simon, now=at(D(2026, 3, 10)))


def public_page(client, revision: Revision) -> str:
    revision.record.refresh_from_db()
    return client.get(f"/records/{revision.record.index_number}/").content.decode()


def public_download(client, revision: Revision, attachment_id: int) -> bytes:
    revision.record.refresh_from_db()
    response = client.get(f"/records/{revision.record.index_number}/files/{attachment_id}/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def every_part(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


# --- The text ----------------------------------------------------------------------------------


def test_a_reviewer_masks_an_identity_number_on_the_review_page_and_the_public_reads_it_masked(
    client, tree, alice, rita, simon
):
    revision = submitted(tree["education"], alice, f"申请人身份证号{CITIZEN_ID}，特此公告。")
    client.force_login(rita)
    review = client.get(f"/staff/records/{revision.record_id}/review/", **EN).content.decode()
    assert "Mask it" in review
    assert f"Masked, the public reads {MASKED_ID}." in review
    [digest] = open_digests(revision)
    assert decide_on_page(client, revision, digest, "mask").status_code == 302
    override = ScanOverride.objects.get(revision=revision)
    assert override.decision == FindingDecision.MASK
    assert CITIZEN_ID not in override.masked
    entry = AuditEntry.objects.filter(action="record.mask").get()
    assert (entry.after or {})["masked"] == MASKED_ID
    review = client.get(f"/staff/records/{revision.record_id}/review/", **EN).content.decode()
    assert f"the public reads {MASKED_ID}; staff keep the original." in review

    publish(revision, rita, simon)
    page = public_page(client, revision)
    assert MASKED_ID in page
    assert CITIZEN_ID not in page
    revision.record.refresh_from_db()
    printed = client.get(f"/records/{revision.record.index_number}/print/").content.decode()
    assert MASKED_ID in printed
    assert CITIZEN_ID not in printed
    staff = client.get(f"/staff/records/{revision.record_id}/", **EN).content.decode()
    assert CITIZEN_ID in staff  # staff keep the original


def test_a_mobile_number_is_masked_through_the_api_and_the_public_api_answers_the_masked_text(
    client, tree, alice, rita, simon
):
    revision = submitted(tree["education"], alice, f"联系手机：{MOBILE}。")
    headers = {**bearer(token_for(client, "rita")), **EN}
    url = f"/api/v1/staff/records/{revision.record_id}/overrides"
    [digest] = open_digests(revision)
    response = client.post(
        url, {"finding": digest, "decision": "mask"}, content_type="application/json", **headers
    )
    assert response.status_code == 200, response.content
    [finding] = response.json()["findings"]
    assert finding["decision"] == "mask"
    assert finding["published_as"] == MASKED_MOBILE
    assert finding["is_open"] is False
    assert response.json()["open_findings"] == 0

    publish(revision, rita, simon)
    revision.record.refresh_from_db()
    body = client.get(f"/api/v1/records/{revision.record.index_number}").json()["body"]
    assert MASKED_MOBILE in body
    assert MOBILE not in body


def test_keeping_a_finding_still_needs_a_reason_but_masking_does_not(client, tree, alice, rita):
    revision = submitted(tree["education"], alice, f"手机{MOBILE}")
    client.force_login(rita)
    [digest] = open_digests(revision)
    assert decide_on_page(client, revision, digest, "keep").status_code == 422
    assert decide_on_page(client, revision, digest, "mask").status_code == 302


@pytest.mark.parametrize(
    ("rule", "shown"),
    [(NameMasking.SURNAME, "张**"), (NameMasking.SURNAME_MOU, "张某某"), (NameMasking.FULL, "***")],
)
def test_a_name_is_masked_by_the_rule_of_the_agency(client, tree, alice, rita, simon, rule, shown):
    agency_services.update_agency(by=None, agency=tree["education"], name_masking=rule)
    revision = submitted(tree["education"], alice, "申请人：张三丰，申请公开有关信息。")
    client.force_login(rita)
    [digest] = open_digests(revision)
    assert decide_on_page(client, revision, digest, "mask").status_code == 302
    publish(revision, rita, simon)
    page = public_page(client, revision)
    assert f"申请人：{shown}，" in page
    assert "张三丰" not in page


def test_the_agencys_rules_are_the_scans_rules():
    assert set(NameMasking.values) == {str(rule) for rule in NameRule}


def test_a_new_agency_keeps_the_surname_by_default(tree):
    assert tree["finance"].name_masking == NameMasking.SURNAME


# --- DOCX and XLSX -----------------------------------------------------------------------------


def split_run_docx() -> bytes:
    """A DOCX whose mobile number Word split over two runs, with the number also in the header and
    in a mailto hyperlink target of its relationships."""
    body = (
        "<w:p><w:r><w:t>联系电话：138001</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>38000</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>其他内容照常公开。</w:t></w:r></w:p>"
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
        f"<w:body>{body}</w:body></w:document>"
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/hyperlink" Target="tel:{MOBILE}" TargetMode="External"/></Relationships>'
    )
    return make_docx(
        "x",
        header=f"手机{MOBILE}",
        extra_parts={"word/document.xml": document, "word/_rels/document.xml.rels": rels},
    )


def test_a_docx_is_published_masked_everywhere_and_staff_download_the_original(
    client, tree, alice, rita, simon
):
    revision = submitted(tree["education"], alice, "详见附件。", {"名单.docx": split_run_docx()})
    client.force_login(rita)
    [digest] = open_digests(revision)
    assert decide_on_page(client, revision, digest, "mask").status_code == 302
    publish(revision, rita, simon)
    attachment = revision.attachments.get()
    public = public_download(client, revision, attachment.pk)
    assert MASKED_MOBILE in attachments.docx_text(io.BytesIO(public))
    assert MOBILE not in every_part(public)
    assert "138001" not in every_part(public)  # no piece of the split number is left in its runs
    assert attachment.masked_size == len(public)
    staff = client.get(f"/staff/records/{revision.record_id}/attachments/{attachment.pk}/")
    assert MOBILE in attachments.docx_text(io.BytesIO(b"".join(staff.streaming_content)))


def test_a_word_document_made_by_word_software_opens_again_after_masking(client, tree, alice, rita, simon):
    document = docx.Document()
    paragraph = document.add_paragraph("申请人：")
    paragraph.add_run("李")
    paragraph.add_run("小明").bold = True
    paragraph.add_run(f"，身份证号{CITIZEN_ID}。")
    buffer = io.BytesIO()
    document.save(buffer)
    revision = submitted(tree["education"], alice, "详见附件。", {"公告.docx": buffer.getvalue()})
    client.force_login(rita)
    for digest in open_digests(revision):
        assert decide_on_page(client, revision, digest, "mask").status_code == 302
    publish(revision, rita, simon)
    public = public_download(client, revision, revision.attachments.get().pk)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(public)).paragraphs)
    assert f"申请人：李**，身份证号{MASKED_ID}。" in text


def test_an_xlsx_masks_numbers_stored_as_numbers_and_still_opens(client, tree, alice, rita, simon):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["联系人", "电话"])
    sheet.append(["姓名：王五", int(MOBILE)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    revision = submitted(tree["education"], alice, "详见附件。", {"表.xlsx": buffer.getvalue()})
    client.force_login(rita)
    for digest in open_digests(revision):
        assert decide_on_page(client, revision, digest, "mask").status_code == 302
    publish(revision, rita, simon)
    public = public_download(client, revision, revision.attachments.get().pk)
    rows = list(openpyxl.load_workbook(io.BytesIO(public)).active.iter_rows(values_only=True))
    assert rows == [("联系人", "电话"), ("姓名：王*", MASKED_MOBILE)]
    assert MOBILE not in every_part(public)


def test_the_masked_copy_of_a_tiny_xlsx_is_what_the_public_downloads(client, tree, alice, rita, simon):
    revision = submitted(tree["education"], alice, "详见附件。", {"a.xlsx": make_xlsx([["电话", MOBILE]])})
    client.force_login(rita)
    [digest] = open_digests(revision)
    decide_on_page(client, revision, digest, "mask")
    publish(revision, rita, simon)
    attachment = revision.attachments.get()
    public = public_download(client, revision, attachment.pk)
    assert attachments.xlsx_text(io.BytesIO(public)) == f"电话\t{MASKED_MOBILE}"
    revision.record.refresh_from_db()
    listed = client.get(f"/api/v1/records/{revision.record.index_number}").json()["attachments"][0]
    assert listed["sha256"] == attachment.masked_sha256 != attachment.sha256


def test_a_docx_with_embedded_files_cannot_be_masked(client, tree, alice, rita):
    data = make_docx(f"手机{MOBILE}", extra_parts={"word/embeddings/oleObject1.bin": b"\x00" * 16})
    revision = submitted(tree["education"], alice, "详见附件。", {"a.docx": data})
    client.force_login(rita)
    [digest] = open_digests(revision)
    refused = decide_on_page(client, revision, digest, "mask")
    assert refused.status_code == 422
    assert "holds embedded files" in refused.content.decode()
    assert not ScanOverride.objects.filter(revision=revision).exists()


# --- What is never masked ----------------------------------------------------------------------


def test_a_pdf_is_never_masked_and_the_record_waits_for_a_redacted_file(client, tree, alice, rita):
    revision = submitted(tree["education"], alice, "详见附件。", {"a.pdf": make_pdf(f"Tel {MOBILE}")})
    client.force_login(rita)
    review = client.get(f"/staff/records/{revision.record_id}/review/", **EN).content.decode()
    assert "Masking is not offered in a PDF" in review
    assert 'value="mask"' not in review
    [digest] = open_digests(revision)
    headers = {**bearer(token_for(client, "rita")), **EN}
    refused = client.post(
        f"/api/v1/staff/records/{revision.record_id}/overrides",
        {"finding": digest, "decision": "mask"},
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "not_maskable"
    with pytest.raises(services.RecordError) as stopped:
        services.review(revision=revision, by=rita, decision="approve", checklist=ALL_CHECKS)
    assert stopped.value.code == "privacy_findings"

    revision = services.return_for_changes(revision=revision, by=rita, comments="请上传删除了手机号的PDF")
    client.force_login(alice)
    detail = client.get(f"/staff/records/{revision.record_id}/", **EN).content.decode()
    assert "replaces the PDF with a redacted copy" in detail
    services.replace_attachment(
        attachment=revision.attachments.get(),
        by=alice,
        file=upload(make_pdf("Tel removed"), "a.pdf"),
        name="a.pdf",
    )
    revision = services.submit(revision=revision, by=alice)
    revision = services.review(revision=revision, by=rita, decision="approve", checklist=ALL_CHECKS)
    assert revision.status == Status.APPROVED


def test_a_classification_mark_is_not_masked(client, tree, alice, rita):
    revision = submitted(tree["education"], alice, "秘密★1年\n关于有关事项的通知")
    client.force_login(rita)
    [digest] = open_digests(revision)
    assert decide_on_page(client, revision, digest, "mask").status_code == 422
    assert not ScanOverride.objects.filter(revision=revision).exists()


def test_a_value_that_also_stands_in_the_title_is_not_masked(client, tree, alice, rita):
    revision = submitted(tree["education"], alice, f"手机{MOBILE}", title=f"关于{MOBILE}号码的说明")
    client.force_login(rita)
    [digest] = open_digests(revision)
    refused = decide_on_page(client, revision, digest, "mask")
    assert refused.status_code == 422
    assert "title, summary, keywords" in refused.content.decode()


def test_the_agencys_own_phone_fax_and_e_mail_are_not_findings(client, tree, alice):
    agency_services.update_agency(
        by=None, agency=tree["education"], phone="0571-87650001", fax="0571-87650002", email="jyj@yg.gov.cn"
    )
    body = "咨询电话：0571-87650001，传真：(0571)87650002，邮箱：JYJ@yg.gov.cn。举报电话：0571-87659999。"
    revision = make_draft(tree["education"], by=alice, body=body)
    client.force_login(alice)
    data = client.get(f"/api/v1/staff/records/{revision.record_id}", **bearer(token_for(client, "alice")))
    assert [f["masked"] for f in data.json()["findings"]] == ["0571****9999"]


# --- Search -------------------------------------------------------------------------------------


def test_public_search_snippets_show_masked_values_and_what_was_kept_on_purpose_only(
    client, tree, alice, rita, simon
):
    body = f"招生咨询：手机{MOBILE}，申请人身份证号{CITIZEN_ID}，办公电话0571-87654321。"
    revision = submitted(tree["education"], alice, body)
    client.force_login(rita)
    for located in {f.digest: f for f in findings.open_findings(revision)}.values():
        if located.finding.kind == "landline":
            decide_on_page(client, revision, located.digest, "keep", "办公室公开电话")
        else:
            decide_on_page(client, revision, located.digest, "mask")
    publish(revision, rita, simon)
    client.logout()

    for rebuilt in (False, True):
        if rebuilt:
            indexing.rebuild()
        page = client.get("/search/", {"q": "招生咨询"}).content.decode()
        assert MASKED_MOBILE in page
        assert MASKED_ID in page
        assert MOBILE not in page
        assert CITIZEN_ID not in page
        assert "0571-87654321" in page  # kept by the reviewer, with a reason: published on purpose
        [row] = client.get("/api/v1/records", {"q": "招生咨询"}).json()["results"]
        assert MASKED_MOBILE in row["snippet"]
        assert MOBILE not in row["snippet"]
        assert client.get("/api/v1/records", {"q": MOBILE}).json()["results"] == []
        assert client.get("/api/v1/records", {"q": CITIZEN_ID}).json()["results"] == []
