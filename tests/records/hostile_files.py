"""Hostile files built in a few lines for the upload hardening tests (docs/security.md#uploads): Word
documents that unpack to deeply nested or very many paragraphs, zip bombs, programs dressed as
documents, PDFs with scripts or embedded files; and ``reading_watched``, which tells at what
transaction depth the files were read."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from unittest import mock

from django.db import connection

from sunshine.records import attachments
from tests.records.files import CONTENT_TYPES, W_NS, pdf_of

DOCUMENT_TYPE = (
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
)
BLOCK = 100_000  # repetitions written at a time: the files are built without holding them unpacked


def docx_streamed(body: Iterable[bytes], extra_parts: dict[str, Iterable[bytes]] | None = None) -> bytes:
    """A DOCX whose word/document.xml is ``body`` (inside <w:document><w:body>) and with the
    ``extra_parts``, each written chunk by chunk."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(overrides=DOCUMENT_TYPE))
        head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
        parts = {"word/document.xml": [[head], body, [b"</w:body></w:document>"]]}
        parts.update({name: [chunks] for name, chunks in (extra_parts or {}).items()})
        for name, pieces in parts.items():
            with archive.open(name, "w", force_zip64=True) as part:
                for piece in pieces:
                    for chunk in piece:
                        part.write(chunk)
    return out.getvalue()


def _repeated(piece: bytes, times: int) -> Iterator[bytes]:
    while times > 0:
        n = min(times, BLOCK)
        yield piece * n
        times -= n


def nested_paragraphs_docx(depth: int) -> bytes:
    """Paragraphs inside paragraphs, ``depth`` deep: 9 million of them zip to about 145 KB."""

    def body() -> Iterator[bytes]:
        yield from _repeated(b"<w:p>", depth)
        yield from _repeated(b"</w:p>", depth)

    return docx_streamed(body())


def flat_paragraphs_docx(count: int) -> bytes:
    """``count`` empty paragraphs one after the other."""
    return docx_streamed(_repeated(b"<w:p/>", count))


def zip_bomb_docx(unpacked: int) -> bytes:
    """A small Word document carrying a part of ``unpacked`` zero bytes (a thousandth of it once packed)."""
    return docx_streamed(
        [b"<w:p><w:r><w:t>hello</w:t></w:r></w:p>"], {"word/media/image1.png": _repeated(b"\x00", unpacked)}
    )


def pdf_with(
    catalog_extra: bytes = b"",
    objects: Iterable[bytes] = (),
    content: bytes = b"",
    packed: bytes | None = None,
) -> bytes:
    """A one-page PDF (as tests.records.files.make_pdf) with ``catalog_extra`` in its catalogue and
    ``objects`` numbered from 5 on; ``content`` (else a line of text) as the page's stream, packed
    with FlateDecode (or the stream ``packed`` already)."""
    stream = (
        packed if packed is not None else zlib.compress(content or b"BT /F1 12 Tf 20 120 Td (hello) Tj ET", 9)
    )
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 144] /Contents 4 0 R >>",
            b"<< /Length "
            + str(len(stream)).encode()
            + b" /Filter /FlateDecode >>\nstream\n"
            + stream
            + b"\nendstream",
            *objects,
        ]
    )


def stream_bomb_pdf(unpacked: int) -> bytes:
    """A PDF whose page stream unpacks to ``unpacked`` bytes (a line of text, then spaces)."""
    packer = zlib.compressobj(9)
    chunks = [packer.compress(b"BT /F1 12 Tf 20 120 Td (hello) Tj ET")]
    chunks += [packer.compress(block) for block in _repeated(b" ", unpacked)]
    return pdf_with(packed=b"".join(chunks) + packer.flush())


TEXT_READERS = ("docx_text", "xlsx_text", "pdf_text")


@contextmanager
def reading_watched(functions: tuple[str, ...] = TEXT_READERS) -> Iterator[list[int]]:
    """While it lasts, every reading of a file's text (PDF, DOCX, XLSX), or every call of the
    ``functions`` of ``records.attachments`` named, notes how many transactions beyond the test's own
    were open: [0] is one reading, outside any transaction."""
    baseline = len(connection.atomic_blocks)
    depths: list[int] = []

    def watch(real: Any) -> Any:
        def watched(*args: Any, **kwargs: Any) -> Any:
            depths.append(len(connection.atomic_blocks) - baseline)
            return real(*args, **kwargs)

        return watched

    with ExitStack() as stack:
        for name in functions:
            stack.enter_context(mock.patch.object(attachments, name, watch(getattr(attachments, name))))
        yield depths
