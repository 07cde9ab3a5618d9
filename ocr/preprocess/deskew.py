"""Skew estimation from typed text lines, ignoring printed rules, stamps and specks.

Convention: ``skew_deg`` > 0 means the text lines rise to the right (counter-clockwise tilt as seen
on screen); correcting it rotates the page clockwise by that many degrees.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ocr.preprocess.geometry import rotate_small, shrink

WORK_SIDE = 1600  # px: ~140 dpi for A4, enough for 0.05 deg while keeping the search cheap
# Below the estimate's resolution a rotation only resamples. Even 0.16 deg is worth correcting: on a dense
# EHRI page it took Tesseract's CER from 0.29 to 0.03.
MIN_CORRECTION = 0.05  # degrees
EDGE_MARGIN = 0.05  # share of each side left out when measuring the ink threshold: scanner bed, not page


def text_mask(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """(Boolean mask of character-sized dark components, their median height in px) of ``gray``.

    Rules, stamps, handwriting and specks are dropped; the height is 0.0 when there is no ink. The
    threshold is Otsu's on the page's interior: a strip of dark scanner bed left along an edge is a third
    class, darker than the ink, and Otsu would split it from ink and paper alike (faint carbon typing
    then counted as paper, and the page taken for blank).
    """
    h, w = gray.shape
    my, mx = round(EDGE_MARGIN * h), round(EDGE_MARGIN * w)
    level, _ = cv2.threshold(gray[my:h - my, mx:w - mx], 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink = (gray <= level).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    widths, heights = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    sized = stats[1:, cv2.CC_STAT_AREA] >= 4
    if not sized.any():
        return np.zeros(gray.shape, dtype=bool), 0.0
    typical = _typical_height(heights[sized], stats[1:, cv2.CC_STAT_AREA][sized])
    # Long rules are wide and thin, stamps and handwriting tall: neither is a character.
    keep = sized & (heights >= 0.4 * typical) & (heights <= 2.5 * typical) & (widths <= 4 * typical)
    return np.concatenate([[False], keep])[labels], typical


def _typical_height(heights: np.ndarray, areas: np.ndarray) -> float:
    """The characters' median height among components of all sizes. Grain, toner specks and a halftone's dots
    can outnumber the characters (the plain median then halves the height) but hold little of the ink: the
    median height weighted by area lands on the characters, and the plain median of the components at least
    0.4 of that is theirs (the weighted one alone overshoots where heavy typing runs letters together)."""
    order = np.argsort(heights, kind="stable")
    cumulative = np.cumsum(areas[order])
    weighted = heights[order][np.searchsorted(cumulative, cumulative[-1] / 2)]
    return float(np.median(heights[heights >= 0.4 * weighted]))


@dataclass(frozen=True)
class Text:
    """A page's typing as the estimates see it: :func:`text_mask` of the page shrunk to WORK_SIDE."""

    mask: np.ndarray
    height: float  # median character height, px of the shrunk page
    scale: float  # the shrink's


def find_text(gray: np.ndarray) -> Text:
    """The typing of ``gray``, found once for the estimates that all look at it (height, orientation, skew)."""
    small, scale = shrink(gray, WORK_SIDE)
    return Text(*text_mask(small), scale)


def character_height(gray: np.ndarray, text: Text | None = None) -> float:
    """Median height (px of ``gray``) of the dark components: the scale for the local filters."""
    text = text or find_text(gray)
    return text.height / text.scale


def profile_sharpness(xs: np.ndarray, ys: np.ndarray, angle: float) -> float:
    """Postl's criterion: sum of squared steps of the points' row profile when sheared by ``angle`` degrees."""
    rows = np.round(ys + xs * np.tan(np.radians(angle))).astype(np.int64)
    profile = np.bincount(rows - rows.min())
    return float(np.square(np.diff(profile).astype(np.float64)).sum())


def _best_angle(xs: np.ndarray, ys: np.ndarray, angles: np.ndarray) -> float:
    """The angle (degrees) whose row projection of the points has the sharpest line edges."""
    return float(angles[int(np.argmax([profile_sharpness(xs, ys, angle) for angle in angles]))])


def estimate_skew(gray: np.ndarray, max_angle: float = 6.0, text: Text | None = None) -> float:
    """Skew of the text lines in degrees (see module convention); 0.0 when there is no text.

    Coarse-to-fine search of the projection profile (Postl's criterion) over +-``max_angle``.
    ``text``: :func:`find_text` of ``gray`` when already found.
    """
    ys, xs = np.nonzero((text or find_text(gray)).mask)
    if len(xs) < 100:
        return 0.0
    xs, ys = xs - xs.mean(), ys.astype(np.float64)
    coarse = _best_angle(xs, ys, np.arange(-max_angle, max_angle + 1e-9, 0.25))
    return round(_best_angle(xs, ys, np.arange(coarse - 0.3, coarse + 0.3 + 1e-9, 0.02)), 2)


def deskew(image: np.ndarray, skew_deg: float, fill: int = 255) -> tuple[np.ndarray, np.ndarray]:
    """Rotate ``image`` so lines tilted by ``skew_deg`` become horizontal; returns (image, 2x3 matrix).

    Skews under MIN_CORRECTION degrees are left alone (identity matrix).
    """
    if abs(skew_deg) < MIN_CORRECTION:
        return image, np.eye(2, 3)
    return rotate_small(image, -skew_deg, fill)
