"""Attachments: what a file really is (from its bytes, never from its name), its checksum, its text.

Accepted: PDF, Word (DOCX), Excel (XLSX) and PNG, JPEG or GIF images, up to
``settings.SUNSHINE_ATTACHMENT_MAX_BYTES``. A program or script (Windows, Linux or macOS executables,
Java classes, ``#!`` scripts) is refused whatever follows its first bytes, and so is a PDF with
scripts, actions that start programs, or embedded files. DOCX and XLSX are zip archives of XML: their
text is streamed through expat within the bounds of ``reading_limits`` (unpacked size, depth, elements,
CPU time, text), refusing any DTD, so that no entity tricks apply and neither a zip bomb nor millions
of nested paragraphs can exhaust the server. PDF text comes from pypdf, its streams bounded the same
way. Images have no text: the review page asks the reviewer to look at them.

``inspect(file, name, max_bytes=...)`` answers an ``Inspected`` or raises ``AttachmentRejected``
with a message in the user's language. Reading a file may take seconds: services call
``inspect_ahead`` before they open their transaction (a write transaction holds SQLite's only write
lock), and the ``inspect`` they make inside it then reuses that answer once the checksum shows the
bytes are the same. Stored and downloaded names keep only the extension of the type found
(``report.pdf.exe`` that is a PDF is ``report.pdf``).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, BinaryIO

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from sunshine.records.codes import AttachmentKind
from sunshine.records.reading_limits import (
    AttachmentRejected,
    Budget,
    expat_name,
    megabytes,
    open_zip,
    too_unpacked,
    unreadable,
    walk_xml,
    xml_member,
)

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
MAX_PDF_PAGES = 3000
# One stream of a PDF (a page's content, a font's table) unpacks to at most this (and to at most the
# unpacked limit): pypdf holds a stream unpacked, and some copies of it, while it reads it.
MAX_PDF_STREAM_BYTES = 16 * 1024 * 1024

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # DOC, XLS, PPT, WPS of old
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
GIF_MAGICS = (b"GIF87a", b"GIF89a")
# Programs and scripts, recognised by their first bytes whatever they hold further on (a file can be
# a program and look like a PDF or a zip further on: a polyglot).
EXECUTABLE_MAGICS = (
    b"MZ",  # Windows and DOS programs (EXE, DLL, SCR)
    b"\x7fELF",  # Linux and Unix programs
    b"\xfe\xed\xfa\xce",  # Mach-O (macOS), 32 and 64 bits, either byte order
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Java class, and Mach-O universal binary
    b"\xca\xfe\xba\xbf",
    b"#!",  # scripts
    b"\x00asm",  # WebAssembly
    b"dex\n",  # Android
)

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
# The tags the text is read from, as expat names them while streaming (``reading_limits.walk_xml``).
W_P, W_T, W_TAB = expat_name(f"{W}p"), expat_name(f"{W}t"), expat_name(f"{W}tab")
W_BREAKS = (expat_name(f"{W}br"), expat_name(f"{W}cr"))
S_ROW, S_C, S_V, S_T, S_SI = (expat_name(f"{S}{tag}") for tag in ("row", "c", "v", "t", "si"))


@dataclass(frozen=True)
class Inspected:
    kind: str
    size: int
    sha256: str
    text: str
    has_text: bool  # False for images and for PDFs without a text layer (scans)
    name: str = ""  # the name to store: no folder, and only the extension of ``kind``


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


# Extensions dropped from the end of a name before the real one is put on (``notice.php.jpg`` →
# ``notice.jpg``, ``report.pdf.exe`` → ``report.pdf``): file types people name, programs and scripts.
_FILE_EXTENSION_WORDS = """
pdf doc docx docm dot dotx dotm xls xlsx xlsm xlsb xlt xltx ppt pptx pptm pps ppsx odt ods odp rtf txt
csv xml json wps et dps ofd png jpg jpeg jpe gif bmp tif tiff webp svg ico heic
zip rar 7z gz tgz bz2 xz tar cab iso img dmg
exe com bat cmd scr pif msi msp dll cpl sys lnk url reg inf hta chm jar apk app deb rpm
js jse mjs vbs vbe wsf wsh ps1 psm1 sh bash zsh csh ksh py pyc pl rb lua
php php3 php4 php5 php7 phtml phar asp aspx ashx asmx jsp jspx cgi shtml htm html xhtml mht mhtml
"""
FILE_EXTENSIONS = frozenset(_FILE_EXTENSION_WORDS.split())
_EXTENSION_LIKE = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9]{1,8}$")


def clean_name(name: str, kind: str) -> str:
    """``name`` without folders or control characters, ending in the one extension its content
    (``kind``) calls for: the last extension, whatever it was, and the file-type extensions before
    it go; an extension that already fits the content stays as it was written (``photo.JPEG``)."""
    base = safe_name(name)
    last_ext = base.rpartition(".")[2] if "." in base else ""
    if EXTENSIONS.get(last_ext.lower()) == kind:
        wanted = last_ext
    else:
        wanted = "jpg" if kind == AttachmentKind.JPEG else kind
    stem, last = base, True
    while True:
        head, dot, suffix = stem.rpartition(".")
        if not dot or not head.strip(" ."):
            break
        if suffix.lower() in FILE_EXTENSIONS or (last and _EXTENSION_LIKE.match(suffix)):
            stem, last = head, False
            continue
        break
    return f"{stem.rstrip(' .') or 'file'}.{wanted}"


def _checksum(file: BinaryIO, max_bytes: int) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    file.seek(0)
    while chunk := file.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise AttachmentRejected(
                "too_large", _("The file is larger than %(limit)s.") % {"limit": megabytes(max_bytes)}
            )
        digest.update(chunk)
    return size, digest.hexdigest()


def _unsupported() -> AttachmentRejected:
    return AttachmentRejected(
        "unsupported",
        _("Only PDF, Word (DOCX) and Excel (XLSX) files and PNG, JPEG or GIF images can be attached."),
    )


def sniff(file: BinaryIO, budget: Budget | None = None) -> str:
    """The kind of the file from its content: magic bytes, and for zip files their parts. A program or
    a script is refused first, whatever else its bytes look like further on."""
    file.seek(0)
    head = file.read(1024)
    if head.startswith(EXECUTABLE_MAGICS):
        raise AttachmentRejected(
            "executable", _("Programs and scripts cannot be attached, whatever the file is named.")
        )
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
        return _sniff_zip(file, budget or Budget())
    raise _unsupported()


def _sniff_zip(file: BinaryIO, budget: Budget) -> str:
    with open_zip(file, budget) as archive:
        names = set(archive.namelist())
        if any(info.flag_bits & 0x1 for info in archive.infolist()):
            raise _encrypted()
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


class _Text:
    """Text read from a file, its length counted against the budget as it grows."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.limit = budget.limits.text_chars
        self.parts: list[str] = []

    def add(self, text: str) -> None:
        budget = self.budget
        budget.chars += len(text)
        if budget.chars > self.limit:
            budget.spend_chars(0)  # refuses
        self.parts.append(text)

    def tab(self, _attributes: dict[str, str]) -> None:
        self.add("\t")

    def line_break(self, _attributes: dict[str, str] | None = None) -> None:
        self.add("\n")

    def joined(self, separator: str = "") -> str:
        return separator.join(self.parts)


