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
# A word of the frequency list this common is one a misreading far from it is worth weighed against (a rarer one
# that far is as likely another word's misreading as its own).
COMMON_LISTED = 3e-7
NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})
# The one-letter words of Russian: any other lone letter is a misreading (``м`` for ``и``) or an
# abbreviation, which carries its full stop.
ONE_LETTER_WORDS = frozenset("авиоксуя")


# The typist's quote for ъ, as typed and as OCR reads it.
HARD_SIGN_QUOTES = '"“”„'
_HARD_SIGN_QUOTES = str.maketrans({quote: "ъ" for quote in HARD_SIGN_QUOTES})


def fold(word: str) -> str:
    """The form looked up: lower case, ё as е; the typist's ``"`` for ъ as ъ (the typewriters had neither)."""
    return word.lower().replace("ё", "е").translate(_HARD_SIGN_QUOTES)


@dataclass(frozen=True)
class Lexicon:
    morph: pymorphy3.MorphAnalyzer
    frequencies: dict[str, float]
    period: frozenset[str]
    prefixes: tuple[str, ...]
    names: frozenset[str]  # every word of the listed names, folded
    capitalised: frozenset[str]  # lemmas written with a capital inside a sentence (``Советского``)

    def _known_part(self, part: str) -> bool:
        if len(part) == 1:
            return part in ONE_LETTER_WORDS
        if part in self.period or part in self.frequencies or self.morph.word_is_known(part):
            return True
        return any(part.startswith(p) and len(part) - len(p) >= 3 and self._known_part(part[len(p):])
                   for p in self.prefixes)

    def listed(self, folded: str) -> bool:
        """Whether the folded form is in the frequency list or the period's words (a fast look-up)."""
        return folded in self.frequencies or folded in self.period

    def known(self, word: str) -> bool:
        """Whether ``word`` is a Russian word form (each part of a hyphenated one)."""
        parts = fold(word).split("-")
        return all(parts) and all(self._known_part(p) for p in parts)

    def frequency(self, word: str) -> float:
        """How often the form occurs in Russian text (wordfreq, 0..1); 0 for an unknown word."""
        folded = fold(word)
        found = self.frequencies.get(folded) or self.frequencies.get(word.lower())  # wordfreq keeps ё
        if found:
            return found
        return UNSEEN_FREQUENCY if self.known(word) else 0.0

    @functools.cached_property
    def common_by_length(self) -> dict[int, list[str]]:
        """The frequency list's words of letters only at least COMMON_LISTED common, by length."""
        found: dict[int, list[str]] = {}
        for word, frequency in self.frequencies.items():
            if frequency >= COMMON_LISTED and word.isalpha():
                found.setdefault(len(word), []).append(word)
        return found

    def is_name(self, word: str) -> bool:
        """A listed name of the period, or a form the dictionary knows only as a name or place."""
        folded = fold(word)
        if folded in self.names:
            return True
        parses = [p for p in self.morph.parse(folded) if p.is_known]
        return bool(parses) and all(NAME_TAGS & p.tag.grammemes for p in parses)

    def may_be_name(self, word: str) -> bool:
        """A listed name, a form whose likeliest reading in the dictionary is a name or place
        (``Киев``, not ``Марта``), or a form of a lemma the period capitalises (``Советского``)."""
        folded = fold(word)
        parses = [p for p in self.morph.parse(folded) if p.is_known]
        return (folded in self.names or any(p.normal_form in self.capitalised for p in parses)
                or bool(parses and NAME_TAGS & parses[0].tag.grammemes))


    def no_name_part(self, word: str, after_capital: bool) -> bool:
        """Whether ``word`` is never part of a name beside a capitalised word: a verb (``Бон Сказал``), or after
        a small word a preposition or conjunction (``беседа С Хо``; ``Хо Ка И`` is a name's syllables)."""
        parses = [p for p in self.morph.parse(fold(word)) if p.is_known]
        if not parses or self.may_be_name(word):
            return False
        if all(p.tag.POS in ("VERB", "INFN") for p in parses):
            return True
        return not after_capital and parses[0].tag.POS in ("PREP", "CONJ") and parses[0].score > FUNCTION_WORD_SCORE


# The likeliest reading's share above which a word is taken for the preposition or conjunction it most often is.
FUNCTION_WORD_SCORE = 0.9


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon, loaded once per process (about a second: pymorphy3's dictionary and wordfreq's list)."""
    period = json.loads(PERIOD_VOCABULARY.read_text(encoding="utf-8"))
    return Lexicon(
        morph=pymorphy3.MorphAnalyzer(lang="ru"),
        # Asked for as wordfreq's own lookups ask (reread.combine): its cache then holds one copy, loaded once.
        frequencies=wordfreq.get_frequency_dict("ru", "best"),
        period=frozenset(fold(w) for w in period["words"]),
        prefixes=tuple(period["compound_prefixes"]),
        names=frozenset(fold(part) for name in period["names"] for part in name.split()),
        capitalised=frozenset(period["capitalised_lemmas"]),
    )
