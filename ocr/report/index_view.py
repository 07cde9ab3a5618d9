"""The batch index's view model: one row per document with its sort keys, and the batch's CER."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from ocr.report.model import IndexRow
from ocr.report.view import format_rate, optional

COLUMNS = ("document", "CER", "WER", "fields", "warnings")
"""The sortable columns, in order."""


@dataclass(frozen=True)
class Cell:
    """A number as shown, and the key the sort compares (blank for none, sorted last)."""

    shown: str
    key: str


@dataclass(frozen=True)
class Link:
    label: str
    href: str  # URL-quoted, relative to the index


@dataclass(frozen=True)
class RowView:
    document_id: str
    report: str | None  # href of the document's report
    numbers: tuple[Cell, ...]  # CER, WER, field accuracy, warning count
    warnings: str
    exports: tuple[Link, ...]


@dataclass(frozen=True)
class BatchRates:
    documents: int
    micro: str
    macro: str


@dataclass(frozen=True)
class IndexView:
    columns: tuple[str, ...]
    rows: tuple[RowView, ...]
    batch: BatchRates | None
    with_exports: bool  # whether any row links exported files


def _cell(value: float | None, shown: str) -> Cell:
    return Cell(shown, "" if value is None else ("1e308" if math.isinf(value) else repr(value)))


def _href(file_name: str) -> str:
    # A file name, not a URL: '#', '?', '%' or ':' in it must not change what the link means.
    return quote(file_name)


def row_view(row: IndexRow) -> RowView:
    accuracy = None if row.field_accuracy is None else f"{row.field_accuracy:.0%}"
    numbers = (_cell(row.cer, format_rate(row.cer)), _cell(row.wer, format_rate(row.wer)),
               _cell(row.field_accuracy, optional(accuracy)), _cell(len(row.warnings), str(len(row.warnings))))
    return RowView(
        document_id=row.document_id, report=_href(row.report_href) if row.report_href else None,
        numbers=numbers, warnings="; ".join(row.warnings),
        exports=tuple(Link(export.label, _href(export.file_name)) for export in row.exports),
    )


def batch_rates(rows: Sequence[IndexRow]) -> BatchRates | None:
    """The batch's CER micro-averaged (weighted by reference characters) and macro-averaged."""
    compared = [r for r in rows if r.cer is not None and r.reference_characters]
    if not compared:
        return None
    micro = sum(r.cer * r.reference_characters for r in compared) / sum(r.reference_characters for r in compared)
    macro = sum(r.cer for r in compared) / len(compared)
    return BatchRates(len(compared), f"{micro:.4f}", f"{macro:.4f}")


def index_view(rows: Sequence[IndexRow]) -> IndexView:
    views = tuple(row_view(row) for row in rows)
    return IndexView(COLUMNS, views, batch_rates(rows), any(view.exports for view in views))
