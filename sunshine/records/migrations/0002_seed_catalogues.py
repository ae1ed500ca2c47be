"""The standard catalogue for every agency that exists already, and the topic list (主题分类)."""

from django.db import migrations

from sunshine.records.catalogue import topic_rows, walk


def seed(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    Category = apps.get_model("records", "Category")
    Topic = apps.get_model("records", "Topic")
    topics = dict(Topic.objects.values_list("code", "pk"))
    for n, (code, name, parent) in enumerate(topic_rows(), start=1):
        if code not in topics:
            topics[code] = Topic.objects.create(code=code, name=name, parent_id=topics.get(parent), sort_order=n).pk
    for agency in Agency.objects.all().iterator():
        existing = dict(Category.objects.filter(agency=agency).values_list("key", "pk"))
        for n, (standard, parent_key) in enumerate(walk(), start=1):
            if standard.key in existing:
                continue
            existing[standard.key] = Category.objects.create(
                agency=agency,
                parent_id=existing.get(parent_key) if parent_key else None,
                key=standard.key,
                name=standard.name,
                name_en=standard.name_en,
                interval_days=standard.interval_days,
                sort_order=n * 10,
            ).pk


class Migration(migrations.Migration):
    dependencies = [("records", "0001_records"), ("agencies", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
