"""The benchmark: accuracy and speed of the pipeline against plain Tesseract on the same page images.

A fixed, seeded set of synthetic telegrams is rendered at each degradation level (cached on
disk), then in one run (a) the whole pipeline — preprocessing, OCR, layout, fields, JSON and diff —
over worker processes and (b) ``tesseract IMAGE - -l rus`` page after page, as a user would type it.
Speed is reported as the ratio of the two measured in the same run, since this machine is shared.
"""

from __future__ import annotations

import json
import resource
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from ocr import __version__, batch, metrics, store, tesseract
from ocr.contract import TelegramDocument
from ocr.evaluate import field_accuracy
from ocr.load import open_document
from ocr.normalise import collapse_whitespace
from ocr.pipeline import PageResult, Settings, process_page

LEVELS = ("clean", "moderate", "heavy")


@dataclass(frozen=True)
class Case:
    """One rendered telegram: a folder of page PNGs and its ground truth."""

    level: str
    name: str
    pages_dir: Path
    truth_path: Path

    def truth(self) -> TelegramDocument:
        return store.read_document(self.truth_path)


def _write_case(rendering, case: Case) -> None:
    case.pages_dir.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(rendering.pages, start=1):
        rgb = Image.fromarray(np.ascontiguousarray(page[:, :, ::-1]))
        target = case.pages_dir / f"page-{number:03d}.png"
        temp = target.with_suffix(".part.png")
        rgb.save(temp, dpi=(rendering.dpi, rendering.dpi))
        temp.replace(target)
    store.write_json_atomic(case.truth_path, rendering.truth)


def synth_fingerprint() -> str:
    """A hash of the synthesiser's code and texts: cached renders are reused only while it is unchanged."""
    import hashlib

    import ocr.synth

    folder = Path(ocr.synth.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".txt", ".md")):
        digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def ensure_cases(cache: Path, per_level: int, seed: int, dpi: int, levels=LEVELS) -> list[Case]:
    """The benchmark set, rendered on first use and reused after (the truth file is written last)."""
    from ocr.synth import Level, random_transcript, render

    cases = []
    root = cache / f"synth-{synth_fingerprint()}-{dpi}dpi"
    for level in levels:
        for k in range(per_level):
            name = f"tg-{seed + k:05d}"
            case = Case(level, name, root / level / name, root / level / f"{name}.truth.json")
            if not case.truth_path.exists():
                rendering = render(random_transcript(seed + k), Level(level), seed=seed + k, dpi=dpi, document_id=name)
                _write_case(rendering, case)
            cases.append(case)
    return cases


def _page_paths(case: Case) -> list[Path]:
    return sorted(case.pages_dir.glob("page-*.png"))


@dataclass
class PipelineRun:
    documents: dict[str, TelegramDocument]
    seconds: float
    pages: int


def run_pipeline(cases: list[Case], settings: Settings, workers: int, out_dir: Path) -> PipelineRun:
    """Every page through :func:`process_page` on ``workers`` processes, then each document written with its diff."""
    inputs = {case: open_document(case.pages_dir) for case in cases}
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {case: [pool.submit(process_page, ref, settings) for ref in doc.pages] for case, doc in inputs.items()}
        documents = {}
        for case, doc in inputs.items():
            pages: list[PageResult] = [f.result() for f in futures[case]]
            batch.finish(doc, pages, settings, out_dir / case.level)
            documents[f"{case.level}/{case.name}"] = store.read_document(batch.output_path(out_dir / case.level, doc.document_id))
    return PipelineRun(documents, time.perf_counter() - start, sum(len(d.pages) for d in inputs.values()))


def run_baseline(cases: list[Case], lang: str) -> tuple[dict[str, list[str]], float]:
    """``tesseract IMAGE - -l LANG`` on every page, one after another: texts per case and seconds."""
    texts: dict[str, list[str]] = {}
    start = time.perf_counter()
    for case in cases:
        texts[f"{case.level}/{case.name}"] = [tesseract.run_cli(path, lang) for path in _page_paths(case)]
    return texts, time.perf_counter() - start



def _micro(pairs: list[tuple[str, str]], rate) -> float:
    return metrics.micro_average(rate(collapse_whitespace(ref), collapse_whitespace(hyp)) for ref, hyp in pairs)


@dataclass
class LevelReport:
    level: str
    documents: int
    pages: int
    page_cer_pipeline: float
    page_cer_baseline: float
    page_cer_ratio: float
    body_cer: float
    body_wer: float
    page_wer_pipeline: float
    page_wer_baseline: float
    field_accuracy: float
    seconds_per_page_pipeline: float
    seconds_per_page_baseline: float
    speed_ratio: float  # pages/minute of the pipeline over the baseline's


