"""The legal figures of the annual report (政府信息公开工作年度报告), each stated once with its source.

docs/legal.md explains each rule; the comment of each figure names the article and the section.
"""

from __future__ import annotations

from typing import NamedTuple


class MonthDay(NamedTuple):
    """A day of the year after the one reported on."""

    month: int
    day: int


# Departments of governments at county level and above publish the previous year's report by this day.
DEPARTMENT_REPORT_DUE = MonthDay(1, 31)  # 条例 Art. 49 para. 1; docs/legal.md#annual-reports

# The disclosure authority publishes its government's report for the previous year by this day.
GOVERNMENT_REPORT_DUE = MonthDay(3, 31)  # 条例 Art. 49 para. 2; docs/legal.md#annual-reports
