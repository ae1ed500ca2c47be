"""Issue #19's whole journey, in the browser, on the pages staff and the public use.

Li, the Education Bureau's officer, writes a notice; Rita reviews it and Simon signs and publishes it.
Li cross-posts it from the record's staff page to the bureau's WeChat official account and Weibo
account (local fake servers of both platforms). The first run of ``manage.py newmedia_push`` sends
the WeChat article; Weibo refuses the post (its rate limit) and the record's page says so. The next
run, once the retry's wait is over (shortened here from a minute to a second), sends it, and the
record's page shows both posts' addresses. The bureau's Douyin account, last posted 15 days ago, is
flagged as not updated for 2 weeks by the monthly check and on the register.

Olga of the city's disclosure office then compiles a bulletin issue of the notice and the city's
decree, publishes it; a citizen downloads its PDF, whose bookmarks and contents page list them in the
issue's order. Last, the hall's screen (1080×1920, touch only): a visitor taps the notice, searches
for it with the on-screen keypad, walks away, and the screen goes back to its start page after the
idle time (shortened through ``SUNSHINE_LOBBY_IDLE_SECONDS``).
"""

from __future__ import annotations

import datetime
import io
import time
from typing import Any
from urllib.parse import urlsplit

import pypdfium2  # type: ignore[import-untyped]
import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from sunshine.agencies.models import Role
from sunshine.bulletins.models import Issue
from sunshine.newmedia import services
from sunshine.newmedia.adapters import http
from sunshine.newmedia.models import Post
from sunshine.records.models import Revision
from sunshine.workdays import services as workdays
from tests.browser.conftest import screenshot
from tests.browser.portal_support import citizen
from tests.browser.staff_support import no_errors, staff
from tests.bulletins.conftest import records  # noqa: F401
from tests.inforequests.test_documents import need_cjk_font
from tests.newmedia.conftest import account_input
from tests.newmedia.fake_platforms import ARTICLE_URL, WEIBO_USER, running

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "阳光市教育局关于2026年秋季学期学生资助工作的通知"
WEIBO_POST = f"https://weibo.com/{WEIBO_USER}/4999000111222333"
SCREEN = {"width": 1080, "height": 1920}


@pytest.fixture
def platforms(settings, transactional_db, monkeypatch):
    """The fake WeChat and Weibo servers; any other address fails the test."""
    workdays.load_builtin_years(by=None)  # transactional tests flush the data migration's rows
    real = http.open_url

    def guarded(request, timeout):
        host = urlsplit(request.full_url).hostname
        assert host == "127.0.0.1", f"a test reached the network: {request.full_url}"
        return real(request, timeout)

    monkeypatch.setattr(http, "open_url", guarded)
    # The first wait after a failure is a minute in production; a second here.
    monkeypatch.setattr("sunshine.outbox.delivery.FIRST_DELAY", datetime.timedelta(seconds=1))
    with running() as fake:
        settings.SUNSHINE_NEWMEDIA_WECHAT_URL = fake.base_url
        settings.SUNSHINE_NEWMEDIA_WEIBO_URL = fake.base_url
        settings.SUNSHINE_NEWMEDIA_CREDENTIALS = {
            "gh_sunshine_edu": {"appid": "wx-fake-appid", "secret": "fake-app-secret"},
            "5201314": {"access_token": "fake-weibo-token"},
        }
        settings.SUNSHINE_SITE_URL = "https://gk.example.gov.cn"
        yield fake


@pytest.fixture
def people(make_user, tree, olga):
    education = tree["education"]
    return {
        "li": make_user("li", agency=education, role=Role.OFFICER, first_name="李信息"),
        "rita": make_user("rita", agency=education, role=Role.REVIEWER),
        "simon": make_user("simon", agency=education, role=Role.SIGNER),
        "olga": olga,
    }


def submit(page, selector: str) -> None:
    page.locator(selector).click()
    page.wait_for_load_state()
    no_errors(page)


def take_step(page, action: str) -> None:
    page.locator(f"#action-{action}").evaluate("details => { details.open = true; }")
    submit(page, f"#action-{action} button[type=submit]")


def status_of(page) -> str | None:
    return page.locator("[data-status]").first.get_attribute("data-status")


