"""Rubber stamps pressed over the page as real ones look: round seals with their legend set around the
ring and a star in the centre (some squashed along one direction, pressed at a slant on a bowed sheet of a
bound file), oval seals, and rectangular registry stamps (``Вх. № 0412-сс``, a date
with a Roman month), in a sans or serif face, unevenly inked, sometimes only partly pressed, turned
any way; with their exact text, shape and parsed fields for the ground truth.

The face is a function of the stamp's text (:func:`face_for`) so a benchmark can tell from the truth
alone which stamps were drawn in the face it holds out; the layout shows in the truth's shape and lines.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image, ImageDraw

from ocr.contract import BBox, Stamp
from ocr.form import ROMAN_MONTHS
from ocr.stamps import parse
from ocr.synth.canvas import Canvas, Ink
from ocr.synth.fonts import Face, load_font

MONTHS = ("ЯНВ", "ФЕВ", "МАР", "АПР", "МАЯ", "ИЮН", "ИЮЛ", "АВГ", "СЕН", "ОКТ", "НОЯ", "ДЕК")
RINGS = ("МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ СССР", "МИНИСТЕРСТВО ВНЕШНЕЙ ТОРГОВЛИ СССР", "СОВЕТ МИНИСТРОВ СОЮЗА ССР",
         "АРХИВ ВНЕШНЕЙ ПОЛИТИКИ СССР", "ЦЕНТРАЛЬНЫЙ ГОСУДАРСТВЕННЫЙ АРХИВ", "МИНИСТЕРСТВО ГОСУДАРСТВЕННОЙ БЕЗОПАСНОСТИ")
CENTRES = ("СЕКРЕТАРИАТ", "ОБЩИЙ ОТДЕЛ", "ДЛЯ ПАКЕТОВ", "КАНЦЕЛЯРИЯ", "1-й ОТДЕЛ", "")
OFFICES = (("МИД СССР", "СЕКРЕТАРИАТ т. ВЫШИНСКОГО"), ("МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ СССР", "ОТДЕЛ ДВ"),
           ("СЕКРЕТАРИАТ т. МОЛОТОВА",), ("МИД СССР", "ОБЩИЙ ОТДЕЛ"), ("ОТДЕЛ СТРАН", "ДАЛЬНЕГО ВОСТОКА"))
SUFFIXES = ("", "-сс", "-с", "/сс")
# The benchmark's held-out split: a face and a layout (the oval seal) never looked at while tuning.
TUNING_FACES = (Face.PRINT_BOLD, Face.PRINT)
TUNING_SERIF = Face.LIBERATION_SERIF_BOLD  # a serif to tune on that is not the held-out one; never on ovals
HELD_OUT_FACE = Face.TITLE
HELD_OUT_SHAPE = "oval"
SLANT_SHARE = 0.37  # of the round seals not in the held-out face: squashed by SLANT_ASPECT, still round seals
SLANT_ASPECT = (1.1, 1.3)  # long axis over short: less than the held-out oval's 1.4


@dataclass(frozen=True)
class StampMark:
    """A stamp as pressed: its text (lines joined by newlines), inked box in canvas pixels, shape and lines."""

    text: str
    bbox: BBox
    shape: str = "rectangular"
    lines: list[str] = field(default_factory=list)

    def truth(self, page: int, bbox: BBox, grayscale: bool = False) -> Stamp:
        """The contract's record of this stamp on scan page ``page`` at ``bbox`` (scan pixels)."""
        fields = parse.parse(self.lines)
        return Stamp(kind="ink_stamp", text=self.text, page=page, bbox=bbox, confidence=100, shape=self.shape,
                     colour=None if grayscale else "violet", lines=self.lines, office=fields.office,
                     incoming_number=fields.incoming_number, date=fields.date, date_raw=fields.date_raw)


