"""The privacy scan finds a number however it is spelled (spaced, punctuated, full-width, with
invisible characters inside), points at the span of the text as written, and leaves ordinary
numbers (dates, document numbers, amounts) alone.

The corpus is generated: a few valid numbers of each kind, each spelled in every way below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from sunshine.inforequests.validation import ID_CHECK, ID_WEIGHTS
from sunshine.records.findings import highlight
from sunshine.records.privacy_scan import Kind, luhn_valid, mask, mask_all, scan


def with_check(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + ID_CHECK[total % 11]


def with_luhn(body: str) -> str:
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


RESIDENT_IDS = [
    "11010519491231002X",
    with_check("44030519900307123"),
    with_check("31010419851120456"),
    next(n for s in range(100, 1000) if (n := with_check(f"33010619770615{s}")).endswith("X")),
]
MOBILES = ["13812345678", "15900001111", "18612345678", "19987654321"]
BANK_CARDS = [
    "4539578763621486",
    with_luhn("622202123456789012"),
    with_luhn("62170012345678901"),
    with_luhn("436742123456789"),
]
PASSPORTS = ["E12345678", "EA1234567", "G12345678", "E98765432"]

# Separators people (and word processors) put between the groups of a number.
SEPARATORS = {
    "space": " ",
    "two spaces": "  ",
    "no-break space": "\u00a0",
    "narrow no-break space": "\u202f",
    "thin space": "\u2009",
    "ideographic space": "\u3000",
    "hyphen": "-",
    "non-breaking hyphen": "\u2011",
    "figure dash": "\u2012",
    "en dash": "\u2013",
    "em dash": "\u2014",
    "minus sign": "\u2212",
    "full-width hyphen": "\uff0d",
    "spaced hyphen": " - ",
    "dot": ".",
    "full-width dot": "\uff0e",
    "middle dot": "\u00b7",
    "slash": "/",
    "full-width slash": "\uff0f",
}
INVISIBLE = {
    "zero width space": "\u200b",
    "zero width non-joiner": "\u200c",
    "zero width joiner": "\u200d",
    "byte order mark": "\ufeff",
    "word joiner": "\u2060",
}
# How the groups of each kind are usually cut.
GROUPINGS: dict[Kind, list[tuple[int, ...]]] = {
    Kind.RESIDENT_ID: [(6, 8, 4), (6, 4, 4, 4), (3, 3, 4, 4, 4)],
    Kind.MOBILE: [(3, 4, 4), (3, 3, 5)],
    Kind.BANK_CARD: [(4, 4, 4, 4, 4), (6, 13), (4, 6, 5, 4)],  # the last group takes what is left
    Kind.PASSPORT: [(1, 4, 4), (1, 8), (5, 4)],
}
FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"})


def grouped(number: str, sizes: tuple[int, ...], separator: str) -> str:
    groups, start = [], 0
    for size in sizes:
        if start < len(number):
            groups.append(number[start : start + size])
            start += size
    groups[-1] += number[start:]
    return separator.join(groups)


def spellings(kind: Kind, number: str) -> Iterator[tuple[str, str]]:
    """(how, spelled) of ``number``: at least 50 ways."""
    for sizes in GROUPINGS[kind]:
        for name, separator in SEPARATORS.items():
            yield f"{'-'.join(map(str, sizes))} {name}", grouped(number, sizes, separator)
    yield "every character spaced", " ".join(number)
    yield "every character with a no-break space", "\u00a0".join(number)
    yield "every character with an ideographic space", "\u3000".join(number)
    yield "every character dashed", "-".join(number)
    yield "full width", number.translate(FULL_WIDTH)
    yield "full width, grouped", grouped(number.translate(FULL_WIDTH), GROUPINGS[kind][0], "\u3000")
    yield "full width, every character spaced", " ".join(number.translate(FULL_WIDTH))
    for name, invisible in INVISIBLE.items():
        yield f"{name} between every character", invisible.join(number)
        yield f"one {name} in the middle", number[:5] + invisible + number[5:]
        yield f"{name} and spaces", grouped(number, GROUPINGS[kind][0], " " + invisible)
    yield "dots and invisible characters", grouped(number, GROUPINGS[kind][0], ".\u200b")


def corpus(kind: Kind, numbers: list[str]) -> list[object]:
    cases: list[object] = [
        pytest.param(number, spelled, id=f"{number}: {how}")
        for number in numbers
        for how, spelled in spellings(kind, number)
    ]
    assert len(cases) >= 50 * len(numbers)
    return cases


# Where the number stands: after a label, alone, in an English sentence, at the end of a line.
CONTEXTS: list[Callable[[str], str]] = [
    lambda s: f"号码：{s}。",
    lambda s: s,
    lambda s: f"please call {s} today",
    lambda s: f"联系方式（{s}）\n下一行",
]


def assert_found_once(kind: Kind, value: str, spelled: str) -> None:
    for context in CONTEXTS:
        text = context(spelled)
        found = scan(text)
        assert [(f.kind, f.value) for f in found] == [(kind, value)], repr(text)
        start = text.index(spelled)
        assert (found[0].start, found[0].end) == (start, start + len(spelled)), repr(text)
        assert found[0].text == spelled


@pytest.mark.parametrize(("number", "spelled"), corpus(Kind.RESIDENT_ID, RESIDENT_IDS))
def test_every_spelling_of_an_identity_number_is_found_where_it_is_written(number, spelled):
    assert_found_once(Kind.RESIDENT_ID, number, spelled)


@pytest.mark.parametrize(("number", "spelled"), corpus(Kind.MOBILE, MOBILES))
def test_every_spelling_of_a_mobile_number_is_found_where_it_is_written(number, spelled):
    assert_found_once(Kind.MOBILE, number, spelled)


@pytest.mark.parametrize(("number", "spelled"), corpus(Kind.BANK_CARD, BANK_CARDS))
def test_every_spelling_of_a_bank_card_number_is_found_where_it_is_written(number, spelled):
    assert_found_once(Kind.BANK_CARD, number, spelled)


@pytest.mark.parametrize(("number", "spelled"), corpus(Kind.PASSPORT, PASSPORTS))
def test_every_spelling_of_a_passport_number_is_found_where_it_is_written(number, spelled):
    assert_found_once(Kind.PASSPORT, number, spelled)


@pytest.mark.parametrize(
    "text",
    [
        "+86 138-1234-5678",
        "+86\u00a0138\u00a01234\u00a05678",
        "0086 138.1234.5678",
        "+86 1\u200b3\u200b8\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8",
    ],
)
def test_a_mobile_number_with_the_country_code_is_found(text):
    assert [(f.kind, f.value) for f in scan(text)] == [(Kind.MOBILE, "13812345678")]


def test_two_spaced_numbers_side_by_side_are_both_found():
    text = "身份证 110105 1949 1231 002X 手机 138 1234 5678；卡号6222 0212 3456 7890 128"
    assert [(f.kind, f.text) for f in scan(text)] == [
        (Kind.RESIDENT_ID, "110105 1949 1231 002X"),
        (Kind.MOBILE, "138 1234 5678"),
        (Kind.BANK_CARD, "6222 0212 3456 7890 128"),
    ]


def test_a_spelled_number_is_masked_and_highlighted_whole():
    text = "身份证：1\u200b1\u200b0\u200b1\u200b0\u200b5 1949 1231 002X，电话 138.1234.5678。"
    assert mask_all(text) == "身份证：110105********002X，电话 138****5678。"
    found = scan(text)
    assert [mask(f) for f in found] == ["110105********002X", "138****5678"]
    marked = highlight(text, found)
    assert '<mark class="finding" data-kind="mobile">138.1234.5678</mark>' in marked
    assert "1\u200b1\u200b0\u200b1\u200b0\u200b5 1949 1231 002X</mark>" in marked


# --- What is not personal data --------------------------------------------------------------------

NOT_PERSONAL_DATA = [
    # Dates and times, however written.
    "2026-12-07",
    "2026.12.07",
    "2026/12/07",
    "2026 12 07",
    "2026–12–07",
    "２０２６－１２－０７",
    "2026-12-07 13:45:00",
    "2026年12月7日",
    "20261207",
    "2024.01.01—2026.12.31",
    "2024/01/01-2026/12/31",
    "2024-01-01 至 2026-12-31",
    "2019/2020/2021/2022/2023年度",
    "工作时间 8:30-12:00 14:00-17:30",
    # Document, index and registration numbers.
    "〔2026〕12号",
    "阳政办发〔2026〕12号",
    "国办发〔2026〕1号",
    "索引号：YG-JYJ/2026-00012",
    "索引号：11330100002498364T/2026-00123",
    "统一社会信用代码 91330100MA27XXXX1K",
    "ISBN 978-7-111-12345-6",
    "GB/T 7714-2015",
    "GB 11643-1999",
    "邮政编码 310000",
    # Amounts and statistics.
    "共计12,345,678.90元",
    "1 234 567 元",
    "138.5万元",
    "同比增长13.8%，环比增长12.34%",
    "6,222,021,234.56元",
    "预算 3 800 万元，决算 3 650 万元",
    # Other dotted numbers.
    "192.168.100.100",
    "版本 1.3.8.0",
    "第1.3.8条",
    "1、3、5、7、9",
    # Landlines and service numbers (not mobile numbers, not cards).
    "400-800-1234",
    "12345",
    "0571-8765-4321",
    # Numbers that look like personal data but fail its checks.
    "110105 1949 1231 0021",  # wrong check character
    "110105-1949-1331-002X",  # month 13
    "6222 0212 3456 7890 127",  # Luhn fails
    "1234 5678 9012 3456",  # no card network starts with 1
    "128 1234 5678",  # no mobile numbers start with 12
    "138 1234 567",  # ten digits
    "138 1234 56789",  # twelve digits
    "E 1234 567",  # a passport has eight more characters
    "A 1234 5678",
    # Numbers in table cells or on separate lines are separate numbers.
    "1\t3\t8\t1\t2\t3\t4\t5\t6\t7\t8",
    "138\n1234\n5678",
    "13 8 12 3 4 5 6 7 8 9 10 11 12",
    "138,1234,5678",
    # Separators repeated or mixed are not one number.
    "110105——19491231——002X",
    "138-1234.5678",
]


@pytest.mark.parametrize("text", NOT_PERSONAL_DATA)
def test_ordinary_numbers_are_not_flagged(text):
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("联系电话：0571-87654321", "057187654321"),
        ("电话（010）62345678转123", "01062345678123"),
        ("0571 8765432 转 123", "05718765432123"),
    ],
)
def test_landlines_are_still_found_as_landlines(text, value):
    assert [(f.kind, f.value) for f in scan(text)] == [(Kind.LANDLINE, value)]
