"""The demo's showcase: one request in each state of the procedure, with its files and notices, for a
person trying the demo to open from either side (README, "Start here").

Each request is an online application taken through the real services, on working days before today:
``services.submit_request`` and ``perform_action`` for the steps, ``correction.answer_correction`` for
the applicant's correction with a file, and ``replies.services`` with the kernel's steps for a reply
drafted with files by the Education Bureau's officer, approved by its reviewer and signed by its
signer. The replied one carries a small PDF and DOCX made here. Loading again adds only what is
missing (each request is known by its title) and lists them all again with their keys and links.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation

from sunshine.agencies.models import Agency
from sunshine.demo.synthetic.requests import resident_id
from sunshine.inforequests import access, services
from sunshine.inforequests.codes import ApplicantKind, IdType, Outcome
from sunshine.inforequests.correction import answer_correction
from sunshine.inforequests.documents.blocks import parse
from sunshine.inforequests.documents.docx_output import to_docx
from sunshine.inforequests.models import AgencyRequestSettings, InfoRequest
from sunshine.inforequests.replies import services as replies
from sunshine.inforequests.selectors import AnyUser
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import add_working_days

EDUCATION = "YG-JYJ"  # officer, reviewer and signer of the demo (sunshine/demo/agencies.py)
# Dongcheng's Education Bureau confirms online applications by hand: its showcase request waits in
# "submitted" until ``dc-officer`` confirms receipt.
MANUAL_RECEIPT = "YG-DC-JYJ"
PEOPLE = ("officer", "reviewer", "signer", "dc-officer")
PREFIX = "【演示】"
DESCRIPTION = "申请公开{year}年度阳光市教育局部门预算执行情况及相关说明材料。"


def make_pdf(*lines: str) -> bytes:
    """A one-page PDF with ``lines`` (ASCII) in Helvetica, with a correct cross-reference table: a
    real file for the demo's replies that needs no font on the machine."""
    text = " ".join(f"({line}) Tj 0 -18 Td" for line in lines)
    content = f"BT /F1 12 Tf 40 260 Td {text} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 300] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_docx(title: str, *paragraphs: str) -> bytes:
    """A DOCX in Chinese, written by the same code as the notices (no font needed)."""
    return to_docx(parse("\n".join([f"# {title}", *paragraphs])), author="阳光市教育局")


def budget_pdf(year: int) -> SimpleUploadedFile:
    lines = [
        "Sunshine City Education Bureau",
        f"Budget execution {year}: summary table",
        "Basic expenditure      8,120,000 yuan",
        "Project expenditure    3,880,000 yuan",
        "Total                 12,000,000 yuan",
    ]
    return SimpleUploadedFile(f"{year}年度部门预算执行情况表.pdf", make_pdf(*lines), "application/pdf")


