"""Latin letters drawn like Cyrillic ones: the one table the parsers and the scoring profiles share.

Tesseract mixes these into Cyrillic words (``MОЛОТОВУ`` with a Latin M), and transcribers type them too.
"""

from __future__ import annotations

import regex

# Ë/ë are included because NFC composes a Latin e + diaeresis into one Latin letter.
LATIN_LOOKALIKES = "ABCEHKMOPTXYaceopxyËë"
TO_CYRILLIC = str.maketrans(LATIN_LOOKALIKES, "АВСЕНКМОРТХУасеорхуЁё")

# A word is a run of letters and combining marks; digits and hyphens end it, so in ``КНДР-A`` only the
# Cyrillic part counts as a word.
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_CYRILLIC = regex.compile(r"\p{Script=Cyrillic}")
_OTHER_LATIN = regex.compile(rf"[^\P{{Script=Latin}}{LATIN_LOOKALIKES}]")


def _word_to_cyrillic(match: regex.Match[str]) -> str:
    word = match.group()
    # Only words that are otherwise Cyrillic: an all-Latin word (``N``, ``OK``) or a word with a
    # Latin letter that has no Cyrillic twin is really Latin and stays as written.
    if not _CYRILLIC.search(word) or _OTHER_LATIN.search(word):
        return word
    return word.translate(TO_CYRILLIC)


def to_cyrillic(text: str) -> str:
    """``text`` with the Latin look-alikes inside otherwise Cyrillic words spelt in Cyrillic."""
    return _WORD.sub(_word_to_cyrillic, text)
