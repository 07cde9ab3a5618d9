"""Paper background: dark scanner borders and shadows, uneven illumination.

Both work from a low-resolution background estimate (the page with its ink closed away), so they
cost a few milliseconds whatever the scan size.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr.preprocess.geometry import shrink

WORK_SIDE = 600  # px: the background varies over centimetres, not strokes
CLOSE_SIZE = 15  # px at WORK_SIDE (~2.5 % of the page): wider than any typed character
BORDER_RATIO = 0.6  # background darker than this fraction of the paper level is border or shadow


def estimate_background(gray: np.ndarray) -> np.ndarray:
    """Low-resolution paper brightness (uint8, longer side WORK_SIDE px): ink removed by a closing."""
    small, _ = shrink(gray, WORK_SIDE)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (CLOSE_SIZE, CLOSE_SIZE))
    return cv2.medianBlur(cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel), 5)


# A scanner bed's band along the sheet's edge (the sheet shifted on the glass: 25-70 px at 300 dpi; a wedge
# where it lay skewed) can be narrower than the closing that estimates the background, which closes it away
# as it does ink: it is found on the page itself too, as dark lying along at least this share of an edge
# (a stamp or a hand's note reaching the edge lies along less). Left on the page, Tesseract's page
# segmentation took a heavy tuning page's band for a picture and left out the message beside it.
EDGE_RUN = 0.25


def _dark(image: np.ndarray) -> np.ndarray:
    """Pixels darker than BORDER_RATIO of the paper level (uint8 0/1)."""
    return (image < BORDER_RATIO * np.percentile(image, 90)).astype(np.uint8)


def _touching(dark: np.ndarray, least: float) -> np.ndarray:
    """Boolean mask of the components of ``dark`` that lie along an edge for at least ``least`` of its length."""
    count, labels = cv2.connectedComponents(dark, connectivity=4)
    h, w = dark.shape
    keep = np.zeros(count, bool)
    for edge, length in ((labels[0], w), (labels[-1], w), (labels[:, 0], h), (labels[:, -1], h)):
        keep |= np.bincount(edge, minlength=count) >= max(1, least * length)
    keep[0] = False
    return keep[labels]


def border_mask(background: np.ndarray, small: np.ndarray) -> np.ndarray:
    """Boolean mask (background's size) of dark regions that touch the page edge: in the ``background``, and
    bands along an edge in ``small`` (the page at the background's size, ink not closed away)."""
    mask = (_touching(_dark(background), 0.0) | _touching(_dark(small), EDGE_RUN)).astype(np.uint8)
    # Grow a little so the soft edge of the shadow goes too.
    return cv2.dilate(mask, np.ones((5, 5), np.uint8)) > 0


def _full_size(small: np.ndarray, shape: tuple[int, ...], interpolation: int) -> np.ndarray:
    return cv2.resize(small, (shape[1], shape[0]), interpolation=interpolation)


def remove_border(gray: np.ndarray, background: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Whiten dark borders/shadows; returns (gray, background with the border set to paper, fraction removed)."""
    mask = border_mask(background, shrink(gray, WORK_SIDE)[0])
    if not mask.any():
        return gray, background, 0.0
    background = background.copy()
    background[mask] = np.percentile(background[~mask], 90) if (~mask).any() else 255
    gray = gray.copy()
    gray[_full_size(mask.astype(np.uint8), gray.shape, cv2.INTER_NEAREST) > 0] = 255
    return gray, background, float(mask.mean())


def flatten_illumination(gray: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Divide by the background so paper becomes white (255) everywhere and ink keeps its contrast."""
    full = _full_size(background, gray.shape, cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(full, 1), scale=255)
