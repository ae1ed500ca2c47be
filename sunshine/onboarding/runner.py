"""The import framework: an ``Importer`` says how to read and write one kind of row; ``run`` does the
rest — the header check, the order, the dry run, the batches, progress, the report and the audit entry.

Batches (docs/onboarding.md#batches): the rows are written ``batch_size`` at a time, each batch in one
transaction. A row with a problem is reported and skipped (its savepoint is rolled back), the good
rows of the batch are written together. An unexpected failure (a lost database, a bug) rolls the
whole batch back and stops the run: the batches before it stay written, and running the same file
again finds their rows unchanged, so a run can be resumed without duplicates. What must happen only
once the rows are stored (e-mail) runs after the batch's commit, never in a dry run.

A dry run applies every row exactly as a run would, inside one transaction that is rolled back at the
end: it finds every problem the run would find and writes nothing — no row, no audit entry, no mail.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core import audit
from sunshine.onboarding.models import ImportJob
from sunshine.onboarding.reader import MAX_ROWS, Columns, FileProblem, SourceRow, read_table
from sunshine.onboarding.results import Applied, ImportReport, Outcome, Problem, RowProblem, RowResult

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500
Progress = Callable[[int, int], None]  # rows done, rows in all


@dataclass(frozen=True)
class Planned:
    """A row in the order it is applied, with the problems the whole file shows (a duplicate key, a
    cycle): such a row is reported and not applied."""

    row: SourceRow
    problems: tuple[Problem, ...] = ()


class Importer(ABC):
    """One kind of import. Subclasses name their columns and write one row in ``apply``."""

    kind: ClassVar[str]
    columns: ClassVar[Columns]
    key_column: ClassVar[str]
    # Model field → column, to report a service's ValidationError against the file's column.
    field_columns: ClassVar[dict[str, str]] = {}
    # The run's one audit entry (a code labelled in ``core.audit_actions``).
    audit_action: ClassVar[str] = "onboarding.import"
    max_rows: ClassVar[int] = MAX_ROWS  # rows a file may have

    def __init__(self, *, by: User | None) -> None:
        self.by = by  # None: the system (a command run by the operator)
        self.dry_run = False  # set by ``run``: an importer that writes files leaves them alone then

    def key(self, row: SourceRow) -> str:
        return row.get(self.key_column)

    def plan(self, rows: list[SourceRow]) -> list[Planned]:
        """The rows in the order to apply them (by default the file's)."""
        return [Planned(row) for row in rows]

    @abstractmethod
    def apply(self, row: SourceRow) -> Applied:
        """Write one row (inside a savepoint), or raise ``RowProblem`` (``ValidationError`` and
        ``PermissionDenied`` from services are reported too)."""

    def refused(self, row: SourceRow) -> None:  # noqa: B027 - a hook, empty unless needed
        """Told of every row that was not imported, in order (rows that depend on it may say so)."""

    def summary_notes(self) -> list[str]:
        """Lines for the end of the report, about the file as a whole (after the run)."""
        return []

    def prepare_batch(self, batch: list[Planned]) -> None:  # noqa: B027 - a hook, empty unless needed
        """Told of each batch before its transaction opens: slow reading (files) belongs here, so that
        the write transaction (SQLite's only write lock) is not held meanwhile."""

    def apply_batch(self, batch: list[Planned]) -> list[RowResult] | None:
        """Write a whole batch at once (inside its transaction) and answer a result per row, in order;
        None (the default): the rows are applied one by one through ``apply``. An importer of many
        rows (records) writes them in bulk here."""
        return None


def problems_of(exc: ValidationError, field_columns: dict[str, str]) -> tuple[Problem, ...]:
    if hasattr(exc, "error_dict"):
        return tuple(
            Problem(field_columns.get(name, "" if name == "__all__" else name), message)
            for name, messages in exc.message_dict.items()
            for message in messages
        )
    return tuple(Problem("", message) for message in exc.messages)


def run(
    importer: Importer,
    data: bytes,
    *,
    file_name: str,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    job: ImportJob | None = None,
) -> ImportReport:
    """Import ``data``; with ``job``, keep its progress, counts and report and write the audit entry."""
    if dry_run and job is not None:
        raise ValueError("a dry run writes nothing, not even its job")
    report = ImportReport(kind=importer.kind, file_name=file_name, dry_run=dry_run)
    try:
        table = read_table(data, importer.columns, max_rows=importer.max_rows)
    except FileProblem as exc:
        report.file_problem = str(exc)
        if job is not None:
            _finish(job, report, importer)
        return report
    plan = importer.plan(table.rows)
    if job is not None:
        job.status, job.started_at, job.total_rows = ImportJob.Status.RUNNING, timezone.now(), len(plan)
        job.save(update_fields=["status", "started_at", "total_rows"])
    batch_size = max(1, batch_size)
    importer.dry_run = dry_run
    if dry_run:
        with transaction.atomic():
            _batches(importer, plan, report, batch_size, progress, job)
            transaction.set_rollback(True)
    else:
        try:
            _batches(importer, plan, report, batch_size, progress, job)
        except BaseException as exc:  # interrupted (Ctrl-C, the worker stopped): say so, then stop
            report.notes = importer.summary_notes()
            report.stopped = report.stopped or _("Interrupted: %(error)s") % {"error": type(exc).__name__}
            if job is not None:
                _finish(job, report, importer)
            raise
    report.results.sort(key=lambda result: result.row)  # the report reads in the file's order
    report.notes = importer.summary_notes()
    if job is not None:
        _finish(job, report, importer)
    return report


def _batches(
    importer: Importer,
    plan: list[Planned],
    report: ImportReport,
    batch_size: int,
    progress: Progress | None,
    job: ImportJob | None,
) -> None:
    total = len(plan)
    if progress is not None:
        progress(0, total)
    for start in range(0, total, batch_size):
        batch = plan[start : start + batch_size]
        results: list[RowResult] = []
        after: list[tuple[RowResult, Callable[[], str | None]]] = []
        current = batch[0].row.number
        try:
            importer.prepare_batch(batch)
            with transaction.atomic():
                written = importer.apply_batch(batch)
                if written is not None:
                    results.extend(written)
                else:
                    for planned in batch:
                        current = planned.row.number
                        results.append(_apply(importer, planned, after))
        except Exception as exc:
            log.exception("Import of %s stopped at row %s", report.file_name, current)
            report.stopped = _(
                "Stopped by an unexpected error at row %(row)s (%(error)s); the rows of its batch "
                "were not written. Run the same file again to go on."
            ) % {"row": current, "error": type(exc).__name__}
            return
        if not report.dry_run:
            for result, callback in after:
                note = callback()
                if note:
                    result.note = f"{result.note} {note}".strip()
        report.results.extend(results)
        done = start + len(batch)
        if job is not None:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)
        if progress is not None:
            progress(done, total)


