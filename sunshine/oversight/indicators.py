"""The oversight indicators (监督考核, docs/oversight.md) as data: one ``Indicator`` per code with its
label, rule version, the rule in words (shown beside every figure) and two functions:

- ``counts(agencies, period)`` → ``{agency_id: (numerator, denominator)}`` for many agencies at once,
  with grouped queries (never a query per agency);
- ``rows(agency, period)`` → the rows behind one agency's figure: the rows of the denominator, each
  annotated ``counted`` (True when it is in the numerator), for the drill-down page.

Every rule reads only what happened before the end of the month (first publication, reply, decision,
rating dates; the catalogue as it stood then), so that recomputing a closed month gives the same
figure. A rule that changes gets a new ``rule_version``; the old snapshots stay.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.oversight.periods import Period

Counts = dict[int, tuple[int, int]]
Text = str | Promise


@dataclass(frozen=True)
class Column:
    label: Text
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Text
    rule_version: int
    rule: Text  # the rule in words, shown with every figure
    counts: Callable[[Iterable[int], Period], Counts]
    rows: Callable[[Agency, Period], QuerySet[Any]]
    columns: tuple[Column, ...]
    link: Callable[[Any], str | None]
    # True when the figure is a count (denominator 1): its value is the numerator itself.
    is_count: bool = False


def _agency_ids(agencies: Iterable[int]) -> list[int]:
    return list(agencies)


# --- Ratio indicators: a base queryset (the denominator) and a condition (the numerator). ---------


@dataclass(frozen=True)
class Ratio:
    """A ratio over the rows of ``base(period)`` grouped by ``agency_field``; ``numerator(period)``
    is the condition a row meets to count in the numerator."""

    base: Callable[[Period], QuerySet[Any]]
    numerator: Callable[[Period], Q]
    agency_field: str
    order: tuple[str, ...]

    def counts(self, agencies: Iterable[int], period: Period) -> Counts:
        grouped = (
            self.base(period)
            .filter(**{f"{self.agency_field}__in": _agency_ids(agencies)})
            .order_by()
            .values(self.agency_field)
            .annotate(den=Count("pk"), num=Count("pk", filter=self.numerator(period)))
        )
        return {row[self.agency_field]: (row["num"], row["den"]) for row in grouped}

    def rows(self, agency: Agency, period: Period) -> QuerySet[Any]:
        return (
            self.base(period)
            .filter(**{self.agency_field: agency.pk})
            .annotate(counted=ExpressionWrapper(self.numerator(period), output_field=BooleanField()))
            .order_by(*self.order)
        )


def _ratio(
    code: str,
    label: Text,
    rule: Text,
    ratio: Ratio,
    columns: tuple[Column, ...],
    link: Callable[[Any], str | None],
    rule_version: int = 1,
) -> Indicator:
    return Indicator(
        code=code,
        label=label,
        rule_version=rule_version,
        rule=rule,
        counts=ratio.counts,
        rows=ratio.rows,
        columns=columns,
        link=link,
    )


# --- Records (主动公开) ---------------------------------------------------------------------------


def _records_published_in(period: Period) -> QuerySet[Any]:
    from sunshine.records.models import Record

    return Record.objects.filter(first_published_at__gte=period.start, first_published_at__lt=period.end)


def _first_revisions(period: Period) -> QuerySet[Any]:
    from sunshine.records.models import Revision

    return (
        Revision.objects.filter(
            number=1, record__first_published_at__gte=period.start, record__first_published_at__lt=period.end
        )
        .select_related("record", "category")
        .annotate(first_published_on=TruncDate("record__first_published_at"))
    )


def _late(period: Period) -> Q:
    return Q(due_on__isnull=False, first_published_on__gt=F("due_on"))


def _published_counts(agencies: Iterable[int], period: Period) -> Counts:
    grouped = (
        _records_published_in(period)
        .filter(agency_id__in=_agency_ids(agencies))
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"))
    )
    return {row["agency_id"]: (row["n"], 1) for row in grouped}


def _published_rows(agency: Agency, period: Period) -> QuerySet[Any]:
    return (
        _first_revisions(period)
        .filter(record__agency=agency)
        .annotate(counted=ExpressionWrapper(Q(pk__isnull=False), output_field=BooleanField()))
        .order_by("record__first_published_at", "pk")
    )


def _interpreted_by_end(period: Period) -> Exists:
    from sunshine.records.models import Revision

    return Exists(
        Revision.objects.filter(
            interprets=OuterRef("record_id"), published_at__isnull=False, published_at__lt=period.end
        )
    )


def _record_link(revision: Any) -> str | None:
    return reverse("records:detail", args=[revision.record_id])


_RECORD_COLUMNS = (
    Column(_("Index number"), lambda r: r.record.index_number or ""),
    Column(_("Title"), lambda r: r.title),
    Column(_("Catalogue category"), lambda r: r.category.display_name),
    Column(_("Date of formation"), lambda r: r.formation_date),
    Column(_("Publication due"), lambda r: r.due_on),
    Column(_("First published"), lambda r: r.first_published_on),
)


# --- Catalogue categories --------------------------------------------------------------------------


def _categories_at_end(period: Period) -> QuerySet[Any]:
    """The agency's catalogue categories in use that existed before the end of the month."""
    from sunshine.records.models import Category

    return Category.objects.filter(is_active=True, created_at__lt=period.end)


