"""Searching common questions with Chinese words: jieba's words on both sides, best matches first."""

from __future__ import annotations

from sunshine.faq import search, services


def test_a_word_finds_the_question_that_holds_it_inside_a_longer_phrase(published):
    entry = published("义务教育阶段招生政策", "适龄儿童免试就近入学。")
    found = search.find(q="义务教育")
    assert [hit.entry for hit in found.results] == [entry]
    assert "<mark>义务教育</mark>" in found.results[0].question_html


def test_a_word_in_the_answer_finds_the_question_and_the_excerpt_marks_it(published):
    published("孩子上学怎么报名？", "请在义务教育入学报名系统填写信息，并按通知到校验证。")
    found = search.find(q="报名系统")
    assert found.count == 1
    assert "<mark>报名系统</mark>" in found.results[0].excerpt_html


def test_every_word_of_the_query_must_match(published):
    published("义务教育阶段招生政策", "免试就近入学。")
    published("高中阶段招生政策", "中考成绩录取。")
    assert search.find(q="招生政策").count == 2
    assert search.find(q="义务教育 招生").count == 1


def test_a_match_in_the_question_ranks_before_a_match_in_the_answer(published):
    in_answer = published("入学需要什么材料？", "义务教育入学需要户口簿和房产证明。")
    in_question = published("义务教育入学材料清单", "户口簿、房产证明。")
    found = search.find(q="义务教育")
    assert [hit.entry for hit in found.results] == [in_question, in_answer]


def test_the_agency_filter_takes_the_agencies_below_it(published, tree, olga):
    exam = published("考试报名时间", "每年三月报名。", agency=tree["edu_office"], by=olga)
    published("预算报名时间", "不适用。", agency=tree["finance"], by=olga)
    found = search.find(q="报名", agency=tree["education"])
    assert [hit.entry for hit in found.results] == [exam]


def test_a_changed_answer_is_found_by_its_new_words_only(draft, alice, rita):
    entry = draft("怎么办理学籍转移？", "到原学校办理转出手续。")
    services.update_entry(entry=entry, by=alice, answer="通过学籍管理系统在线申请。")
    services.take_action(entry=entry, action="submit", by=alice)
    services.take_action(entry=entry, action="publish", by=rita)
    assert search.find(q="学籍管理").count == 1
    assert search.find(q="转出手续").count == 0


def test_without_words_the_agencys_questions_are_listed_newest_first(published, tree):
    first = published("第一个问题", "答复一")
    second = published("第二个问题", "答复二")
    found = search.find(agency=tree["education"])
    assert [hit.entry for hit in found.results] == [second, first]


def test_a_query_of_punctuation_only_finds_nothing(published):
    published()
    assert search.find(q="？！").count == 0
