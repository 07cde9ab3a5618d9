"""Reading the routing line again alone and keeping, field by field, the values its readings agree on.

The routing line's values are short digits typed beside printed labels (``16 час. 30 мин.``, ``экз. № 1``);
on a poor scan the page reading misreads one (``39`` for a slashed ``30``, ``}`` for ``1``, ``;-ыим,`` for
``час. 50 мин.``) or a label, and then the value beside it is lost. Read on its own — bitonal, enlarged or
grey, as the footer's lines are (:mod:`ocr.reread.footer`) — the line often reads right, though no one
reading is always best. So each field takes the value most readings give, but only a value one reading at
least reads confidently may win (two reading a speck as a digit alike, ``18 час. В мин.`` → ``18:08``,
count for nothing against one reading the line right, and so does the page's own unsure value), or a grey and a
bitonal reading alike (a faint figure binarising thins reads unsurely everywhere); a value so read counts every
reading that gives it, however unsure. Where no value wins, the page's own stays.
"""

from __future__ import annotations

import dataclasses
import re

import cv2
import numpy as np

from ocr.fields import backs
from ocr.lines import Line, Role, Word, words_text
from ocr.preprocess import PreprocessedPage
from ocr.recognize import is_ink, reading_score
from ocr.reread.combine import line_box
from ocr.reread.readings import from_grey, read_alone, read_each, value_confidence, voted
from ocr.routing import (
    SHORTEST_NUMBER,
    Routing,
    is_routing_line,
    opens_routing,
    parse_routing,
    received_month,
    time_values,
)

# On the tuning pages looked at, words carrying a routing value read right mostly read at 60 and more (one at
# 11), a speck read as a digit (``В`` for ``01``) at 10 and less: a value below this is left out.
VALUE_CONFIDENCE = 40.0


def routing_fields(words: list[Word]) -> dict:
    """The routing line's fields a reading of it gives (those it does not give left out)."""
    found = dataclasses.asdict(parse_routing(words_text(words)))
    return {name: value for name, value in found.items() if value is not None}


def agreed(readings: list[list[Word]], grey: frozenset[int] = frozenset()) -> dict:
    """The fields the readings agree on; ``readings[0]`` is the page's own, those at ``grey`` of the grey page
    (:func:`ocr.reread.readings.from_grey`). Only values of the field's shape (:func:`_plausible`) that one reading
    at least gives confidently (:func:`ocr.reread.readings.value_confidence`), or a grey and a bitonal reading give both
    (:func:`_sure`), may win, each counting every reading that gives it (or gives it with a slashed zero read as a
    figure, :func:`ocr.fields.backs`): a field takes the value two readings give at least (on a tie, the value of
    the more confident readings) or the one such value; where no value is sure, the value most readings give
    (:func:`_most_given`); otherwise (none, or several and none twice) the fullest reading's sure value
    (:func:`_fullest`) or the page's own stays."""
    found = [routing_fields(words) for words in readings]
    scores = [reading_score(words) if words else 0.0 for words in readings]
    fullest = _fullest(found)
    out = {}
    for name in (field.name for field in dataclasses.fields(Routing)):
        givers = [k for k, given in enumerate(found) if name in given and _plausible(name, given[name])]
        sure = _sure({k: (found[k][name], value_confidence(readings[k], routing_fields, name)) for k in givers}, grey)
        counted = {k: _with_year(found[k][name], sure) if name == "received_date_raw" else found[k][name]
                   for k in givers if found[k][name] in sure and not _end_lost(name, found[k][name], sure)}
        votes = {value: sum(backs(other, value) for other in counted.values()) for value in counted.values()}
        weight = {value: sum(scores[k] for k in counted if backs(counted[k], value)) for value in votes}
        best = max(votes, key=lambda value: (votes[value], weight[value]), default=None)
        if best is not None and (votes[best] >= 2 or len(votes) == 1):
            out[name] = best
        elif not sure and (common := _most_given([found[k][name] for k in givers], len(readings))) is not None:
            out[name] = common
        elif fullest is not None and found[fullest].get(name) in sure:
            out[name] = found[fullest][name]
        elif name in found[0]:
            out[name] = found[0][name]
    return out


