"""A county to onboard: 30 agencies (the government, 12 departments, 5 townships, 12 villages) and 50
staff, each file with a few bad rows, written as CSV or XLSX."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from django.core.management import call_command
from openpyxl import Workbook

AGENCY_COLUMNS = (
    "code",
    "name",
    "parent_code",
    "kind",
    "guide_office",
    "guide_address",
    "guide_phone",
    "guide_email",
)
STAFF_COLUMNS = ("username", "name", "email", "agency_code", "roles")
DEPARTMENTS = (
    "EDU",
    "FIN",
    "HEALTH",
    "AGRI",
    "WATER",
    "TRAFFIC",
    "CIVIL",
    "LAND",
    "ENV",
    "MARKET",
    "TAX",
    "STAT",
)
TOWNSHIPS = 5
VILLAGES_PER_TOWNSHIP = (3, 3, 2, 2, 2)


def county_agencies() -> list[dict[str, str]]:
    """The 30 good rows, the government first."""
    rows = [
        {
            "code": "HX",
            "name": "和县人民政府",
            "parent_code": "",
            "kind": "government",
            "guide_office": "和县人民政府办公室",
            "guide_address": "和县历阳镇县府路1号",
            "guide_phone": "0555-5312345",
            "guide_email": "gk@hx.example.gov.cn",
        }
    ]
    for code in DEPARTMENTS:
        rows.append(
            {"code": f"HX-{code}", "name": f"和县{code}局", "parent_code": "HX", "kind": "department"}
        )
    for t in range(1, TOWNSHIPS + 1):
        rows.append(
            {"code": f"HX-T{t:02d}", "name": f"和县第{t}镇人民政府", "parent_code": "HX", "kind": "township"}
        )
        for v in range(1, VILLAGES_PER_TOWNSHIP[t - 1] + 1):
            rows.append(
                {
                    "code": f"HX-T{t:02d}-V{v}",
                    "name": f"第{t}镇第{v}村村民委员会",
                    "parent_code": f"HX-T{t:02d}",
                    "kind": "village",
                }
            )
    assert len(rows) == 30
    return rows


BAD_AGENCIES = [
    # a parent that is nowhere, and the row below it
    {"code": "HX-LOST", "name": "无主机构", "parent_code": "NOWHERE", "kind": "department"},
    {"code": "HX-LOST-1", "name": "无主机构下属", "parent_code": "HX-LOST", "kind": "department"},
    # a kind the API does not know
    {"code": "HX-BUREAU", "name": "和县某局", "parent_code": "HX", "kind": "bureau"},
    # a bad e-mail address of the guide
    {
        "code": "HX-MAIL",
        "name": "和县信访局",
        "parent_code": "HX",
        "kind": "department",
        "guide_email": "not-an-address",
    },
    # parents in a cycle
    {"code": "CYCLE-A", "name": "甲", "parent_code": "CYCLE-B", "kind": "department"},
    {"code": "CYCLE-B", "name": "乙", "parent_code": "CYCLE-A", "kind": "department"},
]


# A code given twice in the file (put last, so that the good row comes first).
DUPLICATE_AGENCY = {"code": "HX-EDU", "name": "和县教育局（重复）", "parent_code": "HX", "kind": "department"}


def children_first(rows: list[dict[str, str]], seed: int = 18) -> list[dict[str, str]]:
    """The rows shuffled, the deepest first, so that children come before their parents."""
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    return sorted(shuffled, key=lambda row: -row["code"].count("-"))


def county_staff() -> list[dict[str, str]]:
    """50 good rows: an administrator and a disclosure office at the government, an officer and a
    reviewer in each department, an officer in each township, and more officers in the villages."""
    rows = [
        {"username": "hx-admin", "name": "王管理", "agency_code": "HX", "roles": "administrator"},
        {
            "username": "hx-office",
            "name": "李公开",
            "agency_code": "HX",
            "roles": "disclosure_office;supervisor",
        },
    ]
    for code in DEPARTMENTS:
        rows.append(
            {
                "username": f"{code.lower()}-officer",
                "name": f"{code}办理员",
                "agency_code": f"HX-{code}",
                "roles": "officer",
            }
        )
        rows.append(
            {
                "username": f"{code.lower()}-reviewer",
                "name": f"{code}审核员",
                "agency_code": f"HX-{code}",
                "roles": "reviewer；signer",
            }
        )
    for t in range(1, TOWNSHIPS + 1):
        rows.append(
            {
                "username": f"t{t}-officer",
                "name": f"第{t}镇办理员",
                "agency_code": f"HX-T{t:02d}",
                "roles": "officer",
            }
        )
    village = 0
    while len(rows) < 49:
        t = village % TOWNSHIPS + 1
        rows.append(
            {
                "username": f"v{village}-officer",
                "name": f"村办理员{village}",
                "agency_code": f"HX-T{t:02d}-V1",
                "roles": "officer",
            }
        )
        village += 1
    # One person with roles in two agencies: two rows, the same name and e-mail.
    rows.append({"username": "hx-office", "name": "李公开", "agency_code": "HX-EDU", "roles": "reviewer"})
    for row in rows:
        row["email"] = f"{row['username']}@hx.example.gov.cn"
    assert len(rows) == 50
    return rows


BAD_STAFF = [
    {
        "username": "bad-mail",
        "name": "错邮件",
        "email": "bad-mail(at)example",
        "agency_code": "HX",
        "roles": "officer",
    },
    {
        "username": "bad-role",
        "name": "错角色",
        "email": "bad-role@hx.example.gov.cn",
        "agency_code": "HX",
        "roles": "officer;boss",
    },
    {
        "username": "bad-agency",
        "name": "错机关",
        "email": "bad-agency@hx.example.gov.cn",
        "agency_code": "HX-NONE",
        "roles": "officer",
    },
    {
        "username": "edu-officer",
        "name": "EDU办理员",
        "email": "edu-officer@hx.example.gov.cn",
        "agency_code": "HX-EDU",
        "roles": "officer",
    },
]


def as_csv(rows: list[dict[str, str]], columns: tuple[str, ...], *, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def as_xlsx(rows: list[dict[str, str]], columns: tuple[str, ...]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column, "") or None for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def county_file(kind: str, form: str, *, bad: bool = True) -> bytes:
    columns: tuple[str, ...]
    if kind == "agencies":
        rows = children_first(county_agencies() + (BAD_AGENCIES if bad else []))
        rows += [DUPLICATE_AGENCY] if bad else []
        columns = AGENCY_COLUMNS
    else:
        rows = county_staff() + (BAD_STAFF if bad else [])
        columns = STAFF_COLUMNS
    return as_xlsx(rows, columns) if form == "xlsx" else as_csv(rows, columns)


def run_import(
    tmp_path: Path, command: str, data: bytes, *args: str, name: str
) -> tuple[str, list[dict[str, str]]]:
    """Run ``command`` on ``data`` in English: its output and its report (the --report CSV) as dicts."""
    source = tmp_path / name
    source.write_bytes(data)
    report = tmp_path / "report.csv"
    out = io.StringIO()
    call_command(
        command,
        str(source),
        "--language",
        "en",
        "--report",
        str(report),
        *args,
        stdout=out,
        stderr=io.StringIO(),
    )
    with report.open(encoding="utf-8-sig", newline="") as stream:
        return out.getvalue(), list(csv.DictReader(stream))


def errors(report: list[dict[str, str]]) -> dict[str, tuple[str, str]]:
    """{key: (column, reason)} of the rows in error (the last problem of each)."""
    return {
        line["Key"]: (line["Column"], line["Reason or note"]) for line in report if line["Result"] == "error"
    }
