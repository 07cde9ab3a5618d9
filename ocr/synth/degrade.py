"""From ink layers to a scanned page: paper and ink colours, then what a scanner and an archive do
to a sheet, by level. Geometric steps return the 2x3 matrix mapping page pixels to scan pixels so
the ground-truth boxes can follow them.

Skew convention (as :mod:`ocr.preprocess.deskew`): ``skew_deg`` > 0 means the content was rotated
counter-clockwise as seen on screen (text lines rise to the right).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import cv2
import numpy as np

from ocr.synth.canvas import Canvas, Ink


class Level(str, Enum):
    CLEAN = "clean"
    MODERATE = "moderate"
    HEAVY = "heavy"


@dataclass(frozen=True)
class Degradation:
    """What a level does; lengths in pixels at 300 dpi, angles in degrees, noise in 8-bit grey levels."""

    jitter_px: int  # typewriter baseline wander per glyph
    max_skew: float  # |skew| drawn uniformly up to this
    noise_sigma: float  # gaussian sensor noise
    blur_sigma: float  # optics / paper contact blur
    speckle: float  # dust and dropout dots per megapixel
    ink_unevenness: float  # 0..1: how much the ribbon's inking varies over the page
    stamp: bool  # press a violet rubber stamp
    border: bool  # the sheet shifted on the glass: dark scanner lid along one or two edges
    lighting: float  # 0..1 depth of the uneven illumination (gradient + vignette)
    jpeg_quality: tuple[int, int] | None  # JPEG re-encoding quality range
    upside_down: bool  # one page turned on the glass (90 or 180 degrees)
    amount: float  # 0..1: how strongly the paper's age, handling and carbon show


LEVELS = {
    Level.CLEAN: Degradation(1, 0.0, 0.0, 0.0, 0.0, 0.0, False, False, 0.0, (85, 95), False, 0.3),
    Level.MODERATE: Degradation(1, 2.0, 5.0, 0.6, 4.0, 0.25, True, False, 0.0, (60, 85), False, 0.65),
    Level.HEAVY: Degradation(2, 3.0, 11.0, 1.0, 25.0, 0.45, True, True, 0.22, (40, 60), True, 1.0),
}

# RGB, 0..255.
PAPER = (244, 240, 228)
INKS = {
    Ink.TYPE: (28, 26, 30),
    Ink.PRINT: (22, 22, 24),
    Ink.HAND: (70, 78, 120),  # blue-grey pencil
    Ink.STAMP: (112, 58, 168),  # aniline violet
    Ink.BLEED: (60, 58, 62),
}
# What a carbon copy's typing looks like, by the carbon paper's colour.
CARBONS = {"carbon-violet": (88, 72, 128), "carbon-blue": (52, 64, 140), "carbon-black": (48, 48, 52)}
LID = (38, 38, 40)  # the scanner lid seen where the sheet does not cover the glass


def low_frequency(rng: np.random.Generator, shape: tuple[int, int], cells: int = 8) -> np.ndarray:
    """A smooth random field in 0..1 over ``shape`` (pixels), varying over ~1/``cells`` of the page."""
    coarse = rng.random((cells, cells)).astype(np.float32)
    # Bilinear through a small cubic step: smooth, cheap, and never outside 0..1.
    smooth = cv2.resize(coarse, (cells * 8, cells * 8), interpolation=cv2.INTER_CUBIC).clip(0.0, 1.0)
    return cv2.resize(smooth, (shape[1], shape[0]), interpolation=cv2.INTER_LINEAR)


def unevenly_inked(coverage: np.ndarray, amount: float, rng: np.random.Generator) -> np.ndarray:
    """Ribbon ink varying over the page (fresh and worn stretches) and in grain; ``amount`` 0..1."""
    if amount <= 0:
        return coverage
    h, w = coverage.shape
    # Grain at half resolution: ribbon fibres are ~2 px at 300 dpi, and it halves the random numbers drawn.
    grain = cv2.resize(rng.random((h // 2 + 1, w // 2 + 1), dtype=np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    field = low_frequency(rng, coverage.shape, cells=12)
    field *= np.float32(-amount)
    field += 1.0
    grain *= np.float32(-amount * 0.5)
    grain += 1.0
    field *= grain
    field *= coverage
    return field


def colourise(canvas: Canvas, paper_rgb: tuple[int, int, int], inks: dict[Ink, tuple[int, int, int]],
              rng: np.random.Generator, unevenness: float) -> np.ndarray:
    """The sheet as a uint8 BGR image: paper tone with faint mottling, each ink layer multiplied on."""
    mottle = 1.0 - 0.025 * low_frequency(rng, (canvas.height, canvas.width), cells=6)
    planes = [mottle * np.float32(c) for c in paper_rgb[::-1]]
    factor = np.empty_like(mottle)
    for ink, coverage in canvas.layers.items():
        if ink is Ink.TYPE:
            coverage = unevenly_inked(coverage, unevenness, rng)
        for plane, colour in zip(planes, inks[ink][::-1]):
            # Subtractive: each ink lets through its colour's share of the light where it covers.
            np.multiply(coverage, np.float32(colour / 255.0 - 1.0), out=factor)
            factor += 1.0
            plane *= factor
    return cv2.merge([cv2.convertScaleAbs(plane) for plane in planes])


def place_on_glass(image: np.ndarray, skew_deg: float, shift: tuple[int, int], fill: tuple[int, int, int],
                   zoom: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Rotate counter-clockwise by ``skew_deg`` and scale by ``zoom`` about the centre, and shift by (dx, dy) pixels.

    The scan keeps the page's size; what the sheet no longer covers is ``fill`` (BGR). Returns (image, matrix).
    """
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), skew_deg, zoom)
    matrix[:, 2] += shift
    if skew_deg == 0 and shift == (0, 0) and zoom == 1.0:
        return image, matrix
    out = cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=tuple(int(c) for c in fill))
    return out, matrix


