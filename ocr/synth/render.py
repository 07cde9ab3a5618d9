"""The top-level API: a transcript in, scanned-looking page images and their exact ground truth out.

Everything random comes from numpy generators seeded by (seed, stream), so a (transcript, level,
seed, dpi) always gives the same pixels. The layout streams do not depend on the level: one seed
types the same document, and the levels only differ in what happens to the sheet afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cv2
import numpy as np

from ocr.compare.transcript import Transcript, to_markdown
from ocr.contract import TelegramDocument
from ocr.lines import Line, Role
from ocr.synth import degrade, stamps
from ocr.synth.canvas import Canvas, Ink, a4_size
from ocr.synth.compose import Drawn, Layout, PageOverflow, choose_layout, compose_page
from ocr.synth.degrade import LEVELS, Degradation, Level
from ocr.synth.truth import ScannedPage, document, scan_box

__all__ = ["Level", "RenderOptions", "Rendering", "render"]

# Tighter line pitches tried, in turn, when a page's text does not fit at the document's own.
PITCH_FACTORS = (1.0, 0.9, 0.8, 0.72)
# Streams of the seed's random numbers, so one choice never shifts another.
_CHOICES, _LAYOUT, _PAGE, _SCAN = 1, 2, 100, 1000


@dataclass(frozen=True)
class RenderOptions:
    """Overrides of what the seed would choose; None leaves the choice to the seed."""

    carbon: bool | None = None  # typed on a carbon copy: violet-grey, slightly spread typing
    grayscale: bool | None = None  # scanned in grayscale: the BGR image has equal channels
    stamp: bool | None = None  # press a violet stamp on page 1 (default: moderate and heavy)
    skew_deg: float | None = None  # the same skew for every page, counter-clockwise degrees


@dataclass
class Rendering:
    pages: list[np.ndarray]  # uint8 BGR (H, W, 3) page images as scanned, after degradation
    dpi: int
    truth: TelegramDocument
    transcript_markdown: str  # the archive-format transcription of what was drawn


@dataclass(frozen=True)
class _Choices:
    carbon: bool
    grayscale: bool
    stamp: bool
    paper: tuple[int, int, int]  # RGB


def _choose(seed: int, degradation: Degradation, options: RenderOptions) -> _Choices:
    rng = np.random.default_rng([seed, _CHOICES])
    carbon, grayscale = bool(rng.random() < 0.25), bool(rng.random() < 0.3)
    tint = rng.integers(-6, 5)
    paper = tuple(int(c + tint + rng.integers(-3, 4)) for c in degrade.PAPER)
    return _Choices(
        carbon=carbon if options.carbon is None else options.carbon,
        grayscale=grayscale if options.grayscale is None else options.grayscale,
        stamp=degradation.stamp if options.stamp is None else options.stamp,
        paper=paper,  # type: ignore[arg-type]
    )


def _compose(lines: list[Line], layout: Layout, dpi: int, seed: int, number: int) -> tuple[Canvas, list[Drawn]]:
    """Draw a page, tightening the body's line pitch if its text does not fit the sheet."""
    width, height = a4_size(dpi)
    for factor in PITCH_FACTORS:
        canvas = Canvas(width, height, dpi)
        try:
            fitted = replace(layout, pitch=round(layout.pitch * factor))
            return canvas, compose_page(canvas, lines, fitted, np.random.default_rng([seed, _PAGE + number]))
        except PageOverflow:
            continue
    raise PageOverflow(f"page {number} holds more text than an A4 sheet takes at the tightest line pitch")


def _year(transcript: Transcript) -> int:
    """The telegram's year for the stamp date: from the signature date (``19/1-50 г.``), else 1950."""
    found = re.search(r"-(\d{2})\s*г", transcript.record.signature.date_raw or "")
    return 1900 + int(found.group(1)) if found else 1950


