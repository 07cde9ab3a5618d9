"""The typewriter confusion model: how often the pipeline reads intended characters as others.

Learned (:mod:`ocr.correct.learn`), not typed in: each page's reading is aligned with its ground
truth grapheme by grapheme (:mod:`ocr.compare.align`); each run of differences inside a word is one
confusion, from one or two intended characters to up to three read ones (``ы`` read as ``ь!``),
and its probability is its count over the count of the intended characters in the truth. Both texts
are folded to lower case first: a letter misread is the same misreading in either case (the table
is looked up with folded words), and a capital read for a small letter is the corrector's own rule.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ocr.batch import store
from ocr.compare.align import align_graphemes
from ocr.compare.normalise import collapse_whitespace
from ocr.correct.lexicon import fold

TABLE_VERSION = 2
DEFAULT_TABLE = Path(__file__).parent / "data" / f"confusions-v{TABLE_VERSION}.json"
MAX_INTENDED = 2  # characters on the truth's side of one confusion
MAX_OBSERVED = 3  # characters on the reading's side
MIN_COUNT = 2  # a confusion seen once is as likely a fluke of one render as a habit of the model


@dataclass(frozen=True)
class ConfusionTable:
    """``P(observed | intended)`` for each learned confusion, with the counts it came from."""

    probabilities: dict[tuple[str, str], float]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    source: dict = field(default_factory=dict)

    @property
    def entries(self) -> list[tuple[str, str]]:
        return sorted(self.probabilities)

    @cached_property
    def by_observed(self) -> dict[str, list[tuple[str, float]]]:
        """Read string → ``[(intended, probability)]``: the way back from a reading to what was typed."""
        back: dict[str, list[tuple[str, float]]] = {}
        for (intended, observed), p in self.probabilities.items():
            back.setdefault(observed, []).append((intended, p))
        return back

    def as_dict(self) -> dict:
        rows = [{"intended": i, "observed": o, "count": self.counts.get((i, o), 0), "probability": round(p, 6)}
                for (i, o), p in sorted(self.probabilities.items(), key=lambda kv: -kv[1])]
        return {"version": TABLE_VERSION, "source": self.source, "confusions": rows}

    @classmethod
    def from_dict(cls, data: dict) -> ConfusionTable:
        rows = data["confusions"]
        return cls({(r["intended"], r["observed"]): r["probability"] for r in rows},
                   {(r["intended"], r["observed"]): r["count"] for r in rows}, data.get("source", {}))


def load(path: Path = DEFAULT_TABLE) -> ConfusionTable:
    return ConfusionTable.from_dict(store.read_json(path))


def error_runs(reference: str, hypothesis: str) -> Iterator[tuple[str, str]]:
    """Each run of differences between the two texts as ``(intended, observed)`` strings."""
    alignment = align_graphemes(collapse_whitespace(reference), collapse_whitespace(hypothesis))
    ref, hyp = alignment.reference, alignment.hypothesis
    for equal, ops in itertools.groupby(alignment.opcodes, key=lambda op: op.tag == "equal"):
        if not equal:
            ops = list(ops)
            yield "".join(ref[ops[0].ref_start:ops[-1].ref_end]), "".join(hyp[ops[0].hyp_start:ops[-1].hyp_end])


def confusions(intended: str, observed: str) -> list[tuple[str, str]]:
    """One run of differences → the confusions it counts as: letter by letter when the lengths agree,
    else one confusion when it is short; none across a word break (that is segmentation, not shape)."""
    if " " in intended or " " in observed:
        return []
    if len(intended) == len(observed):
        return [(i, o) for i, o in zip(intended, observed, strict=True) if i != o]
    if len(intended) <= MAX_INTENDED and len(observed) <= MAX_OBSERVED:
        return [(intended, observed)]
    return []


def _units(text: str) -> Counter:
    """How often each string a confusion may start from occurs in ``text``: characters, pairs, and ""."""
    units = Counter(text)
    units.update(a + b for a, b in itertools.pairwise(text) if " " not in (a, b))
    units[""] = len(text)
    return units


def learn(pairs: Iterable[tuple[str, str]], source: dict | None = None) -> ConfusionTable:
    """The table from ``(truth, reading)`` text pairs."""
    errors: Counter = Counter()
    units: Counter = Counter()
    for truth, reading in pairs:
        truth, reading = fold(truth), fold(reading)
        units.update(_units(collapse_whitespace(truth)))
        for intended, observed in error_runs(truth, reading):
            errors.update(confusions(intended, observed))
    kept = {key: n for key, n in errors.items() if n >= MIN_COUNT and units[key[0]]}
    probabilities = {key: min(1.0, n / units[key[0]]) for key, n in kept.items()}
    return ConfusionTable(probabilities, kept, dict(source or {}))