def border_shift(rng: np.random.Generator, scale: float) -> tuple[int, int]:
    """How far the sheet sits off the glass's corner: one or two edges get a 25-70 px (at 300 dpi) dark band."""
    dx = round(rng.uniform(25, 70) * scale) * int(rng.choice([-1, 1]))
    dy = round(rng.uniform(25, 70) * scale) * int(rng.choice([-1, 1]))
    edges = int(rng.integers(0, 3))  # 0: left/right only, 1: top/bottom only, 2: both
    return (dx if edges != 1 else 0, dy if edges != 0 else 0)


def uneven_lighting(image: np.ndarray, depth: float, rng: np.random.Generator) -> np.ndarray:
    """Darken towards one side and the corners (lamp fall-off); ``depth`` 0..1 at the darkest point."""
    h, w = image.shape[:2]
    angle = rng.uniform(0, 2 * np.pi)
    ys, xs = np.ogrid[-1:1:64j, -1:1:64j]  # the light varies slowly: computed coarse, then enlarged
    gradient = (xs * np.cos(angle) + ys * np.sin(angle) + 1.4) / 2.8
    vignette = (xs ** 2 + ys ** 2) / 2
    light = (255 * (1.0 - depth * (0.7 * gradient + 0.3 * vignette))).astype(np.uint8)
    light = cv2.resize(light, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.multiply(image, cv2.merge([light] * 3), scale=1 / 255)


def sensor(image: np.ndarray, blur_sigma: float, noise_sigma: float, speckle: float, rng: np.random.Generator) -> np.ndarray:
    """Optics blur, sensor noise (shared by the channels, as a scanner's is mostly luminance) and dust."""
    if blur_sigma > 0:
        image = cv2.GaussianBlur(image, (0, 0), blur_sigma)
    if noise_sigma > 0:
        noise = rng.standard_normal(image.shape[:2], dtype=np.float32) * np.float32(noise_sigma)
        image = cv2.merge([cv2.add(channel, noise, dtype=cv2.CV_8U) for channel in cv2.split(image)])
    if speckle > 0:
        image = dust(image, speckle, rng)
    return image


def dust(image: np.ndarray, per_megapixel: float, rng: np.random.Generator) -> np.ndarray:
    """Dark dust specks and light dropouts of 1-3 px, ``per_megapixel`` of them."""
    h, w = image.shape[:2]
    count = int(per_megapixel * h * w / 1e6)
    out = image.copy()
    for x, y, r, dark in zip(rng.integers(0, w, count), rng.integers(0, h, count), rng.integers(1, 3, count), rng.random(count) < 0.7):
        cv2.circle(out, (int(x), int(y)), int(r), (40, 40, 40) if dark else (235, 235, 235), -1)
    return out


def grayscale(image: np.ndarray) -> np.ndarray:
    """A grayscale scan kept as BGR with three equal channels."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return cv2.merge([gray, gray, gray])


def jpeg(image: np.ndarray, quality: int, gray: bool) -> np.ndarray:
    """Round-trip through JPEG at ``quality`` (0-100): block artefacts and ringing round the strokes.

    A grayscale scan is coded as one channel, so its three channels stay exactly equal.
    """
    ok, data = cv2.imencode(".jpg", image[..., 0] if gray else image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("OpenCV could not encode JPEG")
    decoded = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    return cv2.merge([decoded] * 3) if gray else decoded
