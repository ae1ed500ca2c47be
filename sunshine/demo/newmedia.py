"""The demo's new-media accounts (docs/newmedia.md): accounts of the city government, its Education
Bureau and Dongcheng District on WeChat, Weibo, Douyin and Toutiao, registered through the services
by the demo's keepers, with posts entered by hand. The Education Bureau's Douyin account has not
posted for three weeks (flagged as not updated); its Toutiao account is closing; its latest published
record is queued to its WeChat and Weibo accounts (sent by ``manage.py newmedia_push`` once the
platforms' credentials are configured: the demo has none, so nothing leaves the machine).

Safe to run again: an account whose id is registered already is kept as it is."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.newmedia import services
from sunshine.newmedia.codes import AccountStatus
from sunshine.newmedia.models import Account
from sunshine.newmedia.services import AccountInput
from sunshine.records.codes import Status
from sunshine.records.models import Revision


@dataclass(frozen=True)
class DemoAccount:
    agency: str
    keeper: str
    platform: str
    name: str
    account_id: str
    operating_unit: str
    public_url: str
    manager: str
    posts: tuple[tuple[int, str], ...]  # (days ago, title)
    approval_number: str = ""


ACCOUNTS = (
    DemoAccount(
        "YG",
        "office",
        "wechat",
        "阳光发布",
        "gh_yg_fabu",
        "阳光市人民政府办公室",
        "https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=demo-yg-fabu",
        "赵公开",
        ((1, "市政府常务会议研究部署冬季供暖保障工作"), (4, "2026年阳光市民生实事项目进展情况")),
        "阳政办〔2024〕12号",
    ),
    DemoAccount(
        "YG",
        "office",
        "weibo",
        "阳光市政府发布",
        "7100200300",
        "阳光市人民政府办公室",
        "https://weibo.com/u/7100200300",
        "赵公开",
        ((2, "#阳光政务公开# 市政府2026年第11期公报已发布"), (6, "阳光市冬季交通出行提示")),
        "阳政办〔2024〕12号",
    ),
    DemoAccount(
        "YG-JYJ",
        "officer",
        "wechat",
        "阳光教育",
        "gh_yg_jyj",
        "阳光市教育局办公室",
        "https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=demo-yg-jyj",
        "李信息",
        ((3, "2026年秋季学期学生资助政策问答"),),
        "阳教办〔2024〕5号",
    ),
    DemoAccount(
        "YG-JYJ",
        "officer",
        "weibo",
        "阳光教育发布",
        "7100200301",
        "阳光市教育局办公室",
        "https://weibo.com/u/7100200301",
        "李信息",
        ((5, "中小学寒假时间安排公布"),),
        "阳教办〔2024〕5号",
    ),
    DemoAccount(  # not posted for three weeks: flagged
        "YG-JYJ",
        "officer",
        "douyin",
        "阳光教育抖音号",
        "yg_jyj_douyin",
        "阳光市教育局宣传科",
        "https://www.douyin.com/user/demo-yg-jyj",
        "李信息",
        ((21, "开学第一课"), (40, "校园安全知识小课堂")),
        "阳教办〔2025〕9号",
    ),
    DemoAccount(  # closing: its content duplicates the WeChat account's
        "YG-JYJ",
        "officer",
        "toutiao",
        "阳光教育头条号",
        "yg_jyj_toutiao",
        "阳光市教育局宣传科",
        "",
        "李信息",
        ((30, "2026年中考报名工作问答"),),
    ),
    DemoAccount(
        "YG-DC",
        "dc-office",
        "wechat",
        "东城发布",
        "gh_yg_dc",
        "东城区人民政府办公室",
        "https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=demo-yg-dc",
        "孙公开",
        ((2, "东城区老旧小区改造项目开工"),),
        "东政办〔2024〕3号",
    ),
)
CLOSING_REASON = "内容与“阳光教育”微信公众号重复，拟整合运营。"


def _register(spec: DemoAccount, today: datetime.date) -> Account | None:
    existing = Account.objects.filter(platform=spec.platform, account_id=spec.account_id).first()
    if existing is not None:
        return None
    agency = Agency.objects.filter(code=spec.agency).first()
    keeper = get_user_model().objects.filter(username=spec.keeper).first()
    if agency is None or keeper is None:
        raise LookupError(f"Run demo_data first: {spec.agency} or the user {spec.keeper} is missing.")
    account = services.register_account(
        by=keeper,
        agency=agency,
        data=AccountInput(
            platform=spec.platform,
            name=spec.name,
            account_id=spec.account_id,
            operating_unit=spec.operating_unit,
            public_url=spec.public_url,
            manager_name=spec.manager,
            manager_phone="0571-87001234",
            approval_date=today - datetime.timedelta(days=400),
            approval_number=spec.approval_number,
        ),
        today=today,
    )
    for days_ago, title in sorted(spec.posts, reverse=True):
        posted_on = today - datetime.timedelta(days=days_ago)
        services.add_post(by=keeper, account=account, title=title, posted_on=posted_on, today=today)
    return account


def load_newmedia() -> list[Account]:
    """Registers the demo's accounts that are missing; returns those registered now."""
    today = timezone.localdate()
    created = [account for spec in ACCOUNTS if (account := _register(spec, today)) is not None]
    by_id = {a.account_id: a for a in created}
    toutiao = by_id.get("yg_jyj_toutiao")
    if toutiao is not None and toutiao.status == AccountStatus.ACTIVE:
        officer = get_user_model().objects.get(username="officer")
        services.perform_account_action(
            account=toutiao, action="start_closing", by=officer, input={"reason": CLOSING_REASON}, today=today
        )
    wechat, weibo = by_id.get("gh_yg_jyj"), by_id.get("7100200301")
    if wechat is not None and weibo is not None:
        latest = (
            Revision.objects.filter(record__agency=wechat.agency, status=Status.PUBLISHED)
            .select_related("record")
            .order_by("-published_at", "-pk")
            .first()
        )
        if latest is not None:
            officer = get_user_model().objects.get(username="officer")
            services.queue_record(by=officer, record=latest.record, accounts=[wechat, weibo])
    return created
