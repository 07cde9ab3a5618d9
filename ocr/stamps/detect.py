"""Find every rubber stamp on a preprocessed page as an object: its shape, ink, outline and own binary image.

Colour stamps come from the ink layer :mod:`ocr.preprocess.stamps` separated; on grayscale or bitonal
scans, where the colour is gone, by their shape: registry stamps by their frame (:mod:`.frames`), seals
by a ring of ink that a circle fits along most of its length (Hough circles, then checked along the
ring), which no typing makes. A gray stamp's own ink is told from the typing by grey level (:mod:`.levels`) where the
two differ.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.preprocess import PreprocessedPage
from ocr.recognize import overlap
from ocr.stamps.frames import MM_PER_INCH, frame_rects, lines_frame, turned_window
from ocr.stamps.levels import box_levels, gray_ink, ink_level, ring_level, two_inks, whole_strokes
from ocr.stamps.rings import (
    OUTER_RING,
    RING_COVERAGE,
    Ellipse,
    closer_ring,
    outer_ring,
    refine_circle,
    ring_coverage_of,
    to_circle,
)

log = logging.getLogger(__name__)

RECT_FILL = 0.9  # hull area over its bounding rectangle's: a rectangle fills it, an ellipse ~0.79
OVAL_RATIO = 1.15  # an ellipse's long axis over its short one above which a seal is oval
SEAL_DIAMETER_MM = (28.0, 60.0)  # seals' sizes
SEAL_HOUGH = ((800, 40, 8), (600, 30, 4))  # (page's long side reduced to, px; Hough's votes for a centre; circles checked)
RING_SEARCH_SIDE = 300  # px: the reduced mask a coloured stamp's ring is looked for on
SEAL_FILL = 0.7  # of a coloured stamp's box's short side, that a seal's ring found in it spans at least
OWN_SHARE = 0.12  # of a frame's box's ink, that the stamp's own ink told from darker typing holds at least (0.15-0.3; mottle 0.03-0.09)
CENTRE_SHARE = 0.75  # of a seal's short axis: the widest its centre's lines span (its legend's ring lies round them)
WHOLE_RING = 0.8  # ring coverage (0-1) of a seal traced nearly all round (a circle fitted round a frame's corners is not)
WITHIN_SEAL = 0.9  # of a frame's box: the share inside a seal's box for the frame to be the seal's centre
RING_KEPT = 0.85  # of a gray seal's ring's coverage by the page's ink, that its own ink told from the typing keeps at least
PIECE_WITHIN = 0.5  # of a colour stamp's box: the share inside a seal found by shape for it to be a piece of that seal
PIECE_AREA = 0.5  # of a seal's box: the largest a piece of it is
RING_GUESS = 0.45  # ring coverage of a circle found on a gray page, below which no ellipse is fitted near it


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
    shade: np.ndarray | None = None  # its ink's own grey over ``box`` (dark on white), where the scan kept it


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
    ellipse = closer_ring(mask, Ellipse((cx, cy), axes, angle))[0]
    closeness = 1 - abs(fill - math.pi / 4) / (RECT_FILL - math.pi / 4)
    if closeness < 0:
        return "other", ellipse, rect, 30.0
    return seal_shape(ellipse), ellipse, None, round(100 * max(0.5, closeness), 1)


def seal_shape(ellipse: Ellipse) -> str:
    return "oval" if max(ellipse.axes) / max(min(ellipse.axes), 1) > OVAL_RATIO else "round"


def _colour_stamps(page: PreprocessedPage, dpi: int) -> list[FoundStamp]:
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
        ring = ring_in(mask, dpi) if shape in ("rectangular", "other") else None
        if ring is not None:  # a coloured ribbon's typing in the layer round a seal fills its hull out to a rectangle
            (ellipse, coverage), rect = ring, None
            shape, confidence = seal_shape(ellipse), round(100 * coverage, 1)
        if shape == "rectangular":  # typing of a coloured ribbon in the layer may hide the frame's turn from the hull
            rect = lines_frame(mask, turned_window(mask)) or rect
        colour = colour_name(directions[k]) if k < len(directions) else None
        shade = page.stamp_image[y0 + by:y0 + by + bh, x0 + bx:x0 + bx + bw]
        found.append(FoundStamp((x0 + bx, y0 + by, bw, bh), shape, colour, mask, ellipse, rect, confidence, shade))
    return found


def ring_in(mask: np.ndarray, dpi: int) -> tuple[Ellipse, float] | None:
    """(ellipse, coverage) of a seal's ring filling most of a stamp's ink mask, or None: looked for
    on the mask reduced (Hough's cost grows with the typing's edges in it), then fitted at full size."""
    scale = min(1.0, RING_SEARCH_SIDE / max(mask.shape))
    small = cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = np.where(small > 60, 255, 0).astype(np.uint8)
    big = [c for c in seal_circles(255 - small, small, max(1, round(dpi * scale)))
           if max(c[0].axes) >= SEAL_FILL * min(small.shape)]
    if not big:
        return None
    ellipse = max(big, key=lambda c: c[1])[0]
    cx, cy, r, coverage = refine_circle(mask, (ellipse.centre[0] / scale, ellipse.centre[1] / scale, max(ellipse.axes) / 2 / scale))
    found = closer_ring(mask, Ellipse((cx, cy), (2 * r, 2 * r), 0.0))
    return found if found[1] >= RING_COVERAGE else None


def seal_radii(dpi: int) -> tuple[float, float]:
    """The smallest and largest seal's radius (SEAL_DIAMETER_MM) in pixels at ``dpi``."""
    low, high = SEAL_DIAMETER_MM
    return low / 2 / MM_PER_INCH * dpi, high / 2 / MM_PER_INCH * dpi


