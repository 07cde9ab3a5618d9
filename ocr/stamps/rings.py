"""A seal's ring fitted to its ink: circles and ellipses scored by how far round ink follows them (their
coverage), an ellipse searched near a first guess, the outer ring told from the one round a seal's
centre. Pure functions on binary images (ink 255).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

RING_COVERAGE = 0.55  # share of a fitted circle's length along which ink lies, for a ring
RING_REACH = (0.75, 1.25)  # of a first guess's radius: the semi-axes a seal's ring is looked for with
OUTER_RING = 1.6  # a seal's outer ring over the one round its centre, about (fitted within RING_REACH of that)
OUTER_SHARE = 0.8  # of the inner ring's coverage, that the outer one has at least (partly pressed, typing over it)
LARGER = 0.02  # coverage an ellipse's fit gains by being larger: ties go to the outer ring
RING_LINE = 0.03  # of its size, how far a fitted ring is shrunk or grown to find the middle of its line
RING_CLIMB = 3  # steps a ring's fit may move at each scale
RING_STARTS = 3  # coarse fits of a ring refined
RING_STEP = 2.0  # degrees between the points an ellipse's ring coverage is sampled at while fitting


@dataclass(frozen=True)
class Ellipse:
    """An ellipse in a stamp's crop: centre (x, y), full axes (w, h) and rotation (degrees), as cv2.fitEllipse."""

    centre: tuple[float, float]
    axes: tuple[float, float]
    angle: float


def ellipse_radius(ellipse: Ellipse, angles: np.ndarray) -> np.ndarray:
    """Distance from ``ellipse``'s centre to its outline along directions ``angles`` (radians from +x, clockwise on the page)."""
    a, b = ellipse.axes[0] / 2, ellipse.axes[1] / 2
    turned = angles - math.radians(ellipse.angle)
    return a * b / np.maximum(np.hypot(b * np.cos(turned), a * np.sin(turned)), 1e-6)


def ellipse_coverage(ink: np.ndarray, ellipse: Ellipse, band: float) -> float:
    """Share of ``ellipse``'s outline (sampled every degree) with ink within ``band`` pixels of it, either way."""
    angles = np.radians(np.arange(360))
    radii = ellipse_radius(ellipse, angles)[None, :] + np.arange(-band, band + 1, max(1.0, band / 3))[:, None]
    xs = np.clip((ellipse.centre[0] + radii * np.cos(angles)).astype(int), 0, ink.shape[1] - 1)
    ys = np.clip((ellipse.centre[1] + radii * np.sin(angles)).astype(int), 0, ink.shape[0] - 1)
    return float((ink[ys, xs] > 0).any(axis=0).mean())


def ring_coverage_of(ink: np.ndarray, ring: Ellipse) -> float:
    """Share of a seal's ring ``ring`` along which ``ink`` lies, within a little of its size (a ring line's width)."""
    return ellipse_coverage(ink, ring, max(2.0, 0.0025 * sum(ring.axes)))


def _coverages(grown: np.ndarray, candidates: np.ndarray, step: float, larger: float = LARGER) -> np.ndarray:
    """Share of each ellipse's outline (rows of centre x, y, full axes w, h, turn in degrees), sampled every
    ``step`` degrees, that lies on ink (of ``grown``, the ink thickened by the tolerance wanted), and a
    little more for the larger."""
    angles = np.radians(np.arange(0.0, 360.0, step))
    # A search tries thousands of ellipses but a dozen turns at most: the sines and cosines once per turn.
    turns, which = np.unique(candidates[:, 4], return_inverse=True)
    turned = angles[None, :] - np.radians(turns)[:, None]
    cos, sin = np.cos(turned)[which], np.sin(turned)[which]
    a, b = candidates[:, 2, None] / 2, candidates[:, 3, None] / 2
    radii = a * b / np.maximum(np.sqrt((b * cos) ** 2 + (a * sin) ** 2), 1e-6)  # hypot's care for overflow costs twice
    xs = np.clip((candidates[:, 0, None] + radii * np.cos(angles)).astype(int), 0, grown.shape[1] - 1)
    ys = np.clip((candidates[:, 1, None] + radii * np.sin(angles)).astype(int), 0, grown.shape[0] - 1)
    # Ties go to the larger: round the outer ring lie the thin inner one and the legend, which thickened ink fills.
    on_ink = np.take(grown.ravel(), ys * grown.shape[1] + xs) > 0
    return on_ink.mean(axis=1) + larger * candidates[:, 2:4].sum(axis=1) / max(candidates[:, 2:4].sum(axis=1).max(), 1)


