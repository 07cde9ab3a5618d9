"""A page reduced for a stamp search, by area: halved in exact steps first, the rest at once.

OpenCV's area resampling halves an image on a fast path; by any other factor a whole page costs about
three times a halving (16 ms against 2.5 on a 300 dpi page), and each stamp search reduces the page
(Hough circles twice, frames, frames' sides).
"""

from __future__ import annotations

import cv2
import numpy as np


def reduced(image: np.ndarray, scale: float) -> np.ndarray:
    """``image`` scaled by ``scale`` (at most 1) by area averaging: halved while half or less is left to
    go, then scaled the rest of the way; its size within a pixel of scaling it at once."""
    while scale <= 0.5 and min(image.shape[:2]) >= 2:
        image = cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        scale *= 2
    if scale >= 1.0:
        return image
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
