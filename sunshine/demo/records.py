"""Demo records for the demo city (``manage.py demo_records``, after ``demo_data``).

A few hundred records over 2024–2026 across the catalogue of the city, its departments, districts
and streets: policy documents with document numbers and their interpretations, budgets and final
accounts, appointments, recruitment, penalties, work news, notices and annual reports. Most are
published (some late, some revised, a few withdrawn, repealed or replaced); recent ones are still
in review, scheduled or drafts, one with a phone number the privacy scan finds. Everything goes
through the real services, so index numbers, deadlines, history and audit entries are as in use.
Loading twice changes nothing: a record whose agency, title and date of formation exist is skipped.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.demo import annual_reports
from sunshine.demo.records_plan import ALL_CHECKS, SEED, Spec, plan
from sunshine.records import categories, services
from sunshine.records.codes import Status, Validity
from sunshine.records.models import Category, Record, Revision, Topic
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, add_working_days

# The year of the annual reports that ``demo_records`` publishes (the plan's records start in 2024).
REPORTS_ON = 2024


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])))
    )


def _publication_day(spec: Spec) -> datetime.date:
    try:
        day = add_working_days(spec.formed, spec.delay, current_calendar())
    except CalendarNotPublished:
        day = spec.formed + datetime.timedelta(days=spec.delay)
    return min(day, timezone.localdate() - datetime.timedelta(days=1))


def _create(spec: Spec, topics: dict[str, Topic]) -> Revision | None:
    category = Category.objects.filter(agency=spec.agency, key=spec.key).first()
    if category is None:
        return None
    interprets = None
    if spec.interprets is not None:
        if spec.interprets.record is None:
            return None
        interprets = Record.objects.get(pk=spec.interprets.record.pk)
    return services.create_draft(
        agency=spec.agency,
        by=None,
        title=spec.title,
        category=category,
        genre=spec.genre,
        document_number=spec.number,
        formation_date=spec.formed,
        topic=topics.get(spec.topic) or topics.get(spec.topic.split(".")[0]),
        keywords=spec.keywords,
        body="\n".join(spec.paragraphs),
        needs_interpretation=spec.needs_interpretation,
        interprets=interprets,
        issuers=spec.issuers or [spec.agency],
    )


def _backdate_history(revision: Revision, published: datetime.datetime) -> None:
    """Demo only: the steps before a backdated publication took place in the hours before it."""
    steps = list(revision.events.exclude(kind__in=["publish", "withdraw", "supersede"]).order_by("pk"))
    for n, event in enumerate(steps):
        event.at = published - datetime.timedelta(hours=2 * (len(steps) - n))
        event.save(update_fields=["at"])


def _through_review(revision: Revision) -> Revision:
    revision = services.submit(revision=revision, by=None)
    revision = services.review(revision=revision, by=None, decision="approve", checklist=ALL_CHECKS)
    return services.sign(revision=revision, by=None)


@transaction.atomic
def _load_one(spec: Spec, topics: dict[str, Topic], rng: random.Random) -> bool:
    revision = _create(spec, topics)
    if revision is None:
        return False
    spec.record = revision.record
    if spec.fate == "draft":
        return True
    if spec.fate == "returned":
        revision = services.submit(revision=revision, by=None)
        services.return_for_changes(revision=revision, by=None, comments="请补充文件的发文字号和附件。")
        return True
    if spec.fate == "submitted":
        services.submit(revision=revision, by=None, acknowledge_findings=True)
        return True
    revision = _through_review(revision)
    if spec.fate == "signed":
        return True
    if spec.fate == "scheduled":
        services.publish(
            revision=revision, by=None, at=timezone.now() + datetime.timedelta(days=rng.randint(1, 5))
        )
        return True
    published_on = _publication_day(spec)
    moment = _moment(published_on, rng)
    revision = services.publish(revision=revision, by=None, backdate=moment)
    _backdate_history(revision, moment)
    if spec.fate == "withdrawn":
        services.withdraw(revision=revision, by=None, reason="文件内容有误，撤回后更正。")
    elif spec.fate == "revised":
        second = services.start_revision(record=revision.record, by=None)
        second = services.update_draft(
            revision=second,
            by=None,
            body="\n".join([*spec.paragraphs, "（本文已于发布后更正第二条的表述。）"]),
            change_note="更正第二条的表述",
        )
        later = min(
            published_on + datetime.timedelta(days=10), timezone.localdate() - datetime.timedelta(days=1)
        )
        moment = _moment(later, rng)
        _backdate_history(
            services.publish(revision=_through_review(second), by=None, backdate=moment), moment
        )
    if spec.validity != Validity.VALID:
        services.change_validity(
            record=revision.record,
            by=None,
            validity=spec.validity,
            on=min(published_on + datetime.timedelta(days=300), timezone.localdate()),
        )
    return True


def load_demo_records(*, agencies: list[str] | None = None) -> dict[str, int]:
    """Create what is missing of the demo records (of the agencies with the given codes only, if
    given: the tests load a few); answers how many were added and skipped."""
    city = Agency.objects.filter(code="YG").first()
    if city is None:
        raise LookupError("the demo city YG is missing: run demo_data first")
    categories.ensure_topics()
    for agency in Agency.objects.filter(path__startswith=city.path):
        categories.seed_catalogue(agency)
    topics = {t.code: t for t in Topic.objects.all()}
    rng = random.Random(SEED + 1)  # noqa: S311 - demo data, not secrets
    specs = [s for s in plan(city) if agencies is None or s.agency.code in agencies]
    existing = set(
        Revision.objects.filter(number=1, record__agency__path__startswith=city.path).values_list(
            "record__agency_id", "title", "formation_date"
        )
    )
    order = sorted(
        specs,
        key=lambda s: (
            _publication_day(s) if s.fate not in {"draft", "submitted"} else timezone.localdate(),
            s.interprets is not None,
        ),
    )
    added = skipped = 0
    for spec in order:
        if (spec.agency.pk, spec.title, spec.formed) in existing:
            found = Revision.objects.filter(number=1, record__agency=spec.agency, title=spec.title).first()
            spec.record = found.record if found else None
            skipped += 1
            continue
        try:
            loaded = _load_one(spec, topics, rng)
        except services.RecordError:
            loaded = False
        if loaded:
            added += 1
        else:
            skipped += 1
    # The annual reports on 2024 go through the annual report's own steps; last
    # year's follow in ``demo_requests``, once its requests are in.
    added += annual_reports.publish_reports(
        REPORTS_ON, annual_reports.report_day(REPORTS_ON, timezone.localdate()), agencies
    )
    return {
        "added": added,
        "skipped": skipped,
        "published": Revision.objects.filter(status=Status.PUBLISHED).count(),
    }
