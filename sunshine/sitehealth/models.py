"""Website health (docs/sitehealth.md): the runs of ``sitehealth_check`` with their findings, and the
probes of ``/healthz`` by ``sitehealth_probe``. Written by the commands only; kept as history."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.sitehealth.codes import Kind, Severity


class CheckRun(models.Model):
    """One crawl of the portal and the checks computed from the database."""

    started_at = models.DateTimeField(_("started"), db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    checked_on = models.DateField(_("checked on"))  # the day the freshness rules were applied to
    base_url = models.CharField(_("address crawled"), max_length=300)
    pages_crawled = models.PositiveIntegerField(_("pages crawled"), default=0)
    links_checked = models.PositiveIntegerField(_("links checked"), default=0)
    reached_limit = models.BooleanField(_("stopped at the page limit"), default=False)
    veto_count = models.PositiveIntegerField(_("veto items"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)

    class Meta:
        verbose_name = _("website check")
        verbose_name_plural = _("website checks")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.base_url}"


class Finding(models.Model):
    run = models.ForeignKey(CheckRun, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.CharField(_("address"), max_length=500, blank=True)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    found_on = models.CharField(_("found on"), max_length=500, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)  # the column's name, …
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        verbose_name = _("website finding")
        verbose_name_plural = _("website findings")
        ordering = ["run", "pk"]
        indexes = [models.Index(fields=["run", "agency"], name="sitehealth_finding_agency")]

    def __str__(self) -> str:
        return f"{self.kind} {self.url or self.subject}"

    @property
    def is_veto(self) -> bool:
        return self.severity == Severity.VETO


class Probe(models.Model):
    """One GET of ``/healthz``."""

    at = models.DateTimeField(_("time"), db_index=True)
    ok = models.BooleanField(_("available"))
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("availability probe")
        verbose_name_plural = _("availability probes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'failed'}"
