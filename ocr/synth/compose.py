"""Placing a transcript page's lines on an A4 canvas, recording where each one was drawn.

Page 1 is the form: registry notes top left, folio top right, title, secrecy marks, the grid of
copies, the routing line, reference numbers, special number, priority and addressee (typed
letter-spaced), then the body. Later pages open with the folio and a typed continuation header
(telegram number, page label, copy). The last page ends with signature, footer and any handwritten
note. Every length here is pixels at 300 dpi, scaled by the canvas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ocr.contract import BBox
from ocr.lines import Line, Role, union_box
from ocr.synth import form, hand
from ocr.synth.canvas import Canvas
from ocr.synth.fonts import Face
from ocr.synth.form import FormStyle
from ocr.synth.typewriter import Strike, mistype, print_text, printed_width, type_text, typed_width
from ocr.synth.wrap import wrap

FOLIO_EM = 56
RUN_GAP = 36  # between blocks of the header


class PageOverflow(ValueError):
    """The page's lines do not fit on the sheet at the tightest line pitch."""


@dataclass(frozen=True)
class Layout:
    """A document's typesetting choices; lengths in canvas pixels."""

    columns: int  # characters per body line
    left: int  # left edge of the body's character cells
    top: int  # first baseline region
    bottom: int  # lowest baseline allowed
    pitch: int  # body line pitch
    indent: int  # first-line indent, in character cells
    hyphen_rate: float  # share of line-end words that are hyphenated when they could be
    strike: Strike  # body typing
    small: Strike  # margin notes and footer typing
    style: FormStyle  # the form's printing
    hand: str  # what a pen added: "none", "registry" (registry notes by hand) or "annotated" (also scrawls)
    corrections: float  # share of body lines ending in a word struck out with XXXX


@dataclass(frozen=True)
class Drawn:
    """A line as drawn: its role, text and inked box in canvas pixels; ``block`` groups lines into blocks."""

    role: Role
    text: str
    bbox: BBox
    block: int


@dataclass
class _Pen:
    canvas: Canvas
    layout: Layout
    rng: np.random.Generator
    y: int  # top of the next block, pixels
    items: list[Drawn] = field(default_factory=list)
    block: int = 0

    def add(self, role: Role, text: str, box: BBox | None, new_block: bool = True) -> None:
        if new_block:
            self.block += 1
        if box is not None:
            self.items.append(Drawn(role, text, box, self.block))
            self.y = max(self.y, box[1] + box[3])
        if self.y > self.layout.bottom:
            raise PageOverflow(f"text runs past the bottom of the sheet ({self.y} > {self.layout.bottom} px)")

    def baseline(self, em: int, gap: int) -> int:
        """The baseline for a line of em size ``em`` whose caps start ``gap`` pixels below the last ink."""
        return self.y + gap + round(em * 0.62)


def choose_layout(canvas: Canvas, rng: np.random.Generator, strikes: tuple[Strike, Strike], style: FormStyle,
                  hand: str) -> Layout:
    """Pick margins, line width (62-66 characters) and line pitch for one document typed with ``strikes``."""
    strike, small = strikes
    columns = int(rng.integers(62, 67))
    left = round((canvas.width - columns * strike.advance) * rng.uniform(0.5, 0.58))
    return Layout(
        columns=columns,
        left=left,
        top=canvas.px(rng.integers(100, 150)),
        bottom=canvas.height - canvas.px(rng.integers(130, 180)),
        pitch=canvas.px(rng.integers(74, 82)),
        indent=int(rng.integers(4, 7)),
        hyphen_rate=float(rng.uniform(0.2, 0.6)),
        strike=strike,
        small=small,
        style=style,
        hand=hand,
        corrections=float(rng.uniform(0.0, 0.05)),
    )


def _registration(pen: _Pen, lines: list[Line]) -> None:
    """Registry notes at the top left: typed small, or written by hand."""
    pen.y = max(pen.y, pen.layout.top)
    x = pen.canvas.px(90)
    for k, line in enumerate(lines):
        if pen.layout.hand == "none":
            box = type_text(pen.canvas, line.text, x, pen.baseline(pen.layout.small.size_px, pen.canvas.px(16)), pen.layout.small, pen.rng)
        else:
            box = hand.write(pen.canvas, line.text, x, pen.baseline(pen.canvas.px(52), pen.canvas.px(24)), pen.rng, 52)
        pen.add(line.role, line.text, box, new_block=k == 0)


