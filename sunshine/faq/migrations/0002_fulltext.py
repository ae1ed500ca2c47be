"""The full-text index of common questions, in the engine's own terms (see ``faq/search.py``).

SQLite: an FTS5 table ``faq_fts`` over ``faq_entry``'s token columns (external content, rowid = the
entry's id), kept in step by triggers on insert, update of the tokens and delete; the ``unicode61``
tokenizer only splits on the spaces the segmenter put in.

PostgreSQL: a ``search_vector`` tsvector column (question tokens weight A, answer tokens weight D,
configuration ``simple``), written by a trigger whenever the tokens are, with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE faq_fts USING fts5(question_tokens, answer_tokens, content='faq_entry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER faq_entry_fts_insert AFTER INSERT ON faq_entry BEGIN "
    "INSERT INTO faq_fts(rowid, question_tokens, answer_tokens) "
    "VALUES (new.id, new.question_tokens, new.answer_tokens); END",
    "CREATE TRIGGER faq_entry_fts_delete AFTER DELETE ON faq_entry BEGIN "
    "INSERT INTO faq_fts(faq_fts, rowid, question_tokens, answer_tokens) "
    "VALUES ('delete', old.id, old.question_tokens, old.answer_tokens); END",
    "CREATE TRIGGER faq_entry_fts_update AFTER UPDATE OF question_tokens, answer_tokens ON faq_entry BEGIN "
    "INSERT INTO faq_fts(faq_fts, rowid, question_tokens, answer_tokens) "
    "VALUES ('delete', old.id, old.question_tokens, old.answer_tokens); "
    "INSERT INTO faq_fts(rowid, question_tokens, answer_tokens) "
    "VALUES (new.id, new.question_tokens, new.answer_tokens); END",
    # Entries written before this migration (none in a new database).
    "INSERT INTO faq_fts(faq_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS faq_entry_fts_update",
    "DROP TRIGGER IF EXISTS faq_entry_fts_delete",
    "DROP TRIGGER IF EXISTS faq_entry_fts_insert",
    "DROP TABLE IF EXISTS faq_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE faq_entry ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector",
    # The words stay in the row, uncompressed (as in search.0002): ranking the matches of a common
    # word reads each one's words without a TOAST lookup or decompression.
    "ALTER TABLE faq_entry SET (toast_tuple_target = 8160)",
    "ALTER TABLE faq_entry ALTER COLUMN search_vector SET STORAGE MAIN",
    "ALTER TABLE faq_entry ALTER COLUMN answer SET STORAGE EXTERNAL",
    "CREATE FUNCTION faq_entry_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "NEW.search_vector := setweight(to_tsvector('simple', NEW.question_tokens), 'A') "
    "|| setweight(to_tsvector('simple', NEW.answer_tokens), 'D'); RETURN NEW; END $$",
    "CREATE TRIGGER faq_entry_search_vector BEFORE INSERT OR UPDATE OF question_tokens, answer_tokens "
    "ON faq_entry FOR EACH ROW EXECUTE FUNCTION faq_entry_search_vector()",
    "UPDATE faq_entry SET question_tokens = question_tokens",
    "CREATE INDEX faq_entry_vector ON faq_entry USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE faq_entry RESET (toast_tuple_target)",
    "DROP INDEX IF EXISTS faq_entry_vector",
    "DROP TRIGGER IF EXISTS faq_entry_search_vector ON faq_entry",
    "DROP FUNCTION IF EXISTS faq_entry_search_vector()",
    "ALTER TABLE faq_entry DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, by_vendor) -> None:
    for statement in by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forward(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD})


def backward(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("faq", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