def face_for(text: str, layout: str = "rect") -> Face:
    """The face a stamp with ``text`` is cut in: one in four in the held-out serif face, else a sans or, but
    on an oval (so the held-out ovals stay as they were drawn), one in three in the tuning serif."""
    digest = zlib.crc32(text.encode())
    if digest % 4 == 0:
        return HELD_OUT_FACE
    if layout != "oval" and digest // 4 % 3 == 0:
        return TUNING_SERIF
    return TUNING_FACES[digest // 4 % len(TUNING_FACES)]


def held_out(stamp: Stamp) -> bool:
    """Whether a truth stamp belongs to the benchmark's held-out split (its face or its layout)."""
    return stamp.shape == HELD_OUT_SHAPE or face_for(stamp.text) is HELD_OUT_FACE


def _centred_lines(draw: ImageDraw.ImageDraw, lines: list[str], centre: tuple[float, float], size: int, face: Face) -> None:
    font = load_font(face, size)
    pitch = round(size * 1.25)
    top = centre[1] - pitch * (len(lines) - 1) / 2
    for k, text in enumerate(lines):
        draw.text((centre[0], top + k * pitch), text, font=font, fill=255, anchor="mm")


def rectangular(lines: list[str], size: int, face: Face = Face.PRINT_BOLD, rounded: bool = False) -> np.ndarray:
    """A registry stamp: lines of capitals in a double frame (rounded corners optional); mask 0..255, ``size`` = em px."""
    font = load_font(face, size)
    width = max(round(font.getlength(t)) for t in lines) + size * 2
    height = round(size * 1.25 * len(lines)) + size
    image = Image.new("L", (width, height))
    draw = ImageDraw.Draw(image)
    line, inset = max(2, size // 12), max(2, size // 12) * 3
    radius = size // 2 if rounded else 0
    draw.rounded_rectangle((0, 0, width - 1, height - 1), radius=radius, outline=255, width=line)
    draw.rounded_rectangle((inset, inset, width - 1 - inset, height - 1 - inset), radius=radius // 2, outline=255,
                           width=max(1, line // 2))
    _centred_lines(draw, lines, (width / 2, height / 2), size, face)
    return np.asarray(image)


def star(draw: ImageDraw.ImageDraw, centre: tuple[float, float], radius: float) -> None:
    """A filled five-pointed star, point up."""
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.4
        angle = math.radians(-90 + 36 * k)
        points.append((centre[0] + r * math.cos(angle), centre[1] + r * math.sin(angle)))
    draw.polygon(points, fill=255)


def _ring_text(image: Image.Image, ring: str, radius: float, size: int, face: Face) -> None:
    """``ring`` set clockwise round the circle, letters' tops outward, spread over most of it from the bottom left."""
    font = load_font(face, size)
    advances = [font.getlength(c) for c in ring]
    span = min(2 * math.pi * 0.86, 1.15 * sum(advances) / radius)  # radians: spread out, a gap at the bottom
    step = span / max(sum(advances), 1)
    centre = image.width / 2
    position = -span / 2  # angle clockwise from the top of the first letter's left edge: the gap at the bottom
    for char, advance in zip(ring, advances):
        angle = position + advance * step / 2
        glyph = Image.new("L", (size * 2, size * 2))
        ImageDraw.Draw(glyph).text((size, size), char, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.Resampling.BILINEAR)
        x, y = centre + radius * math.sin(angle), centre - radius * math.cos(angle)
        image.paste(glyph, (round(x - size), round(y - size)), glyph)
        position += advance * step


def round_stamp(ring: str, centre_lines: list[str], diameter: int, face: Face = Face.PRINT_BOLD) -> np.ndarray:
    """A seal: ``ring`` round a double circle, a star and ``centre_lines`` inside; mask 0..255."""
    image = Image.new("L", (diameter, diameter))
    draw = ImageDraw.Draw(image)
    line = max(2, diameter // 90)
    draw.ellipse((0, 0, diameter - 1, diameter - 1), outline=255, width=line)
    draw.ellipse((line * 3, line * 3, diameter - 1 - line * 3, diameter - 1 - line * 3), outline=255, width=max(1, line // 2))
    inner = round(diameter * 0.2)
    draw.ellipse((inner, inner, diameter - 1 - inner, diameter - 1 - inner), outline=255, width=line)
    size = round(diameter * 0.085)
    _ring_text(image, ring, diameter / 2 - line * 4 - size * 0.62, size, face)
    lines = [t for t in centre_lines if t]
    star(draw, (diameter / 2, diameter / 2 - (size if lines else 0)), diameter * 0.08)
    if lines:
        _centred_lines(draw, lines, (diameter / 2, diameter / 2 + size * 0.9), round(size * 0.8), face)
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


def partial(coverage: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A stamp pressed unevenly on one edge: the ink fades towards one side, down to a third at the edge."""
    h, w = coverage.shape
    angle = rng.uniform(0, 2 * math.pi)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    along = ((xs / w - 0.5) * math.cos(angle) + (ys / h - 0.5) * math.sin(angle)) * 2  # -1..1 across the stamp
    start = rng.uniform(0.2, 0.6)
    fade = np.clip(1.0 - (along - start) / (1.0 - start) * 0.67, 0.33, 1.0)
    return coverage * fade


def incoming(rng: np.random.Generator) -> str:
    return f"{int(rng.integers(1, 9999)):04d}{SUFFIXES[int(rng.integers(len(SUFFIXES)))]}"


def roman_date(rng: np.random.Generator, year: int) -> str:
    return f"{int(rng.integers(1, 29))} {ROMAN_MONTHS[int(rng.integers(12))]} {year} г."


def stamp_text(rng: np.random.Generator, year: int) -> tuple[str, list[str], list[str]]:
    """A random stamp: (layout "rect", "round", "slant" or "oval"; a rect's lines, or [ring]; a seal's centre lines)."""
    draw = rng.random()
    if draw < 0.5:
        office = list(OFFICES[int(rng.integers(len(OFFICES)))])
        return "rect", [*office, f"Вх. № {incoming(rng)}", roman_date(rng, year)], []
    ring, centre = str(rng.choice(RINGS)), str(rng.choice(CENTRES))
    if draw >= 0.85:
        return "oval", [ring], [centre] if centre else []
    # A share of the round draws come out squashed; those in the held-out face stay round, as they were drawn.
    slant = draw >= 0.85 - 0.35 * SLANT_SHARE and face_for("\n".join([ring, centre] if centre else [ring])) is not HELD_OUT_FACE
    return ("slant" if slant else "round"), [ring], [centre] if centre else []


def _mask(layout: str, lines: list[str], centre: list[str], canvas: Canvas, rng: np.random.Generator) -> np.ndarray:
    face = face_for("\n".join(lines + centre), layout)
    if layout == "rect":
        return rectangular(lines, canvas.px(rng.uniform(44, 56)), face, rounded=bool(rng.random() < 0.4))
    diameter = canvas.px(rng.uniform(470, 540))
    mask = round_stamp(lines[0], centre, diameter, face)
    if layout == "oval":  # a horizontal oval seal: the round one drawn wider
        mask = cv2.resize(mask, (round(diameter * 1.4), diameter), interpolation=cv2.INTER_LINEAR)
    elif layout == "slant":  # a round seal squashed along one direction (turned any way after)
        mask = cv2.resize(mask, (diameter, round(diameter / rng.uniform(*SLANT_ASPECT))), interpolation=cv2.INTER_AREA)
    return mask


def press(canvas: Canvas, over: BBox, rng: np.random.Generator, year: int = 1950) -> StampMark:
    """Press a random violet stamp with its centre somewhere over the box ``over`` (canvas pixels)."""
    layout, lines, centre = stamp_text(rng, year)
    mask = _mask(layout, lines, centre, canvas, rng)
    # Seals are pressed any way round; a registry stamp roughly upright, as a clerk reads it.
    turn = rng.uniform(0, 360) if layout != "rect" else rng.uniform(-30, 30)
    coverage = uneven(_tilt(mask, float(turn)), rng)
    if rng.random() < 0.3:
        coverage = partial(coverage, rng)
    h, w = coverage.shape
    cx = over[0] + rng.uniform(0.3, 0.9) * over[2]
    cy = over[1] + rng.uniform(0.0, 1.0) * over[3]
    x = int(np.clip(cx - w / 2, 0, canvas.width - w))
    y = int(np.clip(cy - h / 2, 0, canvas.height - h))
    canvas.put(Ink.STAMP, coverage, x, y)
    ys, xs = np.nonzero(coverage > 0.05)
    box = (x + int(xs.min()), y + int(ys.min()), int(xs.max() - xs.min()) + 1, int(ys.max() - ys.min()) + 1)
    shape = {"rect": "rectangular", "round": "round", "slant": "round", "oval": "oval"}[layout]
    return StampMark("\n".join(lines + centre), box, shape, lines + centre)
