"""Attachments: what a file really is (from its bytes, never from its name), its checksum, its text.

Accepted: PDF, Word (DOCX), Excel (XLSX) and PNG, JPEG or GIF images, up to
``settings.SUNSHINE_ATTACHMENT_MAX_BYTES``. DOCX and XLSX are zip archives of XML: their text is read
with the standard library (zipfile, ElementTree), refusing any DTD, so that no entity tricks apply
and a zip bomb cannot be inflated past a bound. PDF text comes from pypdf. Images have no text: the
review page asks the reviewer to look at them.

``inspect(file, name, max_bytes=...)`` answers an ``Inspected`` or raises ``AttachmentRejected``
with a message in the user's language.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import BinaryIO
from xml.etree import ElementTree

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from sunshine.records.codes import AttachmentKind

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
MAX_XML_BYTES = 100 * 1024 * 1024  # uncompressed XML read from one DOCX/XLSX, in all
MAX_TEXT_CHARS = 5_000_000
MAX_PDF_PAGES = 3000

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # DOC, XLS, PPT, WPS of old
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
GIF_MAGICS = (b"GIF87a", b"GIF89a")

EXTENSIONS = {
    "pdf": AttachmentKind.PDF,
    "docx": AttachmentKind.DOCX,
    "xlsx": AttachmentKind.XLSX,
    "png": AttachmentKind.PNG,
    "jpg": AttachmentKind.JPEG,
    "jpeg": AttachmentKind.JPEG,
    "gif": AttachmentKind.GIF,
}
CONTENT_TYPES = {
    AttachmentKind.PDF: "application/pdf",
    AttachmentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    AttachmentKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    AttachmentKind.PNG: "image/png",
    AttachmentKind.JPEG: "image/jpeg",
    AttachmentKind.GIF: "image/gif",
}

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DOCX_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
XLSX_SHEET = re.compile(r"^xl/worksheets/sheet\d+\.xml$")
XLSX_COMMENTS = re.compile(r"^xl/comments\d*\.xml$")


class AttachmentRejected(Exception):
    """The file cannot be attached; ``message`` says why in the user's language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class Inspected:
    kind: str
    size: int
    sha256: str
    text: str
    has_text: bool  # False for images and for PDFs without a text layer (scans)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def safe_name(name: str) -> str:
    """The file's own name without any folder, control characters or excess length."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 190 - len(ext)] + dot + ext) if dot and len(ext) <= 8 else base[:200]
    return base or "file"


def extension_of(name: str) -> str:
    _stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot else ""


def _checksum(file: BinaryIO, max_bytes: int) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    file.seek(0)
    while chunk := file.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise AttachmentRejected(
                "too_large", _("The file is larger than %(limit)s.") % {"limit": _megabytes(max_bytes)}
            )
        digest.update(chunk)
    return size, digest.hexdigest()


def _unreadable() -> AttachmentRejected:
    return AttachmentRejected("damaged", _("The file is damaged or incomplete and could not be read."))


def _unsupported() -> AttachmentRejected:
    return AttachmentRejected(
        "unsupported",
        _("Only PDF, Word (DOCX) and Excel (XLSX) files and PNG, JPEG or GIF images can be attached."),
    )


def sniff(file: BinaryIO) -> str:
    """The kind of the file from its content: magic bytes, and for zip files their parts."""
    file.seek(0)
    head = file.read(1024)
    if PDF_MAGIC in head:  # PDF readers accept the header anywhere in the first 1024 bytes
        return AttachmentKind.PDF
    if head.startswith(PNG_MAGIC):
        return AttachmentKind.PNG
    if head.startswith(JPEG_MAGIC):
        return AttachmentKind.JPEG
    if head.startswith(GIF_MAGICS):
        return AttachmentKind.GIF
    if head.startswith(OLE_MAGIC):
        raise AttachmentRejected(
            "old_office",
            _("Old Word and Excel files (DOC, XLS, WPS) cannot be attached: save it as DOCX, XLSX or PDF."),
        )
    if head.startswith(ZIP_MAGIC):
        return _sniff_zip(file)
    raise _unsupported()


def _sniff_zip(file: BinaryIO) -> str:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if any(info.flag_bits & 0x1 for info in archive.infolist()):
                raise _encrypted()
    except zipfile.BadZipFile as exc:
        raise _unreadable() from exc
    if "[Content_Types].xml" not in names:
        raise _unsupported()
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise AttachmentRejected(
            "macros",
            _("Files with macros cannot be attached. Save the document as DOCX or XLSX without macros."),
        )
    if "word/document.xml" in names:
        return AttachmentKind.DOCX
    if "xl/workbook.xml" in names:
        return AttachmentKind.XLSX
    raise _unsupported()


def _encrypted() -> AttachmentRejected:
    return AttachmentRejected(
        "encrypted",
        _("Password-protected files cannot be checked for personal data. Attach a copy without a password."),
    )


class _Budget:
    """The uncompressed bytes a zip may still inflate to."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def read(self, archive: zipfile.ZipFile, name: str) -> bytes:
        info = archive.getinfo(name)
        if info.file_size > self.left:
            raise _unreadable()
        with archive.open(info) as part:
            data = part.read(self.left + 1)
        if len(data) > self.left:
            raise _unreadable()
        self.left -= len(data)
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # OOXML never has one
            raise _unreadable()
        return data


