"""The health of the accounts: an active account with no post in the last 14 days (sent by the
cross-posting or entered by hand) is flagged as not updated, one without a person in charge and one
with messages unanswered too; on the staff list, by ``manage.py newmedia_check``, and as the
oversight indicator ``newmedia_stale`` of a month."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from sunshine.newmedia import services
from sunshine.newmedia.models import Post
from sunshine.oversight.indicators import INDICATORS, LOWER_IS_BETTER
from sunshine.oversight.models import IndicatorSnapshot
from sunshine.oversight.periods import Period
from sunshine.oversight.services import compute
from tests.newmedia.conftest import D, account_input
from tests.records.conftest import at


def flags_on_the_list(client, account) -> set[str]:
    page = client.get("/staff/newmedia/").content.decode()
    row = page.split(f'data-account="{account.pk}"', 1)[1].split("</tr>", 1)[0]
    return {part.split('"', 1)[0] for part in row.split('data-flag="')[1:]}


def test_an_account_unposted_for_two_weeks_is_flagged(client, wechat, weibo, alice, today):
    # Today is 12 November: the 14 days run from 30 October.
    services.add_post(by=alice, account=wechat, title="招生政策解读", posted_on=D(2026, 10, 29))
    services.add_post(by=alice, account=weibo, title="招生政策解读", posted_on=D(2026, 10, 30))
    client.force_login(alice)

    assert flags_on_the_list(client, wechat) == {"stale"}
    assert flags_on_the_list(client, weibo) == {"no_manager"}  # posted in time, nobody in charge
    assert "1 account flagged" not in client.get("/staff/newmedia/").content.decode()

    response = client.post(
        f"/staff/newmedia/{wechat.pk}/posts/",
        {"title": "秋季开学安全提示", "posted_on": "2026-11-12", "url": ""},
    )

    assert response.status_code == 302
    assert flags_on_the_list(client, wechat) == {"none"}


def test_a_post_sent_by_the_cross_posting_counts(client, wechat, alice, published, platforms, today):
    from sunshine.newmedia import delivery

    services.queue_record(by=alice, record=published, accounts=[wechat])
    client.force_login(alice)
    assert flags_on_the_list(client, wechat) == {"stale"}  # queued is not posted

    delivery.push()

    assert flags_on_the_list(client, wechat) == {"none"}


def test_unanswered_messages_are_flagged(client, wechat, alice, today):
    services.add_post(by=alice, account=wechat, title="通知", posted_on=D(2026, 11, 11))
    client.force_login(alice)

    client.post(f"/staff/newmedia/{wechat.pk}/messages/", {"unanswered": "3"})

    assert flags_on_the_list(client, wechat) == {"unanswered"}
    assert "3 messages unanswered" in client.get("/staff/newmedia/").content.decode()


def test_a_post_cannot_be_dated_in_the_future(client, wechat, alice, today):
    client.force_login(alice)
    response = client.post(
        f"/staff/newmedia/{wechat.pk}/posts/", {"title": "预告", "posted_on": "2026-11-13"}
    )
    assert response.status_code == 422
    assert "The date cannot be in the future." in response.content.decode()
    assert not Post.objects.exists()


def test_the_check_command_lists_the_flags_per_agency(wechat, weibo, alice, today):
    services.add_post(by=alice, account=weibo, title="通知", posted_on=D(2026, 11, 10))
    out = StringIO()

    call_command("newmedia_check", stdout=out)

    text = out.getvalue()
    assert "New-media accounts as of 2026-11-12" in text
    assert (
        "CITY-EDU Education Bureau: 2 active, 1 not updated for 2 weeks, 1 without a person in charge, "
        "0 messages unanswered"
    ) in text
    assert "WeChat official account 阳光教育 (last post never): not updated for 2 weeks" in text
    assert "Weibo 阳光教育发布 (last post 2026-11-10): no person in charge" in text


def test_the_check_command_reads_a_month_as_of_its_last_day(wechat, alice, today):
    services.add_post(by=alice, account=wechat, title="通知", posted_on=D(2026, 10, 20))
    out = StringIO()
    call_command("newmedia_check", "--month", "2026-10", stdout=out)
    assert "as of 2026-10-31" in out.getvalue()
    assert "0 not updated for 2 weeks" in out.getvalue()


def test_the_oversight_indicator_counts_the_accounts_not_updated_at_the_month_s_end(
    tree, wechat, weibo, alice, olga, today
):
    november = Period(D(2026, 11, 1))
    education = tree["education"]
    # The 14 days up to 30 November start on 17 November: WeChat posted that day, Weibo the day before.
    today(D(2026, 11, 30))
    services.add_post(by=alice, account=wechat, title="通知", posted_on=D(2026, 11, 12))
    services.add_post(by=alice, account=wechat, title="通知", posted_on=D(2026, 11, 17))
    services.add_post(by=alice, account=weibo, title="通知", posted_on=D(2026, 11, 16))
    # A third account, closed in November, no longer counts; a fourth, registered in December, not yet.
    douyin = services.register_account(
        by=alice, agency=education, data=account_input(platform="douyin", account_id="dy-1", name="抖音号")
    )
    services.perform_account_action(
        account=douyin, action="start_closing", by=alice, input={"reason": "关停"}
    )
    services.perform_account_action(account=douyin, action="close", by=olga)
    today(D(2026, 12, 2))
    services.register_account(
        by=alice,
        agency=education,
        data=account_input(platform="toutiao", account_id="tt-1", name="头条号", opened_on=D(2026, 12, 1)),
    )
    Post.objects.update(created_at=at(D(2026, 11, 20)))
    # A post entered after the month ended, dated in it, does not change the month.
    late = services.add_post(by=alice, account=weibo, title="补录", posted_on=D(2026, 11, 28))
    assert late.created_at > november.end

    indicator = INDICATORS["newmedia_stale"]
    assert indicator.counts([education.pk], november) == {education.pk: (1, 2)}
    rows = {row.name: (row.counted, row.last_post) for row in indicator.rows(education, november)}
    assert rows == {"阳光教育": (False, D(2026, 11, 17)), "阳光教育发布": (True, D(2026, 11, 16))}
    assert "newmedia_stale" in LOWER_IS_BETTER

    compute(period=november, agencies=[education])
    stored = IndicatorSnapshot.objects.get(agency=education, period=D(2026, 11, 1), code="newmedia_stale")
    assert (stored.numerator, stored.denominator) == (1, 2)
