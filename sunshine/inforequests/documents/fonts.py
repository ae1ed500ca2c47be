"""Finding a font with Chinese characters for PDF documents, on the machine, never downloaded, and
cutting it down to the characters of one document.

``SUNSHINE_CJK_FONT`` names a TrueType or OpenType font file or collection (``.ttf``, ``.otf``,
``.ttc``); ``path#N`` picks face N of a collection. Without it, the fonts of these Debian packages
are looked for, best first: ``fonts-noto-cjk`` (Noto Serif / Sans CJK, SIL OFL 1.1),
``fonts-wqy-microhei``, ``fonts-wqy-zenhei``, ``fonts-arphic-uming``, ``fonts-droid-fallback``.
In a collection the Simplified Chinese face (family name ending in "SC") is used when there is one.
"""

from __future__ import annotations

import functools
import io
import os
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

# fontTools (a dependency of fpdf2) ships no type information.
from fontTools.subset import Options, Subsetter  # type: ignore[import-untyped]
from fontTools.ttLib import TTCollection, TTFont, TTLibError  # type: ignore[import-untyped]

ENV_VAR = "SUNSHINE_CJK_FONT"

# A Song (serif) face reads like the 宋体/仿宋 of printed notices; sans faces follow.
KNOWN_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
# The bold face of the same family, for titles (a bold Song face reads like the 小标宋 of titles).
_NOTO = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk")
BOLD_FONTS = {
    f"{folder}/Noto{style}CJK-Regular.ttc": f"{folder}/Noto{style}CJK-Bold.ttc"
    for folder in _NOTO
    for style in ("Serif", "Sans")
}
# Characters every usable font must have: those of the documents' fixed wording.
PROBE = "政府信息公开申请告知书年月日"


class FontNotFound(Exception):
    """No usable font with Chinese characters: PDF documents cannot be made (DOCX still can)."""


@dataclass(frozen=True)
class Face:
    path: str
    index: int = 0  # the face within a collection
    collection: bool = False


def _has_chinese(font: TTFont) -> bool:
    cmap = font.getBestCmap() or {}
    return all(ord(char) in cmap for char in PROBE)


@functools.lru_cache(maxsize=32)
def usable_face(path: str, index: int | None = None) -> Face | None:
    """The face of ``path`` to use (``index``, or the Simplified Chinese one), None if it is unusable."""
    try:
        if not Path(path).is_file():
            return None
        with open(path, "rb") as handle:
            collection = handle.read(4) == b"ttcf"
        if not collection:
            with TTFont(path, lazy=True) as font:
                return Face(path) if index in (None, 0) and _has_chinese(font) else None
        with TTCollection(path, lazy=True) as fonts:
            if index is None:
                names = [str(font["name"].getDebugName(1) or "") for font in fonts]
                index = next((i for i, name in enumerate(names) if name.endswith(" SC")), 0)
            if not 0 <= index < len(fonts) or not _has_chinese(fonts[index]):
                return None
        return Face(path, index, collection=True)
    except (OSError, TTLibError, KeyError, AssertionError):
        return None


def _configured() -> Face:
    value = os.environ.get(ENV_VAR, "").strip()
    path, _sep, number = value.partition("#")
    index = int(number) if number.isdigit() else None
    face = usable_face(path, index)
    if face is None:
        raise FontNotFound(
            _(
                "The font named by %(var)s (%(path)s) cannot be used: it is missing or has no "
                "Chinese characters."
            )
            % {"var": ENV_VAR, "path": value}
        )
    return face


def find_font() -> Face:
    """The font for PDF documents; FontNotFound when there is none."""
    if os.environ.get(ENV_VAR, "").strip():
        return _configured()
    for path in KNOWN_FONTS:
        face = usable_face(path)
        if face is not None:
            return face
    raise FontNotFound(
        _(
            "No font with Chinese characters was found, so PDF documents cannot be made. Install the "
            "Debian package fonts-noto-cjk or set %(var)s to a font file. Word documents still work."
        )
        % {"var": ENV_VAR}
    )


def bold_of(face: Face) -> Face | None:
    """The bold face of ``face``'s family, where one is installed beside it."""
    bold = BOLD_FONTS.get(face.path)
    return usable_face(bold, face.index) if bold is not None else None


def subset_font(face: Face, text: str) -> bytes:
    """The face with only the glyphs of ``text`` (and .notdef), as an OpenType/TrueType file.

    About a second for a page of Chinese text in a CFF font: the outlines of every glyph used are
    read and rewritten.
    """
    options = Options()
    options.layout_features = []  # Chinese needs no shaping here
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += ["BASE", "GDEF", "GPOS", "GSUB", "VORG", "vhea", "vmtx", "DSIG", "FFTM"]
    subsetter = Subsetter(options)
    subsetter.populate(text=text)
    with TTFont(face.path, fontNumber=face.index if face.collection else -1, lazy=True) as font:
        subsetter.subset(font)
        output = io.BytesIO()
        font.save(output)
    return output.getvalue()


@functools.lru_cache(maxsize=32)
def subset_title_font(face: Face, text: str) -> bytes:
    """``subset_font`` for titles, which repeat: kept in memory, made once per title and process."""
    return subset_font(face, text)
