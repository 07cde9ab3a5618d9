"""Speck removal that keeps thin typewriter strokes and punctuation, smoothing of grainy pages, and the
removal of a printed form's rows of dots."""

from __future__ import annotations

import cv2
import numpy as np

# Isolated specks per megapixel above which a page is grainy (toner speckle, a halftone screen's dots, film or
# bitonal grain): clean and moderate tuning renders measure 0-20, photocopies and heavy bitonal scans 500-2500.
GRAINY_SPECKS = 100.0
# The smoothing of a grainy page, in character heights: about a pixel at 240 dpi merges a halftone's dots and
# grain into flat grey, which binarisation then takes for paper (or for ink where it is dense), and keeps strokes.
GRAIN_SIGMA = 1 / 24
STEP = 2  # px: components are found on 2x2 cells (any ink in a cell counts), a quarter of the work


# A page with at most this many isolated specks is clean paper: its specks a little beside letters are marks
# (clean and moderate tuning pages have 0-10, grainy heavy ones 40-250).
FEW_SPECKS = 20


def remove_specks(gray: np.ndarray, max_area: int, min_gap: int) -> tuple[np.ndarray, int]:
    """Whiten isolated dark specks; returns (gray, number removed).

    A speck is a dark component of at most ``max_area`` pixels with no larger ink within ``min_gap``
    pixels (on a page of few such specks, twice that beside it), so full stops, commas and the broken pieces
    of faint letters stay. Both are judged on
    STEP x STEP cells, which keeps every speck (a cell with any ink is ink) at a quarter of the cost.
    """
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    h, w = ink.shape
    # A cell is ink when any of its pixels is (a max over the cell, not an average that loses specks).
    cells = np.ascontiguousarray(cv2.dilate(ink, np.ones((STEP, STEP), np.uint8), anchor=(0, 0))[::STEP, ::STEP])
    _, labels, stats, _ = cv2.connectedComponentsWithStats(cells, connectivity=8)
    # A speck of max_area px (about sqrt(max_area) across) can straddle this many cells.
    small = stats[:, cv2.CC_STAT_AREA] <= int(np.ceil((np.sqrt(max_area) + STEP - 1) / STEP)) ** 2
    small[0] = False
    if not small[1:].any():
        return gray, 0
    candidates = small[labels]
    big = (cells > 0) & ~candidates
    gap = max(1, round(min_gap / STEP))
    near_big = cv2.dilate(big.astype(np.uint8), np.ones((2 * gap + 1,) * 2, np.uint8)) > 0
    small[np.unique(labels[candidates & near_big])] = False
    if int(small.sum()) <= FEW_SPECKS:
        # Along a line a full stop may stand a whole pitch from its word's last letter (a wide typewriter
        # pitch, a letter-spaced word): on clean paper twice the gap beside a letter is kept too. On a grainy
        # page a speck there is as often grain, which blurs the letter it touches.
        beside = cv2.dilate(big.astype(np.uint8), np.ones((2 * gap + 1, 4 * gap + 1), np.uint8)) > 0
        small[np.unique(labels[candidates & beside])] = False
    specks = small[labels].astype(np.uint8)
    full = cv2.resize(specks, (specks.shape[1] * STEP, specks.shape[0] * STEP), interpolation=cv2.INTER_NEAREST)[:h, :w]
    out = gray.copy()
    out[(full > 0) & (ink > 0)] = 255
    return out, int(small.sum())


def despeckle(gray: np.ndarray, char_height: float) -> tuple[np.ndarray, dict]:
    """:func:`remove_specks` at the page's scale (specks up to a tenth of a character across, away from characters
    by half a character); a grainy page (GRAINY_SPECKS) is smoothed first. Returns (gray, what was measured)."""
    max_area, min_gap = max(1, round((char_height / 10) ** 2)), max(1, round(char_height / 2))
    cleaned, removed = remove_specks(gray, max_area, min_gap)
    per_megapixel = removed / (gray.size / 1e6)
    measured = {"max_area": max_area, "min_gap": min_gap, "removed": removed, "specks_per_mp": round(per_megapixel, 1)}
    if per_megapixel > GRAINY_SPECKS:
        sigma = round(max(0.5, GRAIN_SIGMA * char_height), 2)
        cleaned, removed = remove_specks(cv2.GaussianBlur(gray, (0, 0), sigma), max_area, min_gap)
        measured |= {"smoothed_sigma": sigma, "removed_after": removed}
    return cleaned, measured


