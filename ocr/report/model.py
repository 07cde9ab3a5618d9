"""What the reviewer's reports show, as the pipeline hands it over: one document's pages, rates,
fields, warnings and omissions (:class:`ReportData`), and one row per document of a batch
(:class:`IndexRow`). :mod:`ocr.report.view` turns these into the plain values the templates lay out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ocr.contract import BBox, Correction, Stamp
from ocr.lines import Word


@dataclass(frozen=True)
class Rates:
    """CER and WER of the body under one normalisation profile; None when not computed."""

    cer: float | None
    wer: float | None


@dataclass(frozen=True)
class PageEntry:
    """One page: its scan (uint8 array, grey or RGB, or an image file), OCR words with boxes in
    that image's pixels, the OCR text, and the transcription of the page if there is one."""

    number: int
    image: np.ndarray | Path | str | None
    words: Sequence[Word]
    ocr_text: str
    reference_text: str | None = None
    corrections: Sequence[Correction] = ()  # words post-OCR correction changed on this page


@dataclass(frozen=True)
class FieldRow:
    """A header/footer field as the transcription has it and as the OCR found it; ``page`` and
    ``bbox`` (pixels of that page's image) locate it on the scan when known."""

    field: str
    expected: str | None
    found: str | None
    match: bool
    page: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True)
class OmittedSpan:
    """Text left out of the record (e.g. of the body), with why and where."""

    text: str
    reason: str
    page: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True)
class ReportData:
    """Everything one document's report shows. ``rates`` maps a profile name of
    :data:`ocr.compare.normalise.PROFILES` to the body's CER and WER under it."""

    document_id: str
    rates: Mapping[str, Rates]
    pages: Sequence[PageEntry]
    fields: Sequence[FieldRow] = ()
    warnings: Sequence[str] = ()
    omitted: Sequence[OmittedSpan] = ()
    stamps: Sequence[Stamp] = ()  # the ink stamps found, with what they say


@dataclass(frozen=True)
class Export:
    """A file exported beside the document (e.g. its ALTO XML): a label and its file name,
    relative to the index."""

    label: str
    file_name: str


@dataclass(frozen=True)
class IndexRow:
    """One document of a batch in ``index.html``; ``report_href`` is the file name of its report
    (relative to the index), ``exports`` the other files to link."""

    document_id: str
    cer: float | None = None
    wer: float | None = None
    field_accuracy: float | None = None  # matching fields / fields compared, 0..1
    warnings: Sequence[str] = field(default=())
    report_href: str | None = None
    reference_characters: int | None = None  # the CER's weight in the batch's micro average
    exports: Sequence[Export] = field(default=())
