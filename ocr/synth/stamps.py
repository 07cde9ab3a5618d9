"""Violet rubber stamps pressed over the page: a registry's incoming stamp (rectangular) or an
archive's round stamp, tilted and unevenly inked as a hand-pressed stamp is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

from ocr.contract import BBox
from ocr.synth.canvas import Canvas, Ink
from ocr.synth.fonts import Face, load_font

MONTHS = ("ЯНВ", "ФЕВ", "МАР", "АПР", "МАЯ", "ИЮН", "ИЮЛ", "АВГ", "СЕН", "ОКТ", "НОЯ", "ДЕК")
ARCHIVES = ("АРХИВ ПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ", "ЦЕНТРАЛЬНЫЙ ГОСУДАРСТВЕННЫЙ АРХИВ", "АРХИВ ВНЕШНЕЙ ПОЛИТИКИ СССР")


@dataclass(frozen=True)
class StampMark:
    """A stamp as pressed: its text (lines joined by newlines) and inked box in canvas pixels."""

    text: str
    bbox: BBox


def _centred_lines(draw: ImageDraw.ImageDraw, lines: list[str], centre: tuple[int, int], size: int) -> None:
    font = load_font(Face.PRINT_BOLD, size)
    pitch = round(size * 1.25)
    top = centre[1] - pitch * (len(lines) - 1) / 2
    for k, text in enumerate(lines):
        draw.text((centre[0], top + k * pitch), text, font=font, fill=255, anchor="mm")


def rectangular(lines: list[str], size: int) -> np.ndarray:
    """An incoming-registry stamp: lines of bold capitals in a double frame; mask 0..255, ``size`` = em px."""
    font = load_font(Face.PRINT_BOLD, size)
    width = max(round(font.getlength(t)) for t in lines) + size * 2
    height = round(size * 1.25 * len(lines)) + size
    image = Image.new("L", (width, height))
    draw = ImageDraw.Draw(image)
    line = max(2, size // 12)
    draw.rectangle((0, 0, width - 1, height - 1), outline=255, width=line)
    draw.rectangle((line * 3, line * 3, width - 1 - line * 3, height - 1 - line * 3), outline=255, width=max(1, line // 2))
    _centred_lines(draw, lines, (width // 2, height // 2), size)
    return np.asarray(image)


def round_stamp(ring: str, centre_lines: list[str], diameter: int) -> np.ndarray:
    """An archive stamp: ``ring`` set around the top of a double circle, ``centre_lines`` inside; mask 0..255."""
    image = Image.new("L", (diameter, diameter))
    draw = ImageDraw.Draw(image)
    line = max(2, diameter // 100)
    draw.ellipse((0, 0, diameter - 1, diameter - 1), outline=255, width=line)
    inner = round(diameter * 0.2)
    draw.ellipse((inner, inner, diameter - 1 - inner, diameter - 1 - inner), outline=255, width=line)
    size = round(diameter * 0.075)
    font = load_font(Face.PRINT_BOLD, size)
    radius = diameter / 2 - line - size * 0.95
    span = min(300.0, len(ring) * 360 * size * 0.7 / (2 * math.pi * radius))
    for k, char in enumerate(ring):
        angle = -span / 2 + span * k / max(len(ring) - 1, 1)  # degrees clockwise from the top
        glyph = Image.new("L", (size * 2, size * 2))
        ImageDraw.Draw(glyph).text((size, size), char, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-angle, resample=Image.Resampling.BILINEAR)
        cx = diameter / 2 + radius * math.sin(math.radians(angle))
        cy = diameter / 2 - radius * math.cos(math.radians(angle))
        image.paste(glyph, (round(cx - size), round(cy - size)), glyph)
    _centred_lines(draw, centre_lines, (diameter // 2, diameter // 2), round(size * 1.1))
    return np.asarray(image)


def _tilt(mask: np.ndarray, degrees: float) -> np.ndarray:
    """``mask`` rotated counter-clockwise by ``degrees``, the canvas grown to keep the corners."""
    h, w = mask.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(w * cos + h * sin) + 2, int(h * cos + w * sin) + 2
    matrix[:, 2] += (new_w - w) / 2, (new_h - h) / 2
    return cv2.warpAffine(mask, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR)


def uneven(mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Coverage 0..1 of a hand-pressed stamp: one side pressed harder, patches starved of ink."""
    h, w = mask.shape
    # Aniline stamp ink is vivid where it lands; the unevenness is in where it lands, not in its colour.
    patches = cv2.resize(rng.uniform(0.7, 1.0, (6, 6)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    ramp = np.linspace(rng.uniform(0.75, 0.95), 1.0, w, dtype=np.float32)[None, :]
    grain = rng.uniform(0.85, 1.0, (h, w)).astype(np.float32)
    return np.clip(mask.astype(np.float32) / 255.0 * patches * ramp * grain, 0.0, 1.0)


def stamp_text(rng: np.random.Generator, year: int) -> tuple[str, list[str], list[str]]:
    """A random stamp: (kind "rect" or "round", lines for a rectangular one / ring + centre lines for a round one)."""
    if rng.random() < 0.55:
        day, month = int(rng.integers(1, 29)), MONTHS[int(rng.integers(12))]
        return "rect", [f"ВХ. № {int(rng.integers(100, 9999))}", f"{day} {month} {year}"], []
    return "round", [str(rng.choice(ARCHIVES))], [f"ФОНД {int(rng.integers(1, 90))}", f"ОПИСЬ {int(rng.integers(1, 400))}"]


def press(canvas: Canvas, over: BBox, rng: np.random.Generator, year: int = 1950) -> StampMark:
    """Press a random violet stamp with its centre somewhere over the box ``over`` (canvas pixels)."""
    kind, lines, centre = stamp_text(rng, year)
    if kind == "rect":
        mask, text = rectangular(lines, canvas.px(62)), "\n".join(lines)
    else:
        mask, text = round_stamp(lines[0], centre, canvas.px(560)), "\n".join(lines + centre)
    coverage = uneven(_tilt(mask, float(rng.uniform(-12, 12))), rng)
    h, w = coverage.shape
    cx = over[0] + rng.uniform(0.3, 0.9) * over[2]
    cy = over[1] + rng.uniform(0.0, 1.0) * over[3]
    x = int(np.clip(cx - w / 2, 0, canvas.width - w))
    y = int(np.clip(cy - h / 2, 0, canvas.height - h))
    canvas.put(Ink.STAMP, coverage, x, y)
    ys, xs = np.nonzero(coverage > 0.05)
    return StampMark(text, (x + int(xs.min()), y + int(ys.min()), int(xs.max() - xs.min()) + 1, int(ys.max() - ys.min()) + 1))
