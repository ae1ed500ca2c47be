"""The demo's service cases (办件) on the published guides of ``demo/eservices.py``: one case in each
state, taken through the real services on working days before today, then the supervision sweep (so
the dashboards have yellow and red cases), a few ratings (one 差评 with its open rectification, one at
a counter) and one 督办 notice.

- the cases are handled by the city's disclosure office ``office`` (a tree role: it handles the cases
  of every city bureau) and the extension is approved by it too;
- the notice is issued by the city's supervisor ``supervisor`` on the red case.

Each case is known by its service and its applicant's name: loading again adds only what is missing
and lists them all again with their tracking codes, keys and private links.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from sunshine.cases import access
from sunshine.cases import services as cases
from sunshine.cases.models import Case
from sunshine.demo.showcase import _working_days_before
from sunshine.demo.synthetic.requests import resident_id
from sunshine.eservices.codes import Status as GuideStatus
from sunshine.eservices.models import Version
from sunshine.evaluations import services as ratings
from sunshine.evaluations.models import Evaluation
from sunshine.supervision import services as supervision
from sunshine.supervision.models import Notice
from sunshine.supervision.sweep import sweep
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import add_working_days

HANDLER = "office"
SUPERVISOR = "supervisor"
PEOPLE = (HANDLER, SUPERVISOR)
FOOD = "YG-SCJGJ-XK-002"  # 食品经营许可: statutory 10, promised 5 working days
HUKOU = "YG-GAJ-XK-001"  # 户口迁入: statutory 20, promised 5
CERTIFICATE = "YG-RSJ-GG-002"  # 职业资格证书补发: statutory 20, promised 10
NOTICE_SUBJECT = "【演示】请说明食品经营许可超期原因"


class Walk:
    """The steps of one demo case, each on a working day after its receipt (never after today)."""

    def __init__(self, case: Case, people: Mapping[str, Any], today: datetime.date) -> None:
        self.case = case
        self.people = people
        self.today = today

    def day(self, k: int) -> datetime.date:
        return min(add_working_days(self.case.received_on, k, current_calendar()), self.today)

    def act(self, action: str, k: int, **fields: Any) -> None:
        by = self.people[HANDLER]
        self.case = cases.perform_action(
            case=self.case, action=action, by=by, date=self.day(k), today=self.today, **fields
        )


def _missing(w: Walk) -> None:
    w.act(
        "notify_missing",
        1,
        items=[
            {"material": "layout", "reason": "请补充经营场所平面布局图，标明各功能区面积"},
            "健康证明复印件不清晰，请重新提交",
        ],
    )


def _accepted(w: Walk) -> None:
    w.act("accept", 0)


def _yellow(w: Walk) -> None:
    w.act("accept", 0)
    w.act("complete_step", 1, step="accept")


def _red(w: Walk) -> None:
    w.act("accept", 0)
    w.act("complete_step", 1, step="accept")


def _suspended(w: Walk) -> None:
    w.act("accept", 0)
    w.act("suspend", 2, reason="需要现场核查，经营场所整改期间暂停计时。")


def _extended(w: Walk) -> None:
    w.act("accept", 0)
    w.act("extend", 4, working_days=5, reason="需要调取原户籍地档案核实。", approved_by=HANDLER)


def _decided(w: Walk) -> None:
    w.act("accept", 0)
    w.act("complete_step", 1, step="accept")
    w.act("decide", 4, result="approved")


def _delivered(w: Walk) -> None:
    _decided(w)
    w.act("deliver", 5)


def _refused(w: Walk) -> None:
    w.act("refuse", 1, reason="申请事项依法不属于本机关职权范围，请向户籍所在地公安派出所申请。")


@dataclass(frozen=True)
class DemoCase:
    key: str
    service: str
    name: str  # the applicant: the demo knows its cases by service and name
    back: int  # received this many working days before today
    walk: Callable[[Walk], None] | None  # None: sent online today, waiting to be examined
    online: bool = True


CASES: tuple[DemoCase, ...] = (
    DemoCase("submitted", FOOD, "林晓燕", 0, None),
    DemoCase("submitted_online", CERTIFICATE, "王建国", 0, None),
    DemoCase("awaiting_materials", FOOD, "刘芳", 2, _missing),
    DemoCase("accepted", CERTIFICATE, "黄丽华", 1, _accepted, online=False),
    DemoCase("yellow", FOOD, "赵磊", 4, _yellow),
    DemoCase("red", FOOD, "周强", 8, _red, online=False),
    DemoCase("suspended", FOOD, "吴静", 3, _suspended),
    DemoCase("extended", HUKOU, "孙丽", 6, _extended),
    DemoCase("decided", FOOD, "陈小明", 9, _decided),
    DemoCase("delivered", HUKOU, "郑伟", 10, _delivered, online=False),
    DemoCase("refused", HUKOU, "冯敏", 3, _refused),
)
# The ratings: (case key, level, comment). Level 2 is a bad rating: it opens a rectification.
RATINGS = (
    ("delivered", 5, "窗口工作人员耐心细致，一次就办好了。"),
    ("decided", 2, "现场核查约了两次才来，耽误了开业。"),
)
COUNTER_RATING = (FOOD, 4)  # one anonymous rating at the guide's first window


@dataclass(frozen=True)
class Shown:
    key: str
    service: str
    status: str
    tracking_code: str
    access_key: str
    private_path: str
    staff_path: str


@dataclass
class CasesResult:
    created: int = 0
    ratings: int = 0
    notices: int = 0
    swept: int = 0
    shown: list[Shown] = field(default_factory=list)
    rectification_path: str = ""
    notice_path: str = ""


def _applicant(case: DemoCase, number: int) -> cases.Applicant:
    """A person who gave a phone and no e-mail (the demo logs text messages instead of sending them)."""
    birth = datetime.date(1975, 3, 1) + datetime.timedelta(days=401 * number)
    return cases.Applicant(
        kind="natural_person",
        name=case.name,
        id_type="resident_id",
        id_number=resident_id("330106", birth, 700 + number),
        phone=f"1380571{number:04d}",
        email="",
        address=f"阳光市文三路{20 + number}号",
    )


def _find(case: DemoCase) -> Case | None:
    return (
        Case.objects.filter(item__code=case.service, applicant_name=case.name)
        .select_related("agency", "item", "version")
        .order_by("id")
        .first()
    )


def _create(
    case: DemoCase, number: int, version: Version, people: Mapping[str, Any], today: datetime.date
) -> None:
    received = _working_days_before(today, case.back)
    materials = list(version.materials.filter(required=True).values_list("key", flat=True))
    if case.key == "awaiting_materials":
        materials = [key for key in materials if key != "layout"]
    with transaction.atomic():
        made, _key = cases.submit_case(
            version=version,
            applicant=_applicant(case, number),
            materials=materials,
            channel="online" if case.online else "counter",
            received_on=None if case.online else received,
            by=None if case.online else people[HANDLER],
            today=received,
        )
        if case.walk is not None:
            case.walk(Walk(made, people, today))


def _shown(case: DemoCase, found: Case) -> Shown:
    return Shown(
        key=case.key,
        service=str(found.version.name),
        status=str(found.get_status_display()),
        tracking_code=found.tracking_code,
        access_key=access.access_key_for(found),
        private_path=access.private_path(found),
        staff_path=f"/staff/cases/{found.pk}/",
    )


def _rate(found: dict[str, Case], versions: Mapping[str, Version], today: datetime.date) -> int:
    added = 0
    for key, level, comment in RATINGS:
        case = found.get(key)
        if case is None or Evaluation.objects.filter(case=case).exists():
            continue
        ratings.rate_case(case=case, level=level, comment=comment, today=today)
        added += 1
    code, level = COUNTER_RATING
    version = versions.get(code)
    window = version.windows.order_by("pk").first() if version is not None else None
    if (
        version is not None
        and window is not None
        and not Evaluation.objects.filter(item__code=code, window_key=window.key).exists()
    ):
        ratings.rate_window(version=version, window=window, level=level, today=today)
        added += 1
    return added


def _notice(red: Case | None, people: Mapping[str, Any], today: datetime.date) -> tuple[Notice | None, int]:
    if red is None:
        return None, 0
    existing = Notice.objects.filter(case=red, subject=NOTICE_SUBJECT).first()
    if existing is not None:
        return existing, 0
    notice = supervision.issue_notice(
        agency=red.agency,
        by=people[SUPERVISOR],
        subject=NOTICE_SUBJECT,
        text="该办件已超过承诺办结时限，请于3个工作日内说明原因并提出办结时间。",
        due_days=3,
        case=red,
        today=today,
    )
    return notice, 1


def load_cases(*, today: datetime.date | None = None) -> CasesResult:
    """Create the demo's cases that are missing, sweep, rate and issue the notice; list them all.
    LookupError when the demo city, its people or the published guides are not there."""
    today = today or timezone.localdate()
    people = {u.username: u for u in get_user_model().objects.filter(username__in=PEOPLE)}
    codes = sorted({c.service for c in CASES})
    published = Version.objects.filter(item__code__in=codes, status=GuideStatus.PUBLISHED)
    versions = {v.item.code: v for v in published.select_related("item")}
    missing = sorted({*PEOPLE} - set(people)) + sorted({*codes} - set(versions))
    if missing:
        raise LookupError(
            f"The demo is missing {', '.join(missing)}: run manage.py demo_data and demo_eservices first."
        )
    result = CasesResult()
    found: dict[str, Case] = {}
    with translation.override(settings.LANGUAGE_CODE):
        for number, case in enumerate(CASES, start=1):
            existing = _find(case)
            if existing is None:
                _create(case, number, versions[case.service], people, today)
                result.created += 1
                existing = _find(case)
            if existing is not None:
                found[case.key] = existing
        swept = sweep(today)
        result.swept = swept.created + swept.updated
        result.ratings = _rate(found, versions, today)
        notice, result.notices = _notice(found.get("red"), people, today)
    result.shown = [_shown(case, found[case.key]) for case in CASES if case.key in found]
    decided = found.get("decided")
    rectification = decided.rectifications.order_by("pk").first() if decided is not None else None
    if rectification is not None:
        result.rectification_path = f"/staff/evaluations/{rectification.pk}/"
    if notice is not None:
        result.notice_path = f"/staff/supervision/notices/{notice.pk}/"
    return result
