"""The demo's annual reports on government information disclosure (政府信息公开工作年度报告).

Each report goes through the annual report's own services, as a disclosure office, a reviewer and a
signer would take it: ``open_draft``, ``update_draft`` with the narrative and the figures of table 2,
then ``take_action`` submit → approve → sign → publish, which freezes the tables computed from the
demo's records and requests and publishes the whole report as a record of the 年度报告 category.

``demo_records`` publishes the reports on the year before last (no demo requests then: its tables
count the records only); ``demo_requests`` publishes the reports on last year once last year's
requests are in. Publishing twice changes nothing: a published report is left as it is.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.utils import timezone

from sunshine.agencies import services as agency_services
from sunshine.agencies.models import Agency, AgencyKind, Role
from sunshine.annualreports.layout import CARRIED_TO_NEXT_YEAR, NEW_THIS_YEAR, TOTAL
from sunshine.annualreports.models import AnnualReportDraft, ReportStatus
from sunshine.annualreports.report import compute_report
from sunshine.annualreports.services import open_draft, take_action, update_draft
from sunshine.demo.agencies import CITY_DEPARTMENTS, DEMO_PASSWORD, DISTRICTS
from sunshine.inforequests.codes import Outcome
from sunshine.records import categories
from sunshine.records.models import Record, Revision
from sunshine.records.selectors import published_records

# The agencies whose reports the demo publishes: the city, its departments and its districts.
REPORTING = [
    "YG",
    *(f"YG-{suffix}" for suffix, _name, _en in CITY_DEPARTMENTS),
    *(f"YG-{c[0]}" for c in DISTRICTS),
]
# The steps of the workflow after the draft, each from the status it leaves.
STEPS = {
    ReportStatus.DRAFT: ("submit", "office"),
    ReportStatus.SUBMITTED: ("approve", "reviewer"),
    ReportStatus.APPROVED: ("sign", "signer"),
    ReportStatus.SIGNED: ("publish", "office"),
}


@dataclass(frozen=True)
class ReportPerson:
    username: str
    full_name: str
    role: str


# Who reviews and signs off the reports of the agencies without a demo reviewer and signer of their own
# (the city Education Bureau has ``reviewer`` and ``signer``).
REPORT_REVIEWER = ReportPerson("report-reviewer", "吴年报", Role.REVIEWER)
REPORT_SIGNER = ReportPerson("report-signer", "郑签发", Role.SIGNER)
OWN_PEOPLE = {"YG-JYJ": {"reviewer": "reviewer", "signer": "signer"}}


def _person(person: ReportPerson) -> AbstractUser:
    user, created = get_user_model().objects.get_or_create(username=person.username)
    assert isinstance(user, AbstractUser)
    if created:
        user.first_name = person.full_name
        user.email = f"{person.username}@example.gov.cn"
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _people(agency: Agency) -> dict[str, AbstractUser]:
    """The disclosure office, reviewer and signer who take the agency's report through its steps."""
    users = get_user_model().objects
    office = users.get(username="dc-office" if agency.code.startswith("YG-DC") else "office")
    own = OWN_PEOPLE.get(agency.code)
    if own is not None:
        return {
            "office": office,
            "reviewer": users.get(username=own["reviewer"]),
            "signer": users.get(username=own["signer"]),
        }
    people: dict[str, AbstractUser] = {"office": office}
    for key, person in (("reviewer", REPORT_REVIEWER), ("signer", REPORT_SIGNER)):
        user = _person(person)
        agency_services.grant_role(by=None, user=user, agency=agency, role=person.role)
        people[key] = user
    return people


def _proactive_count(agency: Agency, year: int) -> int:
    return published_records().filter(record__agency=agency, record__first_published_at__year=year).count()


