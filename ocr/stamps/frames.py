"""A registry stamp's frame found in ink: its four straight sides, wherever typing touches or crosses
them. Pure geometry on binary images (ink 255); rectangles as ``cv2.minAreaRect`` gives them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import cv2
import numpy as np

MM_PER_INCH = 25.4
FRAME_SIDES_MM = ((25.0, 120.0), (12.0, 70.0))  # registry stamps' frames: long side, short side
FRAME_FILL = 0.83  # a framed stamp's hull fills its rectangle (typing touching the frame adds bumps, a faint side dents it); a seal's 0.78-0.82
FRAME_COVERAGE = 0.6  # share of a frame line's length that is ink
FOUND_DEPTH = 0.15  # of a rectangle grown by PAIR_GROWTH round a pair of sides found: the depth from either end they are looked for within
FOUND_COVERAGE = 0.4  # that share, of a side found as a straight line already (a faded side keeps about half)
TURN_STEP = 3  # degrees between the turns a coloured registry stamp's frame is looked for at
WORK_SIDE = 1000  # px: the reduced page frames are looked for on (a frame line stays at least a pixel)


def level_crop(image: np.ndarray, rect: tuple) -> np.ndarray:
    """The pixels under ``rect`` (cv2.minAreaRect) turned level, its width along the rectangle's first side."""
    (cx, cy), (w, h), angle = rect
    matrix = cv2.getRotationMatrix2D((cx, cy), angle, 1.0)
    matrix[:, 2] += (w / 2 - cx, h / 2 - cy)
    return cv2.warpAffine(image, matrix, (max(1, int(w)), max(1, int(h))), flags=cv2.INTER_NEAREST)


def _frame_lines(profile: np.ndarray, depth: int, least: float = FRAME_COVERAGE) -> tuple[int, int] | None:
    """(first, last): the strongest index within ``depth`` of either end, where ``profile`` reaches
    ``least`` (a frame line runs the whole side; typing beside it does not), or None."""
    head, tail = profile[:depth], profile[-depth:]
    if head.max() < least or tail.max() < least:
        return None
    return int(np.argmax(head)), int(profile.size - depth + np.argmax(tail))


def _span(present: np.ndarray) -> int:
    found = np.flatnonzero(present)
    return int(found[-1] - found[0] + 1) if found.size else 1


