"""The responses of a survey as a table for staff: CSV and XLSX, one row per response."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from openpyxl import Workbook

from sunshine.surveys.codes import Kind
from sunshine.surveys.models import Survey
from sunshine.surveys.selectors import questions


def rows(survey: Survey) -> list[list[str]]:
    qs = questions(survey)
    header = ["response", "received", *(f"{q.position}. {q.text}" for q in qs)]
    if not survey.anonymous:
        header.insert(2, "name")
    table = [header]
    for response in survey.responses.prefetch_related("answers__option").order_by("created_at", "pk"):
        by_question: dict[int, list[str]] = {}
        for answer in response.answers.all():
            if answer.option is not None:
                value = answer.option.text
            elif answer.scale is not None:
                value = str(answer.scale)
            else:
                value = answer.text
            by_question.setdefault(answer.question_id, []).append(value)
        line = [str(response.pk), timezone.localtime(response.created_at).strftime("%Y-%m-%d %H:%M")]
        if not survey.anonymous:
            line.append(response.name)
        line += [
            "; ".join(by_question.get(q.pk, []))
            if q.kind == Kind.MULTIPLE
            else "".join(by_question.get(q.pk, []))
            for q in qs
        ]
        table.append(line)
    return table


def _safe(cell: str) -> str:
    """No formulas in a spreadsheet cell (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


def as_csv(survey: Survey) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in rows(survey):
        writer.writerow([_safe(c) for c in line])
    return ("\ufeff" + out.getvalue()).encode()


def as_xlsx(survey: Survey) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "responses"
    for line in rows(survey):
        sheet.append([_safe(c) for c in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