class _Collector:
    """The text of the elements being read (``start``…``stop``), kept apart from the rest."""

    def __init__(self) -> None:
        self.on = False
        self.parts: list[str] = []

    def start(self, _attributes: dict[str, str] | None = None) -> None:
        self.on = True
        self.parts.clear()

    def text(self, data: str) -> None:
        if self.on:
            self.parts.append(data)

    def stop(self) -> str:
        self.on = False
        return "".join(self.parts)


def _docx_part_text(chunks: Iterable[bytes], budget: Budget) -> str:
    out = _Text(budget)
    run = _Collector()
    walk_xml(
        chunks,
        budget,
        starts={W_T: run.start, W_TAB: out.tab, **dict.fromkeys(W_BREAKS, out.line_break)},
        ends={W_T: lambda: out.add(run.stop()), W_P: out.line_break},
        text=run.text,
    )
    return out.joined()


def docx_text(file: BinaryIO, budget: Budget | None = None) -> str:
    """The words of a Word document: body, headers, footers, notes and comments."""
    budget = budget or Budget()
    with open_zip(file, budget) as archive:
        names = sorted(n for n in archive.namelist() if DOCX_TEXT_PARTS.match(n))
        names.sort(key=lambda n: n != "word/document.xml")  # the body first
        return "\n".join(
            _docx_part_text(xml_member(archive, name, budget), budget).strip("\n") for name in names
        )


