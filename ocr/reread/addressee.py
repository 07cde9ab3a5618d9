"""Reading the addressee's line again across the typing's width where the page's reading of it spells no name.

The addressee is typed letter-spaced in capitals on a line of its own (``Г Р О М Ы К О.``); on a heavy scan page
segmentation keeps only some of its letters (``Р О М``), as a word box as narrow as those letters, so reading
that box again cannot give the rest. Read again alone (``psm 7``) across the row — the typing's whole width,
and a band some letters wider than the box — bitonal, enlarged or grey (as the priorities are,
:mod:`ocr.reread.priority`), the line reads whole now and then. A reading is taken only when its name is a word
the language knows (a name, ``ГРОМЫКО``) or a listed official's, read with a letter or two misread (:func:`named`:
readings each misreading other letters of him agree on him): the one most readings give, the longer on a tie, and
more of them than give the page's own reading; a wider band catches what stands beside the name (a stamp's legend,
the margin), and no known name comes of that. Otherwise the page's reading stays (a wrong addressee is worse than a doubtful one).
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from ocr import fields, layout
from ocr.correct.lexicon import lexicon
from ocr.correct.names import addressee
from ocr.lines import Line, Role, Word, union_box, words_text
from ocr.preprocess import PreprocessedPage
from ocr.reread.combine import known, row_boxes, word_list
from ocr.reread.readings import read_each

# No addressee's surname is shorter: a shorter reading (``РОМ``) is letters of it, whatever the word list says.
SHORTEST_NAME = 5


def name_of(text: str) -> str:
    """The addressee a reading of its line gives, in capitals, without the spaces of its letter-spacing."""
    return fields.addressee_name(text).replace(" ", "")


def spelt(name: str, code: str | None) -> bool:
    return len(name) >= SHORTEST_NAME and code is not None and bool(known(name, code))


def named(name: str, code: str | None) -> str | None:
    """The addressee a reading's ``name`` stands for: the listed official it spells, or spells with a letter or two
    misread (:func:`ocr.correct.names.addressee`: ``ЗОРИИНУ``, ``БОГЕМОООВУ`` on a faint carbon, read no two ways
    alike); else the name as read where the language knows it (``ФИЛИППОВУ``); None otherwise. Readings then agree
    on the official where each misreads other letters of him."""
    # Specks after the name's full stop read as letters run into it (``ЗОРИНУ.ЕЕ``): the name is the longest piece.
    name = max(name.split("."), key=len)
    if len(name) < SHORTEST_NAME:
        return None
    return addressee(name, lexicon()) or (name if spelt(name, code) else None)


def read_as_name(words: list[Word], name: str) -> list[Word]:
    """A reading of the addressee's line as the one word ``name`` it stands for (:func:`named`), boxed over the
    reading's letters: its misread letters put right, and shown letter-spaced as typed (:func:`ocr.layout.join_words`)."""
    lettered = [w for w in words if any(c.isalpha() for c in w.text)] or words
    return [Word(name, union_box([w.bbox for w in lettered]), sum(w.confidence for w in lettered) / len(lettered))]


def reread_addressee(page: PreprocessedPage, lines: list[Line], lang: str) -> list[Line]:
    """``lines`` with an addressee line whose name the language does not know read again (:func:`ocr.reread.combine.row_boxes`, in each
    of READINGS), replaced by the reading of the known name most readings give; as they were when none gives one."""
    at = next((k for k, line in enumerate(lines) if line.role is Role.ADDRESSEE and line.words and line.bbox), None)
    code = word_list(lang)
    own = name_of(lines[at].text) if at is not None else ""
    if at is None or code is None or named(own, code) == own:
        return lines
    readings: list[list[Word]] = [words for again in read_each(page, row_boxes(lines[at], lines), lang) for words in again if words]
    read = [name_of(words_text(words)) for words in readings]
    values = [named(name, code) for name in read]
    votes = Counter(value for value in values if value)
    if not votes:
        return lines
    name = max(votes, key=lambda value: (votes[value], len(value)))
    if votes[name] <= read.count(own) and name != named(own, code):
        return lines  # a name the list lacks (``ШТЫКОВУ``) the readings give as the page did, one misreading it as a word
    chosen = next(words if spelling == name else read_as_name(words, name)
                  for words, spelling, value in zip(readings, read, values, strict=True) if value == name)
    again = lines[at].read_as(chosen)
    # Shown as typed, letter-spaced: a reading across the row boxes the spaced name as one word (``ГРОМЫКО``).
    metrics = layout.page_metrics([w for line in lines for w in line.words])
    return lines[:at] + [dataclasses.replace(again, text=layout.join_words(again.words, metrics))] + lines[at + 1:]
