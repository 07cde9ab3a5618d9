"""Fonts for the synthetic scans, all with Cyrillic, all from Debian packages.

Typing uses one of several monospace faces, or a book face set in the machine's fixed pitch (a
typewriter's slugs differ from machine to machine); the printed form uses a sans or a serif face;
handwriting is Z003 (a Zapf Chancery clone).
"""

from __future__ import annotations

import functools
from enum import Enum
from pathlib import Path

from PIL import ImageFont

from ocr.errors import MissingDependencyError

_URW = "/usr/share/fonts/opentype/urw-base35"


class Face(str, Enum):
    """The faces a telegram is drawn in; the value is the font's name."""

    TYPE = "NimbusMonoPS-Regular"
    PRINT = "NimbusSans-Regular"
    PRINT_BOLD = "NimbusSans-Bold"
    TITLE = "NimbusRoman-Bold"
    HAND = "Z003-MediumItalic"
    # Other typewriters
    DEJAVU_MONO = "DejaVuSansMono"
    LIBERATION_MONO = "LiberationMono-Regular"
    FREE_MONO = "FreeMono"
    NOTO_MONO = "NotoSansMono-Regular"
    PT_MONO = "PTMono-Regular"
    # Book faces a typewriter maker cut slugs after: set in the machine's fixed pitch, wide letters narrowed
    BOOKMAN = "URWBookman-Light"
    CENTURY = "C059-Roman"
    # Other printings of the form
    SANS_NARROW = "NimbusSansNarrow-Regular"
    SANS_NARROW_BOLD = "NimbusSansNarrow-Bold"
    SERIF = "NimbusRoman-Regular"
    SERIF_BOLD = "NimbusRoman-Bold"
    LIBERATION_SERIF = "LiberationSerif-Regular"
    LIBERATION_SERIF_BOLD = "LiberationSerif-Bold"
    PT_SERIF = "PTSerif-Regular"
    PT_SERIF_BOLD = "PTSerif-Bold"
    DEJAVU_SANS = "DejaVuSans"
    DEJAVU_SANS_BOLD = "DejaVuSans-Bold"


# face -> (file, Debian package)
FILES: dict[Face, tuple[str, str]] = {
    Face.TYPE: (f"{_URW}/NimbusMonoPS-Regular.otf", "fonts-urw-base35"),
    Face.PRINT: (f"{_URW}/NimbusSans-Regular.otf", "fonts-urw-base35"),
    Face.PRINT_BOLD: (f"{_URW}/NimbusSans-Bold.otf", "fonts-urw-base35"),
    Face.TITLE: (f"{_URW}/NimbusRoman-Bold.otf", "fonts-urw-base35"),
    Face.HAND: (f"{_URW}/Z003-MediumItalic.otf", "fonts-urw-base35"),
    Face.DEJAVU_MONO: ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", "fonts-dejavu-core"),
    Face.LIBERATION_MONO: ("/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf", "fonts-liberation2"),
    Face.FREE_MONO: ("/usr/share/fonts/opentype/freefont/FreeMono.otf", "fonts-freefont-otf"),
    Face.NOTO_MONO: ("/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf", "fonts-noto-mono"),
    Face.PT_MONO: ("/usr/share/fonts/truetype/paratype/PTM55F.ttf", "fonts-paratype"),
    Face.BOOKMAN: (f"{_URW}/URWBookman-Light.otf", "fonts-urw-base35"),
    Face.CENTURY: (f"{_URW}/C059-Roman.otf", "fonts-urw-base35"),
    Face.SANS_NARROW: (f"{_URW}/NimbusSansNarrow-Regular.otf", "fonts-urw-base35"),
    Face.SANS_NARROW_BOLD: (f"{_URW}/NimbusSansNarrow-Bold.otf", "fonts-urw-base35"),
    Face.SERIF: (f"{_URW}/NimbusRoman-Regular.otf", "fonts-urw-base35"),
    Face.SERIF_BOLD: (f"{_URW}/NimbusRoman-Bold.otf", "fonts-urw-base35"),
    Face.LIBERATION_SERIF: ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", "fonts-liberation2"),
    Face.LIBERATION_SERIF_BOLD: ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf", "fonts-liberation2"),
    Face.PT_SERIF: ("/usr/share/fonts/truetype/paratype/PTF55F.ttf", "fonts-paratype"),
    Face.PT_SERIF_BOLD: ("/usr/share/fonts/truetype/paratype/PTF75F.ttf", "fonts-paratype"),
    Face.DEJAVU_SANS: ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core"),
    Face.DEJAVU_SANS_BOLD: ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "fonts-dejavu-core"),
}
PACKAGES = tuple(sorted({package for _, package in FILES.values()}))


@functools.cache
def font_path(face: Face) -> Path:
    """The installed font file of ``face``; MissingDependencyError when its package is absent."""
    path, package = FILES[face]
    if not Path(path).is_file():
        raise MissingDependencyError(f"font {face.value} is not installed", f"apt-get install {package}")
    return Path(path)


@functools.cache
def load_font(face: Face, size_px: int) -> ImageFont.FreeTypeFont:
    """``face`` at an em size of ``size_px`` pixels."""
    return ImageFont.truetype(str(font_path(face)), size_px)


@functools.cache
def cap_height(face: Face) -> float:
    """Height of a capital as a share of the em (Nimbus Mono 0.56, DejaVu Sans Mono 0.73)."""
    left, top, right, bottom = load_font(face, 100).getbbox("Н", anchor="ls")
    return -top / 100
