"""Cells of the XLSX exports: text a spreadsheet would run as a formula is kept as text, and control
characters that XLSX does not allow are dropped."""

from __future__ import annotations

import re
from typing import Any

# Control characters are not allowed in XLSX cells (openpyxl raises on them).
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text starting so would run as a formula when the file is opened.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell: text cleaned and, when it starts like a formula, marked as text."""
    if isinstance(value, str):
        value = ILLEGAL_XML.sub("", value)
        return "'" + value if value.startswith(FORMULA_START) else value
    return value
