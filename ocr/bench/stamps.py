"""The stamps benchmark: seeded one-page telegrams each carrying a stamp, at every level, read by the
stamp stage alone (preprocessing, then :func:`ocr.stamps.read.read_stamps`), scored per level and split.

Per level and split: recall (a truth stamp is found when a stamp on its page overlaps its box with
IoU >= MATCH_IOU), stamp text CER (whitespace collapsed; a stamp not found counts as read empty),
incoming numbers exact among the stamps that carry one, recall apart over the stamps whose colour the scan
lost (found by shape alone), and seconds per stamp (the processor's also apart for finding the stamps on their
pages). Each tuning stamp's text, number and date are listed as read beside its truth. A stamp is held out
when its page is (:mod:`ocr.synth.axes`: typewriter face, form, scan profile) or the stamp itself is
(:func:`ocr.synth.stamps.held_out`: the serif face and the oval seal); a run asks for the splits it
scores, and a tuning run never reads a held-out stamp. Speed is also given against Tesseract's own
reading of the same preprocessed pages in the same run.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ocr.batch import store
from ocr.bench.cases import LEVELS, SPLITS, Case, page_paths, synth_fingerprint, write_case
from ocr.compare import metrics
from ocr.compare.normalise import collapse_whitespace
from ocr.contract import Stamp
from ocr.exec import tesseract
from ocr.load import load_page, open_document
from ocr.preprocess import preprocess_page
from ocr.settings import Settings
from ocr.stamps.detect import find_stamps
from ocr.stamps.read import read_stamps
from ocr.synth import stamps as synth_stamps
from ocr.synth.axes import Split, draw_variety

MATCH_IOU = 0.4


def stamp_split(case: Case, stamp: Stamp) -> str:
    """``heldout`` when the stamp's page or the stamp itself is held out, else ``tuning``."""
    return Split.HELDOUT.value if case.split == Split.HELDOUT.value or synth_stamps.held_out(stamp) else Split.TUNING.value


def ensure_stamp_cases(cache: Path, per_level: int, seed: int, dpi: int | None, levels=LEVELS,
                       splits: tuple[str, ...] = (Split.TUNING.value,)) -> list[Case]:
    """One-page telegrams with a stamp pressed on each, rendered on first use and reused after: per level,
    seeds from ``seed`` on until every split asked for has ``per_level`` stamps. A page of the held-out
    split is not even rendered when only tuning is asked for. ``dpi`` None: each page at its profile's."""
    from ocr.synth import Level, RenderOptions, random_transcript, render

    root = cache / f"stamps-{synth_fingerprint()}-{dpi or 'drawn'}dpi"
    cases = []
    for level in levels:
        counts = dict.fromkeys(splits, 0)
        doc_seed = seed
        while min(counts.values()) < per_level and doc_seed < seed + 50 * per_level:
            split = draw_variety(doc_seed).split.value
            name = f"st-{doc_seed:05d}"
            doc_seed += 1
            if split == Split.HELDOUT.value and Split.HELDOUT.value not in splits:
                continue
            case = Case(level, name, root / split / level / name, root / split / level / f"{name}.truth.json", split)
            if not case.truth_path.exists():
                rendering = render(random_transcript(doc_seed - 1, pages=1), Level(level), seed=doc_seed - 1, dpi=dpi,
                                   document_id=name, options=RenderOptions(stamp=True))
                write_case(rendering, case)
            wanted = [stamp_split(case, t) for t in case.truth().stamps if stamp_split(case, t) in splits]
            for stamp_of in wanted:
                counts[stamp_of] += 1
            if wanted:
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
    # [found, of] the stamps whose colour the scan lost (grayscale, bitonal, microfilm, photocopy): those are found by
    # shape alone, and a set of mostly colour scans would hide how that goes
    found_without_colour: list[int]


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
        found_without_colour=[sum(f is not None for t, f in pairs if t.colour is None), sum(t.colour is None for t, _ in pairs)],
    )


@dataclass
class StampReading:
    """One tuning stamp's text, registry number and date as pressed and as read (None where it was not found)."""

    level: str
    document: str
    text: str
    number: str | None
    date: str | None
    text_read: str | None
    number_read: str | None
    date_read: str | None


