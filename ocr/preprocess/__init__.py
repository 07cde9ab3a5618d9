"""Preprocessing of scanned pages before OCR: one module per step, composed by :func:`preprocess_page`."""

from ocr.preprocess.page import PreprocessedPage, PreprocessSettings
from ocr.preprocess.pipeline import preprocess_page

__all__ = ["PreprocessSettings", "PreprocessedPage", "preprocess_page"]
