"""Real typewritten pages (the EHRI dataset) against plain Tesseract with the same language, page by page."""

from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from ocr.batch import store
from ocr.compare import metrics
from ocr.compare.normalise import collapse_whitespace
from ocr.exec import tesseract
from ocr.load import open_document
from ocr.page import process_page
from ocr.settings import Settings

log = logging.getLogger(__name__)

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
    failed: bool = False  # the pipeline failed on the page: scored as read as nothing

def plain_text(path: Path, lang: str, cache: Path) -> str:
    """``tesseract IMAGE - -l LANG`` on ``path``, kept in ``cache`` per Tesseract version (it never changes)."""
    target = cache / f"{path.stem}.{lang}.tesseract-{tesseract.version()}.txt"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(tesseract.run_cli(path, lang), encoding="utf-8")
    return target.read_text(encoding="utf-8")

def _text(path: Path, future) -> str | None:
    """The page's text as the pipeline read it; None where it failed (logged: the bench goes on, as a batch does)."""
    try:
        return "\n".join(line.text for line in future.result().lines)
    except Exception as exc:  # scored as read as nothing
        log.error("%s: the pipeline failed on the page: %s", path.name, exc)
        return None


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
        ours = {p: _text(p, f) for p, f in futures.items()}
    rows = []
    for path in images:
        truth = path.with_suffix(".gt.txt").read_text(encoding="utf-8")
        text = ours[path] or ""
        cer, n = metrics.character_error_rate_n(collapse_whitespace(truth), collapse_whitespace(text))
        if baseline:
            plain = plain_text(path, real_language(path), out_dir / "real-baseline")
            base_cer, base_recall = metrics.character_error_rate(collapse_whitespace(truth), collapse_whitespace(plain)), word_recall(truth, plain)
        else:
            base_cer = base_recall = float("nan")
        rows.append(RealPage(path.stem, real_language(path), cer, base_cer, word_recall(truth, text), base_recall, n,
                             failed=ours[path] is None))
    store.write_json_atomic(out_dir / "real.json", [asdict(r) for r in rows])
    return rows
