"""Imports as jobs: the kinds of import, the page's check → confirm → background run, and the command's
run. Each run writes one audit entry with its counts (``runner``)."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sunshine.agencies.selectors import require_administrator
from sunshine.onboarding import runner
from sunshine.onboarding.agencies import AgencyImporter
from sunshine.onboarding.models import ImportJob
from sunshine.onboarding.records import RecordImporter
from sunshine.onboarding.results import ImportReport
from sunshine.onboarding.sources import ArchiveSource, DirectorySource, FileSource, open_archive
from sunshine.onboarding.staff import StaffImporter

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024  # the page's ZIP of attachments (the command reads a folder)


def importer_for(
    kind: str, *, by: User | None, options: Mapping[str, Any], files: FileSource | None = None
) -> runner.Importer:
    """The importer of ``kind`` acting for ``by`` (None: the system) with the run's options; the
    records import reads its attachments from ``files``, or from the folder ``options["files_dir"]``."""
    if kind == ImportJob.Kind.RECORDS:
        if files is None and options.get("files_dir"):
            files = DirectorySource(Path(str(options["files_dir"])))
        return RecordImporter(
            by=by,
            files=files,
            agency=str(options.get("agency") or ""),
            category_map=dict(options.get("category_map") or {}),
            publish_with_findings=bool(options.get("publish_with_findings")),
            source_name=str(options.get("file_name") or ""),
        )
    if kind == ImportJob.Kind.AGENCIES:
        return AgencyImporter(by=by)
    if kind == ImportJob.Kind.STAFF:
        return StaffImporter(
            by=by, reinvite=bool(options.get("reinvite")), base_url=str(options.get("base_url") or "")
        )
    raise ValueError(f"unknown kind of import: {kind!r}")


def run_command(
    kind: str,
    data: bytes,
    *,
    file_name: str,
    options: Mapping[str, Any],
    dry_run: bool,
    batch_size: int,
    progress: runner.Progress | None = None,
) -> ImportReport:
    """A run from the command line, as the system. A dry run leaves nothing; a run keeps a job (without
    its file) for its counts, report and audit entry."""
    importer = importer_for(kind, by=None, options={**options, "file_name": file_name})
    job = None
    if not dry_run:
        job = ImportJob.objects.create(
            kind=kind,
            status=ImportJob.Status.QUEUED,
            source=ImportJob.Source.COMMAND,
            file_name=file_name[:255],
            options={**options, "batch_size": batch_size},
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    return runner.run(
        importer,
        data,
        file_name=file_name,
        dry_run=dry_run,
        batch_size=batch_size,
        progress=progress,
        job=job,
    )


@contextmanager
def _archive_source(archive: BinaryIO | None) -> Iterator[FileSource | None]:
    if archive is None:
        yield None
        return
    try:
        opened = open_archive(archive)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    with opened:
        yield ArchiveSource(opened)


def check_upload(
    *,
    by: User,
    kind: str,
    data: bytes,
    file_name: str,
    options: Mapping[str, Any],
    archive: BinaryIO | None = None,
) -> ImportJob:
    """The page's first step: a dry run of the uploaded file, kept with the file (in the private
    storage) until the person confirms or cancels. ValidationError when the file cannot be read.
    The records import takes the ZIP of its attachments as ``archive`` (checked: ``sources``)."""
    require_administrator(by)
    options = {**options, "file_name": file_name}
    with _archive_source(archive) as files:
        importer = importer_for(kind, by=by, options=options, files=files)
        report = runner.run(importer, data, file_name=file_name, dry_run=True)
    if report.file_problem:
        raise ValidationError(report.file_problem)
    job = ImportJob(
        kind=kind,
        status=ImportJob.Status.CHECKED,
        file_name=file_name[:255],
        options={**options, "notes": report.notes},
        language=translation.get_language() or settings.LANGUAGE_CODE,
        created_by=by,
        total_rows=len(report.results),
        report=[result.as_json() for result in report.results],
    )
    job.set_counts(report.counts)
    job.file.save(file_name, ContentFile(data), save=False)
    if archive is not None:
        archive.seek(0)
        job.archive.save("files.zip", File(archive), save=False)
    job.save()
    return job


def confirm(*, by: User, job: ImportJob) -> ImportJob:
    """Run a checked import in the background (``tasks.run_import_job``)."""
    from sunshine.onboarding.tasks import run_import_job

    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportJob.Status.CHECKED or job.created_by_id != by.pk:
            raise ValidationError(_("This import is not waiting for your confirmation."))
        job.status = ImportJob.Status.QUEUED
        job.processed_rows = 0
        job.save(update_fields=["status", "processed_rows"])
    run_import_job.enqueue(job.pk)  # after the commit: the worker finds the job queued
    job.refresh_from_db()
    return job


@transaction.atomic
def cancel(*, by: User, job: ImportJob) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJob.Status.CHECKED or job.created_by_id != by.pk:
        raise ValidationError(_("This import is not waiting for your confirmation."))
    job.status = ImportJob.Status.CANCELLED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    _remove_file(job)
    return job


def run_job(job_id: int) -> dict[str, Any]:
    """Run a queued job (the background task). Its file is removed afterwards, whatever happened."""
    if not ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING
    ):
        return {"run": False}  # cancelled, or taken by another worker already
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            if job.created_by is None:  # the person is gone: nobody to act as
                _fail(job, _("The person who started this import no longer exists."))
                return {"run": False}
            try:
                with job.file.open("rb") as stored:
                    data = stored.read()
            except (OSError, ValueError):
                log.exception("Import job %s: its file cannot be read", job_id)
                _fail(job, _("The uploaded file is gone from the storage; upload it again."))
                return {"run": False}
            report = _run_stored(job, data)
    finally:
        _remove_file(job)
    counts = report.counts
    return {"run": True, "created": counts.created, "updated": counts.updated, "errors": counts.errors}


def _run_stored(job: ImportJob, data: bytes) -> ImportReport:
    batch_size = int(job.options.get("batch_size") or runner.DEFAULT_BATCH_SIZE)
    assert job.created_by is not None
    if not job.archive:
        importer = importer_for(job.kind, by=job.created_by, options=job.options)
        return runner.run(importer, data, file_name=job.file_name, batch_size=batch_size, job=job)
    with job.archive.open("rb") as stored, _archive_source(stored) as files:
        importer = importer_for(job.kind, by=job.created_by, options=job.options, files=files)
        return runner.run(importer, data, file_name=job.file_name, batch_size=batch_size, job=job)


def _fail(job: ImportJob, problem: str) -> None:
    job.status, job.problem, job.finished_at = ImportJob.Status.FAILED, problem, timezone.now()
    job.save(update_fields=["status", "problem", "finished_at"])


def _remove_file(job: ImportJob) -> None:
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")
    if job.archive:
        job.archive.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(archive="")