def _leaf_categories(period: Period) -> QuerySet[Any]:
    from sunshine.records.models import Category

    has_children = Exists(Category.objects.filter(parent=OuterRef("pk"), is_active=True))
    return _categories_at_end(period).filter(~has_children)


def _held_at_end(period: Period) -> Exists:
    """The category held a published record at the end of the month."""
    from sunshine.records.models import Revision

    return Exists(
        Revision.objects.filter(category=OuterRef("pk"), published_at__lt=period.end).filter(
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=period.end)
        )
    )


def _categories_with_last(period: Period) -> QuerySet[Any]:
    from sunshine.records.models import Category, Revision

    last = (
        Revision.objects.filter(category=OuterRef("pk"), published_at__lt=period.end)
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    return Category.objects.filter(
        is_active=True, created_at__lt=period.end, interval_days__isnull=False, interval_days__gt=0
    ).annotate(last_published=Subquery(last))


def _is_stale(period: Period, interval_days: int, created_at: datetime.datetime, last: Any) -> bool:
    """Stale when, at the end of the month, nothing was published in the category for longer than its
    expected interval (counted from its creation when nothing was ever published in it)."""
    since = last if last is not None else created_at
    return bool(period.end - since > datetime.timedelta(days=interval_days))


def _stale_counts(agencies: Iterable[int], period: Period) -> Counts:
    found: dict[int, list[int]] = {}
    rows = (
        _categories_with_last(period)
        .filter(agency_id__in=_agency_ids(agencies))
        .order_by()
        .values_list("agency_id", "interval_days", "created_at", "last_published")
    )
    for agency_id, interval, created_at, last in rows.iterator(chunk_size=5000):
        counts = found.setdefault(agency_id, [0, 0])
        counts[1] += 1
        if _is_stale(period, interval, created_at, last):
            counts[0] += 1
    return {agency_id: (num, den) for agency_id, (num, den) in found.items()}


def _stale_rows(agency: Agency, period: Period) -> QuerySet[Any]:
    categories = _categories_with_last(period).filter(agency=agency).order_by("sort_order", "pk")
    stale = [c.pk for c in categories if _is_stale(period, c.interval_days, c.created_at, c.last_published)]
    return categories.annotate(counted=ExpressionWrapper(Q(pk__in=stale), output_field=BooleanField()))


def _category_link(category: Any) -> str | None:
    return None


# --- Requests, letters, cases, ratings -------------------------------------------------------------


def _requests_replied(period: Period) -> QuerySet[Any]:
    from sunshine.inforequests.codes import Status
    from sunshine.inforequests.models import InfoRequest

    return InfoRequest.objects.filter(
        status=Status.REPLIED,
        concluded_on__gte=period.first,
        concluded_on__lte=period.last,
        due_date__isnull=False,
    )


def _reviews_decided(period: Period) -> QuerySet[Any]:
    from sunshine.inforequests.codes import ReviewResult
    from sunshine.inforequests.models import Review

    return (
        Review.objects.filter(decided_on__gte=period.first, decided_on__lte=period.last)
        .exclude(result=ReviewResult.PENDING)
        .select_related("request")
    )


def _letters_replied(period: Period) -> QuerySet[Any]:
    from sunshine.letters.models import Letter

    return Letter.objects.filter(
        replied_on__gte=period.first, replied_on__lte=period.last, due_date__isnull=False
    )


def _letter_ratings(period: Period) -> QuerySet[Any]:
    from sunshine.letters.models import LetterRating

    return LetterRating.objects.filter(rated_on__gte=period.first, rated_on__lte=period.last).select_related(
        "letter"
    )


def _letters_satisfied(period: Period) -> Q:
    from sunshine.letters.codes import Rating

    return Q(rating__in=[Rating.SATISFIED, Rating.BASICALLY_SATISFIED])


def _cases_decided(period: Period) -> QuerySet[Any]:
    from sunshine.cases.models import Case

    return Case.objects.filter(decided_on__gte=period.first, decided_on__lte=period.last)


def _cases_received(period: Period) -> QuerySet[Any]:
    from sunshine.cases.models import Case

    return Case.objects.filter(received_on__gte=period.first, received_on__lte=period.last)


def _online(period: Period) -> Q:
    from sunshine.cases.codes import Channel

    return Q(channel=Channel.ONLINE)


def _first_ratings(period: Period) -> QuerySet[Any]:
    from sunshine.evaluations.codes import Round
    from sunshine.evaluations.models import Evaluation

    return Evaluation.objects.filter(
        rated_on__gte=period.first, rated_on__lte=period.last, round=Round.FIRST
    ).select_related("case")


def _rating_satisfied(period: Period) -> Q:
    from sunshine.evaluations.codes import SATISFIED_LEVELS

    return Q(level__in=sorted(SATISFIED_LEVELS))


def _request_link(request: Any) -> str | None:
    return reverse("backoffice:request_detail", args=[request.pk])


def _letter_link(letter: Any) -> str | None:
    return reverse("letters_staff:detail", args=[letter.pk])


def _case_link(case: Any) -> str | None:
    return reverse("cases_staff:detail", args=[case.pk])


# --- Annual reports (年度报告) -----------------------------------------------------------------------


def _reporting_kinds(period: Period) -> tuple[list[str], datetime.date] | None:
    """The kinds of agency whose report on the previous year falls due in this month (departments in
    January, governments in March, 条例 Art. 49), and the due date; None in the other months."""
    from sunshine.agencies.models import AgencyKind
    from sunshine.annualreports.deadlines import GOVERNMENT_KINDS
    from sunshine.annualreports.law import DEPARTMENT_REPORT_DUE, GOVERNMENT_REPORT_DUE

    month = period.first.month
    if month == GOVERNMENT_REPORT_DUE.month:
        kinds, due = sorted(str(k) for k in GOVERNMENT_KINDS), GOVERNMENT_REPORT_DUE
    elif month == DEPARTMENT_REPORT_DUE.month:
        others = {str(k) for k in AgencyKind.values} - {str(k) for k in GOVERNMENT_KINDS}
        kinds, due = sorted(others), DEPARTMENT_REPORT_DUE
    else:
        return None
    return kinds, datetime.date(period.first.year, due.month, due.day)


def _reporting_agencies(period: Period) -> QuerySet[Any]:
    """The active agencies whose report on the previous year falls due in the month and that existed
    before that year ended; none in the other months."""
    from sunshine.annualreports.models import AnnualReportDraft, ReportStatus

    found = _reporting_kinds(period)
    # In the other months, no kind: an empty set of rows with the same columns.
    kinds, due = found if found is not None else ([], period.last)
    published = AnnualReportDraft.objects.filter(
        agency=OuterRef("pk"), year=period.first.year - 1, status=ReportStatus.PUBLISHED
    )
    year_start = Period(datetime.date(period.first.year, 1, 1)).start
    return Agency.objects.filter(is_active=True, kind__in=kinds, created_at__lt=year_start).annotate(
        published_on=Subquery(published.values("published_on")[:1]),
        report_year=Value(period.first.year - 1),
        due_on=Value(due),
    )


def _report_link(agency: Any) -> str | None:
    return reverse("annualreports_staff:detail", args=[agency.code, agency.report_year])


_reports = Ratio(
    base=_reporting_agencies,
    numerator=lambda p: Q(published_on__isnull=False, published_on__lte=F("due_on")),
    agency_field="id",
    order=("path",),
)


# --- New-media accounts (政务新媒体) -----------------------------------------------------------------


def _newmedia_window(period: Period) -> tuple[datetime.date, datetime.date]:
    """The 14 days ending on the month's last day."""
    from sunshine.newmedia.codes import STALE_DAYS

    return period.last - datetime.timedelta(days=STALE_DAYS - 1), period.last


def _newmedia_posts_by_end(period: Period) -> QuerySet[Any]:
    """The posts of an account (sent, or entered by hand) known before the month ended."""
    from sunshine.newmedia.codes import POSTED
    from sunshine.newmedia.models import Post

    return Post.objects.filter(
        account=OuterRef("pk"), state__in=POSTED, posted_on__lte=period.last, created_at__lt=period.end
    )


def _newmedia_accounts_at_end(period: Period) -> QuerySet[Any]:
    """The accounts registered and open at the end of the month (not yet closed or merged), with the
    day of their last post by then."""
    from sunshine.newmedia.models import Account

    last = _newmedia_posts_by_end(period).order_by("-posted_on").values("posted_on")[:1]
    return (
        Account.objects.filter(created_on__lte=period.last, opened_on__lte=period.last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=period.last))
        .annotate(last_post=Subquery(last))
    )


