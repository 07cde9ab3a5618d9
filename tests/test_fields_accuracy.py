"""Field accuracy and body CER on clean synthetic telegrams, through the real pipeline and Tesseract.

A small seeded subset of what the benchmark measures (``ocr.bench``): four one-page clean telegrams of
the tuning split, each with its own typewriter, form printing, origin, grid, recipients, signature,
footer and scan profile (a colour scan of a light worn ribbon on the leader-dot form, a grayscale and a
photocopied carbon on the ruled form, a bitonal ribbon under a scrawl). Measured on them: field accuracy
0.99 and body CER 0.011 (micro-averaged; 0.033 on the photocopy, 0.0 to 0.007 on the others); the bounds
below keep that with a small tolerance (the issue's body CER target, 0.01, is just missed here).
"""

from __future__ import annotations

import pytest

from ocr.compare import metrics
from ocr.compare.scoring import field_accuracy, score_fields
from ocr.document import process_document
from ocr.synth import Level, random_transcript, render, write_rendering
from ocr.synth.axes import Split, seeds_of_split

# Tuning-split documents apart from the benchmark's seeds (1000 on): the held-out split is never looked at.
SEEDS = tuple(seeds_of_split(Split.TUNING, 4, 2001))


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("accuracy")
    out = []
    for seed in SEEDS:
        rendering = render(random_transcript(seed, pages=1), Level.CLEAN, seed=seed, dpi=300, document_id=f"tg-{seed}")
        write_rendering(rendering, folder, f"tg-{seed}", formats=("png",))
        out.append((rendering.truth, process_document(folder / f"tg-{seed}.png")))
    return out


@pytest.mark.slow
def test_clean_field_accuracy(results):
    misses = [(s.field, s.expected, s.found) for truth, found in results for s in score_fields(truth, found) if s.score < 1]
    accuracy = sum(field_accuracy(score_fields(truth, found)) for truth, found in results) / len(results)
    assert accuracy >= 0.96, misses


@pytest.mark.slow
def test_clean_body_cer(results):
    cer = metrics.micro_average(metrics.character_error_rate_n(truth.body, found.body) for truth, found in results)
    assert cer <= 0.015
