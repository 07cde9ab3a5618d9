"""Page orientation (0/90/180/270).

Sideways pages are told from upright ones by text-line geometry in numpy (the rows of a page of
typing have a far sharper projection profile than its columns); only a sideways page then asks
Tesseract OSD whether it is 90 or 270. Upright against upside down is left to recognition
(:func:`ocr.recognize.recognize_page`): an upside-down page reads as low-confidence garbage, so it
is read again turned only then, and the cost falls on the rare turned page.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr.exec import tesseract
from ocr.preprocess.deskew import WORK_SIDE, text_mask
from ocr.preprocess.geometry import shrink

OSD_CHAR_HEIGHT = 14.0  # px: measured on the EHRI pages, as sure as full size and twice as fast
MIN_CONFIDENCE = 2.0  # below this OSD is guessing (blank or near-blank pages); keep the page as it is
SIDEWAYS_RATIO = 1.0  # lines join up better vertically than horizontally: they run vertically


def line_direction_ratio(gray: np.ndarray) -> float:
    """How much better the characters join up vertically than horizontally (> 1: the lines are vertical).

    Smearing the characters by half their height along the lines joins each line's letters (typed
    letters stand a fifth of a height apart) but not the lines (at least half a height apart), so it
    leaves far fewer pieces than smearing across them. Returns pieces(along x) / pieces(along y).
    """
    small, _ = shrink(gray, WORK_SIDE)
    mask, height = text_mask(small)
    if height <= 0 or mask.sum() < 100:
        return 0.0
    mask = mask.astype(np.uint8)
    reach = max(2, round(0.5 * height))
    across = cv2.connectedComponents(cv2.dilate(mask, np.ones((1, reach), np.uint8)), connectivity=8)[0]
    down = cv2.connectedComponents(cv2.dilate(mask, np.ones((reach, 1), np.uint8)), connectivity=8)[0]
    return float(across / down) if down else 0.0


def detect_orientation(gray: np.ndarray, char_height: float) -> tuple[int, float, str]:
    """(clockwise degrees making the page upright or upside down, confidence, how it was decided).

    Only sideways pages are decided here (90 or 270, by OSD); 0 stands for "0 or 180", which
    recognition settles. ``char_height`` (px) scales the copy OSD sees.
    """
    ratio = line_direction_ratio(gray)
    if ratio <= SIDEWAYS_RATIO:
        return 0, round(1 / ratio, 2) if ratio else 0.0, "line_geometry"
    scale = min(1.0, OSD_CHAR_HEIGHT / char_height) if char_height > 0 else 1.0
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    rotation, confidence = tesseract.orientation(small)
    if rotation in (90, 270) and confidence >= MIN_CONFIDENCE:
        return rotation, confidence, "osd"
    return 90, round(ratio, 2), "line_geometry"  # recognition turns it 180 more if needed
