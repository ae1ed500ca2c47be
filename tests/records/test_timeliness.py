"""Timeliness (条例 Art. 26): due 20 working days after the information was formed or changed;
provisional where the working-day calendar is not published, confirmed when it is; late publications
counted."""

from __future__ import annotations

import datetime

from sunshine.core.models import AuditEntry
from sunshine.records import services, worklist
from sunshine.records.timeliness import Timeliness, deadline_start, publication_due, timeliness_of
from sunshine.workdays import services as workdays_services
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import Deadline
from sunshine.workdays.models import CalendarYear
from tests.records.conftest import at, fixed_today, make_draft, publish_now

D = datetime.date


def test_the_due_date_is_twenty_working_days_after_formation(stored_calendar):
    # 2026-09-28 (Mon): 09-29, 09-30, the National Day week off, 10-08, 10-09, Saturday 10-10 (make-up
    # working day), then three whole weeks: the 20th working day is Friday 10-30.
    assert publication_due(D(2026, 9, 28), stored_calendar) == Deadline(D(2026, 10, 30), provisional=False)
    assert publication_due(D(2026, 3, 2), stored_calendar) == Deadline(D(2026, 3, 30), provisional=False)


def test_a_day_in_an_unpublished_year_gets_a_provisional_due_date(stored_calendar):
    # Runs into 2027, not published: the estimate's date, marked provisional.
    assert publication_due(D(2026, 12, 20), stored_calendar) == Deadline(D(2027, 1, 18), provisional=True)
    assert publication_due(None, stored_calendar) is None


def test_a_later_revision_counts_from_the_change():
    assert deadline_start(1, D(2026, 3, 2), D(2026, 5, 6)) == D(2026, 3, 2)
    assert deadline_start(2, D(2026, 3, 2), D(2026, 5, 6)) == D(2026, 5, 6)


def test_the_states_of_a_deadline():
    until = D(2026, 3, 20)

    def state(due, published=None):
        return timeliness_of(due_on=due, published_on=published, today=D(2026, 3, 17), due_soon_until=until)

    assert state(None) == Timeliness.UNKNOWN
    assert state(D(2026, 3, 30)) == Timeliness.RUNNING
    assert state(D(2026, 3, 19)) == Timeliness.DUE_SOON
    assert state(D(2026, 3, 16)) == Timeliness.OVERDUE
    assert state(D(2026, 3, 16), published=D(2026, 3, 16)) == Timeliness.ON_TIME
    assert state(D(2026, 3, 16), published=D(2026, 3, 17)) == Timeliness.LATE


def test_a_draft_gets_its_due_date_provisional_without_a_calendar(tree):
    published = make_draft(tree["education"])
    assert (published.due_on, published.due_on_provisional) == (D(2026, 3, 30), False)
    estimated = make_draft(tree["education"], formation_date=D(2023, 6, 1))
    assert estimated.due_on is not None
    assert estimated.due_on_provisional is True
    assert make_draft(tree["education"], formation_date=None).due_on is None


def test_provisional_due_dates_are_confirmed_or_moved_when_the_year_is_published(tree):
    CalendarYear.objects.filter(year=2026).delete()
    same = make_draft(tree["education"])  # March 2026 has no holiday: the estimate is right
    # Without the make-up working Saturday 10-10 of the notice, the estimate ends on Monday 11-02.
    moved = make_draft(tree["education"], title="国庆前形成", formation_date=D(2026, 9, 28))
    assert (same.due_on, same.due_on_provisional) == (D(2026, 3, 30), True)
    assert (moved.due_on, moved.due_on_provisional) == (D(2026, 11, 2), True)

    workdays_services.load_builtin_years(by=None)  # publishing confirms them in the same transaction

    same.refresh_from_db()
    moved.refresh_from_db()
    assert (same.due_on, same.due_on_provisional) == (D(2026, 3, 30), False)
    assert (moved.due_on, moved.due_on_provisional) == (D(2026, 10, 30), False)
    assert AuditEntry.objects.filter(action="record.confirm_due_date").count() == 2
    assert services.refresh_due_dates() == 0  # idempotent


def test_late_publications_are_counted(tree, olga):
    publish_now(make_draft(tree["education"], title="按时"), at(D(2026, 3, 30)))
    publish_now(make_draft(tree["education"], title="迟了"), at(D(2026, 3, 31)))
    with fixed_today(D(2026, 4, 1)):
        counts = worklist.counts(olga)
        late = list(worklist.filtered(olga, timeliness="late"))
    assert (counts.late_this_year, counts.published_this_year) == (1, 2)
    assert [r.title for r in late] == ["迟了"]


def test_due_soon_and_overdue_drafts_are_found(tree, olga):
    make_draft(tree["education"], title="快到期", formation_date=D(2026, 3, 2))  # due 03-30
    make_draft(
        tree["education"], title="已逾期", formation_date=D(2026, 2, 24)
    )  # due 03-24 (after Spring Festival)
    make_draft(tree["education"], title="还早", formation_date=D(2026, 3, 20))
    with fixed_today(D(2026, 3, 26)):
        due_soon = [r.title for r in worklist.filtered(olga, timeliness="due_soon")]
        overdue = [r.title for r in worklist.filtered(olga, timeliness="overdue")]
        counts = worklist.counts(olga)
    assert due_soon == ["快到期"]
    assert overdue == ["已逾期"]
    assert (counts.due_soon, counts.overdue) == (1, 1)


def test_the_calendar_fixture_is_the_stored_one(stored_calendar):
    assert current_calendar().years == stored_calendar.years
