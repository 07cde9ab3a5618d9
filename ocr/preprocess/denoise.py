"""Speck removal that keeps thin typewriter strokes and punctuation."""

from __future__ import annotations

import cv2
import numpy as np

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
