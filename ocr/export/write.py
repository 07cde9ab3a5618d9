"""A document's exports on disk, written atomically beside its JSON (their names: :class:`~ocr.batch.folder.OutputFolder`).

The JSON is always written (it is the record, and what marks a document done); ``alto``, ``page``
and ``pdf`` are chosen with ``formats``. PAGE holds one page a file, so it is one file per page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from ocr.batch import store
from ocr.batch.folder import EXPORT_FORMATS, OutputFolder
from ocr.contract import TelegramDocument
from ocr.errors import InputError
from ocr.export import alto, pagexml, pdf
from ocr.load import DocumentInput, load_page

log = logging.getLogger(__name__)

FORMATS = ("json", *EXPORT_FORMATS)


def parse_formats(text: str) -> tuple[str, ...]:
    """``"json,alto,page,pdf"`` → the formats, in the order of :data:`FORMATS`; an unknown one is an error."""
    asked = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(asked - set(FORMATS))
    if unknown:
        raise InputError(f"unknown output format(s): {', '.join(unknown)}", f"choose from {','.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in asked)


def exports_present(folder: OutputFolder, document_id: str, page_count: int, formats: Iterable[str]) -> bool:
    """Every file of the chosen exports exists."""
    paths = folder.exports(document_id, page_count)
    return all(path.exists() for f in formats if f in paths for path in paths[f])


def _page_images(document: TelegramDocument, scan: DocumentInput) -> list[np.ndarray]:
    """Each page's scan, loaded again at the page's dpi (the pixels its boxes are in)."""
    refs = {ref.number: ref for ref in scan.pages}
    missing = [page.number for page in document.pages if page.number not in refs]
    if missing:
        raise InputError(f"{scan.path.name}: pages {missing} of the document are not in the scan",
                         "the scan changed since it was read: run again with --force")
    return [load_page(refs[page.number], page.dpi).image for page in document.pages]


def _contents(document: TelegramDocument, scan: DocumentInput, fmt: str) -> list[bytes]:
    if fmt == "alto":
        return [alto.alto_bytes(document)]
    if fmt == "page":
        return [pagexml.page_bytes(document, page) for page in document.pages]
    return [pdf.pdf_bytes(document, _page_images(document, scan))]


def write_exports(document: TelegramDocument, scan: DocumentInput, output_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Write the chosen exports of ``document`` into ``output_dir``; returns the paths written."""
    paths = OutputFolder(output_dir).exports(document.document_id, len(document.pages))
    written = []
    for fmt in (f for f in EXPORT_FORMATS if f in formats):
        for path, data in zip(paths[fmt], _contents(document, scan, fmt), strict=True):
            written.append(store.write_bytes_atomic(path, data))
    log.debug("%s: wrote %s", document.document_id, ", ".join(p.name for p in written))
    return written
