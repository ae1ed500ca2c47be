"""Synthetic requests for information in bulk, for benchmarks and load tests (``generate --requests N``).

The requests are spread over the given agencies (governments and a few popular departments get
most of them), received from 1 January 2024 to the reference day, more and more of them each month,
and written in the order they arrived (as a live site writes them, which matters for how the rows
lie on disk); about 7% are open (received in the last five weeks, so that most are running, some
due soon and some overdue), the rest concluded (replied, withdrawn, closed).

Due dates come straight from the working-day clock (``sunshine.workdays.clock``) as
``clock.clock_of`` would compute them, without going through ``submit_request``. Rows are built
as plain dicts and written in batches of 5,000 (``RowWriter``: one prepared INSERT over the batch on
SQLite, COPY on PostgreSQL; ``bulk_create``'s per-field preparation would cost four times the insert
itself), so a million requests stream through in a few minutes without growing the process.

Applicants are drawn from a pool (a few frequent applicants, many occasional ones); their names and
resident identity numbers (GB 11643 check character) or unified social credit codes (GB 32100
check character) are derived from their number, so the same applicant always has the same
particulars. No events or audit rows are written per request.
"""

from __future__ import annotations

import datetime
import random
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from django.db.models import Q
from django.utils import timezone

from sunshine.agencies.models import Agency, AgencyKind
from sunshine.core.bulk import RowWriter
from sunshine.demo.synthetic.agencies import GIVEN_CHARS, SURNAMES
from sunshine.inforequests import fees
from sunshine.inforequests.access import ALPHABET
from sunshine.inforequests.codes import (
    ApplicantKind,
    Channel,
    ConsultationParty,
    DeliveryForm,
    DeliveryMethod,
    FeeMethod,
    IdType,
    Outcome,
    Status,
)
from sunshine.inforequests.law import (
    FEE_PAYMENT_WORKING_DAYS,
    MAX_EXTENSION_WORKING_DAYS,
    REPLY_WORKING_DAYS,
)
from sunshine.inforequests.models import InfoRequest, Pause
from sunshine.inforequests.validation import ID_CHECK, ID_WEIGHTS
from sunshine.workdays.clock import CalendarNotPublished, WorkCalendar, add_working_days

BATCH_SIZE = 5000
FIRST_DAY = datetime.date(2024, 1, 1)
OPEN_SHARE = 0.07
# Open requests were received within this many working days before the reference day.
OPEN_WINDOW_WORKING_DAYS = 25
# Concluded requests were received at least this many working days before it.
CONCLUDED_MARGIN_WORKING_DAYS = 2
# Requests arrive mostly on working days (post, visits); online ones on any day.
DAY_OFF_WEIGHT = 0.35
# Requests submitted online wait at most this many days for the agency to confirm receipt.
AWAITING_RECEIPT_DAYS = 3

