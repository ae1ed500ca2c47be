"""Table 2's rules and normative documents are counted from the records from now on: the figures
entered by hand are kept in the tables of reports already published, then dropped. A published
report links to the record that publishes it."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models

HAND_ENTERED = {
    "regulations": ("regulations_issued", "regulations_repealed", "regulations_in_force"),
    "normative_documents": ("normative_issued", "normative_repealed", "normative_in_force"),
}
COLUMNS = ("issued", "repealed", "in_force")


def keep_published_figures(apps: Any, schema_editor: Any) -> None:
    Draft = apps.get_model("annualreports", "AnnualReportDraft")
    for draft in Draft.objects.filter(status="published"):
        tables = dict(draft.published_tables or {})
        if "documents" in tables:
            continue
        tables["documents"] = {
            row: {column: getattr(draft, name) for column, name in zip(COLUMNS, names, strict=True)}
            for row, names in HAND_ENTERED.items()
        }
        draft.published_tables = tables
        draft.save(update_fields=["published_tables"])


class Migration(migrations.Migration):
    dependencies = [
        ("annualreports", "0001_annual_report_draft"),
        ("records", "0002_seed_catalogues"),
    ]

    operations = [
        migrations.RunPython(keep_published_figures, migrations.RunPython.noop),
        migrations.RemoveField(model_name="annualreportdraft", name="regulations_issued"),
        migrations.RemoveField(model_name="annualreportdraft", name="regulations_repealed"),
        migrations.RemoveField(model_name="annualreportdraft", name="regulations_in_force"),
        migrations.RemoveField(model_name="annualreportdraft", name="normative_issued"),
        migrations.RemoveField(model_name="annualreportdraft", name="normative_repealed"),
        migrations.RemoveField(model_name="annualreportdraft", name="normative_in_force"),
        migrations.AddField(
            model_name="annualreportdraft",
            name="record",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="records.record",
                verbose_name="published record",
            ),
        ),
    ]
