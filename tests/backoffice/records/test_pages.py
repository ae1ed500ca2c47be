"""Back-office pages under /staff/records/: the list, the draft form with attachments, one record with
its next steps, the review page with the findings highlighted, sign-off, publication, withdrawal,
downloads and the catalogue."""

from __future__ import annotations

import datetime
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.records import services
from sunshine.records.codes import Status
from sunshine.records.models import Attachment, Category, Record, Revision
from tests.records.conftest import (
    ALL_CHECKS,
    CITIZEN_ID,
    at,
    fixed_today,
    make_draft,
    publish_now,
    to_signed,
    upload,
)
from tests.records.files import make_docx, make_pdf, make_png

D = datetime.date
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def get(client, path: str):
    return client.get(path, **EN)


def post(client, path: str, data: dict):
    return client.post(path, data, **EN)


def form_data(tree, **changes) -> dict:
    data = {
        "agency": "CITY-EDU",
        "title": "阳光市教育局关于做好2026年义务教育招生工作的通知",
        "category": Category.objects.get(agency=tree["education"], key="notices").pk,
        "genre": "notice",
        "document_number": "阳教发〔2026〕12号",
        "formation_date": "2026-03-02",
        "issuers": [tree["education"].pk],
        "keywords": "招生，义务教育",
        "body": "各区教育局：\n现将有关事项通知如下。",
    }
    data.update(changes)
    return data


# --- List -------------------------------------------------------------------------------------


def test_the_list_shows_the_records_of_ones_agencies_with_their_deadlines(client, tree, alice):
    make_draft(tree["education"], title="教育局的草稿")
    publish_now(make_draft(tree["education"], title="已发布的"))
    make_draft(tree["finance"], title="财政局的草稿")
    client.force_login(alice)
    response = get(client, "/staff/records/")
    assert response.status_code == 200
    titles = [row.revision.title for row in response.context["rows"]]
    assert sorted(titles) == ["已发布的", "教育局的草稿"]
    html = response.content.decode()
    assert 'data-timeliness="on_time"' in html
    assert "Start a record" in html


def test_a_publication_due_date_on_an_estimated_year_is_marked_provisional(client, tree, alice):
    # Formed on 2026-12-20: the 20 working days run into 2027, whose calendar is not published.
    with fixed_today(D(2026, 12, 21)):
        draft = make_draft(tree["education"], title="年底形成的", formation_date=D(2026, 12, 20))
        client.force_login(alice)
        listing = get(client, "/staff/records/").content.decode()
        detail = get(client, f"/staff/records/{draft.record_id}/").content.decode()
    row = listing[listing.index("年底形成的") :]
    assert 'class="provisional-mark"' in row[: row.index("</tr>")]
    assert "2027-01-18" in detail
    assert "has not yet published the 2027 holiday arrangement" in detail


def test_the_list_filters_by_status_category_and_deadline(client, tree, olga):
    make_draft(tree["education"], title="草稿")
    publish_now(make_draft(tree["finance"], title="财政动态", category_key="work_news"))
    client.force_login(olga)
    assert [r.revision.title for r in get(client, "/staff/records/?status=draft").context["rows"]] == ["草稿"]
    assert [r.revision.title for r in get(client, "/staff/records/?category=work_news").context["rows"]] == [
        "财政动态"
    ]
    assert [r.revision.title for r in get(client, "/staff/records/?agency=CITY-FIN").context["rows"]] == [
        "财政动态"
    ]
    assert get(client, "/staff/records/?timeliness=late").context["rows"] == []
    assert get(client, "/staff/records/?status=nonsense").context["form"].errors


def test_the_list_needs_sign_in_and_a_role(client, make_user, db):
    assert client.get("/staff/records/").status_code == 302
    client.force_login(make_user("nobody"))
    assert client.get("/staff/records/").status_code == 403


# --- Drafting ---------------------------------------------------------------------------------


def test_an_officer_drafts_a_record_with_an_attachment(client, tree, alice):
    client.force_login(alice)
    page = get(client, "/staff/records/new/")
    assert page.status_code == 200
    assert page.context["agency"] == tree["education"]
    data = form_data(tree, attachment=SimpleUploadedFile("附件.pdf", make_pdf("hello")))
    response = post(client, "/staff/records/new/", data)
    record = Record.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/records/{record.pk}/"
    revision = record.revisions.get()
    assert revision.document_number == "阳教发〔2026〕12号"
    assert [a.name for a in revision.attachments.all()] == ["附件.pdf"]


