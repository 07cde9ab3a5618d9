"""The addressee's surname put right where OCR misread one of its letters.

The addressee is typed letter-spaced in capitals, and a broken or worn type bar reads as another letter now
and then (``Г Р О Н Ы К О.`` for ``ГРОМЫКО``, ``Ф И Л И П П З В У.`` for ``ФИЛИППОВУ``). A surname the
dictionary does not know, one letter from exactly one name it knows (the period's listed names, or a form it
knows only as a name), is that name; a word already, a short name (``КИМ`` has ``РИМ`` and ``КИР`` as near),
or several names as near, stays as read.
"""

from __future__ import annotations

import dataclasses

from ocr import fields
from ocr.contract import Correction
from ocr.correct.corrector import ALPHABET, MIN_EDIT_LENGTH
from ocr.correct.lexicon import Lexicon
from ocr.homoglyphs import to_cyrillic
from ocr.lines import Line, Role
from ocr.page import PageResult


def spelt_name(name: str, lexicon: Lexicon) -> str | None:
    """The one name (in capitals) ``name`` reads with one letter misread; None when there is no one such."""
    if len(name) < MIN_EDIT_LENGTH or not name.isalpha() or lexicon.known(name):
        return None
    near = {name[:k] + c + name[k + 1:] for k in range(len(name)) for c in ALPHABET.upper() if c != name[k]}
    names = [word for word in near if lexicon.is_name(word)]
    return names[0] if len(names) == 1 else None


def _respelt(line: Line, page: int, lexicon: Lexicon) -> tuple[Line, Correction] | None:
    """The addressee's line with its misread letter put right, and the change; None when none is."""
    name = fields.clean_single_name(line.text).upper()
    right = spelt_name(name, lexicon)
    if right is None:
        return None
    at = next(k for k, (a, b) in enumerate(zip(name, right, strict=True)) if a != b)
    letters = [k for k, c in enumerate(line.text) if c.isalpha()]
    if len(letters) != len(name) or to_cyrillic(line.text[letters[at]]).upper() != name[at]:
        return None  # the name was read out of more than the line's letters (a speck, a letter doubled)
    k = letters[at]
    letter = right[at] if line.text[k].isupper() else right[at].lower()
    text = line.text[:k] + letter + line.text[k + 1:]
    # The word holding that letter, found the same way among the line's words (spaced letters may be one word).
    seen, words = 0, list(line.words)
    for w, word in enumerate(words):
        held = [j for j, c in enumerate(word.text) if c.isalpha()]
        if seen + len(held) > at:
            j = held[at - seen]
            words[w] = dataclasses.replace(word, text=word.text[:j] + letter + word.text[j + 1:])
            change = Correction(page=page, bbox=word.bbox, before=word.text, after=words[w].text, score=1.0)
            return dataclasses.replace(line, text=text, words=words), change
        seen += len(held)
    return None


def respell_addressee(pages: list[PageResult], lexicon: Lexicon) -> tuple[list[PageResult], list[Correction]]:
    """The pages with the addressee's misread letter put right (:func:`spelt_name`), and the change made."""
    out, changes = [], []
    for page in pages:
        lines = []
        for line in page.lines:
            found = _respelt(line, page.number, lexicon) if line.role is Role.ADDRESSEE else None
            lines.append(found[0] if found else line)
            changes += [found[1]] if found else []
        out.append(dataclasses.replace(page, lines=lines) if changes else page)
    return out, changes
