"""The top-level API: a transcript in, scanned-looking page images and their exact ground truth out.

Everything random comes from numpy generators seeded by (seed, stream), so a (transcript, level,
seed, dpi) always gives the same pixels. What the document is (its typewriter, form printing, hand,
paper and scan profile: :mod:`.axes`) is drawn from the seed alone; the level sets how strongly the
sheet and the scan are degraded. The layout streams do not depend on the level either: one seed
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
from ocr.preprocess.geometry import compose, rotate_quarter
from ocr.synth import degrade, hand, machine, paper, scanner, stamps
from ocr.synth.axes import Variety, draw_variety
from ocr.synth.canvas import Canvas, Ink, a4_size
from ocr.synth.compose import Drawn, Layout, PageOverflow, choose_layout, compose_page
from ocr.synth.degrade import LEVELS, Degradation, Level
from ocr.synth.form import STYLES
from ocr.synth.truth import ScannedPage, document, scan_box

__all__ = ["Level", "RenderOptions", "Rendering", "render"]

# Tighter line pitches tried, in turn, when a page's text does not fit at the document's own.
PITCH_FACTORS = (1.0, 0.9, 0.8, 0.72)
# Streams of the seed's random numbers, so one choice never shifts another.
_CHOICES, _LAYOUT, _PAGE, _SCAN = 1, 2, 100, 1000
TURNS = (90, 180, 180, 270)  # clockwise degrees a page lies turned on the glass; upside down is the commonest


@dataclass(frozen=True)
class RenderOptions:
    """Overrides of what the seed would choose; None leaves the choice to the seed."""

    carbon: bool | None = None  # typed on a carbon copy: violet-grey, slightly spread typing
    grayscale: bool | None = None  # scanned in grayscale: the BGR image has equal channels
    stamp: bool | None = None  # press a violet stamp on page 1 (default: moderate and heavy)
    skew_deg: float | None = None  # the same skew for every page, counter-clockwise degrees
    variety: Variety | None = None  # the document's value on every axis (default: drawn from the seed)


@dataclass
class Rendering:
    pages: list[np.ndarray]  # uint8 BGR (H, W, 3) page images as scanned, after degradation
    dpi: int
    truth: TelegramDocument
    transcript_markdown: str  # the archive-format transcription of what was drawn


@dataclass(frozen=True)
class _Choices:
    variety: Variety
    stamp: bool
    paper: tuple[int, int, int]  # RGB
    dpi: int


def _variety(seed: int, options: RenderOptions) -> Variety:
    """The drawn variety with the options' overrides applied."""
    variety = options.variety or draw_variety(seed)
    if options.carbon is not None and options.carbon != variety.carbon:
        variety = replace(variety, ink="carbon-violet" if options.carbon else "ribbon")
    if options.grayscale is not None:
        variety = replace(variety, scan="grayscale" if options.grayscale else "colour")
    return variety


def _choose(seed: int, degradation: Degradation, options: RenderOptions, dpi: int | None) -> _Choices:
    rng = np.random.default_rng([seed, _CHOICES])
    variety = _variety(seed, options)
    tint = int(rng.integers(-6, 5)) - (14 if variety.paper == "aged" else 0)  # old paper yellows and darkens
    paper_rgb = tuple(int(c + tint + rng.integers(-3, 4)) for c in degrade.PAPER)
    return _Choices(
        variety=variety,
        stamp=degradation.stamp if options.stamp is None else options.stamp,
        paper=paper_rgb,  # type: ignore[arg-type]
        dpi=dpi or scanner.resolution(variety.scan, rng),
    )


def _resolution(canvas: Canvas, layout: Layout, rng: np.random.Generator) -> None:
    """A reader's resolution across page 1's top margin, in pen. Like a scrawl it is not transcribed (no box,
    not in the truth): a field or the page's text must never take it in."""
    text = f"{hand.RESOLUTIONS[int(rng.integers(len(hand.RESOLUTIONS)))]} {hand.INITIALS[int(rng.integers(len(hand.INITIALS)))]}"
    hand.write(canvas, text, round(canvas.width * rng.uniform(0.35, 0.45)), layout.top + canvas.px(10), rng)


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


def _carbon(canvas: Canvas, amount: float, rng: np.random.Generator) -> None:
    """A carbon copy's typing: spread by the carbon paper, fainter, each stroke doubled where the sheets slid."""
    typed = canvas.layers.get(Ink.TYPE)
    if typed is None:
        return
    blurred = cv2.GaussianBlur(typed, (0, 0), float(rng.uniform(0.6, 0.8 + 0.6 * amount)) * canvas.scale)
    dx, dy = (int(v) for v in rng.integers(1, 3, 2) * rng.choice([-1, 1], 2))
    doubled = np.roll(blurred, (dy, dx), axis=(0, 1)) * np.float32(rng.uniform(0.25, 0.5))
    canvas.layers[Ink.TYPE] = np.maximum(blurred, doubled) * np.float32(rng.uniform(0.85 - 0.25 * amount, 0.95))


def _sheet(canvas: Canvas, degradation: Degradation, choices: _Choices, rng: np.random.Generator) -> np.ndarray:
    """The sheet as it lies on the glass: typing (ribbon or carbon), paper and its damage, coloured (BGR)."""
    variety, amount = choices.variety, degradation.amount
    if variety.carbon:
        _carbon(canvas, amount, rng)
    if variety.paper == "thin":
        paper.bleed_through(canvas, amount, rng)
    inks = {**degrade.INKS, Ink.TYPE: degrade.CARBONS.get(variety.ink, degrade.INKS[Ink.TYPE])}
    image = degrade.colourise(canvas, choices.paper, inks, rng, degradation.ink_unevenness)
    if variety.paper == "aged":
        image = paper.foxing_and_stains(image, amount, canvas.scale, rng)
    elif variety.paper == "filed":
        image = paper.holes_and_folds(image, amount, canvas.scale, rng)
    return image