def _grown(ink: np.ndarray, band: float) -> np.ndarray:
    side = 2 * max(1, round(band)) + 1
    return cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side)))


def fit_ring(ink: np.ndarray, guess: Ellipse) -> Ellipse:
    """The ellipse near ``guess`` that ink follows furthest round: a seal's ring pressed on a bowed sheet
    or at a slant comes out oval, and a circle fitted to it (or a hull's fit, which typing and a faint
    side pull) is off its centre and crosses its legend. Searched coarse (centres within a tenth of
    ``guess``'s radius, semi-axes within RING_REACH of it, turns every 15 degrees, ink thickened to
    match), then ever finer round the best few (the legend's band also follows an ellipse roughly);
    typing's broken ink follows no ellipse far."""
    radius = sum(guess.axes) / 4
    # Only the ink the search can reach (a page's, for a gray seal): thickening it costs by its size.
    reach = int(radius * (RING_REACH[1] + 0.25)) + 2
    x0, y0 = max(0, int(guess.centre[0]) - reach), max(0, int(guess.centre[1]) - reach)
    if x0 or y0 or ink.shape[0] > y0 + 2 * reach or ink.shape[1] > x0 + 2 * reach:
        near = fit_ring(ink[y0:int(guess.centre[1]) + reach, x0:int(guess.centre[0]) + reach],
                        Ellipse((guess.centre[0] - x0, guess.centre[1] - y0), guess.axes, guess.angle))
        return Ellipse((near.centre[0] + x0, near.centre[1] + y0), near.axes, near.angle)
    sizes = 2 * radius * np.arange(RING_REACH[0], RING_REACH[1] + 1e-6, 0.05)
    shapes = [(w, h, t) for k, w in enumerate(sizes) for h in sizes[:k + 1] for t in np.arange(0.0, 180.0, 15.0)]
    shifts = 0.08 * radius * np.array([-1.0, 0.0, 1.0])
    grid = np.array([(guess.centre[0] + dx, guess.centre[1] + dy, *shape) for dx in shifts for dy in shifts for shape in shapes])
    coverage = _coverages(_grown(ink, 0.04 * radius), grid, 4 * RING_STEP)
    if coverage.max() - LARGER < RING_COVERAGE:  # no ring near even on thickened ink (typing): not worth refining
        return guess
    starts = grid[np.argsort(coverage)[::-1][:RING_STARTS * 20]]
    distinct = [starts[0]]  # the best few, told apart by their size
    for start in starts[1:]:
        if len(distinct) < RING_STARTS and all(abs(start[2:4] - d[2:4]).max() > 0.1 * radius for d in distinct):
            distinct.append(start)
    moves = np.array([(dx, dy, dw, dh, dt) for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dw in (-1, 0, 1)
                      for dh in (-1, 0, 1) for dt in (-1, 0, 1)], np.float64)
    best = np.array(distinct)
    for step, turn in ((0.04, 7.5), (0.02, 3.75), (0.01, 1.9), (0.005, 0.95)):  # shift and growth: of the radius
        grown = _grown(ink, step * radius)
        for _ in range(RING_CLIMB):  # a few steps uphill at each scale, until none is better
            grid = (best[:, None, :] + moves[None] * [*[step * radius] * 4, turn]).reshape(-1, 5)
            coverage = _coverages(grown, grid, RING_STEP).reshape(len(best), -1)
            moved = grid.reshape(len(best), len(moves), 5)[np.arange(len(best)), coverage.argmax(axis=1)]
            if np.array_equal(moved, best):
                break
            best = moved
    final = _coverages(_grown(ink, 0.01 * radius), best, RING_STEP)
    return on_line(ink, best[int(np.argmax(final))])


