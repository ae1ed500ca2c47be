from __future__ import annotations

from sunshine.search.highlight import highlight, snippet


def test_every_occurrence_is_marked_and_the_rest_escaped():
    assert highlight("预算<i>预算</i>", ["预算"]) == "<mark>预算</mark>&lt;i&gt;<mark>预算</mark>&lt;/i&gt;"


def test_full_width_and_upper_case_text_matches_folded_terms_and_is_shown_as_written():
    assert highlight("ＰＰＰ项目", ["ppp"]) == "<mark>ＰＰＰ</mark>项目"


def test_overlapping_terms_make_one_mark():
    assert highlight("财政预算执行", ["财政预算", "预算"]) == "<mark>财政预算</mark>执行"


def test_a_long_text_is_cut_around_the_first_match_with_ellipses():
    text = "开头" * 100 + "预算在这里" + "结尾" * 100
    cut = snippet(text, ["预算"], width=40)
    assert cut.startswith("…")
    assert cut.endswith("…")
    assert "<mark>预算</mark>" in cut
    assert len(cut.replace("<mark>", "").replace("</mark>", "")) == 42


def test_a_text_without_a_match_shows_its_beginning():
    assert snippet("第一段" * 50, ["预算"], width=10) == "第一段第一段第一段第…"


def test_a_markup_character_is_never_cut_in_half():
    cut = snippet("&" * 30 + "预算", ["预算"], width=10)
    assert cut == "…&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;<mark>预算</mark>"
