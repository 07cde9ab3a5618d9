"""A stamp's ink made into straight lines Tesseract can read: a seal's ring unwrapped into a strip by a
polar transform round its fitted centre, its flat centre turned upright, a rectangular stamp deskewed
on its own frame. Pure functions on binary crops (ink 255, pixels of the crop).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.stamps.detect import Ellipse

RING_ROW = 0.55  # share of a strip's row that is ink, above which the row is one of the seal's ring lines
LEGEND_ROW = 0.6  # share of the densest row's ink, down to which rows still cross the legend's letters
TEXT_HEIGHT = 48  # px: the strip is scaled so its letters stand about this tall, where Tesseract reads best


@dataclass(frozen=True)
class Ring:
    """A seal's ring unwrapped: ``strip`` (dark text on white, reading left to right), where the
    legend's gap is (degrees clockwise from the crop's +x axis) and the radii of the text band."""

    strip: np.ndarray
    gap_deg: float
    band: tuple[float, float]  # inner, outer radius (pixels of the circle the ellipse was made into)


def to_circle(ink: np.ndarray, ellipse: Ellipse) -> tuple[np.ndarray, tuple[float, float], float]:
    """An oval seal stretched into a circle along its short axis: (image, centre, radius)."""
    (cx, cy), (a, b), angle = ellipse.centre, ellipse.axes, ellipse.angle
    radius = max(a, b) / 2
    if max(a, b) / max(min(a, b), 1) < 1.03:
        return ink, (cx, cy), radius
    # Rotate the short axis onto x, stretch it, rotate back: one affine map about the centre.
    theta = math.radians(angle if a < b else angle + 90)
    rotation = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    stretch = rotation @ np.diag([max(a, b) / min(a, b), 1.0]) @ rotation.T
    matrix = np.hstack([stretch, (np.array([cx, cy]) - stretch @ np.array([cx, cy]))[:, None]])
    side = int(2 * radius + 4)
    matrix[:, 2] += side / 2 - np.array([cx, cy])
    return cv2.warpAffine(ink, matrix, (side, side), flags=cv2.INTER_LINEAR), (side / 2, side / 2), radius


def polar(ink: np.ndarray, centre: tuple[float, float], radius: float) -> np.ndarray:
    """Rows = radius from the rim inward, columns = angle clockwise from +x, one pixel of arc at 0.8 radius."""
    columns = max(360, int(2 * math.pi * radius * 0.8))
    unwrapped = cv2.warpPolar(ink, (int(radius * 1.04), columns), centre, radius * 1.04,
                              cv2.WARP_POLAR_LINEAR | cv2.INTER_LINEAR)
    return np.ascontiguousarray(unwrapped.T[::-1])  # OpenCV misreads views with negative strides


def ring_rows(strip: np.ndarray) -> np.ndarray:
    """Which rows of an unwrapped seal are its ring lines: ink nearly all the way round."""
    return (strip > 127).mean(axis=1) >= RING_ROW


def text_band(strip: np.ndarray) -> tuple[int, int]:
    """(top, bottom) rows of the legend: the widest run of rows between ring lines in the strip's outer part."""
    height = strip.shape[0]
    rows = np.flatnonzero(ring_rows(strip)[: int(height * 0.6)])
    if rows.size == 0:
        return int(height * 0.04), int(height * 0.34)
    gaps = np.diff(rows)
    if gaps.size and gaps.max() >= height * 0.08:
        k = int(np.argmax(gaps))
        return int(rows[k]) + 1, int(rows[k + 1])
    top = int(rows[0]) + 1  # one ring line: the legend runs inside it
    while top < height and top - 1 in rows:
        top += 1
    return top, min(height, top + int(height * 0.3))


