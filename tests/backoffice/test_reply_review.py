"""A reply is prepared, reviewed and signed before it is sent (docs/workflows.md#replies): the
officer drafts it with its files on the request's page, a reviewer approves it (or returns it, or lets
a privacy finding stay, with the reason), a signer signs it, and the ``reply`` step sends what was
signed. Until then ``reply`` answers 409 ``reply_not_signed``, except for the disclosure office."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.inforequests import access
from sunshine.inforequests.codes import ReplyStatus, Status
from sunshine.inforequests.models import AgencyRequestSettings, InfoRequest, ReplyDraft
from tests.backoffice import D, fixed_today, paper_request
from tests.inforequests.conftest import CITIZEN_ID
from tests.inforequests.test_documents import need_cjk_font, pdf_text
from tests.records.conftest import make_draft, publish_now
from tests.records.files import make_docx, make_pdf

REASONS = "依照《中华人民共和国政府信息公开条例》第三十六条第二项的规定，予以公开。"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The reply's files go to a temporary folder, never to var/media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def received(tree) -> InfoRequest:
    return paper_request(tree["education"], D(2026, 10, 13))


@pytest.fixture
def rita(make_user, tree):
    """Rita reviews the Education Bureau's records and replies (保密审查)."""
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER, first_name="Rita")


@pytest.fixture
def sid(make_user, tree):
    """Sid signs for the Education Bureau (领导签批)."""
    return make_user("sid", agency=tree["education"], role=Role.SIGNER, first_name="Sid")


def staff_page(client, request: InfoRequest):
    return client.get(f"/staff/requests/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en")


def save_draft(client, request: InfoRequest, **data):
    fields = {"outcome": "disclosed", "reasons": REASONS, "note": "", "record_numbers": "", **data}
    return client.post(f"/staff/requests/{request.pk}/reply/", fields, HTTP_ACCEPT_LANGUAGE="en")


def attach(client, request: InfoRequest, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content)
    return client.post(
        f"/staff/requests/{request.pk}/reply/files/", {"attachments": [upload]}, HTTP_ACCEPT_LANGUAGE="en"
    )


def step(client, request: InfoRequest, action: str, **data):
    return client.post(f"/staff/requests/{request.pk}/reply/steps/{action}/", data, HTTP_ACCEPT_LANGUAGE="en")


