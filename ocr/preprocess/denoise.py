"""Speck removal that keeps thin typewriter strokes and punctuation, and smoothing of grainy pages."""

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


def remove_specks(gray: np.ndarray, max_area: int, min_gap: int) -> tuple[np.ndarray, int]:
    """Whiten isolated dark specks; returns (gray, number removed).

    A speck is a dark component of at most ``max_area`` pixels with no larger ink within ``min_gap``
    pixels, so full stops, commas and the broken pieces of faint letters stay. Both are judged on
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
