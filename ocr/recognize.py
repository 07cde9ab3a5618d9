"""Cyrillic OCR of a preprocessed page: words with boxes and confidences."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from ocr import tesseract
from ocr.lines import Word


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
