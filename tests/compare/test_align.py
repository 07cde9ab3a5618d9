"""Alignment: optimal on short texts, anchored alignment as good on long ones, and fast."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from ocr.compare import metrics
from ocr.compare.align import Alignment, align_graphemes, align_words
from tests.textgen import perturb


def _generated_text(length: int, seed: int) -> str:
    """Pseudo-Russian prose of ``length`` characters: random words of one to four syllables."""
    rng = random.Random(seed)
    syllables = [c + v for c in "бвгдзклмнпрстфхцчшщ" for v in "аеиоуыэюя"]
    words: list[str] = []
    written = 0
    while written < length:
        words.append("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
        written += len(words[-1]) + 1
    return " ".join(words)[:length]


def _replay(alignment: Alignment) -> list[str]:
    """The hypothesis rebuilt from the reference and the opcodes."""
    out: list[str] = []
    for op in alignment.opcodes:
        source = alignment.reference if op.tag == "equal" else alignment.hypothesis
        start, end = (op.ref_start, op.ref_end) if op.tag == "equal" else (op.hyp_start, op.hyp_end)
        out += source[start:end]
    return out


def _check_consistent(alignment: Alignment) -> None:
    assert _replay(alignment) == list(alignment.hypothesis)
    ref_cursor = hyp_cursor = 0
    for op in alignment.opcodes:
        assert (op.ref_start, op.hyp_start) == (ref_cursor, hyp_cursor)
        if op.tag == "equal":
            assert alignment.reference[op.ref_start:op.ref_end] == alignment.hypothesis[op.hyp_start:op.hyp_end]
        ref_cursor, hyp_cursor = op.ref_end, op.hyp_end
    assert (ref_cursor, hyp_cursor) == (len(alignment.reference), len(alignment.hypothesis))


@pytest.mark.parametrize(
    ("reference", "hypothesis"),
    [
        ("", ""),
        ("", "abc"),
        ("Сталину", ""),
        ("Ким Ир Сен", "Ким Ир Сен"),
        ("Шифртелеграмма", "Шифр телеграма"),
        ("КОПИЙ 👍🏽 ы́", "КОПИ\u0306 👍 ы"),
    ],
)
def test_short_texts_align_at_the_levenshtein_distance(reference: str, hypothesis: str) -> None:
    alignment = align_graphemes(reference, hypothesis)
    _check_consistent(alignment)
    expected = Levenshtein.distance(metrics.graphemes(reference), metrics.graphemes(hypothesis))
    assert alignment.distance == expected
    assert {op.tag for op in alignment.opcodes} <= {"equal", "insert", "delete", "replace"}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_anchored_alignment_keeps_the_levenshtein_distance(seed_dir: Path, seed: int) -> None:
    reference = (seed_dir / "transcript.ru.txt").read_text(encoding="utf-8")
    hypothesis = perturb(reference, 200, seed, replacements="абвгде ,.", insertions="xyz")
    # exact_cells=0 forces anchoring at every level, down to single words.
    anchored = align_graphemes(reference, hypothesis, exact_cells=0)
    _check_consistent(anchored)
    assert anchored.distance == Levenshtein.distance(metrics.graphemes(reference), metrics.graphemes(hypothesis))
    words = align_words(reference, hypothesis, exact_cells=0)
    _check_consistent(words)
    assert words.distance == Levenshtein.distance(metrics.words(reference), metrics.words(hypothesis))


def test_word_view_counts_the_word_errors() -> None:
    alignment = align_words("тов. Сталин ему сказал", "тов Сталин сказал")
    assert alignment.distance == 1
    assert [op.tag for op in alignment.opcodes] == ["equal", "delete", "equal"]


def test_fifty_pages_align_in_seconds() -> None:
    reference = _generated_text(150_000, seed=5)
    hypothesis = perturb(reference, 3_000, seed=5, replacements="абвгде ,.", insertions="xyz")
    started = time.perf_counter()
    alignment = align_graphemes(reference, hypothesis)
    elapsed = time.perf_counter() - started
    _check_consistent(alignment)
    assert elapsed < 10
    true_distance = Levenshtein.distance(alignment.reference, alignment.hypothesis)
    assert alignment.distance <= true_distance * 1.01
