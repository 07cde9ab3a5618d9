"""Cyrillic OCR of a preprocessed page: words with boxes and confidences."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from ocr import tesseract
from ocr.lines import Word
from ocr.preprocess import PreprocessedPage


@dataclass(frozen=True)
class OcrSettings:
    lang: str = "rus"
    psm: int = 3  # automatic page segmentation: the form mixes columns, margins and running text
    stamp_psm: int = 6  # a stamp is one block of a few lines

    def params(self) -> dict:
        return asdict(self)


def words_from_data(data: dict[str, list], offset: tuple[int, int] = (0, 0)) -> list[Word]:
    """Tesseract's TSV columns → words (empty and non-word rows dropped), boxes shifted by ``offset``."""
    words = []
    for i, text in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if data["level"][i] != 5 or confidence < 0 or not str(text).strip():
            continue
        box = (data["left"][i] + offset[0], data["top"][i] + offset[1], data["width"][i], data["height"][i])
        words.append(Word(text=str(text).strip(), bbox=box, confidence=confidence))
    return words


def recognize(image: np.ndarray, settings: OcrSettings = OcrSettings()) -> list[Word]:
    """Words of a page image (uint8, 2-D), boxes in its pixels; lines the page reading skipped are read again."""
    words = words_from_data(tesseract.image_to_data(image, settings.lang, psm=settings.psm))
    extra = [w for band in unread_bands(image, words) for w in _read_band(image, band, settings)]
    # A strip also takes in the edges of the lines around it, which were read already.
    return words + [w for w in extra if not any(_overlap(w.bbox, old.bbox) > 0.3 for old in words)]


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """The share of box ``a``'s area that lies inside box ``b``."""
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, width) * max(0, height) / max(1, a[2] * a[3])


def unread_bands(image: np.ndarray, words: list[Word]) -> list[tuple[int, int]]:
    """Rows ``(top, bottom)`` holding a line of ink that no word covers: lines page segmentation dropped.

    Tesseract's page segmentation sometimes leaves out whole lines (beside a stamp, letter-spaced
    headers, marginal notes); a band is a run of inked rows at least half a typical word tall.
    """
    if not words:
        return []
    height = float(np.median([w.bbox[3] for w in words]))
    ink_rows = (image < 128).sum(axis=1) > max(4, image.shape[1] // 400)
    covered = np.zeros(image.shape[0], bool)
    for x, y, w, h in (word.bbox for word in words):
        covered[max(0, y - 2):y + h + 2] = True
    bands, start = [], None
    for row, free in enumerate(np.append(ink_rows & ~covered, False)):
        if free and start is None:
            start = row
        elif not free and start is not None:
            if 0.5 * height <= row - start <= 2.5 * height:  # one or two lines of typing, not a stamp or a smear
                bands.append((start, row))
            start = None
    return bands


def _read_band(image: np.ndarray, band: tuple[int, int], settings: OcrSettings) -> list[Word]:
    top, bottom = band
    margin = (bottom - top) // 3
    words = recognize_strip(image, (0, max(0, top - margin), image.shape[1], bottom - top + 2 * margin), settings)
    # A strip of speckle or a stamp's edge reads as short low-confidence junk: keep only believable words.
    return [w for w in words if w.confidence >= MIN_STRIP_CONFIDENCE and sum(c.isalnum() for c in w.text) >= 2]


MIN_STRIP_CONFIDENCE = 60.0


def recognize_strip(image: np.ndarray, box: tuple[int, int, int, int], settings: OcrSettings = OcrSettings()) -> list[Word]:
    """Words of the text lines inside ``box`` ([x, y, w, h]), read as one block; boxes in the image's pixels."""
    x, y, w, h = box
    crop = image[max(y, 0):y + h, max(x, 0):x + w]
    if crop.size == 0:
        return []
    data = tesseract.image_to_data(crop, settings.lang, psm=6)
    return words_from_data(data, offset=(max(x, 0), max(y, 0)))


def recognize_region(image: np.ndarray, box: tuple[int, int, int, int], settings: OcrSettings = OcrSettings()) -> list[Word]:
    """Words inside ``box`` ([x, y, w, h]) of ``image``, boxes in the whole image's pixels."""
    x, y, w, h = box
    crop = image[max(y, 0):y + h, max(x, 0):x + w]
    if crop.size == 0:
        return []
    data = tesseract.image_to_data(crop, settings.lang, psm=settings.stamp_psm)
    return words_from_data(data, offset=(max(x, 0), max(y, 0)))


# An upright page of typing reads at 80-95 mean confidence even when degraded; upside down it reads as
# garbage at 20-40. Below this the page is read again turned 180 degrees and the better reading kept.
RETRY_CONFIDENCE = 55.0


def reading_score(words: list[Word]) -> float:
    """Mean word confidence weighted by word length (0-100): how believable a reading is."""
    total = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / total if total else 0.0


def recognize_page(page: PreprocessedPage, settings: OcrSettings = OcrSettings()) -> tuple[list[Word], PreprocessedPage]:
    """Words of a preprocessed page, and the page as read: turned 180 degrees when that reads better.

    Preprocessing tells sideways pages from upright ones but not upright from upside down; the
    second reading costs time only on pages whose first reading is poor.
    """
    words = recognize(page.image, settings)
    score = reading_score(words)
    if score >= RETRY_CONFIDENCE:
        return words, page
    turned = page.turned_half({"score_as_found": round(score, 1)})
    turned_words = recognize(turned.image, settings)
    turned_score = reading_score(turned_words)
    if turned_score > score:
        turned.steps[-1][1]["score_turned"] = round(turned_score, 1)
        return turned_words, turned
    return words, page
