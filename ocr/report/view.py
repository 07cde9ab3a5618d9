"""The document report's view model: plain strings and numbers the template only lays out.

Everything that decides what a reviewer sees — rates formatted, differences marked, words below
:data:`ocr.settings.LOW_CONFIDENCE` flagged, boxes located — is decided here; the template
(``templates/document.html.j2``) escapes every value it prints.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ocr.compare.align import align_graphemes
from ocr.compare.metrics import character_error_rate, graphemes
from ocr.compare.normalise import PROFILES
from ocr.contract import BBox, Correction, Stamp
from ocr.lines import Word
from ocr.report.image import image_data_uri
from ocr.report.marks import Segment, cluster_marks, segments, word_runs
from ocr.report.model import FieldRow, OmittedSpan, PageEntry, Rates, ReportData
from ocr.settings import LOW_CONFIDENCE

LEGEND = (("ins", "inserted by OCR"), ("del", "missed by OCR"), ("sub", "substituted"),
          ("lowconf", "low confidence"), ("corr", "corrected after OCR"))
"""(CSS class, meaning) of each mark the document report explains."""


@dataclass(frozen=True)
class Box:
    """Where to outline on which page's scan: ``coords`` is ``x,y,w,h`` in pixels of its image."""

    page: int
    coords: str


@dataclass(frozen=True)
class TextRun:
    """A stretch of OCR text; a located word has its CSS classes (``w`` first), box and title."""

    segments: tuple[Segment, ...]
    classes: tuple[str, ...] = ()
    box: Box | None = None
    title: str = ""


@dataclass(frozen=True)
class Scan:
    uri: str
    width: int  # pixels of the page image the boxes are in, before downscaling
    height: int


@dataclass(frozen=True)
class PageView:
    number: int
    cer: str | None  # None without a transcription
    scan: Scan | None
    ocr: tuple[TextRun, ...]
    reference: tuple[Segment, ...] | None


@dataclass(frozen=True)
class RateRow:
    profile: str
    cer: str
    wer: str
    rules: str


@dataclass(frozen=True)
class FieldView:
    field: str
    expected: str
    found: str
    match: bool
    box: Box | None


@dataclass(frozen=True)
class OmittedView:
    page: str
    reason: str
    text: str
    box: Box | None


@dataclass(frozen=True)
class StampView:
    """An ink stamp: where it is, what it looks like, what it says and what was parsed from it."""

    page: int
    looks: str
    text: str
    office: str
    incoming_number: str
    date: str
    box: Box | None


@dataclass(frozen=True)
class DocumentView:
    document_id: str
    rates: tuple[RateRow, ...]
    fields: tuple[FieldView, ...]
    warnings: tuple[str, ...]
    omitted: tuple[OmittedView, ...]
    stamps: tuple[StampView, ...]
    legend: tuple[tuple[str, str], ...]
    pages: tuple[PageView, ...]


def format_rate(rate: float | None) -> str:
    if rate is None:
        return "—"
    return "∞" if math.isinf(rate) else f"{rate:.2%}"


def optional(text: str | None) -> str:
    return "—" if text is None else text


def box(page: int | None, bbox: BBox | None) -> Box | None:
    if page is None or bbox is None:
        return None
    return Box(page, ",".join(str(int(v)) for v in bbox))


def _word_run(page: int, word: Word | None, marked: tuple[Segment, ...],
              corrections: Mapping[tuple, Correction]) -> TextRun:
    if word is None:
        return TextRun(marked)
    title = f"confidence {word.confidence:.0f}"
    classes = ("w", "lowconf") if word.confidence < LOW_CONFIDENCE else ("w",)
    fix = corrections.get(tuple(word.bbox))
    if fix is not None:
        classes += ("corr",)
        title += f"; read as {fix.before!r}, corrected (score {fix.score:.2f})"
    return TextRun(marked, classes, box(page, word.bbox), title)


def page_view(page: PageEntry) -> PageView:
    """One page: its scan, the OCR text cut into words and marked, the transcription marked."""
    clusters = graphemes(page.ocr_text)
    ocr_marks, reference, cer = [""] * len(clusters), None, None
    if page.reference_text is not None:
        alignment = align_graphemes(page.reference_text, page.ocr_text)
        ref_marks, ocr_marks = cluster_marks(alignment)
        reference = segments(alignment.reference, ref_marks)
        cer = format_rate(character_error_rate(page.reference_text, page.ocr_text))
    scan = None if page.image is None else Scan(*image_data_uri(page.image))
    fixes = {tuple(c.bbox): c for c in page.corrections}
    runs = tuple(_word_run(page.number, word, marked, fixes)
                 for word, marked in word_runs(clusters, ocr_marks, page.words))
    return PageView(page.number, cer, scan, runs, reference)


def _rate_rows(rates: Mapping[str, Rates]) -> tuple[RateRow, ...]:
    def rules(profile: str) -> str:
        return "; ".join(rule.description for rule in (PROFILES[profile].rules if profile in PROFILES else ()))

    return tuple(RateRow(name, format_rate(r.cer), format_rate(r.wer), rules(name)) for name, r in rates.items())


def _field_views(rows: Sequence[FieldRow]) -> tuple[FieldView, ...]:
    return tuple(FieldView(r.field, optional(r.expected), optional(r.found), r.match, box(r.page, r.bbox)) for r in rows)


def _omitted_views(spans: Sequence[OmittedSpan]) -> tuple[OmittedView, ...]:
    return tuple(OmittedView(optional(None if s.page is None else str(s.page)), s.reason, s.text, box(s.page, s.bbox))
                 for s in spans)


def _stamp_views(stamps: Sequence[Stamp]) -> tuple[StampView, ...]:
    def looks(stamp: Stamp) -> str:
        return " ".join(part for part in (stamp.colour, stamp.shape) if part) or "—"

    return tuple(StampView(s.page, looks(s), " / ".join(s.lines) or s.text or "—", optional(s.office),
                           optional(s.incoming_number), optional(s.date or s.date_raw), box(s.page, s.bbox))
                 for s in stamps)


def document_view(data: ReportData) -> DocumentView:
    """The view of one document's report."""
    return DocumentView(
        document_id=data.document_id, rates=_rate_rows(data.rates), fields=_field_views(data.fields),
        warnings=tuple(data.warnings), omitted=_omitted_views(data.omitted), stamps=_stamp_views(data.stamps),
        legend=LEGEND,
        pages=tuple(page_view(page) for page in data.pages),
    )
