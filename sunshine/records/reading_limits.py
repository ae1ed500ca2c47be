"""Reading an uploaded file within bounds: how much a zip may unpack to, how deep and how large its
XML may be, how much text it may hold and how much CPU time reading it may take (docs/security.md#uploads).

A file that crosses a bound is refused with ``AttachmentRejected`` saying which bound, in the user's
language, as soon as the bound is crossed: a 150 KB DOCX that unpacks to millions of nested
paragraphs stops at the first paragraph too deep, not after the whole tree is built.

- ``Budget``: the limits of one file (``SUNSHINE_UPLOAD_*`` settings), spent as it is read.
- ``open_zip``: a zip archive whose central directory and declared sizes are checked first.
- ``member_chunks``: the bytes of one zip member in chunks, counted against the budget;
  ``xml_member`` the same for an XML member, once its tags are counted at C speed (``scan_markup``).
- ``walk_xml``: one XML part streamed through expat into callbacks; no tree is kept, no DTD is
  accepted (so no entity can be declared), the depth and the number of elements are counted.
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

CHUNK = 64 * 1024
MAX_ZIP_MEMBERS = 10_000  # a Word document has a few dozen parts; thousands of images at most
MAX_MARKUP_RUN = 2 * 1024 * 1024  # bytes of XML without a single ">": one tag (or text) too large
TIME_CHECK_EVERY = 4096  # elements between two looks at the clock


class AttachmentRejected(Exception):
    """The file cannot be attached; ``message`` says why in the user's language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def unreadable() -> AttachmentRejected:
    return AttachmentRejected("damaged", _("The file is damaged or incomplete and could not be read."))


@dataclass(frozen=True)
class Limits:
    unpacked_bytes: int  # all the members of a zip (DOCX, XLSX) once unpacked, and a PDF's streams each
    xml_depth: int  # elements inside one another
    xml_elements: int  # elements in all the XML parts of one file
    seconds: float  # CPU time spent reading one file (its thread's, not the process's)
    text_chars: int  # characters of text read from one file

    @classmethod
    def from_settings(cls) -> Limits:
        """The ``SUNSHINE_UPLOAD_*`` settings (sunshine/settings.py gives their defaults)."""
        return cls(
            unpacked_bytes=int(settings.SUNSHINE_UPLOAD_MAX_UNPACKED_BYTES),
            xml_depth=int(settings.SUNSHINE_UPLOAD_MAX_XML_DEPTH),
            xml_elements=int(settings.SUNSHINE_UPLOAD_MAX_XML_ELEMENTS),
            seconds=float(settings.SUNSHINE_UPLOAD_MAX_SECONDS),
            text_chars=int(settings.SUNSHINE_UPLOAD_MAX_TEXT_CHARS),
        )


