"""Words → the engine's full-text query (``sunshine.search.fulltext``), shared by the records' search,
the common questions and the published letters: nothing typed is read as query syntax."""

from __future__ import annotations

from sunshine.search import fulltext


def test_each_word_is_one_fts5_string_with_its_quotes_doubled() -> None:
    assert fulltext.fts5_string("学校") == '"学校"'
    assert fulltext.fts5_string('a"b') == '"a""b"'


def test_every_word_must_match_side_by_side_and_any_word_is_joined_by_or() -> None:
    assert fulltext.fts5_all(["学校", "收费"]) == '"学校" "收费"'
    assert fulltext.fts5_any(["学校", "NOT", "收费"]) == '"学校" OR "NOT" OR "收费"'


def test_postgresql_reads_the_words_as_parameters_through_plainto_tsquery() -> None:
    assert fulltext.tsquery_all(["学校", "收费"]) == ("plainto_tsquery('simple', %s)", ["学校 收费"])
    sql, params = fulltext.tsquery_any(["学校", "收费"])
    assert sql == "(plainto_tsquery('simple', %s) || plainto_tsquery('simple', %s))"
    assert params == ["学校", "收费"]
