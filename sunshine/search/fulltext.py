"""Segmented words → the full-text query of the database's engine, the same way for every index.

The indexes of the project (records ``search.backends``, common questions ``faq.search``, published
letters ``letters.public``) hold words cut by ``sunshine.search.segment``, separated by spaces; a
query is cut the same way (``segment.query_tokens``). What goes to the engine is built here, so that
nothing a person types is ever read as the engine's query syntax:

- SQLite FTS5: every word is an FTS5 string (double quotes around it, inner ones doubled); words
  side by side must all match (``fts5_all``), joined by ``OR`` any of them may (``fts5_any``);
- PostgreSQL: the words go through ``plainto_tsquery('simple', …)``, the parser that read the
  indexed words, which reads no operators: all of them in one call (``tsquery_all``), or one call
  per word joined by ``||`` for any of them (``tsquery_any``). Each returns the SQL of the query
  and its parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

TS_CONFIG = "simple"  # the words are cut already: no stemming, no stop words


def fts5_string(term: str) -> str:
    """One word as an FTS5 string: double quotes around it, inner ones doubled."""
    return '"' + term.replace('"', '""') + '"'


def fts5_all(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression that every one of ``terms`` must match."""
    return " ".join(fts5_string(term) for term in terms)


def fts5_any(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression that any of ``terms`` matches."""
    return " OR ".join(fts5_string(term) for term in terms)


def tsquery_all(terms: Sequence[str]) -> tuple[str, list[str]]:
    """(SQL of a tsquery that every one of ``terms`` must match, its parameters)."""
    return f"plainto_tsquery('{TS_CONFIG}', %s)", [" ".join(terms)]


def tsquery_any(terms: Sequence[str]) -> tuple[str, list[str]]:
    """(SQL of a tsquery that any of ``terms`` matches, its parameters): one ``plainto_tsquery`` per
    word, ORed by ``||``."""
    if not terms:
        return tsquery_all(terms)
    return "(" + " || ".join([f"plainto_tsquery('{TS_CONFIG}', %s)"] * len(terms)) + ")", list(terms)
