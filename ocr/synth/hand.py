"""What a pen adds to a typed telegram: registry notes in a hand-like italic, scrawled initials and
signatures beside ``Верно:`` and the signer's name, and a resolution across the top margin.

Scrawls are not text: they get no box in the truth, and the fields beside them stay as typed.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr.contract import BBox
from ocr.synth.canvas import Canvas, Ink
from ocr.synth.fonts import Face
from ocr.synth.typewriter import print_text

HAND_EM = 64
RESOLUTIONS = ["Доложить", "В дело", "Ознакомить", "Прошу доложить", "Разослать по списку", "Учесть при подготовке"]
INITIALS = ["В.М.", "А.Г.", "Я.М.", "Г.М.", "В.З."]


def write(canvas: Canvas, text: str, x: int, baseline: int, rng: np.random.Generator, size_at_300: int = HAND_EM) -> BBox | None:
    """``text`` in the hand-like italic, slightly faint as a pen's ink is."""
    size = canvas.px(size_at_300 * float(rng.uniform(0.9, 1.1)))
    return print_text(canvas, text, x, baseline, Face.HAND, size, strength=float(rng.uniform(0.7, 0.9)), ink=Ink.HAND)


def scrawl(canvas: Canvas, x: int, y: int, width: int, height: int, rng: np.random.Generator) -> None:
    """A pen's flourish filling roughly (x, y, width, height) pixels: loops along a wandering line."""
    steps = 80
    t = np.linspace(0, 1, steps)
    loops = float(rng.uniform(3, 7))
    xs = x + width * (t + 0.08 * np.sin(2 * np.pi * loops * t + rng.uniform(0, 6)))
    ys = y + height * (0.5 + 0.45 * np.sin(2 * np.pi * loops * t * rng.uniform(0.8, 1.3)) * rng.uniform(0.5, 1.0)
                       + 0.15 * np.cumsum(rng.normal(0, 0.05, steps)))
    points = np.stack([xs, ys], axis=1).round().astype(np.int32)
    cv2.polylines(canvas.layer(Ink.HAND), [points], False, float(rng.uniform(0.7, 0.95)), max(1, canvas.px(4)), cv2.LINE_AA)