def _folio(pen: _Pen, line: Line) -> None:
    size = pen.canvas.px(FOLIO_EM)
    x = pen.canvas.width - pen.canvas.px(170) - printed_width(line.text, Face.PRINT, size)
    box = print_text(pen.canvas, line.text, x, pen.layout.top + size, Face.PRINT, size, strength=0.9)
    pen.add(line.role, line.text, box)


def _title(pen: _Pen, line: Line) -> None:
    pen.y = max(pen.y, pen.layout.top + pen.canvas.px(140))
    pen.add(line.role, line.text, form.draw_title(pen.canvas, line.text, pen.y + pen.canvas.px(50), pen.layout.style))
    _rule(pen)


def _rule(pen: _Pen) -> None:
    """A printed rule below the last part, on forms that print them."""
    if pen.layout.style.rules:
        y = pen.y + pen.canvas.px(18)
        form.draw_rule(pen.canvas, y, pen.canvas.px(150), pen.canvas.width - pen.canvas.px(150))
        pen.y = y + pen.canvas.px(4)


def _mark(pen: _Pen, line: Line, new_block: bool) -> None:
    right = pen.canvas.width - pen.canvas.px(180)
    bold = line.role is Role.CLASSIFICATION
    box = form.draw_mark(pen.canvas, line.text, pen.y + pen.canvas.px(RUN_GAP if new_block else 14), right, pen.layout.style, bold)
    pen.add(line.role, line.text, box, new_block)


def _grid(pen: _Pen, lines: list[Line]) -> None:
    rows = [line.cells or [line.text] for line in lines]
    style = pen.layout.style
    lefts = form.column_lefts(pen.canvas, rows, pen.layout.left, pen.canvas.width - pen.canvas.px(150), pen.layout.strike, style)
    baseline = pen.y + pen.canvas.px(RUN_GAP + 50)
    for k, (line, cells) in enumerate(zip(lines, rows)):
        box = form.draw_grid_row(pen.canvas, cells, lefts, baseline + k * pen.canvas.px(form.GRID_PITCH), pen.layout.strike,
                                 style, pen.rng)
        pen.add(line.role, "\t".join(cells), box, new_block=k == 0)
    _rule(pen)


def _typed(pen: _Pen, line: Line, x: int, gap: int, new_block: bool = True, strike: Strike | None = None) -> None:
    strike = strike or pen.layout.strike
    box = type_text(pen.canvas, line.text, x, pen.baseline(strike.size_px, gap), strike, pen.rng)
    pen.add(line.role, line.text, box, new_block)


def _routing(pen: _Pen, line: Line) -> None:
    baseline = pen.baseline(pen.layout.strike.size_px, pen.canvas.px(RUN_GAP * 2))
    pen.add(line.role, line.text, form.draw_routing(pen.canvas, line.text, pen.layout.left, baseline, pen.layout.strike,
                                                     pen.layout.style, pen.rng))


def _centred_x(pen: _Pen, text: str, centre: float) -> int:
    return round(centre - typed_width(text, pen.layout.strike) / 2)


def _body(pen: _Pen, lines: list[Line]) -> None:
    """Paragraphs wrapped to the layout's width, baselines a fixed pitch apart as the platen turns."""
    layout = pen.layout
    gap = layout.pitch - layout.strike.size_px + (pen.canvas.px(RUN_GAP * 1.5) if pen.items else 0)
    baseline = pen.baseline(layout.strike.size_px, gap)
    for line in lines:
        indent = layout.indent if line.paragraph_start else 0
        for k, piece in enumerate(wrap(line.text, layout.columns, indent, pen.rng, layout.hyphen_rate)):
            x = layout.left + piece.indent * layout.strike.advance
            box = type_text(pen.canvas, piece.text, x, baseline, layout.strike, pen.rng)
            room = layout.columns - piece.indent - len(piece.text) - 1
            if room >= 4 and pen.rng.random() < layout.corrections:
                mistype(pen.canvas, x + typed_width(piece.text + " ", layout.strike), min(room, 8), baseline, layout.strike, pen.rng)
            pen.add(line.role, piece.text, box, new_block=k == 0)
            baseline += layout.pitch


def _continuation(pen: _Pen, lines: list[Line]) -> None:
    """Telegram number at the left margin, page label centred, copy at the right, all on one row."""
    baseline = pen.layout.top + pen.canvas.px(190)
    right = pen.canvas.width - pen.canvas.px(200)
    for k, line in enumerate(lines):
        width = typed_width(line.text, pen.layout.strike)
        if k == 0:
            x = pen.layout.left
        elif k == len(lines) - 1:
            x = right - width
        else:
            x = round(pen.canvas.width / 2 - width / 2)
        pen.add(line.role, line.text, type_text(pen.canvas, line.text, x, baseline, pen.layout.strike, pen.rng))


