"""The demo's letters (政民互动 · 信件): about a dozen letters of every kind, one or more in each status,
taken through the real services on working days before today, for a person trying the demo to read
on ``/letters/`` and ``/letters/statistics/`` and to follow with the code and key on
``/letters/follow/``.

Every step goes through the letters' services and the workflow kernel: ``services.submit_letter``
(online, or registered by staff from the 96128 hotline), ``services.perform_action`` for the steps,
``replies.services`` for each reply (drafted by one person, approved by a reviewer, signed by a
signer, sent by the drafter), ``feedback`` for the writer's rating and reopening. Each letter is known
by its subject: loading again adds only the letters that are missing.

Who acts (the people of ``sunshine/demo/agencies.py``): the Education Bureau's ``officer``,
``reviewer`` and ``signer``; the city's disclosure office ``office`` drafts the replies of the city
government and of the Human Resources and Social Security Bureau, which ``reviewer`` and ``signer``
approve and sign there (the roles are granted here, through the agencies services); ``supervisor``
supervises (督办).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from sunshine.agencies import services as agency_services
from sunshine.agencies.models import Agency, Role
from sunshine.letters import access, feedback, services
from sunshine.letters.codes import Channel, Kind
from sunshine.letters.models import Letter, LetterReplyTemplate
from sunshine.letters.replies import services as replies
from sunshine.letters.replies import templates
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import add_working_days

PREFIX = "【演示】"
EDUCATION = "YG-JYJ"
SOCIAL_SECURITY = "YG-RSJ"
CITY = "YG"
DONGCHENG_EDUCATION = "YG-DC-JYJ"
PEOPLE = ("officer", "reviewer", "signer", "office", "supervisor")
# Who drafts the replies of each agency (the reviewer and the signer are ``reviewer`` and ``signer``).
DRAFTER = {EDUCATION: "officer", SOCIAL_SECURITY: "office", CITY: "office"}
# The roles the demo city lacks for the letters: reviewers and signers of the agencies whose replies
# ``office`` drafts.
GRANTS = (
    ("reviewer", CITY, Role.REVIEWER),
    ("signer", CITY, Role.SIGNER),
    ("reviewer", SOCIAL_SECURITY, Role.REVIEWER),
    ("signer", SOCIAL_SECURITY, Role.SIGNER),
)

TEMPLATES: dict[str, tuple[str, str, str]] = {
    EDUCATION: (
        "咨询答复（通用）",
        Kind.CONSULTATION,
        "{writer}：您好！您于{received_on}反映的“{subject}”已收悉。经{agency}研究，现答复如下：\n\n"
        "（答复正文）\n\n感谢您对教育工作的关心和支持。",
    ),
    SOCIAL_SECURITY: (
        "社保业务咨询答复",
        "",
        "{writer}：您好！您的来信（编号{tracking_code}）已收悉。现就您咨询的社会保险业务答复如下：\n\n"
        "（答复正文）\n\n如有疑问，可拨打12345政务服务便民热线咨询。",
    ),
    CITY: (
        "领导信箱答复",
        Kind.MAILBOX,
        "{writer}：您好！您写给市领导的信（{subject}）已收悉，市领导十分重视，"
        "已交办相关部门研究办理。现将办理情况答复如下：\n\n（答复正文）",
    ),
}


class LetterWalk:
    """The steps of one demo letter, each on a working day after its receipt (never after today)."""

    def __init__(self, letter: Letter, people: Mapping[str, Any], today: datetime.date) -> None:
        self.letter = letter
        self.people = people
        self.today = today

    def day(self, k: int) -> datetime.date:
        return min(add_working_days(self.letter.received_on, k, current_calendar()), self.today)

    def act(self, action: str, k: int, by: str, **fields: object) -> None:
        self.letter = services.perform_action(
            letter=self.letter,
            action=action,
            by=self.people[by],
            date=self.day(k),
            today=self.today,
            **fields,
        )

    def reply(self, k: int, text: str, *, publish: bool = True, template: bool = False) -> None:
        """Draft, submit, approve, sign and send the reply on day ``k``, each step by its person."""
        drafter = DRAFTER[self.letter.agency.code]
        by = self.people[drafter]
        if template:
            chosen = templates.templates_for(self.letter).order_by("id").first()
            assert chosen is not None
            draft = replies.start_from_template(
                letter=self.letter, by=by, template_id=chosen.pk, today=self.day(k)
            )
            text = draft.text.replace("（答复正文）", text)
        replies.save_draft(letter=self.letter, by=by, text=text, publish=publish)
        replies.take_step(letter=self.letter, by=by, step="submit")
        replies.take_step(
            letter=self.letter, by=self.people["reviewer"], step="approve", input={"comments": "同意。"}
        )
        replies.take_step(letter=self.letter, by=self.people["signer"], step="sign")
        self.act("reply", k, drafter)

    def rate(self, k: int, rating: str, comment: str) -> None:
        self.letter = feedback.rate_reply(
            letter=self.letter, rating=rating, comment=comment, today=self.day(k)
        )

    def reopen(self, k: int) -> None:
        self.letter = feedback.reopen_letter(letter=self.letter, today=self.day(k))


# --- The letters -----------------------------------------------------------------------------------


def _enrolment(w: LetterWalk) -> None:
    w.act("accept", 1, "officer")
    w.reply(
        3,
        "根据《阳光市义务教育阶段学校招生入学工作实施意见》，适龄儿童在户籍所在地学区入学；"
        "随迁子女凭居住证和社保缴纳证明，由居住地教育部门统筹安排入学。今年的网上报名时间为5月20日至"
        "6月5日，具体学区划分可在本局网站“招生入学”专栏查询。",
    )
    w.rate(5, "satisfied", "答复清楚，谢谢！")


def _canteen(w: LetterWalk) -> None:
    w.act("accept", 1, "officer")
    w.reply(
        8,
        "感谢您的建议。本局已会同市场监管部门对全市中小学食堂开展专项检查，并要求各校落实家长陪餐制度，"
        "每学期至少组织两次家长代表参与食堂管理评议。您提出的公示每周食谱的建议已采纳，"
        "将于下学期起在全市推行。",
    )
    w.act("close", 10, "officer")


def _fees(w: LetterWalk) -> None:
    w.act("accept", 1, "officer")
    w.reply(
        6,
        "经核查，该校收取的费用为学生自愿参加的课后服务费，收费标准已经物价部门核定并公示。"
        "学校在收费前已书面征求家长意见。",
    )
    w.rate(8, "dissatisfied", "学校并未征求家长意见，希望重新核查。")
    w.reopen(9)


def _tutoring(w: LetterWalk) -> None:
    w.act("accept", 1, "officer")
    w.act("extend", 10, "signer", working_days=10, reason="需会同市场监管、公安部门联合核查")
    w.act(
        "supervise",
        12,
        "supervisor",
        note="请教育局会同相关部门加快核查，按期答复来信人。",
        due_on=add_working_days(w.day(12), 8, current_calendar()),
    )


def _mailbox(w: LetterWalk) -> None:
    w.act("accept", 1, "office")
    w.reply(
        9,
        "市交通运输局已对该路段的公交线路进行调研，拟于下月起增开高峰时段区间车，并在学校门口增设"
        "停靠站点。市公安局交警支队将在上下学时段加强该路口的交通疏导。",
        template=True,
    )
    w.rate(11, "basically_satisfied", "希望尽快落实。")


def _disclosure(w: LetterWalk) -> None:
    w.act("accept", 1, "office")
    w.act(
        "request_info",
        2,
        "office",
        items=["请提供您查找该文件的网页栏目名称", "请说明该文件的发文字号或者大致发布时间"],
    )


def _pension(w: LetterWalk) -> None:
    w.act("accept", 1, "office")
    w.reply(
        2,
        "基本养老保险关系跨省转移，可通过国家社会保险公共服务平台或者“掌上12333”在线申请，"
        "也可以到转入地社保经办机构窗口办理。转入地受理后，会向转出地发出联系函，"
        "转出地一般在15个工作日内办结转出手续。",
        template=True,
    )


def _school_district(w: LetterWalk) -> None:
    w.act("transfer", 1, "officer", to_agency=DONGCHENG_EDUCATION, reason="该小学由东城区教育局管理")


def _court(w: LetterWalk) -> None:
    w.act(
        "return",
        1,
        "officer",
        reason="您反映的劳动合同纠纷已进入诉讼程序，应当由人民法院依法处理，本局不予受理。",
    )


def _bus_card(w: LetterWalk) -> None:
    w.act("accept", 1, "officer")
    w.reply(
        4,
        "学生乘车卡由市公共交通集团办理，凭学校出具的在读证明到各公交服务网点申领，"
        "本市中小学生乘坐公交享受五折优惠。",
        publish=False,
    )


@dataclass(frozen=True)
class LetterCase:
    key: str
    agency: str  # the agency addressed
    kind: str
    subject: str  # without the prefix: the demo knows its letters by their subjects
    body: str
    name: str  # the writer
    back: int  # sent this many working days before today
    walk: Callable[[LetterWalk], None] | None
    consent: bool = True
    by_phone: bool = False  # registered by ``office`` from the 96128 hotline
    duplicate_after: int = 0  # the same letter sent again this many working days later


LETTER_CASES: tuple[LetterCase, ...] = (
    LetterCase(
        "replied_rated",
        EDUCATION,
        Kind.CONSULTATION,
        "随迁子女如何办理小学入学？",
        "我和爱人在阳光市工作三年，孩子明年满六周岁，户口在外省。请问随迁子女在本市上小学需要准备哪些材料，"
        "什么时候报名？",
        "陈小明",
        16,
        _enrolment,
    ),
    LetterCase(
        "closed",
        EDUCATION,
        Kind.SUGGESTION,
        "建议公示学校食堂每周食谱",
        "孩子在学校吃午饭，家长不知道每天吃什么。建议各中小学在校门口和家长群公示每周食谱，"
        "并定期邀请家长参与食堂管理。",
        "刘芳",
        22,
        _canteen,
    ),
    LetterCase(
        "reopened",
        EDUCATION,
        Kind.COMPLAINT,
        "学校强制收取课后服务费",
        "孩子所在小学要求每位学生缴纳课后服务费每学期800元，没有征求家长意见，不交的学生被要求放学后"
        "在教室外等候。请教育局核查。",
        "赵磊",
        20,
        _fees,
    ),
    LetterCase(
        "supervised",
        EDUCATION,
        Kind.REPORT,
        "举报无证校外培训机构",
        "我家小区底商有一家培训机构，没有办学许可证，周末给中小学生上学科类课程，一次收费几千元。"
        "请有关部门查处。",
        "黄丽华",
        14,
        _tutoring,
    ),
    LetterCase(
        "mailbox_replied",
        CITY,
        Kind.MAILBOX,
        "实验小学门口上下学时段交通拥堵",
        "市长您好：实验小学门口的道路每天上下学时段非常拥堵，公交车也很难挤上去。希望增开公交线路、"
        "加强交通疏导。",
        "周强",
        15,
        _mailbox,
    ),
    LetterCase(
        "awaiting_info",
        EDUCATION,
        Kind.DISCLOSURE_COMPLAINT,
        "教育局网站未公开学校收费标准",
        "按照规定，学校收费标准应当主动公开，但我在市教育局网站上找不到今年的中小学收费标准。",
        "吴静",
        6,
        _disclosure,
    ),
    LetterCase(
        "hotline_replied",
        SOCIAL_SECURITY,
        Kind.CONSULTATION,
        "养老保险关系跨省转移怎么办理？",
        "来电人在外省缴纳了五年养老保险，现在回阳光市工作，咨询养老保险关系如何转到本市。",
        "孙丽",
        7,
        _pension,
        by_phone=True,
    ),
    LetterCase(
        "transferred",
        EDUCATION,
        Kind.CONSULTATION,
        "东城区春晖小学的学区范围",
        "我家住在东城区春晖街道，请问对应的学区小学是哪一所？今年学区范围有没有调整？",
        "郑伟",
        3,
        _school_district,
    ),
    LetterCase(
        "returned",
        EDUCATION,
        Kind.COMPLAINT,
        "培训学校拖欠教师工资",
        "我在一家民办培训学校当老师，学校拖欠三个月工资。我已经向法院起诉，希望教育局也能处理。",
        "冯敏",
        5,
        _court,
    ),
    LetterCase(
        "replied_private",
        EDUCATION,
        Kind.CONSULTATION,
        "学生公交卡如何办理？",
        "孩子上初中需要坐公交，请问学生公交卡在哪里办理，有没有优惠？",
        "何军",
        9,
        _bus_card,
        consent=False,
    ),
    LetterCase(
        "submitted",
        EDUCATION,
        Kind.SUGGESTION,
        "建议延长学校图书馆寒暑假开放时间",
        "寒暑假期间学校图书馆都关门，孩子没有地方看书。建议在假期安排部分学校图书馆对学生开放。",
        "高洁",
        0,
        None,
    ),
    LetterCase(
        "duplicate",
        EDUCATION,
        Kind.COMPLAINT,
        "小区旁幼儿园噪音扰民",
        "小区旁边的幼儿园每天早上七点就开始播放音乐，声音很大，影响周边居民休息。请教育局督促幼儿园整改。",
        "林晓燕",
        3,
        None,
        duplicate_after=2,
    ),
)


def subject_of(case: LetterCase) -> str:
    return f"{PREFIX}{case.subject}"


@dataclass(frozen=True)
class ShownLetter:
    """One demo letter, as the command lists it."""

    key: str
    tracking_code: str
    access_key: str
    status: str
    flag: str


@dataclass(frozen=True)
class LettersResult:
    created: int
    shown: list[ShownLetter]


def _writer(case: LetterCase, number: int) -> services.Writer:
    """A writer who gave a phone and no e-mail: no e-mail notices leave the demo."""
    return services.Writer(name=case.name, phone=f"1380571{number:04d}")


def _working_days_before(today: datetime.date, n: int) -> datetime.date:
    """The working day ``n`` working days before ``today`` (today, or the working day before it, for 0)."""
    calendar = current_calendar()
    day, left = today, n
    while not calendar.is_workday(day):
        day -= datetime.timedelta(days=1)
    while left > 0:
        day -= datetime.timedelta(days=1)
        if calendar.is_workday(day):
            left -= 1
    return day


def _send(
    case: LetterCase, number: int, agency: Agency, people: Mapping[str, Any], sent: datetime.date
) -> Letter:
    extra: dict[str, Any] = {}
    if case.by_phone:
        extra = {"by": people["office"], "channel": Channel.PHONE, "received_on": sent}
    letter, _key = services.submit_letter(
        agency=agency,
        kind=case.kind,
        subject=subject_of(case),
        body=case.body,
        writer=_writer(case, number),
        publish_consent=case.consent,
        today=sent,
        **extra,
    )
    return letter


def _create(
    case: LetterCase, number: int, agency: Agency, people: Mapping[str, Any], today: datetime.date
) -> None:
    sent = _working_days_before(today, case.back)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        letter = _send(case, number, agency, people, sent)
        if case.walk is not None:
            case.walk(LetterWalk(letter, people, today))
        if case.duplicate_after:
            again = add_working_days(sent, case.duplicate_after, current_calendar())
            _send(case, number, agency, people, min(again, today))


def _templates(agencies: Mapping[str, Agency], people: Mapping[str, Any]) -> None:
    for code, (title, kind, text) in TEMPLATES.items():
        agency = agencies[code]
        if LetterReplyTemplate.objects.filter(agency=agency, title=title).exists():
            continue
        templates.save_template(by=people[DRAFTER[code]], agency=agency, title=title, text=text, kind=kind)


def _grants(agencies: Mapping[str, Agency], people: Mapping[str, Any]) -> None:
    for username, code, role in GRANTS:
        agency_services.grant_role(by=None, user=people[username], agency=agencies[code], role=role)


def load_letters(
    *, people: Mapping[str, Any], agencies: Mapping[str, Agency], today: datetime.date
) -> LettersResult:
    """Create the demo letters that are missing (with the roles and reply templates they need); list
    them all with their codes and keys."""
    _grants(agencies, people)
    _templates(agencies, people)
    created = 0
    shown: list[ShownLetter] = []
    for number, case in enumerate(LETTER_CASES, start=1):
        found = Letter.objects.filter(subject=subject_of(case)).order_by("id")
        if not found.exists():
            _create(case, number, agencies[case.agency], people, today)
            created += 1 + bool(case.duplicate_after)
        for letter in found:
            shown.append(
                ShownLetter(
                    case.key, letter.tracking_code, access.access_key_for(letter), letter.status, letter.flag
                )
            )
    return LettersResult(created=created, shown=shown)
