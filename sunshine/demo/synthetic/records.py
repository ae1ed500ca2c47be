"""Synthetic published records in bulk, for benchmarks and load tests (``generate --records N``).

Records are spread over the given agencies: higher levels publish more (a Zipf-like weight over the
agencies ordered by depth), so a province government holds a few percent of everything and one of
its categories thousands of records; villages publish a handful. Each record lands in one of the
agency's standard catalogue categories (``catalogue.STANDARD_CATEGORIES``; agencies made in bulk
get their catalogue here, as ``signals.seed_catalogue_of_new_agency`` gives it to one made by hand),
with a genre that fits the category: work news (工作动态) and notices are the bulk, policy documents
carry a document number (发文字号) and sometimes an ended validity.

Titles and texts are put together from word lists of government business (topics, actions, places,
laws) with a fixed seed: the same lists feed ``bench/search_bench.py``, so both benchmarks search
the same kind of text. Publication moments run from 2016 to the day before the reference day, more
and more of them each year, and rows are written in the order they were published, as a live site
writes them.

Each record gets its index number (索引号) ``<agency code>/<year>-<5-digit sequence>`` exactly as
``index_numbers.allocate`` would give it: the sequence continues each agency's ``IndexCounter`` of the
year (locked for the run), skips numbers taken already, and the counters are moved on at the end,
so a record published later by the ordinary service gets the next free number.

One process plans the records in publication order (``RecordFactory.plan``: agency, category, genre,
index number, document number, dates: everything that numbers or counts) and writes them; worker
processes (``--index-workers``, one per core by default) compose their texts from a seed each and
cut them for the search index (``Composer``): the texts and the segmenter are the costly part. The
data are the same whatever the number of workers.

Rows are written with ``RowWriter`` (one prepared INSERT per batch on SQLite, COPY on PostgreSQL):
Record, then Revision (one published revision each) and Issuer (the agency, sometimes with its
parent as co-issuer), then the records' search entries, in the same transaction: the same documents
that ``indexing.published_documents`` reads back for ``reindex_records`` (a test holds them equal).
An empty index is loaded in bulk (on PostgreSQL its GIN index is built at the end). No review
history (RevisionEvent), attachments or audit rows per record are written.
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
import resource
import time
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from sunshine.agencies.models import Agency, AgencyKind
from sunshine.core.parallel import map_in_order, usable_workers
from sunshine.demo.synthetic.requests import Row, RowWriter
from sunshine.demo.synthetic.text import (
    ACTIONS,
    GENRES_ZH,
    PLACES,
    TOPIC_CUMULATIVE,
    TOPICS,
    sentence,
)
from sunshine.records import catalogue, indexing
from sunshine.records.categories import ensure_topics
from sunshine.records.codes import Genre, Status, Validity
from sunshine.records.index_numbers import format_index_number
from sunshine.records.models import Category, IndexCounter, Issuer, Record, Revision, Topic
from sunshine.records.timeliness import publication_due
from sunshine.search import backends, segment
from sunshine.search import services as search
from sunshine.search.documents import SearchDocument
from sunshine.workdays.calendar import current_calendar

BATCH_SIZE = 2000
FIRST_DAY = datetime.date(2016, 1, 1)
# How much more is published at the end of the period than at its start (linear growth).
GROWTH = 3.0
# Higher levels publish more: weight 1 / (rank + 1) ** AGENCY_SKEW over agencies ordered by depth.
AGENCY_SKEW = 0.7
JOINT_SHARE = 0.05  # documents issued jointly with the parent agency
ENDED_SHARE = 0.12  # policy documents no longer in force (expired or repealed)

# --- What is published where --------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryPlan:
    key: str  # a standard category key
    weight: float  # share of the records
    genres: tuple[str, ...]
    numbered: float  # share carrying a document number (发文字号)
    policy: bool = False  # may be expired or repealed


CATEGORY_PLANS: tuple[CategoryPlan, ...] = (
    CategoryPlan(catalogue.WORK_NEWS, 30, (Genre.NEWS,), 0.0),
    CategoryPlan(catalogue.NOTICES, 14, (Genre.NOTICE, Genre.ANNOUNCEMENT, Genre.CIRCULAR), 0.3),
    CategoryPlan(
        catalogue.NORMATIVE_DOCUMENTS,
        5,
        (Genre.MEASURES, Genre.PROVISIONS, Genre.OPINION, Genre.NOTICE),
        1.0,
        policy=True,
    ),
    CategoryPlan(
        "other_documents",
        8,
        (Genre.NOTICE, Genre.OPINION, Genre.PROGRAMME, Genre.REPLY, Genre.LETTER),
        0.9,
        policy=True,
    ),
    CategoryPlan(catalogue.POLICY_INTERPRETATION, 4, (Genre.INTERPRETATION,), 0.0),
    CategoryPlan("plans", 3, (Genre.PLAN, Genre.PROGRAMME), 0.6, policy=True),
    CategoryPlan("budget", 2, (Genre.REPORT,), 0.0),
    CategoryPlan("final_accounts", 2, (Genre.REPORT,), 0.0),
    CategoryPlan("three_public_expenses", 1, (Genre.REPORT,), 0.0),
    CategoryPlan("appointments", 3, (Genre.NOTICE,), 0.8),
    CategoryPlan("recruitment", 2, (Genre.ANNOUNCEMENT,), 0.0),
    CategoryPlan("licensing", 6, (Genre.ANNOUNCEMENT, Genre.DECISION), 0.2),
    CategoryPlan("penalties", 5, (Genre.DECISION, Genre.ANNOUNCEMENT), 0.7),
    CategoryPlan("public_resources", 5, (Genre.ANNOUNCEMENT,), 0.0),
    CategoryPlan("statistics", 3, (Genre.REPORT,), 0.0),
    CategoryPlan("major_decisions", 1, (Genre.DECISION, Genre.OPINION), 1.0, policy=True),
    CategoryPlan("major_projects", 2, (Genre.ANNOUNCEMENT, Genre.PROGRAMME), 0.3),
    CategoryPlan("emergencies", 1, (Genre.NOTICE, Genre.PROGRAMME), 0.5),
    CategoryPlan("proposals", 2, (Genre.REPLY, Genre.LETTER), 0.9),
    CategoryPlan("institution", 0.5, (Genre.OTHER,), 0.0),
    CategoryPlan("administrative_power", 0.5, (Genre.OTHER,), 0.0),
    CategoryPlan("fees", 0.5, (Genre.NOTICE,), 0.5, policy=True),
)
CATEGORY_CUMULATIVE = list(itertools.accumulate(plan.weight for plan in CATEGORY_PLANS))
SUBJECTS = {  # what a category's titles are about, beside the topic
    "budget": "部门预算",
    "final_accounts": "部门决算",
    "three_public_expenses": "“三公”经费预算执行情况",
    "statistics": "统计数据",
    "recruitment": "公开招聘工作人员",
    "public_resources": "采购项目",
    "licensing": "行政许可决定",
    "penalties": "行政处罚决定",
    "appointments": "人事任免",
    "institution": "机构职能",
    "administrative_power": "权责清单",
}


class RecordGenerationError(Exception):
    """The records cannot be generated as asked; nothing was written."""


@dataclass
class RecordGenerationResult:
    records: int = 0
    agencies: int = 0
    categories_seeded: int = 0
    first_record_id: int | None = None
    last_record_id: int | None = None
    first_published: datetime.date | None = None
    last_published: datetime.date | None = None
    by_category: Counter[str] = field(default_factory=Counter)
    with_document_number: int = 0
    seconds: float = 0.0  # planning, composing, writing and indexing, all in all
    write_seconds: float = 0.0  # of which writing rows and search entries (this process)
    workers: int = 1
    bulk_index: bool = False  # the search index was empty and loaded in bulk
    cpu_seconds_this_process: float = 0.0  # planning and writing
    cpu_seconds_workers: float = 0.0  # composing texts and cutting them for the index

    def summary(self) -> dict[str, Any]:
        """The counts, as recorded in the audit entry."""
        return {
            "records": self.records,
            "agencies": self.agencies,
            "categories_seeded": self.categories_seeded,
            "published": [str(self.first_published), str(self.last_published)],
            "by_category": dict(self.by_category.most_common()),
            "with_document_number": self.with_document_number,
            "seconds": round(self.seconds, 2),
            "workers": self.workers,
        }


# --- Catalogues -----------------------------------------------------------------------------------


def ensure_catalogues(agencies: Sequence[Agency]) -> int:
    """The standard catalogue for each of ``agencies`` that has no category at all (agencies written in
    bulk skip the signal that seeds it); answers how many categories were added."""
    ids = [agency.pk for agency in agencies]
    have = set(
        Category.objects.filter(agency_id__in=ids).values_list("agency_id", flat=True).distinct().order_by()
    )
    missing = [pk for pk in ids if pk not in have]
    if not missing:
        return 0
    order = {standard.key: n * 10 for n, (standard, _parent) in enumerate(catalogue.walk(), start=1)}

    def row(agency_id: int, standard: catalogue.StandardCategory, parent_id: int | None) -> Category:
        return Category(
            agency_id=agency_id,
            parent_id=parent_id,
            key=standard.key,
            name=standard.name,
            name_en=standard.name_en,
            interval_days=standard.interval_days,
            sort_order=order[standard.key],
        )

    tops = [row(pk, standard, None) for pk in missing for standard in catalogue.STANDARD_CATEGORIES]
    Category.objects.bulk_create(tops, batch_size=2000)
    parents = {(c.agency_id, c.key): c.pk for c in tops}
    if any(pk is None for pk in parents.values()):  # a database that returns no ids from bulk inserts
        parents = {
            (agency_id, key): pk
            for agency_id, key, pk in Category.objects.filter(agency_id__in=missing).values_list(
                "agency_id", "key", "pk"
            )
        }
    children = [
        row(pk, child, parents[(pk, standard.key)])
        for pk in missing
        for standard in catalogue.STANDARD_CATEGORIES
        for child in standard.children
    ]
    Category.objects.bulk_create(children, batch_size=2000)
    return len(tops) + len(children)


# --- The records ----------------------------------------------------------------------------------


def _depth(agency: Agency) -> int:
    return agency.path.count("/")


def agency_weights(agencies: Sequence[Agency]) -> tuple[list[Agency], list[float]]:
    """Agencies by depth (governments first at each level) and the cumulative weight of each."""
    ordered = sorted(
        agencies, key=lambda a: (_depth(a), a.kind != AgencyKind.GOVERNMENT, a.sort_order, a.code)
    )
    weights = [1 / (rank + 1) ** AGENCY_SKEW for rank in range(len(ordered))]
    return ordered, list(itertools.accumulate(weights))


def publication_moments(
    count: int, first: datetime.date, last: datetime.date, rng: random.Random
) -> list[datetime.datetime]:
    """``count`` moments from ``first`` to ``last`` (office hours, mostly working days), in order, more
    of them towards the end."""
    days = (last - first).days + 1
    zone = timezone.get_current_timezone()
    fractions = sorted(rng.random() for _ in range(count))
    moments = []
    for u in fractions:
        # The inverse of the distribution whose density grows linearly by GROWTH over the period.
        t = (math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2)) - 1) / GROWTH
        day = first + datetime.timedelta(days=min(days - 1, int(t * days)))
        if day.weekday() >= 5 and rng.random() < 0.85:  # most is published on working days
            day -= datetime.timedelta(days=day.weekday() - 4)
            day = max(day, first)
        minute = 8 * 60 + int((u * days * 1440) % (10 * 60))  # 08:00–17:59, rising through the day
        moments.append(
            datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60, int(u * 1e9) % 60), zone)
        )
    moments.sort()
    return moments


def abbreviation(agency: Agency) -> str:
    """发文机关代字 for a document number: the start of the agency's name and its kind."""
    start = agency.name[:2]
    if agency.kind == AgencyKind.GOVERNMENT:
        return f"{start}政"
    if agency.kind == AgencyKind.DEPARTMENT:
        return f"{start}{agency.name[-3:-1] if len(agency.name) > 4 else ''}"
    return start


