"""Help for staff facing repeated or excessive applications (条例 Art. 35, Art. 36 (六)).

Art. 35 lets an agency ask an applicant to give reasons when the number and frequency of their
applications clearly go beyond a reasonable range (申请数量、频次明显超过合理范围); Art. 36 (六)
lets it decline to process a repeat application (重复申请) for the same information. Neither is
decided here: these functions only put the facts in front of the officer. Nothing is blocked.

Both take the acting user and see only requests of the agencies that user may see.

Similarity (``similarity``): the title and description of two requests are segmented with jieba;
tokens shorter than two characters (particles such as 的, 市, single letters) and words every
application contains (申请, 公开, 信息 …) are dropped; the score is the Jaccard index
|A ∩ B| / |A ∪ B| of the two token sets. ``SIMILARITY_THRESHOLD`` = 0.5 means at least half of all
distinct content words are shared: the same request reworded or reordered scores about 0.8,
the same kind of document for another year about 0.7-0.8 (worth a look: it is a *possible*
repeat), an unrelated request of the same applicant usually below 0.3.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import jieba
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, DateField, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.selectors import requests_for_staff

AnyUser = AbstractBaseUser | AnonymousUser

SIMILARITY_THRESHOLD = 0.5
WINDOW_DAYS = 365  # "the last 12 months" of the repeat check, up to the request's own day
MAX_CANDIDATES = 200  # earlier requests compared at most, newest first: the check stays fast
VOLUME_MONTHS = 12  # 条例 Art. 35: the calendar months shown, the current one included

# Words nearly every application contains; they say nothing about which information is wanted.
STOPWORDS = frozenset(
    {
        "申请",
        "公开",
        "政府",
        "信息",
        "政府信息",
        "相关",
        "有关",
        "关于",
        "请求",
        "要求",
        "提供",
        "依法",
        "予以",
        "本人",
        "我们",
        "贵单位",
        "贵局",
        "以下",
        "如下",
        "内容",
        "情况",
        "文件",
    }
)
_WORD = re.compile(r"\w", re.UNICODE)

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=4096)
def tokens(text: str) -> frozenset[str]:
    """The content words of ``text`` (lower-cased, punctuation, particles and stopwords dropped)."""
    words = (w.strip().lower() for w in jieba.cut(text))
    return frozenset(w for w in words if len(w) >= 2 and _WORD.search(w) and w not in STOPWORDS)


def request_tokens(title: str, description: str) -> frozenset[str]:
    return tokens(f"{title}\n{description}")


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard index of two token sets; 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _day_of(request: InfoRequest) -> datetime.date:
    """The day a request counts from here: its receipt, or its submission while not yet received."""
    if request.received_on is not None:
        return request.received_on
    return timezone.localtime(request.submitted_at).date()


def _visible(user: AnyUser, request: InfoRequest) -> QuerySet[InfoRequest]:
    visible = requests_for_staff(user)
    if not visible.filter(pk=request.pk).exists():
        raise PermissionDenied
    return visible


def _day() -> Coalesce:
    """The request's day in the database: receipt, else the day of submission."""
    return Coalesce("received_on", TruncDate("submitted_at"), output_field=DateField())


@dataclass(frozen=True)
class PossibleRepeat:
    request_id: int
    tracking_code: str
    day: datetime.date
    title: str
    status: str
    outcome: str
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def possible_repeats(
    user: AnyUser,
    request: InfoRequest,
    *,
    threshold: float = SIMILARITY_THRESHOLD,
    limit: int = MAX_CANDIDATES,
) -> list[PossibleRepeat]:
    """Earlier requests of the same applicant (identity document number) to the same agency, in
    the 12 months up to this one, whose text is similar; most similar first."""
    visible = _visible(user, request)
    if not request.applicant_id_number:
        return []
    day = _day_of(request)
    candidates = (
        visible.annotate(day=_day())
        .filter(
            agency_id=request.agency_id,
            applicant_id_number=request.applicant_id_number,
            day__gte=day - datetime.timedelta(days=WINDOW_DAYS),
            day__lte=day,
        )
        .exclude(pk=request.pk)
        .order_by("-day", "-pk")
        .values_list("pk", "tracking_code", "day", "title", "description", "status", "outcome")[:limit]
    )
    mine = request_tokens(request.title, request.description)
    found = []
    for pk, code, other_day, title, description, status, outcome in candidates:
        score = similarity(mine, request_tokens(title, description))
        if score >= threshold:
            shown = title or description[:60]
            found.append(PossibleRepeat(pk, code, other_day, shown, status, outcome, score))
    return sorted(found, key=lambda r: (-r.score, -r.day.toordinal(), -r.request_id))


@dataclass(frozen=True)
class MonthVolume:
    month: datetime.date  # the first day of the month
    this_agency: int
    all_agencies: int  # every agency the acting user may see


@dataclass(frozen=True)
class ApplicantVolume:
    months: list[MonthVolume]  # oldest first, VOLUME_MONTHS of them, the current month last

    @property
    def this_agency_total(self) -> int:
        return sum(m.this_agency for m in self.months)

    @property
    def all_agencies_total(self) -> int:
        return sum(m.all_agencies for m in self.months)

    @property
    def busiest(self) -> int:
        return max((m.all_agencies for m in self.months), default=0)


def _month_starts(today: datetime.date, n: int) -> list[datetime.date]:
    year, month = today.year, today.month
    starts = []
    for _ in range(n):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def applicant_volume(
    user: AnyUser, request: InfoRequest, *, today: datetime.date | None = None
) -> ApplicantVolume:
    """How many requests the applicant of ``request`` (same identity document number) made in each
    of the last 12 calendar months: to this agency, and to all the agencies ``user`` may see."""
    visible = _visible(user, request)
    today = today or timezone.localdate()
    months = _month_starts(today, VOLUME_MONTHS)
    counts: dict[datetime.date, tuple[int, int]] = {}
    if request.applicant_id_number:
        rows = (
            visible.filter(applicant_id_number=request.applicant_id_number)
            .annotate(day=_day())
            .filter(day__gte=months[0], day__lte=today)
            .annotate(month=TruncMonth("day", output_field=DateField()))
            .values("month")
            .annotate(total=Count("id"), here=Count("id", filter=Q(agency_id=request.agency_id)))
            .order_by()
        )
        for row in rows:
            month = row["month"]
            if isinstance(month, datetime.datetime):
                month = month.date()
            counts[month] = (row["here"], row["total"])
    return ApplicantVolume(
        months=[MonthVolume(m, *counts.get(m, (0, 0))) for m in months],
    )
