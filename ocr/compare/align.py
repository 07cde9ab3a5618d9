"""Alignment of an OCR text (hypothesis) with its transcription (reference), for long documents.

The result is a list of opcodes (``equal`` / ``insert`` / ``delete`` / ``replace``) over grapheme
clusters or over words, tokenised exactly as :mod:`ocr.compare.metrics` tokenises for CER and WER.

Short pairs are aligned in one Levenshtein pass (rapidfuzz), so their alignment has exactly the
edit distance of :mod:`ocr.compare.metrics`. Long pairs are first cut at anchors — words occurring exactly
once in each text, kept in the same order on both sides (the patience-diff idea: a longest
increasing subsequence, O(n log n)) — and each gap between anchors is aligned the same way,
recursively; so the cost grows with the size of the gaps, not with the product of the lengths.
The anchored alignment is optimal unless an anchor is a coincidence, which a word unique in both
texts and in order rarely is.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

from ocr.compare.metrics import graphemes, words

__all__ = [
    "Alignment", "Opcode", "align_graphemes", "align_sequences", "align_words", "token_spans", "word_spans",
]

Tag = Literal["equal", "insert", "delete", "replace"]
Span = tuple[int, int]
"""``[start, end)`` token indices."""

# Pairs with at most this many cells in the Levenshtein matrix (about two 3,000-grapheme pages)
# are aligned in one pass: rapidfuzz does that in milliseconds and the result is optimal.
EXACT_CELLS = 10_000_000


@dataclass(frozen=True)
class Opcode:
    """``reference[ref_start:ref_end]`` becomes ``hypothesis[hyp_start:hyp_end]`` (token indices).

    ``replace`` spans have equal lengths; ``insert`` has an empty reference span, ``delete`` an
    empty hypothesis span.
    """

    tag: Tag
    ref_start: int
    ref_end: int
    hyp_start: int
    hyp_end: int

    @property
    def cost(self) -> int:
        """Edit operations this opcode stands for (0 for ``equal``)."""
        if self.tag == "equal":
            return 0
        return max(self.ref_end - self.ref_start, self.hyp_end - self.hyp_start)


@dataclass(frozen=True)
class Alignment:
    """Two token sequences and the opcodes turning the first into the second."""

    reference: tuple[str, ...]
    hypothesis: tuple[str, ...]
    opcodes: tuple[Opcode, ...]

    @property
    def distance(self) -> int:
        """Edit distance in tokens along this alignment."""
        return sum(op.cost for op in self.opcodes)


def _exact_opcodes(ref: Sequence[str], hyp: Sequence[str], ref_offset: int, hyp_offset: int) -> list[Opcode]:
    """One optimal Levenshtein alignment of ``ref`` and ``hyp``, indices shifted by the offsets."""
    return [
        Opcode(op.tag, op.src_start + ref_offset, op.src_end + ref_offset,
               op.dest_start + hyp_offset, op.dest_end + hyp_offset)
        for op in Levenshtein.opcodes(ref, hyp)
    ]


def _longest_increasing_run(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by first item) increasing in the second."""
    tails: list[int] = []  # tails[k]: smallest second item ending an increasing run of length k+1
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (_, second) in enumerate(pairs):
        k = bisect.bisect_left(tails, second)
        if k == len(tails):
            tails.append(second)
            tail_index.append(index)
        else:
            tails[k], tail_index[k] = second, index
        previous.append(tail_index[k - 1] if k else -1)
    run, index = [], tail_index[-1] if tail_index else -1
    while index != -1:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]


def _anchors(
    ref: Sequence[str], hyp: Sequence[str], ref_units: list[Span], hyp_units: list[Span]
) -> list[tuple[Span, Span]]:
    """Units with the same text occurring exactly once on each side, in the same order on both."""

    def unique(tokens: Sequence[str], units: list[Span]) -> dict[tuple[str, ...], Span]:
        keys = [tuple(tokens[start:end]) for start, end in units]
        counts = Counter(keys)
        return {key: unit for key, unit in zip(keys, units, strict=True) if counts[key] == 1}

    ref_unique, hyp_unique = unique(ref, ref_units), unique(hyp, hyp_units)
    common = sorted((ref_unique[key], hyp_unique[key]) for key in ref_unique.keys() & hyp_unique.keys())
    return _longest_increasing_run(common)


