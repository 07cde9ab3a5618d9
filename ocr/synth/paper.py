"""What years in a file do to a sheet, drawn on the coloured sheet before it is scanned: foxing and
stains (aged paper), punched holes and folds (a filed sheet), the other side's typing showing through
(thin paper). ``amount`` (0..1) is the level's intensity. Holes show what lies behind the sheet.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr.synth.canvas import Canvas, Ink

FOX = (150, 120, 80)  # RGB of foxing spots and stains: iron-brown
BEHIND = (40, 40, 42)  # RGB of what a punched hole shows on the scanner: the dark lid


def _blend(image: np.ndarray, alpha: np.ndarray, rgb: tuple[int, int, int]) -> np.ndarray:
    """``image`` darkened towards ``rgb`` by ``alpha`` (0..1 per pixel), multiplicatively as a stain soaks paper."""
    out = image.astype(np.float32)
    for k, c in enumerate(rgb[::-1]):
        out[..., k] *= 1.0 - alpha * (1.0 - c / 255.0)
    return out.clip(0, 255).astype(np.uint8)


def foxing_and_stains(image: np.ndarray, amount: float, scale: float, rng: np.random.Generator) -> np.ndarray:
    """Brown foxing specks and one or two soft tide-marked stains."""
    h, w = image.shape[:2]
    alpha = np.zeros((h, w), np.float32)
    for _ in range(int(rng.integers(20, 80) * amount)):
        centre = (int(rng.integers(w)), int(rng.integers(h)))
        cv2.circle(alpha, centre, max(1, round(rng.uniform(2, 9) * scale)), float(rng.uniform(0.2, 0.5)), -1)
    for _ in range(int(rng.integers(1, 3))):
        centre = (int(rng.integers(w)), int(rng.integers(h)))
        axes = (round(rng.uniform(120, 450) * scale), round(rng.uniform(100, 400) * scale))
        strength, angle = float(rng.uniform(0.05, 0.15) * (0.5 + amount)), float(rng.uniform(0, 180))
        cv2.ellipse(alpha, centre, axes, angle, 0, 360, strength, -1)
        cv2.ellipse(alpha, centre, axes, angle, 0, 360, strength * 2, max(2, round(8 * scale)))  # the tide line
    alpha = cv2.GaussianBlur(alpha, (0, 0), 3 * scale)
    return _blend(image, alpha.clip(0, 0.8), FOX)


def holes_and_folds(image: np.ndarray, amount: float, scale: float, rng: np.random.Generator) -> np.ndarray:
    """Two punched holes at the left edge and a fold across the sheet (a crease: a dark line with a light side)."""
    h, w = image.shape[:2]
    out = image.copy()
    x, radius = round(rng.uniform(45, 70) * scale), round(rng.uniform(28, 36) * scale)
    for y in (h // 2 - round(400 * scale), h // 2 + round(400 * scale)):
        cv2.circle(out, (x, y), radius, BEHIND[::-1], -1)
    for _ in range(1 + int(rng.random() < amount)):
        y = int(rng.uniform(0.3, 0.7) * h)
        crease = np.zeros((h, w), np.float32)
        cv2.line(crease, (0, y), (w, y + int(rng.integers(-20, 21))), 1.0, max(1, round(2 * scale)))
        shade = cv2.GaussianBlur(crease, (0, 0), 6 * scale) * 4
        out = _blend(out, (crease * 0.35 + shade * 0.12).clip(0, 0.6) * max(amount, 0.4), (90, 90, 90))
    return out


def bleed_through(canvas: Canvas, amount: float, rng: np.random.Generator) -> None:
    """The other side's typing, mirrored and blurred through thin paper, faint: a layer of its own."""
    typed = canvas.layers.get(Ink.TYPE)
    if typed is None:
        return
    shifted = np.roll(typed[:, ::-1], (int(rng.integers(-200, 200)), int(rng.integers(-60, 60))), axis=(0, 1))
    canvas.layers[Ink.BLEED] = cv2.GaussianBlur(shifted, (0, 0), 1.5 * canvas.scale) * np.float32(0.12 + 0.12 * amount)
