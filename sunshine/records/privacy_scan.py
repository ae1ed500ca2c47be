"""The pre-publication privacy scan: personal data and classification marks in a text.

Pure functions over strings (no database, no settings). ``scan(text)`` answers the findings in
order of position, never overlapping, each with its kind, span and normalised value:

- resident identity numbers: 18 characters whose check character (GB 11643, the checksum of
  ``inforequests.validation``) and date of birth are valid; a number with a wrong check character
  is not a resident identity number;
- mobile numbers (1[3-9] + 9 digits, with or without +86 and separators);
- landline numbers with an area code: 0571-87654321, (010)12345678, 0571 8765432 转 123;
- bank card numbers: 16–19 digits, a card-network first digit (3, 4, 5, 6 or 9) and a valid Luhn
  check digit, written solid or in groups of four;
- e-mail addresses;
- personal names written after a label that says a person is named (姓名：张三, 申请人：李四, 联系人：
  王小明): two to four Chinese characters standing alone after the colon; a form of address
  (李老师, 王先生) is not a name;
- passport numbers of the People's Republic (E + 8 characters, G/D/S/P + 8 digits);
- classification marks (密级标志): 绝密★ / 机密★ / 秘密★ with a period, 密级：秘密, a mark on a
  line of its own or in brackets, 内部资料 / 内部文件 / 仅供内部使用 ... Phrases of ordinary legal
  text such as 国家秘密, 商业秘密 or 内部控制 are not marks.

How a number is spelled does not hide it. The text is normalised before matching: full-width
digits and letters (１３８…) are read as their ASCII twins, the many spaces (no-break, thin,
ideographic …), dashes (en, em, minus, full-width …) and slashes as the plain ones, and invisible
format characters (zero-width space and joiners, the byte order mark, the word joiner, soft
hyphens) are dropped. A number cut into groups by one kind of separator, used the same way
throughout (138.1234.5678, 110105 1949 1231 002X, 1 3 8 1 2 3 4 5 6 7 8, E 1234 5678), is read as
the groups joined, and must then pass the same checks as a number written solid. A group of one or
two characters only counts when the whole run of groups is the number, so a list of small numbers
is not read as one. Every finding's offsets are those of the original text, its ``text`` the
original span (invisible characters included).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from sunshine.inforequests.validation import resident_id_is_valid


class Kind(StrEnum):
    CLASSIFICATION = "classification"
    RESIDENT_ID = "resident_id"
    BANK_CARD = "bank_card"
    PASSPORT = "passport"
    MOBILE = "mobile"
    LANDLINE = "landline"
    EMAIL = "email"
    NAME = "name"


class NameRule(StrEnum):
    """How an agency masks a person's name in what it publishes (``Agency.name_masking``)."""

    SURNAME = "surname"  # 张** : the surname stays, one star for each other character
    SURNAME_MOU = "surname_mou"  # 张某某 : the surname stays, 某 for each other character
    FULL = "full"  # *** : every character


# When two findings cover the same text, the longer wins; on a tie, the earlier kind here.
PRIORITY = {kind: n for n, kind in enumerate(Kind)}


@dataclass(frozen=True)
class Finding:
    kind: Kind
    start: int
    end: int
    text: str  # as written in the scanned text
    value: str  # normalised: digits and letters only (e-mail: lower case; marks: the mark word)


# One character for one character, so that offsets into the folded text are offsets into the text.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_FOLD.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FOLD.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FOLD.update({0xFF20: ord("@"), 0xFF0E: ord("."), 0xFF0B: ord("+")})
# Spaces (no-break, Ogham, en quad … hair space, narrow no-break, medium mathematical, ideographic).
_FOLD.update({code: ord(" ") for code in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)})
# Dashes (hyphen … horizontal bar, minus sign, small and full-width hyphen-minus) and slashes.
_FOLD.update({code: ord("-") for code in (*range(0x2010, 0x2016), 0x2212, 0xFE58, 0xFE63, 0xFF0D)})
_FOLD.update({code: ord("/") for code in (0x2044, 0x2215, 0xFF0F)})

_B = r"(?<![0-9A-Za-z])"  # not glued to a letter or digit before ...
_E = r"(?![0-9A-Za-z])"  # ... or after (\b would treat Chinese characters as word characters)