def budget_docx(year: int) -> SimpleUploadedFile:
    content = make_docx(
        f"{year}年度部门预算执行情况说明",
        f"{year}年度，阳光市教育局部门预算支出合计1200万元，其中基本支出812万元，项目支出388万元。",
        "项目支出主要用于义务教育阶段学校校舍维修和教师培训。",
    )
    return SimpleUploadedFile(
        f"{year}年度部门预算执行情况说明.docx",
        content,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@dataclass(frozen=True)
class Shown:
    """One showcase request, as the command lists it."""

    key: str
    title: str
    status: str
    status_label: str
    reply_status: str
    tracking_code: str
    access_key: str
    private_path: str
    staff_path: str


@dataclass(frozen=True)
class ShowcaseResult:
    created: int
    shown: list[Shown]


class Walk:
    """The steps of one showcase request, each on a working day after its receipt (never after today)."""

    def __init__(self, request: InfoRequest, people: Mapping[str, AnyUser], today: datetime.date) -> None:
        self.request = request
        self.people = people
        self.today = today

    def day(self, k: int) -> datetime.date:
        assert self.request.received_on is not None
        return min(add_working_days(self.request.received_on, k, current_calendar()), self.today)

    def act(self, action: str, k: int, by: str | None = "officer", **fields: object) -> None:
        actor = self.people[by] if by is not None else None
        self.request = services.perform_action(
            request=self.request, action=action, by=actor, date=self.day(k), today=self.today, **fields
        )

    def draft(self, outcome: str, reasons: str, files: list[SimpleUploadedFile]) -> None:
        officer = self.people["officer"]
        replies.save_draft(request=self.request, by=officer, outcome=outcome, reasons=reasons)
        if files:
            replies.add_files(request=self.request, by=officer, files=files)

    def step(self, action: str, by: str, comments: str = "") -> None:
        replies.take_step(
            request=self.request, by=self.people[by], action=action, input={"comments": comments}
        )


def _received(w: Walk) -> None:
    """Received; the officer has 20 working days."""


def _awaiting_correction(w: Walk) -> None:
    w.act(
        "request_correction", 1, items=["请写明所需信息的年度", "请补充身份证明材料"], period_working_days=10
    )


def _correction_answered(w: Walk) -> None:
    w.act("request_correction", 1, items=["请补充身份证明材料"], period_working_days=10)
    proof = SimpleUploadedFile(
        "身份证明材料.pdf", make_pdf("Applicant's identity document (demo)"), "application/pdf"
    )
    w.request = answer_correction(
        request=w.request, text="已补充身份证明材料，所需信息为2025年度。", files=[proof], today=w.day(3)
    )


def _in_consultation(w: Walk) -> None:
    w.act("start_consultation", 2, party="third_party")


def _extended(w: Walk) -> None:
    w.act("extend", 15, working_days=20, reason="所需信息涉及多个年度的档案，需要检索", approver="signer")


def _awaiting_fee(w: Walk) -> None:
    w.act("notify_fee", 2, method="per_page", pages=120)


def _replied(w: Walk) -> None:
    year = w.day(0).year - 1
    w.draft(
        Outcome.DISCLOSED,
        "依照《中华人民共和国政府信息公开条例》第三十六条第二项的规定，予以公开，见所附文件。",
        [budget_pdf(year), budget_docx(year)],
    )
    w.step("submit", "officer")
    w.step("approve", "reviewer", "经保密审查，可以公开。")
    w.step("sign", "signer")
    w.act("reply", 10)


def _reply_in_review(w: Walk) -> None:
    w.draft(
        Outcome.PARTIALLY_DISCLOSED,
        "所申请信息中含有个人信息，依照条例第三十七条对可以公开的部分予以公开。",
        [budget_docx(w.day(0).year - 1)],
    )
    w.step("submit", "officer")


def _reply_awaiting_signoff(w: Walk) -> None:
    w.draft(
        Outcome.UNAVAILABLE_NOT_HELD, "经检索，本机关未制作、获取该信息，依照条例第三十六条第四项告知。", []
    )
    w.step("submit", "officer")
    w.step("approve", "reviewer", "同意。")


def _reply_returned(w: Walk) -> None:
    w.draft(Outcome.WITHHELD_THIRD_PARTY, "公开会损害第三方合法权益。", [])
    w.step("submit", "officer")
    w.step("return", "reviewer", "请写明征求第三方意见的情况，并引用条例第十五条、第三十二条。")


def _withdrawn(w: Walk) -> None:
    w.act("withdraw", 2, by=None)  # by the applicant, on the portal


def _closed(w: Walk) -> None:
    w.act("request_correction", 1, items=["请写明所需信息的名称或者文号"], period_working_days=5)
    w.act("correction_overdue", 7)


@dataclass(frozen=True)
class Case:
    key: str
    title: str  # the showcase knows its requests by their titles
    agency: str
    back: int  # received this many working days before today
    walk: Callable[[Walk], None] | None
    name: str  # the applicant


CASES: tuple[Case, ...] = (
    Case("submitted", "待确认收到", MANUAL_RECEIPT, 0, None, "林晓燕"),
    Case("received", "已受理", EDUCATION, 3, _received, "王建国"),
    Case("awaiting_correction", "待补正", EDUCATION, 4, _awaiting_correction, "刘芳"),
    Case("correction_answered", "已在线补正（附文件）", EDUCATION, 8, _correction_answered, "赵磊"),
    Case("in_consultation", "征求第三方意见中", EDUCATION, 6, _in_consultation, "黄丽华"),
    Case("extended", "已延期", EDUCATION, 18, _extended, "周强"),
    Case("awaiting_fee", "待缴信息处理费", EDUCATION, 5, _awaiting_fee, "吴静"),
    Case("replied", "已答复（经审查签批，附文件）", EDUCATION, 12, _replied, "陈小明"),
    Case("reply_in_review", "答复待审查", EDUCATION, 9, _reply_in_review, "孙丽"),
    Case("reply_awaiting_signoff", "答复待签批", EDUCATION, 10, _reply_awaiting_signoff, "郑伟"),
    Case("reply_returned", "答复被退回修改", EDUCATION, 10, _reply_returned, "冯敏"),
    Case("withdrawn", "已撤回", EDUCATION, 5, _withdrawn, "何军"),
    Case("closed", "已终止（逾期未补正）", EDUCATION, 16, _closed, "高洁"),
)


def title_of(case: Case) -> str:
    return f"{PREFIX}{case.title}"


def _working_days_before(today: datetime.date, n: int) -> datetime.date:
    """The working day ``n`` working days before ``today`` (today itself, or the working day before
    it, for 0)."""
    calendar = current_calendar()
    day, left = today, n
    while not calendar.is_workday(day):
        day -= datetime.timedelta(days=1)
    while left > 0:
        day -= datetime.timedelta(days=1)
        if calendar.is_workday(day):
            left -= 1
    return day


def _applicant(case: Case, number: int) -> services.Applicant:
    """A person who gave a phone and no e-mail: the demo's messages to them are text messages, which
    the demo logs instead of sending (``SUNSHINE_SMS_BACKEND=log``)."""
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=397 * number)
    return services.Applicant(
        kind=ApplicantKind.NATURAL_PERSON,
        name=case.name,
        id_type=IdType.RESIDENT_ID,
        id_number=resident_id("330102", birth, 900 + number),
        phone=f"1390571{number:04d}",
        email="",
        address=f"阳光市人民路{10 + number}号",
    )