def publish_through_pages(browser, base_url: str) -> str:
    """Li writes and sends the notice, Rita approves it, Simon signs and publishes: its staff URL."""
    with staff(browser, base_url, "li") as page:
        page.goto(base_url + "/staff/records/new/")
        page.fill("#id_title", TITLE)
        page.select_option("#id_category", label="通知公告")
        page.fill("#id_document_number", "阳教发〔2026〕31号")
        page.fill("#id_formation_date", timezone.localdate().isoformat())
        page.fill("#id_body", "各区教育局：\n现将2026年秋季学期学生资助工作有关事项通知如下。")
        submit(page, "form.rec-form button[type=submit]")
        record_url = page.url
        take_step(page, "submit")
        assert status_of(page) == "submitted"
    with staff(browser, base_url, "rita", phone=True) as page:
        page.goto(record_url + "review/")
        for box in page.locator("input[name=checklist]").all():
            box.check()
        page.locator("input[name=decision][value=approve]").check()
        submit(page, ".rec-decision button[type=submit]")
        assert status_of(page) == "approved"
    with staff(browser, base_url, "simon") as page:
        page.goto(record_url)
        take_step(page, "sign")
        take_step(page, "publish")
        assert status_of(page) == "published"
    return record_url


def page_text(content: bytes, index: int) -> str:
    document = pypdfium2.PdfDocument(content)
    try:
        return "".join(document[index].get_textpage().get_text_range().split())
    finally:
        document.close()


def children_of(outline: list[Any]) -> list[list[Any]]:
    return [item for item in outline if isinstance(item, list)]