def seal_circles(gray: np.ndarray, ink: np.ndarray, dpi: int,
                 taken: Sequence[tuple[int, int, int, int]] = ()) -> list[tuple[Ellipse, float]]:
    """(ellipse, ring coverage) of seals on a page with no colour: Hough circles on a reduced page, each
    fitted to the ring near it (an oval one's circle lies off it), kept where its ink (255, as the page's
    binarisation decided: a stain is paper) follows the ring round most of its length. Circles centred
    in a ``taken`` box (a registry stamp's frame found already) are not fitted: their seal would be dropped."""
    high = seal_radii(dpi)[1]
    kept = []
    for circle in hough_circles(gray, dpi):
        # (A circle larger than the frame round its centre is a seal's, the frame its centre's lines.)
        if any(x <= circle[0] < x + w and y <= circle[1] < y + h and 2 * circle[2] <= max(w, h) for x, y, w, h in taken):
            continue
        cx, cy, r, coverage = refine_circle(ink, tuple(float(v) for v in circle))
        # No ring near (typing), or a seal's own other ring: fitting an ellipse costs a tenth of a second.
        if coverage < RING_GUESS or any(math.dist((cx, cy), k.centre) < max(k.axes) / 2 for k, _ in kept):
            continue
        ellipse, coverage = closer_ring(ink, Ellipse((cx, cy), (2 * r, 2 * r), 0.0))
        if max(ellipse.axes) * OUTER_RING <= high * 2:  # small enough to be the ring round a seal's centre
            ellipse, coverage = outer_ring(ink, ellipse, coverage)
        if coverage >= RING_COVERAGE and not any(math.dist(ellipse.centre, k.centre) < max(k.axes) / 2 for k, _ in kept):
            kept.append((ellipse, coverage))
    return kept


def hough_circles(gray: np.ndarray, dpi: int) -> list[np.ndarray]:
    """(x, y, radius) of circles a seal's size on the page, the likeliest first: Hough's strongest on the page
    reduced to each of SEAL_HOUGH's sizes (those it is larger than), those of a coarser one not where one was
    found before. (An oval seal's ring votes for centres spread round its own, which a coarser grid gathers.)"""
    low, high = seal_radii(dpi)
    found: list[np.ndarray] = []
    for k, (side, votes, taken) in enumerate(SEAL_HOUGH):
        if k and side >= max(gray.shape):  # no coarser than the page itself
            break
        scale = min(1.0, side / max(gray.shape))
        small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        circles = cv2.HoughCircles(cv2.GaussianBlur(small, (5, 5), 1.5), cv2.HOUGH_GRADIENT, dp=1.5, minDist=low * scale,
                                   param1=120, param2=votes, minRadius=int(low * scale), maxRadius=int(high * scale))
        circles = [] if circles is None else circles[0] / scale
        # (Within a tenth of its radius of one found before, a circle's ring fit would end where that one's did.)
        found += [c for c in circles if all(math.dist(c[:2], f[:2]) >= 0.1 * c[2] for f in found)][:taken]
    return found