def _profiles(ink: np.ndarray, rect: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Ink's share of each row and each column of ``rect`` levelled, over the ink's own extent (a frame
    line spans its stamp, whatever the window), a line tilted a little still counted whole."""
    level = level_crop(ink, rect)
    h, w = level.shape
    reach = max(3, int(0.01 * max(w, h)))
    rows = cv2.dilate(level, np.ones((reach, 1), np.uint8)) > 0
    columns = cv2.dilate(level, np.ones((1, reach), np.uint8)) > 0
    return rows.sum(axis=1) / _span(level.any(axis=0)), columns.sum(axis=0) / _span(level.any(axis=1))


def fit_frame(ink: np.ndarray, rect: tuple, rows_found: bool = False) -> tuple | None:
    """The stamp's frame inside ``rect`` (a blob's rectangle, grown and tilted a little by typing touching
    the frame): the turn within two degrees whose frame lines stand out most, and the rows and columns
    near each side that ink runs most nearly all along; None if a side has none. ``rows_found``: the
    sides along the rows (``rect``'s first side) were found as straight lines already, and need only reach
    FOUND_COVERAGE (a stamp pressed harder on one side loses a stretch of the other side's line)."""
    (cx, cy), (w, h), angle = rect
    turned = [((cx, cy), (w, h), angle + delta) for delta in (-2, -1, 0, 1, 2)]
    profiles = [_profiles(ink, r) for r in turned]
    best = int(np.argmax([rows.max() + columns.max() for rows, columns in profiles]))
    (rows_profile, columns_profile), angle = profiles[best], turned[best][2]
    # Typing touching the frame may stretch the blob well beyond it on one side.
    # Sides found as lines lie a little within the rectangle's ends (it is grown round them): looked for there only.
    rows = _frame_lines(rows_profile, max(3, int((FOUND_DEPTH if rows_found else 0.4) * h)),
                        FOUND_COVERAGE if rows_found else FRAME_COVERAGE)
    columns = _frame_lines(columns_profile, max(3, int(0.4 * w)))
    if rows is None or columns is None:
        return None
    return _from_level(((cx, cy), (w, h), angle), columns, rows)


def _from_level(rect: tuple, columns: tuple[int, int], rows: tuple[int, int]) -> tuple:
    """The rectangle spanning ``columns`` and ``rows`` (first, last) of ``rect`` levelled, back in the
    image: its centre's offset from the crop's centre turned back."""
    (cx, cy), (w, h), angle = rect
    dx, dy = (columns[0] + columns[1]) / 2 - w / 2, (rows[0] + rows[1]) / 2 - h / 2
    theta = math.radians(angle)
    centre = (cx + dx * math.cos(theta) - dy * math.sin(theta), cy + dx * math.sin(theta) + dy * math.cos(theta))
    return centre, (float(columns[1] - columns[0] + 1), float(rows[1] - rows[0] + 1)), angle


def lines_frame(ink: np.ndarray, window: tuple) -> tuple | None:
    """The rectangle round the long straight lines of ``ink`` levelled in ``window`` (a frame's sides; a
    coloured ribbon's typing in the layer is broken between letters), or None without both kinds."""
    level = level_crop(ink, window)
    length = max(10, int(0.2 * min(level.shape)))
    slack = int(math.tan(math.radians(TURN_STEP / 2)) * length) + 2  # a line off level by up to half a step
    across = cv2.morphologyEx(cv2.dilate(level, np.ones((slack, 1), np.uint8)), cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    down = cv2.morphologyEx(cv2.dilate(level, np.ones((1, slack), np.uint8)), cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    if not across.any() or not down.any():
        return None
    x, y, w, h = cv2.boundingRect(cv2.findNonZero(across | down))
    return _from_level(window, (x, x + w - 1), (y, y + h - 1))


def longest_runs(lines: np.ndarray) -> np.ndarray:
    """Per row of a boolean image, the length of its longest run of True."""
    padded = np.pad(lines.astype(np.int8), ((0, 0), (1, 1)))
    rows, starts = np.nonzero(np.diff(padded, axis=1) == 1)
    _, ends = np.nonzero(np.diff(padded, axis=1) == -1)
    longest = np.zeros(lines.shape[0], int)
    np.maximum.at(longest, rows, ends - starts)
    return longest


def turned_window(ink: np.ndarray) -> tuple:
    """A square rectangle over all of ``ink`` at the turn (3-degree steps) where a frame's lines stand out
    most, for :func:`fit_frame`: the longest unbroken runs of ink along rows and columns, which typing's
    lines, broken between letters, do not have."""
    scale = min(1.0, 300 / max(ink.shape))
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    side = math.hypot(w, h)

    def strength(angle: float) -> float:
        level = level_crop(small, ((w / 2, h / 2), (side, side), angle)) > 0
        return float(longest_runs(level).max() + longest_runs(level.T).max())

    angle = max(range(-45, 45, TURN_STEP), key=strength)
    full = math.hypot(*ink.shape)
    return (ink.shape[1] / 2, ink.shape[0] / 2), (full, full), float(angle)


def frame_rects(ink: np.ndarray, dpi: int) -> list[tuple]:
    """cv2.minAreaRect of each rectangular stamp's frame on a page without colour: blobs of ink of a
    stamp's size whose hull nearly fills a rectangle (a seal's fills ~0.79), with a frame line found
    along each of its four sides; then frames found by a pair of their sides (:func:`side_pair_rects`)
    where typing runs into them all round, away from those."""
    scale = min(1.0, WORK_SIDE / max(ink.shape))
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    contours, _ = cv2.findContours(np.where(small > 40, 255, 0).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    per_mm = dpi / MM_PER_INCH * scale
    (long_lo, long_hi), (short_lo, short_hi) = FRAME_SIDES_MM
    kept = []
    for contour in contours:
        (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
        if not (long_lo <= max(w, h) / per_mm <= long_hi and short_lo <= min(w, h) / per_mm <= short_hi):
            continue
        if cv2.contourArea(cv2.convexHull(contour)) / max(w * h, 1) < FRAME_FILL:
            continue
        frame = fit_frame(ink, ((cx / scale, cy / scale), (w / scale, h / scale), angle))
        if frame is not None:
            kept.append(frame)
    return kept + side_pair_rects(ink, dpi, kept)


def straight_sides(ink: np.ndarray, frame: tuple, per_mm: float, rows_found: bool = False) -> bool:
    """Whether ink runs unbroken along most of each of ``frame``'s four sides (STRAIGHT_RUN of it, gaps
    up to SIDE_GAP_MM bridged: ``per_mm`` pixels a millimetre; STRAIGHT_PIECE of it in one piece), as a frame's lines do: the rows of typing
    inside one that :func:`fit_frame` may take for its sides are broken between words, and a seal's ring
    only touches a rectangle round it."""
    (cx, cy), (w, h), angle = frame
    band = 2 * max(3, int(0.02 * min(w, h)))
    level = level_crop(ink, ((cx, cy), (w + band, h + band), angle)) > 0
    edges = [level[:band].any(axis=0), level[-band:].any(axis=0), level[:, :band].any(axis=1), level[:, -band:].any(axis=1)]
    bridge = np.ones((1, max(1, round(SIDE_GAP_MM * per_mm))), np.uint8)
    bridged = [cv2.morphologyEx(edge.astype(np.uint8)[None], cv2.MORPH_CLOSE, bridge) > 0 for edge in edges]
    # A worn line keeps a long piece whole; a row of a stamp's capitals, closely set, bridged, runs on as far.
    # (Sides along the rows found as straight lines already need only FOUND_COVERAGE of their length, as in fitting.)
    runs = [FOUND_COVERAGE if rows_found and k < 2 else STRAIGHT_RUN for k in range(4)]
    return all(longest_runs(edge[None])[0] >= STRAIGHT_PIECE * edge.size and longest_runs(whole)[0] >= run * edge.size
               for edge, whole, run in zip(edges, bridged, runs))


def _same_place(a: tuple, b: tuple) -> bool:
    """Whether two rectangles (cv2.minAreaRect) are about one frame: either's centre within the other
    (frames do not nest: one inside another is its letters' upright strokes between its long sides)."""
    return any(cv2.pointPolygonTest(cv2.boxPoints(outer).reshape(-1, 1, 2), inner[0], False) >= 0
               for outer, inner in ((a, b), (b, a)))


SIDE_PX_PER_MM = 5.0  # the reduced page a frame's sides are looked for on when typing runs into them
SIDE_LENGTH = 0.6  # of a frame's shortest side (FRAME_SIDES_MM): the least of a side found in one piece
PARALLEL = 6.0  # degrees two sides of one frame lie apart at most (a short piece of a side is found a few degrees off)
MAX_SIDES = 60  # upright straight lines (the longest) paired on a page
DISTINCT_CHECKED = 8 * MAX_SIDES  # the longest lines told apart from each other
SAME_LINE_MM = 1.5  # segments this near a longer one's line, along it, are that line found again (a double frame's two lines among them)
MAX_SIDE_PAIRS = 8  # pairs of sides (the longest first) a frame is fitted between on a page
STRAIGHT_RUN = 0.5  # of a side of a frame found by a pair of sides: the longest stretch ink runs along it unbroken, at least
STRAIGHT_PIECE = 0.3  # of such a side: the longest stretch unbroken before gaps are bridged, at least
PAIR_GROWTH = 1.15  # the rectangle a frame is fitted in round a pair of its sides, over the pair's span and distance apart
SIDE_GAP_MM = 1.0  # a gap along a frame's line bridged: an unevenly inked or worn line breaks in short gaps (typing's word spaces are 2.5 mm and more)


STROKE_MM = 5.0  # the least length of a straight stroke kept for the sides' search: longer than typed letters or a stamp's are tall
STROKE_TURNS = (-20, 0, 20)  # degrees: turns strokes are looked for at (each with half a step either way: registry stamps turn up to 30)


def stroke_segments(small: np.ndarray, per_mm: float) -> np.ndarray:
    """Segments x1, y1, x2, y2 (``small``'s pixels: a reduced page, ``per_mm`` pixels a millimetre) long as a
    frame's side, along ink's upright straight strokes at least STROKE_MM long at each of STROKE_TURNS: a
    frame's side with its crossings, without the typing that crosses it. (Hough on all of the ink gives the
    rows of typing crossing a side its pixels at each crossing, the side left in pieces shorter than any side.)"""
    length = max(3, round(STROKE_MM * per_mm))
    slack = int(math.tan(math.radians((STROKE_TURNS[1] - STROKE_TURNS[0]) / 2)) * length) + 1  # a stroke off the turn by up to half a step
    h, w = small.shape
    found = [np.zeros((0, 4))]
    for turn in STROKE_TURNS:
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), turn, 1.0)
        cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
        size = (int(w * cos + h * sin) + 1, int(h * cos + w * sin) + 1)  # the turned page whole, its corners kept
        matrix[:, 2] += ((size[0] - w) / 2, (size[1] - h) / 2)
        turned = cv2.warpAffine(small, matrix, size, flags=cv2.INTER_NEAREST)
        strokes = cv2.morphologyEx(cv2.dilate(turned, np.ones((1, slack), np.uint8)), cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
        lines = cv2.HoughLinesP(strokes, 1, np.pi / 180, threshold=int(5 * per_mm),
                                minLineLength=int(SIDE_LENGTH * FRAME_SIDES_MM[1][0] * per_mm), maxLineGap=int(0.8 * per_mm))
        if lines is not None:
            back = cv2.invertAffineTransform(matrix)
            found.append((lines.reshape(-1, 2, 2).astype(np.float64) @ back[:, :2].T + back[:, 2]).reshape(-1, 4))
    return np.vstack(found)


def side_lines(ink: np.ndarray, dpi: int) -> tuple[np.ndarray, float]:
    """(segments x1, y1, x2, y2 in the page's pixels, pixels per mm): the straight lines of ``ink`` long as a
    frame's side (:func:`stroke_segments`) within 45 degrees of upright, the longest, each line once."""
    scale = min(1.0, SIDE_PX_PER_MM * MM_PER_INCH / dpi)
    per_mm = dpi / MM_PER_INCH * scale
    if min(ink.shape[:2]) * scale < FRAME_SIDES_MM[1][0] * per_mm:  # a page smaller than a frame (and than a pixel reduced)
        return np.zeros((0, 4)), per_mm
    small = np.where(cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) > 60, 255, 0).astype(np.uint8)
    segments = stroke_segments(small, per_mm) / scale
    segments = segments[np.abs(segments[:, 3] - segments[:, 1]) >= np.abs(segments[:, 2] - segments[:, 0])]
    # The longest: a page ruled as a table has many more, and they are paired each with each.
    longest = segments[np.argsort(-np.hypot(segments[:, 2] - segments[:, 0], segments[:, 3] - segments[:, 1]))]
    return _distinct(longest[:DISTINCT_CHECKED], SAME_LINE_MM * dpi / MM_PER_INCH)[:MAX_SIDES], dpi / MM_PER_INCH


def _distinct(segments: np.ndarray, near: float) -> np.ndarray:
    """``segments`` (the longest first) less each lying along a longer one, both its ends within ``near`` pixels
    of that one's line and its middle beside it: one side found several times (its two lines, at two turns)
    would fill the pairs a frame is looked for between with copies of one pair."""
    starts, vectors = segments[:, :2], segments[:, 2:] - segments[:, :2]
    lengths = np.maximum(np.hypot(vectors[:, 0], vectors[:, 1]), 1e-6)
    directions = vectors / lengths[:, None]
    normals = np.stack([-directions[:, 1], directions[:, 0]], axis=1)
    # [i, j]: segment i's ends' distance from segment j's line, and its middle's place along segment j.
    off = np.abs(np.einsum("ijex,jx->ije", segments.reshape(-1, 1, 2, 2) - starts[None, :, None, :], normals)).max(axis=2)
    middles = (segments[:, :2] + segments[:, 2:]) / 2
    along = np.einsum("ijx,jx->ij", middles[:, None, :] - starts[None], directions)
    same = (off <= near) & (along >= -near) & (along <= lengths[None, :] + near)
    kept: list[int] = []
    for i in range(len(segments)):
        if not same[i, kept].any():
            kept.append(i)
    return segments[kept]


def _side_pairs(segments: np.ndarray, per_mm: float) -> list[tuple]:
    """(span, a, b, turn in degrees, apart) of pairs of ``segments`` about parallel, a frame's side apart,
    along about the same stretch, the longest first: a frame's opposite sides, each found in part."""
    (long_lo, long_hi), (short_lo, short_hi) = FRAME_SIDES_MM
    pairs = []
    for a, b in itertools.combinations(segments, 2):
        ax1, ay1, ax2, ay2 = a
        direction = np.array([ax2 - ax1, ay2 - ay1]) / max(math.hypot(ax2 - ax1, ay2 - ay1), 1e-6)
        if direction[1] < 0:
            direction = -direction
        turn_a = math.degrees(math.atan2(direction[1], direction[0]))
        off = (math.degrees(math.atan2(b[3] - b[1], b[2] - b[0])) - turn_a + 90) % 180 - 90
        if abs(off) > PARALLEL:
            continue
        normal = np.array([-direction[1], direction[0]])
        apart = abs(float(np.dot((b[:2] + b[2:]) / 2 - (ax1, ay1), normal)))
        along_a = sorted(float(np.dot(p, direction)) for p in ((ax1, ay1), (ax2, ay2)))
        along_b = sorted(float(np.dot(p, direction)) for p in (b[:2], b[2:]))
        shared = min(along_a[1], along_b[1]) - max(along_a[0], along_b[0])
        if shared < 0.5 * min(along_a[1] - along_a[0], along_b[1] - along_b[0]):
            continue
        span = max(along_a[1], along_b[1]) - min(along_a[0], along_b[0])
        sides = sorted((apart / per_mm, span / per_mm))
        if short_lo <= sides[0] <= short_hi and long_lo * SIDE_LENGTH <= sides[1] <= long_hi:
            # The frame's turn halfway between the two: a side found in part lies a few degrees off it, either way.
            pairs.append((span, a, b, turn_a + off / 2, apart))
    return sorted(pairs, key=lambda p: -p[0])


def side_pair_rects(ink: np.ndarray, dpi: int, taken: Sequence[tuple] = ()) -> list[tuple]:
    """Frames found by two of their opposite sides where typing runs into a stamp's frame all round, so
    that no blob of a stamp's size holds it (:func:`frame_rects`): pairs of upright straight lines
    (:func:`_side_pairs`), each fitted (:func:`fit_frame`) in a rectangle a little larger than the two span
    (a side is found in part). None about a frame ``taken`` already (found as a blob) or found before: a pair
    centred in one is not fitted (fitting costs)."""
    segments, per_mm = side_lines(ink, dpi)
    kept: list[tuple] = []
    for span, a, b, angle, apart in _side_pairs(segments, per_mm)[:MAX_SIDE_PAIRS]:
        (cx, cy), _, _ = cv2.minAreaRect(np.array([a[:2], a[2:], b[:2], b[2:]], np.float32))
        if any(cv2.pointPolygonTest(cv2.boxPoints(k).reshape(-1, 1, 2), (cx, cy), False) >= 0 for k in [*taken, *kept]):
            continue
        # The pair along the rectangle's rows: they are the frame's sides there.
        frame = fit_frame(ink, ((cx, cy), (span * PAIR_GROWTH, apart * PAIR_GROWTH), angle), rows_found=True)
        if frame is not None and straight_sides(ink, frame, per_mm, rows_found=True) and not any(_same_place(frame, k) for k in [*taken, *kept]):
            kept.append(frame)
    return kept