@dataclass(frozen=True)
class Skeleton:
    """What the main process decides of one record, in publication order (everything that numbers or
    counts): the rest, its texts, is composed from ``seed`` in any process (``Composer``)."""

    agency_id: int
    plan: int  # index in CATEGORY_PLANS
    genre: str
    topic: str
    published: datetime.datetime
    year: int
    index_number: str
    document_number: str
    formed: datetime.date
    due_on: datetime.date | None
    validity: str
    changed_on: datetime.date | None
    category_id: int
    topic_id: int | None
    issuers: tuple[int, ...]
    seed: int


class BuiltRecord(NamedTuple):
    """A composed record as the writing process needs it: column values made in the worker (a plain
    tuple travels between processes at a fraction of the cost of objects)."""

    index_number: str
    category_id: int
    numbered: bool
    issuers: tuple[int, ...]
    record: tuple[Any, ...]  # Record's column values
    revision: tuple[Any, ...]  # Revision's, with 0 for its record's id
    index_row: backends.PreparedRow  # its search entry, the key left empty until the record has an id


class RecordFactory:
    """Plans one record at a time, in publication order (``plan``): its agency, category, genre, index
    number, document number, dates and validity, and a seed for its texts."""

    def __init__(
        self,
        *,
        agencies: Sequence[Agency],
        seed: int,
        today: datetime.date,
        categories: dict[tuple[int, str], int],
        topics: list[int],
        counters: dict[tuple[int, int], int],
        taken: set[str],
    ) -> None:
        self.rng = random.Random(seed * 7919 + 17)  # noqa: S311 - synthetic data, not secrets
        self.ordered, self.cumulative = agency_weights(agencies)
        self.by_id = {agency.pk: agency for agency in agencies}
        self.today = today
        self.categories = categories
        self.topics = topics
        self.counters = counters
        self.taken = taken
        self.document_numbers: Counter[tuple[int, int]] = Counter()
        self.calendar = current_calendar()
        self.due: dict[datetime.date, datetime.date | None] = {}

    def _agency(self) -> Agency:
        return self.rng.choices(self.ordered, cum_weights=self.cumulative)[0]

    def _due(self, formed: datetime.date) -> datetime.date | None:
        if formed not in self.due:
            # Bulk rows carry no provisional mark: a due date on an estimate is left unknown.
            due = publication_due(formed, self.calendar)
            self.due[formed] = due.date if due and not due.provisional else None
        return self.due[formed]

    def index_number(self, agency: Agency, year: int) -> str:
        key = (agency.pk, year)
        while True:
            self.counters[key] = self.counters.get(key, 0) + 1
            number = format_index_number(agency.code, year, self.counters[key])
            if number not in self.taken:
                return number

    def plan(self, published: datetime.datetime) -> Skeleton:
        rng = self.rng
        agency = self._agency()
        plan_index = rng.choices(range(len(CATEGORY_PLANS)), cum_weights=CATEGORY_CUMULATIVE)[0]
        plan = CATEGORY_PLANS[plan_index]
        genre = rng.choice(plan.genres)
        topic = rng.choices(TOPICS, cum_weights=TOPIC_CUMULATIVE)[0]
        local = timezone.localtime(published)
        year = local.year
        document_number = ""
        if plan.numbered and rng.random() < plan.numbered:
            self.document_numbers[(agency.pk, year)] += 1
            document_number = (
                f"{abbreviation(agency)}发〔{year}〕{self.document_numbers[(agency.pk, year)]}号"
            )
        formed = local.date() - datetime.timedelta(days=rng.randrange(0, 25))
        validity, changed_on = Validity.VALID, None
        if plan.policy and rng.random() < ENDED_SHARE:
            changed_on = local.date() + datetime.timedelta(days=rng.randrange(180, 2000))
            if changed_on < self.today:
                validity = Validity.EXPIRED if rng.random() < 0.6 else Validity.REPEALED
            else:
                changed_on = None
        topic_id = (
            self.topics[rng.randrange(len(self.topics))] if self.topics and rng.random() < 0.7 else None
        )
        issuers: tuple[int, ...] = (agency.pk,)
        if agency.parent_id and agency.parent_id in self.by_id and rng.random() < JOINT_SHARE:
            issuers = (agency.pk, agency.parent_id)
        return Skeleton(
            agency_id=agency.pk,
            plan=plan_index,
            genre=genre,
            topic=topic,
            published=published,
            year=year,
            index_number=self.index_number(agency, year),
            document_number=document_number,
            formed=formed,
            due_on=self._due(formed),
            validity=validity,
            changed_on=changed_on,
            category_id=self.categories[(agency.pk, plan.key)],
            topic_id=topic_id,
            issuers=issuers,
            seed=rng.getrandbits(64),
        )