RESIDENT_ID = re.compile(_B + r"(\d{6})[ -]?(\d{8})[ -]?(\d{3}[0-9Xx])" + _E)
BANK_CARD = re.compile(_B + r"(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?|\d{6} \d{13})" + _E)
PASSPORT = re.compile(_B + r"(?:E[0-9A-HJ-NP-Z]\d{7}|[GDSP]\d{8})" + _E)
MOBILE = re.compile(_B + r"(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + _E)
LANDLINE = re.compile(
    _B + r"(?:[(（]0\d{2,3}[)）][ -]?|0\d{2,3}[ -])[2-9]\d{6,7}(?:[ -]?(?:-|转|分机|ext\.?)[ ]?\d{1,5})?" + _E
)
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}" + _E
)

# A label naming a person, its colon, then the name: 2–4 Chinese characters standing alone.
NAME_LABELS = (
    "姓名", "申请人", "联系人", "当事人", "被处罚人", "举报人", "投诉人", "信访人", "户主", "患者",
    "监护人", "代理人", "委托人", "受益人", "承租人", "收件人", "经办人",
)  # fmt: skip
_HAN = "\u4e00-\u9fff"
NAME = re.compile(
    r"(?:" + "|".join(NAME_LABELS) + r")[ \t]*[:：][ \t]*([" + _HAN + r"]{2,4})(?![" + _HAN + r"·])"
)
# Forms of address and words that are not a person's name.
NOT_NAMES = re.compile(r"(?:老师|先生|女士|同志|主任|科长|处长|局长|经理|师傅|本人|同上|不详|见附件|无)$")
# Surnames of two characters (the rest of the name is masked after them).
COMPOUND_SURNAMES = frozenset(
    (
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
        "夏侯", "令狐", "端木", "独孤", "南宫", "西门", "呼延", "轩辕", "澹台", "公冶", "宗政", "濮阳",
        "太叔", "申屠", "钟离", "闻人", "赫连", "万俟", "鲜于", "闾丘", "司空", "亓官", "司寇", "仲孙",
        "拓跋", "百里", "东郭", "南门", "羊舌", "微生", "梁丘", "左丘", "第五",
    )
)  # fmt: skip

