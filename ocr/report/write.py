"""The reviewer's reports on disk: ``<id>.diff.html`` per document and ``index.html`` per output folder.

This module only gathers what :mod:`ocr.report.html` renders — the scans (at the document's page
dpi, so OCR boxes fall on them), OCR words, page texts, the transcription, field matches,
warnings and the spans the transcription left out — and writes the pages atomically. The index
can be rebuilt from the files of an output folder alone (:func:`rebuild_index`), which are read
back through their models (a file that does not match its model is a warning on its row).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import cv2
from pydantic import BaseModel, ValidationError

from ocr.batch import store
from ocr.batch.folder import OutputFolder
from ocr.compare.align import align_graphemes
from ocr.compare.diff import PRIMARY_PROFILE, DiffReport
from ocr.compare.transcript import Transcript
from ocr.contract import Correction, Page, TelegramDocument
from ocr.errors import TelegramsError
from ocr.lines import Word
from ocr.load import DocumentInput, load_page
from ocr.report.html import render_document_report, render_index
from ocr.report.model import Export, FieldRow, IndexRow, OmittedSpan, PageEntry, Rates, ReportData

OMISSION_REASON = "left out by the archive's transcription ([...]); not scored"
EXPORT_LABELS = {"alto": "ALTO", "page": "PAGE", "pdf": "PDF"}
M = TypeVar("M", bound=BaseModel)


def region_words(page: Page) -> list[Word]:
    """The page's words from its record when the OCR words are not at hand: each word with its box where
    the record keeps them; for an older record, each line of a region, its box an equal horizontal slice
    of the region's box (pixels of the page image)."""
    kept = [Word(text=w.text, bbox=tuple(w.bbox), confidence=w.confidence)
            for region in page.regions for line in region.lines for w in line.words]
    if kept:
        return kept
    words = []
    for region in page.regions:
        lines = region.text.split("\n")
        x, y, w, h = region.bbox
        for k, text in enumerate(lines):
            top, bottom = y + round(k * h / len(lines)), y + round((k + 1) * h / len(lines))
            words.append(Word(text=text, bbox=(x, top, w, bottom - top), confidence=region.confidence))
    return words


def _scan_rgb(scan: DocumentInput | None, number: int, dpi: int):
    """The page's scan as RGB at ``dpi`` (the pixels the boxes are in), or None when it cannot be read."""
    ref = next((r for r in scan.pages if r.number == number), None) if scan else None
    if ref is None:
        return None
    try:
        return cv2.cvtColor(load_page(ref, dpi).image, cv2.COLOR_BGR2RGB)
    except (TelegramsError, OSError, cv2.error):
        return None


def reference_texts(transcript: Transcript | None, page_count: int) -> list[str | None]:
    """The transcription per page when it has as many pages as the scan, else all of it on page 1."""
    if transcript is None or page_count == 0:
        return [None] * page_count
    if len(transcript.page_texts) == page_count:
        return list(transcript.page_texts)
    return ["\n\n".join(transcript.page_texts)] + [None] * (page_count - 1)


def follow_ocr_whitespace(reference: str, ocr: str) -> str:
    """The transcription with its whitespace replaced by the OCR's wherever the two differ in
    whitespace only (line breaks, the grid's tabs, blank lines), so its lines sit beside the OCR's
    and the scan's and layout alone is not marked as an error. No other character changes."""
    alignment = align_graphemes(reference, ocr)
    out: list[str] = []
    for op in alignment.opcodes:
        ref = alignment.reference[op.ref_start:op.ref_end]
        hyp = alignment.hypothesis[op.hyp_start:op.hyp_end]
        if op.tag == "replace" and len(ref) == len(hyp):
            out.extend(h if r.isspace() and h.isspace() else r for r, h in zip(ref, hyp))
        elif op.tag == "replace" and all(c.isspace() for c in ref + hyp):
            out.extend(hyp)
        else:
            out.extend(ref)
    return "".join(out)


