"""Backups of a whole site: the database and the uploaded files, with a manifest of checksums.

A backup is a folder::

    manifest.json        format, engine, time, and the size and SHA-256 of every other file
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    database.pgdump      PostgreSQL: ``pg_dump --format=custom``
    media/…              the files of the default storage (attachments and other uploads)

The manifest is written last, so a backup cut short has none and cannot be restored. A restore
reads the manifest and checks every file's size and checksum before it changes anything; only then
does it replace the database and the uploaded files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.storage import storages
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Summary:
    vendor: str
    files: int
    bytes: int


def media_root() -> Path:
    """The folder of the default storage (settings.STORAGES["default"])."""
    location = getattr(storages["default"], "location", None)
    if not location:
        raise BackupError(
            "The default file storage has no folder on this machine; back it up with the storage's own tools."
        )
    return Path(location)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path) -> list[Path]:
    """Every regular file below ``root`` (symbolic links are not followed), sorted."""
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return sorted(found)


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


# --- PostgreSQL through its own tools ----------------------------------------------------------


def _pg_command(program: str, using: str) -> tuple[list[str], dict[str, str]]:
    settings = connections[using].settings_dict
    if shutil.which(program) is None:
        raise BackupError(f"{program} was not found: install the PostgreSQL client of the server's version.")
    args = [program, "--no-password"]
    if settings.get("HOST"):
        args.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        args.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        args.append(f"--username={settings['USER']}")
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    sslmode = (settings.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip() or done.returncode}")


def _dump_database(using: str, vendor: str, target: Path) -> None:
    connection = connections[using]
    if vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return
    args, env = _pg_command("pg_dump", using)
    _run([*args, "--format=custom", f"--file={target}", f"--dbname={connection.settings_dict['NAME']}"], env)


def _load_database(using: str, vendor: str, source: Path) -> None:
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    if vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
        return
    connection.close()  # pg_restore drops the tables: hold no lock on them
    args, env = _pg_command("pg_restore", using)
    _run(
        [
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ],
        env,
    )


# --- Backup and restore ------------------------------------------------------------------------


def backup(directory: Path, using: str = "default") -> Summary:
    """Write a backup of the database ``using`` and of the uploaded files to ``directory`` (new or
    empty)."""
    vendor = _vendor(using)
    media = media_root()
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupError(f"{directory} is not an empty folder: give each backup a folder of its own.")
    directory.mkdir(parents=True, exist_ok=True)
    _dump_database(using, vendor, directory / DATABASE_FILES[vendor])
    if media.is_dir():
        for path in _files(media):
            copy = directory / MEDIA / path.relative_to(media)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
    entries: dict[str, dict[str, Any]] = {
        path.relative_to(directory).as_posix(): {"size": path.stat().st_size, "sha256": _sha256(path)}
        for path in _files(directory)
    }
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "vendor": vendor,
        "created": timezone.now().isoformat(),
        "files": entries,
    }
    partial = directory / f"{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    partial.rename(directory / MANIFEST)
    return Summary(vendor=vendor, files=len(entries), bytes=sum(e["size"] for e in entries.values()))


def verify(directory: Path) -> dict[str, Any]:
    """The manifest of the backup in ``directory``, once every file matches it; else BackupError
    naming every file that does not."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(f"{directory} has no {MANIFEST}: it is no backup, or an unfinished one.") from exc
    except (OSError, ValueError) as exc:
        raise BackupError(f"{directory / MANIFEST} cannot be read: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{directory / MANIFEST} is not a backup manifest this version can read.")
    entries: dict[str, dict[str, Any]] = manifest.get("files") or {}
    present = {path.relative_to(directory).as_posix() for path in _files(directory)} - {MANIFEST}
    problems = [f"missing: {name}" for name in sorted(set(entries) - present)]
    problems += [f"not in the manifest: {name}" for name in sorted(present - set(entries))]
    for name in sorted(set(entries) & present):
        path = directory / name
        if path.stat().st_size != entries[name]["size"]:
            problems.append(f"size differs: {name}")
        elif _sha256(path) != entries[name]["sha256"]:
            problems.append(f"checksum differs: {name}")
    if DATABASE_FILES.get(manifest.get("vendor", "")) not in entries:
        problems.append("the manifest names no database file")
    if problems:
        heading = "The backup does not match its manifest; nothing was restored."
        raise BackupError("\n".join([heading, *problems]))
    return manifest


def restore(directory: Path, using: str = "default") -> Summary:
    """Replace the database ``using`` and the uploaded files with the backup in ``directory``, after
    checking all of it."""
    manifest = verify(directory)
    vendor = _vendor(using)
    if manifest["vendor"] != vendor:
        raise BackupError(f"The backup is of a {manifest['vendor']} database, this site uses {vendor}.")
    media = media_root()
    _load_database(using, vendor, directory / DATABASE_FILES[vendor])
    if media.is_dir():
        for path in _files(media):
            path.unlink()
    saved = directory / MEDIA
    for path in _files(saved) if saved.is_dir() else []:
        target = media / path.relative_to(saved)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    entries = manifest["files"]
    return Summary(vendor=vendor, files=len(entries), bytes=sum(e["size"] for e in entries.values()))