@dataclass(frozen=True)
class AgencyFacts:
    name: str
    path: str


class Composer:
    """Writes the texts of planned records and cuts them for the search index: the costly part of a
    record, pure Python without the database, so it runs in worker processes."""

    def __init__(self, agencies: Sequence[Agency]) -> None:
        self.agencies = {agency.pk: AgencyFacts(agency.name, agency.path) for agency in agencies}
        self.url = indexing.RecordUrls()
        self.records, self.revisions = RowWriter(Record), RowWriter(Revision)

    def _title(
        self, rng: random.Random, agency: str, plan: CategoryPlan, genre: str, topic: str, year: int
    ) -> str:
        genre_zh = GENRES_ZH.get(genre, "")
        if genre == Genre.NEWS:
            return rng.choice(
                (
                    f"{agency}召开{topic}工作会议",
                    f"{agency}{rng.choice(ACTIONS)}{topic}工作",
                    f"{rng.choice(PLACES)}{topic}工作取得新进展",
                )
            )
        if genre == Genre.INTERPRETATION:
            return f"《关于{rng.choice(ACTIONS)}{topic}工作的意见》政策解读"
        subject = SUBJECTS.get(plan.key)
        if subject is not None:
            return f"{agency}{year}年{subject}（{topic}）"
        if rng.random() < 0.3:
            return f"{agency}关于印发《{topic}{genre_zh}》的通知"
        return f"{agency}关于{rng.choice(ACTIONS)}{topic}工作的{genre_zh}"

    def compose(self, planned: Skeleton) -> BuiltRecord:
        rng = random.Random(planned.seed)  # noqa: S311 - synthetic data, not secrets
        agency = self.agencies[planned.agency_id]
        plan = CATEGORY_PLANS[planned.plan]
        genre_zh = GENRES_ZH.get(planned.genre, "文件")
        title = self._title(rng, agency.name, plan, planned.genre, planned.topic, planned.year)[:300]
        paragraphs = [
            "".join(sentence(rng, planned.topic, genre_zh) for _ in range(rng.randrange(1, 4)))
            for _ in range(rng.randrange(2, 5))
        ]
        body_text = "\n".join(paragraphs)
        published = planned.published
        record: Row = {
            "agency_id": planned.agency_id,
            "index_number": planned.index_number,
            "first_published_at": published,
            "validity": planned.validity,
            "validity_changed_on": planned.changed_on,
            "created_at": published - datetime.timedelta(days=1),
        }
        revision: Row = {
            "number": 1,
            "status": Status.PUBLISHED,
            "title": title,
            "category_id": planned.category_id,
            "topic_id": planned.topic_id,
            "genre": planned.genre,
            "document_number": planned.document_number,
            "formation_date": planned.formed,
            "keywords": "；".join(dict.fromkeys([planned.topic, rng.choice(TOPICS)])),
            "body": "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
            "body_text": body_text,
            "due_on": planned.due_on,
            "published_at": published,
            "created_at": published - datetime.timedelta(days=1),
            "updated_at": published,
            "submitted_at": published - datetime.timedelta(hours=6),
        }
        # The same document as ``indexing.published_documents`` reads back from these rows.
        document = SearchDocument(
            key="",
            title=title,
            body=body_text,
            document_number=planned.document_number,
            agency_id=planned.agency_id,
            agency_path=agency.path,
            category=plan.key,
            genre=planned.genre,
            published_on=timezone.localdate(published),
            validity=planned.validity,
            url=self.url(planned.index_number),
        )
        return BuiltRecord(
            planned.index_number,
            planned.category_id,
            bool(planned.document_number),
            planned.issuers,
            self.records.values(record),
            self.revisions.values({**revision, "record_id": 0}),
            backends.prepare(document),
        )


