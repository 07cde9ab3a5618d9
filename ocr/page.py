"""One page, the heavy independent unit the flows run in parallel: load → preprocess → read → re-read → layout.

Its result is picklable and holds no images, with boxes in the scan's pixels, and records the
Tesseract that read it (under Dask, the worker's, not the flow's).
"""

from __future__ import annotations

import dataclasses
import logging
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from ocr import continuation, fields, footer, grid, routing
from ocr.contract import Stamp
from ocr.exec import tesseract
from ocr.lines import Line, Role, Word
from ocr.load import PageRef, load_page
from ocr.preprocess import PreprocessedPage, preprocess_page
from ocr.recognize import read_cut_strips, recognize_page
from ocr.reread.pipeline import reread_page
from ocr.settings import Settings
from ocr.stamps.detect import find_stamps
from ocr.stamps.read import read_stamps

log = logging.getLogger(__name__)


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
    tesseract_version: str = ""  # of the machine that read the page

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

# The form's printed and stamped words, each as the form has it where a line spells one (:func:`ocr.fields.printed_mark`).
_PRINTED_MARKS = {Role.FORM_TITLE: fields.FORM_TITLES, Role.CLASSIFICATION: fields.CLASSIFICATIONS,
                  Role.HANDLING: fields.HANDLING_MARKS}


def _printed(lines: list[Line]) -> list[Line]:
    """The page's lines with what the form prints and the clerks type from fixed lists written as such, specks
    OCR read beside it dropped: the form's marks, the grid's slots, the routing line's labels, the footer's
    labels and a later page's header. No field changes (the header's and footer's fields parse alike)."""
    lines = [dataclasses.replace(line, text=mark) if line.role in _PRINTED_MARKS
             and (mark := fields.printed_mark(line.text, _PRINTED_MARKS[line.role])) else line for line in lines]
    return continuation.printed(footer.printed(routing.printed(grid.printed_grid(lines))))


def process_page(ref: PageRef, settings: Settings = Settings(), debug_dir: Path | None = None) -> PageResult:
    """Load, preprocess, OCR and parse one page."""
    log.info("page %d of %s: reading", ref.number, ref.path.name)
    scan = load_page(ref, settings.dpi)
    page_debug = debug_dir / f"page-{ref.number:03d}" if debug_dir else None
    prepared = preprocess_page(scan.image, settings.preprocess, page_debug)
    words, prepared = recognize_page(prepared, settings.ocr)
    found = find_stamps(prepared, scan.dpi)
    words = read_cut_strips(prepared, words, [stamp.box for stamp in found], settings.ocr)
    parsed = reread_page(prepared, scan.image, words, found, ref.number, settings.ocr)
    lines = [_to_original(line, prepared) for line in _printed(parsed)]
    height, width = scan.image.shape[:2]
    result = PageResult(
        number=ref.number,
        width=width,
        height=height,
        dpi=scan.dpi,
        skew_deg=round(float(prepared.skew_deg), 3),
        rotation=int(prepared.rotation),
        rotation_confidence=round(float(prepared.rotation_confidence), 2),
        lines=lines,
        stamps=read_stamps(prepared, ref.number, scan.dpi, settings.ocr.lang, found),
        steps=prepared.steps,
        tesseract_version=tesseract.version(),
    )
    log.info("page %d: %d words, mean confidence %.1f, turned %d°, skew %.2f°", ref.number, len(result.words),
             result.mean_confidence, result.rotation, result.skew_deg)
    return result
