"""The printed parts of page 1 of the form, and the typing that fills them in.

The form prints the title, the secrecy marks, the grid of numbered copies (``Экз. № 1-т`` then ditto
marks ``» № 2-т`` down each column) and the words of the routing line (``Из``, ``№``, ``пол.``,
``час.``, ``мин.``, ``19..г.``, ``экз. №``); the cipher clerk types the blanks, rarely quite on the
printed baseline. Printings differ: sans or serif, with or without rules, blanks left open, ruled or
dotted (dots of their own pitch, size and darkness, under the blank or on its baseline as leaders from
one label to the next). All lengths are pixels at 300 dpi, scaled by the canvas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.contract import BBox
from ocr.form import ROUTING_LABELS
from ocr.lines import union_box
from ocr.synth.canvas import Canvas, Ink
from ocr.synth.fonts import Face
from ocr.synth.typewriter import Strike, print_text, printed_width, type_text, typed_width

TITLE_EM = 84
MARK_EM = 44
GRID_EM = 40
ROUTING_EM = 40
GRID_PITCH = 54
COLUMN_GAP = 36

# A slot as the form prints it; what follows the dash is typed when it is not the printed "т".
_SLOT = re.compile(r"^(?P<printed>(?:Экз\.|»)\s*№\s*\d+\s*-)(?P<suffix>.*)$")


@dataclass(frozen=True)
class FormStyle:
    """One printing of the form: its faces, whether it has rules, how its blanks look, how far typing strays."""

    face: Face
    bold: Face
    title: Face
    rules: bool  # rules printed across the sheet between the form's parts
    blanks: str  # "open", "ruled" (a line under each blank) or "dotted"
    stray_px: int  # typed values land up to this far (at 300 dpi) above or below the printed baseline
    # A dotted blank's dots: pitch (drawn per line between the two), radius, darkness, and how far below
    # the baseline they sit (0: on it, as leader dots); leaders run from the label's end to the next label.
    dot_pitch_px: tuple[int, int] = (12, 12)
    dot_px: int = 2
    dot_ink: float = 0.85
    dot_drop_px: int = 8
    leaders: bool = False


STYLES = {
    "plain-sans": FormStyle(Face.PRINT, Face.PRINT_BOLD, Face.TITLE, rules=False, blanks="open", stray_px=0),
    "ruled-serif": FormStyle(Face.LIBERATION_SERIF, Face.LIBERATION_SERIF_BOLD, Face.SERIF_BOLD, rules=True,
                             blanks="ruled", stray_px=6),
    "leader-sans": FormStyle(Face.DEJAVU_SANS, Face.DEJAVU_SANS_BOLD, Face.DEJAVU_SANS_BOLD, rules=False,
                             blanks="dotted", stray_px=8, dot_pitch_px=(6, 9), dot_px=1, dot_ink=0.7, dot_drop_px=0,
                             leaders=True),
    "ruled-narrow": FormStyle(Face.SANS_NARROW, Face.SANS_NARROW_BOLD, Face.SANS_NARROW_BOLD, rules=True,
                              blanks="ruled", stray_px=14),
    "dotted-serif": FormStyle(Face.PT_SERIF, Face.PT_SERIF_BOLD, Face.PT_SERIF_BOLD, rules=True, blanks="dotted",
                              stray_px=10),
}


def draw_title(canvas: Canvas, text: str, top: int, style: FormStyle) -> BBox | None:
    """The form title centred across the page, its cap line at ``top``."""
    size = canvas.px(TITLE_EM)
    x = (canvas.width - printed_width(text, style.title, size)) // 2
    return print_text(canvas, text, x, top + round(size * 0.7), style.title, size)


def draw_rule(canvas: Canvas, y: int, left: int, right: int) -> None:
    """A printed rule across the form (not text: it has no box in the truth)."""
    cv2.line(canvas.layer(Ink.PRINT), (left, y), (right, y), 0.9, max(1, canvas.px(3)))


def draw_mark(canvas: Canvas, text: str, top: int, right: int, style: FormStyle, bold: bool = True) -> BBox | None:
    """A secrecy or handling mark right-aligned at ``right``, its cap line at ``top``."""
    face = style.bold if bold else style.face
    size = canvas.px(MARK_EM if bold else MARK_EM * 0.8)
    x = right - printed_width(text, face, size)
    return print_text(canvas, text, x, top + round(size * 0.72), face, size)


def _cell_width(canvas: Canvas, cell: str, strike: Strike, style: FormStyle) -> int:
    slot = _SLOT.match(cell)
    if not slot:
        return typed_width(cell, strike)
    size = canvas.px(GRID_EM)
    suffix = slot["suffix"]
    printed = slot["printed"] + ("т" if suffix in ("", "т") else "")
    return printed_width(printed, style.face, size) + (typed_width(suffix, strike) if suffix not in ("", "т") else 0)


def column_lefts(canvas: Canvas, rows: list[list[str]], left: int, right: int, strike: Strike, style: FormStyle) -> list[int]:
    """Left edge in pixels of each grid column, the gaps shrunk when the widest cells would pass ``right``."""
    count = max(len(r) for r in rows)
    widths = [max((_cell_width(canvas, r[k], strike, style) for r in rows if k < len(r) and r[k]), default=0)
              for k in range(count)]
    gap = canvas.px(COLUMN_GAP)
    if count > 1:
        gap = max(canvas.px(8), min(gap, (right - left - sum(widths)) // (count - 1)))
    return [left + sum(widths[:k]) + gap * k for k in range(count)]


def draw_cell(canvas: Canvas, cell: str, x: int, baseline: int, strike: Strike, style: FormStyle,
              rng: np.random.Generator) -> BBox | None:
    """A grid cell: a printed slot (with any typed recipient in place of its ``т``) or a typed recipient."""
    slot = _SLOT.match(cell)
    if not slot:
        return type_text(canvas, cell, x, baseline + _stray(canvas, style, rng), strike, rng)
    size = canvas.px(GRID_EM)
    suffix = slot["suffix"]
    if suffix in ("", "т"):
        return print_text(canvas, slot["printed"] + "т", x, baseline, style.face, size)
    printed = print_text(canvas, slot["printed"], x, baseline, style.face, size)
    typed = type_text(canvas, suffix, x + printed_width(slot["printed"], style.face, size),
                      baseline + _stray(canvas, style, rng), strike, rng)
    return union_box([b for b in (printed, typed) if b])


def draw_grid_row(canvas: Canvas, cells: list[str], lefts: list[int], baseline: int, strike: Strike,
                  style: FormStyle, rng: np.random.Generator) -> BBox | None:
    """One row of the grid of copies, each cell at its column's left edge."""
    boxes = [draw_cell(canvas, cell, x, baseline, strike, style, rng) for cell, x in zip(cells, lefts) if cell]
    return union_box([b for b in boxes if b])


