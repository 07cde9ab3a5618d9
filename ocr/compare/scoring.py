"""Scoring a record against ground truth: exact match per scalar field, F1 for lists (and per-page fields).

Used by the benchmark (truth from the synthesiser) and by tests. A field counts when the truth or
the output has a value for it, so a field nobody wrote is neither a hit nor a miss.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from ocr.contract import TelegramRecord

# Fields read on every page (folio, continuation header), scored when both sides are documents with pages.
PAGE_FIELDS = ("folio", "page_label", "telegram_number", "copy_number")


def comparable(value):
    """A field value as compared: strings NFC with whitespace collapsed, lists item by item."""
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def f1(expected: list, found: list) -> float:
    """F1 of two multisets; 1.0 when both are empty."""
    if not expected and not found:
        return 1.0
    common = sum((Counter(map(comparable, expected)) & Counter(map(comparable, found))).values())
    if not common:
        return 0.0
    precision, recall = common / len(found), common / len(expected)
    return 2 * precision * recall / (precision + recall)


def _fields(record: TelegramRecord) -> dict[str, object]:
    data = record.model_dump(mode="json")
    values: dict[str, object] = {f"header.{k}": v for k, v in data["header"].items() if k != "reference_numbers"}
    values |= {f"signature.{k}": v for k, v in data["signature"].items()}
    values |= {f"footer.{k}": v for k, v in data["footer"].items()}
    values["distribution"] = [(d["copy"], d["recipient"]) for d in data["distribution"]]
    values["doc_type"] = data["doc_type"]
    for name in PAGE_FIELDS:  # documents only: each page's value, scored as a list over the pages
        if "pages" in data:
            values[f"pages.{name}"] = [(p["number"], p[name]) for p in data["pages"] if p.get(name) is not None]
    return values


@dataclass(frozen=True)
class FieldScore:
    field: str
    expected: object
    found: object
    score: float  # 1/0 for scalars, F1 for lists


def score_fields(truth: TelegramRecord, found: TelegramRecord) -> list[FieldScore]:
    """Every field either side fills, with its score."""
    want, got = _fields(truth), _fields(found)
    scores = []
    for name, expected in want.items():
        if name not in got and name.startswith("pages."):
            continue  # the found side is a record without pages
        actual = got.get(name)
        if expected in (None, []) and actual in (None, []):
            continue
        if isinstance(expected, list):
            score = f1(expected, actual or [])
        else:
            score = float(comparable(expected) == comparable(actual))
        scores.append(FieldScore(name, expected, actual, score))
    return scores


def field_accuracy(truth: TelegramRecord, found: TelegramRecord) -> float:
    """Mean score over the fields either side fills (1.0 when there are none)."""
    scores = score_fields(truth, found)
    return sum(s.score for s in scores) / len(scores) if scores else 1.0
