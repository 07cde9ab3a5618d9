"""The settings that change the output, and the threshold below which a word is flagged for review."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ocr import __version__
from ocr.load import DEFAULT_DPI
from ocr.preprocess import PreprocessSettings
from ocr.recognize import OcrSettings

LOW_CONFIDENCE = 60.0  # Tesseract word confidence below which a word is flagged for review

@dataclass(frozen=True)
class Settings:
    """Everything that changes the output; its fingerprint keys caches and reruns."""

    dpi: int = DEFAULT_DPI
    ocr: OcrSettings = OcrSettings()
    preprocess: PreprocessSettings = PreprocessSettings()
    correct: bool = True  # post-OCR correction of Russian words (only where the language is Russian)

    def params(self) -> dict:
        return {"dpi": self.dpi, "ocr": self.ocr.params(), "preprocess": self.preprocess.params(), "correct": self.correct}

    def fingerprint(self) -> str:
        blob = json.dumps({"version": __version__, **self.params()}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]
