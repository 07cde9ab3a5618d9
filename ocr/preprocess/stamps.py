"""Separate coloured stamp ink (violet, red, blue) from black/grey typing.

A pixel is stamp ink when it is strongly saturated, of a stamp hue and clearly coloured (chroma: black
typing over a stamp is dark in every channel); it belongs to a stamp only inside a large, compact blob
of such pixels. Carbon-copy typing (violet-grey, weakly saturated, laid out in lines) therefore stays in
the text image. A removed stamp pixel takes the local paper brightness.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr.preprocess.background import estimate_background
from ocr.preprocess.geometry import shrink

MIN_SATURATION = 70  # 0-255; faint stamp ink measures 70-150, carbon typing up to ~65 (the blob filter guards the rest)
EDGE_SATURATION = 45  # 0-255; the anti-aliased rim of a stamp stroke, taken only next to stamp ink
MIN_CHROMA = 25  # 0-255, max - min channel; typing, even over a stamp, measures under 15
EDGE_CHROMA = 15  # 0-255; the rim again, next to stamp ink only
BLOB_SIDE = 0.04  # a stamp is at least this fraction of the page's shorter side across
MAX_ASPECT = 5.0  # stamps are round or boxy; a line of coloured text is much longer than tall


def ink_mask(bgr: np.ndarray, min_saturation: int, min_chroma: int) -> np.ndarray:
    """Boolean mask of coloured pixels of a stamp hue (red, violet, blue; not yellowed paper)."""
    hue, saturation, _ = cv2.split(cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV))
    chroma = bgr.max(axis=2) - bgr.min(axis=2)
    # OpenCV hue is 0-180: blue ~120, violet ~140, red wraps around 0.
    stamp_hue = (hue >= 95) | (hue <= 8)
    return stamp_hue & (saturation >= min_saturation) & (chroma >= min_chroma)


def _boxes(mask: np.ndarray) -> np.ndarray:
    """[x, y, w, h] of each 8-connected component of a uint8 mask."""
    return cv2.connectedComponentsWithStats(mask, connectivity=8)[2][1:, :4]


def stamp_boxes(bgr: np.ndarray) -> list[tuple[int, int, int, int]]:
    """[x, y, w, h] boxes (pixels) of the stamp-shaped blobs of coloured ink, found at low resolution."""
    small, scale = shrink(bgr, 800)
    ink = ink_mask(small, MIN_SATURATION, MIN_CHROMA).astype(np.uint8)
    # Close the gaps between a stamp's letters and rings so each stamp is one blob.
    blobs = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    min_side = BLOB_SIDE * min(small.shape[:2])
    stamps = np.zeros_like(blobs)
    for x, y, w, h in _boxes(blobs):
        if min(w, h) >= min_side and max(w, h) <= MAX_ASPECT * min(w, h):
            stamps[y:y + h, x:x + w] = 1
    # Overlapping boxes (a ring and the letters inside it) are one stamp.
    return [tuple(int(round(v / scale)) for v in box) for box in _boxes(stamps)]


def _stamp_pixels(bgr: np.ndarray) -> np.ndarray:
    """Boolean mask of the stamp ink inside one stamp box: strong ink plus its anti-aliased rim."""
    core = ink_mask(bgr, MIN_SATURATION, MIN_CHROMA).astype(np.uint8)
    near_core = cv2.dilate(core, np.ones((5, 5), np.uint8)) > 0
    return near_core & ink_mask(bgr, EDGE_SATURATION, EDGE_CHROMA)


def separate_stamps(bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray | None, list[tuple[int, int, int, int]]]:
    """Split a BGR page into (text gray, stamp layer or None, stamp boxes), all in the input frame.

    Stamp-ink pixels inside stamp boxes become paper in the text image; the stamp layer is dark ink
    (255 - saturation) on white.
    """
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    boxes = stamp_boxes(bgr)
    if not boxes:
        return gray, None, []
    paper = cv2.resize(estimate_background(gray), gray.shape[::-1], interpolation=cv2.INTER_LINEAR)
    layer = np.full(gray.shape, 255, np.uint8)
    for x, y, w, h in boxes:
        crop, box = bgr[y:y + h, x:x + w], (slice(y, y + h), slice(x, x + w))
        stamp = _stamp_pixels(crop)
        gray[box][stamp] = paper[box][stamp]
        layer[box][stamp] = 255 - cv2.cvtColor(crop, cv2.COLOR_BGR2HSV)[..., 1][stamp]
    return gray, layer, boxes
