"""Scan profiles: how the sheet became pixels. A colour or grayscale flatbed scan, a bitonal (black and
white) scan, a microfilm frame printed back to paper (high contrast, coarse grain, blurred edges), or a
photocopy of a copy scanned in grayscale (toner through a steep curve, a halftone screen, speckle and
streaks). Each profile scans at one of a few resolutions; the level sets the noise, blur and compression.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr.synth import degrade

RESOLUTIONS = {"colour": (200, 250, 300, 400), "grayscale": (200, 300, 400), "bitonal": (300, 400), "microfilm": (200, 250, 300),
               "photocopy": (200, 240, 300)}
ZOOMS = (0.94, 0.995)  # a copier's reduction: the copy's text a little smaller than the original's


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


def photocopy(image: np.ndarray, amount: float, scale: float, rng: np.random.Generator) -> np.ndarray:
    """A photocopy of a copy, scanned in grayscale (BGR, equal channels). Toner is fused where the original is darker
    than the drum's charge level, through a steep logistic curve: the paper goes to copier white and the ink to
    toner black, with little between. The toner spreads (counters fill in) where the drum holds more charge and
    starves (thin strokes break) where it holds less; a halftone dot screen beats with the type; stray toner
    speckles the page, the drum's scratches and starved bands streak it along the feed, and the original
    sheet's edges are copied as dark bands. ``amount`` 0..1 sets how far each goes.
    """
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(np.float32) / 255.0
    h, w = gray.shape
    gray = cv2.GaussianBlur(gray, (0, 0), (0.3 + 0.5 * amount) * scale)  # the previous generation's toner spread
    ys, xs = (np.arange(n, dtype=np.float32) for n in (h, w))
    ys, xs = ys[:, None], xs[None, :]
    angle, period = float(rng.uniform(0.5, 1.1)), float(rng.uniform(3.0, 5.0)) * scale  # ~60-100 lines an inch
    u = (xs * np.cos(angle) + ys * np.sin(angle)) * np.float32(2 * np.pi / period)
    v = (ys * np.cos(angle) - xs * np.sin(angle)) * np.float32(2 * np.pi / period)
    gray += np.cos(u) * np.cos(v) * np.float32(0.03 + 0.07 * amount)
    charge = degrade.low_frequency(rng, (h, w), cells=5) - np.float32(0.5)
    # The share of the paper's brightness below which toner is fused; kept off the paper itself (grey all over).
    level = _paper(gray) * np.minimum(float(rng.uniform(0.83, 0.9)) + charge * np.float32(0.16 * amount), 0.94)
    toner = 1.0 / (1.0 + np.exp((gray - level) * np.float32(rng.uniform(35, 55))))
    _speckle(toner, amount, rng)
    _streaks(toner, amount, scale, rng)
    _edges(toner, amount, scale, rng)
    white, black = float(rng.uniform(0.9, 0.98)), float(rng.uniform(0.08, 0.2))
    out = white - toner * np.float32(white - black)
    out = cv2.GaussianBlur(out, (0, 0), 0.5 * scale)  # the scanner's optics over the copy
    return cv2.merge([cv2.convertScaleAbs(out, alpha=255.0)] * 3)


def _paper(gray: np.ndarray) -> np.ndarray:
    """The sheet's brightness around each pixel: the copier lights the original evenly, unlike a scanner's lamp."""
    h, w = gray.shape
    coarse = cv2.resize(gray, (w // 16 + 1, h // 16 + 1), interpolation=cv2.INTER_AREA)
    coarse = cv2.GaussianBlur(cv2.dilate(coarse, np.ones((5, 5), np.uint8)), (0, 0), 2)
    return cv2.resize(coarse, (w, h), interpolation=cv2.INTER_LINEAR)


def _speckle(toner: np.ndarray, amount: float, rng: np.random.Generator) -> None:
    """Stray toner: 2x2 px specks, clustered where the drum is dirtier (in place)."""
    h, w = toner.shape
    half = (h // 2 + 1, w // 2 + 1)
    dirt = degrade.low_frequency(rng, half, cells=6) ** 2
    specks = rng.random(half, dtype=np.float32) < dirt * np.float32(0.0004 + 0.004 * amount)
    specks = cv2.resize(specks.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST).astype(bool)
    toner[specks] = np.maximum(toner[specks], np.float32(0.85))


def _streaks(toner: np.ndarray, amount: float, scale: float, rng: np.random.Generator) -> None:
    """Along the feed (down the page): a few thin dark drum scratches and wide pale bands of starved toner."""
    h, w = toner.shape
    fade = degrade.low_frequency(rng, (h, 1), cells=4)[:, 0]  # a scratch comes and goes down the page
    for _ in range(int(rng.integers(0, 2 + round(3 * amount)))):
        x, width = int(rng.integers(0, w)), max(1, round(rng.uniform(1, 2.5) * scale))
        band = toner[:, x:x + width]
        band[:] = np.maximum(band, (fade * np.float32(rng.uniform(0.3, 0.8)))[:, None])
    for _ in range(int(rng.integers(0, 1 + round(2 * amount)))):
        x, width = int(rng.integers(0, w)), round(rng.uniform(15, 60) * scale)
        toner[:, x:x + width] *= np.float32(rng.uniform(0.55, 0.85))


def _edges(toner: np.ndarray, amount: float, scale: float, rng: np.random.Generator) -> None:
    """The original sheet's edges copied as dark bands, fading inwards, along up to four sides (in place)."""
    h, w = toner.shape
    for side in np.flatnonzero(rng.random(4) < 0.3 + 0.5 * amount):
        depth = max(2, round(rng.uniform(8, 20 + 40 * amount) * scale))
        ramp = np.linspace(1.0, 0.0, depth, dtype=np.float32) ** 2 * np.float32(rng.uniform(0.7, 1.0))
        if side == 0:
            toner[:depth] = np.maximum(toner[:depth], ramp[:, None])
        elif side == 1:
            toner[-depth:] = np.maximum(toner[-depth:], ramp[::-1, None])
        elif side == 2:
            toner[:, :depth] = np.maximum(toner[:, :depth], ramp[None, :])
        else:
            toner[:, -depth:] = np.maximum(toner[:, -depth:], ramp[None, ::-1])
