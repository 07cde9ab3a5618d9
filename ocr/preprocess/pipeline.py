"""preprocess_page: colour separation, background, orientation, deskew, denoise, binarisation.

Colour and background steps run in the scan's frame (they do not care about orientation); the
geometric steps follow, applied to the text image and the stamp layer alike, and the pixel-level
cleaning runs last on the upright page.
"""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import numpy as np

from ocr.preprocess.background import estimate_background, flatten_illumination, remove_border
from ocr.preprocess.binarize import binarize
from ocr.preprocess.denoise import despeckle, remove_dot_rows
from ocr.preprocess.deskew import MIN_CORRECTION, Text, character_height, deskew, estimate_skew, find_text
from ocr.preprocess.geometry import compose, invert, map_box, rotate_quarter
from ocr.preprocess.orientation import detect_orientation
from ocr.preprocess.page import PreprocessedPage, PreprocessSettings
from ocr.preprocess.stamps import separate_stamps

log = logging.getLogger(__name__)


class _Page:
    """The page while it is being processed: images, geometry so far, and the step log."""

    def __init__(self, gray: np.ndarray, stamp: np.ndarray | None, debug_dir: Path | None) -> None:
        self.gray, self.stamp = gray, stamp
        self.forward = np.eye(2, 3)  # input pixel -> current pixel
        self.steps: list[tuple[str, dict]] = []
        self.grey: np.ndarray | None = None  # before binarisation
        self.debug_dir = debug_dir

    def record(self, name: str, params: dict) -> None:
        self.steps.append((name, params))
        log.debug("preprocess %s: %s", name, params)
        if self.debug_dir is not None:
            # Light compression: a debug run should cost little more than a plain one.
            cv2.imwrite(str(self.debug_dir / f"{len(self.steps):02d}_{name}.png"), self.gray, [cv2.IMWRITE_PNG_COMPRESSION, 1])

    def transform(self, function, *args) -> None:
        """Apply a geometric ``function(image, *args) -> (image, matrix)`` to both layers."""
        self.gray, matrix = function(self.gray, *args)
        if self.stamp is not None:
            self.stamp = function(self.stamp, *args)[0]
        self.forward = compose(matrix, self.forward)


def _to_gray(image: np.ndarray, settings: PreprocessSettings, debug_dir: Path | None) -> tuple[_Page, list]:
    if image.dtype != np.uint8 or image.ndim not in (2, 3):
        raise ValueError(f"expected a uint8 grayscale or BGR image, got {image.dtype} {image.shape}")
    if image.ndim == 2:
        return _Page(image, None, debug_dir), []
    bgr = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR) if image.shape[2] == 4 else image
    if not settings.separate_stamps:
        return _Page(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), None, debug_dir), []
    gray, stamp, boxes, measured = separate_stamps(bgr)
    page = _Page(gray, stamp, debug_dir)
    page.record("separate_stamps", measured)
    return page, boxes


def _clean_background(page: _Page, settings: PreprocessSettings) -> None:
    if not (settings.remove_border or settings.flatten_illumination):
        return
    background = estimate_background(page.gray)
    if settings.remove_border:
        page.gray, background, fraction = remove_border(page.gray, background)
        page.record("remove_border", {"fraction": round(fraction, 4)})
    if settings.flatten_illumination:
        page.gray = flatten_illumination(page.gray, background)
        page.record("flatten_illumination", {})


def _straighten(page: _Page, settings: PreprocessSettings, char_height: float, text: Text) -> tuple[int, float, float]:
    rotation, confidence, skew = 0, 0.0, 0.0
    if settings.orientation:
        rotation, confidence, method = detect_orientation(page.gray, char_height, text)
        page.transform(rotate_quarter, rotation)
        page.record("orientation", {"applied": rotation, "confidence": confidence, "method": method})
    if settings.deskew:
        skew = estimate_skew(page.gray, text=text if rotation == 0 else None)  # the page as it was when not turned
        page.transform(deskew, skew)
        page.record("deskew", {"skew_deg": skew, "corrected": abs(skew) >= MIN_CORRECTION})
    return rotation, confidence, skew


def _clean_pixels(page: _Page, settings: PreprocessSettings, char_height: float) -> None:
    if settings.denoise:
        page.gray, measured = despeckle(page.gray, char_height)
        page.record("denoise", measured)
        page.gray, dots = remove_dot_rows(page.gray, char_height)
        page.record("dot_rows", {"removed": dots})
    if settings.binarize != "none":
        page.grey = page.gray
        page.gray, decided = binarize(page.gray, settings.binarize, char_height)
        page.record("binarize", decided)


def preprocess_page(image: np.ndarray, settings: PreprocessSettings = PreprocessSettings(),
                    debug_dir: Path | None = None) -> PreprocessedPage:
    """Make a scanned page ready for Tesseract.

    ``image`` is uint8 BGR (H, W, 3) as cv2 reads it, or 2-D grayscale. With ``debug_dir``, each step's
    image is written there as ``NN_stepname.png`` in stage order.
    """
    if debug_dir is not None:
        Path(debug_dir).mkdir(parents=True, exist_ok=True)
    page, boxes = _to_gray(image, settings, Path(debug_dir) if debug_dir is not None else None)
    _clean_background(page, settings)
    text = find_text(page.gray)
    char_height = character_height(page.gray, text)
    rotation, confidence, skew = _straighten(page, settings, char_height, text)
    _clean_pixels(page, settings, char_height)
    return PreprocessedPage(
        image=page.gray, stamp_image=page.stamp, stamp_boxes=[map_box(page.forward, box) for box in boxes],
        rotation=rotation, rotation_confidence=confidence, skew_deg=skew,
        to_original=invert(page.forward), steps=page.steps, grey=page.grey,
    )
