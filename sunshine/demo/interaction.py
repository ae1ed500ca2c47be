"""The demo's public interaction (政民互动) besides letters: common questions, two opinion
solicitations, a survey with its results and two open days, each taken through its domain's services
and the workflow kernel by the demo's people (``sunshine/demo/agencies.py``).

- common questions (96128-style): written and sent to review by the city's disclosure office
  ``office``, published by ``reviewer`` (given the reviewer role in those bureaus here);
- solicitations: one open with three published comments (the Education Bureau: drafted by
  ``officer``, opened by ``signer``, comments published by ``officer``); one closed with the feedback
  on its comments published (the city government: ``office``, comments moderated by ``reviewer``);
- a survey of the city government that has closed, about twenty answers, its results published;
- open days: one coming, with a few registrations, and one held.

Everything is known by its title (or question): loading again adds only what is missing. Past steps
are dated in the past through the kernel's ``now`` and the services' ``now`` where they take one.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from sunshine.agencies import services as agency_services
from sunshine.agencies.models import Agency, Role
from sunshine.demo import letters
from sunshine.demo.letters import PREFIX, LettersResult
from sunshine.faq import services as faq_services
from sunshine.faq.models import Entry
from sunshine.opendays import services as opendays
from sunshine.opendays.models import Event
from sunshine.solicitations import services as solicitations
from sunshine.solicitations.actions import COMMENT_WORKFLOW
from sunshine.solicitations.actions import WORKFLOW as SOLICITATION_WORKFLOW
from sunshine.solicitations.models import Solicitation
from sunshine.surveys import services as surveys
from sunshine.surveys.actions import WORKFLOW as SURVEY_WORKFLOW
from sunshine.surveys.codes import Kind as QuestionKind
from sunshine.surveys.models import Survey

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)

# --- Common questions --------------------------------------------------------------------------------

FAQ: dict[str, list[tuple[str, str, str]]] = {
    "YG-RSJ": [
        (
            "社会保险",
            "养老保险关系跨省转移接续需要本人回原参保地办理吗？",
            "不需要。参保人可以通过国家社会保险公共服务平台、“掌上12333”APP在线申请，或者到转入地社保"
            "经办机构窗口申请。转入地受理后向转出地发出联系函，由两地经办机构办理转移接续，参保人无需"
            "往返两地。",
        ),
        (
            "社会保险",
            "社会保障卡丢失了怎么补办？",
            "社保卡丢失后，请先拨打12333或者通过“阳光人社”微信公众号办理临时挂失，再携带本人身份证"
            "到任一社保卡服务网点申请补领。即时制卡网点可以当场领卡，其他网点一般在10个工作日内制卡完成。",
        ),
        (
            "社会保险",
            "灵活就业人员如何参加职工基本养老保险？",
            "在本市从事个体经营或者灵活就业的人员，可以持身份证到户籍所在地或者居住地的社保经办机构"
            "办理参保登记，也可以在政务服务网上办理。缴费基数在全省上年度全口径城镇单位就业人员平均工资"
            "的60%至300%之间自愿选择。",
        ),
        (
            "医疗保障",
            "到外地就医，怎样办理异地就医备案？",
            "参保人可以通过国家医保服务平台APP、“阳光医保”公众号或者医保经办窗口办理异地就医备案。"
            "长期异地居住人员和临时外出就医人员均可备案，备案后在就医地的联网定点医疗机构直接结算。",
        ),
        (
            "就业失业",
            "失业保险金怎么申领？",
            "非因本人意愿中断就业、所在单位和本人已按规定缴纳失业保险费满一年并已办理失业登记的人员，"
            "可以在失业之日起60日内，通过政务服务网或者到参保地公共就业服务机构申领失业保险金。",
        ),
    ],
    "YG-GAJ": [
        (
            "户籍管理",
            "新生儿如何办理出生登记（落户）？",
            "婴儿出生后一个月以内，由父母一方携带《出生医学证明》、父母双方的居民身份证和户口簿、"
            "结婚证，到父亲或者母亲户口所在地派出所办理出生登记，也可以通过“出生一件事”平台在网上办理。",
        ),
        (
            "户籍管理",
            "在本市购房后，户口迁入需要什么条件？",
            "在本市城区合法拥有住房并实际居住的人员，本人及其共同居住生活的配偶、子女、父母可以申请"
            "将户口迁入。请携带不动产权证书、居民身份证和户口簿到房屋所在地派出所办理。",
        ),
        (
            "居民身份证",
            "身份证快到期了，可以在外地换领吗？",
            "可以。居民身份证异地受理已在全国实行，在本市居住的外省市户籍人员，可以到本市任一"
            "办理身份证业务的派出所申请换领、补领，领证方式可以选择邮寄到家。",
        ),
    ],
    "YG-SCJGJ": [
        (
            "营业执照",
            "开一家个体工商户小店，营业执照怎么办？",
            "个体工商户登记可以通过“阳光市企业开办一网通办”平台在线申请，填写经营者信息、经营场所和"
            "经营范围并上传身份证明，材料齐全、符合法定形式的，当场或者1个工作日内核发营业执照，"
            "不收取任何费用。",
        ),
        (
            "营业执照",
            "公司变更经营地址，需要办理哪些手续？",
            "公司变更住所应当在变更之日起30日内向登记机关申请变更登记，提交变更登记申请书、"
            "股东会决议和新住所使用证明。跨登记机关管辖区域迁移的，由迁入地登记机关受理。",
        ),
    ],
}
FAQ_REVIEWER = "reviewer"
FAQ_WRITER = "office"

# --- Solicitations -----------------------------------------------------------------------------------

OPEN_SOLICITATION = (
    "YG-JYJ",
    "阳光市义务教育阶段学校招生入学实施办法（征求意见稿）",
    "第一条 为规范义务教育阶段学校招生入学工作，保障适龄儿童少年平等接受义务教育的权利，"
    "根据《中华人民共和国义务教育法》等法律法规，结合本市实际，制定本办法。\n\n"
    "第二条 公办义务教育学校实行免试就近入学，按照学区划分招生。\n\n"
    "第三条 随迁子女凭父母一方在本市的居住证和社会保险缴纳证明申请入学，由居住地教育行政部门统筹安排。",
    "为进一步规范招生入学工作，市教育局起草了本办法，现向社会公开征求意见。",
)
OPEN_COMMENTS = [
    ("王先生", "13905710101", "建议明确居住证和社保缴纳的最短年限，并提前一年公布，方便家长准备。"),
    ("", "parent@example.com", "希望学区划分调整时提前公示并听取居民意见，避免同一小区前后划入不同学校。"),
    ("李女士", "13905710103", "第三条建议增加灵活就业人员以个人缴纳社保作为证明的情形。"),
]
CLOSED_SOLICITATION = (
    "YG",
    "阳光市生活垃圾分类管理办法（征求意见稿）",
    "第一条 为加强生活垃圾分类管理，改善人居环境，制定本办法。\n\n"
    "第二条 本市生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。\n\n"
    "第三条 产生生活垃圾的单位和个人是生活垃圾分类投放的责任主体。",
    "市政府办公室组织起草了本办法，现已结束征求意见。",
)
CLOSED_COMMENTS = [
    ("张先生", "13905710201", "建议在小区增设有害垃圾的固定投放点，并标明回收时间。", "adopted", ""),
    (
        "",
        "13905710202",
        "建议对未分类投放的个人直接罚款。",
        "partly",
        "对个人违规投放先行劝导、责令改正，拒不改正的依法处罚，已在第二十条中体现。",
    ),
    (
        "陈女士",
        "13905710203",
        "建议取消其他垃圾，全部分为三类。",
        "not_adopted",
        "四分类是国家生活垃圾分类制度的要求，本办法与之保持一致。",
    ),
]

# --- The survey ----------------------------------------------------------------------------------------

SURVEY_TITLE = "阳光市政务服务满意度问卷调查"
SURVEY_QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": QuestionKind.SINGLE,
        "text": "您最近一次办理政务服务事项的方式是？",
        "options": ["政务服务网或者手机APP", "政务服务中心窗口", "街道（社区）便民服务中心", "12345热线"],
    },
    {
        "kind": QuestionKind.MULTIPLE,
        "text": "您认为政务服务还需要在哪些方面改进？（可多选）",
        "options": ["减少办事材料", "缩短办理时间", "增加网上办理事项", "提高窗口服务态度", "延长服务时间"],
    },
    {"kind": QuestionKind.SCALE, "text": "您对本市政务服务的总体满意程度（1为很不满意，5为很满意）"},
    {"kind": QuestionKind.TEXT, "text": "您还有什么意见和建议？", "required": False},
]
SURVEY_REMARKS = [
    "希望更多事项能在手机上办完。",
    "窗口工作人员很耐心，点赞。",
    "周末也希望能办理业务。",
    "有的事项网上和窗口要求的材料不一样，希望统一。",
    "",
]
SURVEY_RESPONSES = 20

# --- Open days -----------------------------------------------------------------------------------------

UPCOMING_DAY = (
    "YG-STHJJ",
    "环保设施向公众开放日：走进城东污水处理厂",
    "参观污水处理工艺流程和在线监测中控室，听取工作人员讲解水污染防治知识，现场答疑。",
    "阳光市城东污水处理厂（东城区滨江路88号）",
)
HELD_DAY = (
    "YG",
    "政府开放日：走进阳光市政务服务中心",
    "参观政务服务中心“一窗受理”综合窗口和自助服务区，体验“一网通办”，与窗口工作人员座谈交流。",
    "阳光市政务服务中心（人民大道100号）",
)
REGISTRANTS = [
    ("钱多多", "13905710301", "qian@example.com", 2),
    ("孙悦", "13905710302", "sun@example.com", 1),
    ("李明", "13905710303", "liming@example.com", 3),
]


@dataclass
class InteractionResult:
    added: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.added[what] = self.added.get(what, 0) + n


def _titled(title: str) -> str:
    return f"{PREFIX}{title}"


def load_faq(people: Mapping[str, Any], agencies: Mapping[str, Agency], result: InteractionResult) -> None:
    for code, entries in FAQ.items():
        agency = agencies[code]
        agency_services.grant_role(by=None, user=people[FAQ_REVIEWER], agency=agency, role=Role.REVIEWER)
        for category, question, answer in entries:
            if Entry.objects.filter(agency=agency, question=question).exists():
                continue
            with transaction.atomic():
                entry = faq_services.create_entry(
                    agency=agency, by=people[FAQ_WRITER], question=question, answer=answer, category=category
                )
                entry = faq_services.take_action(entry=entry, action="submit", by=people[FAQ_WRITER])
                faq_services.take_action(entry=entry, action="publish", by=people[FAQ_REVIEWER])
            result.add("common questions")


def _solicitation(
    spec: tuple[str, str, str, str],
    people: Mapping[str, Any],
    agencies: Mapping[str, Agency],
    drafter: str,
    publisher: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
) -> Solicitation:
    code, title, text, explanation = spec
    solicitation = solicitations.create_solicitation(
        agency=agencies[code],
        by=people[drafter],
        title=_titled(title),
        text=text,
        explanation=explanation,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    return SOLICITATION_WORKFLOW.perform(solicitation, "publish", by=people[publisher], now=opens_at - HOUR)


def load_solicitations(
    people: Mapping[str, Any],
    agencies: Mapping[str, Agency],
    now: datetime.datetime,
    result: InteractionResult,
) -> None:
    if not Solicitation.objects.filter(title=_titled(OPEN_SOLICITATION[1])).exists():
        with transaction.atomic():
            opened = _solicitation(
                OPEN_SOLICITATION, people, agencies, "officer", "signer", now - 5 * DAY, now + 25 * DAY
            )
            for n, (name, contact, text) in enumerate(OPEN_COMMENTS):
                comment = solicitations.submit_comment(
                    solicitation=opened, text=text, contact=contact, name=name, now=now - (4 - n) * DAY
                )
                COMMENT_WORKFLOW.perform(comment, "approve", by=people["officer"], now=now - (3 - n) * DAY)
        result.add("solicitations")
    if not Solicitation.objects.filter(title=_titled(CLOSED_SOLICITATION[1])).exists():
        with transaction.atomic():
            closed = _solicitation(
                CLOSED_SOLICITATION, people, agencies, "office", "office", now - 60 * DAY, now - 30 * DAY
            )
            for n, (name, contact, text, adoption, reason) in enumerate(CLOSED_COMMENTS):
                comment = solicitations.submit_comment(
                    solicitation=closed, text=text, contact=contact, name=name, now=now - (55 - 5 * n) * DAY
                )
                moderated = now - (28 - n) * DAY
                comment = COMMENT_WORKFLOW.perform(comment, "approve", by=people["reviewer"], now=moderated)
                COMMENT_WORKFLOW.perform(
                    comment,
                    "mark_adoption",
                    by=people["reviewer"],
                    input={"adoption": adoption, "reason": reason},
                    now=moderated + HOUR,
                )
            SOLICITATION_WORKFLOW.perform(
                closed,
                "publish_feedback",
                by=people["office"],
                input={
                    "summary": "征求意见期间共收到有效意见3条，采纳1条，部分采纳1条，未采纳1条。"
                    "感谢社会各界的关心和支持。"
                },
                now=now - 20 * DAY,
            )
        result.add("solicitations")


def _survey_answers(survey: Survey, rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in survey.questions.prefetch_related("options").order_by("position"):
        options = [o.pk for o in question.options.all()]
        if question.kind == QuestionKind.SINGLE:
            answers[str(question.pk)] = rng.choices(options, weights=[5, 3, 1, 1])[0]
        elif question.kind == QuestionKind.MULTIPLE:
            answers[str(question.pk)] = rng.sample(options, rng.randint(1, 3))
        elif question.kind == QuestionKind.SCALE:
            answers[str(question.pk)] = rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 3, 8, 7])[0]
        else:
            answers[str(question.pk)] = rng.choice(SURVEY_REMARKS)
    return answers


def load_survey(
    people: Mapping[str, Any],
    agencies: Mapping[str, Agency],
    now: datetime.datetime,
    result: InteractionResult,
) -> None:
    if Survey.objects.filter(title=_titled(SURVEY_TITLE)).exists():
        return
    opens_at, closes_at = now - 30 * DAY, now - 2 * DAY
    rng = random.Random(96128)  # noqa: S311 - demo answers, not secrets
    with transaction.atomic():
        survey = surveys.create_survey(
            agency=agencies["YG"],
            by=people["office"],
            title=_titled(SURVEY_TITLE),
            introduction="为了解群众办事体验、改进政务服务，市政府办公室开展本次问卷调查，匿名填写，约需3分钟。",
            opens_at=opens_at,
            closes_at=closes_at,
            questions=SURVEY_QUESTIONS,
        )
        survey = SURVEY_WORKFLOW.perform(survey, "publish", by=people["signer"], now=opens_at - HOUR)
        for n in range(SURVEY_RESPONSES):
            surveys.submit_response(
                survey=survey,
                respondent=f"demo{n:028d}",
                answers=_survey_answers(survey, rng),
                now=opens_at + (n + 1) * DAY,
            )
        SURVEY_WORKFLOW.perform(
            survey,
            "publish_results",
            by=people["signer"],
            input={"summary": "多数受访者对政务服务表示满意，希望进一步减少办事材料、增加网上办理事项。"},
            now=now,
        )
    result.add("surveys")


def _event(
    spec: tuple[str, str, str, str],
    people: Mapping[str, Any],
    agencies: Mapping[str, Agency],
    starts_at: datetime.datetime,
    registration_opens_at: datetime.datetime,
) -> Event:
    code, title, description, place = spec
    event = opendays.create_event(
        agency=agencies[code],
        by=people["office"],
        title=_titled(title),
        description=description,
        place=place,
        capacity=30,
        starts_at=starts_at,
        ends_at=starts_at + 2 * HOUR,
        registration_opens_at=registration_opens_at,
        registration_closes_at=starts_at - DAY,
    )
    return opendays.publish_event(event=event, by=people["office"])


def _morning(day: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(day)
    return local.replace(hour=9, minute=30, second=0, microsecond=0)


def load_open_days(
    people: Mapping[str, Any],
    agencies: Mapping[str, Agency],
    now: datetime.datetime,
    result: InteractionResult,
) -> None:
    # The registrants' e-mails (confirmation with the cancel link) are not printed by the demo.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        if not Event.objects.filter(title=_titled(UPCOMING_DAY[1])).exists():
            with transaction.atomic():
                event = _event(UPCOMING_DAY, people, agencies, _morning(now + 12 * DAY), now - 3 * DAY)
                for n, (name, phone, email, count) in enumerate(REGISTRANTS):
                    opendays.register(
                        event=event,
                        name=name,
                        phone=phone,
                        email=email,
                        people=count,
                        now=now - (2 - n) * HOUR,
                    )
            result.add("open days")
        if not Event.objects.filter(title=_titled(HELD_DAY[1])).exists():
            with transaction.atomic():
                starts_at = _morning(now - 14 * DAY)
                event = _event(HELD_DAY, people, agencies, starts_at, starts_at - 20 * DAY)
                for n, (name, phone, email, count) in enumerate(REGISTRANTS):
                    opendays.register(
                        event=event,
                        name=name,
                        phone=phone,
                        email=email.replace("@", ".held@"),
                        people=count,
                        now=starts_at - (10 - n) * DAY,
                    )
                opendays.mark_held(event=event, by=people["office"], now=now)
            result.add("open days")


def load_others(
    *, people: Mapping[str, Any], agencies: Mapping[str, Agency], now: datetime.datetime
) -> InteractionResult:
    result = InteractionResult()
    with translation.override(settings.LANGUAGE_CODE):
        load_faq(people, agencies, result)
        load_solicitations(people, agencies, now, result)
        load_survey(people, agencies, now, result)
        load_open_days(people, agencies, now, result)
    return result


PEOPLE = ("officer", "reviewer", "signer", "office", "supervisor")
AGENCIES = ("YG", "YG-JYJ", "YG-DC-JYJ", "YG-RSJ", "YG-GAJ", "YG-SCJGJ", "YG-STHJJ")


def load_interaction(*, today: datetime.date | None = None) -> tuple[LettersResult, InteractionResult]:
    """Create what is missing of the demo's public interaction on the demo city (``demo_data``);
    LookupError when the city or its people are not there. ``today`` other than today's date acts as
    on that day at four in the afternoon."""
    real_today = timezone.localdate()
    today = today or real_today
    if today == real_today:
        now = timezone.now()
    else:
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(16)))
    people = {u.username: u for u in get_user_model().objects.filter(username__in=PEOPLE)}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=AGENCIES)}
    missing = sorted({*PEOPLE} - set(people)) + sorted({*AGENCIES} - set(agencies))
    if missing:
        raise LookupError(f"The demo city is missing {', '.join(missing)}: run manage.py demo_data first.")
    shown = letters.load_letters(people=people, agencies=agencies, today=today)
    return shown, load_others(people=people, agencies=agencies, now=now)