def send(client, request: InfoRequest, **data):
    return client.post(
        f"/staff/requests/{request.pk}/actions/reply/",
        {"date": "2026-10-15", **data},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def api_reply(client, request: InfoRequest):
    return client.post(
        f"/api/v1/staff/requests/{request.pk}/actions",
        {"action": "reply", "outcome": "disclosed"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def draft_of(request: InfoRequest) -> ReplyDraft:
    return ReplyDraft.objects.filter(request=request).latest("id")


def test_an_officer_cannot_reply_before_the_reply_is_signed_and_nothing_changes(client, received, alice):
    client.force_login(alice)
    response = api_reply(client, received)
    assert response.status_code == 409, response.content
    assert response.json()["error"]["code"] == "reply_not_signed"
    received.refresh_from_db()
    assert received.status == Status.RECEIVED
    assert received.outcome == ""
    # The page offers the draft instead of a reply form.
    page = staff_page(client, received).content.decode()
    assert 'data-action="reply"' not in page
    assert 'data-form="reply-draft"' in page


def test_the_disclosure_office_may_reply_directly_and_the_reply_is_recorded_as_not_reviewed(
    client, received, olga
):
    client.force_login(olga)
    response = api_reply(client, received)
    assert response.status_code == 200, response.content
    event = received.events.get(action="reply")
    assert event.data["direct"] is True


def test_an_agency_that_turned_review_off_replies_without_it(client, received, alice):
    AgencyRequestSettings.objects.create(agency=received.agency, reply_review_required=False)
    client.force_login(alice)
    response = api_reply(client, received)
    assert response.status_code == 200, response.content
    assert received.events.get(action="reply").data["direct"] is False


def test_a_reply_with_a_file_goes_through_review_and_sign_off_and_the_applicant_downloads_it(
    client, received, alice, rita, sid
):
    client.force_login(alice)
    assert save_draft(client, received).status_code == 302
    assert attach(client, received, "预算表.pdf", make_pdf("2025 budget of the bureau")).status_code == 302
    draft = draft_of(received)
    assert draft.status == ReplyStatus.DRAFT
    assert draft.files.count() == 1
    # Not for the applicant while it is a draft.
    key = {"HTTP_X_ACCESS_KEY": access.access_key_for(received)}
    assert client.get(f"/api/v1/requests/{received.tracking_code}", **key).json()["files"] == []

    assert step(client, received, "submit").status_code == 302
    assert draft_of(received).status == ReplyStatus.SUBMITTED
    # The officer cannot approve their own reply.
    assert step(client, received, "approve").status_code == 403

    client.force_login(rita)
    assert 'data-reply-step="approve"' in staff_page(client, received).content.decode()
    assert step(client, received, "approve", comments="可以公开").status_code == 302
    client.force_login(sid)
    assert step(client, received, "sign").status_code == 302
    draft = draft_of(received)
    assert (draft.status, draft.reviewer, draft.signer) == (ReplyStatus.SIGNED, rita, sid)

    client.force_login(alice)
    page = staff_page(client, received).content.decode()
    assert "Send the signed reply" in page
    assert send(client, received).status_code == 302
    received.refresh_from_db()
    assert received.status == Status.REPLIED
    assert received.outcome == "disclosed"
    event = received.events.get(action="reply")
    assert event.data["reviewed_by"] == "Rita"
    assert event.data["signed_by"] == "Sid"
    assert event.data["direct"] is False
    assert [f["name"] for f in event.data["files"]] == ["预算表.pdf"]
    assert draft_of(received).status == ReplyStatus.SENT
    assert "Approved by Rita, signed by Sid" in staff_page(client, received).content.decode()

    client.logout()
    files = client.get(f"/api/v1/requests/{received.tracking_code}", **key).json()["files"]
    assert [f["name"] for f in files] == ["预算表.pdf"]
    page = client.get(access.private_path(received), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sent with the reply" in page
    download = client.get(files[0]["url"], **key)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_reply_notice_lists_the_files_sent_with_it(client, received, olga):
    need_cjk_font()
    client.force_login(olga)
    save_draft(client, received)
    attach(client, received, "预算表.pdf", make_pdf("2025 budget"))
    for action in ("submit", "approve", "sign"):
        assert step(client, received, action).status_code == 302, action
    assert send(client, received).status_code == 302
    key = {"HTTP_X_ACCESS_KEY": access.access_key_for(received)}
    notice = client.get(f"/api/v1/requests/{received.tracking_code}/documents/reply_notice.pdf", **key)
    assert notice.status_code == 200
    assert "预算表.pdf" in pdf_text(notice.content)


def test_a_finding_in_a_file_stops_approval_until_a_reviewer_lets_it_stay_with_a_reason(
    client, received, alice, rita
):
    client.force_login(alice)
    save_draft(client, received)
    attach(client, received, "名单.docx", make_docx("联系人：王五，手机 13912345678"))
    # The officer is told, and may leave it to the reviewer.
    refused = step(client, received, "submit")
    assert refused.status_code == 409
    assert "privacy scan" in refused.content.decode()
    assert step(client, received, "submit", acknowledged="on").status_code == 302

    client.force_login(rita)
    assert step(client, received, "approve").status_code == 409
    page = staff_page(client, received).content.decode()
    assert 'data-open="true"' in page
    from sunshine.inforequests.replies.scan import open_findings

    found = open_findings(draft_of(received))
    assert {f.finding.kind for f in found} == {"name", "mobile"}
    assert step(client, received, "keep_finding", digest=found[0].digest, reason="").status_code == 422
    for finding in found:
        kept = step(client, received, "keep_finding", digest=finding.digest, reason="本人同意公开")
        assert kept.status_code == 302
    assert step(client, received, "approve").status_code == 302
    entry = AuditEntry.objects.filter(action="inforequest_reply.keep_finding").latest("id")
    assert entry.actor == rita
    assert (entry.after or {})["reason"] == "本人同意公开"
    assert "13912345678" not in str(entry.after)


def test_the_applicants_own_name_and_number_and_the_agencys_phone_are_not_findings(client, received, alice):
    client.force_login(alice)
    save_draft(
        client,
        received,
        reasons=f"申请人：陈小明，身份证号 {CITIZEN_ID}，联系电话 13800138000。咨询电话 0571-12345678。",
        note="",
    )
    received.agency.phone = "0571-12345678"
    received.agency.save()
    attach(client, received, "答复.pdf", make_pdf("Reply"))
    assert step(client, received, "submit").status_code == 302


def test_a_returned_reply_shows_the_comments_and_is_changed_before_it_goes_back(
    client, received, alice, rita
):
    client.force_login(alice)
    save_draft(client, received, outcome="withheld_third_party", reasons="涉及第三方合法权益。")
    step(client, received, "submit")
    client.force_login(rita)
    assert step(client, received, "return", comments="").status_code == 422
    assert step(client, received, "return", comments="请写明条例条款").status_code == 302
    client.force_login(alice)
    page = staff_page(client, received).content.decode()
    assert "请写明条例条款" in page
    assert draft_of(received).status == ReplyStatus.RETURNED
    save_draft(client, received, outcome="withheld_third_party", reasons="依照条例第十五条，不予公开。")
    assert draft_of(received).status == ReplyStatus.DRAFT
    assert step(client, received, "submit").status_code == 302


def test_a_disclosing_reply_must_carry_what_it_discloses(client, received, alice):
    client.force_login(alice)
    save_draft(client, received)
    response = step(client, received, "submit")
    assert response.status_code == 422
    assert "attach the files" in response.content.decode()
    assert draft_of(received).status == ReplyStatus.DRAFT


def test_a_reply_in_review_cannot_be_changed_and_a_reviewer_cannot_draft(client, received, alice, rita):
    client.force_login(alice)
    save_draft(client, received, outcome="unavailable_not_held", reasons="本机关未制作该信息。")
    step(client, received, "submit")
    assert save_draft(client, received, reasons="改").status_code == 409
    assert draft_of(received).reasons == "本机关未制作该信息。"
    client.force_login(rita)
    assert save_draft(client, received).status_code == 403


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_kept(client, received, alice):
    client.force_login(alice)
    save_draft(client, received)
    response = attach(client, received, "表.pdf", b"PK\x03\x04 not a pdf at all")
    assert response.status_code == 422
    assert draft_of(received).files.count() == 0


def test_every_step_of_a_reply_leaves_an_audit_row(client, received, olga):
    client.force_login(olga)
    save_draft(client, received, outcome="unavailable_not_held", reasons="本机关未制作该信息。")
    for action in ("submit", "approve", "sign"):
        step(client, received, action)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "inforequest_reply.edit",
        "inforequest_reply.submit",
        "inforequest_reply.approve",
        "inforequest_reply.sign",
    } <= actions


def test_a_reply_may_point_to_published_records_and_the_applicant_finds_them_on_the_request_page(
    client, received, olga
):
    record = publish_now(make_draft(received.agency)).record
    client.force_login(olga)
    unknown = save_draft(client, received, record_numbers="NO-SUCH-NUMBER")
    assert unknown.status_code == 422
    assert "NO-SUCH-NUMBER" in unknown.content.decode()
    assert save_draft(client, received, record_numbers=record.index_number).status_code == 302
    for action in ("submit", "approve", "sign"):
        assert step(client, received, action).status_code == 302, action
    assert send(client, received).status_code == 302
    client.logout()
    page = client.get(access.private_path(received), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"/records/{record.index_number}/" in page


def test_who_sent_a_reply_to_review_neither_approves_nor_signs_it(client, received, make_user, tree):
    both = make_user("bo", agency=tree["education"], role=Role.OFFICER)
    from sunshine.agencies import services as agencies

    agencies.grant_role(by=None, user=both, agency=tree["education"], role=Role.REVIEWER)
    client.force_login(both)
    save_draft(client, received, outcome="unavailable_not_held", reasons="本机关未制作该信息。")
    assert step(client, received, "submit").status_code == 302
    assert step(client, received, "approve").status_code == 403
    assert draft_of(received).status == ReplyStatus.SUBMITTED


def test_the_reply_e_mail_names_the_files_to_download_from_the_request_page(
    client, received, olga, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(olga)
    save_draft(client, received)
    attach(client, received, "预算表.pdf", make_pdf("2025 budget"))
    for action in ("submit", "approve", "sign"):
        step(client, received, action)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, received).status_code == 302
    assert len(mail.outbox) == 1
    assert "预算表.pdf" in mail.outbox[0].body
    assert access.private_path(received) in mail.outbox[0].body
