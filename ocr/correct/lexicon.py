"""The Russian lexicon: which word forms exist, how common they are, and which words are names.

Inflected forms come from pymorphy3's dictionary (OpenCorpora), frequencies from wordfreq, and the
words of the period's telegrams that neither knows (the form's abbreviations, offices, compound words
such as ``шифртелеграмма``) from the small data file ``data/period.json`` shipped here.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import pymorphy3
import wordfreq

PERIOD_VOCABULARY = Path(__file__).parent / "data" / "period.json"
# Frequency given to a form the dictionary knows but wordfreq's web and book texts never showed:
# below wordfreq's rarest words (about 1e-8), since such a form is rare or archaic.
UNSEEN_FREQUENCY = 3e-9
NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})


def fold(word: str) -> str:
    """The form looked up: lower case, ё as е (the typewriters had no ё)."""
    return word.lower().replace("ё", "е")


@dataclass(frozen=True)
class Lexicon:
    morph: pymorphy3.MorphAnalyzer
    frequencies: dict[str, float]
    period: frozenset[str]
    prefixes: tuple[str, ...]
    names: frozenset[str]  # every word of the listed names, folded

    def _known_part(self, part: str) -> bool:
        if part in self.period or part in self.frequencies or self.morph.word_is_known(part):
            return True
        return any(part.startswith(p) and len(part) - len(p) >= 3 and self._known_part(part[len(p):])
                   for p in self.prefixes)

    def known(self, word: str) -> bool:
        """Whether ``word`` is a Russian word form (each part of a hyphenated one)."""
        parts = fold(word).split("-")
        return all(parts) and all(self._known_part(p) for p in parts)

    def frequency(self, word: str) -> float:
        """How often the form occurs in Russian text (wordfreq, 0..1); 0 for an unknown word."""
        folded = fold(word)
        found = self.frequencies.get(folded) or self.frequencies.get(word.lower())
        if found:
            return found
        return UNSEEN_FREQUENCY if self.known(word) else 0.0

    def is_name(self, word: str) -> bool:
        """A listed name of the period, or a form the dictionary knows only as a name or place."""
        folded = fold(word)
        if folded in self.names:
            return True
        parses = [p for p in self.morph.parse(folded) if p.is_known]
        return bool(parses) and all(NAME_TAGS & p.tag.grammemes for p in parses)


def _words_from_wordfreq() -> dict[str, float]:
    # Folded keys, so a lookup by the folded form finds words wordfreq spells with ё.
    frequencies: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict("ru").items():
        key = fold(word)
        frequencies[key] = frequencies.get(key, 0.0) + frequency
    return frequencies


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon, loaded once per process (about a second: pymorphy3's dictionary and wordfreq's list)."""
    period = json.loads(PERIOD_VOCABULARY.read_text(encoding="utf-8"))
    return Lexicon(
        morph=pymorphy3.MorphAnalyzer(lang="ru"),
        frequencies=_words_from_wordfreq(),
        period=frozenset(fold(w) for w in period["words"]),
        prefixes=tuple(period["compound_prefixes"]),
        names=frozenset(fold(part) for name in period["names"] for part in name.split()),
    )
