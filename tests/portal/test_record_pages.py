"""The public page of a published record, its print view and its attachments, through the test client."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sunshine.agencies.models import Agency
from sunshine.records import services
from sunshine.records.models import Record, Revision, Topic
from tests.portal.records_support import (
    D,
    at,
    fresh_cache,
    make_draft,
    media,
    publish,
    publish_now,
    revise,
    upload,
)
from tests.records.files import make_pdf

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache", "media"]


def page(client: Client, revision: Revision, suffix: str = "") -> str:
    response = client.get(f"/records/{revision.record.index_number}/{suffix}")
    assert response.status_code == 200
    return response.content.decode()


def field(html: str, name: str, end: str = "dd|span|a") -> str:
    match = re.search(rf'data-field="{name}"[^>]*>(.*?)</({end})>', html, re.S)
    assert match is not None, name
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_a_published_record_shows_its_catalogue_data_title_and_text(client, tree):
    topic = Topic.objects.create(code="99", name="教育")
    revision = publish(
        tree["education"],
        "阳光市教育局关于做好2026年义务教育招生工作的通知",
        document_number="阳教发〔2026〕12号",
        topic=topic,
        body="<p>现将招生工作有关事项通知如下。</p>",
    )

    html = page(client, revision)

    assert field(html, "index_number") == revision.record.index_number
    assert field(html, "topic") == "教育"
    assert field(html, "issuers") == "阳光市教育局"
    assert field(html, "formation_date") == "2026-03-02"
    assert field(html, "document_number") == "阳教发〔2026〕12号"
    assert field(html, "published") == "2026-03-10"
    assert (
        '<h1 id="h-record" class="record__title">阳光市教育局关于做好2026年义务教育招生工作的通知</h1>'
        in html
    )
    assert "现将招生工作有关事项通知如下。" in html
    assert "validity--valid" in html
    assert 'data-field="updated"' not in html


def test_a_joint_document_names_every_issuing_agency(client, tree):
    revision = publish(
        tree["education"], "关于联合开展校园安全检查的通知", issuers=[tree["education"], tree["finance"]]
    )

    assert field(page(client, revision), "issuers") == "阳光市教育局、阳光市财政局"


def test_the_breadcrumbs_lead_to_the_agency_and_the_category(client, tree):
    revision = publish(tree["education"], "关于规范校外培训的意见", category_key="normative_documents")

    html = page(client, revision)

    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
    assert crumbs is not None
    trail = crumbs.group(0)
    assert 'href="/agencies/CITY-EDU/"' in trail
    assert 'href="/agencies/CITY-EDU/categories/policy_documents/"' in trail
    assert 'href="/agencies/CITY-EDU/categories/normative_documents/"' in trail


def test_a_repealed_document_says_since_when_and_links_the_one_replacing_it(client, tree):
    old = publish(tree["education"], "阳光市中小学收费管理办法", day=D(2026, 1, 5))
    new = publish(tree["education"], "阳光市中小学收费管理办法（修订）", day=D(2026, 3, 5))
    services.change_validity(
        record=old.record, by=None, validity="revised", on=D(2026, 3, 5), replaced_by=new.record
    )

    html = page(client, old)

    assert "validity--revised" in html
    assert "2026-03-05" in field(html, "validity", end="dd")
    assert f'href="/records/{new.record.index_number}/" data-field="replaced_by"' in html


def test_a_revised_record_shows_when_it_was_last_updated(client, tree):
    revision = publish(tree["education"], "关于开展暑期安全教育的通知")
    revise(revision.record, at(D(2026, 4, 1)), title="关于开展暑期安全教育的通知（更新）")

    html = page(client, revision)

    assert "关于开展暑期安全教育的通知（更新）" in html
    assert field(html, "published").startswith("2026-03-10")
    assert "2026-04-01" in field(html, "updated")


def test_a_policy_document_and_its_interpretation_link_to_each_other(client, tree):
    policy = publish(tree["education"], "关于推进集团化办学的实施意见", category_key="normative_documents")
    interpretation = publish(
        tree["education"],
        "《关于推进集团化办学的实施意见》政策解读",
        category_key="policy_interpretation",
        genre="interpretation",
        interprets=policy.record,
        day=D(2026, 3, 11),
    )

    policy_html = page(client, policy)
    interpretation_html = page(client, interpretation)

    assert f'href="/records/{interpretation.record.index_number}/"' in policy_html
    assert 'data-link="interpretations"' in policy_html
    assert f'href="/records/{policy.record.index_number}/"' in interpretation_html
    assert 'data-link="interprets"' in interpretation_html


def test_attachments_are_listed_and_can_be_downloaded(client, tree):
    draft = make_draft(tree["education"], title="关于公布2026年学区划分的通知")
    pdf = make_pdf("School districts 2026")
    services.add_attachment(
        revision=draft, by=None, file=upload(pdf, "学区划分表.pdf"), name="学区划分表.pdf"
    )
    revision = publish_now(draft, at(D(2026, 3, 10)))
    attachment = revision.attachments.get()

    html = page(client, revision)
    url = f"/records/{revision.record.index_number}/files/{attachment.pk}/"
    assert f'href="{url}"' in html
    assert "学区划分表.pdf" in html
    assert "PDF" in html

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf
    assert response["ETag"] == f'"{attachment.sha256}"'
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_files_of_a_revision_in_progress_or_of_another_record_are_not_served(client, tree):
    first = publish(tree["education"], "关于公布招生计划的通知")
    other = publish(tree["education"], "关于公布学区的通知")
    revision = services.start_revision(record=first.record, by=None)
    services.add_attachment(
        revision=revision, by=None, file=upload(make_pdf("Draft plan"), "计划草稿.pdf"), name="计划草稿.pdf"
    )
    draft_file = revision.attachments.get()

    assert client.get(f"/records/{first.record.index_number}/files/{draft_file.pk}/").status_code == 404
    assert client.get(f"/records/{other.record.index_number}/files/{draft_file.pk}/").status_code == 404
    assert "计划草稿.pdf" not in page(client, first)


def test_the_print_view_has_the_record_without_the_site_navigation(client, tree):
    revision = publish(tree["education"], "关于做好秋季开学工作的通知", document_number="阳教发〔2026〕20号")

    html = page(client, revision, "print/")

    assert 'class="site-nav"' not in html
    assert 'class="print-page"' in html
    assert field(html, "index_number") == revision.record.index_number
    assert "关于做好秋季开学工作的通知" in html
    assert f'<link rel="canonical" href="/records/{revision.record.index_number}/">' in html


def test_the_record_page_links_its_print_view(client, tree):
    revision = publish(tree["education"], "关于做好秋季开学工作的通知")

    assert f'href="/records/{revision.record.index_number}/print/"' in page(client, revision)


def test_a_withdrawn_record_is_gone_at_once(client, tree):
    revision = publish(tree["education"], "关于暂停校外研学活动的通知")
    url = f"/records/{revision.record.index_number}/"
    assert client.get(url).status_code == 200

    services.withdraw(revision=revision, by=None, reason="内容已过时")

    assert client.get(url).status_code == 404
    assert client.get(f"{url}print/").status_code == 404


def test_a_record_published_with_a_future_time_is_not_shown_before_then(client, tree):
    draft = make_draft(tree["education"], title="关于寒假放假安排的通知")
    revision = publish_now(draft, at(D(2099, 1, 5)))

    assert client.get(f"/records/{revision.record.index_number}/").status_code == 404


def test_a_record_of_an_inactive_agency_is_not_shown(client, tree):
    revision = publish(tree["education"], "关于教育收费的公告")
    Agency.objects.filter(pk=tree["education"].pk).update(is_active=False)

    assert client.get(f"/records/{revision.record.index_number}/").status_code == 404


def test_drafts_and_unknown_index_numbers_give_404(client, tree):
    draft = make_draft(tree["education"], title="草稿：尚未发布的通知")
    assert Record.objects.get(pk=draft.record_id).index_number is None

    assert client.get("/records/CITY-EDU/2026-99999/").status_code == 404
    assert client.get(f"/records/{draft.record_id}/").status_code == 404


def test_a_new_revision_in_review_does_not_change_the_public_page(client, tree):
    revision = publish(tree["education"], "关于开展教师培训的通知")
    draft = services.start_revision(record=revision.record, by=None)
    services.update_draft(revision=draft, by=None, title="尚在审查中的新标题")

    html = page(client, revision)

    assert "关于开展教师培训的通知" in html
    assert "尚在审查中的新标题" not in html


def test_the_record_page_is_never_kept_stale_by_a_cache(client, tree, alice):
    revision = publish(tree["education"], "关于开展教师培训的通知")
    url = f"/records/{revision.record.index_number}/"

    anonymous = client.get(url)
    assert "max-age=0" in anonymous["Cache-Control"]
    assert "must-revalidate" in anonymous["Cache-Control"]
    assert "Cookie" in anonymous["Vary"]
    assert "Accept-Language" in anonymous["Vary"]

    client.force_login(alice)
    signed_in = client.get(url)
    assert "no-store" in signed_in["Cache-Control"]
    assert "private" in signed_in["Cache-Control"]


def test_a_file_missing_from_storage_is_a_404_for_the_reader_and_an_error_in_the_log(client, tree, caplog):
    draft = make_draft(tree["education"], title="关于公布2026年学区划分的通知")
    services.add_attachment(
        revision=draft, by=None, file=upload(make_pdf("Districts"), "学区划分表.pdf"), name="学区划分表.pdf"
    )
    revision = publish_now(draft, at(D(2026, 3, 10)))
    attachment = revision.attachments.get()
    attachment.file.storage.delete(attachment.file.name)

    response = client.get(f"/records/{revision.record.index_number}/files/{attachment.pk}/")

    assert response.status_code == 404
    assert any("missing from storage" in r.getMessage() and r.levelname == "ERROR" for r in caplog.records)
