"""The ablation: page CER per level (and on real pages) with each preprocessing step off or each binarisation fixed."""

from __future__ import annotations

from pathlib import Path

from ocr.batch import store
from ocr.bench.accuracy import PipelineRun, micro, run_pipeline
from ocr.bench.cases import LEVELS, Case, ensure_cases
from ocr.bench.real import run_real
from ocr.compare import metrics
from ocr.settings import Settings


def ablation_variants(base: Settings) -> dict[str, Settings]:
    """The settings with each preprocessing step switched off in turn (``binarize`` → "none"), each fixed
    binarisation, the message band's re-read off, and all on."""
    from dataclasses import fields, replace

    variants = {"all steps": base}
    for item in fields(base.preprocess):
        value = getattr(base.preprocess, item.name)
        off = "none" if item.name == "binarize" else False
        if value not in (off, None):
            variants[f"no {item.name}"] = replace(base, preprocess=replace(base.preprocess, **{item.name: off}))
    # Each binarisation on its own too: the figures ``auto`` chooses between.
    for method in ("otsu", "sauvola", "masked"):
        if method != base.preprocess.binarize:
            variants[f"binarize {method}"] = replace(base, preprocess=replace(base.preprocess, binarize=method))
    # The re-read of a form page's message band as one block, switched off.
    variants["no body re-read"] = replace(base, ocr=replace(base.ocr, body_psm=None))
    return variants

def _page_cer(cases: list[Case], run: PipelineRun) -> float:
    pairs = [(t.text, f.text) for c in cases
             for t, f in zip(c.truth().pages, run.documents[c.key].pages)]
    return micro(pairs, metrics.character_error_rate_n)

def run_ablation(cache: Path, out_dir: Path, per_level: int, seed: int, dpi: int, workers: int,
                 levels=LEVELS, real_dir: Path | None = None) -> dict:
    """Page CER per level (and on the real pages' CER and word recall, with ``real_dir``) with each step off.

    Written to ``out_dir / "ablation.json"``: ``{variant: {level: page CER, ..., "seconds_per_page": s}}``.
    """
    cases = ensure_cases(cache, per_level, seed, dpi, levels)
    table: dict[str, dict[str, float]] = {}
    for name, settings in ablation_variants(Settings(dpi=dpi)).items():
        run = run_pipeline(cases, settings, workers, out_dir / "ablation" / name.replace(" ", "-"))
        row = {level: _page_cer([c for c in cases if c.level == level], run) for level in levels}
        row["seconds_per_page"] = run.seconds / run.pages
        if real_dir is not None:
            pages = run_real(real_dir, settings, out_dir / "ablation" / name.replace(" ", "-"), workers, baseline=False)
            chars = sum(p.characters for p in pages)
            row["real_cer"] = sum(p.cer_pipeline * p.characters for p in pages) / chars if chars else float("nan")
            row["real_recall"] = sum(p.recall_pipeline * p.characters for p in pages) / chars if chars else float("nan")
        table[name] = row
    store.write_json_atomic(out_dir / "ablation.json", table)
    return table
