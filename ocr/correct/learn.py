"""Rebuild the confusion table from the tuning renders: ``python -m ocr.correct.learn``.

The synthesiser's tuning renders are read by the pipeline (without correction) and each page's
reading is aligned with its ground truth; the character confusions counted there are written as a
versioned data file (:mod:`ocr.correct.confusions`). Readings are cached per render, so a rebuild
after a change to the counting does not read the pages again.
"""

from __future__ import annotations

import argparse
import logging
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ocr import layout
from ocr.batch import store
from ocr.bench.cases import LEVELS, Case, ensure_cases, synth_fingerprint
from ocr.correct import confusions
from ocr.load import open_document
from ocr.page import PageResult, process_page
from ocr.settings import Settings
from ocr.synth.axes import Split

log = logging.getLogger(__name__)


def _read_case(case: Case, settings: Settings) -> list[PageResult]:
    return [process_page(ref, settings) for ref in open_document(case.pages_dir).pages]


def read_cases(cases: list[Case], settings: Settings, workers: int, cache: Path) -> dict[Case, list[PageResult]]:
    """The pipeline's raw page results of every case (correction runs later, on the document), read on
    ``workers`` processes and kept in ``cache`` (a local cache of this machine's readings: pickles)."""
    key = settings.fingerprint()
    # The render's folder names the synthesiser's version: a changed synthesiser's renders are read anew.
    targets = {case: cache / f"{case.pages_dir.parents[2].name}-{case.split}-{case.level}-{case.name}-{key}.pickle"
               for case in cases}
    todo = [case for case, path in targets.items() if not path.exists()]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for case, pages in zip(todo, pool.map(_read_case, todo, [settings] * len(todo)), strict=True):
            store.write_bytes_atomic(targets[case], pickle.dumps(pages))
            log.info("read %s/%s", case.level, case.name)
    return {case: pickle.loads(path.read_bytes()) for case, path in targets.items()}


def page_pairs(read: dict[Case, list[PageResult]]) -> list[tuple[str, str]]:
    """``(truth, reading)`` page texts of every case."""
    return [(truth.text, layout.page_text(found.lines))
            for case, pages in read.items() for truth, found in zip(case.truth().pages, pages, strict=False)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-level", type=int, default=8, help="tuning telegrams per degradation level and range")
    parser.add_argument("--seed", type=int, nargs="+", default=[1000, 7000],
                        help="first seed of each range of tuning renders")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("output/learn"), help="renders and readings")
    parser.add_argument("--out", type=Path, default=confusions.DEFAULT_TABLE)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # The tuning split only: held-out renders are never looked at while tuning.
    cases = [case for seed in args.seed
             for case in ensure_cases(args.cache / "renders", args.per_level, seed, None, LEVELS, splits=(Split.TUNING.value,))]
    pairs = page_pairs(read_cases(cases, Settings(correct=False), args.workers, args.cache / "readings"))
    source = {"split": Split.TUNING.value, "seed": args.seed, "per_level": args.per_level, "levels": list(LEVELS),
              "pages": len(pairs), "synthesiser": synth_fingerprint()}
    table = confusions.learn(pairs, source=source)
    store.write_json_atomic(args.out, table.as_dict())
    log.info("%d confusions from %d pages written to %s", len(table.entries), len(pairs), args.out)


if __name__ == "__main__":
    main()
