"""The annual report's tables as an XLSX workbook, in the layout of the national format."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sunshine.annualreports.layout import (
    APPLICANT_COLUMNS,
    APPLICATION_LINES,
    REVIEW_GROUPS,
    REVIEW_RESULT_COLUMNS,
)
from sunshine.annualreports.report import AnnualReport

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _box(sheet: Worksheet, first_row: int, last_row: int, columns: int) -> None:
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row, max_col=columns):
        for cell in row:
            cell.border = BOX


def report_workbook(report: AnnualReport) -> bytes:
    """Two sheets: 表三 (applications) and 表四 (reconsideration and litigation)."""
    book = Workbook()
    title = f"{report.agency.name} {report.year}年度政府信息公开工作年度报告"

    applications = book.worksheets[0]
    applications.title = "三、申请情况"
    applications.append([title])
    applications.append(["三、收到和处理政府信息公开申请情况"])
    applications.append(
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]
    )
    applications.append(["", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    applications.append(["", "", *[c.official for c in APPLICANT_COLUMNS[1:6]], ""])
    applications.merge_cells("A3:A5")
    applications.merge_cells("B3:H3")
    applications.merge_cells("B4:B5")
    applications.merge_cells("C4:G4")
    applications.merge_cells("H4:H5")
    for line in APPLICATION_LINES:
        label = ("    " * line.level) + line.official
        if line.numbered:
            applications.append([label, *(report.applications[line.code][c.code] for c in APPLICANT_COLUMNS)])
        else:
            applications.append([label])
    last = applications.max_row
    _box(applications, 3, last, 8)
    for row in applications.iter_rows(min_row=3, max_row=5, max_col=8):
        for cell in row:
            cell.alignment = CENTRE
            cell.font = Font(bold=True)
    applications["A1"].font = Font(bold=True, size=13)
    applications.column_dimensions["A"].width = 62
    for index in range(2, 9):
        applications.column_dimensions[get_column_letter(index)].width = 12

    reviews = book.create_sheet("四、复议诉讼")
    reviews.append(["四、政府信息公开行政复议、行政诉讼情况"])
    reviews.append(["行政复议", "", "", "", "", "行政诉讼"])
    reviews.append(["", "", "", "", "", *[g.official for g in REVIEW_GROUPS[1:] for _ in range(5)]])
    reviews.append([c.official for _ in REVIEW_GROUPS for c in REVIEW_RESULT_COLUMNS])
    reviews.append([report.reviews[g.code][c.code] for g in REVIEW_GROUPS for c in REVIEW_RESULT_COLUMNS])
    reviews.merge_cells("A2:E3")
    reviews.merge_cells("F2:O2")
    reviews.merge_cells("F3:J3")
    reviews.merge_cells("K3:O3")
    _box(reviews, 2, 5, 15)
    for row in reviews.iter_rows(min_row=2, max_row=4, max_col=15):
        for cell in row:
            cell.alignment = CENTRE
            cell.font = Font(bold=True)
    for index in range(1, 16):
        reviews.column_dimensions[get_column_letter(index)].width = 10

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