def on_line(ink: np.ndarray, fit: np.ndarray) -> Ellipse:
    """The ellipse ``fit`` (centre x, y, axes w, h, turn) grown or shrunk onto the middle of the ring's line:
    fitting on thickened ink, the larger preferred, leaves it at the line's outer edge, where the ink is
    paler than the stamp's (its grey is read along the ring)."""
    scales = np.linspace(1 - RING_LINE, 1 + RING_LINE, 17)
    grid = np.repeat(fit[None], scales.size, axis=0)
    grid[:, 2:4] *= scales[:, None]
    coverage = _coverages(ink, grid, RING_STEP, larger=0.0)
    peak = int(np.argmax(coverage))
    first, last = peak, peak
    while first > 0 and coverage[first - 1] >= 0.9 * coverage[peak]:
        first -= 1
    while last < scales.size - 1 and coverage[last + 1] >= 0.9 * coverage[peak]:
        last += 1
    x, y, w, h, t = (float(v) for v in grid[(first + last) // 2])
    return Ellipse((x, y), (w, h), t)


def closer_ring(ink: np.ndarray, guess: Ellipse) -> tuple[Ellipse, float]:
    """(ellipse, its ring coverage): ``guess`` or the ring fitted near it (:func:`fit_ring`), whichever ink follows more."""
    band = max(2.0, 0.0025 * sum(guess.axes))  # a hundredth of the radius
    return max(((e, ellipse_coverage(ink, e, band)) for e in (guess, fit_ring(ink, guess))), key=lambda pair: pair[1])


def outer_ring(ink: np.ndarray, ring: Ellipse, coverage: float) -> tuple[Ellipse, float]:
    """(ellipse, coverage) of the seal's outer ring where ``ring`` is the one round its centre: ink that
    follows a concentric ellipse about OUTER_RING times as large about as far round; else ``ring``'s."""
    guess = Ellipse(ring.centre, (ring.axes[0] * OUTER_RING, ring.axes[1] * OUTER_RING), ring.angle)
    outer = fit_ring(ink, guess)
    found = ring_coverage_of(ink, outer)
    return (outer, found) if found >= max(RING_COVERAGE, OUTER_SHARE * coverage) else (ring, coverage)


def ring_coverage(ink: np.ndarray, circles: np.ndarray, band: float) -> np.ndarray:
    """Per circle (rows of x, y, radius): share of its length (sampled every degree) with ink within
    ``band`` pixels of it, either way. All circles at once: a seal's fit tries dozens."""
    angles = np.radians(np.arange(360))
    offsets = np.arange(-band, band + 1, max(1.0, band / 3))
    radii = circles[:, 2, None, None] + offsets[None, :, None]  # circle, offset, angle
    xs = np.clip((circles[:, 0, None, None] + radii * np.cos(angles)).astype(int), 0, ink.shape[1] - 1)
    ys = np.clip((circles[:, 1, None, None] + radii * np.sin(angles)).astype(int), 0, ink.shape[0] - 1)
    return (ink[ys, xs] > 0).any(axis=1).mean(axis=1)


def refine_circle(ink: np.ndarray, circle: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """(x, y, radius, ring coverage) of the circle near ``circle`` that ink follows best: a Hough circle
    found on a reduced page is a few pixels off, enough to miss a thin ring."""
    cx, cy, r = circle
    step = max(1.0, 0.015 * r)
    tried = np.array([(cx + dx * step, cy + dy * step, r + dr * step)
                      for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dr in (-2, -1, 0, 1, 2)])
    coverage = ring_coverage(ink, tried, max(2.0, 0.01 * r))
    best = int(np.argmax(coverage))
    return (*(float(v) for v in tried[best]), float(coverage[best]))


def to_circle(ink: np.ndarray, ellipse: Ellipse, fill: int = 0) -> tuple[np.ndarray, tuple[float, float], float]:
    """An oval seal stretched into a circle along its short axis: (image, centre, radius); ``fill`` beyond the image."""
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
    return (cv2.warpAffine(ink, matrix, (side, side), flags=cv2.INTER_LINEAR, borderValue=fill), (side / 2, side / 2),
            radius)
