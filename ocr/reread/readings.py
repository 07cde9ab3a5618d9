"""One line or value read several ways: lines read again alone in the ways READINGS gives, a crop made black and
white on its own ink for one more reading, and the value most of the readings agree on. Registry stamps' figures (:mod:`ocr.stamps.figures`) and
registry notes' (:mod:`ocr.registry`) are read and voted alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import cv2
import numpy as np

from ocr.lines import Word, words_text
from ocr.preprocess import PreprocessedPage
from ocr.recognize import enlarged, read_crops, read_parts

# The ways a line is read again: (which of the page's images, enlargement); the grey page smoothed
# (:attr:`PreprocessedPage.smoothed`) and enlarged reads small or faint type on a grainy scan.
READINGS = (("image", 1.0), ("image", 2.0), ("grey", 2.0), ("smoothed", 2.0))


def distinct(ways: list[tuple]) -> list[tuple]:
    """``ways`` (image, enlargement, anything more) without those the same as one before them: a bitonal scan's grey
    page is its binarised one, and reading it again would read the same words twice and count them twice in a vote."""
    return [way for k, way in enumerate(ways)
            if not any(way[1] == other[1] and np.array_equal(way[0], other[0]) for other in ways[:k])]


def _ways(page: PreprocessedPage) -> list[tuple[np.ndarray, float, str]]:
    """The ways of READINGS the page has an image for, less those the same as one before them (:func:`distinct`):
    (the image, enlargement, which image)."""
    named = [(image, scale, source) for source, scale in READINGS if (image := getattr(page, source)) is not None]
    return distinct(named)


# The readings of the grey page (as it is or smoothed) lose a faint figure otherwise than the bitonal page's:
# binarising drops it from every bitonal reading alike, so those agreeing is less evidence than a grey and a
# bitonal reading agreeing.
GREY_SOURCES = ("grey", "smoothed")


def from_grey(page: PreprocessedPage) -> list[bool]:
    """For each reading :func:`read_each` gives a box, in its order, whether it is of the grey page."""
    return [source in GREY_SOURCES for _, _, source in _ways(page)]


def read_each(page: PreprocessedPage, boxes: list[tuple[int, int, int, int]], lang: str,
              extra: dict[str, str | int] | None = None) -> list[list[list[Word]]]:
    """Each box read again alone (``psm 7``) in each of READINGS the page has an image for, all in one Tesseract
    run: per box, its readings in READINGS' order, a way the same as one before it (:func:`distinct`) read once.
    ``extra``: Tesseract variables (a whitelist)."""
    parts = [(image, box, scale) for image, scale, _ in _ways(page) for box in boxes]
    readings: list[list[list[Word]]] = [[] for _ in boxes]
    for n, words in enumerate(read_parts(parts, lang, psm=7, extra=extra)):  # reading by reading, each over every box
        readings[n % len(boxes)].append(words)
    return readings


def value_confidence(words: list[Word], fields_of: Callable[[list[Word]], dict], name: str) -> float:
    """How confidently a reading reads its value of field ``name`` (``fields_of``: the fields a reading gives): the
    least confidence of the words that carry it, a word carrying it when the reading without it gives another value
    or none."""
    value = fields_of(words).get(name)
    carriers = [word.confidence for k, word in enumerate(words) if fields_of(words[:k] + words[k + 1:]).get(name) != value]
    return min(carriers, default=0.0)


# A value read alone (only its characters allowed) as it is and at twice its size: a reading both sizes give is kept.
FIGURE_SCALES = (1.0, 2.0)


def read_alone(image: np.ndarray, boxes: list[tuple[int, int, int, int]], lang: str, chars: str) -> list[str | None]:
    """What each box (padded by a quarter of its height) reads alone as one word of ``chars`` only, at every one of
    :data:`FIGURE_SCALES` alike, all in one Tesseract run; None where they disagree."""
    crops = [enlarged(image[max(0, y - d):y + h + d, max(0, x - d):x + w + d], scale)
             for x, y, w, h in boxes for d in [max(2, h // 4)] for scale in FIGURE_SCALES]
    read = [words_text(words)
            for words in read_crops(crops, lang, psm=8, extra={"tessedit_char_whitelist": chars})]
    ways = [read[k:k + len(FIGURE_SCALES)] for k in range(0, len(read), len(FIGURE_SCALES))]
    return [found[0] if len(set(found)) == 1 else None for found in ways]


def binarised(crop: np.ndarray) -> np.ndarray:
    """A line (dark on white) black and white by its own ink's Otsu threshold, strokes grown a pixel:
    the typing taken out of a stamp leaves its strokes broken, faint ones fall below a fixed threshold."""
    _, black = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return cv2.erode(black, np.ones((3, 3), np.uint8))


def voted(values: list[str | None], fits) -> str | None:
    """The value most readings agree on; between as many, one of the expected shape, then the later read
    (the re-readings come after the first)."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], bool(fits(v)), max(k for k, value in enumerate(values) if value == v)))