def readings(case: Case, pairs: list[tuple[Stamp, Stamp | None]]) -> list[StampReading]:
    """The readings of a case's tuning stamps, from its (truth, matched stamp or None) pairs: why a number or date is
    not exact (figures misread, its line lost, parsed wrong) is told from these. A held-out stamp's reading is not
    listed: it is not to be looked at."""
    return [StampReading(case.level, case.name, t.text, t.incoming_number, t.date, f.text if f else None,
                         f.incoming_number if f else None, f.date if f else None)
            for t, f in pairs if stamp_split(case, t) == Split.TUNING.value]


@dataclass
class StampBench:
    scores: list[StampScore]
    seconds_per_stamp: float  # wall clock, reading stamps only
    cpu_seconds_per_stamp: float  # this process's and its Tesseracts' processor time: steadier on a busy machine
    seconds_per_page_tesseract: float  # Tesseract's page reading of the same preprocessed pages
    # Of cpu_seconds_per_stamp, finding the stamps on their pages (the rest is reading them: Tesseract's runs mostly).
    cpu_seconds_per_stamp_finding: float
    tuning_readings: list[StampReading]

    def as_dict(self) -> dict:
        return asdict(self)


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _read_case(case: Case, settings: Settings) -> tuple[list[Stamp], float, float, float, float]:
    """(stamps found, wall and processor seconds reading stamps, of those processor seconds finding them, seconds of
    Tesseract's page reading) of one case."""
    found, seconds, cpu, finding, plain = [], 0.0, 0.0, 0.0, 0.0
    for ref in open_document(case.pages_dir).pages:
        scan = load_page(ref, settings.dpi)
        page = preprocess_page(scan.image, settings.preprocess)
        # Tesseract's reading of the page, timed as the yardstick the stamps' time is set beside.
        start = time.perf_counter()
        tesseract.image_to_data(page.image, settings.ocr.lang, psm=settings.ocr.psm)
        middle, cpu_start = time.perf_counter(), _cpu()
        on_page = find_stamps(page, scan.dpi)
        finding += _cpu() - cpu_start
        found += read_stamps(page, ref.number, scan.dpi, settings.ocr.lang, on_page)
        cpu += _cpu() - cpu_start
        seconds, plain = seconds + time.perf_counter() - middle, plain + middle - start
    return found, seconds, cpu, finding, plain


def run_stamp_bench(cache: Path, out_dir: Path, per_level: int, seed: int, dpi: int | None, levels=LEVELS,
                    splits: tuple[str, ...] = SPLITS) -> StampBench:
    """Render (or reuse) the stamp set, read its stamps, score per level and split; writes stamps.json."""
    settings = Settings(dpi=dpi) if dpi else Settings()
    cases = ensure_stamp_cases(cache, per_level, seed, dpi, levels, splits)
    scores, seconds, cpu, finding, plain, pages, stamps = [], 0.0, 0.0, 0.0, 0.0, 0, 0
    listed: list[StampReading] = []
    for level in levels:
        pairs: dict[str, list] = {split: [] for split in splits}
        extra = 0
        for case in (c for c in cases if c.level == level):
            found, spent, spent_cpu, spent_finding, tess = _read_case(case, settings)
            seconds, cpu, plain, pages = seconds + spent, cpu + spent_cpu, plain + tess, pages + len(page_paths(case))
            finding += spent_finding
            truth = case.truth().stamps
            matched = [match(t, found) for t in truth]
            extra += len(found) - sum(m is not None for m in matched)
            stamps += max(len(found), len(truth))
            for t, m in zip(truth, matched):
                if stamp_split(case, t) in pairs:
                    pairs[stamp_split(case, t)].append((t, m))
            listed += readings(case, list(zip(truth, matched)))
        scores += [score(level, split, split_pairs, extra) for split, split_pairs in pairs.items()]
    report = StampBench(scores, seconds / max(stamps, 1), cpu / max(stamps, 1), plain / max(pages, 1),
                        finding / max(stamps, 1), listed)
    store.write_json_atomic(out_dir / "stamps.json", report.as_dict())
    return report
