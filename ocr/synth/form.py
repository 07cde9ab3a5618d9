"""The printed parts of page 1 of the form, and the typing that fills them in.

The form prints the title, the secrecy marks, the grid of numbered copies (``Экз. № 1-т`` then ditto
marks ``» № 2-т`` down each column) and the labels of the routing line (``Из``, ``№``, ``пол.``,
``час.``, ``мин.``, ``экз. №``); the cipher clerk types the blanks. All lengths are pixels at 300 dpi,
scaled by the canvas.
"""

from __future__ import annotations

import re

import numpy as np

from ocr.contract import BBox
from ocr.lines import union_box
from ocr.synth.canvas import Canvas
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
ROUTING_LABELS = frozenset({"Из", "№", "пол.", "час.", "мин.", "экз."})


def draw_title(canvas: Canvas, text: str, top: int) -> BBox | None:
    """The form title centred across the page, its cap line at ``top``."""
    size = canvas.px(TITLE_EM)
    x = (canvas.width - printed_width(text, Face.TITLE, size)) // 2
    return print_text(canvas, text, x, top + round(size * 0.7), Face.TITLE, size)


def draw_mark(canvas: Canvas, text: str, top: int, right: int, bold: bool = True) -> BBox | None:
    """A secrecy or handling mark right-aligned at ``right``, its cap line at ``top``."""
    face = Face.PRINT_BOLD if bold else Face.PRINT
    size = canvas.px(MARK_EM if bold else MARK_EM * 0.8)
    x = right - printed_width(text, face, size)
    return print_text(canvas, text, x, top + round(size * 0.72), face, size)


def _cell_width(canvas: Canvas, cell: str, strike: Strike) -> int:
    slot = _SLOT.match(cell)
    if not slot:
        return typed_width(cell, strike)
    size = canvas.px(GRID_EM)
    suffix = slot["suffix"]
    printed = slot["printed"] + ("т" if suffix in ("", "т") else "")
    return printed_width(printed, Face.PRINT, size) + (typed_width(suffix, strike) if suffix not in ("", "т") else 0)


def column_lefts(canvas: Canvas, rows: list[list[str]], left: int, right: int, strike: Strike) -> list[int]:
    """Left edge in pixels of each grid column, the gaps shrunk when the widest cells would pass ``right``."""
    count = max(len(r) for r in rows)
    widths = [max((_cell_width(canvas, r[k], strike) for r in rows if k < len(r) and r[k]), default=0) for k in range(count)]
    gap = canvas.px(COLUMN_GAP)
    if count > 1:
        gap = max(canvas.px(8), min(gap, (right - left - sum(widths)) // (count - 1)))
    return [left + sum(widths[:k]) + gap * k for k in range(count)]


def draw_cell(canvas: Canvas, cell: str, x: int, baseline: int, strike: Strike, rng: np.random.Generator) -> BBox | None:
    """A grid cell: a printed slot (with any typed recipient in place of its ``т``) or a typed recipient."""
    slot = _SLOT.match(cell)
    if not slot:
        return type_text(canvas, cell, x, baseline, strike, rng)
    size = canvas.px(GRID_EM)
    suffix = slot["suffix"]
    if suffix in ("", "т"):
        return print_text(canvas, slot["printed"] + "т", x, baseline, Face.PRINT, size)
    printed = print_text(canvas, slot["printed"], x, baseline, Face.PRINT, size)
    typed = type_text(canvas, suffix, x + printed_width(slot["printed"], Face.PRINT, size), baseline, strike, rng)
    return union_box([b for b in (printed, typed) if b])


def draw_grid_row(canvas: Canvas, cells: list[str], lefts: list[int], baseline: int, strike: Strike,
                  rng: np.random.Generator) -> BBox | None:
    """One row of the grid of copies, each cell at its column's left edge."""
    boxes = [draw_cell(canvas, cell, x, baseline, strike, rng) for cell, x in zip(cells, lefts) if cell]
    return union_box([b for b in boxes if b])


def draw_routing(canvas: Canvas, text: str, left: int, baseline: int, strike: Strike, rng: np.random.Generator) -> BBox | None:
    """The routing line: its printed labels in the form's face, the values typed into the blanks after them."""
    size = canvas.px(ROUTING_EM)
    space = canvas.px(14)
    x = left
    boxes = []
    for token in text.split():
        if token in ROUTING_LABELS:
            boxes.append(print_text(canvas, token, x, baseline, Face.PRINT, size))
            x += printed_width(token, Face.PRINT, size) + space * 2
        else:
            boxes.append(type_text(canvas, token, x, baseline, strike, rng))
            x += typed_width(token, strike) + space * 2
    return union_box([b for b in boxes if b])
