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
    """Words of a page image (uint8, 2-D), boxes in its pixels."""
    return words_from_data(tesseract.image_to_data(image, settings.lang, psm=settings.psm))


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