# A printed blank's dots: each at most this share of a character's height across, four or more in a row,
# each the next's neighbour within this share of the height, their centres level within this share; and
# printed at one pitch: most gaps within DOT_EVEN of their median (grain in a row of noise is not); and
# alone: at most DOT_ALONE as many other dots above and below them.
DOT_SIZE, DOT_PITCH, DOT_LEVEL, DOT_RUN, DOT_EVEN, DOT_ALONE = 0.3, 0.8, 0.12, 4, 0.25, 0.25


# A blank's row of dots runs on across the values typed over it and from blank to blank along the printed line: a
# dot left between or beside them (fewer than DOT_RUN in a row) goes too when it stands level with a removed row and
# as big as its dots (within REMNANT_AREA times): a typed or printed full stop on the same baseline is bigger.
REMNANT_AREA = 2.0


def _row_remnants(row: list, others: np.ndarray, centres: np.ndarray, areas: np.ndarray, level: float) -> np.ndarray:
    """The dots of ``others`` that continue the removed ``row`` (see REMNANT_AREA)."""
    y, area = float(np.mean(centres[row, 1])), float(np.median(areas[row]))
    return others[(np.abs(centres[others, 1] - y) <= level) & (areas[others] <= REMNANT_AREA * area)
                  & (areas[others] * REMNANT_AREA >= area)]


def _even(gaps: np.ndarray) -> bool:
    median = float(np.median(gaps))
    return float(np.mean(np.abs(gaps - median) <= max(1.5, DOT_EVEN * median))) >= 0.75


def _alone(run: list, centres: np.ndarray, dots: np.ndarray, level: float, char_height: float) -> bool:
    """Few other dots within a character's height above or below the run: a printed row stands alone,
    the dust of a broken or grainy letter (a bitonal scan of worn typing) lies all around."""
    x, y = centres[dots, 0], centres[dots, 1]
    row = centres[run]
    near = (x >= row[:, 0].min()) & (x <= row[:, 0].max()) & (np.abs(y - row[:, 1].mean()) > level) & (np.abs(y - row[:, 1].mean()) <= char_height)
    return int(near.sum()) <= DOT_ALONE * len(run)


def remove_dot_rows(gray: np.ndarray, char_height: float) -> tuple[np.ndarray, int]:
    """Whiten rows of printed dots (a form's dotted blanks and leaders); returns (gray, dots removed).

    Tesseract reads such a row as ``.....``, ``:``, ``,`` or ``…`` into and between the values typed
    over it, and loses faint typing beside it. A dot is a small, roughly round component; only runs of
    DOT_RUN or more, evenly level, go, so a typed full stop or the dots of letters stay.
    """
    # Components of all ink down to halfway to the paper: a faint stroke's pieces join their stroke,
    # a dot keeps its soft edge.
    threshold, _ = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    paper = float(np.median(gray[::4, ::4][gray[::4, ::4] > threshold])) if (gray > threshold).any() else 255.0
    ink = (gray < (threshold + paper) / 2).astype(np.uint8)
    _, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    limit = max(2.0, DOT_SIZE * char_height)
    dots = np.flatnonzero((w <= limit) & (h <= limit) & (w <= 2 * h + 1) & (h <= 2 * w + 1))
    dots = dots[dots > 0]
    if len(dots) < DOT_RUN:
        return gray, 0
    level, pitch = max(2.0, DOT_LEVEL * char_height), DOT_PITCH * char_height
    # Dots in reading order within bands of the level tolerance; a run breaks at a wide gap or a step.
    order = dots[np.lexsort((centres[dots, 0], np.round(centres[dots, 1] / level)))]
    keep = np.zeros(len(stats), bool)
    rows, run = [], [order[0]]
    for dot in [*order[1:], None]:
        last = run[-1]
        if dot is not None and 0 < centres[dot, 0] - centres[last, 0] <= pitch and abs(centres[dot, 1] - centres[last, 1]) <= level:
            run.append(dot)
            continue
        if len(run) >= DOT_RUN and _even(np.diff(centres[run, 0])) and _alone(run, centres, dots, level, char_height):
            keep[run] = True
            rows.append(run)
        run = [dot]
    for row in rows:
        keep[_row_remnants(row, dots[~keep[dots]], centres, stats[:, cv2.CC_STAT_AREA], level)] = True
    mask = cv2.dilate((keep[labels] & (ink > 0)).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    out = gray.copy()
    out[mask] = 255
    return out, int(keep.sum())
