"""Separate coloured stamp ink (violet, red, blue) from black/grey typing, by colour.

Work is in optical density (OD = -ln(pixel / paper), per channel): inks that overlap add up there, and
an ink's OD *direction* does not depend on how much of it there is (faint, blurred or anti-aliased).
Stamp aniline is strongly chromatic (its OD differs a lot between channels: ``chromaticity`` >= 0.75);
black ribbon is neutral (~0.05) and violet-grey carbon typing in between (~0.45). A stamp is a large,
compact blob of chromatic ink. Inside it each pixel's OD is split into stamp ink and typing ink (least
squares on the two ink directions, measured on this page), so typing under a stamp keeps its strokes
and the stamp goes to a layer of its own.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np

from ocr.preprocess.geometry import shrink

WORK_SIDE = 800  # px: stamps are centimetres across
MIN_CHROMATICITY = 0.75  # (max - min) / mean of the OD channels; carbon typing measures 0.4-0.55, stamps 0.9-1.7
MIN_OD = 0.12  # mean OD: fainter than this is paper texture and noise, its colour meaningless
STRONG_OD = 0.35  # mean OD of the pixels that measure an ink's direction
BLOB_SIDE = 0.04  # a stamp is at least this fraction of the page's shorter side across
MAX_ASPECT = 5.0  # stamps are round or boxy; a line of coloured text is much longer than tall
MARGIN = 0.03  # of the page's shorter side: the box grows by this so the stamp's faint rim goes too (unmixing leaves typing alone)
STAMP_GREEN_OVER_BLUE = 0.67  # green OD over blue OD of a stamp ink (yellowed paper measures ~0.5)
NEUTRAL = np.full(3, 1 / np.sqrt(3), np.float32)  # OD direction of black or grey ink


def paper_level(bgr_small: np.ndarray) -> np.ndarray:
    """Per-channel paper brightness (float32, same size): each channel with its ink closed away."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15))
    closed = cv2.medianBlur(cv2.morphologyEx(bgr_small, cv2.MORPH_CLOSE, kernel), 5)
    return np.maximum(closed, 1).astype(np.float32)


def optical_density(bgr: np.ndarray, paper: np.ndarray) -> np.ndarray:
    """OD per channel (float32, >= 0): -ln(pixel / paper)."""
    ratio = np.clip(bgr.astype(np.float32) / paper, 1 / 255, 1.0)
    return -cv2.log(ratio.reshape(-1, 3)).reshape(ratio.shape)


