"""A stamp's ink made into straight lines Tesseract can read: a seal's ring unwrapped into a strip by a
polar transform round its fitted centre, its flat centre turned upright, a rectangular stamp deskewed
on its own frame. Pure functions on binary crops (ink 255, pixels of the crop).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.preprocess.geometry import ink_runs
from ocr.stamps.rings import Ellipse, to_circle

RING_ROW = 0.55  # share of a strip's row that is ink, above which the row is one of the seal's ring lines
TALL = 0.06  # of a strip's height (the seal's radius): ink standing this tall is a letter's stroke, no ring line's
THIN_ROW = 0.25  # share of a ring line's row that its thin ink holds at least
APART = (2, 4)  # rows either side of a ring line (a pixel of radius each) looked at for the space round it
APART_INK = 0.5  # of a ring line's ink: letters' rows beside it hold this much at least; of theirs, space the other side less
RING_BREAK = 2  # rows: a ring line's rows broken by no more than this are one line
LEGEND_ROW = 0.6  # share of the densest row's ink, down to which rows still cross the legend's letters
ALIGNED_LETTER = 0.3  # of the rows the legend was taken to fill: the least a piece of its letters stands
ALIGNED_SHARE = 0.5  # of its pieces' width (by letter-like pieces) that letters tall enough hold, for their lines to count
FLAT = 0.2  # of a letter's height: a piece of ink no taller than this and twice as long is a ring line's
STROKE = 0.1  # of the legend's height: the least ink a column of a letter holds
EMBLEM = 0.06  # of a seal's centre's width: ink solid across this much is its emblem, not a letter's stroke
LINES_TURN = 30  # degrees either way that a stamp's lines are looked for off its frame's direction
CENTRE_TURN = 12  # degrees either way that a seal's centre's lines are looked for off its legend's gap's direction
# (nearer than a frame's: further off, the rows of typing under the centre come out sharper than its line)
LEGEND_PIECE = 4.0  # of the legend's height: a chain of its ink at least this long is letters of it, not typing's remnant
WORD_SPACE = 1.0  # of the legend's height: the widest space between its words (the gap between its ends is wider)
POLAR_RADIUS = 0.8  # share of the radius at which the unwrapped columns are a pixel of arc apart
GROWN = 2  # px (at TEXT_HEIGHT) by which the legend's strokes are thickened (3 ran bold strokes together)
FRAME_SHARE = 0.5  # percent of a stamp's ink left beyond each side of the frame taken round it (specks, smears)
TEXT_HEIGHT = 40  # px: the legend's rows (its capitals and a little margin) are scaled to this, where Tesseract reads them best


@dataclass(frozen=True)
class Ring:
    """A seal's ring unwrapped: ``strip`` (dark text on white, reading left to right), where the
    legend's gap is (degrees clockwise from the crop's +x axis) and the radii of the text band."""

    strip: np.ndarray
    gap_deg: float
    band: tuple[float, float]  # radii (pixels of the circle the ellipse was made into): the legend's letters inward, its band outward
    scale: float = 1.0  # the strip's enlargement: the centre's letters, cut a little smaller, are read at it too


def polar(ink: np.ndarray, centre: tuple[float, float], radius: float) -> np.ndarray:
    """Rows = radius from the rim inward, columns = angle clockwise from +x, one pixel of arc at POLAR_RADIUS."""
    columns = max(360, int(2 * math.pi * radius * POLAR_RADIUS))
    # Outliers (beyond the crop: the ring's outer edge at its box's sides) filled with paper: left out, OpenCV
    # leaves them as whatever memory held, and a seal read differently from one call to the next.
    unwrapped = cv2.warpPolar(ink, (int(radius * 1.04), columns), centre, radius * 1.04,
                              cv2.WARP_POLAR_LINEAR | cv2.INTER_LINEAR | cv2.WARP_FILL_OUTLIERS)
    return np.ascontiguousarray(unwrapped.T[::-1])  # OpenCV misreads views with negative strides


def ring_rows(strip: np.ndarray) -> np.ndarray:
    """Which rows of an unwrapped seal are its ring lines: ink nearly all the way round, much of it
    in thin lines (a legend's rows, bold and typed over, can be as inky, but in its letters' tall strokes)."""
    ink = np.where(strip > 127, 255, 0).astype(np.uint8)
    tall = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((max(3, int(TALL * strip.shape[0])) | 1, 1), np.uint8))
    return ((ink > 0).mean(axis=1) >= RING_ROW) & ((cv2.subtract(ink, tall) > 0).mean(axis=1) >= THIN_ROW)


def ring_lines(strip: np.ndarray) -> np.ndarray:
    """Rows of an unwrapped seal that are its ring lines (:func:`ring_rows`), but for the row a legend's
    capitals stand on or hang from (a serif face's serifs run into a thin line nearly all the way round):
    a run of rows (broken by a row or two at most) with the rows a little way to one side inked about as
    much as itself (the letters' strokes) and those to the other side far less."""
    rows = ring_rows(strip)
    profile = (strip > 127).mean(axis=1)
    found = np.flatnonzero(rows)
    runs = np.split(found, np.flatnonzero(np.diff(found) > RING_BREAK) + 1) if found.size else []
    for run in runs:
        first, last = int(run[0]), int(run[-1])
        sides = [profile[max(0, first - APART[1]):max(0, first - APART[0] + 1)], profile[last + APART[0]:last + APART[1] + 1]]
        if not all(side.size for side in sides):
            continue
        inked, sparse = max(side.mean() for side in sides), min(side.mean() for side in sides)
        if inked >= APART_INK * profile[first:last + 1].mean() and sparse < APART_INK * inked:
            rows[first:last + 1] = False
    return rows


def text_band(strip: np.ndarray) -> tuple[int, int]:
    """(top, bottom) rows of the legend: the widest run of rows between ring lines in the strip's outer part."""
    height = strip.shape[0]
    rows = np.flatnonzero(ring_lines(strip)[: int(height * 0.6)])
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


def without_specks(ink: np.ndarray, min_area: int, letter: int = 0) -> np.ndarray:
    """``ink`` without its connected pieces smaller than ``min_area`` pixels (typing's remnants, dust) and,
    given a ``letter`` height, those flat and long as no letter is (pieces of a broken ring line)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = np.zeros(count, np.uint8)
    flat = (stats[1:, cv2.CC_STAT_HEIGHT] <= FLAT * letter) & (stats[1:, cv2.CC_STAT_WIDTH] >= 2 * FLAT * letter)
    keep[1:] = ((stats[1:, cv2.CC_STAT_AREA] >= min_area) & ~flat) * 255
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
    first, last = aligned_rows(band, (first, last))
    margin = max(2, int(0.1 * (last - first)))  # letters' thin tops and tails
    return max(0, first - margin), min(len(keep), last + 1 + margin)


def aligned_rows(band: np.ndarray, rows: tuple[int, int]) -> tuple[int, int]:
    """(top, bottom) rows of the legend within ``rows``: where most of its pieces of ink begin,
    and as tall as most stand, a legend's capitals standing on one line and as tall; typing's remnants under a seal lie
    anyhow. ``rows`` themselves where its pieces agree on no such line (a legend broken up)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(band[rows[0]:rows[1] + 1], connectivity=8)
    span = rows[1] - rows[0] + 1
    heights, widths = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    letters = (heights >= ALIGNED_LETTER * span) & (widths <= 2 * heights)
    if widths[letters].sum() < ALIGNED_SHARE * widths[widths <= 2 * heights].sum():
        return rows
    tops = stats[1:, cv2.CC_STAT_TOP][letters]

    def mode(values: np.ndarray) -> int:
        votes = np.convolve(np.bincount(values, minlength=span + 1), np.ones(3), mode="same")
        return int(np.argmax(votes))

    # Its height the one most pieces stand: a letter run into typing below it stands taller.
    top, bottom = mode(tops), mode(tops) + mode(heights[letters]) - 1
    return (rows[0] + top, rows[0] + bottom) if bottom - top >= ALIGNED_LETTER * span else rows


def legend_span(band: np.ndarray) -> tuple[int, int]:
    """(first, end) columns of the legend going round the unwrapped band (``end`` may pass the band's
    width: it wraps): the runs of inked columns chained across spaces no wider than a word space, from
    the first to the last chain a few letters long going round from the widest empty stretch. Typing's
    remnants and specks in the gap between the legend's ends lie further apart than that, from each
    other and from the legend."""
    counts = (band > 0).sum(axis=0)
    counts = counts * (counts >= STROKE * band.shape[0])  # a speck's edge is no letter's column
    width = counts.size
    empty = np.concatenate([counts == 0, counts == 0])
    best, shift, run = 0, 0, 0
    for k, free in enumerate(empty):  # start from the middle of the widest empty stretch
        run = run + 1 if free else 0
        if run > best:
            best, shift = run, (k - run // 2) % width
    if best in (0, 2 * width):  # inked all round, or nothing left in it (typing taken out of a stamp over it): all of it
        return 0, width
    inked = np.roll(counts, -shift) > 0
    runs = ink_runs(inked)  # [start, end) of each run of inked columns
    space = WORD_SPACE * band.shape[0]
    chains, chain = [], [runs[0]]
    for run in runs[1:]:
        if run[0] - chain[-1][1] <= space:
            chain.append(run)
        else:
            chains.append(chain)
            chain = [run]
    chains.append(chain)
    ink = np.roll(counts, -shift)
    # The legend runs from the first to the last chain of a few letters: a hole in it (letters lost to
    # typing taken out, a faint side) does not cut it; typing's lone remnants in its gap are left out.
    pieces = [c for c in chains if c[-1][1] - c[0][0] >= LEGEND_PIECE * band.shape[0]]
    first_piece, last_piece = (pieces[0], pieces[-1]) if pieces else (max(chains, key=lambda c: ink[c[0][0]:c[-1][1]].sum()),) * 2
    start, end = int(first_piece[0][0]), int(last_piece[-1][1])
    first = (start + shift) % width
    return int(first), int(first + end - start)


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
    band = without_specks(cv2.subtract(band, cv2.dilate(lines, np.ones((3, 1), np.uint8))), (bottom - top) ** 2 // 200,
                         int(0.7 * (bottom - top)))
    first, last = legend_rows(band)
    band = band[first:last]
    start, end = legend_span(band)
    legend = np.roll(band, -start, axis=1)[:, :end - start]
    gap_deg = 360.0 * ((end + start + band.shape[1]) / 2 % band.shape[1]) / band.shape[1]
    rows = strip.shape[0] / 1.04
    # Inward to the legend's letters, not to the line round the centre: the centre's widest line may reach
    # past that line (taken out of the centre with the ring's lines).
    inner, outer = radius * (1 - (top + last) / rows), radius * (1 - top / rows)
    # Scaled so the letters stand TEXT_HEIGHT tall; columns are arc at POLAR_RADIUS of the radius, so
    # widened by the legend's own mid radius over that for letters of their own width (outer ones are wider).
    mid = radius * (1 - (top + (first + last) / 2) / rows)
    factor = TEXT_HEIGHT / max(last - first, 1)
    size = (max(1, round(legend.shape[1] * factor * mid / (POLAR_RADIUS * radius))), max(1, round(legend.shape[0] * factor)))
    legend = np.where(cv2.resize(legend, size, interpolation=cv2.INTER_LINEAR) > 127, 255, 0).astype(np.uint8)
    # Strokes thickened a little: a stamp's grainy, unevenly inked strokes break up where Tesseract needs them whole.
    legend = cv2.dilate(legend, np.ones((GROWN, GROWN), np.uint8))
    return Ring(dark_on_white(legend), gap_deg, (inner, outer), factor)


def without_emblem(ink: np.ndarray) -> np.ndarray:
    """A seal's centre (a square round it) without its star or emblem: the largest piece of ink solid across
    more than EMBLEM of the centre's width, which no letter's stroke is, grown back over its points. (The largest
    alone: bold typing under a seal leaves solid pieces too, where its letters cross the seal's, and taking them
    out with the ground round them took the seal's own letters beside them.)"""
    side = max(3, int(EMBLEM * ink.shape[0]))
    solid = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid)
    if count > 2:
        solid = np.where(labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA])), 255, 0).astype(np.uint8)
    return cv2.subtract(ink, cv2.dilate(solid, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * side, 2 * side))))


