"""The pipeline as plain functions: one page (load → preprocess → OCR → layout), then one document.

:func:`process_page` is the heavy, independent unit (run per page in parallel by the flows);
:func:`assemble_document` is cheap and turns the pages' results into the contract document.
Nothing here knows about Prefect.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ocr import __version__, assemble, layout, tesseract
from ocr.contract import Page, Provenance, Quality, Stamp, Step, TelegramDocument
from ocr.lines import Line, Role, Word
from ocr.load import DEFAULT_DPI, DocumentInput, PageRef, load_page, open_document
from ocr.preprocess import PreprocessedPage, PreprocessSettings, preprocess_page
from ocr.recognize import (OcrSettings, centred_in, recognize_page, recognize_region, reread_block,
                           reread_partial_lines, reread_spaced)

LOW_CONFIDENCE = 60.0  # Tesseract word confidence below which a word is flagged for review

# Typed or printed marks that the contract also lists among ``stamps``, by their kind there.
_MARK_KINDS = {
    Role.CLASSIFICATION: "classification",
    Role.HANDLING: "handling",
    Role.PRIORITY: "priority",
    Role.REGISTRATION: "registration",
    Role.FOLIO: "folio",
}


@dataclass(frozen=True)
class Settings:
    """Everything that changes the output; its fingerprint keys caches and reruns."""

    dpi: int = DEFAULT_DPI
    ocr: OcrSettings = OcrSettings()
    preprocess: PreprocessSettings = PreprocessSettings()

    def params(self) -> dict:
        return {"dpi": self.dpi, "ocr": self.ocr.params(), "preprocess": self.preprocess.params()}

    def fingerprint(self) -> str:
        blob = json.dumps({"version": __version__, **self.params()}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


@dataclass
class PageResult:
    """What the heavy per-page stage found, in the scan's pixels (picklable, no images)."""

    number: int
    width: int
    height: int
    dpi: int
    skew_deg: float
    rotation: int
    rotation_confidence: float
    lines: list[Line]
    stamps: list[Stamp]
    steps: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def mean_confidence(self) -> float:
        words = self.words
        return round(statistics.fmean(w.confidence for w in words), 2) if words else 0.0


def _to_original(line: Line, page: PreprocessedPage) -> Line:
    """The line with its boxes mapped from the processed frame back to the scan's pixels."""
    words = [dataclasses.replace(w, bbox=page.map_box_to_original(w.bbox)) for w in line.words]
    return dataclasses.replace(line, bbox=page.map_box_to_original(line.bbox) if line.bbox else None, words=words)


def _ink_stamps(page: PreprocessedPage, number: int, settings: OcrSettings) -> list[Stamp]:
    """Each colour-ink stamp OCR'd on its own layer."""
    stamps = []
    for box in page.stamp_boxes:
        words = recognize_region(page.stamp_image, box, settings) if page.stamp_image is not None else []
        stamps.append(Stamp(
            kind="ink_stamp",
            text=" ".join(w.text for w in words),
            page=number,
            bbox=page.map_box_to_original(box),
            confidence=round(statistics.fmean(w.confidence for w in words), 2) if words else 0.0,
        ))
    return stamps


# Lines that show a page is the telegram form (its first page, or a later page's continuation header).
_FORM_ROLES = (Role.FORM_TITLE, Role.ROUTING, Role.CONTINUATION)