def _within(units: list[Span], start: int, end: int) -> list[Span]:
    lo = bisect.bisect_left(units, (start, start))
    hi = bisect.bisect_right(units, (end, end))
    return [unit for unit in units[lo:hi] if unit[1] <= end]


def _align_range(
    ref: Sequence[str], hyp: Sequence[str], ref_units: list[Span], hyp_units: list[Span],
    ref_span: Span, hyp_span: Span, exact_cells: int,
) -> list[Opcode]:
    (r0, r1), (h0, h1) = ref_span, hyp_span
    if (r1 - r0) * (h1 - h0) > exact_cells:
        anchors = _anchors(ref, hyp, _within(ref_units, r0, r1), _within(hyp_units, h0, h1))
        if anchors:
            opcodes: list[Opcode] = []
            for (ra, rb), (ha, hb) in anchors:
                opcodes += _align_range(ref, hyp, ref_units, hyp_units, (r0, ra), (h0, ha), exact_cells)
                opcodes.append(Opcode("equal", ra, rb, ha, hb))
                r0, h0 = rb, hb
            return opcodes + _align_range(ref, hyp, ref_units, hyp_units, (r0, r1), (h0, h1), exact_cells)
    return _exact_opcodes(ref[r0:r1], hyp[h0:h1], r0, h0)


def _merge(opcodes: list[Opcode]) -> tuple[Opcode, ...]:
    """Join neighbouring opcodes of the same tag (anchors and their gaps meet at equal runs)."""
    merged: list[Opcode] = []
    for op in opcodes:
        if merged and merged[-1].tag == op.tag:
            last = merged.pop()
            op = Opcode(op.tag, last.ref_start, op.ref_end, last.hyp_start, op.hyp_end)
        merged.append(op)
    return tuple(merged)


def align_sequences(
    reference: Sequence[str],
    hypothesis: Sequence[str],
    units: Callable[[Sequence[str]], list[Span]],
    exact_cells: int = EXACT_CELLS,
) -> Alignment:
    """Align two token sequences; ``units`` cuts a sequence into the spans that may anchor.

    ``exact_cells`` is the largest ``len(reference) * len(hypothesis)`` aligned in one pass
    (0 forces anchoring, for tests).
    """
    opcodes = _align_range(
        reference, hypothesis, units(reference), units(hypothesis),
        (0, len(reference)), (0, len(hypothesis)), exact_cells,
    )
    return Alignment(tuple(reference), tuple(hypothesis), _merge(opcodes))


def word_spans(clusters: Sequence[str]) -> list[Span]:
    """Spans of whitespace-delimited runs of grapheme clusters (the anchor units of graphemes)."""
    spans, start = [], 0
    for is_space, run in itertools.groupby(clusters, key=str.isspace):
        end = start + sum(1 for _ in run)
        if not is_space:
            spans.append((start, end))
        start = end
    return spans


def token_spans(tokens: Sequence[str]) -> list[Span]:
    """One span per token (the anchor units of words)."""
    return [(i, i + 1) for i in range(len(tokens))]


def align_graphemes(
    reference: str, hypothesis: str, profile: str = "strict", exact_cells: int = EXACT_CELLS
) -> Alignment:
    """Align two texts grapheme by grapheme, after the named normalisation profile."""
    reference_clusters, hypothesis_clusters = graphemes(reference, profile), graphemes(hypothesis, profile)
    return align_sequences(reference_clusters, hypothesis_clusters, word_spans, exact_cells)


def align_words(
    reference: str, hypothesis: str, profile: str = "strict", exact_cells: int = EXACT_CELLS
) -> Alignment:
    """Align two texts word by word (the words WER counts), after the named normalisation profile."""
    return align_sequences(words(reference, profile), words(hypothesis, profile), token_spans, exact_cells)