_SIGNATURE_DATE = re.compile(r"^(?P<date>.*?г\.)\s+(?P<name>.+)$")


def _signature(pen: _Pen, line: Line) -> None:
    """The date at the left margin and the letter-spaced name to the right of the middle."""
    baseline = pen.baseline(pen.layout.strike.size_px, pen.layout.pitch)
    match = _SIGNATURE_DATE.match(line.text)
    parts = [(match["date"], pen.layout.left), (match["name"], round(pen.canvas.width * 0.56))] if match else [(line.text, pen.layout.left)]
    boxes = [type_text(pen.canvas, text, x, baseline, pen.layout.strike, pen.rng) for text, x in parts]
    box = union_box([b for b in boxes if b])
    if box and pen.layout.hand == "annotated":  # the signer's scrawl over and beside the typed name
        hand.scrawl(pen.canvas, box[0] + box[2] - pen.canvas.px(300), box[1] - pen.canvas.px(60), pen.canvas.px(420), pen.canvas.px(110), pen.rng)
    pen.add(line.role, line.text, box)


def _handwritten(pen: _Pen, line: Line) -> None:
    size = pen.canvas.px(hand.HAND_EM)
    x = round(pen.canvas.width * 0.5)
    pen.add(line.role, line.text, hand.write(pen.canvas, line.text, x, pen.y + pen.canvas.px(30) + size, pen.rng))


def _footer(pen: _Pen, line: Line, first: bool) -> None:
    _typed(pen, line, pen.layout.left, pen.canvas.px(RUN_GAP * 2) if first else pen.canvas.px(18), new_block=first, strike=pen.layout.small)
    box = pen.items[-1].bbox if pen.items and pen.items[-1].text == line.text else None
    if box and pen.layout.hand == "annotated" and line.text.startswith("Верно"):  # the certifying clerk's initials
        hand.scrawl(pen.canvas, box[0] + box[2] + pen.canvas.px(30), box[1] - pen.canvas.px(20), pen.canvas.px(260), pen.canvas.px(70), pen.rng)


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Consecutive lines of the same role."""
    runs: list[list[Line]] = []
    for line in lines:
        if runs and runs[-1][0].role is line.role:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _draw_run(pen: _Pen, run: list[Line]) -> None:
    role = run[0].role
    if role is Role.REGISTRATION:
        _registration(pen, run)
    elif role is Role.GRID:
        _grid(pen, run)
    elif role is Role.BODY:
        _body(pen, run)
    elif role is Role.CONTINUATION:
        _continuation(pen, run)
    else:
        for k, line in enumerate(run):
            _draw_single(pen, line, first=k == 0)


def _draw_single(pen: _Pen, line: Line, first: bool) -> None:
    role, c = line.role, pen.canvas
    gap = c.px(RUN_GAP) if first else c.px(14)
    if role is Role.FOLIO:
        _folio(pen, line)
    elif role is Role.FORM_TITLE:
        _title(pen, line)
    elif role in (Role.CLASSIFICATION, Role.HANDLING):
        _mark(pen, line, new_block=role is Role.CLASSIFICATION or pen.items[-1].role is not Role.CLASSIFICATION)
    elif role is Role.ROUTING:
        _routing(pen, line)
    elif role is Role.REFERENCE:
        _typed(pen, line, pen.layout.left + round(6 * pen.layout.strike.advance), gap)
    elif role is Role.PRIORITY:
        _typed(pen, line, _centred_x(pen, line.text, c.width * 0.62), c.px(RUN_GAP * 2) if first else gap, new_block=first)
    elif role is Role.ADDRESSEE:
        _typed(pen, line, _centred_x(pen, line.text, c.width * 0.5), c.px(RUN_GAP * 2))
    elif role is Role.SIGNATURE:
        _signature(pen, line)
    elif role is Role.FOOTER:
        _footer(pen, line, first)
    elif role is Role.HANDWRITTEN:
        _handwritten(pen, line)
    else:
        _typed(pen, line, pen.layout.left, gap)


def compose_page(canvas: Canvas, lines: list[Line], layout: Layout, rng: np.random.Generator) -> list[Drawn]:
    """Draw one page's lines onto ``canvas``; returns what was drawn where. Raises PageOverflow."""
    pen = _Pen(canvas, layout, rng, y=layout.top)
    for run in _runs(lines):
        _draw_run(pen, run)
    return pen.items