def _stray(canvas: Canvas, style: FormStyle, rng: np.random.Generator) -> int:
    return int(rng.integers(-style.stray_px, style.stray_px + 1) * canvas.scale) if style.stray_px else 0


def _printed_tokens(tokens: list[str]) -> list[bool]:
    """Which routing tokens the form prints: its words, and the ``19`` of ``19..г.`` before a typed two-digit year."""
    return [t in ROUTING_LABELS or (t == "19" and k + 1 < len(tokens) and re.fullmatch(r"\d\d", tokens[k + 1]) is not None)
            for k, t in enumerate(tokens)]


def _blank(canvas: Canvas, x0: int, x1: int, baseline: int, style: FormStyle, pitch: int) -> None:
    """The printed blank under a typed value: a thin rule or a row of dots, a little below or on the baseline."""
    layer = canvas.layer(Ink.PRINT)
    if style.blanks == "ruled":
        y = baseline + canvas.px(8)
        cv2.line(layer, (x0, y), (x1, y), 0.85, max(1, canvas.px(2)))
    elif style.blanks == "dotted":
        radius = max(1, canvas.px(style.dot_px))
        y = baseline + canvas.px(style.dot_drop_px) - (radius if not style.dot_drop_px else 0)
        for x in range(x0, x1, max(2, canvas.px(pitch))):
            cv2.circle(layer, (x, y), radius, style.dot_ink, -1)


def draw_routing(canvas: Canvas, text: str, left: int, baseline: int, strike: Strike, style: FormStyle,
                 rng: np.random.Generator) -> BBox | None:
    """The routing line: its printed words in the form's face, the values typed into the blanks after them."""
    size = canvas.px(ROUTING_EM)
    space = canvas.px(14)
    x = left
    boxes = []
    tokens = text.split()
    low, high = style.dot_pitch_px
    pitch = low if low == high else int(rng.integers(low, high + 1))  # a fixed pitch draws nothing
    for token, printed in zip(tokens, _printed_tokens(tokens)):
        if printed:
            boxes.append(print_text(canvas, token, x, baseline, style.face, size))
            x += printed_width(token, style.face, size) + space
            continue
        lead = space + (canvas.px(int(rng.integers(0, 30))) if style.blanks != "open" else space)
        width = typed_width(token, strike)
        boxes.append(type_text(canvas, token, x + lead, baseline + _stray(canvas, style, rng), strike, rng))
        if style.blanks != "open":
            # Leaders start just after the label and end just before the next one.
            start, end = (x - space + canvas.px(6), x + lead + width + space * 2 - canvas.px(6)) if style.leaders else \
                (x, x + lead + width + space)
            _blank(canvas, start, end, baseline, style, pitch)
        x += lead + width + space * 2
    return union_box([b for b in boxes if b])
