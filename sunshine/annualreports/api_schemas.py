"""The JSON of GET /api/v1/agencies/{code}/annual-reports/{year}, as typed schemas: the same fields
and nesting the endpoint has always answered, now documented in /api/v1/openapi.json.

Tables 3 and 4 are keyed by the format's row and column codes (``layout``), so they are mappings of
mappings of counts rather than fixed fields."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field

from sunshine.annualreports.report import Scope

# Row code → column code → count (tables 3 and 4).
CountTable = dict[str, dict[str, int]]


class ApplicationsOut(Schema):
    """Table 3: applications and their results, one row per line of the format."""

    columns: list[str] = Field(description="The column codes: the applicant kinds, then total.")
    rows: CountTable = Field(description="Row code → column code → number of applications.")


class DocumentCountsOut(Schema):
    """Documents of one kind (第二十条第（一）项), counted from the published records."""

    issued: int
    repealed: int
    in_force: int


class DecisionsOut(Schema):
    """Decisions as the agency entered them on its published report; null while not published."""

    decisions: int | None


class AnnualReportFeesOut(Schema):
    """Fees collected, in 10,000 yuan with up to four decimals; null while not published."""

    amount_10k_yuan: str | None


class ProactiveOut(Schema):
    """Table 2: proactive disclosure."""

    regulations: DocumentCountsOut
    normative_documents: DocumentCountsOut
    licensing: DecisionsOut
    penalty: DecisionsOut
    enforcement: DecisionsOut
    fees: AnnualReportFeesOut


class CheckOut(Schema):
    """One of the national format's consistency checks."""

    name: str
    ok: bool
    label: str


class AnnualReportOut(Schema):
    """Tables 2, 3 and 4 of the annual report with the format's checks. Aggregates only."""

    agency: str = Field(description="The agency's code.")
    year: int
    scope: Scope
    applications: ApplicationsOut
    proactive: ProactiveOut
    reviews: CountTable = Field(description="Table 4: review kind → result code → number of cases.")
    checks: list[CheckOut]
