"""Time and peak memory for growing batches, each in a fresh interpreter."""

from __future__ import annotations

import json
import resource
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ocr.bench.cases import ensure_cases
from ocr.load import open_document
from ocr.page import process_page
from ocr.settings import Settings


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of the largest child (workers, Tesseract), in MiB."""
    return {
        "main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "largest_child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }

SCALE_SET = (4, ("clean", "moderate"))  # telegrams per level, levels: the pages a scale run cycles through

def run_scale(cache: Path, pages: int, workers: int, dpi: int, seed: int) -> dict:
    """``pages`` pages (the benchmark set's, cycled) through the pipeline: seconds and peak memory."""
    cases = ensure_cases(cache, SCALE_SET[0], seed, dpi, SCALE_SET[1])
    by_level = [[ref for case in cases if case.level == level for ref in open_document(case.pages_dir).pages]
                for level in SCALE_SET[1]]
    # Levels interleaved, so a short run holds the same mix of pages as a long one.
    refs = [ref for group in zip(*by_level) for ref in group]
    chosen = [refs[k % len(refs)] for k in range(pages)]
    start = time.perf_counter()
    count = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # A bounded window of pages in flight, consumed as they finish: memory must not grow with the batch.
        window: deque = deque()
        for ref in chosen:
            window.append(pool.submit(process_page, ref, Settings(dpi=dpi)))
            if len(window) >= 4 * workers:
                window.popleft().result()
                count += 1
        while window:
            window.popleft().result()
            count += 1
    seconds = time.perf_counter() - start
    return {"pages": count, "seconds": seconds, "pages_per_minute": 60 * count / seconds, "peak_rss_mb": peak_rss_mb()}

def run_scale_isolated(cache: Path, pages: int, workers: int, dpi: int, seed: int) -> dict:
    """:func:`run_scale` in a fresh interpreter, so its peak memory is its own and not an earlier run's."""
    import subprocess
    import sys

    ensure_cases(cache, SCALE_SET[0], seed, dpi, SCALE_SET[1])  # rendered here, so no child's memory includes rendering
    command = [sys.executable, "-m", "ocr.bench.scale", str(cache), str(pages), str(workers), str(dpi), str(seed)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"scale run of {pages} pages failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)

if __name__ == "__main__":
    import sys

    cache_arg, pages_arg, workers_arg, dpi_arg, seed_arg = sys.argv[1:6]
    result = run_scale(Path(cache_arg), int(pages_arg), int(workers_arg), int(dpi_arg), int(seed_arg))
    print(json.dumps(result))