def chromaticity(od: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean OD, (max - min) / mean OD) of each pixel; 0 chromaticity for yellow-brown tints.

    Violet, red and blue inks all absorb green at least two thirds as much as blue; paper stains,
    foxing and tan card absorb mostly blue (OpenCV's channel order is B, G, R).
    """
    mean = od.mean(axis=2)
    chroma = (od.max(axis=2) - od.min(axis=2)) / np.maximum(mean, 1e-3)
    chroma[od[..., 1] < STAMP_GREEN_OVER_BLUE * od[..., 0]] = 0
    return mean, chroma


def ink_direction(od: np.ndarray, mask: np.ndarray, default: np.ndarray) -> np.ndarray:
    """Unit OD direction of the ink under ``mask`` (median of its pixels), or ``default`` if too few."""
    if mask.sum() < 50:
        return default
    vectors = od[mask]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-6
    direction = np.median(vectors, axis=0)
    return (direction / (np.linalg.norm(direction) + 1e-6)).astype(np.float32)


def _boxes(mask: np.ndarray) -> np.ndarray:
    """[x, y, w, h] of each 8-connected component of a uint8 mask."""
    return cv2.connectedComponentsWithStats(mask, connectivity=8)[2][1:, :4]


def stamp_blobs(chromatic: np.ndarray) -> list[tuple[int, int, int, int]]:
    """[x, y, w, h] boxes (pixels of ``chromatic``) of stamp-shaped blobs of chromatic ink."""
    # Close the gaps between a stamp's letters and rings so each stamp is one blob.
    blobs = cv2.morphologyEx(chromatic.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    min_side = BLOB_SIDE * min(chromatic.shape[:2])
    stamps = np.zeros_like(blobs)
    for x, y, w, h in _boxes(blobs):
        if min(w, h) >= min_side and max(w, h) <= MAX_ASPECT * min(w, h):
            stamps[y:y + h, x:x + w] = 1
    # Overlapping boxes (a ring and the letters inside it) are one stamp.
    return [tuple(int(v) for v in box) for box in _boxes(stamps)]


def _grow(box, margin: int, shape) -> tuple[int, int, int, int]:
    x, y, w, h = box
    x0, y0 = max(0, x - margin), max(0, y - margin)
    return x0, y0, min(shape[1], x + w + margin) - x0, min(shape[0], y + h + margin) - y0


def merge_overlapping(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """[x, y, w, h] boxes with every group of overlapping ones made into their union: one stamp whose
    ink broke into pieces (a faint, partly pressed side) is one stamp."""
    merged = list(boxes)
    changed = True
    while changed:
        changed = False
        for i, j in itertools.combinations(range(len(merged)), 2):
            a, b = merged[i], merged[j]
            if a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]:
                x0, y0 = min(a[0], b[0]), min(a[1], b[1])
                union = (x0, y0, max(a[0] + a[2], b[0] + b[2]) - x0, max(a[1] + a[3], b[1] + b[3]) - y0)
                merged = [box for k, box in enumerate(merged) if k not in (i, j)] + [union]
                changed = True
                break
    return merged


def _unmix(od: np.ndarray, stamp_dir: np.ndarray, type_dir: np.ndarray) -> np.ndarray:
    """Per-pixel amount of stamp ink (>= 0): least squares of OD on the two ink directions."""
    basis = np.stack([stamp_dir, type_dir], axis=1)  # 3 x 2
    amounts = od.reshape(-1, 3) @ np.linalg.pinv(basis).T  # N x 2
    stamp, typing = amounts[:, 0], amounts[:, 1]
    # Where the fit gives negative typing the pixel is stamp alone: refit it on the stamp direction.
    alone = typing < 0
    stamp[alone] = od.reshape(-1, 3)[alone] @ stamp_dir
    return np.maximum(stamp, 0).reshape(od.shape[:2])


def separate_stamps(bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray | None, list[tuple[int, int, int, int]], dict]:
    """Split a BGR page into (text gray, stamp layer or None, stamp boxes, measurements), input frame.

    Inside each stamp box the stamp's ink is taken out of every pixel's density, so typing under it
    stays as dark as it was; the stamp layer is that stamp ink, dark on white.
    """
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    small, scale = shrink(bgr, WORK_SIDE)
    paper_small = paper_level(small)
    od_small = optical_density(small, paper_small)
    mean, chroma = chromaticity(od_small)
    chromatic = (mean >= MIN_OD) & (chroma >= MIN_CHROMATICITY)
    blobs = stamp_blobs(chromatic)
    if not blobs:
        return gray, None, [], {"stamps": 0}
    strong = mean >= STRONG_OD
    type_dir = ink_direction(od_small, strong & (chroma < 0.6 * MIN_CHROMATICITY), NEUTRAL)
    directions = []
    paper = cv2.resize(paper_small, gray.shape[::-1], interpolation=cv2.INTER_LINEAR)
    layer = np.full(gray.shape, 255, np.uint8)
    boxes = []
    margin = round(MARGIN * min(gray.shape))
    for blob in blobs:
        # Each stamp its own colour: a page may carry a red and a violet one.
        bx, by, bw, bh = blob
        stamp_dir = ink_direction(od_small[by:by + bh, bx:bx + bw], (strong & chromatic)[by:by + bh, bx:bx + bw],
                                  ink_direction(od_small, strong & chromatic, NEUTRAL))
        directions.append([round(float(v), 3) for v in stamp_dir])
        x, y, w, h = _grow(tuple(round(v / scale) for v in blob), margin, gray.shape)
        box = (slice(y, y + h), slice(x, x + w))
        od = optical_density(bgr[box], paper[box])
        stamp = _unmix(od, stamp_dir, type_dir)
        # Stamp ink only next to clearly chromatic pixels: elsewhere a carbon stroke's small tint is not a stamp.
        mean, chroma = chromaticity(od)
        core = ((mean >= MIN_OD) & (chroma >= MIN_CHROMATICITY)).astype(np.uint8)
        stamp *= cv2.dilate(core, np.ones((5, 5), np.uint8))
        stamp[stamp < MIN_OD] = 0  # a trace of fit error, not ink
        # JPEG keeps colour at half resolution, so a stroke's 1-px rim looks grey: take its neighbours' stamp ink out too.
        od -= np.maximum(stamp, 0.8 * cv2.dilate(stamp, np.ones((3, 3), np.uint8)))[..., None] * stamp_dir
        np.maximum(od, 0, out=od)
        cleaned = (paper[box] * np.exp(-od)).clip(0, 255).astype(np.uint8)
        gray[box] = cv2.cvtColor(cleaned, cv2.COLOR_BGR2GRAY)
        layer[box] = (255 * np.exp(-1.5 * stamp * float(stamp_dir.mean()))).clip(0, 255).astype(np.uint8)
        boxes.append((x, y, w, h))
    if len(merged := merge_overlapping(boxes)) < len(boxes):  # pieces of one stamp: one ink direction
        boxes, directions = merged, [directions[0]] * len(merged)
    measured = {"stamps": len(boxes), "stamp_od_directions": directions,
                "typing_od_direction": [round(float(v), 3) for v in type_dir]}
    return gray, layer, boxes, measured