def add_to_issue(page, title: str, section: str) -> None:
    page.fill("#id_q", title)
    submit(page, "main form.filters button[type=submit]")
    row = page.locator("main tr", has_text=title).first
    row.locator("input[name=section]").fill(section)
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def test_a_record_is_cross_posted_retried_flagged_in_a_bulletin_and_on_the_lobby_screen(
    browser,
    live_server,
    tree,
    people,
    platforms,
    records,  # noqa: F811
    settings,
    capsys,
):
    need_cjk_font()
    education = tree["education"]
    base = live_server.url
    record_url = publish_through_pages(browser, base)
    notice = Revision.objects.get(title=TITLE, status="published")

    # The bureau's accounts: WeChat and Weibo cross-posted to; Douyin posted by hand 15 days ago.
    li = people["li"]
    wechat = services.register_account(by=li, agency=education, data=account_input())
    weibo = services.register_account(
        by=li,
        agency=education,
        data=account_input(platform="weibo", name="阳光教育发布", account_id="5201314", public_url=""),
    )
    douyin = services.register_account(
        by=li,
        agency=education,
        data=account_input(platform="douyin", name="阳光教育抖音号", account_id="dy-42", public_url=""),
    )
    today = timezone.localdate()
    services.add_post(
        by=li, account=douyin, title="开学第一课", posted_on=today - datetime.timedelta(days=15)
    )
    services.add_post(by=li, account=weibo, title="招生咨询热线", posted_on=today)
    platforms.answer_next(
        "/2/statuses/share.json",
        {"error_code": 10023, "error": "User requests out of rate limit!"},
        status=403,
    )

    with staff(browser, base, "li") as page:
        page.goto(record_url)
        card = page.locator("#newmedia")
        card.locator(f"input[name=accounts][value='{wechat.pk}']").check()
        card.locator(f"input[name=accounts][value='{weibo.pk}']").check()
        submit(page, "#newmedia button[type=submit]")
        assert Post.objects.filter(record=notice.record, state="queued").count() == 2

        call_command("newmedia_push")  # as the timer runs it
        assert "1 sent, 1 failed" in capsys.readouterr().out
        page.reload()
        posts = page.locator("#newmedia-posts")
        sent = posts.locator("li[data-platform=wechat][data-state=sent]")
        assert sent.locator(f"a[href='{ARTICLE_URL}']").count() == 1
        failed = posts.locator("li[data-platform=weibo][data-state=retrying]")
        assert "10023" in failed.inner_text()
        screenshot(page, "channels-record-retrying")

        retry = Post.objects.get(record=notice.record, account=weibo)
        assert retry.next_attempt_at is not None
        wait = (retry.next_attempt_at - timezone.now()).total_seconds()
        time.sleep(max(wait, 0) + 0.2)  # the timer's next run, after the wait
        call_command("newmedia_push")
        assert "1 sent, 0 failed" in capsys.readouterr().out
        page.reload()
        assert posts.locator("li[data-state=sent]").count() == 2
        assert posts.locator(f"li[data-platform=wechat] a[href='{ARTICLE_URL}']").count() == 1
        assert posts.locator(f"li[data-platform=weibo] a[href='{WEIBO_POST}']").count() == 1
        assert "10023" not in posts.inner_text()
        screenshot(page, "channels-record-posted")
        assert [c.path for c in platforms.calls].count("/2/statuses/share.json") == 2

        # The monthly check, then the register.
        call_command("newmedia_check", "--date", today.isoformat())
        report = capsys.readouterr().out
        assert "3 active, 1 not updated for 2 weeks" in report
        assert "阳光教育抖音号" in report
        page.goto(base + "/staff/newmedia/")
        assert page.locator(f"tr[data-account='{douyin.pk}'] [data-flag=stale]").count() == 1
        assert page.locator(f"tr[data-account='{wechat.pk}'] [data-flag=stale]").count() == 0
        assert page.locator(f"tr[data-account='{weibo.pk}'] [data-flag=stale]").count() == 0
        screenshot(page, "channels-register")

    # A bulletin issue of the notice and the city's decree, compiled on the staff pages.
    with staff(browser, base, "olga") as office:
        office.set_default_timeout(60_000)  # publishing prints the PDF: slow on a busy machine
        office.goto(base + "/staff/bulletins/new/")
        office.locator("#id_agency").select_option(str(tree["city"].pk))
        office.fill("#id_year", str(today.year))
        office.fill("#id_number", "7")
        office.fill("#id_published_on", today.isoformat())
        submit(office, "main form button[type=submit]")
        issue = Issue.objects.get(year=today.year, number=7)
        add_to_issue(office, records.decree.title, "市政府文件")
        add_to_issue(office, TITLE, "部门文件")
        submit(office, "main form[action$='/publish/'] button[type=submit]")
    issue.refresh_from_db()
    assert issue.status == "published"

    with citizen(browser, base) as reader:
        reader.goto(base + "/bulletins/")
        reader.locator(f"main a[href='/bulletins/{today.year}/7/']").click()
        reader.wait_for_load_state()
        listed = reader.locator("#contents li[data-order]").all_inner_texts()
        assert [records.decree.title in listed[0], TITLE in listed[1]] == [True, True]
        href = reader.locator("main a[data-download=pdf]").get_attribute("href")
        response = reader.request.get(base + href)
        assert response.headers["content-type"] == "application/pdf"
        content = response.body()
    pdf = PdfReader(io.BytesIO(content))
    outline = pdf.outline
    assert [item.title for item in outline if not isinstance(item, list)] == ["市政府文件", "部门文件"]
    children = [[entry.title for entry in item] for item in children_of(outline)]
    assert children == [[records.decree.title], [TITLE]]
    # The contents page (after the cover) gives each record's page; each bookmark opens that page.
    contents = page_text(content, 1).replace("·", "")
    assert records.decree.title + "3" in contents
    assert TITLE + "4" in contents
    notice_mark = children_of(outline)[1][0]
    assert pdf.get_destination_page_number(notice_mark) == 3
    assert TITLE in page_text(content, 3)

    # The hall's screen: touch only, back to the start page after the idle time.
    settings.SUNSHINE_LOBBY_IDLE_SECONDS = 3
    number = notice.record.index_number
    with citizen(browser, base, viewport=SCREEN, has_touch=True) as screen:
        screen.goto(base + "/lobby/")
        screen.tap(f"a.lobby-row[href='/lobby/records/{number}/']")
        screen.wait_for_url(f"**/lobby/records/{number}/")
        assert screen.locator("h1").inner_text() == TITLE
        screen.tap("#lobby-search")
        screen.wait_for_url("**/lobby/search/")
        screen.tap(".lobby-keypad__topics [data-key='教育']")
        screen.tap("#lobby-go")
        screen.wait_for_url("**/lobby/search/?*")
        assert TITLE in screen.locator(".lobby-results").inner_text()
        assert screen.locator("body").get_attribute("data-idle-seconds") == "3"
        screenshot(screen, "channels-lobby-search")
        screen.wait_for_url(base + "/lobby/", timeout=10_000)
        assert screen.locator(".lobby-tile").count() == 3
