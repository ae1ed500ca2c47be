"""PostgreSQL: the year and month of each entry as tokens of its search vector (weight C, like the
filter values), written by ``PostgresBackend.write`` from now on; entries indexed before get them
here, in SQL, without segmenting again. Searches find recent windows through them
(``backends.date_windows``). SQLite keeps its date-ordered rowids and needs none.
"""

from django.db import migrations

# The same tokens as backends.date_tokens(): "筛y" and "筛m", then the hex of "YYYY" and "YYYYMM".
YEAR = "'筛y' || encode(convert_to(to_char(published_on, 'YYYY'), 'UTF8'), 'hex')"
MONTH = "'筛m' || encode(convert_to(to_char(published_on, 'YYYYMM'), 'UTF8'), 'hex')"
ADD = (
    f"UPDATE search_searchentry SET search_vector = search_vector || "  # noqa: S608
    f"setweight(to_tsvector('simple', {YEAR} || ' ' || {MONTH}), 'C') "
    f"WHERE NOT search_vector @@ to_tsquery('simple', {YEAR})"
)


def forward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)]