def _texts_of(chunks: Iterable[bytes], budget: Budget, group_tag: str) -> list[str]:
    """The texts (``<t>``) of each ``group_tag`` element joined, in order: the shared strings of
    sharedStrings.xml (rich text runs joined), or each ``<t>`` of a comments part on its own."""
    items: list[str] = []
    current: list[str] = []
    run = _Collector()

    def end_text() -> None:
        found = run.stop()
        if found:
            current.append(found)
        if group_tag == S_T:
            end_group()

    def end_group() -> None:
        item = "".join(current)
        budget.spend_chars(len(item))
        items.append(item)
        current.clear()

    ends = {S_T: end_text} if group_tag == S_T else {S_T: end_text, group_tag: end_group}
    walk_xml(chunks, budget, starts={S_T: run.start}, ends=ends, text=run.text)
    return items


def _sheet_text(chunks: Iterable[bytes], budget: Budget, strings: list[str]) -> str:
    out = _Text(budget)
    cells: list[str] = []
    cell_type = ""
    value, inline = _Collector(), _Collector()
    inline_parts: list[str] = []

    def start_cell(attributes: dict[str, str]) -> None:
        nonlocal cell_type
        cell_type = attributes.get("t", "")
        value.parts.clear()
        inline_parts.clear()

    def end_cell() -> None:
        if cell_type == "s":
            try:
                cell = strings[int("".join(value.parts))]
            except (ValueError, IndexError):
                cell = ""
        elif cell_type == "inlineStr":
            cell = "".join(inline_parts)
        else:
            cell = "".join(value.parts)
        budget.spend_chars(len(cell))  # one shared string may be used in a million cells
        cells.append(cell)

    def end_row() -> None:
        row = "\t".join(cells).rstrip("\t")
        if row:
            out.add(row)
        cells.clear()

    def end_inline() -> None:
        found = inline.stop()
        if found:
            inline_parts.append(found)

    def text(data: str) -> None:
        value.text(data)
        inline.text(data)

    walk_xml(
        chunks,
        budget,
        starts={S_C: start_cell, S_V: value.start, S_T: inline.start},
        ends={S_C: end_cell, S_V: value.stop, S_T: end_inline, S_ROW: end_row},
        text=text,
    )
    return out.joined("\n")


def xlsx_text(file: BinaryIO, budget: Budget | None = None) -> str:
    """The cell values of every sheet (shared strings resolved) and the cell comments."""
    budget = budget or Budget()
    with open_zip(file, budget) as archive:
        names = archive.namelist()
        strings = (
            _texts_of(xml_member(archive, "xl/sharedStrings.xml", budget), budget, S_SI)
            if "xl/sharedStrings.xml" in names
            else []
        )
        sheets = sorted((n for n in names if XLSX_SHEET.match(n)), key=lambda n: int(re.sub(r"\D", "", n)))
        texts = [_sheet_text(xml_member(archive, name, budget), budget, strings) for name in sheets]
        for name in sorted(n for n in names if XLSX_COMMENTS.match(n)):
            comments = _texts_of(xml_member(archive, name, budget), budget, S_T)
            texts.append("\n".join(c for c in comments if c))
    return "\n".join(text for text in texts if text)


