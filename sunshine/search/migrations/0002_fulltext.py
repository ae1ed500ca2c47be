"""The full-text part of the search index, in the engine's own terms.

SQLite: an FTS5 table ``search_fts(title, body, facets)`` (facets: the filter values as tokens) whose rowid is the entry's publication date (its
ordinal, in the high 32 bits) and its id (the low 32 bits), so that the index is in date order (see
``backends.fts_rowid``). It keeps its own copy of the tokens (so that a row can be deleted by rowid
alone); the ``unicode61`` tokenizer only splits on the spaces the segmenter put in, since every
token is letters, digits or Han characters. Triggers delete the words with their entry, whoever
deletes it, and when its date changes (the new row is written by the backend).

PostgreSQL: a ``search_vector`` tsvector column, written with the tokens (configuration
``simple``: title weight A, text weight D, filter values C), and a GIN index on it.

Other engines get neither; ``backends.get_backend()`` refuses them.
"""

from django.db import migrations

# date.toordinal() of an ISO date in SQL: julianday('0001-01-01') is 1721425.5, its ordinal 1.
OLD_ROWID = "((CAST(julianday(old.published_on) - 1721424.5 AS INTEGER) << 32) | old.id)"
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, facets, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry "
    f"BEGIN DELETE FROM search_fts WHERE rowid = {OLD_ROWID}; END",
    "CREATE TRIGGER search_searchentry_fts_move AFTER UPDATE OF published_on ON search_searchentry "
    f"WHEN old.published_on <> new.published_on BEGIN DELETE FROM search_fts WHERE rowid = {OLD_ROWID}; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_move",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_delete",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (search_vector)",
    # Keep the words in the row, uncompressed (rows are about 2.5 kB): a search that walks the
    # newest entries checks each one's words without a TOAST lookup or decompression (measured:
    # 5x faster for common words). A row past 8 kB moves its snippet text out first.
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 8160)",
    "ALTER TABLE search_searchentry ALTER COLUMN search_vector SET STORAGE MAIN",
    "ALTER TABLE search_searchentry ALTER COLUMN text SET STORAGE EXTERNAL",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_searchentry RESET (toast_tuple_target)",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, by_vendor) -> None:
    for statement in by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forward(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD})


def backward(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
