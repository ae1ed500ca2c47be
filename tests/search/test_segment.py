from __future__ import annotations

import re
import threading

import jieba
import pytest

from sunshine.search import segment


def test_two_character_words_are_tokens_of_longer_words():
    words = segment.tokens("阳光市2026年财政预算执行情况和义务教育经费")
    assert "预算" in words
    assert "教育" in words
    assert "义务教育" in words


def test_full_width_letters_and_digits_are_folded_to_half_width_lower_case():
    assert segment.tokens("ＡＢＣ１２３ Policy") == ["abc123", "policy"]


def test_punctuation_and_query_syntax_are_not_tokens():
    assert segment.tokens('"*NEAR(-) AND —') == ["near", "and"]


def test_function_words_standing_alone_are_dropped():
    assert "的" not in segment.tokens("政府的信息")


@pytest.mark.parametrize(
    "number",
    [
        "X政办发〔2026〕12号",
        "X政办发[2026]12号",
        "X政办发（2026）12号",
        "x政办发(2026)12号",
        "Ｘ政办发［２０２６］１２号",
    ],
)
def test_a_document_number_normalises_to_one_token_whatever_the_brackets(number):
    assert segment.normalise_document_number(number) == "x政办发202612号"
    assert segment.looks_like_document_number(number)


def test_ordinary_words_do_not_look_like_a_document_number():
    assert not segment.looks_like_document_number("2026年财政预算")
    assert not segment.looks_like_document_number("(2026)")


def test_the_document_number_is_one_more_title_token():
    title, body = segment.document_tokens("关于预算的通知", "正文", "X政办发〔2026〕12号")
    assert title.split()[-1] == "x政办发202612号"
    assert body == "正文"


TEXT = (
    "为进一步加强和规范政府信息公开工作，根据《中华人民共和国政府信息公开条例》，结合本市实际，"
    "现就做好2026年度城乡居民基本医疗保险、最低生活保障和危房改造资金管理有关事项通知如下。"
    "大学生活丰富多彩，研究生命起源，南京市长江大桥，结婚的和尚未结婚的"
)


def _reference() -> jieba.Tokenizer:
    reference = jieba.Tokenizer()
    reference.initialize()
    return reference


def test_a_query_is_cut_on_jiebas_own_route_without_hmm():
    reference = _reference()
    for run in re.findall(r"[\u4e00-\u9fff]+", TEXT):
        expected = [word for word in reference.cut(run, HMM=False) if word not in segment.STOP_TOKENS]
        assert segment.query_tokens(run) == list(dict.fromkeys(expected))


def test_a_document_has_every_token_of_jiebas_search_mode_and_more():
    reference = _reference()
    for run in re.findall(r"[\u4e00-\u9fff]+", TEXT):
        expected = [
            word for word in reference.cut_for_search(run, HMM=False) if word not in segment.STOP_TOKENS
        ]
        assert set(expected) <= set(segment.tokens(run))


def test_a_word_inside_a_longer_word_of_any_length_is_a_token():
    assert segment.query_tokens("城乡居民医疗保险") == ["城乡居民", "医疗保险"]
    assert "医疗保险" in segment.tokens("开展城乡居民医疗保险工作")
    assert "人民共和国" in segment.tokens("中华人民共和国政府信息公开条例")


def test_every_query_word_is_a_token_of_the_same_text_in_a_document():
    for text in ("城乡居民基本医疗保险", "政府信息公开条例", "最低生活保障金"):
        assert set(segment.query_tokens(text)) <= set(segment.tokens("关于" + text + "的通知"))


def test_a_filter_token_cannot_come_out_of_text():
    token = segment.facet_token("c", "finance")
    assert token not in segment.tokens(token)
    assert token not in segment.query_tokens(token)
    assert segment.facet_token("a", "/1/5/") != segment.facet_token("a", "/1/50/")


def test_the_dictionary_loads_once_from_many_threads(monkeypatch):
    monkeypatch.setattr(segment, "_dictionary", None)
    loaded = []
    original = segment._Dictionary.__init__

    def counting_init(self):
        loaded.append(1)
        original(self)

    monkeypatch.setattr(segment._Dictionary, "__init__", counting_init)
    results = []
    threads = [threading.Thread(target=lambda: results.append(segment.dictionary())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loaded) == 1
    assert len({id(result) for result in results}) == 1
