"""Forms of the back office's calendar desk: a year entered from the notice or imported from CSV."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.workdays.days import HolidayRange, MakeupDay
from sunshine.workdays.imports import NOTE_MAX_LENGTH
from sunshine.workdays.services import MAX_YEAR, MIN_YEAR

DATE = r"(\d{4}-\d{1,2}-\d{1,2})"
HOLIDAY_LINE = re.compile(rf"^{DATE}(?:\s*(?:–|—|~|～|至|\.\.|to)\s*{DATE})?\s*(.*)$")
MAKEUP_LINE = re.compile(rf"^{DATE}\s*(.*)$")
MAX_UPLOAD_BYTES = 256 * 1024


def _date(text: str) -> datetime.date | None:
    try:
        year, month, day = (int(part) for part in text.split("-"))
        return datetime.date(year, month, day)
    except ValueError:
        return None


class NoticeFields(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    notice_title = forms.CharField(
        label=gettext_lazy("Notice title"),
        max_length=200,
        help_text=gettext_lazy("For example 国务院办公厅关于2027年部分节假日安排的通知"),
    )
    notice_number = forms.CharField(label=gettext_lazy("Document number"), max_length=100, required=False)
    notice_url = forms.URLField(
        label=gettext_lazy("Address of the notice on www.gov.cn"), required=False, assume_scheme="https"
    )
    replace = forms.BooleanField(
        label=gettext_lazy("Replace the calendar of this year if it is already published"), required=False
    )


class YearEntryForm(NoticeFields):
    holidays = forms.CharField(
        label=gettext_lazy("Days off"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "One break per line: first day – last day, then the holiday's name. "
            "For example: 2027-02-06 – 2027-02-14 春节"
        ),
    )
    makeup_days = forms.CharField(
        label=gettext_lazy("Make-up working days"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=gettext_lazy(
            "One weekend day per line that is a working day, then the holiday's name. "
            "For example: 2027-02-20 春节. Other weekends are days off, other weekdays working days."
        ),
    )

    def clean_holidays(self) -> list[HolidayRange]:
        ranges: list[HolidayRange] = []
        errors: list[str] = []
        for number, line in enumerate(self.cleaned_data["holidays"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            match = HOLIDAY_LINE.match(line)
            first = _date(match.group(1)) if match else None
            last = _date(match.group(2)) if match and match.group(2) else first
            name = match.group(3).strip() if match else ""
            if match is None or first is None or last is None:
                errors.append(
                    _("Days off, line %(line)s: start with a date as YYYY-MM-DD.") % {"line": number}
                )
            elif not name or len(name) > NOTE_MAX_LENGTH:
                errors.append(
                    _("Days off, line %(line)s: give the holiday's name after the dates.") % {"line": number}
                )
            elif last < first:
                errors.append(
                    _("Days off, line %(line)s: the last day is before the first.") % {"line": number}
                )
            else:
                ranges.append(HolidayRange(first, last, name))
        if errors:
            raise forms.ValidationError(errors)
        return ranges

    def clean_makeup_days(self) -> list[MakeupDay]:
        days: list[MakeupDay] = []
        errors: list[str] = []
        for number, line in enumerate(self.cleaned_data["makeup_days"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            match = MAKEUP_LINE.match(line)
            day = _date(match.group(1)) if match else None
            note = match.group(2).strip() if match else ""
            if match is None or day is None:
                errors.append(
                    _("Make-up working days, line %(line)s: start with a date as YYYY-MM-DD.")
                    % {"line": number}
                )
            elif len(note) > NOTE_MAX_LENGTH - 4:
                errors.append(
                    _("Make-up working days, line %(line)s: the name is too long.") % {"line": number}
                )
            else:
                days.append(MakeupDay(day, note))
        if errors:
            raise forms.ValidationError(errors)
        return days


class YearImportForm(NoticeFields):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "UTF-8, header row date,is_workday,note; is_workday 1 or 0. "
            "Days not in the file follow the ordinary week."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 256 KB)."))
        return upload
