"""Accuracy and speed per split and level: the whole pipeline over worker processes against plain
``tesseract IMAGE - -l rus`` on the same page images, as a user would type it. The held-out split's
figures are the ones to report; the tuning split's are the ones to tune on.

Speed is reported as the ratio of the two measured in the same run, since this machine is shared.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ocr import __version__
from ocr.batch import outcome as batch
from ocr.batch import store
from ocr.batch.folder import OutputFolder
from ocr.bench import corrections
from ocr.bench.cases import LEVELS, SPLITS, Case, ensure_cases, page_paths, variety_of
from ocr.bench.scale import peak_rss_mb
from ocr.compare import metrics
from ocr.compare.normalise import collapse_whitespace
from ocr.compare.scoring import PAGE_FIELDS, FieldScore, f1, field_accuracy, score_fields
from ocr.contract import Footer, Header, Signature, TelegramDocument
from ocr.errors import TelegramsError
from ocr.exec import tesseract
from ocr.load import open_document
from ocr.page import PageResult, process_page
from ocr.settings import Settings


@dataclass
class PipelineRun:
    documents: dict[str, TelegramDocument]
    seconds: float
    pages: int
    raw_bodies: dict[str, tuple[str, float]] = field(default_factory=dict)  # body without correction, seconds correcting
    failed: list[str] = field(default_factory=list)  # keys of the documents the pipeline could not read

def run_pipeline(cases: list[Case], settings: Settings, workers: int, out_dir: Path) -> PipelineRun:
    """Every page through :func:`process_page` on ``workers`` processes, then each document written with its diff."""
    inputs = {case: open_document(case.pages_dir) for case in cases}
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {case: [pool.submit(process_page, ref, settings) for ref in doc.pages] for case, doc in inputs.items()}
        documents, read, failed = {}, {}, []
        for case, doc in inputs.items():
            folder = out_dir / case.split / case.level
            try:
                pages: list[PageResult] = [f.result() for f in futures[case]]
            except Exception as exc:  # scored as read as nothing; the bench goes on, as a batch does
                batch.record_failure(folder, case.pages_dir, doc.document_id, "page", exc)
                failed.append(case.key)
                continue
            batch.finish(doc, pages, settings, folder)
            documents[case.key] = OutputFolder(folder).read_document(doc.document_id)
            read[case.key] = (doc, pages)
    seconds = time.perf_counter() - start
    raw = {key: corrections.raw_body(doc, pages, settings) for key, (doc, pages) in read.items()}
    return PipelineRun(documents, seconds, sum(len(d.pages) for d in inputs.values()), raw, failed)
def nothing_read(truth: TelegramDocument) -> TelegramDocument:
    """How a document the pipeline failed on scores: every page read as nothing, no field found."""
    blank = dict.fromkeys(PAGE_FIELDS) | {"text": "", "regions": []}
    pages = [page.model_copy(update=blank) for page in truth.pages]
    return truth.model_copy(update={"doc_type": "other", "header": Header(), "distribution": [], "body": "",
                                    "signature": Signature(), "footer": Footer(), "stamps": [], "pages": pages})

def run_baseline(cases: list[Case], lang: str) -> tuple[dict[str, list[str]], float]:
    """``tesseract IMAGE - -l LANG`` on every page, one after another: texts per case and seconds."""
    texts: dict[str, list[str]] = {}
    start = time.perf_counter()
    for case in cases:
        texts[case.key] = [_read_plain(path, lang) for path in page_paths(case)]
    return texts, time.perf_counter() - start

def _read_plain(path: Path, lang: str) -> str:
    try:
        return tesseract.run_cli(path, lang)
    except TelegramsError:  # plain Tesseract failing on a page reads it as nothing
        return ""


def micro(pairs: list[tuple[str, str]], rate) -> float:
    return metrics.micro_average(rate(collapse_whitespace(ref), collapse_whitespace(hyp)) for ref, hyp in pairs)

@dataclass
class LevelReport:
    level: str
    split: str
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
    distribution_f1: float
    body_cer_uncorrected: float
    body_wer_uncorrected: float
    corrections: dict  # what correction did (ocr.bench.corrections): words fixed, made wrong, seconds
    seconds_per_page_pipeline: float
    seconds_per_page_baseline: float
    speed_ratio: float  # pages/minute of the pipeline over the baseline's
    failed_documents: int = 0  # documents the pipeline failed on, scored as read as nothing
    fields: dict[str, float] = field(default_factory=dict)  # each field's mean score over the documents scoring it
    parts_found: dict[str, list[int]] = field(default_factory=dict)  # see parts_found()
    by_axis: dict[str, dict[str, list[float]]] = field(default_factory=dict)  # see axis_breakdown()

def _distribution_f1(truth: TelegramDocument, found: TelegramDocument) -> float:
    pairs = [(d.copy, d.recipient) for d in truth.distribution], [(d.copy, d.recipient) for d in found.distribution]
    return f1(*pairs)


def parts_found(truths: dict[str, TelegramDocument], found: dict[str, TelegramDocument]) -> dict[str, list[int]]:
    """[found, of] for the signature and the footer, over the documents whose truth has one and over those of
    several pages among them (the issue asks that a multi-page document always finds both): found means any
    of its values read, right or wrong."""
    counts: dict[str, list[int]] = {}
    for key, truth in truths.items():
        for part in ("signature", "footer"):
            if not any(getattr(truth, part).model_dump().values()):
                continue
            has = any(getattr(found[key], part).model_dump().values())
            for name in (part, f"{part}_multi_page") if len(truth.pages) > 1 else (part,):
                tally = counts.setdefault(name, [0, 0])
                tally[0] += has
                tally[1] += 1
    return counts


def field_breakdown(scores: list[list[FieldScore]]) -> dict[str, float]:
    """Each field's mean score over the documents that score it, worst first: where the misses are."""
    per_field: dict[str, list[float]] = {}
    for document in scores:
        for score in document:
            per_field.setdefault(score.field, []).append(score.score)
    means = {name: sum(values) / len(values) for name, values in per_field.items()}
    return dict(sorted(means.items(), key=lambda item: (item[1], item[0])))