# The composer of the running generation, set before the worker processes are forked.
_composer: Composer | None = None


def compose_batch(planned: list[Skeleton]) -> list[BuiltRecord]:
    assert _composer is not None, "compose_batch runs in a generation"
    return [_composer.compose(skeleton) for skeleton in planned]


def _counters(agency_ids: list[int]) -> dict[tuple[int, int], int]:
    """The index counters of these agencies, locked until the transaction ends."""
    rows = IndexCounter.objects.select_for_update().filter(agency_id__in=agency_ids)
    return {
        (agency_id, year): last for agency_id, year, last in rows.values_list("agency_id", "year", "last")
    }


def _save_counters(counters: dict[tuple[int, int], int], before: dict[tuple[int, int], int]) -> None:
    """Move the counters on to the last sequence number used (new rows for new agency-years)."""
    changed = {key: last for key, last in counters.items() if before.get(key) != last}
    IndexCounter.objects.bulk_create(
        [
            IndexCounter(agency_id=a, year=y, last=last)
            for (a, y), last in changed.items()
            if (a, y) not in before
        ],
        batch_size=2000,
    )
    existing = [key for key in changed if key in before]
    rows = []
    for start in range(0, len(existing), 500):
        chunk = existing[start : start + 500]
        for row in IndexCounter.objects.filter(agency_id__in={a for a, _ in chunk}):
            if (row.agency_id, row.year) in changed:
                row.last = changed[(row.agency_id, row.year)]
                rows.append(row)
    IndexCounter.objects.bulk_update(rows, ["last"], batch_size=500)


