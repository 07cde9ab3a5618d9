"""Typed text between stages: words with boxes, lines tagged with the part of the form they belong to.

The same :class:`Line` list comes out of layout parsing (from OCR words, with boxes) and out of
transcript parsing (from the archive's text, without boxes), so one set of field parsers
(:mod:`ocr.assemble`) turns either into a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from ocr.contract import BBox


class Role(str, Enum):
    """The part of the cipher-telegram form a line belongs to."""

    REGISTRATION = "registration"  # marginal registry notes, top left
    FOLIO = "folio"  # archive sheet number, top right
    FORM_TITLE = "form_title"
    CLASSIFICATION = "classification"
    HANDLING = "handling"
    GRID = "distribution"  # a row of the grid of numbered copies
    ROUTING = "routing"  # Из ... № ... пол. ... час. ... мин. ...
    REFERENCE = "reference"  # groups of numbers under the routing line
    SPECIAL = "special_number"
    PRIORITY = "priority"
    ADDRESSEE = "addressee"
    BODY = "body"
    CONTINUATION = "continuation"  # telegram number / page label / copy on later pages
    SIGNATURE = "signature"
    FOOTER = "footer"
    HANDWRITTEN = "handwritten"
    OTHER = "other"


@dataclass(frozen=True)
class Word:
    text: str
    bbox: BBox
    confidence: float  # 0..100, Tesseract's word confidence
    # Tesseract's (block, paragraph, line) numbers when the word comes from the page's own reading.
    line: tuple[int, int, int] | None = None


@dataclass
class Line:
    text: str
    role: Role = Role.OTHER
    page: int = 1
    bbox: BBox | None = None
    confidence: float | None = None
    words: list[Word] = field(default_factory=list)
    paragraph_start: bool = False  # for body lines: the line opens a paragraph
    cells: list[str] = field(default_factory=list)  # for grid rows: the text of each column

    def read_as(self, words: list[Word]) -> Line:
        """This line as ``words`` (a reading of it again) read it: their text left to right, their box, their
        mean confidence; its role and page kept."""
        words = sorted(words, key=lambda w: w.bbox[0])
        return replace(self, text=words_text(words), words=words, bbox=union_box([w.bbox for w in words]),
                       confidence=sum(w.confidence for w in words) / len(words))


def words_text(words: list[Word]) -> str:
    """The text ``words`` spell, one space between each (in their order)."""
    return " ".join(w.text for w in words)


def union_box(boxes: list[BBox]) -> BBox | None:
    """The smallest box holding all ``boxes`` (``[x, y, w, h]``), None for none."""
    if not boxes:
        return None
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return (x0, y0, x1 - x0, y1 - y0)