def level_turn(ink: np.ndarray, reach: float = LINES_TURN) -> float:
    """The turn (degrees, within ``reach`` either way) that sets a stamp's lines level: the one whose
    rows of ink are sharpest (the gap between a legend's ends places a seal's centre only roughly)."""
    small = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    middle = (small.shape[1] / 2, small.shape[0] / 2)

    def sharpness(turn: float) -> float:
        turned = cv2.warpAffine(small, cv2.getRotationMatrix2D(middle, turn, 1.0), small.shape[::-1])
        return float((turned.astype(np.float64).sum(axis=1) ** 2).sum())

    return max(np.arange(-reach, reach + 1, 3.0), key=sharpness)


def without_circles(ink: np.ndarray, centre: tuple[float, float], radius: float) -> np.ndarray:
    """``ink`` without the seal's ring lines within ``radius`` of its centre (the line round its centre,
    which a centre's widest line of text reaches and Tesseract reads as ``/``, ``\\`` or letters):
    the radii ink follows nearly all the way round in thin lines (:func:`ring_rows`), a pixel either side."""
    strip = polar(ink, centre, radius)
    erase = np.zeros_like(ink)
    for row in np.flatnonzero(ring_rows(strip)):
        # Row 0 of the strip is its rim (1.04 radius), a pixel of radius a row.
        cv2.circle(erase, (round(centre[0]), round(centre[1])), round(strip.shape[0] - 1 - row), 255, 3)
    return cv2.subtract(ink, erase)