def _newmedia_not_updated(period: Period) -> Q:
    first, last = _newmedia_window(period)
    return ~Q(Exists(_newmedia_posts_by_end(period).filter(posted_on__gte=first, posted_on__lte=last)))


def _newmedia_link(account: Any) -> str | None:
    return reverse("newmedia_staff:detail", args=[account.pk])


_newmedia_stale = Ratio(
    base=_newmedia_accounts_at_end,
    numerator=_newmedia_not_updated,
    agency_field="agency_id",
    order=("platform", "name", "pk"),
)


# --- The registry ----------------------------------------------------------------------------------

_records_late = Ratio(
    base=_first_revisions,
    numerator=_late,
    agency_field="record__agency_id",
    order=("first_published_on", "pk"),
)
_policy = Ratio(
    base=lambda p: _first_revisions(p).filter(needs_interpretation=True),
    numerator=lambda p: ~Q(_interpreted_by_end(p)),
    agency_field="record__agency_id",
    order=("first_published_on", "pk"),
)
_blank = Ratio(
    base=_leaf_categories,
    numerator=lambda p: ~Q(_held_at_end(p)),
    agency_field="agency_id",
    order=("sort_order", "pk"),
)

INDICATORS: dict[str, Indicator] = {}

# Indicators where a lower figure is the better one (the default direction of a scheme's item).
LOWER_IS_BETTER = frozenset(
    {
        "records_late",
        "policy_uninterpreted",
        "categories_stale",
        "categories_blank",
        "requests_overturned",
        "newmedia_stale",
    }
)


