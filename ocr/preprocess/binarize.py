"""Binarisation: ``none`` (Tesseract thresholds itself), ``otsu``, ``sauvola`` or ``adaptive``."""

from __future__ import annotations

import cv2
import numpy as np

METHODS = ("none", "otsu", "sauvola", "adaptive")


def _odd(value: float) -> int:
    return int(value) | 1


def sauvola(gray: np.ndarray, window: int, k: float = 0.2, dynamic_range: float = 128.0) -> np.ndarray:
    """Sauvola threshold T = m * (1 + k * (s / R - 1)) over a ``window`` x ``window`` px box (odd)."""
    values = gray.astype(np.float32)
    mean = cv2.boxFilter(values, -1, (window, window), borderType=cv2.BORDER_REFLECT)
    mean_sq = cv2.sqrBoxFilter(values, cv2.CV_32F, (window, window), borderType=cv2.BORDER_REFLECT)
    variance = mean_sq - mean * mean
    np.maximum(variance, 0, out=variance)  # rounding can make a flat window's variance negative
    threshold = mean * (cv2.sqrt(variance) * np.float32(k / dynamic_range) + np.float32(1 - k))
    return cv2.compare(values, threshold, cv2.CMP_GT)  # 255 where paper


def binarize(gray: np.ndarray, method: str, char_height: float) -> np.ndarray:
    """Black ink on white (0/255) by ``method``; ``char_height`` (px) sizes the local windows."""
    if method == "none":
        return gray
    if method == "otsu":
        return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
    # Local windows of about two text lines see both ink and paper.
    window = _odd(max(15, 2 * char_height))
    if method == "sauvola":
        return sauvola(gray, window)
    if method == "adaptive":
        return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, window, 10)
    raise ValueError(f"unknown binarisation {method!r}; use one of {', '.join(METHODS)}")
