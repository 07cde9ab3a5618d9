"""Find every rubber stamp on a preprocessed page as an object: its shape, ink, outline and own binary image.

Colour stamps come from the ink layer :mod:`ocr.preprocess.stamps` separated; on grayscale or bitonal
scans, where the colour is gone, seals are found by their shape: a ring of ink that a circle fits
along most of its length (Hough circles, then checked along the ring), which no typing makes.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.preprocess import PreprocessedPage

log = logging.getLogger(__name__)

RECT_FILL = 0.9  # hull area over its bounding rectangle's: a rectangle fills it, an ellipse ~0.79
OVAL_RATIO = 1.15  # an ellipse's long axis over its short one above which a seal is oval
SEAL_DIAMETER_MM = (28.0, 60.0)  # seals' sizes
RING_COVERAGE = 0.55  # share of a fitted circle's length along which ink lies, for a ring
MM_PER_INCH = 25.4
MAX_CIRCLES = 8  # Hough's strongest circles checked on a page


@dataclass(frozen=True)
class Ellipse:
    """An ellipse in a stamp's crop: centre (x, y), full axes (w, h) and rotation (degrees), as cv2.fitEllipse."""

    centre: tuple[float, float]
    axes: tuple[float, float]
    angle: float


@dataclass
class FoundStamp:
    """A stamp found on the page: box in the processed frame, its ink as a binary crop (ink 255)."""

    box: tuple[int, int, int, int]
    shape: str  # round, oval, rectangular, other
    colour: str | None
    ink: np.ndarray  # uint8 mask of the stamp's ink over ``box``
    ellipse: Ellipse | None  # round and oval seals, in the crop's pixels
    rect: tuple | None  # rectangular stamps: cv2.minAreaRect in the crop's pixels
    confidence: float  # 0-100: how sure the shape is a stamp's


def colour_name(od_direction: list[float]) -> str:
    """The ink's name from its optical-density direction (B, G, R): what it absorbs least is its colour."""
    blue, green, red = od_direction
    if red <= min(blue, green):
        return "red"
    return "blue" if red >= max(blue, green) else "violet"