def test_a_bad_draft_shows_every_error_and_stores_nothing(client, tree, alice):
    client.force_login(alice)
    data = form_data(
        tree, title="", formation_date="2026-02-30", attachment=SimpleUploadedFile("x.pdf", make_png())
    )
    response = post(client, "/staff/records/new/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert {e.target for e in response.context["errors"]} >= {"id_title", "id_formation_date"}
    response = post(
        client, "/staff/records/new/", form_data(tree, attachment=SimpleUploadedFile("x.pdf", make_png()))
    )
    assert response.status_code == 422
    assert "its content is a PNG image" in response.content.decode()
    assert not Record.objects.exists()
    assert not Attachment.objects.exists()


def test_someone_with_several_agencies_chooses_one_first(client, tree, olga):
    client.force_login(olga)
    page = get(client, "/staff/records/new/")
    assert page.templates[0].name == "backoffice/records/choose_agency.html"
    assert get(client, "/staff/records/new/?agency=EAST-HEALTH").context["agency"] == tree["health"]
    assert (
        get(client, "/staff/records/new/?agency=OTHER").templates[0].name
        == "backoffice/records/choose_agency.html"
    )


def test_a_draft_is_changed_and_a_submitted_one_is_not(client, tree, alice):
    revision = make_draft(tree["education"], by=alice)
    client.force_login(alice)
    page = get(client, f"/staff/records/{revision.record_id}/edit/")
    assert (
        page.context["form"].initial["body"] == "各区教育局：\n现将2026年义务教育招生工作有关事项通知如下。"
    )
    response = post(client, f"/staff/records/{revision.record_id}/edit/", form_data(tree, title="改后的标题"))
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.title == "改后的标题"
    services.submit(revision=revision, by=alice)
    assert get(client, f"/staff/records/{revision.record_id}/edit/").status_code == 302


# --- Scan, review, sign-off, publication --------------------------------------------------------


def test_the_officer_is_stopped_by_the_scan_and_may_ask_the_reviewer(client, tree, alice):
    revision = make_draft(tree["education"], by=alice, body=f"身份证号{CITIZEN_ID}")
    client.force_login(alice)
    detail = get(client, f"/staff/records/{revision.record_id}/").content.decode()
    assert f'<mark class="finding" data-kind="resident_id">{CITIZEN_ID}</mark>' in detail
    response = post(client, f"/staff/records/{revision.record_id}/submit/", {})
    assert response.status_code == 409
    assert "privacy scan found 1" in response.content.decode()
    revision.refresh_from_db()
    assert revision.status == Status.DRAFT
    response = post(client, f"/staff/records/{revision.record_id}/submit/", {"acknowledge_findings": "on"})
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == Status.SUBMITTED


def test_the_reviewer_sees_the_findings_overrides_them_and_approves(client, tree, alice, rita):
    revision = make_draft(tree["education"], by=alice, body="联系电话：0571-87654321")
    services.add_attachment(
        revision=revision, by=alice, file=upload(make_docx("手机13800138000"), "a.docx"), name="a.docx"
    )
    services.submit(revision=revision, by=alice, acknowledge_findings=True)
    client.force_login(rita)
    url = f"/staff/records/{revision.record_id}/review/"
    page = get(client, url)
    html = page.content.decode()
    assert '<mark class="finding" data-kind="landline">0571-87654321</mark>' in html
    assert '<mark class="finding" data-kind="mobile">13800138000</mark>' in html
    assert page.context["may_decide"]
    assert page.context["may_override"]
    refused = post(client, url, {"decision": "approve", "checklist": ALL_CHECKS})
    assert refused.status_code == 409
    assert "privacy scan found 2" in refused.content.decode()
    digests = [f.digest for f in page.context["open_findings"]]
    empty = post(client, url + "override/", {"finding": digests[0], "reason": ""})
    assert empty.status_code == 422
    for digest in digests:
        assert post(client, url + "override/", {"finding": digest, "reason": "公开电话"}).status_code == 302
    no_checks = post(client, url, {"decision": "approve"})
    assert no_checks.status_code == 422
    approved = post(client, url, {"decision": "approve", "checklist": ALL_CHECKS, "comments": "同意"})
    assert approved.status_code == 302
    revision.refresh_from_db()
    assert revision.status == Status.APPROVED


def test_the_reviewer_returns_a_record_with_comments(client, tree, alice, rita):
    revision = services.submit(revision=make_draft(tree["education"], by=alice), by=alice)
    client.force_login(rita)
    url = f"/staff/records/{revision.record_id}/review/"
    assert post(client, url, {"decision": "return"}).status_code == 422
    assert post(client, url, {"decision": "return", "comments": "请补充附件"}).status_code == 302
    revision.refresh_from_db()
    assert revision.status == Status.RETURNED
    client.force_login(alice)
    assert "请补充附件" in get(client, f"/staff/records/{revision.record_id}/").content.decode()


def test_an_officer_cannot_decide_a_review(client, tree, alice):
    revision = services.submit(revision=make_draft(tree["education"], by=alice), by=alice)
    client.force_login(alice)
    assert get(client, f"/staff/records/{revision.record_id}/review/").context["may_decide"] is False
    assert (
        post(client, f"/staff/records/{revision.record_id}/review/", {"decision": "approve"}).status_code
        == 403
    )


def test_the_signer_signs_off_and_the_record_is_published(client, tree, simon):
    revision = make_draft(tree["education"])
    services.submit(revision=revision, by=None)
    services.review(revision=revision, by=None, decision="approve", checklist=ALL_CHECKS)
    client.force_login(simon)
    detail = get(client, f"/staff/records/{revision.record_id}/")
    assert [p.action for p in detail.context["panels"]] == ["sign"]
    assert post(client, f"/staff/records/{revision.record_id}/sign/", {"decision": "sign"}).status_code == 302
    panels = [p.action for p in get(client, f"/staff/records/{revision.record_id}/").context["panels"]]
    assert panels == ["publish"]
    bad = post(
        client, f"/staff/records/{revision.record_id}/publish/", {"when": "later", "at": "2020-01-01T10:00"}
    )
    assert bad.status_code == 422
    done = client.post(f"/staff/records/{revision.record_id}/publish/", {"when": "now"}, follow=True, **EN)
    assert "published with the index number CITY-EDU/" in done.content.decode()
    revision.refresh_from_db()
    assert revision.status == Status.PUBLISHED


def test_a_published_record_is_withdrawn_with_a_reason(client, tree, simon):
    revision = publish_now(make_draft(tree["education"]))
    client.force_login(simon)
    url = f"/staff/records/{revision.record_id}/withdraw/"
    assert post(client, url, {"reason": ""}).status_code == 422
    assert post(client, url, {"reason": "附件有误"}).status_code == 302
    revision.refresh_from_db()
    assert (revision.status, revision.withdrawal_reason) == (Status.WITHDRAWN, "附件有误")


def test_an_action_the_status_does_not_allow_changes_nothing(client, tree, simon):
    revision = to_signed(make_draft(tree["education"]))
    client.force_login(simon)
    response = post(client, f"/staff/records/{revision.record_id}/withdraw/", {"reason": "x"})
    assert response.status_code == 409
    assert "This action was not taken" in response.content.decode()
    revision.refresh_from_db()
    assert revision.status == Status.SIGNED


def test_a_policy_without_its_interpretation_shows_a_warning(client, tree, alice):
    revision = publish_now(
        make_draft(tree["education"], category_key="normative_documents", needs_interpretation=True)
    )
    client.force_login(alice)
    assert (
        'data-warning="interpretation"'
        in get(client, f"/staff/records/{revision.record_id}/").content.decode()
    )


# --- Attachments ------------------------------------------------------------------------------


def test_attachments_are_added_replaced_and_downloaded_by_staff_only(client, tree, alice, fred):
    revision = make_draft(tree["education"], by=alice)
    client.force_login(alice)
    pk = revision.record_id
    bad = client.post(
        f"/staff/records/{pk}/attachments/",
        {"file": SimpleUploadedFile("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)},
        **EN,
    )
    assert bad.status_code == 422
    assert "save it as DOCX" in bad.content.decode()
    ok = client.post(
        f"/staff/records/{pk}/attachments/", {"file": SimpleUploadedFile("表.pdf", make_pdf("one"))}, **EN
    )
    assert ok.status_code == 302
    attachment = Attachment.objects.get()
    replaced = client.post(
        f"/staff/records/{pk}/attachments/{attachment.pk}/replace/",
        {"file": SimpleUploadedFile("表2.pdf", make_pdf("two"))},
        **EN,
    )
    assert replaced.status_code == 302
    new = Attachment.objects.get()
    download = client.get(f"/staff/records/{pk}/attachments/{new.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == make_pdf("two")
    client.force_login(fred)
    assert client.get(f"/staff/records/{pk}/attachments/{new.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/staff/records/{pk}/attachments/{new.pk}/").status_code == 302


# --- Catalogue --------------------------------------------------------------------------------


def test_the_disclosure_office_edits_the_catalogue(client, tree, olga, alice):
    client.force_login(olga)
    page = get(client, "/staff/records/catalogue/?agency=CITY-EDU")
    assert page.status_code == 200
    assert len(page.context["rows"]) == Category.objects.filter(agency=tree["education"]).count()
    added = post(
        client,
        "/staff/records/catalogue/?agency=CITY-EDU",
        {"agency": "CITY-EDU", "name": "招生专栏", "sort_order": 5, "is_active": "on"},
    )
    assert added.status_code == 302
    category = Category.objects.get(agency=tree["education"], name="招生专栏")
    changed = post(
        client,
        f"/staff/records/catalogue/{category.pk}/",
        {"name": "招生入学专栏", "sort_order": 5, "interval_days": 30, "is_active": "on"},
    )
    assert changed.status_code == 302
    category.refresh_from_db()
    assert (category.name, category.interval_days) == ("招生入学专栏", 30)
    client.force_login(alice)
    assert get(client, "/staff/records/catalogue/").status_code == 403
    assert get(client, f"/staff/records/catalogue/{category.pk}/").status_code == 404


def test_pages_work_for_a_revised_and_a_withdrawn_record(client, tree, olga):
    first = publish_now(make_draft(tree["education"], title="原标题"))
    second = services.start_revision(record=first.record, by=None)
    client.force_login(olga)
    html = get(client, f"/staff/records/{first.record_id}/").content.decode()
    assert "The public sees revision 1" in html
    publish_now(second, at(D(2026, 4, 1)))
    services.withdraw(revision=Revision.objects.get(pk=second.pk), by=None, reason="内容有误")
    html = get(client, f"/staff/records/{first.record_id}/").content.decode()
    assert "内容有误" in html
    assert re.search(r"Revision 1 · Superseded", html)