def _register(indicator: Indicator) -> None:
    INDICATORS[indicator.code] = indicator


_register(
    Indicator(
        code="records_published",
        label=_("Records published"),
        rule_version=1,
        rule=_(
            "The agency's own records first published in the month (a revision of an older record is "
            "not counted again; a record withdrawn later stays counted). The figure is a count."
        ),
        counts=_published_counts,
        rows=_published_rows,
        columns=_RECORD_COLUMNS,
        link=_record_link,
        is_count=True,
    )
)
_register(
    _ratio(
        "records_late",
        _("Records published late"),
        _(
            "Of the agency's records first published in the month, those published after their due "
            "date: 20 working days after the information was formed (条例 Art. 26). A record without a "
            "date of formation has no due date and is not late."
        ),
        _records_late,
        _RECORD_COLUMNS,
        _record_link,
    )
)
_register(
    Indicator(
        code="categories_stale",
        label=_("Catalogue categories not updated in time"),
        rule_version=1,
        rule=_(
            "Of the catalogue categories in use that have an expected update interval, those in which "
            "nothing was published for longer than that interval at the end of the month (counted from "
            "the category's creation when nothing was ever published in it)."
        ),
        counts=_stale_counts,
        rows=_stale_rows,
        columns=(
            Column(_("Catalogue category"), lambda c: c.display_name),
            Column(_("Expected update interval (days)"), lambda c: c.interval_days),
            Column(_("Last published"), lambda c: c.last_published),
        ),
        link=_category_link,
    )
)
_register(
    _ratio(
        "categories_blank",
        _("Blank catalogue categories"),
        _(
            "Of the catalogue categories in use without sub-categories, those that held no published "
            "record at the end of the month."
        ),
        _blank,
        (Column(_("Catalogue category"), lambda c: c.display_name),),
        _category_link,
    )
)
_register(
    _ratio(
        "policy_uninterpreted",
        _("Policy documents without an interpretation"),
        _(
            "Of the agency's records first published in the month that need a policy interpretation, "
            "those with no interpretation published by the end of the month."
        ),
        _policy,
        _RECORD_COLUMNS,
        _record_link,
    )
)
_register(
    _ratio(
        "requests_on_time",
        _("Requests replied on time"),
        _(
            "Of the requests for information replied in the month (reply date) whose due date is known, "
            "those replied on or before their due date (20 working days, 条例 Art. 33, with any "
            "extension and without the correction and consultation periods)."
        ),
        Ratio(
            base=_requests_replied,
            numerator=lambda p: Q(concluded_on__lte=F("due_date")),
            agency_field="agency_id",
            order=("concluded_on", "pk"),
        ),
        (
            Column(_("Tracking code"), lambda r: r.tracking_code),
            Column(_("Received on"), lambda r: r.received_on),
            Column(_("Due date"), lambda r: r.due_date),
            Column(_("Replied on"), lambda r: r.concluded_on),
        ),
        _request_link,
    )
)
_register(
    _ratio(
        "requests_overturned",
        _("Requests overturned on review"),
        _(
            "Of the administrative reconsiderations and lawsuits about the agency's requests decided in "
            "the month, those whose result was 'corrected' (annual report table 4)."
        ),
        Ratio(
            base=_reviews_decided,
            numerator=lambda p: Q(result="corrected"),
            agency_field="request__agency_id",
            order=("decided_on", "pk"),
        ),
        (
            Column(_("Tracking code"), lambda r: r.request.tracking_code),
            Column(_("Kind"), lambda r: r.get_kind_display()),
            Column(_("Decided on"), lambda r: r.decided_on),
            Column(_("Result"), lambda r: r.get_result_display()),
        ),
        lambda review: _request_link(review.request),
    )
)
_register(
    _ratio(
        "letters_on_time",
        _("Letters replied on time"),
        _(
            "Of the letters replied in the month whose due date is known, those replied on or before "
            "their due date (after a transfer or reopening, the due date of the new period)."
        ),
        Ratio(
            base=_letters_replied,
            numerator=lambda p: Q(replied_on__lte=F("due_date")),
            agency_field="agency_id",
            order=("replied_on", "pk"),
        ),
        (
            Column(_("Tracking code"), lambda r: r.tracking_code),
            Column(_("Received on"), lambda r: r.received_on),
            Column(_("Due date"), lambda r: r.due_date),
            Column(_("Replied on"), lambda r: r.replied_on),
        ),
        _letter_link,
    )
)
_register(
    _ratio(
        "letters_satisfaction",
        _("Letter writers satisfied"),
        _("Of the writers' ratings of replies given in the month, those satisfied or basically satisfied."),
        Ratio(
            base=_letter_ratings,
            numerator=_letters_satisfied,
            agency_field="letter__agency_id",
            order=("rated_on", "pk"),
        ),
        (
            Column(_("Tracking code"), lambda r: r.letter.tracking_code),
            Column(_("Rated on"), lambda r: r.rated_on),
            Column(_("Rating"), lambda r: r.get_rating_display()),
        ),
        lambda rating: _letter_link(rating.letter),
    )
)
_register(
    _ratio(
        "cases_on_time",
        _("Cases decided within the statutory time limit"),
        _("Of the service cases decided in the month, those decided on or before their statutory due date."),
        Ratio(
            base=_cases_decided,
            numerator=lambda p: Q(due_date__isnull=False, decided_on__lte=F("due_date")),
            agency_field="agency_id",
            order=("decided_on", "pk"),
        ),
        (
            Column(_("Tracking code"), lambda r: r.tracking_code),
            Column(_("Due date"), lambda r: r.due_date),
            Column(_("Decided on"), lambda r: r.decided_on),
        ),
        _case_link,
    )
)
_register(
    _ratio(
        "cases_on_time_promised",
        _("Cases decided within the promised time limit"),
        _("Of the service cases decided in the month, those decided on or before their promised date."),
        Ratio(
            base=_cases_decided,
            numerator=lambda p: Q(promised_date__isnull=False, decided_on__lte=F("promised_date")),
            agency_field="agency_id",
            order=("decided_on", "pk"),
        ),
        (
            Column(_("Tracking code"), lambda r: r.tracking_code),
            Column(_("Promised date"), lambda r: r.promised_date),
            Column(_("Decided on"), lambda r: r.decided_on),
        ),
        _case_link,
    )
)
_register(
    _ratio(
        "online_rate",
        _("Cases received online"),
        _("Of the service cases received in the month, those received online."),
        Ratio(base=_cases_received, numerator=_online, agency_field="agency_id", order=("received_on", "pk")),
        (
            Column(_("Tracking code"), lambda r: r.tracking_code),
            Column(_("Received on"), lambda r: r.received_on),
            Column(_("Channel"), lambda r: r.get_channel_display()),
        ),
        _case_link,
    )
)
_register(
    _ratio(
        "satisfaction",
        _("Service ratings satisfied (好差评)"),
        _(
            "Of the first ratings of cases and counters given in the month (appended ratings apart), "
            "those of level 3 to 5 (basically satisfied to very satisfied)."
        ),
        Ratio(
            base=_first_ratings,
            numerator=_rating_satisfied,
            agency_field="agency_id",
            order=("rated_on", "pk"),
        ),
        (
            Column(_("Rated on"), lambda r: r.rated_on),
            Column(_("Tracking code"), lambda r: r.case.tracking_code if r.case_id else ""),
            Column(_("Level"), lambda r: r.get_level_display()),
        ),
        lambda rating: _case_link(rating.case) if rating.case_id else None,
    )
)