def _elements(data: bytes) -> Iterator[tuple[str, ElementTree.Element]]:
    try:
        # No DTD reaches the parser (_Budget.read refuses any), so no entity can be declared.
        yield from ElementTree.iterparse(io.BytesIO(data), events=("start", "end"))  # noqa: S314
    except ElementTree.ParseError as exc:
        raise _unreadable() from exc


def _docx_part_text(data: bytes) -> str:
    parts: list[str] = []
    for event, element in _elements(data):
        if event == "end":
            if element.tag == f"{W}t" and element.text:
                parts.append(element.text)
            elif element.tag == f"{W}p":
                parts.append("\n")
                element.clear()
        elif element.tag == f"{W}tab":
            parts.append("\t")
        elif element.tag in {f"{W}br", f"{W}cr"}:
            parts.append("\n")
    return "".join(parts)


def docx_text(file: BinaryIO) -> str:
    """The words of a Word document: body, headers, footers, notes and comments."""
    file.seek(0)
    budget = _Budget(MAX_XML_BYTES)
    with zipfile.ZipFile(file) as archive:
        names = sorted(n for n in archive.namelist() if DOCX_TEXT_PARTS.match(n))
        names.sort(key=lambda n: n != "word/document.xml")  # the body first
        return "\n".join(_docx_part_text(budget.read(archive, name)).strip("\n") for name in names)


def _string_items(data: bytes) -> list[str]:
    """The texts of sharedStrings.xml, in order (rich text runs joined)."""
    items: list[str] = []
    current: list[str] = []
    for event, element in _elements(data):
        if event == "end" and element.tag == f"{S}t" and element.text:
            current.append(element.text)
        elif event == "end" and element.tag == f"{S}si":
            items.append("".join(current))
            current = []
    return items


def _sheet_text(data: bytes, strings: list[str]) -> str:
    rows: list[str] = []
    cells: list[str] = []
    cell_type = ""
    value = ""
    inline: list[str] = []
    for event, element in _elements(data):
        tag = element.tag
        if event == "start":
            if tag == f"{S}c":
                cell_type, value, inline = element.get("t", ""), "", []
            continue
        if tag == f"{S}v":
            value = element.text or ""
        elif tag == f"{S}t" and element.text:
            inline.append(element.text)
        elif tag == f"{S}c":
            if cell_type == "s":
                try:
                    cells.append(strings[int(value)])
                except (ValueError, IndexError):
                    cells.append("")
            elif cell_type == "inlineStr":
                cells.append("".join(inline))
            else:
                cells.append(value)
        elif tag == f"{S}row":
            rows.append("\t".join(cells).rstrip("\t"))
            cells = []
            element.clear()
    return "\n".join(row for row in rows if row)