# --- PDF ----------------------------------------------------------------------------------------

PDF_SCRIPT_KEYS = frozenset({"/JS", "/JavaScript"})  # an action's script, the document's named scripts
PDF_SCRIPT_ACTIONS = frozenset({"/JavaScript", "/Launch"})  # /S of an action
PDF_EMBEDDED_KEYS = frozenset({"/EmbeddedFiles", "/EF"})  # the document's files, a file specification's
PDF_WALK_CHECK_EVERY = 1024


def _pdf_active_content(reader: Any, budget: Budget) -> AttachmentRejected | None:
    """Why the PDF cannot be attached (scripts, actions that start programs, embedded files), or
    None: every object reachable from the trailer is looked at (not the streams' data), including
    the ones kept in compressed object streams, whose names pypdf has already unescaped."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    def resolved(value: object) -> object:
        return value.get_object() if isinstance(value, IndirectObject) else value

    stack: list[object] = [reader.trailer]
    seen: set[tuple[int, int]] = set()
    looked = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        looked += 1
        if not looked % PDF_WALK_CHECK_EVERY:
            budget.check_time()
        if isinstance(obj, DictionaryObject):  # streams too: their dictionary
            keys = set(obj.keys())
            if keys & PDF_SCRIPT_KEYS or resolved(obj.get("/S")) in PDF_SCRIPT_ACTIONS:
                return AttachmentRejected(
                    "pdf_scripts",
                    _(
                        "The PDF contains scripts (JavaScript) or actions that start programs, which "
                        "cannot be attached. Print it to a new PDF, or save it again without them."
                    ),
                )
            if (
                keys & PDF_EMBEDDED_KEYS
                or resolved(obj.get("/Type")) == "/EmbeddedFile"
                or resolved(obj.get("/Subtype")) == "/FileAttachment"
            ):
                return AttachmentRejected(
                    "pdf_embedded_files",
                    _(
                        "The PDF contains embedded files, which cannot be checked. Attach each file on its "
                        "own, and the PDF without them."
                    ),
                )
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return None


def _unpack_contents(page: Any) -> None:
    """Unpack the page's content streams (pypdf keeps them for ``extract_text``, which would take a
    stream past the limit for an empty page): a stream that unpacks too far raises here."""
    from pypdf.generic import ArrayObject, StreamObject

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    for stream in streams:
        stream = stream.get_object() if stream is not None else None
        if isinstance(stream, StreamObject):
            stream.get_data()


def pdf_text(file: BinaryIO, budget: Budget | None = None) -> str:
    """The text layer of a PDF (empty for scanned pages); a PDF with scripts or embedded files is
    refused. Every stream unpacks to at most ``MAX_PDF_STREAM_BYTES`` (or the budget's unpacked bytes)."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    budget = budget or Budget()
    bound = min(budget.limits.unpacked_bytes, MAX_PDF_STREAM_BYTES)
    file.seek(0)
    try:
        with apply_configuration(
            maximum_declared_stream_length=bound,
            array_based_stream_maximum_output_length=bound,
            jbig2_maximum_output_length=bound,
            lzw_maximum_output_length=bound,
            run_length_maximum_output_length=bound,
            zlib_maximum_output_length=bound,
            brotli_maximum_output_length=bound,
            image_maximum_buffer_size=bound,
            xmp_maximum_input_length=min(bound, 5_000_000),
        ):
            reader = PdfReader(file, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise _encrypted()
            refused = _pdf_active_content(reader, budget)
            if refused is not None:
                raise refused
            if len(reader.pages) > MAX_PDF_PAGES:
                raise AttachmentRejected(
                    "too_many_pages",
                    _("The PDF has more than %(n)s pages. Split it into several files.")
                    % {"n": MAX_PDF_PAGES},
                )
            texts: list[str] = []
            for page in reader.pages:
                budget.check_time()
                _unpack_contents(page)
                text = (page.extract_text() or "").strip()
                budget.spend_chars(len(text))
                if text:
                    texts.append(text)
    except AttachmentRejected:
        raise
    except LimitReachedError as exc:
        logger.info("PDF past a limit: %s", exc)
        if "decompress" in str(exc):
            raise too_unpacked(bound) from exc
        raise AttachmentRejected(
            "too_complex", _("The PDF is built in too complex a way to be read. Print it to a new PDF.")
        ) from exc
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
    ) as exc:
        logger.info("unreadable PDF: %s", exc)
        raise unreadable() from exc
    return "\n".join(texts)


def extract_text(file: BinaryIO, kind: str, budget: Budget) -> str:
    """The text of a file of ``kind`` (empty for images), read within ``budget``."""
    if kind == AttachmentKind.DOCX:
        return docx_text(file, budget)
    if kind == AttachmentKind.XLSX:
        return xlsx_text(file, budget)
    if kind == AttachmentKind.PDF:
        return pdf_text(file, budget)
    return ""


_INSPECTED = "_sunshine_inspected"  # where ``inspect_ahead`` leaves its result on the file object


def _inspect(file: BinaryIO, name: str, max_bytes: int) -> Inspected:
    size, sha256 = _checksum(file, max_bytes)
    if size == 0:
        raise AttachmentRejected("empty", _("The file is empty."))
    budget = Budget()
    kind = sniff(file, budget)
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
    text = extract_text(file, kind, budget)
    file.seek(0)
    return Inspected(
        kind=kind,
        size=size,
        sha256=sha256,
        text=text,
        has_text=bool(text.strip()),
        name=clean_name(name, kind),
    )


def inspect(file: BinaryIO, name: str, *, max_bytes: int) -> Inspected:
    """Check one uploaded file and read its text, or raise ``AttachmentRejected``. When
    ``inspect_ahead`` already read this file object, its answer is given again (for a file it accepted,
    once the checksum shows the bytes are still the ones it read)."""
    ahead = getattr(file, _INSPECTED, None)
    if isinstance(ahead, tuple) and ahead[:2] == (name, max_bytes):
        result = ahead[2]
        if isinstance(result, AttachmentRejected):
            raise AttachmentRejected(result.code, result.message)
        if _checksum(file, max_bytes) == (result.size, result.sha256):
            file.seek(0)
            return result
    return _inspect(file, name, max_bytes)


def inspect_ahead(file: BinaryIO, name: str, *, max_bytes: int | None = None) -> None:
    """Read ``file`` now, before the caller opens its transaction, and keep the answer (the file's
    text, or why it is refused) for the ``inspect`` the service makes inside it: the seconds a large
    or hostile file takes are never spent holding the database's write lock."""
    limit = int(settings.SUNSHINE_ATTACHMENT_MAX_BYTES) if max_bytes is None else max_bytes
    result: Inspected | AttachmentRejected
    try:
        result = inspect(file, name, max_bytes=limit)
    except AttachmentRejected as exc:
        result = exc
    with contextlib.suppress(AttributeError):  # a file object that keeps none: inspected again inside
        setattr(file, _INSPECTED, (name, limit, result))


def refusal_ahead(file: BinaryIO) -> AttachmentRejected | None:
    """Why ``inspect_ahead`` refused ``file``, or None (accepted, or not read ahead)."""
    ahead = getattr(file, _INSPECTED, None)
    result = ahead[2] if isinstance(ahead, tuple) else None
    return result if isinstance(result, AttachmentRejected) else None


def inspect_all_ahead(uploads: Iterable[tuple[BinaryIO, str]], *, at_most: int | None = None) -> None:
    """``inspect_ahead`` for each (file, name), the first ``at_most`` only (more are refused anyway)."""
    for n, (file, name) in enumerate(uploads):
        if at_most is not None and n >= at_most:
            break
        inspect_ahead(file, name)


def download_name(name: str, kind: str) -> str:
    """The name to offer on download: the original one, with only the extension its content calls for
    (names stored before names were cleaned on upload are cleaned here)."""
    return clean_name(name, kind)


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
