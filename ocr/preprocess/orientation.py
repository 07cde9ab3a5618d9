"""Page orientation (0/90/180/270) by Tesseract OSD on a downscaled copy."""

from __future__ import annotations

import cv2
import numpy as np

from ocr import tesseract

OSD_CHAR_HEIGHT = 14.0  # px: measured on the EHRI pages, as sure as full size and twice as fast
MIN_CONFIDENCE = 2.0  # below this OSD is guessing (blank or near-blank pages); keep the page as it is


def detect_orientation(gray: np.ndarray, char_height: float) -> tuple[int, float, bool]:
    """(clockwise degrees that make the page upright, OSD confidence, whether it is trusted).

    ``char_height`` is the median height (px) of the page's characters; the copy given to OSD is
    scaled so characters are about OSD_CHAR_HEIGHT px tall.
    """
    scale = min(1.0, OSD_CHAR_HEIGHT / char_height) if char_height > 0 else 1.0
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    rotation, confidence = tesseract.orientation(small)
    return rotation, confidence, confidence >= MIN_CONFIDENCE
