"""A pen's stroke traced across a letter-spaced typed line and taken out of it.

A letter-spaced name's letters stand in cells a pitch apart with a blank gap between them: ink in a gap is the
pen's. From there the stroke is followed column by column into the cells on either side while it runs thin (a
pen's line, not a letter's stem) and where its course says it goes next; across a stem it crosses, the stem is kept
and the course held until the thin stroke shows again past it. A typed letter's own bars stand in no gap, so only
what a gap's stroke runs on into is taken.
"""

from __future__ import annotations

import logging

import numpy as np

from ocr.preprocess.geometry import ink_runs

log = logging.getLogger(__name__)

# A gap: columns farther than this share of the pitch from any cell's centre (a monospaced capital, Ж or Щ,
# fills its character's width, half the pitch of a letter-spaced line).
GAP_FROM_CENTRE = 0.28
# A stroke is thin where its run down a column is at most this share of the band's height (a stem spans it all).
THIN = 0.35
# A traced row is the one nearest the course within this share of the band's height.
NEAR = 0.15
# The course is taken over this share of the pitch (a stroke's rows step by whole pixels).
SPAN = 0.1
# In a cell, a stroke running flatter than this (rows a column) may be a letter's bar it joins (``Т``, ``Н``): kept.
FLAT = 0.2
# The course is held across a stem (or a letter's curve the stroke meets) this share of the pitch at most.
ACROSS = 0.2


def _gap_columns(width: int, first: float, pitch: float) -> np.ndarray:
    """Whether each column lies in a gap between the cells centred at ``first`` and a pitch on."""
    offset = (np.arange(width) - first) % pitch
    return np.minimum(offset, pitch - offset) > GAP_FROM_CENTRE * pitch


def _trace(column_runs: list[list[tuple[int, int]]], height: int, x: int, row: float, step: int, pitch: float,
           width: float | None = None) -> list[tuple[int, int, int, float | None]]:
    """The thin runs (column, first row, row past the last, the stroke's slope there in rows a column; None for a
    stem it crosses) of the stroke through (``x``, ``row``) followed column by column in direction ``step``; with
    the stroke's own ``width``, a run wider (the stroke across a letter's stroke) is cut to that width about its
    course, which holds on there."""
    thin, near, across, span = THIN * height, max(2.0, NEAR * height), max(2, int(ACROSS * pitch)), max(3, int(SPAN * pitch))
    found, rows, held = [], [row], 0
    while 0 <= (x := x + step) < len(column_runs) and held <= across:
        slope = (rows[-1] - rows[max(0, len(rows) - 1 - span)]) / max(1, min(span, len(rows) - 1))
        expected = rows[-1] + slope
        run = min(column_runs[x], key=lambda r: abs((r[0] + r[1] - 1) / 2 - expected), default=None)
        if run is None or abs((run[0] + run[1] - 1) / 2 - expected) > near and not run[0] <= expected < run[1]:
            break
        if run[1] - run[0] > thin:  # a stem the stroke crosses: kept, the course held
            held += 1
            rows.append(expected)
            found.append((x, *run, None))
            continue
        held = 0
        if width is not None and run[1] - run[0] > width + 1:
            rows.append(expected)
            run = (max(run[0], int(round(expected - width / 2))), min(run[1], int(round(expected + width / 2)) + 1))
        else:
            rows.append((run[0] + run[1] - 1) / 2)
        found.append((x, *run, slope))
    return found


def _pen_runs(trace: list[tuple[int, int, int, float | None]], gap: np.ndarray, bars: bool) -> list[tuple[int, int, int]]:
    """Of a traced stroke's runs, the pen's: all but the stems it crossed and, where ``bars``, in a cell, a flat
    stretch of it running from or up to a stem (a bar of the letter's that the stroke joins: ``Т``, ``Н``); a flat
    stretch standing free is the pen's."""
    flat = [slope is not None and not gap[x] and abs(slope) < FLAT for x, _, _, slope in trace]
    pen, k = [], 0
    while k < len(trace):
        end = k + 1
        while flat[k] and end < len(trace) and flat[end]:
            end += 1
        stemmed = bars and flat[k] and ((k > 0 and trace[k - 1][3] is None) or (end < len(trace) and trace[end][3] is None))
        pen += [(x, a, b) for x, a, b, slope in trace[k:end] if slope is not None and not stemmed]
        k = end
    return pen


def without_crossing(ink: np.ndarray, first: float, pitch: float, bars: bool) -> np.ndarray:
    """Of the band's ink ``ink`` (the letters' rows only), what is left once the strokes in the gaps between
    the cells (centred at ``first`` and a pitch on) are taken out with all they run on into thinly; ``bars``: but
    flat stretches joined to a stem (:func:`_pen_runs`)."""
    height, width = ink.shape
    column_runs = [ink_runs(ink[:, x]) for x in range(width)]
    gap = _gap_columns(width, first, pitch)
    pen = np.zeros_like(ink)
    for x in np.flatnonzero(gap):
        for a, b in column_runs[x]:
            if pen[a:b, x].all():
                continue
            pen[a:b, x] = True
            for step in (-1, 1):
                for column, top, bottom in _pen_runs(_trace(column_runs, height, x, (a + b - 1) / 2, step, pitch), gap, bars):
                    pen[top:bottom, column] = True
    log.debug("a pen's strokes across %d gap columns taken out", int(pen[:, gap].any(axis=0).sum()))
    return ink & ~pen


# The pen is surely the pen this share of the band's height above or below it (a typed letter stays inside).
OUTSIDE = 0.1


def without_entering(ink: np.ndarray, band: tuple[int, int], pitch: float, whole: np.ndarray) -> np.ndarray:
    """Of the ink ``ink`` of a crop about a typed line (its rows ``band``), the band's ink once the pen's strokes
    that enter it from above or below are taken out: each stroke crossing a row OUTSIDE the band's height off it
    (ink no typed letter left whole, ``whole``, reaches) is followed row by row into the band while it runs thin
    across the row and on its course (:func:`_trace` on the crop turned: a loop's steep side down across a letter),
    a letter's bar it crosses kept."""
    height = band[1] - band[0]
    turned = ink.T
    row_runs = [ink_runs(turned[:, y]) for y in range(ink.shape[0])]
    pen = np.zeros_like(ink)
    outside = max(1, int(round(OUTSIDE * height)))
    for start, step in ((band[0] - outside, 1), (band[1] - 1 + outside, -1)):
        if not 0 <= start < ink.shape[0]:
            continue
        for a, b in row_runs[start]:
            if whole[start, a:b].any():
                continue
            for y, left, right, slope in _trace(row_runs, height, start, (a + b - 1) / 2, step, pitch, b - a):
                if slope is not None:
                    pen[y, left:right] = True
    log.debug("a pen's strokes entering the band across %d rows taken out", int(pen[band[0]:band[1]].any(axis=1).sum()))
    return (ink & ~pen)[band[0]:band[1]]
