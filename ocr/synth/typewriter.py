"""Typing and printing text onto a :class:`~ocr.synth.canvas.Canvas`.

Typing is per glyph, as a typewriter strikes: a fixed advance, the type bar landing a pixel or two
off the baseline, each strike inking a little differently (some faint, some heavy). Printing (the
form) is whole strings in a proportional face with even ink.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

from ocr.contract import BBox
from ocr.lines import union_box
from ocr.synth.canvas import Canvas, Ink
from ocr.synth.fonts import Face, load_font

# Em size of the typing at 300 dpi: 54 px (13 pt) gives Nimbus Mono a cap height of 30 px and a
# pica-like advance of 32.4 px (~9 characters per inch), what Tesseract reads best.
TYPE_EM_300 = 54


@dataclass(frozen=True)
class Strike:
    """How a typewriter strikes: all lengths in pixels of the canvas."""

    size_px: int  # em size
    jitter_px: int  # the baseline wanders by up to this much, per glyph
    darkness: tuple[float, float] = (0.85, 1.0)  # coverage multiplier range per glyph
    faint_rate: float = 0.01  # share of glyphs struck faintly (worn ribbon, light touch)
    heavy_rate: float = 0.04  # share struck hard (slightly bolder)
    misaligned: tuple[tuple[str, int], ...] = ()  # type bars bent on this machine: (char, baseline offset px)
    spread_px: int = 1  # stroke thickening of every strike; a heavy strike adds one more

    @property
    def advance(self) -> float:
        """Horizontal pitch in pixels: Nimbus Mono's advance is 0.6 em."""
        return self.size_px * 0.6


@functools.cache
def glyph(face: Face, size_px: int, text: str, spread_px: int = 0) -> tuple[np.ndarray, int, int]:
    """Coverage mask (float32 0..1) of ``text`` and its offset (dx, dy) from the pen at the baseline.

    ``spread_px`` thickens the strokes by that many pixels: a type slug pressing ribbon ink into paper
    leaves a fuller stroke than Nimbus Mono's thin outline.
    """
    font = load_font(face, size_px)
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    image = Image.new("L", (max(right - left + spread_px, 1), max(bottom - top + spread_px, 1)))
    ImageDraw.Draw(image).text((-left, -top), text, font=font, fill=255, anchor="ls")
    mask = np.asarray(image, dtype=np.float32) / 255.0
    if spread_px:
        mask = cv2.dilate(mask, np.ones((spread_px + 1, spread_px + 1), np.uint8), anchor=(0, 0))
    mask.setflags(write=False)
    return mask, left, top


def _strength(strike: Strike, rng: np.random.Generator) -> tuple[float, bool]:
    roll = rng.random()
    if roll < strike.faint_rate:
        return float(rng.uniform(0.45, 0.65)), False
    heavy = roll > 1.0 - strike.heavy_rate
    return float(rng.uniform(*strike.darkness)), heavy


def type_text(canvas: Canvas, text: str, x: float, baseline: int, strike: Strike,
              rng: np.random.Generator, ink: Ink = Ink.TYPE) -> BBox | None:
    """Type ``text`` with its first character cell at ``x`` (pixels) on ``baseline``; returns the inked box."""
    bent = dict(strike.misaligned)
    boxes = []
    for i, char in enumerate(text):
        if char.isspace():
            continue
        strength, heavy = _strength(strike, rng)
        mask, dx, dy = glyph(Face.TYPE, strike.size_px, char, strike.spread_px + heavy)
        jitter = int(rng.integers(-strike.jitter_px, strike.jitter_px + 1)) if strike.jitter_px else 0
        pen_x = round(x + i * strike.advance)
        box = canvas.put(ink, mask * strength, pen_x + dx, baseline + dy + jitter + bent.get(char, 0))
        if box:
            boxes.append(box)
    return union_box(boxes)


def typed_width(text: str, strike: Strike) -> int:
    """Width in pixels of ``text`` typed with ``strike``: characters times the advance."""
    return round(len(text) * strike.advance)


def print_text(canvas: Canvas, text: str, x: int, baseline: int, face: Face, size_px: int,
               strength: float = 0.95, ink: Ink = Ink.PRINT) -> BBox | None:
    """Print ``text`` in a proportional ``face`` starting at ``x`` on ``baseline``; returns the inked box."""
    mask, dx, dy = glyph(face, size_px, text)
    return canvas.put(ink, mask * strength, x + dx, baseline + dy)


def printed_width(text: str, face: Face, size_px: int) -> int:
    """Advance width in pixels of ``text`` printed in ``face``."""
    return round(load_font(face, size_px).getlength(text))
