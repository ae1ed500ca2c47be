"""The index's rows: what is shown and filtered on. The full-text part is engine-specific.

On SQLite the words live in the FTS5 table ``search_fts`` (rowid: the entry's date and id, see
``backends.fts_rowid``), created by migration 0002 with triggers that delete them with their row.
On PostgreSQL they are the ``search_vector`` tsvector column of this table (title weight A, text
weight D), with a GIN index, added by the same migration. Neither is a model field: ``backends.py``
writes and reads them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

SNIPPET_SOURCE_CHARS = 2000  # the start of the text kept to cut snippets from


class SearchEntry(models.Model):
    key = models.CharField(max_length=100)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(blank=True)  # the start of the text, for snippets
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    document_number_norm = models.CharField(max_length=100, blank=True)
    agency_id = models.BigIntegerField()
    agency_path = models.CharField(max_length=255)
    category = models.CharField(max_length=100, blank=True)
    genre = models.CharField(max_length=40, blank=True)
    published_on = models.DateField()
    validity = models.CharField(max_length=20, blank=True)
    url = models.CharField(max_length=500)

    class Meta:
        # Declared here rather than with unique=/db_index=, which on PostgreSQL would add a second,
        # pattern-matching index to each text column that nothing here uses.
        constraints = [models.UniqueConstraint(fields=["key"], name="search_entry_key_unique")]
        indexes = [
            models.Index(fields=["document_number_norm"], name="search_entry_number"),
            models.Index(fields=["published_on", "id"], name="search_entry_published"),
        ]
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self) -> str:
        return self.key
