"""The stamps benchmark: seeded one-page telegrams each carrying a stamp, at every level, read by the
stamp stage alone (preprocessing, then :func:`ocr.stamps.read.read_stamps`), scored per level and split.

Per level and split: recall (a truth stamp is found when a stamp on its page overlaps its box with
IoU >= MATCH_IOU), stamp text CER (whitespace collapsed; a stamp not found counts as read empty),
incoming numbers exact among the stamps that carry one, and seconds per stamp. The held-out split
(:func:`ocr.synth.stamps.held_out`: the serif face and the oval seal) is never looked at while tuning.
Speed is also given against Tesseract's own reading of the same preprocessed pages in the same run.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ocr.batch import store
from ocr.bench.cases import LEVELS, Case, page_paths, synth_fingerprint, write_case
from ocr.compare import metrics
from ocr.compare.normalise import collapse_whitespace
from ocr.contract import Stamp
from ocr.exec import tesseract
from ocr.load import load_page, open_document
from ocr.preprocess import preprocess_page
from ocr.settings import Settings
from ocr.stamps.read import read_stamps
from ocr.synth import stamps as synth_stamps

MATCH_IOU = 0.4


def ensure_stamp_cases(cache: Path, per_level: int, seed: int, dpi: int, levels=LEVELS) -> list[Case]:
    """One-page telegrams with a stamp pressed on each, rendered on first use and reused after."""
    from ocr.synth import Level, RenderOptions, random_transcript, render

    root = cache / f"stamps-{synth_fingerprint()}-{dpi}dpi"
    cases = []
    for level in levels:
        for k in range(per_level):
            name = f"st-{seed + k:05d}"
            case = Case(level, name, root / level / name, root / level / f"{name}.truth.json")
            if not case.truth_path.exists():
                rendering = render(random_transcript(seed + k, pages=1), Level(level), seed=seed + k, dpi=dpi,
                                   document_id=name, options=RenderOptions(stamp=True))
                write_case(rendering, case)
            cases.append(case)
    return cases


def iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """Intersection over union of two [x, y, w, h] boxes."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    inter = max(0, w) * max(0, h)
    return inter / (a[2] * a[3] + b[2] * b[3] - inter) if inter else 0.0


def match(truth: Stamp, found: list[Stamp]) -> Stamp | None:
    """The found stamp on the truth's page that overlaps it most, if by at least MATCH_IOU."""
    candidates = [(iou(truth.bbox, s.bbox), k) for k, s in enumerate(found) if s.page == truth.page]
    best = max(candidates, default=(0.0, -1))
    return found[best[1]] if best[0] >= MATCH_IOU else None


@dataclass
class StampScore:
    level: str
    split: str
    stamps: int
    found: int
    recall: float
    cer: float
    numbers: int
    numbers_exact: float
    dates_exact: float
    false_positives: int


def score(level: str, split: str, pairs: list[tuple[Stamp, Stamp | None]], extra: int) -> StampScore:
    """Figures of one level and split from (truth, matched stamp or None) pairs."""
    texts = [(collapse_whitespace(t.text), collapse_whitespace(f.text) if f else "") for t, f in pairs]
    numbered = [(t, f) for t, f in pairs if t.incoming_number]
    dated = [(t, f) for t, f in pairs if t.date]
    return StampScore(
        level=level, split=split, stamps=len(pairs), found=sum(f is not None for _, f in pairs),
        recall=sum(f is not None for _, f in pairs) / len(pairs) if pairs else float("nan"),
        cer=metrics.micro_average(metrics.character_error_rate_n(r, h) for r, h in texts),
        numbers=len(numbered),
        numbers_exact=sum(bool(f and f.incoming_number == t.incoming_number) for t, f in numbered) / len(numbered)
        if numbered else float("nan"),
        dates_exact=sum(bool(f and f.date == t.date) for t, f in dated) / len(dated) if dated else float("nan"),
        false_positives=extra,
    )


@dataclass
class StampBench:
    scores: list[StampScore]
    seconds_per_stamp: float
    seconds_per_page_tesseract: float  # Tesseract's page reading of the same preprocessed pages

    def as_dict(self) -> dict:
        return asdict(self)


def _read_case(case: Case, settings: Settings) -> tuple[list[Stamp], float, float]:
    """(stamps found, seconds reading stamps, seconds of Tesseract's page reading) of one case."""
    found, seconds, plain = [], 0.0, 0.0
    for ref in open_document(case.pages_dir).pages:
        page = preprocess_page(load_page(ref, settings.dpi).image, settings.preprocess)
        start = time.perf_counter()
        found += read_stamps(page, ref.number, settings.dpi, settings.ocr.lang)
        middle = time.perf_counter()
        tesseract.image_to_data(page.image, settings.ocr.lang, psm=settings.ocr.psm)
        seconds, plain = seconds + middle - start, plain + time.perf_counter() - middle
    return found, seconds, plain


def run_stamp_bench(cache: Path, out_dir: Path, per_level: int, seed: int, dpi: int, levels=LEVELS) -> StampBench:
    """Render (or reuse) the stamp set, read its stamps, score per level and split; writes stamps.json."""
    settings = Settings(dpi=dpi)
    cases = ensure_stamp_cases(cache, per_level, seed, dpi, levels)
    scores, seconds, plain, pages, stamps = [], 0.0, 0.0, 0, 0
    for level in levels:
        pairs: dict[str, list] = {"tuning": [], "held-out": []}
        extra = 0
        for case in (c for c in cases if c.level == level):
            found, spent, tess = _read_case(case, settings)
            seconds, plain, pages = seconds + spent, plain + tess, pages + len(page_paths(case))
            truth = case.truth().stamps
            matched = [match(t, found) for t in truth]
            extra += len(found) - sum(m is not None for m in matched)
            stamps += max(len(found), len(truth))
            for t, m in zip(truth, matched):
                pairs["held-out" if synth_stamps.held_out(t) else "tuning"].append((t, m))
        scores += [score(level, split, split_pairs, extra) for split, split_pairs in pairs.items()]
    report = StampBench(scores, seconds / max(stamps, 1), plain / max(pages, 1))
    store.write_json_atomic(out_dir / "stamps.json", report.as_dict())
    return report
