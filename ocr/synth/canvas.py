"""The page being drawn: one ink-coverage layer per kind of ink, in page pixels.

Coverage is 0..1 per pixel (how much of the paper the ink hides); layers are coloured and
multiplied onto the paper only at the end (:mod:`ocr.synth.degrade`), so a stamp can lie over
typing and a carbon copy can change the typing's colour without redrawing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from ocr.contract import BBox

A4_MM = (210.0, 297.0)


class Ink(str, Enum):
    TYPE = "type"  # typewriter ribbon (or carbon)
    PRINT = "print"  # the printed form
    HAND = "hand"  # pencil / pen notes
    STAMP = "stamp"  # violet rubber-stamp ink
    BLEED = "bleed"  # the other side's typing showing through thin paper


def a4_size(dpi: int) -> tuple[int, int]:
    """(width, height) in pixels of an A4 sheet scanned at ``dpi``: 2480 x 3508 at 300 dpi."""
    return round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi)


@dataclass
class Canvas:
    width: int
    height: int
    dpi: int
    layers: dict[Ink, np.ndarray] = field(default_factory=dict)

    @property
    def scale(self) -> float:
        """Pixels per pixel-at-300-dpi: every layout length below is given at 300 dpi and scaled."""
        return self.dpi / 300

    def px(self, length_at_300: float) -> int:
        """A length given in pixels at 300 dpi, in this canvas's pixels."""
        return round(length_at_300 * self.scale)

    def layer(self, ink: Ink) -> np.ndarray:
        if ink not in self.layers:
            self.layers[ink] = np.zeros((self.height, self.width), dtype=np.float32)
        return self.layers[ink]

    def put(self, ink: Ink, mask: np.ndarray, x: int, y: int) -> BBox | None:
        """Lay coverage ``mask`` (float 0..1) with its top-left at (x, y); returns the box drawn, clipped.

        Overlapping ink takes the maximum: a second strike on the same spot does not make it darker than solid.
        """
        h, w = mask.shape
        x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, self.width), min(y + h, self.height)
        if x0 >= x1 or y0 >= y1:
            return None
        target = self.layer(ink)[y0:y1, x0:x1]
        np.maximum(target, mask[y0 - y:y1 - y, x0 - x:x1 - x], out=target)
        return (x0, y0, x1 - x0, y1 - y0)