def centre_disc(ink: np.ndarray, ellipse: Ellipse, ring: Ring) -> np.ndarray:
    """The seal's flat centre inside its legend, its emblem taken out, turned so the legend's gap is at
    the bottom and its lines level, at the strip's scale."""
    circle, centre, _ = to_circle(ink, ellipse)
    inner = ring.band[0] * 0.92
    mask = np.zeros_like(circle)
    cv2.circle(mask, (round(centre[0]), round(centre[1])), int(inner), 255, -1)
    x0, y0 = max(0, int(centre[0] - inner)), max(0, int(centre[1] - inner))
    disc = without_emblem(without_circles(circle & mask, centre, inner)[y0:int(centre[1] + inner), x0:int(centre[0] + inner)])
    middle = (centre[0] - x0, centre[1] - y0)
    upright = cv2.warpAffine(disc, cv2.getRotationMatrix2D(middle, ring.gap_deg - 90, 1.0), disc.shape[::-1])
    matrix = cv2.getRotationMatrix2D(middle, ring.gap_deg - 90 + level_turn(upright, CENTRE_TURN), ring.scale)
    matrix[:, 2] += (middle[0] * (ring.scale - 1), middle[1] * (ring.scale - 1))
    size = (round(disc.shape[1] * ring.scale), round(disc.shape[0] * ring.scale))
    return dark_on_white(np.where(cv2.warpAffine(disc, matrix, size, flags=cv2.INTER_LINEAR) > 127, 255, 0).astype(np.uint8))


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


