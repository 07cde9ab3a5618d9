"""A pen's stroke across a letter-spaced line traced from the gaps between its cells and taken out."""

from __future__ import annotations

import cv2
import numpy as np

from ocr.reread.pen_trace import without_crossing, without_entering

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


def test_a_pens_steep_stroke_entering_the_band_is_followed_down_across_it_and_the_letters_stay():
    # The band (rows 30 to 60) of three ``Н``, a pen's stroke coming down from above across the middle one's stem
    ink = np.zeros((90, 3 * PITCH), bool)
    ink[30:60] = _band(line=False)
    letters = ink.copy()
    pen = np.zeros((90, 3 * PITCH), np.uint8)
    cv2.line(pen, (35, 0), (85, 89), 1, 3)
    ink |= pen.astype(bool)
    whole = np.zeros_like(ink)
    kept = without_entering(ink, (30, 60), PITCH, whole)
    band_pen = pen.astype(bool)[30:60] & ~letters[30:60]
    assert (kept & band_pen).sum() <= 0.1 * band_pen.sum()
    assert (kept & letters[30:60]).sum() >= 0.88 * letters[30:60].sum()  # but where it crosses them
    assert (kept[:, :PITCH] == letters[30:60, :PITCH]).all() and (kept[:, -PITCH:] == letters[30:60, -PITCH:]).all()
    assert (without_entering(letters, (30, 60), PITCH, whole) == letters[30:60]).all()  # no pen: all stays
