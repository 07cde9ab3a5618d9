"""Text normalisation profiles applied before scoring OCR against a transcription.

A profile is a named, ordered list of rules; each rule is a pure ``str -> str`` function with a
sentence saying what it does, so the diff report can state exactly which normalisation its CER and
WER figures were computed after.

- ``strict``: NFC only — the figures dinglehopper reports.
- ``cyrillic-archival``: also forgives what a 1950s typewriter or a mixed-script OCR model does to
  Russian text without changing what it says (Latin homoglyphs, ``"`` typed for ``ъ``, ``ё``,
  spacing).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex

from ocr.homoglyphs import LATIN_LOOKALIKES, to_cyrillic

__all__ = ["PROFILES", "Profile", "Rule", "normalise"]


@dataclass(frozen=True)
class Rule:
    """One normalisation step: ``apply`` is pure, ``description`` goes into the report."""

    name: str
    description: str
    apply: Callable[[str], str]


@dataclass(frozen=True)
class Profile:
    """A named, ordered list of rules; :meth:`apply` runs them in order."""

    name: str
    rules: tuple[Rule, ...]

    def apply(self, text: str) -> str:
        for rule in self.rules:
            text = rule.apply(text)
        return text


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ъ only ever stands before е, ё, ю, я (объединение, съезд, адъютант), so only those vowels
# are considered: a quotation mark opening a word with any other letter stays a quotation mark.
_CONSONANTS = "бвгджзйклмнпрстфхцчшщ"
_HARD_SIGN_VOWEL = "(?P<vowel>[еёюяЕЁЮЯ])"
# Typed with no space (``об"единения``) the quote sits inside a word, where it cannot be a
# quotation mark.
_QUOTE_IN_WORD = regex.compile(rf'(?<=[{_CONSONANTS}])"(?={_HARD_SIGN_VOWEL})', regex.IGNORECASE)
# Typed with a stray space (``об "единения``) it looks like an opening quotation mark, so it is
# taken for ъ only after the prefixes that take ъ; в and с are left out because as prepositions
# they stand before quotations far more often than as a split-off prefix.
_PREFIXES = "об|от|под|над|из|вз|воз|раз|без|низ|пред|меж|сверх|суб|ад|кон|контр|пан|транс|дез|диз"
_QUOTE_AFTER_PREFIX = regex.compile(
    rf'(?<=(?<!\p{{L}})(?:{_PREFIXES})) "(?={_HARD_SIGN_VOWEL})', regex.IGNORECASE
)


def _hard_sign(match: regex.Match[str]) -> str:
    # The vowel is the lookahead's group; its case decides ъ or Ъ (ОБ"ЕДИНЕНИЕ → ОБЪЕДИНЕНИЕ).
    return "Ъ" if match.group("vowel").isupper() else "ъ"


def _typewriter_quote_to_hard_sign(text: str) -> str:
    return _QUOTE_AFTER_PREFIX.sub(_hard_sign, _QUOTE_IN_WORD.sub(_hard_sign, text))


_YO = str.maketrans("ёЁ", "еЕ")


def _yo_to_ye(text: str) -> str:
    return text.translate(_YO)


def collapse_whitespace(text: str) -> str:
    """Runs of spaces, tabs and newlines → one space; ends stripped."""
    return " ".join(text.split())


NFC = Rule("nfc", "Unicode NFC normalisation", _nfc)
HOMOGLYPHS = Rule(
    "latin-homoglyphs",
    f"Latin letters that look Cyrillic ({' '.join(LATIN_LOOKALIKES)}) → their Cyrillic twins, "
    "inside words that are otherwise Cyrillic",
    to_cyrillic,
)
HARD_SIGN = Rule(
    "typewriter-hard-sign",
    'typewriter " for ъ → ъ between a consonant and е/ё/ю/я (об"единение, and об "единение '
    "with a stray space after a prefix)",
    _typewriter_quote_to_hard_sign,
)
YO = Rule("yo", "ё → е (Ё → Е)", _yo_to_ye)
WHITESPACE = Rule(
    "whitespace", "runs of spaces, tabs and newlines → one space; ends stripped", collapse_whitespace
)

PROFILES: dict[str, Profile] = {
    "strict": Profile("strict", (NFC,)),
    "cyrillic-archival": Profile("cyrillic-archival", (NFC, HOMOGLYPHS, HARD_SIGN, YO, WHITESPACE)),
}


def normalise(text: str, profile: str = "strict") -> str:
    """Return ``text`` after the rules of the named profile (a key of :data:`PROFILES`)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown normalisation profile {profile!r}; known: {', '.join(PROFILES)}")
    return PROFILES[profile].apply(text)