def page_ink(page: PreprocessedPage) -> np.ndarray:
    """The page's ink (255) as its binarisation decided: stains and uneven paper are paper there."""
    return cv2.threshold(page.image, 254, 255, cv2.THRESH_BINARY_INV)[1]  # (cv2.compare takes a 1-pixel page for a scalar)


def _gray_frames(page: PreprocessedPage, grey: np.ndarray, ink: np.ndarray, typing: float, dpi: int) -> list[FoundStamp]:
    found = []
    for rect in frame_rects(ink, dpi):
        (cx, cy), (w, h), angle = rect
        # The outer frame and the ink beyond the inner one: the box grows by a little of the short side.
        grown = ((cx, cy), (w + 0.12 * min(w, h), h + 0.12 * min(w, h)), angle)
        x, y, bw, bh = cv2.boundingRect(cv2.boxPoints(grown).astype(np.int32))
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(ink.shape[1], x + bw), min(ink.shape[0], y + bh)
        mask, shade = frame_ink(grey[y0:y1, x0:x1], ink[y0:y1, x0:x1], typing)
        crop_rect = ((cx - x0, cy - y0), (w, h), angle)
        found.append(FoundStamp((x0, y0, x1 - x0, y1 - y0), "rectangular", None, mask, None, crop_rect, 80.0, shade))
    return found


def frame_ink(crop: np.ndarray, crop_ink: np.ndarray, typing: float) -> tuple[np.ndarray, np.ndarray | None]:
    """(the ink read as a framed stamp's, its grey or None) in the stamp's box on a grey page (``typing``: the
    page's typing level)."""
    # Two inks in the box (a grey stamp over darker typing): the stamp's own. (Not a seal's: its
    # legend's small thin letters have few flat cores, and typing's show-through passes for a second ink.)
    # One ink: all of it, the stamp as dark as the typing (its frame's thin lines, lighter, gave a level
    # that took its letters' cores for typing's and left them hollow).
    levels = box_levels(crop, typing)
    mask = two_inks(crop, crop_ink, *levels) if levels else crop_ink
    # The lighter "ink" holding a small share of the box's ink is the rims and specks of one ink (a heavy
    # scan's grey mottle), not a stamp's text and frame: taking it alone would leave the stamp in pieces;
    # all the ink is read, in its grey.
    if levels and np.count_nonzero(mask) < OWN_SHARE * np.count_nonzero(crop_ink):
        mask = crop_ink
    elif levels:
        mask = whole_strokes(crop, crop_ink, mask, *levels)
    # Its grey is read where two inks were told apart: typing left in a mask of its own ink, darker, would stand out.
    return mask, crop if levels else None


def _gray_seals(page: PreprocessedPage, grey: np.ndarray, ink: np.ndarray, typing: float, dpi: int,
                taken: list[tuple[int, int, int, int]]) -> list[FoundStamp]:
    found = []
    for ellipse, coverage in seal_circles(page.image, ink, dpi, taken):
        (cx, cy), r = ellipse.centre, max(ellipse.axes) / 2
        pad = 0.06 * r
        x0, y0 = max(0, int(cx - r - pad)), max(0, int(cy - r - pad))
        x1, y1 = min(page.image.shape[1], int(cx + r + pad)), min(page.image.shape[0], int(cy + r + pad))
        ellipse = Ellipse((cx - x0, cy - y0), ellipse.axes, ellipse.angle)
        # The stamp's grey along its ring, an oval one's made round: a circle off its ring would read the typing's.
        crop_ink = ink[y0:y1, x0:x1]
        mask = gray_ink(grey[y0:y1, x0:x1], crop_ink, ring_level(*to_circle(grey[y0:y1, x0:x1], ellipse, 255)), typing)
        # The stamp's own ink holds its ring: levels that leave much of the ring out split the stamp's own strokes
        # (their grey spreads wider than the typing's on a blurred scan), not the stamp from the typing: all the ink is taken.
        if ring_coverage_of(mask, ellipse) < RING_KEPT * ring_coverage_of(crop_ink, ellipse):
            mask = crop_ink
        found.append(FoundStamp((x0, y0, x1 - x0, y1 - y0), seal_shape(ellipse), None, mask, ellipse, None,
                                round(100 * coverage, 1)))
    return found


