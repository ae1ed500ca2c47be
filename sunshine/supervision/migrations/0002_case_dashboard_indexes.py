"""Indexes on the cases' table for the supervision dashboards (docs/supervision.md#dashboards):
the decided cases of a period by agency, with their dates, and the received ones with their channel.
Raw SQL so that the cases app's models stay as they are; the same statements on SQLite and
PostgreSQL."""

from django.db import migrations

INDEXES = {
    "supervision_case_decided_idx": "cases_case (decided_on, agency_id, due_date, promised_date)",
    "supervision_case_received_idx": "cases_case (received_on, agency_id, channel)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0001_initial"),
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {columns}",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
