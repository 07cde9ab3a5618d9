"""The recorded pipeline outputs the export tests replay (``tests/resources/exports``, see its README)."""

from __future__ import annotations

import gzip
from pathlib import Path

from ocr.contract import TelegramDocument
from tests.conftest import ROOT

RESOURCES = ROOT / "tests" / "resources" / "exports"
DOCUMENTS = sorted(RESOURCES.glob("*/*.json.gz"))
SAMPLES = [p for p in DOCUMENTS if p.parent.name == "scans"]


def document_id(path: Path) -> str:
    """``scans/<stem>``: a recorded document's test id."""
    return f"{path.parent.name}/{path.name.removesuffix('.json.gz')}"


def document(path: Path) -> TelegramDocument:
    return TelegramDocument.model_validate_json(gzip.decompress(path.read_bytes()))