def generate_records(
    *,
    agencies: Sequence[Agency],
    count: int,
    seed: int,
    today: datetime.date,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> RecordGenerationResult:
    """Write ``count`` published records over ``agencies`` and put them in the search index, their
    texts composed and cut in ``workers`` forked processes; call inside a transaction."""
    began = time.perf_counter()
    result = RecordGenerationResult()
    if count < 0:
        raise RecordGenerationError("--records cannot be negative.")
    if count == 0:
        return result
    if not agencies:
        raise RecordGenerationError("Records need at least one agency.")
    last_day = min(today, timezone.localdate()) - datetime.timedelta(days=1)
    if last_day < FIRST_DAY:
        raise RecordGenerationError(f"The reference day must be after {FIRST_DAY.isoformat()}.")
    agency_ids = [agency.pk for agency in agencies]
    result.agencies = len(agency_ids)
    result.categories_seeded = ensure_catalogues(agencies)
    ensure_topics()
    keys = {plan.key for plan in CATEGORY_PLANS}
    categories = {
        (agency_id, key): pk
        for agency_id, key, pk in Category.objects.filter(agency_id__in=agency_ids, key__in=keys).values_list(
            "agency_id", "key", "pk"
        )
    }
    lacking = [a.code for a in agencies if any((a.pk, key) not in categories for key in keys)]
    if lacking:
        raise RecordGenerationError(
            f"{len(lacking)} agencies lack standard categories (first: {lacking[0]}); "
            "restore their catalogue before generating records."
        )
    keys_of = {pk: key for (_, key), pk in categories.items()}
    topics = list(Topic.objects.filter(parent__isnull=False).order_by("code").values_list("pk", flat=True))
    before = _counters(agency_ids)
    taken = {
        number
        for number in Record.objects.filter(agency_id__in=agency_ids, index_number__isnull=False).values_list(
            "index_number", flat=True
        )
        if number
    }
    if workers < 1:
        raise RecordGenerationError("--index-workers must be at least 1.")
    factory = RecordFactory(
        agencies=agencies,
        seed=seed,
        today=today,
        categories=categories,
        topics=topics,
        counters=dict(before),
        taken=taken,
    )
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    moments = publication_moments(count, FIRST_DAY, last_day, rng)
    writer = _Writer(keys_of, result)
    global _composer
    _composer = Composer(agencies)
    segment.dictionary()  # loaded once here, shared by the forked workers
    backend = backends.get_backend()
    bulk = backend.entry_count() == 0
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        with search.bulk_loading(backend) if bulk else nullcontext():
            # This process plans the records and writes them; the workers write their texts and cut
            # them for the index.
            batches = backends.batched((factory.plan(moment) for moment in moments), batch_size)
            for built in map_in_order(compose_batch, batches, workers):
                writer.write(built, progress)
    finally:
        _composer = None
    workers = usable_workers(workers)
    _save_counters(factory.counters, before)
    own_after, children_after = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    result.workers = workers
    result.bulk_index = bulk
    result.cpu_seconds_this_process = own_after.ru_utime + own_after.ru_stime - own.ru_utime - own.ru_stime
    result.cpu_seconds_workers = (
        children_after.ru_utime + children_after.ru_stime - children.ru_utime - children.ru_stime
    )
    result.write_seconds = writer.seconds
    result.first_published = timezone.localdate(moments[0])
    result.last_published = timezone.localdate(moments[-1])
    result.seconds = time.perf_counter() - began
    return result


def _pairs(model: type[Model], key: str, value: str, keys: list[Any]) -> list[tuple[Any, Any]]:
    """(key, value) of the rows whose ``key`` column is one of ``keys`` (thousands of them).

    On PostgreSQL the keys go as one array parameter: a statement with a placeholder per key costs
    the client more to parse and fill than the server to run.
    """
    if connection.vendor != "postgresql":
        return list(model._default_manager.filter(**{f"{key}__in": keys}).values_list(key, value))
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}, {value} FROM {table} WHERE {key} = ANY(%s)", [keys])  # noqa: S608
        return [(row[0], row[1]) for row in cursor.fetchall()]


