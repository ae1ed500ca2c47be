"""The demo's requests for information: two years of applications to the demo city's agencies.

Every request goes through the same service functions as a real one (``submit_request``,
``perform_action``, ``add_review``), each step on its own date, so the back office queue, the
clocks, the statistics and the annual reports of the demo show what a real year looks like:
replies of every kind, corrections, consultations, extensions, requests still open and a few
reconsiderations. The plan is fixed (a seeded generator): the same demo every time.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.demo.synthetic.requests import credit_code, resident_id
from sunshine.inforequests import selectors, services
from sunshine.inforequests.codes import (
    ApplicantKind,
    Channel,
    IdType,
    Outcome,
    ReviewKind,
    ReviewResult,
    Status,
)
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.reviews import add_review
from sunshine.inforequests.roles import HANDLING_ROLES
from sunshine.inforequests.selectors import AnyUser
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, add_working_days

AGENCIES = ["YG-JYJ", "YG-JYJ", "YG-JYJ", "YG-CZJ", "YG-ZRZYJ", "YG-ZJJ", "YG", "YG-DC", "YG-DC-JYJ"]
SUBJECTS = [
    ("{year}年度部门预算执行情况", ""),
    ("{year}年义务教育阶段学校招生划片范围", ""),
    ("关于调整公共租赁住房保障标准的通知", "阳政办发〔{year}〕12号"),
    ("{year}年城区道路改造工程的立项批复文件", ""),
    ("人民路地块国有土地使用权出让合同", ""),
    ("{year}年度三公经费决算明细", ""),
    ("学区内民办学校的办学许可审批材料", ""),
    ("老旧小区改造项目的资金使用情况", "阳住建发〔{year}〕8号"),
    ("{year}年空气质量监测年度数据", ""),
    ("本人房屋征收补偿安置方案及评估报告", ""),
]
PERSONS = ["陈小明", "林晓燕", "王建国", "刘芳", "赵磊", "黄丽华", "周强", "吴静"]
COMPANIES = [
    (ApplicantKind.COMMERCIAL_ENTERPRISE, "阳光市宏远建设有限公司"),
    (ApplicantKind.RESEARCH_INSTITUTION, "阳光大学公共管理研究所"),
    (ApplicantKind.PUBLIC_INTEREST_ORG, "阳光市绿色家园环保志愿者协会"),
    (ApplicantKind.LEGAL_SERVICE_ORG, "阳光明理律师事务所"),
    (ApplicantKind.OTHER_ORG, "人民路社区居民委员会"),
]
# The outcomes of concluded requests, roughly as agencies report them.
OUTCOMES = [
    (Outcome.DISCLOSED, 30),
    (Outcome.PARTIALLY_DISCLOSED, 10),
    (Outcome.UNAVAILABLE_NOT_HELD, 12),
    (Outcome.WITHHELD_PROCESS_INFORMATION, 4),
    (Outcome.WITHHELD_THIRD_PARTY, 3),
    (Outcome.NOT_PROCESSED_PETITION, 4),
    (Outcome.NOT_PROCESSED_PUBLICATION, 3),
    (Outcome.UNAVAILABLE_NEEDS_CREATION, 3),
]
REASONS = {
    Outcome.DISCLOSED: "",
    Outcome.PARTIALLY_DISCLOSED: "所申请信息中含有个人隐私，依据条例第三十七条对可以公开的部分予以公开。",
    Outcome.UNAVAILABLE_NOT_HELD: "经检索，本机关未制作、获取该信息，依据条例第三十六条第四项告知。",
    Outcome.WITHHELD_PROCESS_INFORMATION: "所申请信息属于过程性信息，依据条例第十六条第二款不予公开。",
    Outcome.WITHHELD_THIRD_PARTY: "公开会损害第三方合法权益，依据条例第十五条不予公开。",
    Outcome.NOT_PROCESSED_PETITION: "申请内容属于信访、投诉、举报事项，依据条例第三十九条第一款不作处理。",
    Outcome.NOT_PROCESSED_PUBLICATION: "申请内容为获取公开出版物，依据条例第三十九条第二款告知获取途径。",
    Outcome.UNAVAILABLE_NEEDS_CREATION: "需对现有信息进行加工、分析，依据条例第三十八条不予提供。",
}


@dataclass(frozen=True)
class DemoResult:
    requests: int
    skipped: bool


def _applicant(rng: random.Random, number: int) -> services.Applicant:
    if rng.random() < 0.75:
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(15000))
        return services.Applicant(
            kind=ApplicantKind.NATURAL_PERSON,
            name=rng.choice(PERSONS),
            id_type=IdType.RESIDENT_ID,
            id_number=resident_id("330102", birth, number),
            phone=f"138{rng.randrange(10**8):08d}",
            email=f"applicant{number}@example.com",
            address=f"阳光市人民路{rng.randrange(1, 300)}号",
        )
    kind, name = rng.choice(COMPANIES)
    return services.Applicant(
        kind=kind,
        name=name,
        id_type=IdType.CREDIT_CODE,
        id_number=credit_code(100000 + number),
        phone=f"0571-8{rng.randrange(10**6):06d}",
        email=f"office{number}@example.com",
        address=f"阳光市解放路{rng.randrange(1, 300)}号",
    )


# Who handles the demo's requests: the first of these demo people who may act for the agency (an
# officer of it, else the disclosure office above it); the system when the demo has no people.
DEMO_HANDLERS = ("officer", "dc-officer", "dc-office", "office")


def _handler(agency: Agency, people: Mapping[str, AnyUser]) -> AnyUser | None:
    for username in DEMO_HANDLERS:
        person = people.get(username)
        if person is not None and selectors.may_act(person, agency, HANDLING_ROLES):
            return person
    return None


def _working_day(start: datetime.date, n: int) -> datetime.date:
    return add_working_days(start, n, current_calendar())


def _walk(request: InfoRequest, rng: random.Random, by: AnyUser | None, today: datetime.date) -> None:
    """Take the request through a plausible history, each step on a working day not after today."""

    def act(action: str, day: datetime.date, **fields: object) -> bool:
        if day > today:
            return False
        # Past replies enter as history, by the system: the demo shows a reply's review and sign-off
        # on the requests it prepares in full.
        actor = None if action == "reply" else by
        services.perform_action(request=request, action=action, by=actor, date=day, today=today, **fields)
        return True

    assert request.received_on is not None
    day = request.received_on
    roll = rng.random()
    if roll < 0.12:
        day = _working_day(day, 2)
        if not act(
            "request_correction",
            day,
            items=["请写明所需信息的名称、文号或者便于查询的其他特征性描述"],
            period_working_days=10,
        ):
            return
        day = _working_day(day, rng.randrange(2, 6))
        if not act("receive_correction", day):
            return
    elif roll < 0.20:
        day = _working_day(day, 3)
        if not act("start_consultation", day, party="third_party"):
            return
        day = _working_day(day, rng.randrange(5, 12))
        if not act("end_consultation", day):
            return
    if rng.random() < 0.12:
        day = _working_day(day, 15)
        # Approved by a signer of the agency or its disclosure office (条例 Art. 33), when the demo has one.
        approver = selectors.extension_approvers(request.agency).values_list("username", flat=True).first()
        approval = {"approver": approver} if approver is not None else {"approved_by": "王主任"}
        if not act("extend", day, working_days=rng.choice([10, 20]), reason="需要检索档案", **approval):
            return
    if rng.random() < 0.04:
        act("withdraw", _working_day(day, 2), reason="申请人书面撤回申请")
        return
    day = _working_day(day, rng.randrange(3, 18))
    outcome = rng.choices([o for o, _ in OUTCOMES], weights=[w for _, w in OUTCOMES])[0]
    replied = act("reply", day, outcome=outcome, reasons=REASONS[outcome])
    if not replied or outcome == Outcome.DISCLOSED or rng.random() >= 0.25:
        return
    filed = _working_day(day, 20)
    if filed > today:
        return
    decided: datetime.date | None = _working_day(filed, 40)
    result = rng.choice([ReviewResult.UPHELD, ReviewResult.CORRECTED])
    if decided is not None and decided > today:
        decided, result = None, ReviewResult.PENDING
    kinds = [ReviewKind.RECONSIDERATION, ReviewKind.RECONSIDERATION, ReviewKind.LITIGATION_DIRECT]
    add_review(
        request=request, by=by, kind=rng.choice(kinds), filed_on=filed, result=result, decided_on=decided
    )


def _walk_while_calendar_lasts(
    request: InfoRequest, rng: random.Random, by: AnyUser | None, today: datetime.date
) -> None:
    """A later step falling in a year without a calendar leaves the request open there."""
    try:
        _walk(request, rng, by, today)
    except CalendarNotPublished:
        return
    except services.RequestError as exc:
        if exc.code != "calendar_not_published":
            raise


def load_demo_requests(
    *, count: int = 120, today: datetime.date | None = None, seed: int = 2025
) -> DemoResult:
    """About ``count`` requests from 1 January of last year to ``today``. Loaded once: skipped
    when the database already holds requests."""
    if InfoRequest.objects.exists():
        return DemoResult(0, skipped=True)
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - a fixed demo, not a secret
    agencies = {a.code: a for a in Agency.objects.filter(code__in=set(AGENCIES))}
    people = {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_HANDLERS)}
    start = datetime.date(today.year - 1, 1, 1)
    span = (today - start).days
    made = 0
    with transaction.atomic():
        # Spread over the period, with some in the last weeks still open in the queue.
        offsets = [rng.randrange(span) for _ in range(count - count // 8)]
        offsets += [span - 1 - rng.randrange(min(span, 30)) for _ in range(count // 8)]
        for number, offset in enumerate(sorted(offsets), start=1):
            submitted = start + datetime.timedelta(days=offset)
            code = rng.choice(AGENCIES)
            agency = agencies.get(code)
            if agency is None:
                continue
            officer = _handler(agency, people)
            subject, document_number = rng.choice(SUBJECTS)
            try:
                request, _key = services.submit_request(
                    agency=agency,
                    applicant=_applicant(rng, number),
                    wanted=services.Wanted(
                        description=subject.format(year=submitted.year - 1),
                        document_number=document_number.format(year=submitted.year - 1),
                        delivery_form="electronic",
                        delivery_method=rng.choice(["email", "online", "post"]),
                    ),
                    channel=rng.choice([Channel.IN_PERSON, Channel.POST, Channel.POST]),
                    received_on=submitted,
                    by=officer,
                    today=submitted,
                )
            except services.RequestError as exc:
                if exc.code != "calendar_not_published":
                    raise
                continue  # a day whose year has no calendar yet
            made += 1
            if request.status == Status.RECEIVED:
                _walk_while_calendar_lasts(request, rng, officer, today)
    return DemoResult(made, skipped=False)