def level_report(level: str, cases: list[Case], run: PipelineRun, baseline: dict[str, list[str]],
                 seconds: tuple[float, float]) -> LevelReport:
    truths = {f"{c.level}/{c.name}": c.truth() for c in cases}
    found = {key: run.documents[key] for key in truths}
    page_pairs = [(t.text, f.text) for key in truths for t, f in zip(truths[key].pages, found[key].pages)]
    base_pairs = [(t.text, b) for key in truths if key in baseline for t, b in zip(truths[key].pages, baseline[key])]
    body_pairs = [(truths[key].body, found[key].body) for key in truths]
    pages = len(page_pairs)
    page_cer = _micro(page_pairs, metrics.character_error_rate_n)
    base_cer = _micro(base_pairs, metrics.character_error_rate_n) if base_pairs else float("nan")
    return LevelReport(
        level=level, documents=len(truths), pages=pages,
        page_cer_pipeline=page_cer, page_cer_baseline=base_cer, page_cer_ratio=page_cer / base_cer if base_cer else float("nan"),
        body_cer=metrics.micro_average(metrics.character_error_rate_n(r, h) for r, h in body_pairs),
        body_wer=metrics.micro_average(metrics.word_error_rate_n(r, h) for r, h in body_pairs),
        page_wer_pipeline=_micro(page_pairs, metrics.word_error_rate_n),
        page_wer_baseline=_micro(base_pairs, metrics.word_error_rate_n) if base_pairs else float("nan"),
        field_accuracy=sum(field_accuracy(truths[k], found[k]) for k in truths) / len(truths),
        seconds_per_page_pipeline=seconds[0], seconds_per_page_baseline=seconds[1],
        speed_ratio=seconds[1] / seconds[0] if seconds[0] else float("nan"),
    )


