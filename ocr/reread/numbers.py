"""Reading the typed numbers of the header again, each line alone, and keeping the reading whose values most
readings give: the reference numbers' groups, the special number, and a later page's telegram number, page label
and copy.

Digits have no words around them to be told by: on a poor scan the page reading misreads one (``6857`` for
``6057``, ``8675`` for ``8075``), and the line read on its own — bitonal, enlarged or grey, as the footer's lines
are (:mod:`ocr.reread.footer`) — often reads it right. Each value is voted on alone (each group of the reference
numbers too): the value most readings give, between as many the one read more confidently, as the routing line's
are (:mod:`ocr.reread.routing`); the line takes the first reading, the page's own first, that gives every value so
agreed, and stays as the page read it when none does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from ocr import assemble
from ocr.fields import backs, parse_special_number
from ocr.lines import Line, Role, Word, union_box, words_text
from ocr.preprocess import PreprocessedPage
from ocr.recognize import reading_score
from ocr.reference_numbers import reference_numbers
from ocr.reread.combine import line_box
from ocr.reread.readings import read_alone, read_each


def groups(words: list[Word]) -> dict | None:
    """The groups a reading of a reference line gives, by their place on the line; none for a reading of anything else.
    None for groups of more than one length: a telegram's cipher groups are of one length, so that reading lost a
    figure or split a group (``555 11860`` for a faint ``5553 1180``) and is no reading of the line to vote with."""
    found = reference_numbers(words_text(words))
    if found and len({len(group) for group in found.split()}) > 1:
        return None
    return dict(enumerate(found.split())) if found else {}


def continuation_fields(words: list[Word]) -> dict:
    """The telegram number, page label and copy number a reading of a piece of a later page's header gives."""
    found = dataclasses.asdict(assemble.page_fields([Line(words_text(words), Role.CONTINUATION)], None))
    return {name: value for name, value in found.items() if value is not None}


def chosen(readings: list[list[Word]], fields_of: Callable[[list[Word]], dict | None]) -> int:
    """The reading to keep (0, the page's own, first): the first that gives just the values half the readings give
    at least, each the value most readings give (or give with a slashed zero read as a figure,
    :func:`ocr.fields.backs`), on a tie the value of the more confident readings (by
    :func:`ocr.recognize.reading_score`); 0 when none gives them so. A reading ``fields_of`` tells misread as a
    whole (None) neither votes nor counts."""
    found = [fields_of(words) for words in readings]
    scores = [reading_score(words) for words in readings]
    voters = [(given, score) for given, score in zip(found, scores) if given is not None]
    agreed = {}
    for name in {name for given, _ in voters for name in given}:
        values = [given[name] for given, _ in voters if name in given]
        if 2 * len(values) < len(voters):
            continue  # a value few readings give is a speck read as one (a group more, ``2194 6057 123``)
        weight = {v: (sum(backs(u, v) for u in values), sum(s for given, s in voters if name in given and backs(given[name], v)))
                  for v in values}
        agreed[name] = max(weight, key=weight.get)
    return next((k for k, given in enumerate(found) if given == agreed and readings[k]), 0)  # a crop read as nothing is no reading


def special(words: list[Word]) -> dict:
    """The special number a reading of its line gives (``Спец. № 47-51``)."""
    found = parse_special_number(words_text(words))
    return {"special_number": found} if found else {}


# Now and then every reading of the special number's line reads a bold figure twice (``33-131`` for ``3-131``): its
# figures read alone, only figures and a dash allowed, read it once at both enlargements. Read alone they misread
# a figure for another too (``17-139`` for ``17-130`` on a heavy page), so only a figure read twice is taken back.
SPECIAL_FIGURES = "0123456789-"


def _read_once(number: str) -> set[str]:
    """``number`` with one of its figures that stand twice side by side read once (``33-131``: ``3-131``)."""
    return {number[:k] + number[k + 1:] for k in range(len(number) - 1) if number[k] == number[k + 1]}


def special_alone(image: np.ndarray, line: Line, lang: str) -> Line:
    """The special number's ``line`` with the words bearing its figures made those they read alone
    (:func:`ocr.reread.readings.read_alone`) where the line read one of those figures twice; read alone only
    where it could have (a figure twice side by side), so most pages spend no Tesseract run on it."""
    number = [word for word in line.words if any(c.isdigit() for c in word.text)]
    once = _read_once(parse_special_number(line.text) or "")
    box = union_box([word.bbox for word in number]) if number and once else None
    found = read_alone(image, [box], lang, SPECIAL_FIGURES)[0] if box else None
    if found not in once:
        return line
    merged = dataclasses.replace(number[0], text=found, bbox=box)
    return line.read_as([word for word in line.words if word not in number] + [merged])


_FIELDS: dict[Role, Callable[[list[Word]], dict | None]] = {Role.REFERENCE: groups, Role.SPECIAL: special, Role.CONTINUATION: continuation_fields}


def reread_numbers(page: PreprocessedPage, lines: list[Line], lang: str) -> list[Line]:
    """``lines`` with each reference line, the special number's and each piece of a later page's header read again on its own (``psm 7``)
    in each of READINGS and the reading :func:`chosen` keeps put in its place."""
    at = [k for k, line in enumerate(lines) if line.role in _FIELDS and line.words]
    if not at:
        return lines
    read = read_each(page, [line_box(lines[k].words) for k in at], lang)
    readings = {k: [lines[k].words] + again for k, again in zip(at, read)}
    out = list(lines)
    for k, found in readings.items():
        fields_of = _FIELDS[lines[k].role]
        best = chosen(found, fields_of)
        if best:
            out[k] = lines[k].read_as(found[best])
        if lines[k].role is Role.SPECIAL:
            out[k] = special_alone(page.image, out[k], lang)
    return out
