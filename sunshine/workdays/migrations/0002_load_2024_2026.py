"""Loads 2024–2026 from the chinesecalendar package: every date of each year."""

from django.db import migrations

from sunshine.workdays.days import BUILTIN_NOTICES, table_from_chinesecalendar


def load(apps, schema_editor):
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    for year, notice in BUILTIN_NOTICES.items():
        if CalendarYear.objects.filter(year=year).exists():
            continue
        row = CalendarYear.objects.create(
            year=year, notice_title=notice.title, notice_number=notice.number, notice_url=notice.url,
            source="chinesecalendar",
        )
        CalendarDay.objects.bulk_create(
            CalendarDay(calendar_year=row, date=day, is_workday=is_workday, note=note)
            for day, (is_workday, note) in table_from_chinesecalendar(year).items()
        )


def unload(apps, schema_editor):
    apps.get_model("workdays", "CalendarYear").objects.filter(year__in=list(BUILTIN_NOTICES)).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