OPEN_STATUS_WEIGHTS: list[tuple[str, int]] = [
    (Status.RECEIVED, 78),
    (Status.SUBMITTED, 4),
    (Status.AWAITING_CORRECTION, 8),
    (Status.IN_CONSULTATION, 7),
    (Status.AWAITING_FEE, 3),
]
CONCLUDED_STATUS_WEIGHTS: list[tuple[str, int]] = [
    (Status.REPLIED, 90),
    (Status.WITHDRAWN, 6),
    (Status.CLOSED, 4),
]
REPLY_OUTCOME_WEIGHTS: list[tuple[str, int]] = [
    (Outcome.DISCLOSED, 38),
    (Outcome.PARTIALLY_DISCLOSED, 12),
    (Outcome.WITHHELD_THIRD_PARTY, 3),
    (Outcome.WITHHELD_PROCESS_INFORMATION, 4),
    (Outcome.WITHHELD_INTERNAL_AFFAIRS, 2),
    (Outcome.WITHHELD_STATE_SECRET, 1),
    (Outcome.UNAVAILABLE_NOT_HELD, 20),
    (Outcome.UNAVAILABLE_NEEDS_CREATION, 5),
    (Outcome.NOT_PROCESSED_PETITION, 4),
    (Outcome.NOT_PROCESSED_REPEAT, 3),
    (Outcome.NOT_PROCESSED_PUBLICATION, 2),
    (Outcome.OTHER, 6),
]
CHANNEL_WEIGHTS: list[tuple[str, int]] = [
    (Channel.ONLINE, 70),
    (Channel.POST, 16),
    (Channel.IN_PERSON, 10),
    (Channel.FAX, 4),
]
KIND_WEIGHTS: dict[str, float] = {
    AgencyKind.GOVERNMENT: 6.0,
    AgencyKind.DEPARTMENT: 4.0,
    AgencyKind.TOWNSHIP: 1.5,
    AgencyKind.VILLAGE: 0.3,
}
ORGANISATION_KINDS = [
    ApplicantKind.COMMERCIAL_ENTERPRISE,
    ApplicantKind.LEGAL_SERVICE_ORG,
    ApplicantKind.RESEARCH_INSTITUTION,
    ApplicantKind.PUBLIC_INTEREST_ORG,
    ApplicantKind.OTHER_ORG,
]
TOPICS = [
    "部门预算执行情况",
    "行政处罚决定书",
    "征地补偿安置方案",
    "建设项目环境影响评价报告",
    "政府采购合同",
    "建设工程规划许可证",
    "房屋征收补偿协议",
    "专项资金使用情况",
    "专题会议纪要",
    "学校招生计划",
    "拆迁安置人员名单",
    "道路改造工程立项批复",
    "食品安全抽检结果",
    "低保审批名单",
    "土地出让合同",
]
REGION_CODES = ["330102", "330106", "320102", "440304", "110105", "510104", "420106", "370102", "610113"]
CONSULTATION_PARTIES = [ConsultationParty.THIRD_PARTY, ConsultationParty.AGENCY]
CORRECTION_ITEMS = ["写明所需信息的名称或文号", "说明所需信息的时间范围", "补充身份证明"]
FREQUENT_APPLICANTS = 500
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


class RequestGenerationError(Exception):
    """The requests cannot be generated as asked; nothing was written."""


@dataclass
class RequestGenerationResult:
    requests: int = 0
    pauses: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    first_received: datetime.date | None = None
    last_received: datetime.date | None = None
    today: datetime.date | None = None  # the reference day the open requests are recent to

    def summary(self) -> dict[str, object]:
        return {
            "requests": self.requests,
            "today": self.today.isoformat() if self.today else None,
            "pauses": self.pauses,
            "by_status": dict(sorted(self.by_status.items())),
            "received": [
                self.first_received.isoformat() if self.first_received else None,
                self.last_received.isoformat() if self.last_received else None,
            ],
        }


# --- Applicants ------------------------------------------------------------------------------------


def resident_id(region: str, birth: datetime.date, sequence: int) -> str:
    """An 18-character resident identity number with its GB 11643 check character."""
    body = f"{region}{birth:%Y%m%d}{sequence % 1000:03d}"
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    return body + ID_CHECK[total % 11]


def credit_code(number: int) -> str:
    """A unified social credit code (法人和其他组织统一社会信用代码) with its GB 32100 check character."""
    digits = []
    for _ in range(9):
        number, rest = divmod(number, 10)
        digits.append(str(rest))
    body = "91" + "330100" + "".join(reversed(digits))
    return body + credit_code_check(body)


def credit_code_check(body: str) -> str:
    """The check character (GB 32100) of the first 17 characters of a unified social credit code."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def _mix(number: int, salt: int) -> int:
    """A cheap, well-spread hash of an applicant's number (the same number: the same applicant)."""
    value = (number * 0x9E3779B1 + salt * 0x85EBCA77) & 0xFFFFFFFF
    value ^= value >> 15
    value = (value * 0x2C1B3C6D) & 0xFFFFFFFF
    return value ^ (value >> 12)


@dataclass(frozen=True)
class SyntheticApplicant:
    kind: str
    name: str
    id_type: str
    id_number: str
    phone: str
    email: str
    address: str


