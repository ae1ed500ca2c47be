"""The full-text index of the published letters' words (``Letter.public_words``), in the engine's own
terms (see ``letters/public.py``), as the common questions have theirs (``faq.0002_fulltext``).

Only letters with words are indexed: the words are empty unless the letter is public, and nine
letters in ten are not.

SQLite: an FTS5 table ``letters_letter_fts`` over ``letters_letter.public_words`` (external content,
rowid = the letter's id), kept in step by triggers on insert, update of the words and delete, each
writing only non-empty words (so the index holds a letter exactly while its words are not empty); the
``unicode61`` tokenizer only splits on the spaces the segmenter put in.

PostgreSQL: a ``public_vector`` tsvector column (configuration ``simple``), written by a trigger
whenever the words are, with a GIN index.

Letters published before this migration get their entry (the backfill) before the index is built.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE letters_letter_fts USING fts5(public_words, content='letters_letter', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER letters_letter_fts_insert AFTER INSERT ON letters_letter "
    "WHEN new.public_words <> '' BEGIN "
    "INSERT INTO letters_letter_fts(rowid, public_words) VALUES (new.id, new.public_words); END",
    "CREATE TRIGGER letters_letter_fts_delete AFTER DELETE ON letters_letter "
    "WHEN old.public_words <> '' BEGIN "
    "INSERT INTO letters_letter_fts(letters_letter_fts, rowid, public_words) "
    "VALUES ('delete', old.id, old.public_words); END",
    "CREATE TRIGGER letters_letter_fts_update AFTER UPDATE OF public_words ON letters_letter BEGIN "
    "INSERT INTO letters_letter_fts(letters_letter_fts, rowid, public_words) "
    "SELECT 'delete', old.id, old.public_words WHERE old.public_words <> ''; "
    "INSERT INTO letters_letter_fts(rowid, public_words) "
    "SELECT new.id, new.public_words WHERE new.public_words <> ''; END",
    # Letters published before this migration.
    "INSERT INTO letters_letter_fts(rowid, public_words) "
    "SELECT id, public_words FROM letters_letter WHERE public_words <> ''",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS letters_letter_fts_update",
    "DROP TRIGGER IF EXISTS letters_letter_fts_delete",
    "DROP TRIGGER IF EXISTS letters_letter_fts_insert",
    "DROP TABLE IF EXISTS letters_letter_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE letters_letter ADD COLUMN public_vector tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE FUNCTION letters_letter_public_vector() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "NEW.public_vector := to_tsvector('simple', NEW.public_words); RETURN NEW; END $$",
    "CREATE TRIGGER letters_letter_public_vector BEFORE INSERT OR UPDATE OF public_words "
    "ON letters_letter FOR EACH ROW EXECUTE FUNCTION letters_letter_public_vector()",
    # Letters published before this migration.
    "UPDATE letters_letter SET public_vector = to_tsvector('simple', public_words) WHERE public_words <> ''",
    "CREATE INDEX letter_public_vector ON letters_letter USING gin (public_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS letter_public_vector",
    "DROP TRIGGER IF EXISTS letters_letter_public_vector ON letters_letter",
    "DROP FUNCTION IF EXISTS letters_letter_public_vector()",
    "ALTER TABLE letters_letter DROP COLUMN IF EXISTS public_vector",
]


def _run(schema_editor, by_vendor) -> None:
    for statement in by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forward(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD})


def backward(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("letters", "0005_notices_red_mark")]
    operations = [migrations.RunPython(forward, backward)]
