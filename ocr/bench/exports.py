"""Time of the exports (ALTO, PAGE, PDF) per page, against the time of reading a page, in this process.

The exports are written again from the benchmark's own results into a scratch folder, one format at
a time; the PDF's time includes loading the page images again. They are compared with two reading
times of the same run: the whole pipeline's seconds per page on one worker (its wall time per page
times the workers), and :func:`ocr.bench.accuracy.stage_seconds` (preprocessing and Tesseract's
first reading alone, one thread: less than the pipeline takes, so that share is an upper bound).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from ocr.batch import store
from ocr.batch.folder import EXPORT_FORMATS, OutputFolder
from ocr.bench.cases import LEVELS, SPLITS, Case, ensure_cases
from ocr.export.write import write_exports
from ocr.load import open_document


def _timed(cases: list[Case], results: Path, scratch: Path) -> tuple[dict[str, float], int]:
    seconds, pages = dict.fromkeys(EXPORT_FORMATS, 0.0), 0
    for case in cases:
        document = OutputFolder(results / case.split / case.level).read_document(case.name)
        scan = open_document(case.pages_dir)
        pages += len(document.pages)
        for fmt in EXPORT_FORMATS:
            start = time.perf_counter()
            write_exports(document, scan, scratch, (fmt,))
            seconds[fmt] += time.perf_counter() - start
    return seconds, pages


def run_exports_bench(cache: Path, out_dir: Path, per_level: int, seed: int, dpi: int, reading: dict[str, float],
                      pipeline_per_page: float, levels=LEVELS, splits: tuple[str, ...] = SPLITS[:1]) -> dict:
    """Seconds per page of each export over the run's documents, and their sum as a share of the
    pipeline's seconds per page on one worker and of ``reading`` (``stage_seconds``); written to
    ``out_dir/exports.json``."""
    cases = ensure_cases(cache, per_level, seed, dpi, levels, splits)
    with tempfile.TemporaryDirectory() as scratch:
        seconds, pages = _timed(cases, out_dir / "results", Path(scratch))
    per_page = {fmt: s / max(pages, 1) for fmt, s in seconds.items()}
    read = reading.get("preprocess", 0.0) + reading.get("recognition", 0.0)
    total = sum(per_page.values())
    result = {"pages": pages, "seconds_per_page": per_page, "total_per_page": total,
              "pipeline_per_page": pipeline_per_page, "share_of_pipeline": total / pipeline_per_page,
              "reading_per_page": read, "share_of_reading": total / read if read else float("nan")}
    store.write_json_atomic(out_dir / "exports.json", result)
    return result