def body_zone(lines: list[Line], shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """The band of a form page that holds the message, across the page; None on pages not read as the form.

    The message is one column of typing, which Tesseract reads best as one block (``psm 6``): its page
    segmentation (``psm 3``) splits lines around a stamp and drops text beside it. Other documents
    have no known layout, so they keep the page segmentation's reading.
    """
    body = [line.bbox for line in lines if line.role is Role.BODY and line.bbox]
    if not body or not any(line.role in _FORM_ROLES for line in lines):
        return None
    pad = int(statistics.median(b[3] for b in body) * 0.6)
    top = max(0, min(b[1] for b in body) - pad)
    bottom = min(shape[0], max(b[1] + b[3] for b in body) + pad)
    return (0, top, shape[1], bottom - top)


# Inside a colour stamp, what still reads below this confidence once the stamp's ink is gone is its
# remnants or the handwriting filled into it, not typing (typing under a stamp reads at 60 and more).
STAMP_REMNANT_CONFIDENCE = 50.0


def _in_stamp(word: Word, boxes: list[tuple[int, int, int, int]]) -> bool:
    return word.confidence < STAMP_REMNANT_CONFIDENCE and any(centred_in(word, box) for box in boxes)


def read_again(prepared: PreprocessedPage, words: list[Word], number: int, settings: OcrSettings) -> list[Line]:
    """The page's lines, after reading again where Tesseract's page reading is known to fail: a form
    page's message band as one block, partly read lines, letter-spaced words; stamp remnants dropped."""
    def parse(found: list[Word]) -> list[Line]:
        return layout.parse_page(found, number, prepared.image.shape[1])

    parsed = parse(words)
    zone = body_zone(parsed, prepared.image.shape) if settings.body_psm else None
    if zone is not None:
        words = reread_block(prepared.image, words, zone, settings.lang, settings.body_psm)
        parsed = parse(words)
    if not words:
        return parsed
    metrics = layout.page_metrics(words)
    words = reread_partial_lines(prepared.image, [line.words for line in parsed], words, metrics.char_width, settings.lang)
    words = reread_spaced(prepared.image, words, metrics.char_width, settings.lang)
    return parse([w for w in words if not _in_stamp(w, prepared.stamp_boxes)])


def process_page(ref: PageRef, settings: Settings = Settings(), debug_dir: Path | None = None) -> PageResult:
    """Load, preprocess, OCR and parse one page."""
    scan = load_page(ref, settings.dpi)
    page_debug = debug_dir / f"page-{ref.number:03d}" if debug_dir else None
    prepared = preprocess_page(scan.image, settings.preprocess, page_debug)
    words, prepared = recognize_page(prepared, settings.ocr)
    parsed = read_again(prepared, words, ref.number, settings.ocr)
    lines = [_to_original(line, prepared) for line in assemble.printed_grid(parsed)]
    height, width = scan.image.shape[:2]
    return PageResult(
        number=ref.number,
        width=width,
        height=height,
        dpi=scan.dpi,
        skew_deg=round(float(prepared.skew_deg), 3),
        rotation=int(prepared.rotation),
        rotation_confidence=round(float(prepared.rotation_confidence), 2),
        lines=lines,
        stamps=_ink_stamps(prepared, ref.number, settings.ocr),
        steps=prepared.steps,
    )


def _mark_stamps(lines: list[Line]) -> list[Stamp]:
    return [
        Stamp(kind=_MARK_KINDS[line.role], text=line.text, page=line.page, bbox=line.bbox,
              confidence=round(line.confidence or 0.0, 2))
        for line in lines if line.role in _MARK_KINDS and line.bbox
    ]


def _page(result: PageResult, document_copy: int | None) -> Page:
    found = assemble.page_fields(result.lines, document_copy)
    return Page(
        number=result.number,
        folio=found.folio,
        page_label=found.page_label,
        telegram_number=found.telegram_number,
        copy_number=found.copy_number,
        text=layout.page_text(result.lines),
        width=result.width,
        height=result.height,
        dpi=result.dpi,
        skew_deg=result.skew_deg,
        rotation=result.rotation,
        rotation_confidence=result.rotation_confidence,
        mean_confidence=result.mean_confidence,
        regions=layout.regions(result.lines),
    )


def _warnings(pages: list[PageResult], doc_type: str) -> list[str]:
    notes = []
    for page in pages:
        if not page.words:
            notes.append(f"page {page.number}: no text found")
        elif page.mean_confidence < LOW_CONFIDENCE:
            notes.append(f"page {page.number}: low mean confidence {page.mean_confidence:.0f}")
        if page.rotation:
            notes.append(f"page {page.number}: turned {page.rotation}° to read it")
    if doc_type != "cipher_telegram":
        notes.append("no form title or routing line found: not read as a cipher telegram")
    return notes


def _quality(pages: list[PageResult], doc_type: str) -> Quality:
    words = [w for page in pages for w in page.words]
    return Quality(
        mean_confidence=round(statistics.fmean(w.confidence for w in words), 2) if words else 0.0,
        low_confidence_words=sum(1 for w in words if w.confidence < LOW_CONFIDENCE),
        warnings=_warnings(pages, doc_type),
    )


def _json_safe(params: dict) -> dict:
    return json.loads(json.dumps(params, default=float))


def _provenance(pages: list[PageResult], settings: Settings) -> Provenance:
    steps = [Step(name=name, params=_json_safe(params)) for name, params in (pages[0].steps if pages else [])]
    steps += [Step(name="tesseract", params=_json_safe(settings.ocr.params())), Step(name="layout", params={})]
    return Provenance(
        pipeline_version=__version__,
        tesseract_version=tesseract.version(),
        languages=settings.ocr.lang,
        steps=steps,
        settings_hash=settings.fingerprint(),
        processed_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


def infer_folios(pages: list[Page]) -> tuple[list[Page], list[tuple[int, int]]]:
    """Fill folios that were not read when every folio read agrees with one numbering of the sheets.

    Archive sheets are numbered consecutively, so with two or more folios read and all of them
    ``first + page index``, a missing one is certain enough to give, and each is reported.
    """
    read = [(k, p.folio) for k, p in enumerate(pages) if p.folio is not None]
    offsets = {folio - k for k, folio in read}
    if len(read) < 2 or len(offsets) != 1 or len(read) == len(pages):
        return pages, []
    offset = offsets.pop()
    filled = [p if p.folio is not None else p.model_copy(update={"folio": offset + k}) for k, p in enumerate(pages)]
    return filled, [(p.number, p.folio) for p, old in zip(filled, pages) if old.folio is None]


def assemble_document(document: DocumentInput, pages: list[PageResult], settings: Settings = Settings()) -> TelegramDocument:
    """The contract document from its pages' results (in any order)."""
    pages = sorted(pages, key=lambda p: p.number)
    lines = [line for page in pages for line in page.lines]
    record = assemble.record([page.lines for page in pages])
    contract_pages, inferred = infer_folios([_page(page, record.header.copy_number) for page in pages])
    quality = _quality(pages, record.doc_type)
    quality.warnings += [f"page {n}: folio not read, {f} inferred from the other pages' folios" for n, f in inferred]
    return TelegramDocument(
        **record.model_dump(exclude={"stamps"}),
        stamps=[s for page in pages for s in page.stamps] + _mark_stamps(lines),
        document_id=document.document_id,
        source=document.source,
        pages=contract_pages,
        quality=quality,
        provenance=_provenance(pages, settings),
        field_evidence=assemble.evidence(lines),
    )


def process_document(path: Path, settings: Settings = Settings(), debug_dir: Path | None = None) -> TelegramDocument:
    """The whole pipeline for one document, page after page, in this process."""
    document = open_document(path)
    return assemble_document(document, [process_page(ref, settings, debug_dir) for ref in document.pages], settings)
