"""``import_agencies``: the agency tree from a file, created or updated by code, parents first.

Columns: code, name, parent_code, kind (required), guide_office, guide_address, guide_phone,
guide_email (optional: the disclosure guide's contact; a column left out of the file leaves the
agency's value alone, an empty cell empties it). Rows are applied parents before children whatever
their order in the file; a row whose parent is neither in the file nor in the database, or whose
parents go round in a cycle, is an error, and so is every row below it.
"""

from __future__ import annotations

from collections import deque
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from sunshine.agencies import services
from sunshine.agencies.models import Agency, AgencyKind
from sunshine.agencies.selectors import can_administer
from sunshine.onboarding.reader import Columns, SourceRow
from sunshine.onboarding.results import Applied, Outcome, Problem, RowProblem
from sunshine.onboarding.runner import Importer, Planned

# Column of the file → field of the agency's disclosure guide (公开指南).
GUIDE_COLUMNS = {
    "guide_office": "office_name",
    "guide_address": "address",
    "guide_phone": "phone",
    "guide_email": "email",
}


class AgencyImporter(Importer):
    kind = "agencies"
    columns = Columns(required=("code", "name", "parent_code", "kind"), optional=tuple(GUIDE_COLUMNS))
    key_column = "code"
    field_columns: ClassVar[dict[str, str]] = {
        "code": "code",
        "name": "name",
        "kind": "kind",
        "parent": "parent_code",
        **{field: column for column, field in GUIDE_COLUMNS.items()},
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.refused_codes: dict[str, int] = {}  # code → the row that could not be imported

    def plan(self, rows: list[SourceRow]) -> list[Planned]:
        first_row: dict[str, SourceRow] = {}
        problems: dict[int, list[Problem]] = {}
        for row in rows:
            code = row.get("code")
            if not code:
                problems[row.number] = [Problem("code", _("Give the agency's code."))]
            elif code in first_row:
                message = _("The code %(code)s is given already on row %(row)s.")
                problems[row.number] = [
                    Problem("code", message % {"code": code, "row": first_row[code].number})
                ]
            else:
                first_row[code] = row
        ordered = _parents_first(first_row)
        placed = {row.get("code") for row in ordered}
        for code, row in first_row.items():
            if code not in placed:
                problems[row.number] = [_cycle_problem(code, first_row)]
        return [
            *(Planned(row) for row in ordered),
            *(Planned(row, tuple(problems[row.number])) for row in rows if row.number in problems),
        ]

    def refused(self, row: SourceRow) -> None:
        self.refused_codes.setdefault(row.get("code"), row.number)

    def apply(self, row: SourceRow) -> Applied:
        code = row.get("code")
        wanted, parent = self._wanted(row)
        agency = Agency.objects.filter(code=code).first()
        self._check_reach(agency, parent)
        if agency is None:
            fields = {name: value for name, value in wanted.items() if name not in ("kind", "name")}
            services.create_agency(by=self.by, code=code, kind=wanted["kind"], name=wanted["name"], **fields)
            return Applied(Outcome.CREATED)
        changes = {name: value for name, value in wanted.items() if _differs(agency, name, value)}
        if not changes:
            return Applied(Outcome.UNCHANGED)
        services.update_agency(by=self.by, agency=agency, **changes)
        return Applied(Outcome.UPDATED)

    def _wanted(self, row: SourceRow) -> tuple[dict[str, Any], Agency | None]:
        """The agency's fields as the row gives them, or RowProblem with every problem of the row."""
        problems: list[Problem] = []
        kind = row.get("kind").lower()
        if kind not in AgencyKind.values:
            problems.append(
                Problem(
                    "kind",
                    _("Unknown kind “%(value)s”: use one of %(values)s.")
                    % {"value": row.get("kind"), "values": ", ".join(AgencyKind.values)},
                )
            )
        if not row.get("name"):
            problems.append(Problem("name", _("Give the agency's name.")))
        parent = None
        parent_code = row.get("parent_code")
        if parent_code:
            parent = Agency.objects.filter(code=parent_code).first()
            if parent is None and parent_code in self.refused_codes:
                message = _("The parent agency %(code)s (row %(row)s) could not be imported.")
                problems.append(
                    Problem(
                        "parent_code", message % {"code": parent_code, "row": self.refused_codes[parent_code]}
                    )
                )
            elif parent is None:
                message = _("No agency has the code %(code)s, in the file or already here.")
                problems.append(Problem("parent_code", message % {"code": parent_code}))
        if problems:
            raise RowProblem(problems)
        wanted: dict[str, Any] = {"kind": kind, "name": row.get("name"), "parent": parent}
        for column, field in GUIDE_COLUMNS.items():
            if row.has(column):
                wanted[field] = row.get(column)
        return wanted, parent

    def _check_reach(self, agency: Agency | None, parent: Agency | None) -> None:
        """Beyond the services' own checks: only a superuser adds or moves an agency to the top of a
        tree, and an administrator moves an agency only below one they administer."""
        if self.by is None or getattr(self.by, "is_superuser", False):
            return
        moving = agency is None or agency.parent_id != (parent.pk if parent else None)
        if not moving:
            return
        if parent is None:
            raise RowProblem.one("parent_code", _("Only a superuser may add an agency at the top of a tree."))
        if not can_administer(self.by, parent):
            raise RowProblem.one("parent_code", _("You do not administer the parent agency."))


def _differs(agency: Agency, name: str, value: Any) -> bool:
    if name == "parent":
        return agency.parent_id != (value.pk if value is not None else None)
    return bool(getattr(agency, name) != value)


def _parents_first(rows: dict[str, SourceRow]) -> list[SourceRow]:
    """The rows with every parent given in the file before its children (file order otherwise).
    Rows on a cycle, and the rows below them, are left out."""
    children: dict[str, list[SourceRow]] = {}
    roots: list[SourceRow] = []
    for row in rows.values():
        parent_code = row.get("parent_code")
        if parent_code and parent_code in rows:
            children.setdefault(parent_code, []).append(row)
        else:
            roots.append(row)
    ordered: list[SourceRow] = []
    queue = deque(roots)
    while queue:
        row = queue.popleft()
        ordered.append(row)
        queue.extend(children.get(row.get("code"), []))
    return ordered


def _cycle_problem(code: str, rows: dict[str, SourceRow]) -> Problem:
    """Why a row with a parent in the file was never reached from a top: on a cycle, or below one."""
    chain = [code]
    current = rows[code].get("parent_code")
    while current in rows and current not in chain:
        chain.append(current)
        current = rows[current].get("parent_code")
    if current == code:
        return Problem(
            "parent_code",
            _("The parents go round in a cycle: %(chain)s.") % {"chain": " → ".join([*chain, code])},
        )
    return Problem(
        "parent_code",
        _("An agency above this one is in a cycle of parents (%(code)s).") % {"code": current},
    )