def applicant_for(number: int, seed: int) -> SyntheticApplicant:
    h = _mix(number, seed)
    if h % 100 < 85:
        surname = SURNAMES[h % len(SURNAMES)]
        given = GIVEN_CHARS[(h >> 7) % len(GIVEN_CHARS)]
        if (h >> 13) % 3:
            given += GIVEN_CHARS[(h >> 17) % len(GIVEN_CHARS)]
        birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=(h >> 3) % (55 * 365))
        return SyntheticApplicant(
            kind=ApplicantKind.NATURAL_PERSON,
            name=surname + given,
            id_type=IdType.RESIDENT_ID,
            id_number=resident_id(REGION_CODES[(h >> 21) % len(REGION_CODES)], birth, number),
            phone=f"13{number % 1_000_000_000:09d}",
            email=f"applicant{number}@example.com",
            address=f"阳光市人民路{h % 900 + 1}号",
        )
    kind = ORGANISATION_KINDS[(h >> 5) % len(ORGANISATION_KINDS)]
    names = {
        ApplicantKind.COMMERCIAL_ENTERPRISE: "有限公司",
        ApplicantKind.LEGAL_SERVICE_ORG: "律师事务所",
        ApplicantKind.RESEARCH_INSTITUTION: "研究院",
        ApplicantKind.PUBLIC_INTEREST_ORG: "公益基金会",
        ApplicantKind.OTHER_ORG: "协会",
    }
    return SyntheticApplicant(
        kind=kind,
        name=f"{SURNAMES[h % len(SURNAMES)]}{GIVEN_CHARS[(h >> 9) % len(GIVEN_CHARS)]}{names[kind]}",
        id_type=IdType.CREDIT_CODE,
        id_number=credit_code(number),
        phone=f"0571-{h % 90_000_000 + 10_000_000}",
        email=f"org{number}@example.com",
        address=f"阳光市科技路{h % 500 + 1}号",
    )


# --- Tracking codes --------------------------------------------------------------------------------


def _base32(number: int, width: int) -> str:
    chars = []
    for _ in range(width):
        number, rest = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[rest])
    return "".join(reversed(chars))


def run_token(seed: int, prefix: str) -> str:
    """Three characters that set this run's tracking codes apart from other runs' (and real ones)."""
    number = _mix(sum(ord(c) * 131**i for i, c in enumerate(prefix)) & 0xFFFF, seed) % len(ALPHABET) ** 3
    for step in range(len(ALPHABET) ** 3):
        token = _base32((number + step) % len(ALPHABET) ** 3, 3)
        used = Q()
        for year in range(FIRST_DAY.year, datetime.date.today().year + 2):
            used |= Q(tracking_code__startswith=f"{year}-{token}")
        if not InfoRequest.objects.filter(used).exists():
            return token
    raise RequestGenerationError("No free tracking-code range is left for synthetic requests.")


# --- Requests --------------------------------------------------------------------------------------

Row = dict[str, Any]  # column values of one request, by attribute name (``agency_id``, ``due_date`` …)


def _chooser(pairs: Sequence[tuple[str, int]]) -> tuple[list[str], list[int]]:
    return [value for value, _ in pairs], list(accumulate(weight for _, weight in pairs))


