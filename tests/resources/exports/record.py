"""Re-record the contract documents the export tests replay: ``python tests/resources/exports/record.py``.

Reads the three sample scans and the benchmark's first two telegrams of each level (seed 1000, 300 dpi)
with the real pipeline and keeps each document as ``<level-or-sample>/<id>.json.gz``.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from ocr.bench.cases import ensure_cases  # noqa: E402
from ocr.document import process_document  # noqa: E402


def keep(document, folder: str) -> None:
    target = HERE / folder / f"{document.document_id}.json.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(gzip.compress(document.model_dump_json().encode("utf-8"), mtime=0))
    print("recorded", target.relative_to(HERE), flush=True)


if __name__ == "__main__":
    for scan in sorted((HERE.parents[2] / "scans").glob("*.pdf")):
        keep(process_document(scan), "scans")
    for case in ensure_cases(HERE.parents[2] / "output" / "bench" / "renders", 2, 1000, 300):
        keep(process_document(case.pages_dir), f"bench-{case.level}")
