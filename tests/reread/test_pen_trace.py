"""A pen's stroke across a letter-spaced line traced from the gaps between its cells and taken out."""

from __future__ import annotations

import cv2
import numpy as np

from ocr.reread.pen_trace import without_crossing

PITCH = 40


def _band(line: bool = True) -> np.ndarray:
    """Three cells of ``Н`` (two stems, a bar between) 30 rows tall, and a pen's slanting line across them."""
    ink = np.zeros((30, 3 * PITCH), np.uint8)
    for centre in (20, 60, 100):
        ink[:, centre - 8:centre - 5] = 1
        ink[:, centre + 5:centre + 8] = 1
        ink[14:17, centre - 5:centre + 5] = 1
    if line:
        cv2.line(ink, (0, 25), (3 * PITCH - 1, 3), 1, 3)
    return ink.astype(bool)


def test_the_pens_line_is_taken_out_and_the_letters_stay():
    kept = without_crossing(_band(), 20.0, PITCH, bars=True)
    letters = _band(line=False)
    assert (kept & ~letters).sum() <= 0.1 * (_band() & ~letters).sum()  # the line, but where it crosses stems
    assert (kept & letters).sum() >= 0.9 * letters.sum()


def test_a_line_along_the_band_is_taken_out_of_the_gaps_and_the_stems_it_crosses_stay():
    ink = _band(line=False)
    ink[14:17, :] = True
    kept = without_crossing(ink, 20.0, PITCH, bars=True)
    assert kept[:, [12, 13, 14, 25, 26, 27]].all(axis=0).all()
    assert not kept[:, 35:45].any()
