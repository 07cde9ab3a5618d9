"""The preprocessing stage's settings and result."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property

import cv2
import numpy as np

from ocr.preprocess.geometry import compose, invert, map_box, rotate_quarter


@dataclass(frozen=True)
class PreprocessSettings:
    """Which steps run. ``binarize`` is one of :data:`ocr.preprocess.binarize.METHODS`."""

    orientation: bool = True  # detect 0/90/180/270 and rotate upright
    deskew: bool = True
    remove_border: bool = True  # dark scanner borders / shadows
    flatten_illumination: bool = True
    denoise: bool = True
    binarize: str = "auto"  # by the paper's noise: masked (ink keeps its grey) or sauvola on grainy paper
    separate_stamps: bool = True  # coloured (violet/red/blue) ink removed from the text image

    def params(self) -> dict:
        """Plain dict of the settings, for provenance and cache keys."""
        return asdict(self)


# The grey page's grain smoothed away by a Gaussian of GRAIN_SIGMA pixels: small or faint type on a grainy scan (a
# footer typed small, at 200 dpi; a carbon copy's values typed into a form's blanks) reads as broken letters in the
# bitonal page and the grey alike (:data:`ocr.reread.readings.READINGS`).
GRAIN_SIGMA = 1.0


@dataclass
class PreprocessedPage:
    """A page ready for Tesseract, with what was done to it and how to map back to the scan.

    ``skew_deg`` is the measured skew in degrees, positive when text lines rise to the right; the page
    was rotated clockwise by that much when it is at least ``deskew.MIN_CORRECTION``. ``rotation`` is
    the clockwise quarter turn applied first.
    ``to_original`` maps a processed-frame pixel (x, y) to the input image's pixel. ``grey`` is the page
    in the same frame before binarisation (None when it was not binarised), for a second reading. ``standing`` is
    the page's standing ink (:func:`ocr.recognize.standing_ink`) once the page is read (None before), measured by
    the page reading's letters: found once for the steps after it that follow the page's lines by their ink.
    ``unread_strips`` are the lines that reading and the strips read across the page left out, each cut to its own ink
    (:func:`ocr.recognize.band_strip`) with where it lies, for :func:`ocr.recognize.read_cut_strips` to read once the
    page's stamps are known (none before the page is read).
    """

    image: np.ndarray
    stamp_image: np.ndarray | None
    stamp_boxes: list[tuple[int, int, int, int]]
    rotation: int
    rotation_confidence: float
    skew_deg: float
    to_original: np.ndarray
    steps: list[tuple[str, dict]] = field(default_factory=list)
    grey: np.ndarray | None = None
    standing: np.ndarray | None = None
    unread_strips: list[tuple[np.ndarray, tuple[int, int]]] = field(default_factory=list)

    @cached_property
    def smoothed(self) -> np.ndarray | None:
        """The grey page smoothed (:data:`GRAIN_SIGMA`), made once for the steps that read the page's lines again
        (None without a grey page); a page made with another grey (``dataclasses.replace``) smooths its own."""
        return None if self.grey is None else cv2.GaussianBlur(self.grey, (0, 0), GRAIN_SIGMA)

    def map_box_to_original(self, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        """The axis-aligned [x, y, w, h] box (input pixels) enclosing a processed-frame box."""
        return map_box(self.to_original, box)

    def map_box_from_original(self, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        """The axis-aligned [x, y, w, h] box (processed frame) enclosing a box of the input image."""
        return map_box(invert(self.to_original), box)

    def turned_half(self) -> PreprocessedPage:
        """The same page turned 180 degrees (image, stamp layer, boxes and mapping); recording it is orientation's."""
        image, matrix = rotate_quarter(self.image, 180)
        return PreprocessedPage(
            image=image,
            stamp_image=None if self.stamp_image is None else rotate_quarter(self.stamp_image, 180)[0],
            stamp_boxes=[map_box(matrix, box) for box in self.stamp_boxes],
            rotation=(self.rotation + 180) % 360,
            rotation_confidence=self.rotation_confidence,
            skew_deg=self.skew_deg,
            to_original=compose(self.to_original, invert(matrix)),
            steps=list(self.steps),
            grey=None if self.grey is None else rotate_quarter(self.grey, 180)[0],
        )
