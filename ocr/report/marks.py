"""The OCR text and the transcription cut into marked runs for the report.

Both are aligned grapheme by grapheme (:mod:`ocr.compare.align`, NFC only, so the marks sit on the
text as read): ``ins`` OCR text absent from the transcription, ``del`` transcription text the OCR
missed, ``sub`` substituted text. The OCR text is further cut at the OCR words found in it, so each
word can carry its box and confidence.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from ocr.compare.align import Alignment
from ocr.compare.normalise import normalise
from ocr.lines import Word


@dataclass(frozen=True)
class Segment:
    """A stretch of text under one mark: '' (equal), 'ins', 'del' or 'sub'."""

    text: str
    mark: str = ""


def cluster_marks(alignment: Alignment) -> tuple[list[str], list[str]]:
    """The mark of every reference and every hypothesis cluster ('' when equal)."""
    ref_marks, hyp_marks = [""] * len(alignment.reference), [""] * len(alignment.hypothesis)
    for op in alignment.opcodes:
        if op.tag != "equal":
            replaced = op.tag == "replace"
            ref_marks[op.ref_start:op.ref_end] = ["sub" if replaced else "del"] * (op.ref_end - op.ref_start)
            hyp_marks[op.hyp_start:op.hyp_end] = ["sub" if replaced else "ins"] * (op.hyp_end - op.hyp_start)
    return ref_marks, hyp_marks


def segments(clusters: Sequence[str], marks: Sequence[str]) -> tuple[Segment, ...]:
    """The clusters joined into one segment per run of equal marks."""
    return tuple(
        Segment("".join(cluster for cluster, _ in run), mark)
        for mark, run in itertools.groupby(zip(clusters, marks, strict=True), key=lambda pair: pair[1])
    )


def word_spans(text: str, words: Sequence[Word]) -> list[tuple[int, int, Word]]:
    """Character spans of the OCR words in the page text, found in reading order (words the text
    does not contain, e.g. dropped by layout analysis, are skipped)."""
    spans, cursor = [], 0
    for word in words:
        word_text = normalise(word.text)  # the page text is NFC (strict profile) too
        start = text.find(word_text, cursor) if word_text else -1
        if start >= 0:
            spans.append((start, start + len(word_text), word))
            cursor = start + len(word_text)
    return spans


def _cluster_words(clusters: Sequence[str], spans: list[tuple[int, int, Word]]) -> list[int | None]:
    """For each grapheme cluster, the index into ``spans`` of the word it belongs to, if any."""
    starts = list(itertools.accumulate((len(c) for c in clusters), initial=0))
    owner: list[int | None] = [None] * len(clusters)
    for index, (start, end, _) in enumerate(spans):
        for cluster in range(bisect.bisect_right(starts, start) - 1, bisect.bisect_left(starts, end)):
            owner[cluster] = index
    return owner


def word_runs(clusters: Sequence[str], marks: Sequence[str],
              words: Sequence[Word]) -> list[tuple[Word | None, tuple[Segment, ...]]]:
    """The marked OCR text cut into runs, each a located word or the text between words."""
    spans = word_spans("".join(clusters), words)
    owner = _cluster_words(clusters, spans)
    runs = []
    for index, run in itertools.groupby(range(len(clusters)), key=owner.__getitem__):
        members = list(run)
        first, last = members[0], members[-1] + 1
        runs.append((None if index is None else spans[index][2], segments(clusters[first:last], marks[first:last])))
    return runs