def xlsx_text(file: BinaryIO) -> str:
    """The cell values of every sheet (shared strings resolved) and the cell comments."""
    file.seek(0)
    budget = _Budget(MAX_XML_BYTES)
    with zipfile.ZipFile(file) as archive:
        names = archive.namelist()
        strings = (
            _string_items(budget.read(archive, "xl/sharedStrings.xml"))
            if "xl/sharedStrings.xml" in names
            else []
        )
        sheets = sorted((n for n in names if XLSX_SHEET.match(n)), key=lambda n: int(re.sub(r"\D", "", n)))
        texts = [_sheet_text(budget.read(archive, name), strings) for name in sheets]
        for name in sorted(n for n in names if XLSX_COMMENTS.match(n)):
            texts.append(_docx_like_text(budget.read(archive, name)))
    return "\n".join(text for text in texts if text)


def _docx_like_text(data: bytes) -> str:
    return "\n".join(e.text for event, e in _elements(data) if event == "end" and e.tag == f"{S}t" and e.text)


def pdf_text(file: BinaryIO) -> str:
    """The text layer of a PDF (empty for scanned pages)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted()
        if len(reader.pages) > MAX_PDF_PAGES:
            raise AttachmentRejected(
                "too_many_pages",
                _("The PDF has more than %(n)s pages. Split it into several files.") % {"n": MAX_PDF_PAGES},
            )
        texts = [(page.extract_text() or "") for page in reader.pages]
    except AttachmentRejected:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        logger.info("unreadable PDF: %s", exc)
        raise _unreadable() from exc
    return "\n".join(text.strip() for text in texts if text.strip())


def inspect(file: BinaryIO, name: str, *, max_bytes: int) -> Inspected:
    """Check one uploaded file and read its text, or raise ``AttachmentRejected``."""
    size, sha256 = _checksum(file, max_bytes)
    if size == 0:
        raise AttachmentRejected("empty", _("The file is empty."))
    kind = sniff(file)
    ext = extension_of(name)
    if ext in EXTENSIONS and EXTENSIONS[ext] != kind:
        raise AttachmentRejected(
            "name_mismatch",
            _(
                "The file's name ends in .%(ext)s but its content is a %(kind)s. "
                "Check that it is the file you meant to attach."
            )
            % {"ext": ext, "kind": AttachmentKind(kind).label},
        )
    if kind == AttachmentKind.DOCX:
        text = docx_text(file)
    elif kind == AttachmentKind.XLSX:
        text = xlsx_text(file)
    elif kind == AttachmentKind.PDF:
        text = pdf_text(file)
    else:
        text = ""
    if len(text) > MAX_TEXT_CHARS:
        raise AttachmentRejected(
            "too_much_text", _("The file holds too much text to be checked. Split it into several files.")
        )
    file.seek(0)
    return Inspected(kind=kind, size=size, sha256=sha256, text=text, has_text=bool(text.strip()))


def download_name(name: str, kind: str) -> str:
    """The name to offer on download: the original one, with the extension its content calls for."""
    ext = extension_of(name)
    if EXTENSIONS.get(ext) == kind:
        return name
    wanted = "jpg" if kind == AttachmentKind.JPEG else kind
    return f"{name}.{wanted}"


def stored_download(
    stored: FieldFile, name: str, kind: str, *, inline: bool = False, private: bool = False
) -> FileResponse:
    """A stored file as a download, under the name and type its content calls for. A file whose row
    is there but whose bytes are not (storage lost, or restored without it) is a plain 404 for the
    reader and an error in the log, never a 500 (the website health check lists it too).
    ``private``: it holds personal data or is for staff, so it is never cached on the way."""
    try:
        opened = stored.open("rb")
    except OSError as exc:
        logger.error("The file %s is missing from storage: %s", stored.name, exc)
        raise Http404(stored.name) from exc
    response = FileResponse(
        opened,
        as_attachment=not inline,
        filename=download_name(name, kind),
        content_type=CONTENT_TYPES.get(AttachmentKind(kind), "application/octet-stream"),
    )
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
