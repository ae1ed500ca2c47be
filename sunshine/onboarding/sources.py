"""Where the records import finds the files a manifest names: a folder (the command's ``--files``) or
a ZIP archive (the page's upload), read within bounds.

A name is a path relative to the folder or archive (``2019/notice.pdf``; "\\" is read as "/"). A
name that climbs out (``..``), starts at the root or names a drive is refused, in the manifest and in
the archive alike; so is a ZIP with too many members, or whose members would unpack to more than
``MAX_ARCHIVE_UNPACKED_BYTES`` in all. A file larger than an attachment may be
(``SUNSHINE_ATTACHMENT_MAX_BYTES``) is refused before it is read.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol

from django.conf import settings
from django.utils.translation import gettext as _

from sunshine.records.reading_limits import megabytes

MAX_ARCHIVE_MEMBERS = 200_000
MAX_ARCHIVE_UNPACKED_BYTES = 20 * 1024 * 1024 * 1024  # 20 GB once unpacked


class MissingFile(Exception):
    """The file is not there, or may not be read; ``str()`` says why, in the user's language."""


def relative_name(name: str) -> str | None:
    """The name as a clean relative path, or None when it climbs out, starts at the root or names a
    drive (``C:``)."""
    text = name.strip().replace("\\", "/")
    if not text or text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        return None
    parts = [part for part in PurePosixPath(text).parts if part not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return "/".join(parts)


def _limit() -> int:
    return int(settings.SUNSHINE_ATTACHMENT_MAX_BYTES)


def _too_large() -> MissingFile:
    return MissingFile(
        _("The file is larger than an attachment may be (%(size)s).") % {"size": megabytes(_limit())}
    )


class FileSource(Protocol):
    def open(self, name: str) -> BinaryIO:
        """The file's bytes, or ``MissingFile``."""
        ...


class DirectorySource:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def open(self, name: str) -> BinaryIO:
        relative = relative_name(name)
        if relative is None:
            raise MissingFile(_("“%(name)s” is not a name inside the folder of files.") % {"name": name})
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise MissingFile(_("“%(name)s” is not in the folder of files.") % {"name": name})
        if path.stat().st_size > _limit():
            raise _too_large()
        return io.BytesIO(path.read_bytes())


def archive_problem(archive: zipfile.ZipFile) -> str | None:
    """Why an uploaded archive cannot be used, or None: too many members, too large unpacked, or a
    member whose name climbs out of it."""
    members = archive.infolist()
    if len(members) > MAX_ARCHIVE_MEMBERS:
        return _("The archive holds more than %(n)s files: split the import.") % {
            "n": f"{MAX_ARCHIVE_MEMBERS:,}"
        }
    if sum(member.file_size for member in members) > MAX_ARCHIVE_UNPACKED_BYTES:
        return _("The archive's files come to more than %(size)s once unpacked: split the import.") % {
            "size": f"{MAX_ARCHIVE_UNPACKED_BYTES // 1024**3} GB"
        }
    for member in members:
        if not member.is_dir() and relative_name(member.filename) is None:
            return _("The archive holds a file named “%(name)s”, outside the archive: it is refused.") % {
                "name": member.filename
            }
    return None


def open_archive(file: BinaryIO) -> zipfile.ZipFile:
    """The archive, checked (``archive_problem``); ``ValueError`` with the reason otherwise."""
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValueError(_("The archive of files is not a ZIP file that can be read.")) from exc
    problem = archive_problem(archive)
    if problem:
        archive.close()
        raise ValueError(problem)
    return archive


class ArchiveSource:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.members = {
            name: member
            for member in archive.infolist()
            if not member.is_dir() and (name := relative_name(member.filename)) is not None
        }

    def open(self, name: str) -> BinaryIO:
        relative = relative_name(name)
        member = self.members.get(relative) if relative is not None else None
        if member is None:
            raise MissingFile(_("“%(name)s” is not in the archive of files.") % {"name": name})
        if member.file_size > _limit():
            raise _too_large()
        try:
            with self.archive.open(member) as stream:  # reads no more than the size it declares
                return io.BytesIO(stream.read(_limit() + 1))
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
            raise MissingFile(_("“%(name)s” cannot be read from the archive.") % {"name": name}) from exc