def _most_given(values: list, readings: int):
    """The value more than half the ``readings`` give alike, None when none: where no reading gives a value surely
    (specks among a date's figures, ``-.4/11:..1949``, pull every reading's confidence down), a value of the field's
    shape read alike by most readings is still one (a speck read as a figure is read so by two at most)."""
    common = voted(values, lambda value: True)
    return common if common is not None and 2 * values.count(common) > readings else None


# A faint value binarising thins (a ``1`` read at 29 in the bitonal page enlarged, at 38 in the grey smoothed) is
# read unsurely in every way; read alike in a grey and a bitonal reading, each at this much at least, it is a value:
# the two lose and misread strokes otherwise (a speck read as a figure alike, ``В`` for ``01``, reads at 10 and less).
AGREED_CONFIDENCE = 20.0


def _sure(given: dict[int, tuple], grey: frozenset[int]) -> set:
    """The values of ``given`` (reading: value, its confidence) that may win: those a reading gives at VALUE_CONFIDENCE
    at least, and those a reading of the grey page (at ``grey``) and one of the bitonal page give both at
    AGREED_CONFIDENCE at least."""
    read = [(value, k in grey) for k, (value, confidence) in given.items() if confidence >= AGREED_CONFIDENCE]
    alike = {value for value, of_grey in read if of_grey} & {value for value, of_grey in read if not of_grey}
    return {value for value, confidence in given.values() if confidence >= VALUE_CONFIDENCE} | alike


def _end_lost(name: str, value, sure: set) -> bool:
    """Whether ``value`` of a figures' field is another sure value with its last figure or more lost (``1`` beside
    ``11``): a faint figure at a number's end is lost in the bitonal readings and read in the grey ones, so a reading
    that lost it is no evidence against one that reads it. (Not its first: a speck or the ``№`` before a number is
    read as a figure, ``№74`` for ``№ 4``.)"""
    return name in ("telegram_number", "copy_number") and any(
        str(other) != str(value) and str(other).startswith(str(value)) for other in sure)


# A date whose year is left blank or was lost: it ends in the form's printed ``19``.
_YEARLESS = re.compile(r".*\b19")


def _with_year(date: str, sure: set[str]) -> str:
    """The date a reading gives, or where it ends in the printed ``19`` the one date the other sure readings give
    with its year after it (``17/12 19`` beside ``17/12 19 49``: the typed year read as letters, ``да``): a year
    lost is no evidence against one read, and the readings that lost it vote for it."""
    if not _YEARLESS.fullmatch(date):
        return date
    dated = {other for other in sure if re.fullmatch(re.escape(date) + r" ?\d\d", other)}
    return dated.pop() if len(dated) == 1 else date


def _fullest(found: list[dict]) -> int | None:
    """The reading that gives more of the fields in their shape than every other, None when none does: where the
    typing is faint, the bitonal readings lose its values but the labels (``Из. Ки 8 № 778. пол. 1а..час...``)
    and only the grey one reads the line whole (``Из. ТОКИО № 778 пол. 18 час. 91 мин.``); its values decide
    where the readings give each its own."""
    counts = [sum(_plausible(name, value) for name, value in given.items()) for given in found]
    ranked = sorted(range(len(found)), key=counts.__getitem__, reverse=True)
    return ranked[0] if len(ranked) > 1 and counts[ranked[0]] > counts[ranked[1]] else None


def _plausible(name: str, value) -> bool:
    """Whether a reading's value may be the field's: a date with a month, a telegram number of SHORTEST_NUMBER
    digits at least (one read ``№ 9`` at confidence 77 from ``№ 2029``), a copy number from 1 (a faint ``6`` read
    ``0``)."""
    if name == "received_date_raw":
        return received_month(value) is not None
    if name == "copy_number":
        return value >= 1
    return name != "telegram_number" or len(value) >= SHORTEST_NUMBER


def routing_text(found: dict) -> str:
    """A routing line as the form prints it with ``found``'s values typed in (a label without its value left
    blank): the text a line read in pieces across readings stands for."""
    time = found.get("received_time", "").split(":") if found.get("received_time") else ["", ""]
    parts = ["Из", found.get("origin", ""), "№", found.get("telegram_number", ""), "пол.", time[0], "час.", time[1], "мин.",
             found.get("received_date_raw", ""), "экз. №", str(found.get("copy_number", ""))]
    return " ".join(part for part in parts if part)