def _find(case: Case) -> InfoRequest | None:
    return (
        InfoRequest.objects.filter(agency__code=case.agency, title=title_of(case))
        .select_related("agency")
        .order_by("id")
        .first()
    )


def _create(
    case: Case, number: int, agency: Agency, people: Mapping[str, AnyUser], today: datetime.date
) -> None:
    received = _working_days_before(today, case.back) if case.walk is not None else today
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        request, _key = services.submit_request(
            agency=agency,
            applicant=_applicant(case, number),
            wanted=services.Wanted(
                title=title_of(case),
                description=DESCRIPTION.format(year=received.year - 1),
                delivery_form="electronic",
                delivery_method="online",
            ),
            today=received,
        )
        if case.walk is not None:
            case.walk(Walk(request, people, today))


def _shown(case: Case, request: InfoRequest) -> Shown:
    draft = replies.current_draft(request)
    return Shown(
        key=case.key,
        title=title_of(case),
        status=request.status,
        status_label=str(request.get_status_display()),
        reply_status=draft.status if draft is not None else "",
        tracking_code=request.tracking_code,
        access_key=access.access_key_for(request),
        private_path=access.private_path(request),
        staff_path=f"/staff/requests/{request.pk}/",
    )


def load_showcase(*, today: datetime.date | None = None) -> ShowcaseResult:
    """Create the showcase requests that are missing; list them all. Needs the demo city
    (``demo_data``); a case whose agency or people are missing is left out."""
    today = today or timezone.localdate()
    people = {u.username: u for u in get_user_model().objects.filter(username__in=PEOPLE)}
    agencies = {a.code: a for a in Agency.objects.filter(code__in={EDUCATION, MANUAL_RECEIPT})}
    if MANUAL_RECEIPT in agencies:
        AgencyRequestSettings.objects.update_or_create(
            agency=agencies[MANUAL_RECEIPT], defaults={"auto_confirm_online": False}
        )
    created = 0
    shown: list[Shown] = []
    for number, case in enumerate(CASES, start=1):
        found = _find(case)
        if found is None:
            agency = agencies.get(case.agency)
            if agency is None or any(name not in people for name in ("officer", "reviewer", "signer")):
                continue
            _create(case, number, agency, people, today)
            created += 1
            found = _find(case)
        if found is not None:
            shown.append(_shown(case, found))
    return ShowcaseResult(created=created, shown=shown)