def _stamp_target(items: list[Drawn]) -> Drawn:
    """Where the stamp lands: on the body's upper lines if there are any, else on any line."""
    body = [item for item in items if item.role is Role.BODY]
    return (body[: max(1, len(body) // 2)] or items)[-1]


def _scan(canvas: Canvas, degradation: Degradation, choices: _Choices, skew: float, flip: bool,
          rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Colour the sheet and put it through the scanner; returns (BGR image, canvas->scan matrix)."""
    inks = {**degrade.INKS, Ink.TYPE: degrade.CARBON if choices.carbon else degrade.INKS[Ink.TYPE]}
    if choices.carbon and Ink.TYPE in canvas.layers:  # carbon paper spreads each strike a little
        canvas.layers[Ink.TYPE] = cv2.GaussianBlur(canvas.layers[Ink.TYPE], (0, 0), 0.7 * canvas.scale)
    image = degrade.colourise(canvas, choices.paper, inks, rng, degradation.ink_unevenness)
    shift = degrade.border_shift(rng, canvas.scale) if degradation.border else (0, 0)
    fill = degrade.LID if degradation.border else choices.paper
    image, matrix = degrade.place_on_glass(image, skew, shift, fill[::-1])
    if flip:
        image, matrix = degrade.upside_down(image, matrix)
    if degradation.lighting:
        image = degrade.uneven_lighting(image, degradation.lighting, rng)
    image = degrade.sensor(image, degradation.blur_sigma * canvas.scale, degradation.noise_sigma,
                           degradation.speckle, rng)
    if choices.grayscale:
        image = degrade.grayscale(image)
    if degradation.jpeg_quality:
        image = degrade.jpeg(image, int(rng.integers(*degradation.jpeg_quality, endpoint=True)), choices.grayscale)
    return image, matrix


def render(transcript: Transcript, level: Level, seed: int, dpi: int = 300, document_id: str = "synthetic",
           options: RenderOptions | None = None) -> Rendering:
    """Render ``transcript`` as a scanned telegram at ``dpi``, degraded to ``level``; deterministic for the arguments."""
    level = Level(level)
    degradation = LEVELS[level]
    options = options or RenderOptions()
    choices = _choose(seed, degradation, options)
    layout_rng = np.random.default_rng([seed, _LAYOUT])
    width, height = a4_size(dpi)
    layout = choose_layout(Canvas(width, height, dpi), layout_rng, degradation.jitter_px, level is Level.HEAVY)
    scan_rng = np.random.default_rng([seed, _SCAN, list(Level).index(level)])
    count = len(transcript.pages)
    flipped = int(scan_rng.integers(count)) if degradation.upside_down and count > 1 else -1
    images, scanned, stamp_marks = [], [], []
    for number, lines in enumerate(transcript.pages, start=1):
        canvas, items = _compose(lines, layout, dpi, seed, number)
        pressed = stamps.press(canvas, _stamp_target(items).bbox, scan_rng, _year(transcript)) if choices.stamp and number == 1 and items else None
        skew = options.skew_deg if options.skew_deg is not None else float(scan_rng.uniform(-1, 1) * degradation.max_skew)
        image, matrix = _scan(canvas, degradation, choices, skew, number - 1 == flipped, scan_rng)
        page = ScannedPage(lines, items, matrix, width, height, skew, 180 if number - 1 == flipped else 0)
        if pressed and (box := scan_box(page, pressed.bbox)):
            stamp_marks.append(pressed.truth(number, box, choices.grayscale))
        images.append(image)
        scanned.append(page)
    params = {
        "level": level.value, "seed": seed, "dpi": dpi, "ink": "carbon" if choices.carbon else "ribbon",
        "grayscale": choices.grayscale, "stamp": choices.stamp, "columns": layout.columns,
        "skew_deg": [round(p.skew_deg, 3) for p in scanned], "upside_down_page": flipped + 1 if flipped >= 0 else None,
    }
    truth = document(transcript.record, stamp_marks, scanned, images, dpi, document_id, params)
    return Rendering(pages=images, dpi=dpi, truth=truth, transcript_markdown=to_markdown(transcript))
