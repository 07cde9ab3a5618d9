"""``telegrams bench --dask``: the ingest flow on a local Dask cluster of worker processes (one thread each)
against the same flow on as many threads, on the same pages, in turns within one run and one Prefect server.

Both start warm: a first pass of one document in each mode (Dask workers import the pipeline on their
first page) is not timed. The outputs of the two modes must be the same JSON.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from distributed import LocalCluster
from prefect import flow

from flows.ingest import ingest_paths
from flows.run import prefect_api, task_runner
from ocr.batch import outcome as batch
from ocr.batch import store
from ocr.bench import throughput
from ocr.bench.cases import ensure_cases
from ocr.settings import Settings

LEVELS = ("clean", "moderate")


@flow(name="bench-ingest", log_prints=False)
def ingest_listed(paths: list[Path], output_dir: Path, settings: Settings) -> list[batch.Outcome]:
    """The ingest flow's body over the given documents, every one redone."""
    return ingest_paths(paths, output_dir, None, settings, force=True)


def _timed(runner, paths: list[Path], output_dir: Path, settings: Settings) -> tuple[int, float]:
    start = time.perf_counter()
    outcomes = ingest_listed.with_options(task_runner=runner)(paths=paths, output_dir=output_dir, settings=settings)
    seconds = time.perf_counter() - start
    failed = [o.document_id for o in outcomes if o.status != "done"]
    if failed:
        raise RuntimeError(f"bench documents failed: {failed}; see {output_dir}")
    return sum(o.pages for o in outcomes), seconds


def _documents(output_dir: Path) -> dict[str, dict]:
    """Each document's JSON without its processing time, the one thing two identical runs differ in."""
    found = {}
    for path in sorted(output_dir.glob("*.json")):
        if not path.name.startswith("batch-") and not path.name.endswith(".diff.json"):
            document = json.loads(path.read_text(encoding="utf-8"))
            document["provenance"].pop("processed_at", None)
            found[path.name] = document
    return found


def run_dask_bench(cache: Path, out_dir: Path, per_level: int, seed: int, dpi: int, workers: int,
                   rounds: int = 2) -> dict:
    """Pages per minute of ``workers`` Dask worker processes against ``workers`` threads; writes ``dask.json``."""
    paths = [case.pages_dir for case in ensure_cases(cache, per_level, seed, dpi, LEVELS)]
    settings = Settings(dpi=dpi)
    timings = []
    with prefect_api(), LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                     dashboard_address=None) as cluster:
        modes = {"threads": lambda: task_runner(workers), "dask": lambda: task_runner(1, cluster.scheduler_address)}
        for mode, runner in modes.items():
            _timed(runner(), paths[:1], out_dir / "dask-warmup" / mode, settings)
        for k in range(rounds):
            for mode in (modes if k % 2 == 0 else reversed(modes)):  # neither always first on a drifting load
                pages, seconds = _timed(modes[mode](), paths, out_dir / "dask-runs" / mode, settings)
                timings.append(throughput.Timing(mode, k + 1, pages, seconds))
    report = throughput.summary(timings, "dask", "threads") | {
        "workers": workers, "documents": len(paths),
        "same_json": _documents(out_dir / "dask-runs" / "dask") == _documents(out_dir / "dask-runs" / "threads")}
    store.write_json_atomic(out_dir / "dask.json", report)
    return report