class Budget:
    """What reading one file may still spend; each ``spend_*`` refuses the file once it is spent."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits.from_settings()
        self.unpacked = 0
        self.elements = 0
        self.chars = 0
        self.started = time.thread_time()

    def spend_unpacked(self, n: int) -> None:
        self.unpacked += n
        if self.unpacked > self.limits.unpacked_bytes:
            raise too_unpacked(self.limits.unpacked_bytes)

    def spend_chars(self, n: int) -> None:
        self.chars += n
        if self.chars > self.limits.text_chars:
            raise AttachmentRejected(
                "too_much_text", _("The file holds too much text to be checked. Split it into several files.")
            )

    def check_time(self) -> None:
        if time.thread_time() - self.started > self.limits.seconds:
            raise AttachmentRejected(
                "too_slow",
                _(
                    "Reading the file took more than %(n)s seconds of computing time. Split it into several "
                    "files, or save it again as PDF."
                )
                % {"n": f"{self.limits.seconds:g}"},
            )

    def too_deep(self) -> AttachmentRejected:
        return AttachmentRejected("too_deep", _("The document's structure is too deep to be read."))

    def too_many_elements(self) -> AttachmentRejected:
        return AttachmentRejected(
            "too_many_elements",
            _(
                "The document has more than %(n)s elements (paragraphs, runs, cells) to read. Split it "
                "into several files."
            )
            % {"n": f"{self.limits.xml_elements:,}"},
        )


def too_unpacked(limit: int) -> AttachmentRejected:
    return AttachmentRejected(
        "too_unpacked",
        _("The file expands to more than %(limit)s when unpacked.") % {"limit": megabytes(limit)},
    )


# --- Zip archives -------------------------------------------------------------------------------

_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22


def _central_directory(file: BinaryIO) -> tuple[int, int]:
    """(entries, bytes) of the zip's central directory as its end record declares them, read before
    ``zipfile`` loads every entry; (0, 0) when there is no end record (``zipfile`` says damaged)."""
    file.seek(0, 2)
    size = file.tell()
    tail_size = min(size, _EOCD_SIZE + 0xFFFF)
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return 0, 0
    _sig, _disk, _cd_disk, _here, entries, cd_bytes, _offset, _comment = struct.unpack(
        "<4s4H2LH", tail[at : at + _EOCD_SIZE]
    )
    return entries, cd_bytes


def open_zip(file: BinaryIO, budget: Budget) -> zipfile.ZipFile:
    """The archive, once its number of members and the sizes they declare are within the budget.
    (``zipfile`` never unpacks a member past its declared size: more is a CRC error, so damaged.)"""
    entries, cd_bytes = _central_directory(file)
    if entries > MAX_ZIP_MEMBERS or cd_bytes > MAX_ZIP_MEMBERS * 1024:
        raise AttachmentRejected(
            "too_many_parts",
            _("The file is an archive of more than %(n)s parts, which cannot be read.")
            % {"n": MAX_ZIP_MEMBERS},
        )
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise unreadable() from exc
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:  # an end record that lied
        archive.close()
        raise AttachmentRejected(
            "too_many_parts",
            _("The file is an archive of more than %(n)s parts, which cannot be read.")
            % {"n": MAX_ZIP_MEMBERS},
        )
    if sum(info.file_size for info in infos) > budget.limits.unpacked_bytes:
        archive.close()
        raise too_unpacked(budget.limits.unpacked_bytes)
    return archive


def member_chunks(
    archive: zipfile.ZipFile, name: str, budget: Budget, *, spend: bool = True
) -> Iterator[bytes]:
    """The unpacked bytes of one member, chunk by chunk, each counted against the budget (unless
    ``spend`` is False: a second look at the same bytes) and the time checked."""
    try:
        with archive.open(name) as part:
            while chunk := part.read(CHUNK):
                if spend:
                    budget.spend_unpacked(len(chunk))
                budget.check_time()
                yield chunk
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, KeyError) as exc:
        # RuntimeError: encrypted; NotImplementedError: an unknown compression method.
        raise unreadable() from exc


def xml_member(archive: zipfile.ZipFile, name: str, budget: Budget) -> Iterator[bytes]:
    """The chunks of one XML member for ``walk_xml``, once a first look at C speed (``scan_markup``)
    has found no more tags in it than the budget has elements left."""
    scan_markup(member_chunks(archive, name, budget, spend=False), budget)
    return member_chunks(archive, name, budget)


def scan_markup(chunks: Iterable[bytes], budget: Budget) -> None:
    """Count the tags of one XML part by counting bytes, without parsing: a part of millions of empty
    paragraphs is refused in a fraction of the time parsing them takes. Every start tag begins with a
    ``<`` not followed by ``/``, ``?`` or ``!``, so the count is never below the elements the parse
    will find. Once the depth this count suggests passes the limit, the scan stops: the parse finds
    exactly where, and refuses the part as too deep."""
    tags = depth = 0
    left = budget.limits.xml_elements - budget.elements
    for chunk in chunks:
        ends = chunk.count(b"</")
        opened = chunk.count(b"<") - ends - chunk.count(b"<?") - chunk.count(b"<!")
        tags += opened
        depth += opened - ends - chunk.count(b"/>")
        if depth > budget.limits.xml_depth:
            return
        if tags > left:
            raise budget.too_many_elements()


def read_member(archive: zipfile.ZipFile, name: str, budget: Budget) -> bytes:
    return b"".join(member_chunks(archive, name, budget))


# --- XML ----------------------------------------------------------------------------------------

StartHandler = Callable[[dict[str, str]], None]
EndHandler = Callable[[], object]
TextHandler = Callable[[str], None]
NO_HANDLERS: Mapping[str, Any] = {}


def expat_name(tag: str) -> str:
    """``{namespace}local`` (as ElementTree and lxml write it) as expat names it: ``namespace}local``."""
    return tag[1:] if tag.startswith("{") else tag


def _no_dtd(*_args: object) -> None:
    raise unreadable()  # OOXML never has one: a DTD is there to declare entities


def _no_external_entity(*_args: object) -> int:
    raise unreadable()


def walk_xml(
    chunks: Iterable[bytes],
    budget: Budget,
    *,
    starts: Mapping[str, StartHandler] = NO_HANDLERS,
    ends: Mapping[str, EndHandler] = NO_HANDLERS,
    text: TextHandler | None = None,
) -> None:
    """Stream XML ``chunks`` through expat, calling ``starts[tag](attributes)`` and ``ends[tag]()``
    for the tags named (``expat_name`` form) and ``text(data)`` for all text. Nothing is kept. Every
    element counts against ``budget`` (its depth, their number across the parts of one file, and
    the CPU time every few thousand), and so does the length of one tag."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_dtd
    parser.ExternalEntityRefHandler = _no_external_entity
    max_depth, max_elements = budget.limits.xml_depth, budget.limits.xml_elements
    depth, elements = 0, budget.elements
    find_start, find_end = starts.get, ends.get

    # One Python call per tag: these run millions of times for a large file.
    def on_start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth, elements
        depth += 1
        elements += 1
        if depth > max_depth:
            raise budget.too_deep()
        if elements > max_elements:
            raise budget.too_many_elements()
        if not elements % TIME_CHECK_EVERY:
            budget.check_time()
        handler = find_start(name)
        if handler is not None:
            handler(attributes)

    def on_end(name: str) -> None:
        nonlocal depth
        depth -= 1
        handler = find_end(name)
        if handler is not None:
            handler()

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    if text is not None:
        parser.CharacterDataHandler = text
    since_markup = 0  # bytes since the last ">": a tag or text that never ends
    try:
        for chunk in chunks:
            last = chunk.rfind(b">")
            if (since_markup + (chunk.find(b">") if last >= 0 else len(chunk))) > MAX_MARKUP_RUN:
                raise AttachmentRejected(
                    "too_large_element", _("The document holds one element too large to be read.")
                )
            since_markup = len(chunk) - last - 1 if last >= 0 else since_markup + len(chunk)
            parser.Parse(chunk, False)
            budget.check_time()
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise unreadable() from exc
    finally:
        budget.elements = elements


def workbook_problem(data: bytes) -> str | None:
    """Why an XLSX to be read by openpyxl (staff imports) is refused by ``check_xml_parts``, or None;
    a damaged file is left for openpyxl to say so in the import's words."""
    try:
        check_xml_parts(io.BytesIO(data))
    except AttachmentRejected as exc:
        return None if exc.code == "damaged" else exc.message
    return None


def check_xml_parts(file: BinaryIO, budget: Budget | None = None) -> None:
    """Walk every XML part of an office file within the budget, keeping nothing: for files another
    library reads afterwards (openpyxl), which then cannot be made to exhaust the server."""
    budget = budget or Budget()
    with open_zip(file, budget) as archive:
        for info in archive.infolist():
            if info.filename.lower().endswith((".xml", ".rels")):
                walk_xml(xml_member(archive, info.filename, budget), budget)
