"""A record's cross-posting to new media, in the browser, on the pages people use.

Li, the Education Bureau's officer, opens a published record's staff page and cross-posts it to the
bureau's WeChat official account and Weibo account — here local fake servers of both platforms. The
first push sends the Weibo post; WeChat refuses the draft (its daily API limit), and the record's
page says so; the push after the wait sends it, and the record's page shows both posts' addresses.
On the register, the bureau's Douyin account, never posted to, is flagged as not updated for 2 weeks.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from sunshine.agencies.models import Role
from sunshine.newmedia import delivery, services
from sunshine.newmedia.models import Post
from sunshine.workdays import services as workdays
from tests.browser.conftest import screenshot
from tests.browser.staff_support import no_errors, staff
from tests.newmedia.conftest import account_input
from tests.newmedia.fake_platforms import ARTICLE_URL, WEIBO_USER, running
from tests.records.conftest import make_draft, publish_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WEIBO_POST = f"https://weibo.com/{WEIBO_USER}/4999000111222333"


@pytest.fixture
def platforms(settings, transactional_db, monkeypatch):
    workdays.load_builtin_years(by=None)  # transactional tests flush the data migration's rows
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 11, 12)
    )
    with running() as fake:
        settings.SUNSHINE_NEWMEDIA_WECHAT_URL = fake.base_url
        settings.SUNSHINE_NEWMEDIA_WEIBO_URL = fake.base_url
        settings.SUNSHINE_NEWMEDIA_CREDENTIALS = {
            "gh_sunshine_edu": {"appid": "wx-fake-appid", "secret": "fake-app-secret"},
            "5201314": {"access_token": "fake-weibo-token"},
        }
        settings.SUNSHINE_SITE_URL = "https://gk.example.gov.cn"
        yield fake


def test_a_record_is_cross_posted_and_a_failed_post_retried(browser, live_server, tree, make_user, platforms):
    li = make_user("li", agency=tree["education"], role=Role.OFFICER, first_name="李信息")
    education = tree["education"]
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
    record = publish_now(make_draft(education)).record
    platforms.answer_next(
        "/cgi-bin/draft/add", {"errcode": 45009, "errmsg": "reach max api daily quota limit"}
    )

    with staff(browser, live_server.url, "li") as page:
        page.goto(f"{live_server.url}/staff/records/{record.pk}/")
        card = page.locator("#newmedia")
        card.locator(f"input[name=accounts][value='{wechat.pk}']").check()
        card.locator(f"input[name=accounts][value='{weibo.pk}']").check()
        card.locator("button[type=submit]").click()
        page.wait_for_load_state()
        no_errors(page)
        assert Post.objects.filter(record=record, state="queued").count() == 2

        call_command("newmedia_push")
        page.reload()
        sent = page.locator("#newmedia-posts li[data-platform=weibo][data-state=sent]")
        assert sent.locator(f"a[href='{WEIBO_POST}']").count() == 1
        failed = page.locator("#newmedia-posts li[data-platform=wechat][data-state=retrying]")
        assert "45009" in failed.inner_text()
        screenshot(page, "newmedia-retrying")

        outcome = delivery.push(now=timezone.now() + datetime.timedelta(minutes=2))
        assert outcome.sent == 1
        page.reload()
        posts = page.locator("#newmedia-posts")
        assert posts.locator("li[data-state=sent]").count() == 2
        assert posts.locator(f"a[href='{ARTICLE_URL}']").count() == 1
        assert posts.locator(f"a[href='{WEIBO_POST}']").count() == 1
        assert "45009" not in posts.inner_text()

        page.goto(f"{live_server.url}/staff/newmedia/")
        assert page.locator(f"tr[data-account='{douyin.pk}'] [data-flag=stale]").count() == 1
        assert page.locator(f"tr[data-account='{wechat.pk}'] [data-flag=stale]").count() == 0
        assert page.locator(f"tr[data-account='{weibo.pk}'] [data-flag=stale]").count() == 0
        screenshot(page, "newmedia-register")