_MARK = r"(绝密|机密|秘密|内部)"
# (pattern, the group whose span is the finding): group 1 holds the level in each.
CLASSIFICATION_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    # The standard form: level, star, period ("秘密★1年", "机密★长期").
    (re.compile(_MARK + r"\s*[★☆*＊]"), 0),
    # "密级：秘密".
    (re.compile(r"密\s*级\s*[:：]\s*" + _MARK), 0),
    # A mark standing alone on its line or in brackets: "【机密】", "（内部）".
    (re.compile(r"(?:^|(?<=[\n（(【\[〔<《]))[ \t]*" + _MARK + r"[ \t]*(?=$|[\n）)】\]〕>》])", re.M), 1),
    # Internal material: "内部资料", "仅供内部使用", "内部文件，注意保存".
    (re.compile(r"(内部)(?:资料|文件|刊物|材料|参考|使用|传阅|发行|明电|情况通报)"), 0),
)


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check of card numbers (ISO/IEC 7812)."""
    if not digits.isdigit():
        return False
    total = 0
    for n, char in enumerate(reversed(digits)):
        d = int(char)
        if n % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _date_of_birth_valid(number: str) -> bool:
    """GB 11643: characters 7–14 are the date of birth, YYYYMMDD."""
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum()).upper()


def _normalised(text: str) -> tuple[str, list[int] | None]:
    """``text`` as the patterns read it (folded, invisible format characters dropped) and, when
    characters were dropped, the position in ``text`` of each character of it (None: the same)."""
    folded = text.translate(_FOLD)
    if not any(unicodedata.category(ch) == "Cf" for ch in set(folded)):
        return folded, None
    kept = [n for n, ch in enumerate(folded) if unicodedata.category(ch) != "Cf"]
    return "".join(folded[n] for n in kept), kept


# The groups of a spelled number: a token holding a digit, or a single letter (E 1234 5678, … 002 X).
_GROUP = re.compile(r"[0-9A-Za-z]+")
_NUMBER_GROUP = re.compile(r"[0-9A-Za-z]*[0-9][0-9A-Za-z]*|[A-Za-z]")
# What may stand between two groups (after folding): up to three spaces, or one dash, dot or slash
# with up to two spaces either side. Its kind (the mark, or a space) must stay the same along a run.
_SEPARATOR = re.compile(r" {1,3}| {0,2}([-./\u00b7\u30fb\u2022]) {0,2}")
_SEPARATOR_KIND = {"-": "-", "/": "/", ".": ".", "\u00b7": ".", "\u30fb": ".", "\u2022": "."}
_SOLID: dict[Kind, re.Pattern[str]] = {
    Kind.RESIDENT_ID: re.compile(r"\d{17}[0-9X]"),
    Kind.BANK_CARD: re.compile(r"[34569]\d{15,18}"),
    Kind.MOBILE: re.compile(r"(?:0086|86)?1[3-9]\d{9}"),
    Kind.PASSPORT: re.compile(r"E[0-9A-HJ-NP-Z]\d{7}|[GDSP]\d{8}"),
}

# The kinds a number of each length can be (a mobile number may carry 86 or 0086).
_LENGTHS: dict[int, tuple[Kind, ...]] = {9: (Kind.PASSPORT,), 11: (Kind.MOBILE,), 13: (Kind.MOBILE,)}
_LENGTHS.update(dict.fromkeys(range(16, 20), (Kind.BANK_CARD,)))
_LENGTHS.update({15: (Kind.MOBILE,), 18: (Kind.RESIDENT_ID, Kind.BANK_CARD)})
LONGEST_NUMBER = max(_LENGTHS)


def _runs(text: str) -> Iterator[list[re.Match[str]]]:
    """Runs of two or more number groups, each joined by separators of one kind. A group where the
    kind changes ends one run and starts the next."""
    run: list[re.Match[str]] = []
    kind = ""
    for match in _GROUP.finditer(text):
        if not _NUMBER_GROUP.fullmatch(match.group()):
            if len(run) > 1:
                yield run
            run, kind = [], ""
            continue
        separator = _SEPARATOR.fullmatch(text, run[-1].end(), match.start()) if run else None
        if separator is None:
            if len(run) > 1:
                yield run
            run, kind = [match], ""
            continue
        this = _SEPARATOR_KIND[separator.group(1)] if separator.group(1) else " "
        if kind and this != kind:
            yield run
            run = [run[-1]]
        run.append(match)
        kind = this
    if len(run) > 1:
        yield run


def _solid_value(kind: Kind, number: str) -> str | None:
    """The normalised value when ``number`` (its groups joined) passes the checks of ``kind``."""
    if not _SOLID[kind].fullmatch(number):
        return None
    if kind == Kind.RESIDENT_ID:
        return number if resident_id_is_valid(number) and _date_of_birth_valid(number) else None
    if kind == Kind.BANK_CARD:
        return number if luhn_valid(number) else None
    if kind == Kind.MOBILE:
        return number[-11:]
    return number


def _windows(groups: list[str]) -> Iterator[tuple[int, int, str]]:
    """(first, last, joined) of the groups of a run that may spell one number: the whole run, or
    groups of three or more characters each (a group of one or two only counts when the run is the
    number), when their length is that of a number the scan looks for."""
    if sum(map(len, groups)) in _LENGTHS:
        yield 0, len(groups) - 1, "".join(groups)
    for i, first in enumerate(groups):
        if len(first) < 3:
            continue
        length = len(first)
        for j in range(i + 1, len(groups)):
            size = len(groups[j])
            length += size
            if length > LONGEST_NUMBER or size < 3:
                break
            if length in _LENGTHS and (i, j) != (0, len(groups) - 1):
                yield i, j, "".join(groups[i : j + 1])


def _spelled(text: str) -> Iterator[tuple[Kind, int, int, str]]:
    """(kind, start, end, value) of the numbers written in groups in the normalised ``text``."""
    for run in _runs(text):
        for i, j, number in _windows([group.group() for group in run]):
            for kind in _LENGTHS[len(number)]:
                value = _solid_value(kind, number.upper() if kind == Kind.RESIDENT_ID else number)
                if value is not None:
                    start = run[i].start()
                    if kind == Kind.MOBILE and len(number) > 11 and text[start - 1 : start] == "+":
                        start -= 1
                    yield kind, start, run[j].end(), value


def _candidates(text: str) -> list[Finding]:
    folded, where = _normalised(text)
    found: list[Finding] = []

    def add_span(kind: Kind, start: int, end: int, value: str) -> None:
        if where is not None:
            start, end = where[start], where[end - 1] + 1
        found.append(Finding(kind, start, end, text[start:end], value))

    def add(kind: Kind, match: re.Match[str], value: str, group: int = 0) -> None:
        add_span(kind, *match.span(group), value)

    for pattern, group in CLASSIFICATION_PATTERNS:
        for match in pattern.finditer(folded):
            add(Kind.CLASSIFICATION, match, match.group(1), group)
    for match in RESIDENT_ID.finditer(folded):
        number = "".join(match.groups()).upper()
        if resident_id_is_valid(number) and _date_of_birth_valid(number):
            add(Kind.RESIDENT_ID, match, number)
    for match in BANK_CARD.finditer(folded):
        number = _digits(match.group(0))
        if number[0] in "34569" and 16 <= len(number) <= 19 and luhn_valid(number):
            add(Kind.BANK_CARD, match, number)
    for match in PASSPORT.finditer(folded):
        add(Kind.PASSPORT, match, match.group(0))
    for match in MOBILE.finditer(folded):
        add(Kind.MOBILE, match, _digits(match.group(0))[-11:])
    for match in LANDLINE.finditer(folded):
        add(Kind.LANDLINE, match, _digits(match.group(0).replace("转", "-")))
    for match in EMAIL.finditer(folded):
        add(Kind.EMAIL, match, match.group(0).lower())
    for match in NAME.finditer(folded):
        if not NOT_NAMES.search(match.group(1)):
            add(Kind.NAME, match, match.group(1), 1)
    for kind, start, end, value in _spelled(folded):
        add_span(kind, start, end, value)
    return found


def scan(text: str) -> list[Finding]:
    """Every finding in ``text``, by position; where candidates overlap, the longest one stays."""
    ordered = sorted(_candidates(text), key=lambda f: (f.start, -(f.end - f.start), PRIORITY[f.kind]))
    kept: list[Finding] = []
    end = -1
    for finding in ordered:
        if finding.start >= end and finding.end > finding.start:
            kept.append(finding)
            end = finding.end
    return kept


def mask_name(name: str, rule: str = NameRule.SURNAME) -> str:
    """A name as an agency publishes it: 张三丰 → 张** (surname), 张某某 (surname_mou), *** (full)."""
    if rule == NameRule.FULL:
        return "*" * len(name)
    surname = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    filler = "某" if rule == NameRule.SURNAME_MOU else "*"
    return name[:surname] + filler * (len(name) - surname)


def mask(finding: Finding, name_rule: str = NameRule.SURNAME) -> str:
    """A form that identifies the finding without repeating it whole: what staff see of it, and
    what replaces it in the published copy when a reviewer decides to mask it (an identity number
    keeps its first 6 and last 4 characters, a mobile number its first 3 and last 4, a name what
    the agency's ``name_rule`` keeps)."""
    value = finding.value
    if finding.kind == Kind.CLASSIFICATION:
        return value
    if finding.kind == Kind.NAME:
        return mask_name(value, name_rule)
    if finding.kind == Kind.EMAIL:
        local, _at, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    keep_start, keep_end = {
        Kind.RESIDENT_ID: (6, 4),
        Kind.BANK_CARD: (4, 4),
        Kind.MOBILE: (3, 4),
        Kind.LANDLINE: (4, 4),
        Kind.PASSPORT: (1, 4),
    }[finding.kind]
    hidden = max(len(value) - keep_start - keep_end, 1)
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]


def mask_all(text: str, name_rule: str = NameRule.SURNAME) -> str:
    """``text`` with every finding of the scan but classification marks replaced by its masked form:
    what the public reads of a citizen's comment or written answer."""
    masked = text
    for finding in reversed(scan(text)):
        if finding.kind == Kind.CLASSIFICATION:
            continue
        masked = masked[: finding.start] + mask(finding, name_rule) + masked[finding.end :]
    return masked
