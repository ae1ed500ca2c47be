"""The crawler against Django's live server (loopback): the done-when of issue #16 — a broken
attachment link and a stale column planted in a test site are found — and its bounds."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command

from sunshine.records import services as records
from sunshine.sitehealth.codes import Kind, Severity
from sunshine.sitehealth.models import CheckRun, Finding
from tests.portal.records_support import at, make_draft, publish_now, upload
from tests.records.files import make_pdf
from tests.sitehealth.conftest import TODAY

D = datetime.date
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def planted(tree, calendar, media):
    """A test site: the Education Bureau's news column last published on 2 November (stale on the
    30th), a notice whose attachment's file is gone from storage, and a record whose text links to a
    record that does not exist."""
    news = publish_now(
        make_draft(tree["education"], title="教育局召开工作会议", category_key="work_news"),
        at(D(2026, 11, 2)),
    )
    draft = make_draft(tree["education"], title="关于公布学区划分的通知", category_key="notices")
    records.add_attachment(
        revision=draft, by=None, file=upload(make_pdf("Districts"), "学区.pdf"), name="学区.pdf"
    )
    notice = publish_now(draft, at(D(2026, 11, 27)))
    attachment = notice.attachments.get()
    attachment.file.storage.delete(attachment.file.name)  # the file is lost: the link is broken
    linking = publish_now(
        make_draft(
            tree["education"],
            title="关于转发通知的通知",
            category_key="notices",
            body='<p>详见<a href="/records/CITY-EDU/1999-99999/">原通知</a>。</p>',
        ),
        at(D(2026, 11, 28)),
    )
    return {"news": news, "notice": notice, "attachment": attachment, "linking": linking}


def test_the_crawler_finds_a_broken_attachment_link_and_a_stale_column_planted_in_a_test_site(
    live_server, planted, tree, settings
):
    settings.SUNSHINE_SITEHEALTH_MAX_PAGES = 400  # enough to reach the records' own links
    call_command("sitehealth_check", base_url=live_server.url, today=TODAY)

    run = CheckRun.objects.get()
    assert run.pages_crawled > 5
    notice = planted["notice"].record.index_number
    broken = Finding.objects.get(run=run, kind=Kind.BROKEN_ATTACHMENT)
    assert broken.url == f"{live_server.url}/records/{notice}/files/{planted['attachment'].pk}/"
    assert broken.status is not None
    assert broken.status >= 400
    assert broken.found_on == f"{live_server.url}/records/{notice}/"
    assert broken.severity == Severity.VETO
    assert broken.agency == tree["education"]

    stale = Finding.objects.get(run=run, kind=Kind.DYNAMIC_STALE)
    assert (stale.agency, stale.subject, stale.severity) == (tree["education"], "工作动态", Severity.VETO)
    assert "2026-11-02" in stale.detail
    # The notices column, published three days ago, is neither stale nor blank.
    assert not Finding.objects.filter(run=run, agency=tree["education"], subject="通知公告").exists()

    # A link in a record's text to a record that does not exist: its status and the page it is on.
    link = Finding.objects.get(run=run, kind=Kind.BROKEN_LINK, url__endswith="/records/CITY-EDU/1999-99999/")
    assert link.status == 404
    assert link.found_on == f"{live_server.url}/records/{planted['linking'].record.index_number}/"
    assert link.detail == "Linked from 1 page."
    assert link.agency == tree["education"]  # from the page it is on


def test_the_crawl_stops_at_its_page_limit(live_server, planted):
    call_command("sitehealth_check", base_url=live_server.url, today=TODAY, max_pages=3)

    run = CheckRun.objects.get()
    assert run.pages_crawled == 3
    assert run.reached_limit


def test_a_site_that_does_not_answer_is_a_veto_item(tree, calendar):
    call_command("sitehealth_check", base_url="http://127.0.0.1:9", today=TODAY)  # nothing listens there

    run = CheckRun.objects.get()
    unreachable = Finding.objects.get(run=run, kind=Kind.UNREACHABLE)
    assert unreachable.severity == Severity.VETO
    assert unreachable.status is None
    assert unreachable.detail
    assert run.pages_crawled == 1
    assert run.links_checked == 0


def test_the_check_needs_an_address(settings, db):
    settings.SUNSHINE_SITEHEALTH_BASE_URL = ""
    settings.SUNSHINE_SITE_URL = ""
    with pytest.raises(CommandError, match="no address to crawl"):
        call_command("sitehealth_check")
