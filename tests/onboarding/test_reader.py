"""Reading import files: CSV in UTF-8 (with or without BOM) or GB18030, XLSX; the header checked and its
problems named; rows numbered as a spreadsheet numbers them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook

from sunshine.agencies.models import Agency
from sunshine.onboarding.reader import Columns, FileProblem, read_table

COLUMNS = Columns(required=("code", "name"), optional=("phone",))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_file_is_read_in_utf_8_with_or_without_bom_or_in_gb18030(encoding):
    data = "Code, Name ,phone\nHX,和县人民政府,0555-5312345\n".encode(encoding)
    table = read_table(data, COLUMNS)
    assert table.header == ("code", "name", "phone")
    assert [(row.number, row.cells) for row in table.rows] == [
        (2, {"code": "HX", "name": "和县人民政府", "phone": "0555-5312345"})
    ]


def test_blank_rows_are_skipped_and_keep_their_number():
    table = read_table(b"code,name\n\nA,a\n,\nB,b\n", COLUMNS)
    assert [(row.number, row.get("code")) for row in table.rows] == [(3, "A"), (5, "B")]
    assert not table.rows[0].has("phone")


def test_an_xlsx_sheet_gives_whole_numbers_without_a_decimal_point():
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["code", "name", "phone"])
    sheet.append(["HX", "和县", 5312345.0])
    sheet.append([None, None, None])
    sheet.append([42, "数字代码", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), COLUMNS)
    assert [(row.number, row.cells) for row in table.rows] == [
        (2, {"code": "HX", "name": "和县", "phone": "5312345"}),
        (4, {"code": "42", "name": "数字代码", "phone": ""}),
    ]


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("code,phone", "missing columns: name"),
        ("code,name,colour,size", "unknown columns: colour, size"),
        ("code,name,name", "columns given twice: name"),
    ],
)
def test_a_header_with_missing_unknown_or_doubled_columns_is_refused_naming_them(header, named):
    with pytest.raises(FileProblem) as refused:
        read_table(f"{header}\nA,b,c\n".encode(), COLUMNS)
    assert named in str(refused.value)
    assert "code, name, phone" in str(refused.value)  # the expected columns


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "The file is empty"),
        (b"\xd0\xcf\x11\xe0old excel", "Old Excel files (.xls)"),
        (b"PK\x03\x04not really a workbook", "The XLSX file cannot be read."),
        (b"code,name\n\x81\x20", "neither CSV (UTF-8 or GB18030) nor XLSX"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, reason):
    with pytest.raises(FileProblem, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_table(data, COLUMNS)


def test_the_command_reads_a_gb18030_file_saved_by_a_spreadsheet(db, tmp_path: Path):
    source = tmp_path / "机构.csv"
    source.write_bytes("code,name,parent_code,kind\r\nHX,和县人民政府,,government\r\n".encode("gb18030"))
    call_command("import_agencies", str(source), "--language", "en", stdout=io.StringIO())
    assert Agency.objects.get(code="HX").name == "和县人民政府"


def test_a_workbook_that_unpacks_too_far_is_refused_with_the_reason(settings):
    """The bounds of every upload (docs/security.md#uploads) apply before openpyxl reads the file."""
    settings.SUNSHINE_UPLOAD_MAX_UNPACKED_BYTES = 1024 * 1024
    book = Workbook()
    book.worksheets[0].append(["code", "name"])
    buffer = io.BytesIO()
    book.save(buffer)
    bomb = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr("xl/media/image1.png", b"\x00" * (3 * 1024 * 1024))
    assert len(bomb.getvalue()) < 20_000
    with pytest.raises(FileProblem, match=r"The file expands to more than 1 MB when unpacked\."):
        read_table(bomb.getvalue(), COLUMNS)