def without_specks(ink: np.ndarray, min_area: int) -> np.ndarray:
    """``ink`` without its connected pieces smaller than ``min_area`` pixels (typing's remnants, dust)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = np.zeros(count, np.uint8)
    keep[1:] = (stats[1:, cv2.CC_STAT_AREA] >= min_area) * 255
    return keep[labels]


def legend_rows(band: np.ndarray) -> tuple[int, int]:
    """(first, last) rows of the legend's letters in a ring's band: the run of rows round the densest one
    that ink crosses at least LEGEND_ROW of as often; what lies beyond is typing under the seal or space."""
    # Smoothed over a tenth of the band: capitals' rows between their strokes are sparser than the strokes'.
    window = max(3, band.shape[0] // 10)
    profile = np.convolve((band > 0).mean(axis=1), np.ones(window) / window, mode="same")
    peak = int(np.argmax(profile))
    keep = profile >= LEGEND_ROW * profile[peak]
    first, last = peak, peak
    while first > 0 and keep[first - 1]:
        first -= 1
    while last < len(keep) - 1 and keep[last + 1]:
        last += 1
    margin = max(2, int(0.1 * (last - first)))  # letters' thin tops and tails
    return max(0, first - margin), min(len(keep), last + 1 + margin)


def widest_gap(profile: np.ndarray) -> int:
    """The column in the middle of the widest run of empty columns, going round (the legend's ends)."""
    empty = np.concatenate([profile == 0, profile == 0])
    best, best_mid, run = 0, 0, 0
    for k, free in enumerate(empty):
        run = run + 1 if free else 0
        if run > best:
            best, best_mid = run, k - run // 2
    return best_mid % profile.size


def _scaled(image: np.ndarray, text_rows: int) -> np.ndarray:
    factor = TEXT_HEIGHT / max(text_rows, 1)
    if abs(factor - 1) < 0.1:
        return image
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC)


def dark_on_white(ink: np.ndarray, pad: int = 12) -> np.ndarray:
    """A binary crop as Tesseract likes it: black ink on white, with a white margin."""
    return cv2.copyMakeBorder(255 - ink, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def unwrap_ring(ink: np.ndarray, ellipse: Ellipse) -> Ring:
    """A seal's legend as a straight strip read left to right, cut at the gap between its ends."""
    circle, centre, radius = to_circle(ink, ellipse)
    strip = polar(circle, centre, radius)
    top, bottom = text_band(strip)
    band = strip[top:bottom]
    band = np.where(band > 127, 255, 0).astype(np.uint8)
    # What is left of the ring lines at the band's edges: ink running straight much further than a letter is wide.
    lines = cv2.morphologyEx(band, cv2.MORPH_OPEN, np.ones((1, max(8, int(1.5 * (bottom - top)))), np.uint8))
    band = without_specks(cv2.subtract(band, cv2.dilate(lines, np.ones((3, 1), np.uint8))), (bottom - top) ** 2 // 200)
    first, last = legend_rows(band)
    band = band[first:last]
    cut = widest_gap((band > 0).sum(axis=0) > 1)
    rolled = np.roll(band, -cut, axis=1)
    gap_deg = 360.0 * cut / band.shape[1]
    rows = strip.shape[0] / 1.04
    return Ring(dark_on_white(_scaled(rolled, int((bottom - top) * 0.75))), gap_deg,
                (radius * (1 - bottom / rows), radius * (1 - top / rows)))


def centre_disc(ink: np.ndarray, ellipse: Ellipse, ring: Ring) -> np.ndarray:
    """The seal's flat centre inside its legend, turned so the legend's gap is at the bottom (upright)."""
    circle, centre, _ = to_circle(ink, ellipse)
    inner = ring.band[0] * 0.92
    mask = np.zeros_like(circle)
    cv2.circle(mask, (round(centre[0]), round(centre[1])), int(inner), 255, -1)
    turned = cv2.warpAffine(circle & mask, cv2.getRotationMatrix2D(centre, ring.gap_deg - 90, 1.0),
                            circle.shape[::-1], flags=cv2.INTER_LINEAR)
    x0, y0 = max(0, int(centre[0] - inner)), max(0, int(centre[1] - inner))
    return dark_on_white(turned[y0:int(centre[1] + inner), x0:int(centre[0] + inner)])


def deskew_rect(ink: np.ndarray, rect: tuple) -> np.ndarray:
    """A rectangular stamp turned level on its frame (its long side across), the frame cut away."""
    (cx, cy), (w, h), angle = rect
    if h > w:
        w, h, angle = h, w, angle - 90
    # A rectangle is the same turned half round: take the smaller turn (registry stamps are pressed
    # roughly upright; one pressed upside down is read turned half round too).
    angle = (angle + 90) % 180 - 90
    matrix = cv2.getRotationMatrix2D((cx, cy), angle, 1.0)
    matrix[:, 2] += (w / 2 - cx, h / 2 - cy)
    level = cv2.warpAffine(ink, matrix, (int(w), int(h)), flags=cv2.INTER_LINEAR)
    inset = int(0.045 * h) + 3
    return dark_on_white(level[inset:-inset, inset:-inset])