# A form's blank is ruled under its typed value, and a value typed low sits on the rule (``25`` read ``об``): ink
# running straight across RULE_LETTERS letters' height is a rule (no typed letter is as wide, even ``Ш``'s foot).
RULE_LETTERS = 1.5


def without_rules(image: np.ndarray, box: tuple[int, int, int, int], letter: float) -> np.ndarray:
    """``image`` (dark on white) with the rules in ``box`` made paper, those of a line whose letters are ``letter``
    pixels high (:data:`RULE_LETTERS`): where a stroke crosses a rule (ink above and below it) the rule's
    pixels stay, so a figure typed across the rule keeps its foot."""
    x, y, w, h = box
    crop = image[y:y + h, x:x + w]
    ink = is_ink(crop).astype(np.uint8)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(3, int(RULE_LETTERS * letter))), np.uint8)) > 0
    crossed = cv2.morphologyEx(ink & ~rules, cv2.MORPH_CLOSE, np.ones((max(3, int(letter / 4)), 1), np.uint8)) > 0
    out = image.copy()
    out[y:y + h, x:x + w][rules & ~crossed] = 255
    return out


# Tesseract reads a lone figure between printed words as the letter of its shape, whatever it is (``2 час.`` read
# ``о час.`` at every enlargement and in grey alike): read alone with only figures allowed, it reads right. The two
# enlargements must agree, and the word must have been read surely enough to be typing (a speck read as figures is
# no value).
# The telegram number's figures read among the line's words are misread one for another, most readings alike (the
# typewriter's ``5`` read ``2`` or ``9``: ``2261``, ``9646`` in three readings of five): read alone as figures, its
# word reads right at every enlargement, so those figures stand in every reading's word there, figure for figure
# (as many as the page read: alone, a thin ``1`` at the crop's edge is lost now and then, ``118`` for ``1118``).
FIGURES = "0123456789"
# How many figures a reading of the hours or minutes alone may give.
TIME_FIGURES = (1, 2)


def read_as_figures(image: np.ndarray, readings: list[list[Word]], lang: str) -> list[list[Word]]:
    """``readings`` with the hours and minutes where the page's reading (``readings[0]``) has them
    (:func:`ocr.routing.time_values`) and its telegram number's word (:func:`number_word`) read again alone as figures
    (:func:`ocr.reread.readings.read_alone`): every reading's word at an hour or minute in no figures made those
    figures (the page may read ``2`` where the rereadings read ``о``, or the other way), and the figures of every
    reading's word at the number made those read alone where as many as the page's word shows."""
    page = readings[0] if readings else []
    times = [page[k] for k in time_values(page) if page[k].confidence >= VALUE_CONFIDENCE]
    number = number_word(page)
    slots = [(word, TIME_FIGURES) for word in times] + [(word, (_figure_count(word),) * 2) for word in number]
    if not slots:
        return readings
    read = read_alone(image, [word.bbox for word, _ in slots], lang, FIGURES)
    figures = {slot.bbox: found for (slot, (least, most)), found in zip(slots, read)
               if found is not None and least <= len(found) <= most}
    numbers = {word.bbox for word in number}
    return [[_figured(word, figures, numbers) for word in words] for words in readings]


def _figure_count(word: Word) -> int:
    """How many figures the word shows: a reading of its figures alone must give as many."""
    return sum(c.isdigit() for c in word.text)


def number_word(words: list[Word]) -> list[Word]:
    """The one word with figures of a reading that carries its telegram number (the ``№`` before it carries it too),
    read surely enough to be typing; none when the number is read across words or not at all."""
    value = routing_fields(words).get("telegram_number")
    carriers = [word for k, word in enumerate(words) if value and any(c.isdigit() for c in word.text)
                and routing_fields(words[:k] + words[k + 1:]).get("telegram_number") != value]
    return carriers if len(carriers) == 1 and carriers[0].confidence >= VALUE_CONFIDENCE else []


# A word's figures as a reading gives them: the blank's dots read between them (``55.61``) among them.
_FIGURES_READ = re.compile(r"\d(?:[.,·]?\d)*")


