"""Scan profiles: how the sheet became pixels. A colour or grayscale flatbed scan, a bitonal (black and
white) scan, or a microfilm frame printed back to paper: high contrast, coarse grain, blurred edges.
Each profile scans at one of a few resolutions; the level sets the noise, blur and compression.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr.synth import degrade

RESOLUTIONS = {"colour": (200, 250, 300, 400), "grayscale": (200, 300, 400), "bitonal": (300, 400), "microfilm": (200, 250, 300)}


def resolution(profile: str, rng: np.random.Generator) -> int:
    """The dpi this profile scans a document at."""
    choices = RESOLUTIONS[profile]
    return int(choices[int(rng.integers(len(choices)))])


def bitonal(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Black and white at a fixed share of the paper's brightness, as a scanner's default threshold is (BGR, 0/255).

    Set by the paper, not the darkest ink: a dark scanner bed or stamp must not push faint typing under it.
    """
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    threshold = float(np.percentile(gray, 90)) * float(rng.uniform(0.68, 0.8))
    binary = np.where(gray > threshold, 255, 0).astype(np.uint8)
    return cv2.merge([binary] * 3)


def microfilm(image: np.ndarray, amount: float, scale: float, rng: np.random.Generator) -> np.ndarray:
    """A microfilm frame: grayscale, contrast pushed (grey paper, black ink), film grain, soft edges, a hot centre."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(np.float32) / 255.0
    gray = cv2.GaussianBlur(gray, (0, 0), 0.8 * scale)
    paper = float(rng.uniform(0.72, 0.9))
    gray = np.clip((gray - 0.35) / 0.55, 0, 1) ** 1.6 * paper  # contrast: mid-greys fall to black
    h, w = gray.shape
    grain = cv2.resize(rng.standard_normal((h // 2 + 1, w // 2 + 1)).astype(np.float32), (w, h))
    gray += grain * np.float32(0.03 + 0.04 * amount)
    out = cv2.convertScaleAbs(gray, alpha=255.0)
    out = degrade.uneven_lighting(cv2.merge([out] * 3), 0.1 + 0.15 * amount, rng)
    return out
