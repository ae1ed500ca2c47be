"""Cross-posting a published record: queued from the record's staff page to chosen active accounts
(one outbox row per account), sent by ``manage.py newmedia_push`` through the WeChat and Weibo
adapters — here against local fake servers — retried after a failure with a growing wait, and each
result shown on the record's staff page."""

from __future__ import annotations

import datetime
import json
from urllib.parse import parse_qs

import pytest
from django.core.management import call_command
from django.utils import timezone

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError
from sunshine.newmedia import delivery, services
from sunshine.newmedia.models import Post
from tests.newmedia.conftest import account_input
from tests.newmedia.fake_platforms import ARTICLE_URL, WEIBO_USER


def queue_from_the_record_page(client, record, *accounts) -> None:
    response = client.post(
        f"/staff/newmedia/records/{record.pk}/queue/", {"accounts": [a.pk for a in accounts]}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/staff/records/{record.pk}/#newmedia"


def test_a_record_goes_to_wechat_and_weibo_and_a_failed_post_is_retried(
    client, published, wechat, weibo, alice, platforms, today
):
    client.force_login(alice)
    page = client.get(f"/staff/records/{published.pk}/").content.decode()
    assert 'id="newmedia"' in page
    assert "阳光教育发布" in page

    queue_from_the_record_page(client, published, wechat, weibo)
    assert Post.objects.filter(record=published, state="queued").count() == 2
    # WeChat refuses the first draft: the daily limit of API calls.
    platforms.answer_next(
        "/cgi-bin/draft/add", {"errcode": 45009, "errmsg": "reach max api daily quota limit"}
    )

    call_command("newmedia_push")

    to_wechat, to_weibo = Post.objects.get(account=wechat), Post.objects.get(account=weibo)
    assert (to_weibo.state, to_weibo.url) == ("sent", f"https://weibo.com/{WEIBO_USER}/4999000111222333")
    assert to_wechat.state == "retrying"
    assert to_wechat.attempts == 1
    assert to_wechat.last_error == "WeChat error 45009: the daily limit of API calls is reached"
    waited = to_wechat.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < waited <= datetime.timedelta(minutes=1)
    page = client.get(f"/staff/records/{published.pk}/").content.decode()
    assert f"https://weibo.com/{WEIBO_USER}/4999000111222333" in page
    assert "WeChat error 45009: the daily limit of API calls is reached" in page

    # Not before its time: a push now leaves it waiting.
    delivery.push()
    assert Post.objects.get(account=wechat).attempts == 1
    # Its time come, it goes out.
    outcome = delivery.push(now=timezone.now() + datetime.timedelta(minutes=2))

    assert outcome.sent == 1
    to_wechat.refresh_from_db()
    assert (to_wechat.state, to_wechat.url, to_wechat.attempts) == ("sent", ARTICLE_URL, 2)
    assert to_wechat.last_error == ""
    page = client.get(f"/staff/records/{published.pk}/").content.decode()
    assert ARTICLE_URL in page
    assert f"https://weibo.com/{WEIBO_USER}/4999000111222333" in page
    assert "45009" not in page


def test_the_wechat_adapter_follows_the_token_draft_and_publish_steps(
    published, wechat, alice, platforms, today
):
    services.queue_record(by=alice, record=published, accounts=[wechat])

    delivery.push()

    assert platforms.paths() == [
        "/cgi-bin/token",
        "/cgi-bin/draft/add",
        "/cgi-bin/freepublish/submit",
        "/cgi-bin/freepublish/get",
    ]
    token_call, draft_call = platforms.calls[0], platforms.calls[1]
    assert token_call.query["appid"] == ["wx-fake-appid"]
    assert draft_call.query["access_token"] == ["fake-token"]
    article = json.loads(draft_call.body)["articles"][0]
    assert article["title"] == "阳光市教育局关于做好2026年义务教育招生工作的通知"
    assert article["content_source_url"].startswith("https://gk.example.gov.cn/records/")
    assert json.loads(platforms.calls[2].body) == {"media_id": "fake-media-id"}


def test_the_weibo_adapter_shares_the_title_and_the_portal_link(published, weibo, alice, platforms, today):
    services.queue_record(by=alice, record=published, accounts=[weibo])

    delivery.push()

    (call,) = platforms.calls
    form = parse_qs(call.body.decode())
    assert form["access_token"] == ["fake-weibo-token"]
    status = form["status"][0]
    assert status.startswith(
        "阳光市教育局关于做好2026年义务教育招生工作的通知 https://gk.example.gov.cn/records/"
    )
    assert len(status) <= 140


@pytest.mark.parametrize(
    ("path", "answer", "words"),
    [
        (
            "/cgi-bin/token",
            {"errcode": 40001, "errmsg": "invalid credential"},
            "WeChat error 40001: invalid credential",
        ),
        ("/cgi-bin/token", {"errcode": 40164, "errmsg": "invalid ip"}, "not on the account's IP whitelist"),
        (
            "/cgi-bin/freepublish/submit",
            {"errcode": 99999, "errmsg": "something new"},
            "WeChat error 99999: something new",
        ),
    ],
)
def test_wechat_errors_are_said_in_words(published, wechat, alice, platforms, today, path, answer, words):
    services.queue_record(by=alice, record=published, accounts=[wechat])
    platforms.answer_next(path, answer)

    delivery.push()

    post = Post.objects.get(account=wechat)
    assert post.state == "retrying"
    assert words in post.last_error
    assert "fake-app-secret" not in post.last_error


def test_weibo_errors_are_said_in_words(published, weibo, alice, platforms, today):
    services.queue_record(by=alice, record=published, accounts=[weibo])
    platforms.answer_next(
        "/2/statuses/share.json",
        {"error_code": 21327, "error": "expired_token", "request": "/2/statuses/share.json"},
        403,
    )

    delivery.push()

    assert Post.objects.get(account=weibo).last_error == "Weibo error 21327: the access token has expired"


def test_the_waits_grow_and_are_capped(published, weibo, alice, platforms, today):
    services.queue_record(by=alice, record=published, accounts=[weibo])
    now = timezone.now()
    waits = []
    for _ in range(9):
        platforms.answer_next(
            "/2/statuses/share.json", {"error_code": 10023, "error": "User requests out of rate limit"}
        )
        delivery.push(now=now)
        post = Post.objects.get(account=weibo)
        waits.append(post.next_attempt_at - now)
        now = post.next_attempt_at

    minutes = [int(w.total_seconds() // 60) for w in waits]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert post.state == "retrying"  # never given up
    assert post.attempts == 9


def test_an_account_without_credentials_waits_with_the_reason(
    published, wechat, alice, platforms, settings, today
):
    settings.SUNSHINE_NEWMEDIA_CREDENTIALS = {}
    services.queue_record(by=alice, record=published, accounts=[wechat])

    delivery.push()

    post = Post.objects.get(account=wechat)
    assert post.state == "retrying"
    assert post.last_error.startswith("No credentials for this account")
    assert platforms.calls == []


def test_credentials_are_read_from_the_file_the_settings_name(
    published, weibo, alice, platforms, settings, tmp_path, today
):
    path = tmp_path / "newmedia.json"
    path.write_text(json.dumps({"5201314": {"access_token": "from-the-file"}}), encoding="utf-8")
    settings.SUNSHINE_NEWMEDIA_CREDENTIALS = {}
    settings.SUNSHINE_NEWMEDIA_CREDENTIALS_FILE = str(path)
    services.queue_record(by=alice, record=published, accounts=[weibo])

    delivery.push()

    assert parse_qs(platforms.calls[0].body.decode())["access_token"] == ["from-the-file"]
    assert Post.objects.get(account=weibo).state == "sent"


def test_a_platform_without_an_adapter_is_recorded_as_not_supported(published, alice, tree, platforms, today):
    douyin = services.register_account(
        by=alice,
        agency=tree["education"],
        data=account_input(platform="douyin", name="阳光教育抖音号", account_id="dy-42", public_url=""),
    )
    services.queue_record(by=alice, record=published, accounts=[douyin])

    delivery.push()

    post = Post.objects.get(account=douyin)
    assert post.state == "not_supported"
    assert post.result == "Posting to Douyin is not supported: post it by hand."
    assert platforms.calls == []


def test_only_a_published_record_is_queued_and_each_account_once(
    client, tree, wechat, alice, published, today
):
    from tests.records.conftest import make_draft

    draft = make_draft(tree["education"], title="草稿")
    with pytest.raises(WorkflowError) as refused:
        services.queue_record(by=alice, record=draft.record, accounts=[wechat])
    assert refused.value.fields == {"__all__": "Only a published record can be cross-posted."}

    services.queue_record(by=alice, record=published, accounts=[wechat])
    assert services.queue_record(by=alice, record=published, accounts=[wechat]) == []
    assert Post.objects.filter(record=published).count() == 1
    assert AuditEntry.objects.filter(action="newmedia_account.queue").count() == 1