@dataclass
class BenchReport:
    version: str
    settings: dict
    levels: list[LevelReport]
    pages_per_minute: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    timestamp: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of the largest child (workers, Tesseract), in MiB."""
    return {
        "main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "largest_child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def run_bench(cache: Path, out_dir: Path, per_level: int, seed: int, dpi: int, workers: int, lang: str = "rus",
              levels=LEVELS, settings: Settings | None = None, compare_workers: bool = True,
              with_baseline: bool = True) -> BenchReport:
    """Render (or reuse) the set, run pipeline and baseline, and score them per level.

    Without the baseline (``with_baseline=False``) its columns are NaN: for accuracy runs on large sets.
    """
    settings = settings or Settings(dpi=dpi)
    cases = ensure_cases(cache, per_level, seed, dpi, levels)
    run = run_pipeline(cases, settings, workers, out_dir / "results")
    baseline, base_seconds = run_baseline(cases, lang) if with_baseline else ({}, float("nan"))
    per_page = (run.seconds / run.pages, base_seconds / run.pages)
    reports = [level_report(level, [c for c in cases if c.level == level], run, baseline, per_page) for level in levels]
    ppm = {f"pipeline_{workers}_workers": 60 * run.pages / run.seconds, "baseline": 60 * run.pages / base_seconds}
    if compare_workers and workers > 1:
        single = run_pipeline(cases, settings, 1, out_dir / "results-1-worker")
        ppm["pipeline_1_worker"] = 60 * single.pages / single.seconds
        ppm["scaling"] = ppm[f"pipeline_{workers}_workers"] / ppm["pipeline_1_worker"]
    report = BenchReport(__version__, settings.params() | {"workers": workers, "per_level": per_level, "seed": seed},
                         reports, ppm, _peak_rss_mb(), stage_seconds(cases, settings),
                         time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    store.write_json_atomic(out_dir / "bench.json", report.as_dict())
    return report


def stage_seconds(cases: list[Case], settings: Settings, per_level: int = 2) -> dict[str, float]:
    """Seconds per page, in this process and one thread, of preprocessing and of Tesseract's page
    reading of the preprocessed image, over the first ``per_level`` cases of each level."""
    from ocr.load import load_page
    from ocr.preprocess import preprocess_page

    chosen = [c for level in LEVELS for c in [c for c in cases if c.level == level][:per_level]]
    refs = [ref for case in chosen for ref in open_document(case.pages_dir).pages]
    prep = recog = 0.0
    for ref in refs:
        image = load_page(ref, settings.dpi).image
        start = time.perf_counter()
        page = preprocess_page(image, settings.preprocess)
        middle = time.perf_counter()
        tesseract.image_to_data(page.image, settings.ocr.lang, psm=settings.ocr.psm)
        prep, recog = prep + middle - start, recog + time.perf_counter() - middle
    n = max(1, len(refs))
    return {"pages": len(refs), "preprocess": prep / n, "recognition": recog / n, "ratio": prep / recog if recog else float("nan")}


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
    return {"pages": count, "seconds": seconds, "pages_per_minute": 60 * count / seconds, "peak_rss_mb": _peak_rss_mb()}


def run_scale_isolated(cache: Path, pages: int, workers: int, dpi: int, seed: int) -> dict:
    """:func:`run_scale` in a fresh interpreter, so its peak memory is its own and not an earlier run's."""
    import subprocess
    import sys

    ensure_cases(cache, SCALE_SET[0], seed, dpi, SCALE_SET[1])  # rendered here, so no child's memory includes rendering
    command = [sys.executable, "-m", "ocr.bench", str(cache), str(pages), str(workers), str(dpi), str(seed)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"scale run of {pages} pages failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


if __name__ == "__main__":
    import sys

    cache_arg, pages_arg, workers_arg, dpi_arg, seed_arg = sys.argv[1:6]
    result = run_scale(Path(cache_arg), int(pages_arg), int(workers_arg), int(dpi_arg), int(seed_arg))
    print(json.dumps(result))


# Real typewritten pages (EHRI dataset): language of each page from the name's language code.
REAL_LANGUAGES = {"EN": "eng", "US": "eng", "DE": "deu", "CZ": "ces", "SK": "slk", "DK": "dan"}


# Pages whose name carries no language code (the dataset's README gives their language).
REAL_PAGE_LANGUAGES = {"EHRI-ET-JMP001_03": "ces"}


def real_language(path: Path) -> str:
    """``EHRI-BF-19380111_DE_01.jpg`` → ``deu``; ``eng`` when neither the name nor REAL_PAGE_LANGUAGES knows it."""
    if path.stem in REAL_PAGE_LANGUAGES:
        return REAL_PAGE_LANGUAGES[path.stem]
    codes = [part for part in path.stem.replace("-", "_").split("_") if part in REAL_LANGUAGES]
    return REAL_LANGUAGES[codes[-1]] if codes else "eng"


def word_recall(reference: str, hypothesis: str) -> float:
    """Share of the reference's words found in the hypothesis, order-free (as a multiset)."""
    from collections import Counter

    want, got = Counter(metrics.words(reference)), Counter(metrics.words(hypothesis))
    total = sum(want.values())
    return sum((want & got).values()) / total if total else 1.0


@dataclass
class RealPage:
    name: str
    lang: str
    cer_pipeline: float
    cer_baseline: float
    recall_pipeline: float
    recall_baseline: float
    characters: int


def plain_text(path: Path, lang: str, cache: Path) -> str:
    """``tesseract IMAGE - -l LANG`` on ``path``, kept in ``cache`` per Tesseract version (it never changes)."""
    target = cache / f"{path.stem}.{lang}.tesseract-{tesseract.version()}.txt"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(tesseract.run_cli(path, lang), encoding="utf-8")
    return target.read_text(encoding="utf-8")


def run_real(folder: Path, settings: Settings, out_dir: Path, workers: int = 2, baseline: bool = True) -> list[RealPage]:
    """Each ``<name>.jpg`` with ``<name>.gt.txt`` beside it: pipeline and plain Tesseract, same language.

    CER is on whitespace-flattened page text (ours in our layout's reading order); word recall is
    order-free. Plain Tesseract's text is cached under ``out_dir / "real-baseline"``; with
    ``baseline=False`` its figures are NaN and it is not run.
    """
    from dataclasses import replace

    images = sorted(p for p in folder.glob("*.jpg") if p.with_suffix(".gt.txt").exists())
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {p: pool.submit(process_page, open_document(p).pages[0],
                                  replace(settings, ocr=replace(settings.ocr, lang=real_language(p)))) for p in images}
        ours = {p: f.result() for p, f in futures.items()}
    rows = []
    for path in images:
        truth = path.with_suffix(".gt.txt").read_text(encoding="utf-8")
        text = "\n".join(line.text for line in ours[path].lines)
        cer, n = metrics.character_error_rate_n(collapse_whitespace(truth), collapse_whitespace(text))
        if baseline:
            plain = plain_text(path, real_language(path), out_dir / "real-baseline")
            base_cer, base_recall = metrics.character_error_rate(collapse_whitespace(truth), collapse_whitespace(plain)), word_recall(truth, plain)
        else:
            base_cer = base_recall = float("nan")
        rows.append(RealPage(path.stem, real_language(path), cer, base_cer, word_recall(truth, text), base_recall, n))
    store.write_json_atomic(out_dir / "real.json", [asdict(r) for r in rows])
    return rows


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
             for t, f in zip(c.truth().pages, run.documents[f"{c.level}/{c.name}"].pages)]
    return _micro(pairs, metrics.character_error_rate_n)


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