def _scan(canvas: Canvas, degradation: Degradation, choices: _Choices, skew: float, turn: int,
          rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Colour the sheet and put it through the scanner; returns (BGR image, canvas->scan matrix)."""
    image = _sheet(canvas, degradation, choices, rng)
    shift = degrade.border_shift(rng, canvas.scale) if degradation.border else (0, 0)
    fill = degrade.LID if degradation.border else choices.paper
    profile = choices.variety.scan
    zoom = float(rng.uniform(*scanner.ZOOMS)) if profile == "photocopy" else 1.0
    image, matrix = degrade.place_on_glass(image, skew, shift, fill[::-1], zoom)
    if turn:
        image, quarter = rotate_quarter(image, turn)
        matrix = compose(quarter, matrix)
    if degradation.lighting:
        image = degrade.uneven_lighting(image, degradation.lighting, rng)
    image = degrade.sensor(image, degradation.blur_sigma * canvas.scale, degradation.noise_sigma,
                           degradation.speckle, rng)
    if profile == "bitonal":
        return scanner.bitonal(image, rng), matrix  # a bitonal scan is stored losslessly (fax coding), never JPEG
    if profile == "microfilm":
        image = scanner.microfilm(image, degradation.amount, canvas.scale, rng)
    elif profile == "photocopy":
        image = scanner.photocopy(image, degradation.amount, canvas.scale, rng)
    elif profile == "grayscale":
        image = degrade.grayscale(image)
    if degradation.jpeg_quality:
        image = degrade.jpeg(image, int(rng.integers(*degradation.jpeg_quality, endpoint=True)), profile != "colour")
    return image, matrix


def _turned_page(degradation: Degradation, count: int, rng: np.random.Generator) -> tuple[int, int]:
    """(index of the page turned on the glass or -1, clockwise degrees it is turned by)."""
    if not degradation.upside_down or (count == 1 and rng.random() < 0.5):
        return -1, 0
    return int(rng.integers(count)), int(TURNS[int(rng.integers(len(TURNS)))])


def render(transcript: Transcript, level: Level, seed: int, dpi: int | None = None, document_id: str = "synthetic",
           options: RenderOptions | None = None) -> Rendering:
    """Render ``transcript`` as a scanned telegram, degraded to ``level``; deterministic for the arguments.

    ``dpi`` None scans at a resolution the document's scan profile draws (200-400 dpi).
    """
    level = Level(level)
    degradation = LEVELS[level]
    options = options or RenderOptions()
    choices = _choose(seed, degradation, options, dpi)
    variety, dpi = choices.variety, choices.dpi
    layout = _layout(seed, dpi, variety, degradation, level)
    scan_rng = np.random.default_rng([seed, _SCAN, list(Level).index(level)])
    count = len(transcript.pages)
    turned, turn = _turned_page(degradation, count, scan_rng)
    images, scanned, stamp_marks = [], [], []
    for number, lines in enumerate(transcript.pages, start=1):
        canvas, items = _compose(lines, layout, dpi, seed, number)
        hand_rng = np.random.default_rng([seed, _CHOICES, number])  # the same pen marks at every level
        if number == 1 and variety.hand == "annotated" and hand_rng.random() < 0.7:
            _resolution(canvas, layout, hand_rng)
        pressed = stamps.press(canvas, _stamp_target(items).bbox, scan_rng, _year(transcript)) if choices.stamp and number == 1 and items else None
        skew = options.skew_deg if options.skew_deg is not None else float(scan_rng.uniform(-1, 1) * degradation.max_skew)
        page_turn = turn if number - 1 == turned else 0
        image, matrix = _scan(canvas, degradation, choices, skew, page_turn, scan_rng)
        height, width = image.shape[:2]
        page = ScannedPage(lines, items, matrix, width, height, skew, (360 - page_turn) % 360)
        if pressed and (box := scan_box(page, pressed.bbox)):
            stamp_marks.append(pressed.truth(number, box, choices.variety.scan != "colour"))  # colour lost otherwise
        images.append(image)
        scanned.append(page)
    params = {
        "level": level.value, "seed": seed, "dpi": dpi, "ink": "carbon" if variety.carbon else "ribbon",
        "grayscale": variety.scan != "colour", "stamp": choices.stamp, "columns": layout.columns,
        "skew_deg": [round(p.skew_deg, 3) for p in scanned], "turned_page": turned + 1 if turned >= 0 else None,
    } | {f"axis_{name}": value for name, value in variety.as_dict().items()}  # axis_split: tuning or heldout
    truth = document(transcript.record, stamp_marks, scanned, images, dpi, document_id, params)
    return Rendering(pages=images, dpi=dpi, truth=truth, transcript_markdown=to_markdown(transcript))


def _layout(seed: int, dpi: int, variety: Variety, degradation: Degradation, level: Level) -> Layout:
    """The document's typewriter, form printing and typesetting, from the layout stream of its seed."""
    rng = np.random.default_rng([seed, _LAYOUT])
    canvas = Canvas(*a4_size(dpi), dpi)
    strikes = machine.typewriter(canvas, variety.typeface, variety.weight, variety.ink, rng, degradation.jitter_px,
                                 level is Level.HEAVY)
    return choose_layout(canvas, rng, strikes, STYLES[variety.form], variety.hand)