_register(
    _ratio(
        "annual_report_on_time",
        _("Annual report published by its deadline"),
        _(
            "Counted in the month the annual report on the previous year falls due (departments by 31 "
            "January, governments by 31 March, 条例 Art. 49): 1 when the agency published it by that "
            "day, out of 1 for every active agency added before the year reported on ended; nothing "
            "to measure in the other months."
        ),
        _reports,
        (
            Column(_("Year reported on"), lambda a: a.report_year),
            Column(_("Due date"), lambda a: a.due_on),
            Column(_("Published on"), lambda a: a.published_on),
        ),
        _report_link,
    )
)

_register(
    _ratio(
        "newmedia_stale",
        _("New-media accounts not updated for 2 weeks"),
        _(
            "Of the agency's new-media accounts open at the end of the month (registered, not yet "
            "closed or merged), those with no post in the 14 days up to the month's last day: neither "
            "sent by the cross-posting nor entered by hand before the month ended."
        ),
        _newmedia_stale,
        (
            Column(_("Account"), lambda a: a.name),
            Column(_("Platform"), lambda a: a.get_platform_display()),
            Column(_("Last post"), lambda a: a.last_post),
        ),
        _newmedia_link,
    )
)


def get_indicator(code: str) -> Indicator | None:
    return INDICATORS.get(code)
