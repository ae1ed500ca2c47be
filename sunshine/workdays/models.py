"""The working-day calendar (工作日历): one row per published year, one row per date."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.workdays.days import is_default


class CalendarSource(models.TextChoices):
    CHINESECALENDAR = "chinesecalendar", _("chinesecalendar package")
    MANUAL = "manual", _("entered from the notice")
    IMPORT = "import", _("imported from a file")


class CalendarYear(models.Model):
    """A published year: the State Council notice it comes from. Its days are all stored."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    notice_title = models.CharField(_("notice title"), max_length=200, blank=True)
    notice_number = models.CharField(_("notice number"), max_length=100, blank=True)
    notice_url = models.URLField(_("notice address"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=CalendarSource.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """One date: working or not, with the holiday's name or 调休上班 as a note."""

    calendar_year = models.ForeignKey(
        CalendarYear, verbose_name=_("year"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=50, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return self.date.isoformat()

    @property
    def is_default(self) -> bool:
        """As an ordinary week has it: weekday working, weekend not."""
        return is_default(self.date, self.is_workday)


class CalendarCheck(models.Model):
    """One look for newly published years: the ``check_calendar`` command or an administrator's entry.

    The work calendar page shows when provisional years were last checked against the official data.
    """

    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)
    package_version = models.CharField(_("calendar package version"), max_length=30, blank=True)
    years_loaded = models.JSONField(_("years loaded"), default=list, blank=True)

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = _("calendar check")
        verbose_name_plural = _("calendar checks")

    def __str__(self) -> str:
        return self.checked_at.isoformat()
