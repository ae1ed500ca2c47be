"""The privacy scan finds personal data and classification marks, and leaves ordinary text alone."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sunshine.inforequests.validation import ID_CHECK, ID_WEIGHTS
from sunshine.records.privacy_scan import Kind, luhn_valid, mask, mask_name, scan

CITIZEN_ID = "11010519491231002X"


def kinds(text: str) -> list[str]:
    return [f.kind for f in scan(text)]


def with_check(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + ID_CHECK[total % 11]


def with_luhn(body: str) -> str:
    for digit in "0123456789":
        if luhn_valid(body + digit):
            return body + digit
    raise AssertionError("no Luhn digit")


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (f"申请人身份证号{CITIZEN_ID}。", Kind.RESIDENT_ID, CITIZEN_ID),
        ("身份证：110105 19491231 002x", Kind.RESIDENT_ID, CITIZEN_ID),
        ("身份证：１１０１０５１９４９１２３１００２Ｘ", Kind.RESIDENT_ID, CITIZEN_ID),
        ("手机13800138000联系", Kind.MOBILE, "13800138000"),
        ("电话 +86 138 0013 8000", Kind.MOBILE, "13800138000"),
        ("联系电话：0571-87654321", Kind.LANDLINE, "057187654321"),
        ("电话（010）62345678转123", Kind.LANDLINE, "01062345678123"),
        ("卡号6222021234567890128", Kind.BANK_CARD, "6222021234567890128"),
        ("卡号 6222 0212 3456 7890 128", Kind.BANK_CARD, "6222021234567890128"),
        ("邮箱zhang.san@example.com。", Kind.EMAIL, "zhang.san@example.com"),
        ("护照号码E12345678", Kind.PASSPORT, "E12345678"),
        ("护照EA1234567号", Kind.PASSPORT, "EA1234567"),
        ("秘密★1年\n关于……", Kind.CLASSIFICATION, "秘密"),
        ("绝密 ★ 长期", Kind.CLASSIFICATION, "绝密"),
        ("密级：机密", Kind.CLASSIFICATION, "机密"),
        ("【机密】\n正文", Kind.CLASSIFICATION, "机密"),
        ("内部\n会议纪要", Kind.CLASSIFICATION, "内部"),
        ("本材料仅供内部使用", Kind.CLASSIFICATION, "内部"),
        ("内部资料 注意保存", Kind.CLASSIFICATION, "内部"),
    ],
)
def test_it_finds_each_kind_of_personal_data_and_mark(text, kind, value):
    found = scan(text)
    assert [(f.kind, f.value) for f in found] == [(kind, value)]
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    "text",
    [
        "110105194912310021",  # 18 digits with a wrong check character (and not a card: Luhn fails)
        "成文日期：2026年3月15日，20260315",
        "阳政办发〔2026〕12号",
        "索引号：YG-JYJ/2026-00012",
        "统一社会信用代码 91330100MA27XXXX1K",
        "共计12345678元，同比增长13.8%",
        "依法保守国家秘密，不得泄露商业秘密、个人隐私和工作秘密",
        "加强内部控制和内部审计，完善内部管理制度",
        "绝密级、机密级和秘密级国家秘密的保密期限",
        "G1234次列车，电话号码位数不足：138001380",
        "订单号 12345678901234567890123",
        "版本 2.0.1，2024-2026年",
    ],
)
def test_it_leaves_ordinary_text_alone(text):
    assert scan(text) == []


def test_an_identity_number_with_a_wrong_check_character_is_not_one():
    assert kinds(CITIZEN_ID[:-1] + "1") == []


def test_an_identity_number_with_an_impossible_birth_date_is_not_one():
    assert kinds(with_check("11010519491331002")) == []  # month 13


def test_a_number_glued_to_other_digits_is_not_cut_out_of_them():
    assert scan("9" + CITIZEN_ID) == []
    assert scan("138001380001") == []


def test_overlapping_candidates_leave_the_longest():
    found = scan("请发邮件至13800138000@139.com")
    assert [f.kind for f in found] == [Kind.EMAIL]


def test_findings_are_masked_for_display():
    masked = {f.kind: mask(f) for f in scan(f"{CITIZEN_ID} 13800138000 zhang@example.com E12345678")}
    assert masked[Kind.RESIDENT_ID] == "110105********002X"
    assert masked[Kind.MOBILE] == "138****8000"
    assert masked[Kind.EMAIL] == "z***@example.com"
    assert masked[Kind.PASSPORT] == "E****5678"


def test_luhn_is_the_card_check():
    assert luhn_valid("4539578763621486")
    assert not luhn_valid("4539578763621487")


# --- Properties -------------------------------------------------------------------------------

FILLER = st.text(alphabet="关于做好政务公开工作的通知，。、；：各单位年月日第条款项", max_size=30)
REGIONS = st.sampled_from(["110105", "310104", "440305", "330106", "510107", "650102"])
BIRTHDAYS = st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2020, 12, 31))


@st.composite
def resident_ids(draw) -> str:
    region = draw(REGIONS)
    born = draw(BIRTHDAYS)
    sequence = draw(st.integers(min_value=0, max_value=999))
    return with_check(f"{region}{born:%Y%m%d}{sequence:03d}")


@settings(max_examples=150, deadline=None)
@given(number=resident_ids(), before=FILLER, after=FILLER)
def test_every_valid_identity_number_in_text_is_found(number, before, after):
    text = before + number + after
    found = [f for f in scan(text) if f.kind == Kind.RESIDENT_ID]
    assert [f.value for f in found] == [number]
    assert text[found[0].start : found[0].end] == number


@settings(max_examples=150, deadline=None)
@given(number=resident_ids(), wrong=st.sampled_from(ID_CHECK), before=FILLER)
def test_a_wrong_check_character_is_never_reported_as_an_identity_number(number, wrong, before):
    if wrong == number[-1]:
        return
    assert Kind.RESIDENT_ID not in kinds(before + number[:-1] + wrong)


@settings(max_examples=100, deadline=None)
@given(
    prefix=st.sampled_from(["622202", "621700", "436742", "518710"]),
    middle=st.text(alphabet="0123456789", min_size=9, max_size=12),
    before=FILLER,
)
def test_every_card_number_with_a_valid_check_digit_is_found(prefix, middle, before):
    card = with_luhn(prefix + middle)
    assert [f.value for f in scan(before + card + "。") if f.kind == Kind.BANK_CARD] == [card]


@settings(max_examples=100, deadline=None)
@given(
    second=st.sampled_from("3456789"),
    rest=st.text(alphabet="0123456789", min_size=9, max_size=9),
    before=FILLER,
    after=FILLER,
)
def test_every_mobile_number_is_found(second, rest, before, after):
    number = "1" + second + rest
    assert [f.value for f in scan(before + number + after) if f.kind == Kind.MOBILE] == [number]


@settings(max_examples=100, deadline=None)
@given(
    day=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2030, 12, 31)),
    n=st.integers(1, 999),
)
def test_dates_and_document_numbers_are_never_findings(day, n):
    text = f"{day:%Y年%m月%d日}印发，{day:%Y-%m-%d}，{day:%Y%m%d}，阳政办发〔{day.year}〕{n}号"
    assert scan(text) == []


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_findings_are_ordered_disjoint_and_point_into_the_text(text):
    found = scan(text)
    end = -1
    for finding in found:
        assert finding.start >= end
        assert text[finding.start : finding.end] == finding.text
        end = finding.end


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("姓名：张三，性别：男", "张三"),
        ("申请人: 王小明\n地址", "王小明"),
        ("联系人：欧阳修。", "欧阳修"),
    ],
)
def test_a_name_after_a_label_naming_a_person_is_found(text, name):
    assert [(f.kind, f.value) for f in scan(text)] == [(Kind.NAME, name)]


@pytest.mark.parametrize(
    "text",
    [
        "联系人：李老师，请按时报名",  # a form of address
        "当事人：阳光市某某有限公司",  # a company: more than four characters
        "申请人的姓名或者名称、身份证明、联系方式",  # no colon: the label is only talked about
        "姓名：无",
    ],
)
def test_words_that_are_not_a_persons_name_are_left_alone(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("name", "rule", "masked"),
    [
        ("张三", "surname", "张*"),
        ("张三丰", "surname", "张**"),
        ("欧阳修", "surname", "欧阳*"),
        ("张三丰", "surname_mou", "张某某"),
        ("张三丰", "full", "***"),
    ],
)
def test_a_name_is_masked_by_the_rule_given(name, rule, masked):
    assert mask_name(name, rule) == masked