class _Writer:
    """Writes composed records in batches: Record, Revision and Issuer rows, then their search entries
    (on the caller's connection and transaction)."""

    def __init__(self, keys_of: dict[int, str], result: RecordGenerationResult) -> None:
        self.records, self.revisions, self.issuers = RowWriter(Record), RowWriter(Revision), RowWriter(Issuer)
        self.record_column = self.revisions.names.index("record_id")
        self.backend = backends.get_backend()
        self.keys_of = keys_of
        self.result = result
        self.seconds = 0.0

    def write(self, built: list[BuiltRecord], progress: Callable[[int], None] | None) -> None:
        began = time.perf_counter()
        self.records.insert_values([item.record for item in built])
        numbers = [item.index_number for item in built]
        ids = dict(_pairs(Record, "index_number", "id", numbers))
        record_ids = [ids[number] for number in numbers]
        at = self.record_column
        self.revisions.insert_values(
            [
                (*item.revision[:at], record_id, *item.revision[at + 1 :])
                for item, record_id in zip(built, record_ids, strict=True)
            ]
        )
        revision_ids = dict(_pairs(Revision, "record_id", "id", record_ids))  # new records: revision 1 only
        self.issuers.insert(
            {"revision_id": revision_ids[record_id], "agency_id": agency_id, "position": position}
            for item, record_id in zip(built, record_ids, strict=True)
            for position, agency_id in enumerate(item.issuers)
        )
        self.backend.write(
            [
                item.index_row._replace(entry=(indexing.record_key(record_id), *item.index_row.entry[1:]))
                for item, record_id in zip(built, record_ids, strict=True)
            ]
        )
        result = self.result
        result.records += len(built)
        result.first_record_id = result.first_record_id or min(record_ids)
        result.last_record_id = max(record_ids)
        result.by_category.update(self.keys_of[item.category_id] for item in built)
        result.with_document_number += sum(1 for item in built if item.numbered)
        self.seconds += time.perf_counter() - began
        if progress is not None:
            progress(result.records)
