"""Reading the footer's lines again, each alone, and keeping the reading the readings agree on most.

A footer line is short and its values are mostly digits (``7 экз. лк``, ``Отпеч. 2/11-6.38``); on a heavy
scan the page reading misreads one now and then (``71 экз.``, ``Разослан /11/48``, ``8$ экз.``), and the
line read on its own — bitonal, enlarged, or grey — often reads it right. No one reading is always best,
so each line keeps the reading whose footer fields most readings give: the page's own unless another is
better supported, the more confident of those on a tie.

Lines page segmentation never found are looked for there too: each band of ink below the message that no
word covers (faint footer lines, a signature's date beside the scrawl over its name) is read alike, as a strip,
and kept when it gives a field. A word read shorter than its box (``м`` for the typist's ``мп``) is read alone.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from ocr import fields, footer, roles
from ocr.lines import Line, Role, Word, union_box, words_text
from ocr.preprocess import PreprocessedPage
from ocr.recognize import (
    across,
    centred_in,
    is_ink,
    read_parts,
    reading_score,
    strip_box,
    unread_bands,
    unread_ink,
)
from ocr.reread import signed_name
from ocr.reread.readings import read_each, value_confidence

log = logging.getLogger(__name__)

# Lines above the footer that may be its first lines or the signature, misread (a heavy page may garble three).
ABOVE = 4


def _tail(lines: list[Line]) -> int | None:
    """Where the page's signature and footer begin: its first line read as either, or up to ABOVE short
    lines before it (a signature or copies line read too poorly to be known); where none is, the line after
    the message's last line of running text (on a heavy scan page segmentation may skip them all); None on
    a page with neither."""
    first = next((k for k, line in enumerate(lines) if line.role in (Role.SIGNATURE, Role.FOOTER)), None)
    if first is None:
        prose = [k for k, line in enumerate(lines) if line.role is Role.BODY and roles.is_prose(line.text)]
        return prose[-1] + 1 if prose else None
    start = first
    while start > max(0, first - ABOVE) and lines[start - 1].role is Role.BODY and not roles.is_prose(lines[start - 1].text):
        start -= 1
    return start


def _box(line: Line, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """The line's box with a margin a third of its height (two at the sides): the crop a line reads best in."""
    x, y, w, h = line.bbox
    pad = max(2, h // 3)
    x0, y0 = max(0, x - 2 * pad), max(0, y - pad)
    return (x0, y0, min(shape[1], x + w + 2 * pad) - x0, min(shape[0], y + h + pad) - y0)


def _typing_only(line: Line) -> Line:
    """A footer line boxed without the words after a gap DATE_GAP of its typing's heights wide when none of them is
    typing (:func:`_typed`): a stamp's ring or a pen's stroke the page reading took into the line (``14 экз. нб``
    beside a seal's rim read ``}`` at 0, twenty letters off) widens its box to a crop that takes in the rim and the
    next line's top, read so the line loses figures (``4 экз. 6``)."""
    if line.role is not Role.FOOTER or not line.words:
        return line
    words = sorted(line.words, key=lambda w: w.bbox[0])
    kept = _typed(words)
    typed = [w in kept for w in words]
    height = float(np.median([w.bbox[3] for w, keep in zip(words, typed) if keep] or [line.bbox[3]]))
    end = next((k for k in range(1, len(words)) if not any(typed[k:])
                and words[k].bbox[0] - (words[k - 1].bbox[0] + words[k - 1].bbox[2]) >= DATE_GAP * height), len(words))
    return replace(line, bbox=union_box([w.bbox for w in words[:end]])) if end < len(words) else line


# The copies line's count stands before ``экз.``: where the page reading lost it (its ``7`` run into a printed rule
# along the line's top), a box round the words read leaves it out of every reading again. Such a line is read again
# from this many letter heights before ``экз.`` (two figures and the space after them).
COUNT_REACH = 3.0
# Its first word the label (not ``33``, a number the label's look-alikes would take for it: ``33 вагона``).
_COUNTLESS = re.compile(r"[\W_]*(?!33)(?:" + fields.EKZ + r")\b", re.IGNORECASE)


def _with_count(line: Line) -> Line:
    """A copies line whose first word read is ``экз.`` (its count lost) boxed from COUNT_REACH letters before it."""
    if not line.words or not _COUNTLESS.match(fields.cyrillic(line.words[0].text)):
        return line
    x, y, w, h = line.bbox
    reach = min(x, int(COUNT_REACH * line.words[0].bbox[3]))
    return replace(line, bbox=(x - reach, y, w + reach, h))


# A line's box this many times its words' median height takes in a piece of the next line (a speck or a letter of
# it read as a word of this one: ``ж`` 40 pixels tall in ``31 з и. ж`` for ``11 экз. лк``, typed 23 high).
TALLER = 1.5


def _typing_rows(image: np.ndarray, line: Line) -> Line:
    """A line boxed TALLER than its words are high, boxed on its typing's rows (:func:`_typed_rows`): read with the
    next line's top, a small line reads as neither (``Е. №`` for ``11 экз. лк`` in grey)."""
    if not line.words or line.bbox[3] < TALLER * float(np.median([w.bbox[3] for w in line.words])):
        return line
    x, _, w, _ = line.bbox
    y, h = _typed_rows(image, line, x + w)
    return replace(line, bbox=(x, y, w, h))


def _row_box(line: Line, ink: np.ndarray) -> tuple[int, int, int, int] | None:
    """The line's row across all the ink on it (``ink``: the page's standing ink), when that reaches a line's height
    or more beyond the line's box: a faint footer line the page reading read a piece of (``лк`` of ``9 экз. лк``),
    whose box alone reads no field. None otherwise (nothing more to read)."""
    x, y, w, h = _box(line, ink.shape)
    row = across(ink[y:y + h], y, h)
    height = line.bbox[3]
    if row is None or (row[0] >= x - height and row[0] + row[2] <= x + w + height):
        return None
    return row


def _fields(words: list[Word]) -> dict:
    """The footer fields a reading of a line gives, or the signature's date."""
    text = words_text(words)
    if signed := fields.parse_signature(text):  # its date: a letter-spaced name reads worse alone than on the page
        return {"signature.date": signed[1]}
    found = footer.parse_footer_line(footer.typed_text(text, [(w.text, w.confidence) for w in words])[0])
    # ``Отпеч.`` without its day and month is no reading of the line's value (``Разослано 1``: a speck read so).
    return {name: value for name, value in found.items() if name not in _DATED or _DAY.search(str(value))}


_DATED = ("printed_raw", "distributed_raw")
_DAY = re.compile(r"\d/\d")


def choose(readings: list[list[Word]], fields_of: Callable[[list[Word]], dict] | None = None) -> int:
    """The reading to keep: the one whose fields (``fields_of``: by default the footer's, or the signature's date)
    the readings give alike most confidently (each field and value counted over all of them, each reading giving it,
    or giving it with a slashed zero read as a figure, :func:`ocr.fields.backs`, by how confidently it reads it,
    :func:`ocr.reread.readings.value_confidence`), then the most confident; 0, the
    page's own, when no other is better supported. The readings of the bitonal page err alike and each unsurely (a
    faint ``6/10`` read ``65/10`` at 35, 66 and 44), and a count of them outvotes the grey page read right surely
    (``6/10`` at 91 and 90)."""
    fields_of = fields_of or _fields
    found = [fields_of(words) for words in readings]
    sureness = [{name: value_confidence(words, fields_of, name) for name in given} for words, given in zip(readings, found)]
    support = [sum(sum(sure[name] for other, sure in zip(found, sureness) if name in other and fields.backs(other[name], value))
                   for name, value in given.items()) for given in found]
    if support[0] == max(support):
        return 0
    return max(range(len(readings)), key=lambda k: (support[k], reading_score(readings[k])))


def reread_footer(page: PreprocessedPage, lines: list[Line], lang: str) -> list[Line]:
    """``lines`` with each line from the signature or footer on read again on its own (``psm 7``) and the
    reading :func:`choose` keeps put in its place (a line the page read a piece of read across its row's ink too,
    :func:`_row_box`), and each band of ink there no word covers read as a line alike; the roles from there on found
    anew from the texts. All readings go to Tesseract in one run."""
    start = _tail(lines)
    if start is None:
        return lines
    tail = [line for line in lines[start:] if line.bbox and line.words]
    page_no = lines[start - 1].page if start == len(lines) else lines[start].page
    ink = page.standing
    strips = _unread_boxes(page, lines, start, ink)  # each band with its margins already
    # A short line above the footer (:func:`_tail`) may be the signature, its date misread (``4-5 р.`` for ``4/6-52 г.``).
    dated = {k: split for k, line in enumerate(tail)
             if line.role in (Role.SIGNATURE, Role.BODY) and (split := _date_apart(page.image, line))}
    rows = {k: row for k, line in enumerate(tail) if line.role is not Role.SIGNATURE and (row := _row_box(line, ink))}
    strip_dates = {k: box for k, strip in enumerate(strips) if (box := _strip_date(page.image, strip))}
    groups = {
        "lines": [_box(_with_count(_typing_rows(page.image, _typing_only(line))), page.image.shape) for line in tail],
        "strips": strips,
        "dates": [_box(replace(tail[k], bbox=split[0]), page.image.shape) for k, split in dated.items()],
        "rows": list(rows.values()),
        "strip_dates": list(strip_dates.values()),
    }
    boxes = [box for group in groups.values() for box in group]
    read = iter(read_each(page, boxes, lang) if boxes else [])
    got = {name: [next(read) for _ in group] for name, group in groups.items()}  # all in one run, handed out by group
    # A signature's date read alone, the name as the page read it after it: one more reading of the line.
    alone = dict(zip(dated, got["dates"]))
    across = dict(zip(rows, got["rows"]))
    # A strip's date read alone: more readings of the strip.
    strip_alone = dict(zip(strip_dates, got["strip_dates"]))
    # A strip's readings less a pen's scrawl read in them (before the choice: a date read unsurely beside the scrawl
    # over a name, ``1/11@14 -53@14 г. и)``, gives no field once its words are dropped, read alone it does).
    readings = [[line.words] + again + [date + dated[k][1] for date in alone.get(k, []) if date] + across.get(k, [])
                for k, (line, again) in enumerate(zip(tail, got["lines"]))] + [
        [_typed(words) for words in again + strip_alone.get(k, [])] for k, again in enumerate(got["strips"])]
    chosen = {id(line): line.read_as(found[k]) for line, found in zip(tail, readings) if (k := choose(found)) and found[k]}
    unread = _unread([found[choose(found)] for found in readings[len(tail):]], page_no)
    rest = [chosen.get(id(line), line) for line in lines[start:]]
    given = {name for line in rest for name in _fields(line.words)}
    unread = [line for line in unread if not given & set(_fields(line.words))]
    # A line the page read in part (a scrawl's box over a signature's name) is read whole in its strip.
    rest = [line for line in rest if not (line.words and any(_centred(line, strip) for strip in unread))]
    rest = _signed_rows(rest, unread)
    rest.sort(key=lambda line: line.bbox[1] if line.bbox else 0)
    retagged = roles.tag_rest([line.text for line in rest])
    rest = [line if line.role is Role.HANDWRITTEN else replace(line, role=role) for line, role in zip(rest, retagged)]
    rest = _initials(page, _whole_words(page.image, rest, lang), lang, [words for found in readings for words in found])
    return lines[:start] + [signed_name.under_pen(page.image, line, lang, page.grey) for line in rest]


# Two lines share a row when this share of the shorter one's height lies in both.
SAME_ROW = 0.5


def _signed_rows(rest: list[Line], unread: list[Line]) -> list[Line]:
    """``rest`` with the lines read in unread strips, each joined to a line on its row when the two read together
    are a signature line giving a name and neither alone is: a date the page reading left out beside the name it
    read (a name typed half a line lower than its date, its box taller, was put above the date and read as the
    message's)."""
    out = list(rest)
    for strip in unread:
        k = next((k for k, line in enumerate(out) if _beside(line, strip) and _signed(line.words + strip.words)
                  and not _signed(line.words) and not _signed(strip.words)), None)
        if k is None:
            out.append(strip)
        else:
            out[k] = out[k].read_as(out[k].words + strip.words)
    return out


def _beside(line: Line, other: Line) -> bool:
    """Whether two lines stand side by side on one row (:data:`SAME_ROW`), apart along it."""
    if not (line.bbox and other.bbox and line.words):
        return False
    (x, y, w, h), (x2, y2, w2, h2) = line.bbox, other.bbox
    shared = min(y + h, y2 + h2) - max(y, y2)
    return shared >= SAME_ROW * min(h, h2) and (x + w <= x2 or x2 + w2 <= x)


def _signed(words: list[Word]) -> bool:
    """Whether ``words`` read as a signature line giving a name."""
    text = words_text(sorted(words, key=lambda w: w.bbox[0]))
    return bool((fields.parse_signature(text) or (None,))[0] or fields.garbled_signature(text))


# A signature's date stands at the left margin, its name far to the right: a gap this many line heights wide.
DATE_GAP = 3.0


def _date_apart(image: np.ndarray, line: Line) -> tuple[tuple[int, int, int, int], list[Word]] | None:
    """Where a signature line's date is (to be read alone) and the words of the name after it; None on a line without
    such a gap. Read in one strip with the name, a faint date on a grainy scan (the name struck darker) reads as
    marks (``В а ЫЬ`` for ``21/11-52 г.``). The date is the line's first run of ink, no gap in it RUN_GAP lines
    wide: the page reading's words may have left part of it out."""
    words = sorted(line.words, key=lambda w: w.bbox[0])
    x, y, _, h = line.bbox
    gaps = [(b.bbox[0] - (a.bbox[0] + a.bbox[2]), k) for k, (a, b) in enumerate(zip(words, words[1:]), start=1)]
    gap, cut = max(gaps, default=(0, 0))
    if gap < DATE_GAP * h:
        return None
    runs = _runs(image, (x, y, words[cut].bbox[0] - h - x, h))
    end = runs[0][1] if runs else words[cut - 1].bbox[0] + words[cut - 1].bbox[2] - x
    return (x, y, end, h), words[cut:]


def _strip_date(image: np.ndarray, strip: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """An unread strip's first run of ink, to be read alone, where a gap DATE_GAP of its heights wide follows it (a
    signature's date apart from its name, :func:`_date_apart`; the page reading read neither); None otherwise."""
    x, y, _, h = strip
    runs = _runs(image, strip)
    if len(runs) < 2 or runs[1][0] - runs[0][1] < DATE_GAP * h:
        return None
    return (x, y, runs[0][1] + h // 2, h)


# A gap this many line heights wide parts runs of ink along a line: a typed space (``52 г.``) is narrower.
RUN_GAP = 2.0


def _runs(image: np.ndarray, box: tuple[int, int, int, int]) -> list[tuple[int, int]]:
    """The runs of ink along a box's row (columns from its left, past the last), no gap in one RUN_GAP lines wide."""
    x, y, w, h = box
    columns = np.flatnonzero(is_ink(image[y:y + h, x:x + w]).any(axis=0))
    pieces = np.split(columns, np.flatnonzero(np.diff(columns) > RUN_GAP * h) + 1) if columns.size else []
    return [(int(piece[0]), int(piece[-1]) + 1) for piece in pieces]


def _centred(line: Line, strip: Line) -> bool:
    return bool(line.bbox and strip.bbox) and centred_in(Word("", line.bbox, 0.0), strip.bbox)


# A word whose box holds this many typed characters more than were read lost some (``мп`` read ``м``).
SHORT_BY = 0.8
# The readings of such a word alone: enlargements of the bitonal page, the word padded this much.
ALONE = (1.0, 2.0)
WORD_PAD = 4


def _whole_words(image: np.ndarray, lines: list[Line], lang: str) -> list[Line]:
    """The footer lines with each word read shorter than its box read again alone, its reading taken when every
    reading alone that reads anything gives the same longer text, believably: in a line the model sometimes drops a letter of a
    typist's initials (``4 экз. м`` for ``мп``) that it reads alone. Typing is monospaced: a character's width is
    the footer's longer words' (their box over their letters), the whole footer's: the copies line may have none
    (``9 кз м``, its э lost)."""
    footer_lines = [(k, line) for k, line in enumerate(lines) if line.role is Role.FOOTER]
    widths = [w.bbox[2] / len(w.text) for _, line in footer_lines for w in line.words if len(w.text) >= 3]
    if not widths:
        return lines
    pitch = float(np.median(widths))
    short = [(k, j) for k, line in footer_lines for j, w in enumerate(line.words) if w.bbox[2] >= (len(w.text) + SHORT_BY) * pitch]
    if not short:
        return lines
    boxes = [lines[k].words[j].bbox for k, j in short]
    parts = [(image, (x - WORD_PAD, y - WORD_PAD, w + 2 * WORD_PAD, h + 2 * WORD_PAD), scale) for scale in ALONE for x, y, w, h in boxes]
    read = read_parts(parts, lang, psm=7)
    lines = list(lines)
    for n, (k, j) in enumerate(short):
        alone = [words for m in range(len(ALONE)) if (words := read[n + m * len(short)])]  # a tiny crop may read as nothing
        texts = {"".join(w.text for w in words) for words in alone}
        word = lines[k].words[j]
        if len(texts) == 1 and len(text := texts.pop()) > len(word.text) and all(
                footer.believable(text, min(w.confidence for w in words)) for words in alone):
            again = replace(word, text=text, confidence=min(w.confidence for words in alone for w in words))
            lines[k] = lines[k].read_as(lines[k].words[:j] + [again] + lines[k].words[j + 1:])
    return lines


# The typist's initials read again alone with only these (a faint ``б`` is read ``6`` otherwise).
LOWER_CASE = {"tessedit_char_whitelist": "абвгдежзийклмнопрстуфхцчшщъыьэюя"}
# The initials a reading votes for (:func:`ocr.footer.parse_footer_line` takes two or three letters of any case): two
# small letters, first name and surname, no name beginning with ъ, ы or ь (``ыб`` is ``нб`` misread).
_VOTED_INITIALS = re.compile(r"[а-щэюяё][а-яё]")
# Readings that must give the same initials, more than give any others, for them to be taken.
INITIALS_ALIKE = 2
# Where the initials begin: this many pitches past ``экз.``'s first letter (four characters and a space, less a
# glyph's margin), and a gap this many pitches wide ends them (a letter's gap is narrower).
INITIALS_FROM = 4.5
WORD_GAP = 0.8


def _initials(page: PreprocessedPage, lines: list[Line], lang: str, read: list[list[Word]]) -> list[Line]:
    """The lines with the copies line's typist's initials those most of their readings give: the line's and the first
    run of ink past ``экз.`` (:func:`_initials_box`) read alone in each way of :func:`ocr.reread.readings.read_each`,
    lower-case letters only; where those agree on none, the copies line's other readings among ``read`` (each of the
    footer's lines as read and read again) too. Typed small and faint, on a heavy scan one of them is dropped (``а``
    for ``ав``), read as a figure (``6`` for ``б``) or misread (``ми`` for ``мп``) by one reading or another. The
    line's readings err alike (the line read in four ways reads ``ыб`` for ``нб`` seven times of nine), so they are
    asked only after the initials alone. Initials the line gives already are made believable when so agreed (a faint
    ``нб`` read unsurely is typing)."""
    # A speck read beside the initials may make the copies line five words long (``2 экз. 8 м хх``).
    at = next((k for k, line in enumerate(lines) if line.role is Role.FOOTER and line.bbox and line.words
               and "copies_printed" in footer.parse_footer_line(line.text)), None)
    head = _copies_end(lines[at].words) if at is not None else None
    if not head:
        return lines
    line = lines[at]
    box = _initials_box(page.image, line, head, _pitch(lines))
    typed = [_typist(line.words)] + [_initials_read(words) for words in (read_each(page, [box], lang, extra=LOWER_CASE)[0] if box else [])]
    best = _agreed(typed)
    if best is None:
        typed += [_typist(words) for words in read if sorted(words, key=lambda w: w.bbox[0]) != line.words]
        best = _agreed(typed)
    if best is None and _contested(typed):
        # Initials the page read that as many readings read otherwise are no likelier than those: none is taken.
        return lines[:at] + [line.read_as(line.words[:head])] + lines[at + 1:]
    if best is None or typed[0][0] == best and footer.believable(typed[0][1].text, typed[0][1].confidence):
        return lines
    word = max((word for initials, word in typed if initials == best), key=lambda word: word.confidence)
    lines = list(lines)
    # Tesseract gives a whitelisted reading little confidence; read alike by INITIALS_ALIKE readings is typing.
    again = replace(word, text=best, confidence=max(word.confidence, footer.BELIEVABLE_CONFIDENCE))
    lines[at] = line.read_as(line.words[:head] + [again])
    return lines


def _agreed(typed: list[tuple[str | None, Word | None]]) -> str | None:
    """The initials more readings give than any others, by INITIALS_ALIKE readings, by one more where some read other
    initials (``пк`` twice and ``ик`` once for ``лк`` is no agreement); None where none are so agreed."""
    votes = Counter(initials for initials, _ in typed if initials).most_common(2)
    log.debug("the typist's initials as read: %s", votes)
    (best, alike), (_, other) = (votes + [(None, 0)] * 2)[:2]
    return best if alike > other and alike >= INITIALS_ALIKE + (other > 0) else None


def _contested(typed: list[tuple[str | None, Word | None]]) -> bool:
    """Whether the initials the page read (the first of ``typed``) are read otherwise by as many readings as read
    them (heavy ``мп`` read ``ма`` by the page and one reading alone, ``ми`` by two others)."""
    own = typed[0][0]
    votes = Counter(initials for initials, _ in typed if initials)
    return bool(own) and any(count >= votes[own] for initials, count in votes.items() if initials != own)


def _pitch(lines: list[Line]) -> float | None:
    """The typewriter's pitch: the footer's longer words' boxes over their letters."""
    widths = [w.bbox[2] / len(w.text) for line in lines if line.role is Role.FOOTER for w in line.words if len(w.text) >= 3]
    return float(np.median(widths)) if widths else None


def _initials_box(image: np.ndarray, line: Line, head: int, pitch: float | None) -> tuple[int, int, int, int] | None:
    """The box of the copies line's first run of ink half a letter wide or more INITIALS_FROM pitches past
    ``экз.``'s first letter (its word's box may take in the initials' first letter; a speck before them is no
    letter), padded, on the rows the number and ``экз.`` are typed on (:func:`_typed_rows`); None where there is none."""
    if not pitch:
        return None
    label = line.words[head - 1]
    start = int(label.bbox[0] + INITIALS_FROM * pitch)
    y, h = _typed_rows(image, line, start)
    columns = np.flatnonzero(is_ink(image[y:y + h, start:start + int(6 * pitch)]).sum(axis=0) >= 2)
    runs = np.split(columns, np.flatnonzero(np.diff(columns) > WORD_GAP * pitch) + 1) if columns.size else []
    run = next((run for run in runs if run[-1] - run[0] >= pitch / 2), None)
    if run is None:
        return None
    pad = max(2, h // 3)
    return (max(0, start + int(run[0]) - pad), max(0, y - pad), int(run[-1] - run[0]) + 2 * pad, h + 2 * pad)


def _typed_rows(image: np.ndarray, line: Line, end: int) -> tuple[int, int]:
    """The top and height of the copies line's typing: the run of rows in its box holding the most ink left of
    ``end`` (its number and ``экз.``). A line read alone gets a box as tall as its crop, which on a footer typed
    close takes in the top of the next line: its initials read with it read as neither (``а`` for ``нб``)."""
    x, y, _, h = line.bbox
    counts = is_ink(image[y:y + h, x:end]).sum(axis=1)
    rows = np.flatnonzero(counts >= 2)
    if not rows.size:
        return y, h
    runs = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    best = max(runs, key=lambda run: counts[run].sum())
    return y + int(best[0]), int(best[-1] - best[0]) + 1


def _initials_read(words: list[Word]) -> tuple[str | None, Word | None]:
    """The initials a reading of their word alone gives (two lower-case letters), and their word."""
    text = "".join(w.text for w in words)
    return (text, words[0]) if _VOTED_INITIALS.fullmatch(text) else (None, None)


def _typist(words: list[Word]) -> tuple[str | None, Word | None]:
    """The typist's initials a reading of the copies line gives (two lower-case letters), and their word."""
    found = footer.parse_footer_line(words_text(words)).get("typist")
    if not found or not _VOTED_INITIALS.fullmatch(str(found)):
        return None, None
    return str(found), next((w for w in words if w.text.strip(".,:;`'‘’_-").lower() == found), words[-1])


def _copies_end(words: list[Word]) -> int | None:
    """How many of the copies line's words are its number and ``экз.`` (the initials follow); None where the
    first words giving the number give initials too (read as one word with ``экз.``)."""
    for k in range(1, len(words) + 1):
        found = footer.parse_footer_line(words_text(words[:k]))
        if "copies_printed" in found:
            return None if "typist" in found else k
    return None


def _unread_boxes(page: PreprocessedPage, lines: list[Line], start: int, standing: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Where footer or signature lines the page reading left out may be, below the message: ``Верно:`` with a
    pen's scrawl beside it is often skipped whole, a signature's date beside the scrawl over its name, faint
    footer lines on a heavy scan. Each band of the page's ``standing`` ink there that no word covers, to be read
    as one line."""
    above = lines[start - 1].bbox if start else None
    top = above[1] + above[3] if above else 0
    words = [w for line in lines for w in line.words]
    ink = unread_ink(standing, words)
    boxes = []
    for band in unread_bands(ink, words, beside_words=True):
        if band[0] >= top:
            boxes.append(strip_box(ink, band))
    return [box for box in boxes if box]


def _typed(words: list[Word]) -> list[Word]:
    """A reading of an unread band less a pen's scrawl read in it: its label, and the words after it read believably."""
    return [w for w, keep in zip(words, footer.typing([(w.text, w.confidence) for w in words])) if keep]


def _unread(read: list[list[Word]], page: int) -> list[Line]:
    """The unread bands' readings (:func:`_typed`) that give a footer or signature field, as lines."""
    return [Line(text="", page=page).read_as(words) for words in read if words and _fields(words)]