def axis_breakdown(varieties: dict[str, dict[str, str]], accuracy: dict[str, float]) -> dict[str, dict[str, list[float]]]:
    """Field accuracy per axis value: ``{axis: {value: [mean, documents]}}``. Within the tuning split the weakest
    values are the best stand-in for material never seen (a face, a form printing, a scan profile), so a change
    can be checked for how it carries over before it is kept."""
    groups: dict[str, dict[str, list[float]]] = {}
    for key, variety in varieties.items():
        for axis, value in variety.items():
            groups.setdefault(axis, {}).setdefault(value, []).append(accuracy[key])
    return {axis: {value: [sum(xs) / len(xs), len(xs)] for value, xs in sorted(values.items())}
            for axis, values in groups.items()}


def level_report(level: str, split: str, cases: list[Case], run: PipelineRun, baseline: dict[str, list[str]],
                 seconds: tuple[float, float]) -> LevelReport:
    truths = {c.key: c.truth() for c in cases}
    found = {key: run.documents.get(key) or nothing_read(truths[key]) for key in truths}
    page_pairs = [(t.text, f.text) for key in truths for t, f in zip(truths[key].pages, found[key].pages)]
    base_pairs = [(t.text, b) for key in truths if key in baseline for t, b in zip(truths[key].pages, baseline[key])]
    body_pairs = [(truths[key].body, found[key].body) for key in truths]
    raw = {key: run.raw_bodies.get(key, ("", 0.0)) for key in truths}  # a failed document read nothing
    raw_pairs = [(truths[key].body, raw[key][0]) for key in truths]
    tallies = [corrections.tally(truths[k].body, raw[k][0], found[k].body, len(found[k].corrections),
                                 len(found[k].pages), raw[k][1]) for k in truths]
    pages = len(page_pairs)
    scores = {k: score_fields(truths[k], found[k]) for k in truths}
    accuracy = {k: field_accuracy(scores[k]) or 1.0 for k in truths}
    page_cer = micro(page_pairs, metrics.character_error_rate_n)
    base_cer = micro(base_pairs, metrics.character_error_rate_n) if base_pairs else float("nan")
    return LevelReport(
        level=level, split=split, documents=len(truths), pages=pages,
        page_cer_pipeline=page_cer, page_cer_baseline=base_cer, page_cer_ratio=page_cer / base_cer if base_cer else float("nan"),
        body_cer=metrics.micro_average(metrics.character_error_rate_n(r, h) for r, h in body_pairs),
        body_wer=metrics.micro_average(metrics.word_error_rate_n(r, h) for r, h in body_pairs),
        page_wer_pipeline=micro(page_pairs, metrics.word_error_rate_n),
        page_wer_baseline=micro(base_pairs, metrics.word_error_rate_n) if base_pairs else float("nan"),
        field_accuracy=sum(accuracy.values()) / len(truths),
        distribution_f1=sum(_distribution_f1(truths[k], found[k]) for k in truths) / len(truths),
        body_cer_uncorrected=metrics.micro_average(metrics.character_error_rate_n(r, h) for r, h in raw_pairs),
        body_wer_uncorrected=metrics.micro_average(metrics.word_error_rate_n(r, h) for r, h in raw_pairs),
        corrections=sum(tallies, corrections.CorrectionTally()).as_dict(),
        seconds_per_page_pipeline=seconds[0], seconds_per_page_baseline=seconds[1],
        speed_ratio=seconds[1] / seconds[0] if seconds[0] else float("nan"),
        failed_documents=sum(key in run.failed for key in truths),
        fields=field_breakdown(list(scores.values())),
        parts_found=parts_found(truths, found),
        by_axis=axis_breakdown({k: variety_of(t) for k, t in truths.items()}, accuracy),
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

def run_bench(cache: Path, out_dir: Path, per_level: int, seed: int, dpi: int | None, workers: int, lang: str = "rus",
              levels=LEVELS, settings: Settings | None = None, compare_workers: bool = True,
              with_baseline: bool = True, splits: tuple[str, ...] = SPLITS) -> BenchReport:
    """Render (or reuse) the set, run pipeline and baseline, and score them per split and level.

    Without the baseline (``with_baseline=False``) its columns are NaN: for accuracy runs on large sets.
    ``dpi`` None: each document at the resolution its scan profile draws.
    """
    settings = settings or Settings(dpi=dpi or 300)
    cases = ensure_cases(cache, per_level, seed, dpi, levels, splits)
    run = run_pipeline(cases, settings, workers, out_dir / "results")
    baseline, base_seconds = run_baseline(cases, lang) if with_baseline else ({}, float("nan"))
    per_page = (run.seconds / run.pages, base_seconds / run.pages)
    reports = [level_report(level, split, [c for c in cases if c.level == level and c.split == split], run, baseline, per_page)
               for level in levels for split in splits]
    ppm = {f"pipeline_{workers}_workers": 60 * run.pages / run.seconds, "baseline": 60 * run.pages / base_seconds}
    if compare_workers and workers > 1:
        single = run_pipeline(cases, settings, 1, out_dir / "results-1-worker")
        ppm["pipeline_1_worker"] = 60 * single.pages / single.seconds
        ppm["scaling"] = ppm[f"pipeline_{workers}_workers"] / ppm["pipeline_1_worker"]
    report = BenchReport(__version__, settings.params() | {"workers": workers, "per_level": per_level, "seed": seed,
                                                           "render_dpi": dpi or "drawn", "splits": list(splits)},
                         reports, ppm, peak_rss_mb(), stage_seconds(cases, settings),
                         time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    store.write_json_atomic(out_dir / "bench.json", report.as_dict())
    return report

def stage_seconds(cases: list[Case], settings: Settings, per_level: int = 2) -> dict[str, float]:
    """Seconds per page, in this process and one thread, of preprocessing and of Tesseract's page
    reading of the preprocessed image, over the first ``per_level`` tuning cases of each level."""
    from ocr.load import load_page
    from ocr.preprocess import preprocess_page

    chosen = [c for level in LEVELS for c in [c for c in cases if c.level == level and c.split == SPLITS[0]][:per_level]]
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