def _figured(word: Word, figures: dict[tuple, str], numbers: set[tuple]) -> Word:
    """The word as the figures read where it lies (:func:`_over`): whole when it shows no figure itself, its figures
    made those read at the telegram number (``№2261.`` → ``№5561.``); else as it is."""
    box = _over(word, figures)
    if box and not any(c.isdigit() for c in word.text):
        return dataclasses.replace(word, text=figures[box])
    if box in numbers:
        return dataclasses.replace(word, text=_FIGURES_READ.sub(figures[box], word.text, count=1))
    return word


def _over(word: Word, boxes) -> tuple | None:
    """The one of ``boxes`` the word's middle lies in, the word no wider than half as much again; None when none
    (a label read with its blank's rule is wide, ``пол.____``)."""
    x, _, w, _ = word.bbox
    return next((box for box in boxes if box[0] <= x + w / 2 <= box[0] + box[2] and w <= 1.5 * box[2]), None)


def _cut_short(lines: list[Line]) -> tuple[int, tuple[int, int, int, int]] | None:
    """Where no line is the routing line, the one that opens as it does (:func:`ocr.routing.opens_routing`) and the
    box to read it again in: its row across the page's typing to the right (on a heavy scan Tesseract reads ``Из``,
    the place and the number and drops the rest of the row, its labels and values with it); None when there is none."""
    if any(line.role is Role.ROUTING for line in lines):
        return None
    at = next((k for k, line in enumerate(lines) if line.role is Role.OTHER and line.words and opens_routing(line.text)), None)
    if at is None:
        return None
    x, y, w, h = line_box(lines[at].words)
    right = max(line.bbox[0] + line.bbox[2] for line in lines if line.bbox and line.words)
    return at, (x, y, max(w, right + h // 2 - x), h)


# The copy's figures end the line, after ``экз. №``: typed faint, the page reading loses them (``экз. №`` read, its
# ``1`` not), and a box round the words it read would leave them out of every reading again. Where the page read no
# copy, the line is read again to this many letter heights past its last word (two figures and the gap before them);
# elsewhere as far as its words (a wider crop reads the line's other values a little otherwise, and as often worse).
COPY_REACH = 3.0


def reread_routing(page: PreprocessedPage, lines: list[Line], lang: str) -> list[Line]:
    """``lines`` with the routing line read again on its own (``psm 7``; without a copy, to COPY_REACH past its end) in
    each of READINGS and the values its readings agree on (:func:`agreed`) put in: the reading that gives them all, else
    the form's line with them.
    A line cut short (:func:`_cut_short`) becomes the routing line when a reading of its whole row is one."""
    at = next((k for k, line in enumerate(lines) if line.role is Role.ROUTING and line.words), None)
    short = _cut_short(lines) if at is None else None
    if short:
        at, box = short
    elif at is None:
        return lines
    letter = float(np.median([word.bbox[3] for word in lines[at].words]))
    if not short:
        x, y, w, h = line_box(lines[at].words)
        reach = 0 if parse_routing(lines[at].text).copy_number is not None else int(COPY_REACH * letter)
        box = (x, y, min(w + reach, page.image.shape[1] - x), h)
    unruled = dataclasses.replace(page, image=without_rules(page.image, box, letter),
                                  grey=None if page.grey is None else without_rules(page.grey, box, letter))
    readings = read_as_figures(unruled.image, [lines[at].words] + read_each(unruled, [box], lang)[0], lang)
    found = agreed(readings, frozenset(k + 1 for k, grey in enumerate(from_grey(unruled)) if grey))
    if short:  # the row's readings give what the page's reading lost; what it read of the line stays
        if not any(is_routing_line(words_text(words)) for words in readings):
            return lines
        found |= routing_fields(lines[at].words)
    if found == routing_fields(lines[at].words):
        return lines
    whole = next((words for words in readings if words and routing_fields(words) == found), None)
    line = lines[at].read_as(whole) if whole else dataclasses.replace(lines[at], text=routing_text(found))
    line = dataclasses.replace(line, role=Role.ROUTING)
    return lines[:at] + [line] + lines[at + 1:]
