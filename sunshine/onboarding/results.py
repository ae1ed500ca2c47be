"""What became of each row of an import, and the counts of a run."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import pgettext_lazy


class Outcome(models.TextChoices):
    CREATED = "created", pgettext_lazy("import result", "created")
    UPDATED = "updated", pgettext_lazy("import result", "updated")
    UNCHANGED = "unchanged", pgettext_lazy("import result", "unchanged")
    ERROR = "error", pgettext_lazy("import result", "error")


@dataclass(frozen=True)
class Problem:
    """Why a row was not imported: the column at fault ("" for the row as a whole) and the reason."""

    column: str
    message: str


class RowProblem(Exception):
    """Raised by an importer for a row it refuses; the runner reports it and skips the row."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.column}: {p.message}" for p in self.problems))

    @classmethod
    def one(cls, column: str, message: str) -> RowProblem:
        return cls([Problem(column, message)])


@dataclass(frozen=True)
class Applied:
    """What an importer did with a good row. ``after_commit`` runs once the row's batch is committed
    (never in a dry run): sending a message, say; it returns a note for the report, or None."""

    outcome: Outcome
    note: str = ""
    after_commit: Callable[[], str | None] | None = None


@dataclass
class RowResult:
    row: int
    key: str  # what identifies the row's object: the agency code, the username
    outcome: Outcome
    problems: tuple[Problem, ...] = ()
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "key": self.key,
            "outcome": self.outcome.value,
            "problems": [[p.column, p.message] for p in self.problems],
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RowResult:
        return cls(
            row=int(data["row"]),
            key=str(data["key"]),
            outcome=Outcome(data["outcome"]),
            problems=tuple(Problem(str(c), str(m)) for c, m in data.get("problems", [])),
            note=str(data.get("note", "")),
        )


@dataclass(frozen=True)
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.errors

    @classmethod
    def of(cls, results: Iterable[RowResult]) -> Counts:
        tally = dict.fromkeys(Outcome, 0)
        for result in results:
            tally[result.outcome] += 1
        return cls(
            created=tally[Outcome.CREATED],
            updated=tally[Outcome.UPDATED],
            unchanged=tally[Outcome.UNCHANGED],
            errors=tally[Outcome.ERROR],
        )


@dataclass
class ImportReport:
    """The result of one run (or dry run) over a file."""

    kind: str
    file_name: str
    dry_run: bool
    results: list[RowResult] = field(default_factory=list)
    file_problem: str = ""  # the file could not be read: nothing was done
    stopped: str = ""  # an unexpected failure stopped the run; the batches before it were written
    notes: list[str] = field(default_factory=list)  # about the file as a whole (``Importer.summary_notes``)

    @property
    def counts(self) -> Counts:
        return Counts.of(self.results)

    @property
    def ok(self) -> bool:
        return not self.file_problem and not self.stopped
