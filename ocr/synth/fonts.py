"""Fonts for the synthetic scans: URW base-35 (Debian's fonts-urw-base35), all with Cyrillic.

Typing is Nimbus Mono PS (a Courier clone, monospace like a typewriter); the printed parts of the
form are Nimbus Sans / Nimbus Roman; handwriting is Z003 (a Zapf Chancery clone).
"""

from __future__ import annotations

import functools
from enum import Enum
from pathlib import Path

from PIL import ImageFont

from ocr.errors import MissingDependencyError

FONT_DIRS = (Path("/usr/share/fonts/opentype/urw-base35"), Path("/usr/share/fonts/type1/urw-base35"))
INSTALL_HINT = "apt-get install fonts-urw-base35"


class Face(str, Enum):
    """The faces a telegram is drawn in, by job."""

    TYPE = "NimbusMonoPS-Regular"
    PRINT = "NimbusSans-Regular"
    PRINT_BOLD = "NimbusSans-Bold"
    TITLE = "NimbusRoman-Bold"
    HAND = "Z003-MediumItalic"


@functools.cache
def font_path(face: Face) -> Path:
    """The installed OpenType file of ``face``; MissingDependencyError when the package is absent."""
    for folder in FONT_DIRS:
        candidate = folder / f"{face.value}.otf"
        if candidate.is_file():
            return candidate
    raise MissingDependencyError(f"font {face.value} (URW base-35) is not installed", INSTALL_HINT)


@functools.cache
def load_font(face: Face, size_px: int) -> ImageFont.FreeTypeFont:
    """``face`` at an em size of ``size_px`` pixels."""
    return ImageFont.truetype(str(font_path(face)), size_px)
