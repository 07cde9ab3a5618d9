"""Breaking paragraphs into typed lines as a typist did: fixed width, first-line indent, and now and
then a long word hyphenated at the line end (between syllables, never at an existing hyphen).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

VOWELS = frozenset("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
_NO_LINE_START = frozenset("ьъйЬЪЙ")
_CORE = re.compile(r"^([А-Яа-яЁё]+)([.,;:!?)»\"]*)$")


@dataclass(frozen=True)
class Wrapped:
    """One typed line: ``indent`` blank character cells, then ``text``."""

    text: str
    indent: int = 0


def hyphen_points(word: str) -> list[int]:
    """Positions k where ``word[:k] + "-"`` / ``word[k:]`` is a plausible Russian syllable break.

    At least three letters stay on each side, each side keeps a vowel, the tail does not start with
    ь/ъ/й, and the break follows a vowel or й and one consonant (``ки-тай``, ``китай-ский``) or splits two consonants
    after a vowel (``пар-тия``, ``рус-ский``); a consonant is never torn from its vowel (``кит-ай``).
    """
    match = _CORE.match(word)
    if not match:
        return []
    core = match.group(1)
    points = []
    for k in range(3, len(core) - 2):
        head, tail = core[:k], core[k:]
        if tail[0] in _NO_LINE_START or not VOWELS & set(head) or not VOWELS & set(tail):
            continue
        if _syllable_break(head, tail):
            points.append(k)
    return points


def _syllable_break(head: str, tail: str) -> bool:
    if head[-1] in "йЙ":
        return tail[0] not in VOWELS
    if head[-1] in VOWELS:  # one consonant opens the next syllable: ``ки-тай``, not ``пре-дставитель``
        return tail[0] not in VOWELS and tail[1] in VOWELS
    return head[-2] in VOWELS and tail[0] not in VOWELS and tail[1] in VOWELS


def _split(word: str, room: int) -> tuple[str, str] | None:
    """The longest hyphenation of ``word`` whose head plus ``-`` fits in ``room`` characters."""
    fitting = [k for k in hyphen_points(word) if k + 1 <= room]
    if not fitting:
        return None
    k = max(fitting)
    return word[:k] + "-", word[k:]


def wrap(text: str, width: int, indent: int, rng: np.random.Generator | None, hyphen_rate: float) -> list[Wrapped]:
    """Wrap ``text`` at ``width`` characters, the first line indented by ``indent`` cells.

    With probability ``hyphen_rate`` a word that does not fit is hyphenated (``rng`` decides; None never does).
    """
    lines: list[Wrapped] = []
    words = text.split()
    current: list[str] = []
    lead = indent
    while words:
        word = words.pop(0)
        used = lead + len(" ".join(current))
        room = width - used - (1 if current else 0)
        if len(word) <= room or (not current and lead == 0):
            current.append(word)
            continue
        pieces = _split(word, room) if rng is not None and rng.random() < hyphen_rate else None
        if pieces:
            current.append(pieces[0])
            words.insert(0, pieces[1])
        else:
            words.insert(0, word)
        lines.append(Wrapped(" ".join(current), lead))
        current, lead = [], 0
    if current:
        lines.append(Wrapped(" ".join(current), lead))
    return lines
