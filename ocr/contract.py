"""The output contract (``shared/design/CONTRACT.md``, version 1.0) as typed models.

The published JSON Schema (``ocr/schema/telegram-document.schema.json``) is generated from these
models (``python -m ocr.schema``) and every written document is validated against it. Field names
are fixed by the contract; fields beyond it are additions, never renames.
"""

from __future__ import annotations

import warnings
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

BBox = tuple[int, int, int, int]
"""A box ``[x, y, w, h]`` in pixels of the page image as rasterised at the page's dpi, origin top-left."""

StampKind = Literal["classification", "handling", "priority", "registration", "folio", "ink_stamp", "other"]
StampShape = Literal["round", "oval", "rectangular", "other"]


class Model(BaseModel):
    # Every field is always written, so the published schema requires every field.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, json_schema_serialization_defaults_required=True)


class Source(Model):
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    page_count: int = Field(ge=0)


class Header(Model):
    form_title: str | None = None
    classification: list[str] = []
    handling_marks: list[str] = []
    priority: list[str] = Field(default=[], description="collapsed from letter-spaced typing")
    origin: str | None = Field(default=None, description="as written (genitive)")
    telegram_number: str | None = None
    received_time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    received_date_raw: str | None = None
    copy_number: int | None = None
    special_number: str | None = None
    addressee: str | None = Field(default=None, description="collapsed from letter-spaced typing")
    registration_marks: list[str] = []
    reference_numbers: list[str] = Field(
        default=[], description="addition: the groups of numbers typed under the routing line"
    )


# The contract names the field "copy"; it shadows pydantic's deprecated BaseModel.copy(), harmlessly.
warnings.filterwarnings("ignore", message='Field name "copy"', category=UserWarning)


class DistributionEntry(Model):
    copy: int = Field(ge=1)
    recipient: str | None = None


class Signature(Model):
    name: str | None = None
    date_raw: str | None = None


class Footer(Model):
    copies_printed: int | None = None
    typist: str | None = None
    printed_raw: str | None = None
    distributed_raw: str | None = None
    released_by: str | None = None
    certified: str | None = None


class Stamp(Model):
    # The contract's five fields are required; the additions may be absent (stamps written before them,
    # typed marks listed among stamps), so their schema does not require them.
    model_config = ConfigDict(json_schema_serialization_defaults_required=False)

    kind: StampKind
    text: str = Field(description="all the stamp says, as read: a round seal's ring first, then its centre; lines by newlines")
    page: int = Field(ge=1)
    bbox: BBox
    confidence: float = Field(ge=0, le=100)
    shape: StampShape | None = Field(default=None, description="addition: a rubber stamp's outline; null for typed marks")
    colour: str | None = Field(default=None, description="addition: the ink (violet, red, blue); null on grayscale scans")
    outline: list[tuple[int, int]] = Field(
        default=[], description="addition: polygon [[x, y], ...] around the stamp (page pixels), for ALTO/PAGE regions"
    )
    lines: list[str] = Field(
        default=[], description="addition: the text line by line: a round seal's ring, then the centre's lines"
    )
    office: str | None = Field(default=None, description="addition: the office named (a seal's ring, a stamp's first lines)")
    incoming_number: str | None = Field(default=None, description="addition: registry number after `Вх. №`, e.g. 0412-сс")
    date: str | None = Field(default=None, description="addition: the stamped date, ISO 8601 (YYYY-MM-DD) when whole")
    date_raw: str | None = Field(default=None, description="addition: the stamped date as written, e.g. 26 IX 1949 г.")


class TextWord(Model):
    """One word of a line as the region's text shows it, with its box on the scan."""

    text: str
    bbox: BBox
    confidence: float = Field(ge=0, le=100)


class TextLine(Model):
    """One line of a region: its text is its words' texts joined by single spaces."""

    text: str
    bbox: BBox
    confidence: float = Field(ge=0, le=100)
    words: list[TextWord] = []


class Region(Model):
    type: str
    bbox: BBox
    text: str
    confidence: float = Field(ge=0, le=100)
    lines: list[TextLine] = Field(
        default=[], description="addition: the lines of `text`, each word with its box and confidence (for ALTO, PAGE, PDF)"
    )


class Page(Model):
    number: int = Field(ge=1, description="1-based scan order")
    folio: int | None = None
    page_label: str | None = None
    telegram_number: str | None = None
    copy_number: int | None = None
    text: str
    width: int = Field(ge=0)
    height: int = Field(ge=0)
    dpi: int = Field(gt=0)
    skew_deg: float
    rotation: Literal[0, 90, 180, 270]
    rotation_confidence: float = Field(default=0.0, description="addition: OSD confidence of `rotation`")
    mean_confidence: float = Field(ge=0, le=100)
    regions: list[Region] = []


class Quality(Model):
    mean_confidence: float = Field(ge=0, le=100)
    low_confidence_words: int = Field(ge=0)
    warnings: list[str] = []


class Step(Model):
    """One processing step that ran, with the settings it ran with."""

    name: str
    params: dict[str, str | int | float | bool | None | list] = {}


class Provenance(Model):
    pipeline_version: str
    tesseract_version: str | None
    languages: str
    steps: list[Step] = []
    settings_hash: str | None = Field(default=None, description="addition: hash of the settings that made it")
    processed_at: str = Field(description="UTC, ISO 8601")


class Evidence(Model):
    """Where on the scan a field was read, and how sure the OCR was."""

    page: int = Field(ge=1)
    bbox: BBox
    confidence: float = Field(ge=0, le=100)


class Correction(Model):
    """One word changed after recognition (post-OCR correction), with the reading it replaced."""

    page: int = Field(ge=1)
    bbox: BBox
    before: str = Field(description="the word as Tesseract read it")
    after: str = Field(description="the word as corrected")
    score: float = Field(ge=0, le=1, description="the correction's share of the probability of all readings of the word")


class TelegramRecord(Model):
    """What a telegram says: the part shared by OCR output, ground truth and transcriptions."""

    doc_type: Literal["cipher_telegram", "other"] = "other"
    header: Header = Header()
    distribution: list[DistributionEntry] = []
    body: str = ""
    signature: Signature = Signature()
    footer: Footer = Footer()
    stamps: list[Stamp] = []


class TelegramDocument(TelegramRecord):
    """One ingested document: ``output/<document_id>.json``."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    document_id: str = Field(pattern=r"^[A-Za-z0-9._-]+$")
    source: Source
    pages: list[Page]
    quality: Quality
    provenance: Provenance
    field_evidence: dict[str, Evidence] = Field(
        default={}, description="addition: per field (dotted name, e.g. header.origin) the box and confidence it was read from"
    )
    corrections: list[Correction] = Field(
        default=[], description="addition: each word changed by post-OCR correction, with its raw reading"
    )