def narrative(agency: Agency, year: int, rng: random.Random) -> dict[str, object]:
    """The report's narrative (sections 一, 五 and 六) and the figures of table 2 that staff enter,
    written from the agency's published records and requests of the year."""
    report = compute_report(agency, year, "tree" if agency.kind == AgencyKind.GOVERNMENT else "self")
    rows = report.applications
    received = rows[NEW_THIS_YEAR][TOTAL]
    concluded = rows[TOTAL][TOTAL]
    disclosed = rows[Outcome.DISCLOSED][TOTAL] + rows[Outcome.PARTIALLY_DISCLOSED][TOTAL]
    carried = rows[CARRIED_TO_NEXT_YEAR][TOTAL]
    published = _proactive_count(agency, year)
    name = agency.name
    government = agency.kind == AgencyKind.GOVERNMENT
    overview = "\n\n".join(
        [
            f"{year}年，{name}坚持以人民为中心的发展思想，认真贯彻落实《中华人民共和国政府信息公开条例》"
            f"和上级关于政务公开工作的部署要求，围绕中心工作深化决策、执行、管理、服务、结果公开，"
            f"政府信息公开工作取得新的进展。现将本年度政府信息公开工作情况报告如下。",
            f"（一）主动公开。本年度通过政府信息公开平台主动公开政府信息{published}条，"
            "涵盖机构职能、政策文件、政策解读、财政预决算、人事信息和工作动态等栏目。"
            "对行政规范性文件同步发布政策解读，便于群众理解和执行。",
            f"（二）依申请公开。本年度新收政府信息公开申请{received}件，办结{concluded}件，"
            f"其中予以公开或部分公开{disclosed}件，结转下年度继续办理{carried}件。"
            "全部申请均在法定期限内答复，答复文书载明依据和救济途径。",
            "（三）政府信息管理。严格落实公开前保密审查和个人信息保护审查，"
            "发布前由信息员起草、审核人审查、签发人签发，对已失效的文件及时标注效力状态。",
            "（四）平台建设。依托政府信息公开平台统一发布信息，栏目设置符合主动公开基本目录要求，"
            "提供全文检索、订阅和移动端浏览。",
            "（五）监督保障。"
            + ("将政务公开工作纳入年度绩效考核，" if government else "")
            + "明确政府信息公开工作机构和人员，定期检查栏目更新情况，对发现的问题及时整改。",
        ]
    )
    problems = "\n\n".join(
        [
            "本年度政府信息公开工作仍存在一些不足：一是部分栏目更新不够及时；"
            "二是政策解读的形式较为单一，图解、问答等形式运用不多；三是依申请公开答复的规范化水平有待提升。",
            f"{year + 1}年，{name}将从以下方面加以改进：一是建立栏目更新提醒机制，按目录要求及时发布；"
            "二是丰富政策解读形式，提高解读的针对性和可读性；三是加强业务培训，统一答复文书格式，"
            "严格按照法定期限办理。",
        ]
    )
    other_matters = (
        f"本年度{name}未收取信息处理费。"
        "本机关落实政务公开工作要点情况，以及人大代表建议和政协提案办理结果公开情况，"
        "已在政府信息公开平台相应栏目公开。"
    )
    department = agency.kind == AgencyKind.DEPARTMENT
    return {
        "overview": overview,
        "problems": problems,
        "other_matters": other_matters,
        "licensing_decisions": rng.randint(20, 400) if department else 0,
        "penalty_decisions": rng.randint(0, 60) if department else 0,
        "enforcement_decisions": rng.randint(0, 8) if department else 0,
        "fees_collected": Decimal("0"),
    }


def _backdate(draft: AnnualReportDraft, published_on: datetime.date) -> None:
    """Demo only: the report's record shows the day the report was published, not the day of loading."""
    if draft.record_id is None:
        return
    moment = timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(10, 0)))
    if moment >= timezone.now():
        return
    revision = (
        Revision.objects.filter(record_id=draft.record_id, published_at__isnull=False).order_by("-pk").first()
    )
    if revision is None:
        return
    Revision.objects.filter(pk=revision.pk).update(published_at=moment)
    Record.objects.filter(pk=draft.record_id, first_published_at__gt=moment).update(first_published_at=moment)


def publish_report(agency: Agency, year: int, on: datetime.date, rng: random.Random) -> AnnualReportDraft:
    """The agency's report on ``year``, published on ``on`` through the report's steps (once)."""
    categories.seed_catalogue(agency)
    people = _people(agency)
    draft = open_draft(agency=agency, year=year, by=people["office"])
    if draft.status == ReportStatus.PUBLISHED:
        return draft
    if draft.status == ReportStatus.DRAFT:
        draft = update_draft(draft=draft, by=people["office"], **narrative(agency, year, rng))
    while draft.status in STEPS:
        action, who = STEPS[ReportStatus(draft.status)]
        draft = take_action(draft=draft, action=action, by=people[who], today=on)
    draft.refresh_from_db()
    _backdate(draft, on)
    return draft


def publish_reports(year: int, on: datetime.date, codes: Iterable[str] | None = None) -> int:
    """Publish the reports on ``year`` of the reporting agencies (``codes`` among them, if given) that
    exist; answers how many reports were published now."""
    wanted = [code for code in REPORTING if codes is None or code in set(codes)]
    rng = random.Random(year)  # noqa: S311 - demo figures, not secrets
    published = 0
    for agency in Agency.objects.filter(code__in=wanted, is_active=True).order_by("path"):
        before = AnnualReportDraft.objects.filter(
            agency=agency, year=year, status=ReportStatus.PUBLISHED
        ).exists()
        publish_report(agency, year, on, rng)
        published += 0 if before else 1
    return published


def report_day(year: int, today: datetime.date) -> datetime.date:
    """The day the demo publishes the report on ``year``: 20 January of the next year, or today if earlier."""
    return min(datetime.date(year + 1, 1, 20), today)
