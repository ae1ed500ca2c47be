"""Hostile files built in a few lines for the upload hardening tests (docs/security.md#uploads): Word
documents that unpack to deeply nested or very many paragraphs, zip bombs, programs dressed as
documents, PDFs with scripts or embedded files; and ``reading_watched``, which tells at what
transaction depth the files were read."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.db import connection

from sunshine.records import attachments
from tests.records.files import CONTENT_TYPES, W_NS

DOCUMENT_TYPE = (
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
)
BLOCK = 100_000  # repetitions written at a time: the files are built without holding them unpacked


def docx_streamed(body: Iterable[bytes], extra_parts: dict[str, bytes] | None = None) -> bytes:
    """A DOCX whose word/document.xml is ``body`` (inside <w:document><w:body>), written chunk by chunk."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(overrides=DOCUMENT_TYPE))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(
                f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
            )
            for chunk in body:
                part.write(chunk)
            part.write(b"</w:body></w:document>")
        for name, data in (extra_parts or {}).items():
            archive.writestr(name, data)
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
    """A small Word document carrying a part of ``unpacked`` zero bytes (a few KB once packed)."""
    return docx_streamed(
        [b"<w:p><w:r><w:t>hello</w:t></w:r></w:p>"], {"word/media/image1.png": b"\x00" * unpacked}
    )


def pdf_with(catalog_extra: bytes = b"", objects: Iterable[bytes] = (), content: bytes = b"") -> bytes:
    """A one-page PDF (as tests.records.files.make_pdf) with ``catalog_extra`` in its catalogue and
    ``objects`` numbered from 5 on; ``content`` (else a line of text) as the page's stream, packed
    with FlateDecode."""
    stream = zlib.compress(content or b"BT /F1 12 Tf 20 120 Td (hello) Tj ET", 9)
    body = [
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
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, data in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + data + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(body) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(body) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


@contextmanager
def reading_watched() -> Iterator[list[int]]:
    """While it lasts, every reading of a file's text (PDF, DOCX, XLSX) notes how many transactions
    beyond the test's own were open: [0] is one reading, outside any transaction."""
    baseline = len(connection.atomic_blocks)
    depths: list[int] = []

    def watch(real: Any) -> Any:
        def watched(*args: Any, **kwargs: Any) -> Any:
            depths.append(len(connection.atomic_blocks) - baseline)
            return real(*args, **kwargs)

        return watched

    with (
        mock.patch.object(attachments, "docx_text", watch(attachments.docx_text)),
        mock.patch.object(attachments, "xlsx_text", watch(attachments.xlsx_text)),
        mock.patch.object(attachments, "pdf_text", watch(attachments.pdf_text)),
    ):
        yield depths