def with_seals_by_shape(colour: list[FoundStamp], seals: list[FoundStamp]) -> list[FoundStamp]:
    """A colour page's stamps, a seal found by its shape on the grey page standing in for the colour stamps
    lying mostly within it, each under half its size: pieces of a seal the colour separation cut apart (its ring
    faint, its ink as violet as a ribbon's typing beside it), each read as a stamp of its own. A seal by
    shape with no colour ink within it, or over a whole colour stamp, is left out (typing's lines, a seal found twice)."""
    for seal in seals:
        near = [f for f in colour if overlap(f.box, seal.box) >= PIECE_WITHIN]
        # (A colour stamp about the seal's size is a whole one: the seal itself, or a registry stamp whose rounded
        # frame passed for a ring. A colour "seal" much smaller is a piece whose arc of the ring an ellipse was fitted to.)
        if near and not any(f.box[2] * f.box[3] > PIECE_AREA * seal.box[2] * seal.box[3] for f in near):
            colour = [f for f in colour if f not in near] + [dataclasses.replace(seal, colour=near[0].colour,
                                                                                 ink=with_ink_of(seal, near))]
    return colour


def with_ink_of(seal: FoundStamp, pieces: list[FoundStamp]) -> np.ndarray:
    """A seal's ink found on the grey page with its colour pieces' ink put back: the colour separation took their
    ink out of the grey page (a quarter of a legend lost on a heavy tuning page, whose ends were then cut wrong)."""
    ink = seal.ink.copy()
    sx, sy = seal.box[:2]
    for piece in pieces:
        x, y, w, h = piece.box
        x0, y0 = max(x, sx), max(y, sy)
        x1, y1 = min(x + w, sx + ink.shape[1]), min(y + h, sy + ink.shape[0])
        if x1 > x0 and y1 > y0:
            region = ink[y0 - sy:y1 - sy, x0 - sx:x1 - sx]
            np.maximum(region, piece.ink[y0 - y:y1 - y, x0 - x:x1 - x], out=region)
    return ink


def find_stamps(page: PreprocessedPage, dpi: int) -> list[FoundStamp]:
    """Every stamp on ``page`` (processed frame): colour stamps from the ink layer, else seals by shape."""
    # Levels from the grey page (its binarisation may have flattened them); which pixels are ink, from the binarisation.
    grey, ink = page.grey if page.grey is not None else page.image, page_ink(page)
    typing = ink_level(grey, ink)
    if page.stamp_image is not None:
        found = _colour_stamps(page, dpi)
        found = with_seals_by_shape(found, _gray_seals(page, grey, ink, typing, dpi,
                                                       [f.box for f in found if f.ellipse is not None]))
    else:
        # Frames first: four straight lines are surer than a circle, which ink inside a framed stamp also follows.
        found = _gray_frames(page, grey, ink, typing, dpi)
        seals = _gray_seals(page, grey, ink, typing, dpi, [s.box for s in found])
        # A "frame" lying within a seal is lines of its centre and legend that four straight runs of ink
        # crossed (typing's lines and the seal's centre's): the seal is the stamp.
        # (No larger than the seal's centre, or the seal's ring traced nearly all round: a frame nearly as large as a
        # "seal" whose ring is in pieces is a registry stamp that a circle round it, fitted to its frame's rounded
        # corners and the typing, passed for a ring (0.6 of it inked on a tuning page; the moderate sample's seal 1.0).)
        found = [f for f in found if not any(overlap(f.box, s.box) >= WITHIN_SEAL
                                             and (max(f.rect[1]) < CENTRE_SHARE * min(s.ellipse.axes) or s.confidence >= 100 * WHOLE_RING)
                                             for s in seals)]
        found += [f for f in seals if not any(overlap(f.box, s.box) > 0 for s in found)]
    log.debug("stamps found: %s", [(s.shape, s.colour, s.box) for s in found])
    return found