def ink_mask(layer: np.ndarray) -> np.ndarray:
    """The stamp's ink in a crop of its layer (dark on white), by a threshold of that crop alone: a third
    of the way from Otsu's towards paper, so the faint side of a stamp pressed unevenly stays in."""
    otsu, _ = cv2.threshold(layer, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    mask = np.where(layer < (2 * otsu + 255) / 3, 255, 0).astype(np.uint8)
    return mask if mask.mean() < 128 else np.zeros_like(mask)


def classify(mask: np.ndarray) -> tuple[str, Ellipse | None, tuple | None, float]:
    """(shape, ellipse, rect, confidence) of a stamp's ink mask: from its convex hull's fill of its rectangle."""
    points = cv2.findNonZero(mask)
    if points is None or len(points) < 20:
        return "other", None, None, 0.0
    hull = cv2.convexHull(points)
    rect = cv2.minAreaRect(hull)
    rect_area = max(rect[1][0] * rect[1][1], 1.0)
    fill = cv2.contourArea(hull) / rect_area
    if fill >= RECT_FILL:
        return "rectangular", None, rect, round(100 * min(1.0, fill), 1)
    (cx, cy), axes, angle = cv2.fitEllipse(hull)
    ellipse = Ellipse((cx, cy), axes, angle)
    closeness = 1 - abs(fill - math.pi / 4) / (RECT_FILL - math.pi / 4)
    if closeness < 0:
        return "other", ellipse, rect, 30.0
    shape = "oval" if max(axes) / max(min(axes), 1) > OVAL_RATIO else "round"
    return shape, ellipse, None, round(100 * max(0.5, closeness), 1)


def _colour_stamps(page: PreprocessedPage) -> list[FoundStamp]:
    if page.stamp_image is None:
        return []
    measured = next((params for name, params in page.steps if name == "separate_stamps"), {})
    directions = measured.get("stamp_od_directions", [])
    found = []
    for k, (x, y, w, h) in enumerate(page.stamp_boxes):
        x0, y0 = max(0, x), max(0, y)
        mask = ink_mask(page.stamp_image[y0:y + h, x0:x + w])
        points = cv2.findNonZero(mask)
        if points is None:
            continue
        bx, by, bw, bh = cv2.boundingRect(points)  # the box the ink fills, not the separation's grown one
        mask = mask[by:by + bh, bx:bx + bw]
        shape, ellipse, rect, confidence = classify(mask)
        colour = colour_name(directions[k]) if k < len(directions) else None
        found.append(FoundStamp((x0 + bx, y0 + by, bw, bh), shape, colour, mask, ellipse, rect, confidence))
    return found


def ring_coverage(ink: np.ndarray, centre: tuple[float, float], radius: float, band: float) -> float:
    """Share of the circle's length (sampled every degree) with ink within ``band`` pixels of it, outward."""
    angles = np.radians(np.arange(360))
    radii = np.arange(radius - band, radius + band + 1, max(1.0, band / 3))[:, None]  # every radius at once
    xs = np.clip((centre[0] + radii * np.cos(angles)).astype(int), 0, ink.shape[1] - 1)
    ys = np.clip((centre[1] + radii * np.sin(angles)).astype(int), 0, ink.shape[0] - 1)
    return float((ink[ys, xs] > 0).any(axis=0).mean())


def refine_circle(ink: np.ndarray, circle: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """(x, y, radius, ring coverage) of the circle near ``circle`` that ink follows best: a Hough circle
    found on a reduced page is a few pixels off, enough to miss a thin ring."""
    cx, cy, r = circle
    step = max(1.0, 0.015 * r)
    tried = [(cx + dx * step, cy + dy * step, r + dr * step) for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dr in (-2, -1, 0, 1, 2)]
    return max(((x, y, rr, ring_coverage(ink, (x, y), rr, max(2.0, 0.01 * rr))) for x, y, rr in tried), key=lambda c: c[3])


def seal_circles(gray: np.ndarray, dpi: int) -> list[tuple[float, float, float, float]]:
    """(x, y, radius, ring coverage) of seals on a page with no colour: Hough circles on a reduced
    page, kept where ink follows the circle round most of its length."""
    scale = min(1.0, 800 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    low, high = (d / 2 / MM_PER_INCH * dpi * scale for d in SEAL_DIAMETER_MM)
    circles = cv2.HoughCircles(cv2.GaussianBlur(small, (5, 5), 1.5), cv2.HOUGH_GRADIENT, dp=1.5, minDist=low,
                               param1=120, param2=40, minRadius=int(low), maxRadius=int(high))
    if circles is None:
        return []
    ink = (gray < 160).astype(np.uint8)
    kept = []
    for circle in circles[0][:MAX_CIRCLES] / scale:
        cx, cy, r, coverage = refine_circle(ink, tuple(float(v) for v in circle))
        if coverage >= RING_COVERAGE and not any(math.dist((cx, cy), k[:2]) < r for k in kept):
            kept.append((cx, cy, r, coverage))
    return kept


def gray_ink(crop: np.ndarray, ring_level: float) -> np.ndarray:
    """A gray seal's ink apart from the typing under it, by grey level: stamp ink prints lighter than the
    ribbon's, so pixels near the ring's own level are the seal's; the thin grey rims of typed strokes,
    at the same level, are opened away. A bitonal crop has no levels: all its ink is kept."""
    if np.unique(crop).size <= 2:
        return np.where(crop < 128, 255, 0).astype(np.uint8)
    inked = crop[crop < 200]
    dark = float(np.percentile(inked, 5)) if inked.size else 0.0
    low, high = (dark + ring_level) / 2, ring_level + 0.6 * (255 - ring_level)
    mask = ((crop >= low) & (crop <= high)).astype(np.uint8) * 255
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))


def ring_level(gray: np.ndarray, centre: tuple[float, float], radius: float) -> float:
    """Median grey of the ink on a seal's ring: the level of its stamp ink."""
    angles = np.radians(np.arange(0, 360, 0.5))
    xs = np.clip((centre[0] + radius * np.cos(angles)).astype(int), 0, gray.shape[1] - 1)
    ys = np.clip((centre[1] + radius * np.sin(angles)).astype(int), 0, gray.shape[0] - 1)
    values = gray[ys, xs]
    return float(np.median(values[values < 200])) if (values < 200).any() else 128.0


def _gray_seals(page: PreprocessedPage, dpi: int) -> list[FoundStamp]:
    found = []
    for cx, cy, r, coverage in seal_circles(page.image, dpi):
        pad = 0.06 * r
        x0, y0 = max(0, int(cx - r - pad)), max(0, int(cy - r - pad))
        x1, y1 = min(page.image.shape[1], int(cx + r + pad)), min(page.image.shape[0], int(cy + r + pad))
        mask = gray_ink(page.image[y0:y1, x0:x1], ring_level(page.image, (cx, cy), r))
        ellipse = Ellipse((cx - x0, cy - y0), (2 * r, 2 * r), 0.0)
        found.append(FoundStamp((x0, y0, x1 - x0, y1 - y0), "round", None, mask, ellipse, None, round(100 * coverage, 1)))
    return found


def find_stamps(page: PreprocessedPage, dpi: int) -> list[FoundStamp]:
    """Every stamp on ``page`` (processed frame): colour stamps from the ink layer, else seals by shape."""
    found = _colour_stamps(page) if page.stamp_image is not None else _gray_seals(page, dpi)
    log.debug("stamps found: %s", [(s.shape, s.colour, s.box) for s in found])
    return found
