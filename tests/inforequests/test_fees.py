"""The information-processing fee by the brackets of 国办函〔2020〕109号 Art. 4 (per application) and
Art. 5 (per page), checked on both sides of every bracket boundary."""

from __future__ import annotations

import pytest

from sunshine.inforequests import fees


@pytest.mark.parametrize(
    ("position", "rate"),
    [
        (1, 0),
        (10, 0),  # up to 10 a month: free
        (11, 100),
        (30, 100),  # 11-30: 100 yuan each
        (31, 200),
        (40, 200),  # 31-40: 200
        (41, 300),
        (50, 300),  # 41-50: 300
        (51, 400),
        (60, 400),
        (61, 500),
        (101, 900),
    ],
)
def test_each_application_of_the_month_costs_the_rate_of_its_band(position, rate):
    assert fees.per_application_rate(position) == rate
    fee = fees.per_application_fee(position)
    assert fee.amount == rate
    assert fee.method == "per_application"
    assert [(c.first, c.last, c.units, c.rate) for c in fee.charges] == [(position, position, 1, rate)]


@pytest.mark.parametrize(
    ("count", "total"),
    [
        (10, 0),
        (11, 100),
        (30, 20 * 100),
        (31, 20 * 100 + 200),
        (40, 20 * 100 + 10 * 200),
        (41, 20 * 100 + 10 * 200 + 300),
        (50, 20 * 100 + 10 * 200 + 10 * 300),
        (51, 20 * 100 + 10 * 200 + 10 * 300 + 400),
    ],
)
def test_the_applications_of_a_month_together_cost_the_sum_of_the_excess_progressive_bands(count, total):
    fee = fees.per_application_total(count)
    assert fee.amount == total
    assert fee.amount == sum(fees.per_application_rate(n) for n in range(1, count + 1))
    assert sum(c.units for c in fee.charges) == count


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (1, 0),
        (30, 0),  # up to 30 pages: free
        (31, 10),
        (100, 70 * 10),  # 31-100: 10 yuan a page
        (101, 70 * 10 + 20),
        (200, 70 * 10 + 100 * 20),  # 101-200: 20 yuan a page
        (201, 70 * 10 + 100 * 20 + 40),
        (250, 70 * 10 + 100 * 20 + 50 * 40),  # from 201: 40 yuan a page
    ],
)
def test_pages_are_charged_by_the_excess_progressive_page_bands(pages, amount):
    fee = fees.per_page_fee(pages)
    assert fee.amount == amount
    assert fee.method == "per_page"
    assert sum(c.units for c in fee.charges) == pages


def test_the_page_fee_shows_what_each_band_contributes():
    fee = fees.per_page_fee(150)
    assert [(c.first, c.last, c.units, c.rate, c.amount) for c in fee.charges] == [
        (1, 30, 30, 0, 0),
        (31, 100, 70, 10, 700),
        (101, 150, 50, 20, 1000),
    ]
    assert fee.as_dict()["amount"] == 1700
    assert fee.as_dict()["bands"][2] == {"first": 101, "last": 150, "units": 50, "rate": 20, "amount": 1000}


def test_the_band_of_an_application_names_its_limits():
    assert fees.per_application_band(35) == fees.Band(31, 40, 200)
    assert fees.per_application_band(41) == fees.Band(41, 50, 300)
    assert fees.per_application_band(11) == fees.Band(11, 30, 100)


@pytest.mark.parametrize("call", [fees.per_application_fee, fees.per_application_total, fees.per_page_fee])
def test_counts_below_one_are_refused(call):
    with pytest.raises(ValueError, match=r"at least one|counted from 1"):
        call(0)