def _shown(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def field_rows(document: TelegramDocument, diff: DiffReport | None) -> list[FieldRow]:
    """The diff's field matches, each located on the scan where the document has evidence for it."""
    rows = []
    for match in diff.fields if diff else []:
        evidence = document.field_evidence.get(match.field)
        rows.append(FieldRow(
            field=match.field, expected=_shown(match.expected), found=_shown(match.found), match=match.match,
            page=evidence.page if evidence else None, bbox=evidence.bbox if evidence else None,
        ))
    return rows


def _corrected(word: Word, fixes: Mapping[tuple, Correction]) -> Word:
    """The word as the page text has it: the reading's words are from before post-OCR correction."""
    fix = fixes.get(tuple(word.bbox))
    return dataclasses.replace(word, text=fix.after) if fix and word.text == fix.before else word


def report_data(document: TelegramDocument, transcript: Transcript | None, diff: DiffReport | None,
                scan: DocumentInput, words_by_page: Mapping[int, Sequence[Word]] | None = None) -> ReportData:
    """Everything the document's report shows; ``words_by_page`` maps page number to OCR words with
    boxes in pixels of the page as rasterised at its dpi (regions stand in when absent)."""
    references = reference_texts(transcript, len(document.pages))
    pages = []
    for page, reference in zip(document.pages, references):
        fixes = {tuple(c.bbox): c for c in document.corrections if c.page == page.number}
        words = list(words_by_page[page.number]) if words_by_page and page.number in words_by_page else region_words(page)
        pages.append(PageEntry(
            number=page.number,
            image=_scan_rgb(scan, page.number, page.dpi),
            words=[_corrected(word, fixes) for word in words],
            ocr_text=page.text,
            reference_text=None if reference is None else follow_ocr_whitespace(reference, page.text),
            corrections=tuple(fixes.values()),
        ))
    rates = {name: Rates(cer=r.cer, wer=r.wer) for name, r in diff.profiles.items()} if diff else {}
    omitted = [OmittedSpan(text=text, reason=OMISSION_REASON) for text in (transcript.omissions if transcript else [])]
    return ReportData(
        document_id=document.document_id, rates=rates, pages=pages, fields=field_rows(document, diff),
        warnings=list(document.quality.warnings), omitted=omitted,
        stamps=[stamp for stamp in document.stamps if stamp.kind == "ink_stamp"],
    )


def write_document_report(document: TelegramDocument, transcript: Transcript | None, diff: DiffReport | None,
                          scan: DocumentInput | None, output_dir: Path,
                          words_by_page: Mapping[int, Sequence[Word]] | None = None) -> Path:
    """Write ``output_dir/<id>.diff.html`` (self-contained) atomically and return its path."""
    html = render_document_report(report_data(document, transcript, diff, scan, words_by_page))
    return store.write_text_atomic(OutputFolder(output_dir).report(document.document_id), html)


def write_index(rows: Sequence[IndexRow], output_dir: Path) -> Path:
    """Write ``output_dir/index.html`` atomically and return its path."""
    return store.write_text_atomic(OutputFolder(output_dir).index, render_index(list(rows)))


def _read_model(path: Path, model: type[M]) -> tuple[M | None, str | None]:
    """The file read through its model: ``(value, None)``, ``(None, None)`` when there is no file,
    or ``(None, why)`` when it cannot be read or does not match the model."""
    if not path.is_file():
        return None, None
    try:
        return model.model_validate_json(path.read_bytes()), None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(file)'}: {e['msg']}" for e in exc.errors()[:3])
        return None, f"{path.name} does not match its model ({problems})"
    except OSError as exc:
        return None, f"{path.name} unreadable ({exc.strerror})"


def exports(folder: OutputFolder, document_id: str, page_count: int) -> tuple[Export, ...]:
    """The files exported beside the document that exist, as links for its index row (PAGE: one a page)."""
    links = []
    for fmt, paths in folder.exports(document_id, page_count).items():
        present = [path for path in paths if path.is_file()]
        for k, path in enumerate(present, start=1):
            label = EXPORT_LABELS[fmt] + (f" p.{k}" if len(present) > 1 else "")
            links.append(Export(label, path.name))
    return tuple(links)


def index_row_from_outputs(output_dir: Path, document_id: str) -> IndexRow:
    """A document's index row from ``<id>.json``, ``<id>.diff.json`` and ``<id>.error.json`` on disk."""
    folder = OutputFolder(output_dir)
    document, document_problem = _read_model(folder.document(document_id), TelegramDocument)
    diff, diff_problem = _read_model(folder.diff(document_id), DiffReport)
    error = store.read_json(folder.error(document_id))
    warnings = [p for p in (document_problem, diff_problem) if p] + (list(document.quality.warnings) if document else [])
    if error:
        warnings.insert(0, f"failed at {error.get('stage', '?')}: {error.get('message', '')}")
    primary = diff.profiles.get(PRIMARY_PROFILE) if diff else None
    report = folder.report(document_id)
    return IndexRow(
        document_id=document_id, cer=diff.cer if diff else None, wer=diff.wer if diff else None,
        field_accuracy=diff.field_accuracy if diff else None, warnings=tuple(warnings),
        report_href=report.name if report.is_file() else None,
        reference_characters=primary.reference_characters if primary else None,
        exports=exports(folder, document_id, len(document.pages) if document else 0),
    )


def rebuild_index(output_dir: Path) -> Path:
    """Rewrite ``output_dir/index.html`` from the results on disk."""
    return write_index([index_row_from_outputs(output_dir, i) for i in OutputFolder(output_dir).document_ids()], output_dir)
