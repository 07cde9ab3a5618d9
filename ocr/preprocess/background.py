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


def border_mask(background: np.ndarray) -> np.ndarray:
    """Boolean mask (background's size) of dark regions that touch the page edge."""
    paper = np.percentile(background, 90)
    dark = (background < BORDER_RATIO * paper).astype(np.uint8)
    _, labels = cv2.connectedComponents(dark, connectivity=4)
    edge_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    mask = np.isin(labels, edge_labels[edge_labels > 0]).astype(np.uint8)
    # Grow a little so the soft edge of the shadow goes too.
    return cv2.dilate(mask, np.ones((5, 5), np.uint8)) > 0


def _full_size(small: np.ndarray, shape: tuple[int, ...], interpolation: int) -> np.ndarray:
    return cv2.resize(small, (shape[1], shape[0]), interpolation=interpolation)


def remove_border(gray: np.ndarray, background: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Whiten dark borders/shadows; returns (gray, background with the border set to paper, fraction removed)."""
    mask = border_mask(background)
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
