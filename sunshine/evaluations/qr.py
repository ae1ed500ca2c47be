"""The QR code of a counter, drawn on the server as SVG (segno): it points at the counter's public
rating page."""

from __future__ import annotations

import io

import segno


def svg(address: str, *, scale: int = 8, title: str = "") -> str:
    """An SVG document of the QR code of ``address`` (error correction M, a quiet zone of 4)."""
    code = segno.make_qr(address, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=scale, border=4, xmldecl=False, title=title or None, unit="px")
    return out.getvalue().decode("utf-8")