def _apply(
    importer: Importer, planned: Planned, after: list[tuple[RowResult, Callable[[], str | None]]]
) -> RowResult:
    row = planned.row
    key = importer.key(row)
    problems = planned.problems
    if not problems:
        try:
            with transaction.atomic():  # a savepoint: a refused row leaves nothing behind
                applied = importer.apply(row)
        except RowProblem as exc:
            problems = exc.problems
        except ValidationError as exc:
            problems = problems_of(exc, importer.field_columns)
        except PermissionDenied:
            problems = (Problem("", _("You may not make this change.")),)
        else:
            result = RowResult(row.number, key, applied.outcome, note=applied.note)
            if applied.after_commit is not None:
                after.append((result, applied.after_commit))
            return result
    importer.refused(row)
    return RowResult(row.number, key, Outcome.ERROR, problems)


@transaction.atomic
def _finish(job: ImportJob, report: ImportReport, importer: Importer) -> None:
    """The job's final state and the import's one audit entry, with its counts."""
    job.status = ImportJob.Status.DONE if report.ok else ImportJob.Status.FAILED
    job.finished_at = timezone.now()
    job.processed_rows = len(report.results)
    job.set_counts(report.counts)
    job.report = [result.as_json() for result in report.results]
    job.problem = report.file_problem or report.stopped
    if report.notes:
        job.options = {**job.options, "notes": report.notes}
    job.save()
    audit.record(
        actor=importer.by,
        action=importer.audit_action,
        obj=job,
        after={"kind": job.kind, "file_name": job.file_name, "status": job.status, **job.count_fields()},
    )
