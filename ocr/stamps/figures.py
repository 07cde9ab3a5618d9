"""A registry stamp's number and date lines read again, in figures: each such line binarised on its own
ink two ways and read with Tesseract kept to the characters those lines are written in, all of a
stamp's in one run; of the line's readings, the number or date most of them agree on is kept, written
as registry stamps write it (``Вх. № 0412-сс``, ``26 IX 1949 г.``).
"""

from __future__ import annotations

import re
from collections import Counter

import cv2
import numpy as np

from ocr.recognize import read_crops
from ocr.stamps import parse

# What a number or date line is cut in: figures, ``Вх. №``, a suffix's letters, a Roman month as the
# Cyrillic models read it (they hold no Latin: I comes out as 1 or |, X as Х, V as У).
FIGURE_CHARACTERS = {"tessedit_char_whitelist": "0123456789№ВвХхУ|.-/сг "}
MIN_DIGITS = 2  # figures in a line's first reading for it to be read again as a number or date line
# A registry number's figures as stamps carry them (its secrecy suffix, ``-с`` or ``/сс``, aside).
NUMBER_SHAPE = re.compile(r"\d{3,5}")


def figure_line(text: str) -> bool:
    """Whether a line as first read may be a number or date line: figures, or a ``№``."""
    return sum(c.isdigit() for c in text) >= MIN_DIGITS or "№" in text


def binarised(crop: np.ndarray) -> np.ndarray:
    """A line (dark on white) black and white by its own ink's Otsu threshold, strokes grown a pixel:
    the typing taken out of a stamp leaves its strokes broken, faint ones fall below a fixed threshold."""
    _, black = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return cv2.erode(black, np.ones((3, 3), np.uint8))


def _voted(values: list[str | None], fits) -> str | None:
    """The value most readings agree on; between as many, one of the expected shape, then the later read
    (the re-readings come after the first)."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], bool(fits(v)), max(k for k, value in enumerate(values) if value == v)))


def chosen(readings: list[str]) -> str:
    """A number or date line from its readings (its first reading, then the re-readings): the number or
    date most of them agree on (a number by its figures), written out in full; the first reading where none holds either."""
    numbers = [parse.incoming_number(r) for r in readings]
    figures = _voted([re.split(r"[-/]", n)[0] if n else None for n in numbers], NUMBER_SHAPE.fullmatch)
    if figures:
        # With the suffix any reading of those figures has (a letter or two after them, the first lost).
        return f"Вх. № {max((n for n in numbers if n and re.split(r'[-/]', n)[0] == figures), key=len)}"
    iso = _voted([parse.date(r)[0] for r in readings], lambda v: True)
    if iso is None:
        return readings[0]
    written = [parse.date_written(r) for r in readings if parse.date(r)[0] == iso]
    # The year's ``г.`` where any reading of that date has it (the smallest mark, the first lost).
    return max(written, key=lambda w: w.endswith("г."))


def reread(crops: list[np.ndarray], lines: list[str], lang: str) -> list[str]:
    """``lines`` (read from ``crops``, one each) with the number and date lines read again and chosen."""
    picks = [k for k, line in enumerate(lines) if figure_line(line)]
    if not picks:
        return lines
    variants = [image for k in picks for image in (crops[k], binarised(crops[k]))]
    readings = [" ".join(w.text for w in words) for words in read_crops(variants, lang, psm=7, extra=FIGURE_CHARACTERS)]
    lines = list(lines)
    for n, k in enumerate(picks):
        lines[k] = chosen([lines[k], readings[2 * n], readings[2 * n + 1]])
    return lines
