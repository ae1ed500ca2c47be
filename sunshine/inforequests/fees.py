"""The information-processing fee (信息处理费). Pure Python: no Django imports.

The rules are in docs/legal.md#fees (条例 Art. 42, 国办函〔2020〕109号 Art. 3–5); their figures are
in ``sunshine.inforequests.law``. Requests are free unless an applicant's requests clearly go beyond
a reasonable number or frequency. A fee is then charged per application (按件, Art. 4) or per page
(按量, Art. 5), both by excess-progressive brackets (超额累进), one method per application.

Amounts are whole yuan. A fee for one application under Art. 4 is the rate of its place in the
month (the 35th application costs the rate of the band of 31–40): "累计申请……的部分" charges each
application by the band its running count falls in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sunshine.inforequests.law import (
    BAND_SIZE,
    BAND_STEP,
    FIRST_CHARGED_BAND_END,
    FIRST_CHARGED_RATE,
    FREE_APPLICATIONS_PER_MONTH,
    PER_PAGE_RATES,
)

PER_APPLICATION = "per_application"
PER_PAGE = "per_page"


@dataclass(frozen=True)
class Band:
    """Units ``first`` to ``last`` (inclusive; None: no upper end) cost ``rate`` yuan each."""

    first: int
    last: int | None
    rate: int


# 国办函〔2020〕109号 Art. 5 (docs/legal.md#fees)
PER_PAGE_BANDS: tuple[Band, ...] = tuple(Band(first, last, rate) for first, last, rate in PER_PAGE_RATES)


@dataclass(frozen=True)
class BandCharge:
    """What one band contributes to a fee."""

    first: int
    last: int
    units: int
    rate: int
    amount: int


@dataclass(frozen=True)
class Fee:
    method: str
    first: int  # the first unit charged for (the application's place in the month, or page 1)
    last: int  # the last one
    amount: int  # yuan
    charges: tuple[BandCharge, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "first": self.first,
            "last": self.last,
            "amount": self.amount,
            "bands": [
                {"first": c.first, "last": c.last, "units": c.units, "rate": c.rate, "amount": c.amount}
                for c in self.charges
            ],
        }


def per_application_band(n: int) -> Band:
    """The band of the ``n``-th application of an applicant in a calendar month (Art. 4)."""
    if n < 1:
        raise ValueError("applications are counted from 1")
    if n <= FREE_APPLICATIONS_PER_MONTH:
        return Band(1, FREE_APPLICATIONS_PER_MONTH, 0)
    if n <= FIRST_CHARGED_BAND_END:
        return Band(FREE_APPLICATIONS_PER_MONTH + 1, FIRST_CHARGED_BAND_END, FIRST_CHARGED_RATE)
    step = (n - FIRST_CHARGED_BAND_END - 1) // BAND_SIZE + 1  # 31–40: 1, 41–50: 2, …
    first = FIRST_CHARGED_BAND_END + (step - 1) * BAND_SIZE + 1
    return Band(first, first + BAND_SIZE - 1, FIRST_CHARGED_RATE + step * BAND_STEP)


def per_application_rate(n: int) -> int:
    """Yuan charged for the ``n``-th application of the same applicant in one calendar month."""
    return per_application_band(n).rate


def _charge(method: str, first: int, last: int, bands: list[Band]) -> Fee:
    """Units ``first``..``last`` priced by ``bands`` (sorted, contiguous, covering them)."""
    charges = []
    for band in bands:
        low = max(first, band.first)
        high = last if band.last is None else min(last, band.last)
        if low > high:
            continue
        units = high - low + 1
        charges.append(
            BandCharge(first=low, last=high, units=units, rate=band.rate, amount=units * band.rate)
        )
    return Fee(
        method=method, first=first, last=last, amount=sum(c.amount for c in charges), charges=tuple(charges)
    )


def _per_application_bands(last: int) -> list[Band]:
    bands: list[Band] = []
    n = 1
    while n <= last:
        band = per_application_band(n)
        bands.append(band)
        assert band.last is not None
        n = band.last + 1
    return bands


def per_application_fee(position: int) -> Fee:
    """The fee of one application that is the applicant's ``position``-th in the calendar month."""
    if position < 1:
        raise ValueError("applications are counted from 1")
    return _charge(PER_APPLICATION, position, position, [per_application_band(position)])


def per_application_total(count: int) -> Fee:
    """The fees of all ``count`` applications of one applicant in a calendar month, together."""
    if count < 1:
        raise ValueError("applications are counted from 1")
    return _charge(PER_APPLICATION, 1, count, _per_application_bands(count))


def per_page_fee(pages: int) -> Fee:
    """The fee of one application for ``pages`` pages (Art. 5)."""
    if pages < 1:
        raise ValueError("a reply has at least one page")
    return _charge(PER_PAGE, 1, pages, list(PER_PAGE_BANDS))
