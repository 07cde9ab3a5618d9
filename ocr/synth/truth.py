"""The ground truth of a rendering in contract shape: what was typed (the transcript's record), the
stamps pressed, and per page the drawn lines with their boxes in the final scan's pixels.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

import ocr
from ocr import assemble
from ocr.contract import (
    BBox,
    Page,
    Provenance,
    Quality,
    Region,
    Source,
    Stamp,
    Step,
    TelegramDocument,
    TelegramRecord,
)
from ocr.lines import Line
from ocr.preprocess.geometry import map_box
from ocr.synth.compose import Drawn

# Determinism: the truth of a seed must not change with the clock.
PROCESSED_AT = "1970-01-01T00:00:00+00:00"


@dataclass(frozen=True)
class ScannedPage:
    """One page after degradation: what was drawn, and where the page's pixels went."""

    lines: list[Line]  # the transcript's lines of this page
    items: list[Drawn]  # the lines as drawn, boxes in canvas pixels
    matrix: np.ndarray  # 2x3, canvas pixel -> scan pixel
    width: int
    height: int
    skew_deg: float  # counter-clockwise, degrees
    rotation: int  # clockwise degrees that make the scan upright


def page_text(items: list[Drawn]) -> str:
    """The page's drawn text in reading order: lines joined by newlines, a blank line between blocks."""
    out = []
    for k, item in enumerate(items):
        if k:
            out.append("\n\n" if item.block != items[k - 1].block else "\n")
        out.append(item.text)
    return "".join(out)


def clip_box(box: BBox, width: int, height: int) -> BBox | None:
    """``box`` cut to the image (pixels); None when nothing is left."""
    x0, y0 = max(box[0], 0), max(box[1], 0)
    x1, y1 = min(box[0] + box[2], width), min(box[1] + box[3], height)
    return (x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def scan_box(page: ScannedPage, box: BBox) -> BBox | None:
    """A canvas box as the axis-aligned box of its image in the scan, clipped to the scan."""
    return clip_box(map_box(page.matrix, box), page.width, page.height)


def regions(page: ScannedPage) -> list[Region]:
    out = []
    for item in page.items:
        box = scan_box(page, item.bbox)
        if box is not None:
            out.append(Region(type=item.role.value, bbox=box, text=item.text, confidence=100))
    return out


def page_truth(number: int, page: ScannedPage, dpi: int, document_copy: int | None) -> Page:
    found = assemble.page_fields(page.lines, document_copy)
    return Page(
        number=number, folio=found.folio, page_label=found.page_label, telegram_number=found.telegram_number,
        copy_number=found.copy_number, text=page_text(page.items), width=page.width, height=page.height, dpi=dpi,
        skew_deg=round(page.skew_deg, 3), rotation=page.rotation, rotation_confidence=100.0, mean_confidence=100,
        regions=regions(page),
    )


def pixels_sha256(images: list[np.ndarray]) -> str:
    """SHA-256 over the pages' pixels with their shapes: a fingerprint that does not depend on a file format."""
    digest = hashlib.sha256()
    for image in images:
        digest.update(repr(image.shape).encode())
        digest.update(np.ascontiguousarray(image).tobytes())
    return digest.hexdigest()


def document(record: TelegramRecord, stamps: list[Stamp], pages: list[ScannedPage], images: list[np.ndarray],
             dpi: int, document_id: str, params: dict) -> TelegramDocument:
    """The whole ground truth, validated by the contract's models."""
    copy = record.header.copy_number
    return TelegramDocument(
        document_id=document_id,
        source=Source(path=f"{document_id}.pdf", sha256=pixels_sha256(images), page_count=len(pages)),
        doc_type=record.doc_type, header=record.header, distribution=record.distribution, body=record.body,
        signature=record.signature, footer=record.footer, stamps=stamps,
        pages=[page_truth(k, page, dpi, copy) for k, page in enumerate(pages, start=1)],
        quality=Quality(mean_confidence=100, low_confidence_words=0, warnings=[]),
        provenance=Provenance(pipeline_version=ocr.__version__, tesseract_version=None, languages="rus",
                              steps=[Step(name="synth", params=params)], processed_at=PROCESSED_AT),
    )