def frame_in(ink: np.ndarray, ellipse: Ellipse) -> tuple:
    """The rectangle (as cv2.minAreaRect) along ``ellipse``'s axes round the ink inside it, all but the
    FRAME_SHARE beyond each side: a registry stamp whose frame was fitted as an oval (a rounded or worn
    corner, typing across its sides) read on its own frame."""
    mask = np.zeros(ink.shape, np.uint8)
    centre, axes, angle = ellipse.centre, ellipse.axes, ellipse.angle
    cv2.ellipse(mask, (centre, (axes[0] * 1.05, axes[1] * 1.05), angle), 255, -1)
    ys, xs = np.nonzero((ink > 0) & (mask > 0))
    if xs.size == 0:
        return centre, axes, angle
    turn = math.radians(angle)
    along = (xs - centre[0]) * math.cos(turn) + (ys - centre[1]) * math.sin(turn)
    across = -(xs - centre[0]) * math.sin(turn) + (ys - centre[1]) * math.cos(turn)
    (a0, a1), (c0, c1) = (np.percentile(v, (FRAME_SHARE, 100 - FRAME_SHARE)) for v in (along, across))
    mid_along, mid_across = (a0 + a1) / 2, (c0 + c1) / 2
    cx = centre[0] + mid_along * math.cos(turn) - mid_across * math.sin(turn)
    cy = centre[1] + mid_along * math.sin(turn) + mid_across * math.cos(turn)
    return (float(cx), float(cy)), (float(a1 - a0), float(c1 - c0)), angle