class RequestFactory:
    """Builds the rows of requests one at a time; its ``rng`` makes the set repeatable."""

    def __init__(
        self,
        *,
        agencies: Sequence[Agency],
        officers: dict[int, list[int]],
        count: int,
        seed: int,
        token: str,
        today: datetime.date,
        calendar: WorkCalendar,
    ) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
        self.seed = seed
        self.agencies = list(agencies)
        # A few agencies are much busier than the others (lognormal), governments more than villages.
        popularity = [KIND_WEIGHTS.get(a.kind, 1.0) * self.rng.lognormvariate(0, 1.2) for a in self.agencies]
        self.agency_weights = list(accumulate(popularity))
        self.officers = officers
        self.token = token
        self.width = 5
        while len(ALPHABET) ** self.width <= count:
            self.width += 1
        self.calendar = calendar
        self.today = today
        self.applicant_pool = max(FREQUENT_APPLICANTS * 2, count // 2)
        self.open_first = add_working_days_back(today, OPEN_WINDOW_WORKING_DAYS, calendar)
        self.concluded_last = add_working_days_back(today, CONCLUDED_MARGIN_WORKING_DAYS, calendar)
        if self.open_first <= FIRST_DAY:
            raise RequestGenerationError(
                f"The reference day {today} is too early: requests are received from {FIRST_DAY} on."
            )
        self.open_statuses = _chooser(OPEN_STATUS_WEIGHTS)
        self.concluded_statuses = _chooser(CONCLUDED_STATUS_WEIGHTS)
        self.outcomes = _chooser(REPLY_OUTCOME_WEIGHTS)
        self.channels = _chooser(CHANNEL_WEIGHTS)
        self.timezone = timezone.get_current_timezone()

    def _pick(self, choice: tuple[list[str], list[int]]) -> str:
        values, cumulative = choice
        return values[bisect_right(cumulative, self.rng.random() * cumulative[-1])]

    def _agency(self) -> Agency:
        index = bisect_right(self.agency_weights, self.rng.random() * self.agency_weights[-1])
        return self.agencies[min(index, len(self.agencies) - 1)]

    def _applicant_number(self) -> int:
        if self.rng.random() < 0.1:
            return self.rng.randrange(FREQUENT_APPLICANTS)
        return self.rng.randrange(FREQUENT_APPLICANTS, self.applicant_pool)

    def _after(self, day: datetime.date, n: int) -> datetime.date | None:
        """The ``n``-th working day after ``day``; None where the calendar is not published yet."""
        try:
            return add_working_days(day, n, self.calendar)
        except CalendarNotPublished:
            return None

    def _weight(self, day: datetime.date) -> float:
        """Relative number of requests received on ``day``: twice as many at the end as in 2024."""
        growth = 1 + (day - FIRST_DAY).days / max(1, (self.today - FIRST_DAY).days)
        return growth * (1.0 if self.calendar.is_workday(day) else DAY_OFF_WEIGHT)

    def _per_day(self, total: int, first: datetime.date, last: datetime.date) -> Iterator[int]:
        """``total`` spread over the days ``first``..``last`` by weight, summing exactly to ``total``."""
        days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
        weights = [self._weight(day) for day in days]
        whole, running, given = sum(weights), 0.0, 0
        for weight in weights:
            running += weight
            upto = round(total * running / whole)
            yield upto - given
            given = upto

    def arrivals(self, count: int) -> Iterator[tuple[datetime.date, bool]]:
        """(day of receipt, open?) of ``count`` requests, in the order they arrived.

        About OPEN_SHARE of them are open, received in the last OPEN_WINDOW_WORKING_DAYS working
        days; the others are concluded. Rows are written in this order, as a live site writes them.
        """
        open_total = round(count * OPEN_SHARE)
        concluded = self._per_day(count - open_total, FIRST_DAY, self.concluded_last)
        opened = self._per_day(open_total, self.open_first, self.today)
        day = FIRST_DAY
        while day <= self.today:
            slots = [False] * (next(concluded, 0) if day <= self.concluded_last else 0)
            slots += [True] * (next(opened, 0) if day >= self.open_first else 0)
            self.rng.shuffle(slots)
            for is_open in slots:
                yield day, is_open
            day += datetime.timedelta(days=1)

    def build(
        self, sequence: int, received: datetime.date, is_open: bool
    ) -> tuple[Row, tuple[str, datetime.date] | None]:
        """One request's row and, for one in consultation, its open pause (party, start)."""
        rng = self.rng
        agency = self._agency()
        if is_open:
            status = self._pick(self.open_statuses)
            if status == Status.SUBMITTED and (self.today - received).days > AWAITING_RECEIPT_DAYS:
                status = Status.RECEIVED
        else:
            status = self._pick(self.concluded_statuses)
        applicant = applicant_for(self._applicant_number(), self.seed)
        topic = TOPICS[rng.randrange(len(TOPICS))]
        electronic = rng.random() < 0.8
        if electronic:
            method = DeliveryMethod.EMAIL if rng.random() < 0.5 else DeliveryMethod.ONLINE
        else:
            method = DeliveryMethod.POST if rng.random() < 0.7 else DeliveryMethod.PICKUP
        officers = self.officers.get(agency.pk)
        submitted = datetime.datetime.combine(
            received, datetime.time(8 + rng.randrange(9), rng.randrange(60)), self.timezone
        )
        row: Row = {
            "tracking_code": f"{received.year}-{self.token}{_base32(sequence, self.width)}",
            "access_salt": f"{rng.getrandbits(128):032x}",
            "agency_id": agency.pk,
            "channel": Channel.ONLINE if status == Status.SUBMITTED else self._pick(self.channels),
            "applicant_kind": applicant.kind,
            "applicant_name": applicant.name,
            "applicant_id_type": applicant.id_type,
            "applicant_id_number": applicant.id_number,
            "applicant_phone": applicant.phone,
            "applicant_email": applicant.email,
            "applicant_address": applicant.address,
            "title": topic if rng.random() < 0.7 else "",
            "description": f"申请公开{received.year - rng.randrange(2)}年度{agency.name}{topic}。",
            "delivery_form": DeliveryForm.ELECTRONIC if electronic else DeliveryForm.PAPER,
            "delivery_method": method,
            "status": status,
            "submitted_at": submitted,
            "assigned_to_id": officers[rng.randrange(len(officers))]
            if officers and rng.random() < 0.7
            else None,
        }
        pause = self._clock(row, received, status)
        return row, pause

    def _clock(self, row: Row, received: datetime.date, status: str) -> tuple[str, datetime.date] | None:
        """Dates, outcome and due date as the services would have left them (``clock.clock_of``)."""
        rng = self.rng
        if status == Status.SUBMITTED:
            return None  # not confirmed yet: no day of receipt, no clock
        row["received_on"] = row["clock_start"] = received
        if status == Status.AWAITING_CORRECTION:
            # 条例 Art. 30: the reply period waits for the corrected application; no due date.
            row["correction_items"] = [CORRECTION_ITEMS[rng.randrange(len(CORRECTION_ITEMS))]]
            asked = row["correction_requested_on"] = self._after(received, rng.randrange(1, 8))
            row["correction_due"] = self._after(asked, rng.choice((10, 15))) if asked else None
            return None
        if status == Status.IN_CONSULTATION:
            started = self._after(received, rng.randrange(1, 10))
            if started is not None and started <= self.today:
                return (CONSULTATION_PARTIES[rng.randrange(2)], started)  # an open pause: no due date
            row["status"] = Status.RECEIVED
        if status == Status.AWAITING_FEE:
            notified = self._after(received, rng.randrange(2, 10))
            payable_by = self._after(notified, FEE_PAYMENT_WORKING_DAYS) if notified else None
            if notified is not None and payable_by is not None and notified <= self.today:
                pages = rng.randrange(31, 400)
                fee = fees.per_page_fee(pages)
                row["fee_method"] = FeeMethod.PER_PAGE
                row["fee_amount"] = fee.amount
                row["fee_basis"] = {"pages": pages, **fee.as_dict()}
                row["fee_notified_on"] = notified
                row["fee_due"] = payable_by
                return None  # the fee notice pauses the reply period: no due date
            row["status"] = Status.RECEIVED
        if status == Status.CLOSED:
            self._close_without_correction(row, received)
            return None
        extension = rng.randrange(5, MAX_EXTENSION_WORKING_DAYS + 1) if rng.random() < 0.05 else 0
        due = self._after(received, REPLY_WORKING_DAYS + extension)
        if extension and due is not None:
            row["extension_days"] = extension
            row["extension_reason"] = "需要调取档案并作区分处理"
            row["extension_approved_by"] = "政务公开办主任"
            row["extended_on"] = self._after(received, rng.randrange(5, 18))
        else:
            extension, due = 0, self._after(received, REPLY_WORKING_DAYS)
        row["due_date"] = due
        if status in (Status.REPLIED, Status.WITHDRAWN):
            total = REPLY_WORKING_DAYS + extension
            late = status == Status.REPLIED and rng.random() < 0.03
            taken = total + rng.randrange(1, 11) if late else rng.randrange(1, total + 1)
            # concluded by the reference day at the latest
            row["concluded_on"] = self._after(
                received, max(1, min(taken, self.calendar.count(received, self.today)))
            )
            if status == Status.WITHDRAWN:
                row["outcome"] = Outcome.OTHER
            else:
                row["outcome"] = outcome = self._pick(self.outcomes)
                if outcome != Outcome.DISCLOSED:
                    row["reply_reasons"] = "依据《中华人民共和国政府信息公开条例》第三十六条作出答复。"
        return None

    def _close_without_correction(self, row: Row, received: datetime.date) -> None:
        """条例 Art. 30: no correction within the period; the clock never restarted, so no due date."""
        rng = self.rng
        row["correction_items"] = [CORRECTION_ITEMS[rng.randrange(len(CORRECTION_ITEMS))]]
        asked = self._after(received, rng.randrange(1, 8))
        correction_due = self._after(asked, 10) if asked else None
        row["correction_requested_on"] = asked
        row["correction_due"] = correction_due
        left = self.calendar.count(correction_due, self.today) if correction_due else 0
        if correction_due is None or left < 1:  # the period has not run out by the reference day
            row["status"] = Status.AWAITING_CORRECTION
            return
        row["concluded_on"] = self._after(correction_due, min(rng.randrange(1, 5), left))
        row["outcome"] = Outcome.OTHER_CORRECTION_OVERDUE
        row["due_date"] = None


def add_working_days_back(day: datetime.date, n: int, calendar: WorkCalendar) -> datetime.date:
    """The earliest day from which ``n`` working days reach no further than ``day``."""
    guess = day - datetime.timedelta(days=n * 7 // 5 + 15)
    while calendar.count(guess, day) > n:
        guess += datetime.timedelta(days=1)
    return guess


def last_reference_day(calendar: WorkCalendar) -> datetime.date:
    """The last day whose reply period (20 working days) ends within the published calendar."""
    last = datetime.date(max(calendar.published_years), 12, 31)
    return add_working_days_back(last, REPLY_WORKING_DAYS, calendar)


def batches(
    factory: RequestFactory, count: int, size: int
) -> Iterator[tuple[list[Row], list[tuple[str, str, datetime.date]]]]:
    """Rows in batches of ``size``, with the open pauses (tracking code, party, start) of each batch."""
    rows: list[Row] = []
    pauses: list[tuple[str, str, datetime.date]] = []
    for sequence, (received, is_open) in enumerate(factory.arrivals(count)):
        row, pause = factory.build(sequence, received, is_open)
        rows.append(row)
        if pause is not None:
            pauses.append((row["tracking_code"], *pause))
        if len(rows) >= size:
            yield rows, pauses
            rows, pauses = [], []
    if rows:
        yield rows, pauses


def generate_requests(
    *,
    agencies: Sequence[Agency],
    officers: dict[int, list[int]],
    count: int,
    seed: int,
    prefix: str,
    today: datetime.date,
    calendar: WorkCalendar,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> RequestGenerationResult:
    """Write ``count`` requests over ``agencies``; call inside a transaction. ``today`` is the reference
    day (capped so that every due date falls within the published calendar)."""
    result = RequestGenerationResult()
    if count <= 0:
        return result
    if not agencies:
        raise RequestGenerationError("Requests need at least one agency.")
    if not calendar.published_years:
        raise RequestGenerationError("No working-day calendar is published: due dates cannot be computed.")
    factory = RequestFactory(
        agencies=agencies,
        officers=officers,
        count=count,
        seed=seed,
        token=run_token(seed, prefix),
        today=min(today, last_reference_day(calendar)),
        calendar=calendar,
    )
    result.today = factory.today
    writer = RowWriter(InfoRequest)
    pause_writer = RowWriter(Pause)
    for rows, pauses in batches(factory, count, batch_size):
        writer.insert(rows)
        if pauses:
            ids = dict(
                InfoRequest.objects.filter(tracking_code__in=[code for code, _, _ in pauses]).values_list(
                    "tracking_code", "pk"
                )
            )
            pause_writer.insert(
                {"request_id": ids[code], "party": party, "started_on": started}
                for code, party, started in pauses
            )
        result.requests += len(rows)
        result.pauses += len(pauses)
        result.by_status.update(row["status"] for row in rows)
        received = [row["received_on"] for row in rows if row.get("received_on") is not None]
        if received:
            low, high = min(received), max(received)
            result.first_received = low if result.first_received is None else min(result.first_received, low)
            result.last_received = high if result.last_received is None else max(result.last_received, high)
        if progress is not None:
            progress(result.requests)
    return result
