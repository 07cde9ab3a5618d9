"""Field scoring: the one definition of "field accuracy" used by the diff, the batch summary and the benchmark.

Scalars score 1 or 0 (NFC, whitespace collapsed); lists (classification, priority, registration marks,
the distribution grid, per-page fields) score their F1 as multisets, so one wrong recipient of twenty costs
a twentieth and not the whole grid. A field counts when either side fills it; against a transcription
(``partial``), only the fields the transcription gives are scored, since it may leave any field out.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from pydantic import BaseModel

from ocr.contract import TelegramRecord

# Fields read on every page (folio, continuation header), scored when both sides are documents with pages.
PAGE_FIELDS = ("folio", "page_label", "telegram_number", "copy_number")

Value = str | int | list | None


class FieldScore(BaseModel):
    """One field compared: what was expected, what was found, its score (0..1) and whether it matches."""

    field: str
    expected: Value
    found: Value
    score: float
    match: bool


def comparable(value):
    """A field value as compared: strings NFC with whitespace collapsed, lists item by item."""
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def _key(item) -> str:
    return repr(comparable(item))  # lists (a grid slot, a page's value) are not hashable


def f1(expected: list, found: list) -> float:
    """F1 of two multisets; 1.0 when both are empty."""
    if not expected and not found:
        return 1.0
    common = sum((Counter(map(_key, expected)) & Counter(map(_key, found))).values())
    if not common:
        return 0.0
    precision, recall = common / len(found), common / len(expected)
    return 2 * precision * recall / (precision + recall)


def field_values(record: TelegramRecord) -> dict[str, Value]:
    """Every field of the header, signature, footer and distribution (and pages, for documents), by dotted name."""
    data = record.model_dump(mode="json")
    values: dict[str, Value] = {
        f"{part}.{key}": value for part in ("header", "signature", "footer") for key, value in data[part].items()
    }
    values["distribution"] = [[d["copy"], d["recipient"]] for d in data["distribution"]]
    values["doc_type"] = data["doc_type"]
    for name in PAGE_FIELDS if "pages" in data else ():  # each page's value, scored as a list over the pages
        values[f"pages.{name}"] = [[p["number"], p[name]] for p in data["pages"] if p.get(name) is not None]
    return values


def _empty(value: Value) -> bool:
    return value in (None, [], "")


def score_fields(expected: TelegramRecord, found: TelegramRecord, partial: bool = False) -> list[FieldScore]:
    """Every field either side fills (only those ``expected`` fills when it is ``partial``), with its score."""
    want, got = field_values(expected), field_values(found)
    scores = []
    for name, value in want.items():
        if name not in got:
            continue  # a page field, and the found side is a record without pages
        actual = got[name]
        if _empty(value) and (partial or _empty(actual)):
            continue
        score = f1(value or [], actual or []) if isinstance(value, list) else float(comparable(value) == comparable(actual))
        scores.append(FieldScore(field=name, expected=value, found=actual, score=score, match=score == 1.0))
    return scores


def field_accuracy(scores: list[FieldScore]) -> float | None:
    """Mean score over the scored fields; None when no field was scored."""
    return sum(s.score for s in scores) / len(scores) if scores else None
