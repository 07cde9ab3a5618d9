"""Typing and printing text onto a :class:`~ocr.synth.canvas.Canvas`.

Typing is per glyph, as a typewriter strikes: a fixed advance, the type bar landing a pixel or two
off the baseline, each strike inking a little differently (some faint, some heavy), a few type bars
of the machine bent, broken, raised or lowered the same way every time they strike, a worn ribbon
inking the lower half of each letter less, and now and then a letter struck twice. Printing (the
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
class Defect:
    """A type bar's lasting fault: tilted (degrees, counter-clockwise) and/or a piece of the slug broken off.

    ``broken`` is (top, bottom) of the missing band as shares of the glyph's height, or None.
    """

    tilt_deg: float = 0.0
    broken: tuple[float, float] | None = None


@dataclass(frozen=True)
class Strike:
    """How a typewriter strikes: all lengths in pixels of the canvas."""

    size_px: int  # em size
    jitter_px: int  # the baseline wanders by up to this much, per glyph
    darkness: tuple[float, float] = (0.85, 1.0)  # coverage multiplier range per glyph
    faint_rate: float = 0.01  # share of glyphs struck faintly (worn ribbon, light touch)
    heavy_rate: float = 0.04  # share struck hard (slightly bolder)
    misaligned: tuple[tuple[str, int], ...] = ()  # type bars raised or lowered on this machine: (char, baseline offset px)
    spread_px: int = 1  # stroke thickening of every strike; a heavy strike adds one more
    face: Face = Face.TYPE
    pitch_px: float | None = None  # advance per character; None: the face's own (0.6 em)
    width: float = 1.0  # horizontal scale of each glyph: condensed and extended slugs
    defects: tuple[tuple[str, Defect], ...] = ()  # type bars bent or broken on this machine
    wear: float = 0.0  # 0..1: how much less ink a worn ribbon leaves on the lower half of each letter
    double_rate: float = 0.0  # share of letters struck twice, the second a pixel or two off
    fitted: bool = False  # a book face cut to the machine's pitch: each letter narrowed to its cell and centred in it

    @property
    def advance(self) -> float:
        """Horizontal pitch in pixels: by default the monospace faces' 0.6 em."""
        return self.pitch_px if self.pitch_px is not None else self.size_px * 0.6


@functools.cache
def glyph(face: Face, size_px: int, text: str, spread_px: int = 0, width: float = 1.0,
          defect: Defect | None = None, wear: float = 0.0) -> tuple[np.ndarray, int, int]:
    """Coverage mask (float32 0..1) of ``text`` and its offset (dx, dy) from the pen at the baseline.

    ``spread_px`` thickens the strokes by that many pixels: a type slug pressing ribbon ink into paper
    leaves a fuller stroke than a font's thin outline. ``width`` scales horizontally about the pen.
    """
    font = load_font(face, size_px)
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    image = Image.new("L", (max(right - left + spread_px, 1), max(bottom - top + spread_px, 1)))
    ImageDraw.Draw(image).text((-left, -top), text, font=font, fill=255, anchor="ls")
    mask = np.asarray(image, dtype=np.float32) / 255.0
    if spread_px:
        mask = cv2.dilate(mask, np.ones((spread_px + 1, spread_px + 1), np.uint8), anchor=(0, 0))
    if width != 1.0:
        mask = cv2.resize(mask, (max(1, round(mask.shape[1] * width)), mask.shape[0]), interpolation=cv2.INTER_LINEAR)
        left = round(left * width)
    if defect is not None:
        mask = _damaged(mask, defect)
    if wear:
        mask = mask * np.linspace(1.0, 1.0 - wear, mask.shape[0], dtype=np.float32)[:, None]
    mask.setflags(write=False)
    return mask, left, top


def slug(strike: Strike, char: str, spread_px: int, defect: Defect | None = None,
         wear: float = 0.0) -> tuple[np.ndarray, int, int]:
    """:func:`glyph` of ``char`` as this machine's type bar carries it; a fitted face's wide letters (``Ш``,
    ``Ж``, ``Ю``) are narrowed to nine tenths of the cell, as a typewriter maker cut them."""
    if not strike.fitted:
        return glyph(strike.face, strike.size_px, char, spread_px, strike.width, defect, wear)
    natural = glyph(strike.face, strike.size_px, char)[0].shape[1]
    width = min(strike.width, 0.9 * strike.advance / natural)
    mask, _, dy = glyph(strike.face, strike.size_px, char, spread_px, round(width, 2), defect, wear)
    return mask, round((strike.advance - mask.shape[1]) / 2), dy


def _damaged(mask: np.ndarray, defect: Defect) -> np.ndarray:
    """The glyph as a bent or broken type bar prints it."""
    h, w = mask.shape
    out = mask.copy()
    if defect.broken:
        out[round(h * defect.broken[0]):round(h * defect.broken[1]), :] *= 0.15
    if defect.tilt_deg:
        matrix = cv2.getRotationMatrix2D((w / 2, h), defect.tilt_deg, 1.0)  # bent at the foot of the bar
        out = cv2.warpAffine(out, matrix, (w, h), flags=cv2.INTER_LINEAR)
    return out


def _strength(strike: Strike, rng: np.random.Generator) -> tuple[float, bool]:
    roll = rng.random()
    if roll < strike.faint_rate:
        return float(rng.uniform(0.45, 0.65)), False
    heavy = roll > 1.0 - strike.heavy_rate
    return float(rng.uniform(*strike.darkness)), heavy


def type_text(canvas: Canvas, text: str, x: float, baseline: int, strike: Strike,
              rng: np.random.Generator, ink: Ink = Ink.TYPE) -> BBox | None:
    """Type ``text`` with its first character cell at ``x`` (pixels) on ``baseline``; returns the inked box."""
    bent, faults = dict(strike.misaligned), dict(strike.defects)
    boxes = []
    for i, char in enumerate(text):
        if char.isspace():
            continue
        strength, heavy = _strength(strike, rng)
        mask, dx, dy = slug(strike, char, strike.spread_px + heavy, faults.get(char), strike.wear)
        jitter = int(rng.integers(-strike.jitter_px, strike.jitter_px + 1)) if strike.jitter_px else 0
        pen_x, pen_y = round(x + i * strike.advance) + dx, baseline + dy + jitter + bent.get(char, 0)
        box = canvas.put(ink, mask * strength, pen_x, pen_y)
        if strike.double_rate and rng.random() < strike.double_rate:  # the key struck again, the carriage not quite still
            canvas.put(ink, mask * strength * 0.8, pen_x + int(rng.choice([-2, -1, 1, 2])), pen_y + int(rng.integers(-1, 2)))
        if box:
            boxes.append(box)
    return union_box(boxes)


def mistype(canvas: Canvas, x: float, most: int, baseline: int, strike: Strike, rng: np.random.Generator) -> None:
    """A typist's correction: 3 to ``most`` wrong letters from ``x``, overtyped with ``x``/``X``.

    It is not text: no box, and the truth (as an archive's transcription) leaves it out.
    """
    length = int(rng.integers(3, max(3, most) + 1))
    type_text(canvas, "".join(rng.choice(list("абвгдеклмнопрстуя"), length)), x, baseline, strike, rng)
    for i in range(length):
        mask, dx, dy = slug(strike, "Х" if rng.random() < 0.5 else "х", strike.spread_px)
        canvas.put(Ink.TYPE, mask * float(rng.uniform(*strike.darkness)), round(x + i * strike.advance) + dx, baseline + dy)


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
