"""A signer's letter-spaced name read under the pen signature across it (``П А Н Ю Ш К И Н`` with a scrawl over
its last letters).

Page segmentation reads the first letter or two and stops where the pen's loops begin, or reads none but a
loop, a faint first letter beside it left out: the name's cells run back from the first letter it read while
they hold letters. The pen is told from
the type by shape: it leaves the type's band (loops above and below the line), it joins letters a typed
letter never touches, and where it is drawn thicker than the type its strokes are thick ridges running on
for half a line height and more. What is left in the band is read cell by cell at the name's pitch (twice
the typewriter's: the name is letter-spaced), the cells squeezed together into one word and read with the
Cyrillic capitals only, for two margins of the pen's width. A name is taken only when a margin's two readings
(as cleaned, and enlarged) give the same letters, one a cell, no margin gives other letters, and the cell
after the last holds no letter: a letter the pen took away, or a faint one left out, is no name. One reading alone
gives it too where each other reading only left one of its letters out (the crossed letter read by one
enlargement, dropped by the rest) and none read a letter otherwise. The name must spell a word form the
dictionary knows (surnames it knows as such): letters broken by the pen are read alike by two readings now and
then (``БЕПРОР`` for ``Б О Д Р О В``), and a wrong name is worse than none. Letters that spell no word but the
one name with one letter misread (``ШТЕКОВ``: the pen's loop across the ``Ы``) are that name, as an addressee's are.

A pen drawn as thin as the type is taken out by its course (:mod:`ocr.reread.pen_trace`): what crosses the gaps
between the cells and runs on from there thinly. Those crops (one keeping the flat stretches joined to a stem, a
letter's bar, one not) are read too, and the name most of all crops read alike, each as read or one letter off,
is taken (:func:`_named_alike`); the readings of the pen as cleaned must not agree on another.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import os
from collections import Counter
from collections.abc import Iterator

import cv2
import numpy as np

from ocr import fields
from ocr.correct.lexicon import lexicon
from ocr.correct.names import begun_listed, names_near, nearest_listed, spelt_name
from ocr.lines import Line, Role, Word
from ocr.preprocess.geometry import ink_runs
from ocr.recognize import enlarged, read_crops
from ocr.reread.pen_trace import without_crossing, without_entering
from ocr.signer import SHORTEST_NAME, signer, spelt

log = logging.getLogger(__name__)

# The strokes' cores, without the light rims a grey page keeps: their widths tell the pen from the type.
CORE_LEVEL = 160
# A faded ribbon types grey (its darkest pixels 130 to 180): its letters' cores would fall short of CORE_LEVEL and
# leave no cell a letter, so where the page as it is gives no name it is read darkened till the date's type (its
# TYPE_SHARE darkest pixels) is INK_LEVEL.
INK_LEVEL = 60
TYPE_SHARE = 3

CAPITALS = {"tessedit_char_whitelist": "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯ"}
# A typed glyph's box is about this many pitches narrower than its cells (a date of n characters spans n - 0.4).
GLYPH_SHORT = 0.4
# A pen's stroke drawn thicker than the type: its ridge this many pixels above the type's half-width (just
# thicker, or clearly: a blurred scan thickens the type too, and no one margin takes the pen out best everywhere).
THICKER = (0.2, 0.6)
# A cell holds a letter when its ink covers this share of the band's height; the next cell (past the name) holds
# no letter the pen left whole spanning PART_HEIGHT of it (a faint or broken one), nor, as scanned, ink as tall
# as a letter and more than EMPTY_AFTER of the name's cells' mean: else the name's end is under the pen.
LETTER_HEIGHT = 0.6
PART_HEIGHT = 0.4
EMPTY_AFTER = 0.3
# A letter's bar spans this share of its cell at least (a pen's slanting stroke crosses a row in less).
BAR = 0.3
# Of a cell this share about its centre is read (the rest is the gap a letter-spaced name leaves).
CELL_SHARE = 0.6


def _core(image: np.ndarray) -> np.ndarray:
    return image < CORE_LEVEL


def darkened(image: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """``image`` with its grey levels stretched from the paper's white so the type in ``box`` is as dark as INK_LEVEL;
    as it is where the type is that dark already."""
    x, y, w, h = box
    ink = float(np.percentile(image[y:y + h, x:x + w], TYPE_SHARE)) if w > 0 and h > 0 else 0.0
    if ink <= INK_LEVEL or ink >= 255:
        return image
    scale = (255 - INK_LEVEL) / (255 - ink)
    return np.clip(255 - (255 - image.astype(np.float32)) * scale, 0, 255).astype(image.dtype)


# A pen's ink darker than the type (black ink across a carbon copy's grey letters): pixels darker than the typed
# date's darkest PEN_SHARE, in strokes half a line long (the type's darkest pixels are specks in its strokes), are the
# pen's, with PEN_RIM pixels about them (a grey scan's blurred edge, as grey as the type).
PEN_SHARE = 1
PEN_RIM = 2


def toned_out(grey: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray | None:
    """The grey page with the pen's strokes darker than the type of the date at ``box`` made paper in the rows
    :func:`read_name` reads (two line heights about the date's); None where no such stroke crosses them."""
    x, y, w, h = box
    if w <= 0 or h <= 0:
        return None
    darkest = float(np.percentile(grey[y:y + h, x:x + w], PEN_SHARE))
    top, bottom = max(0, y - 2 * h), y + 3 * h
    count, labels, stats, _ = cv2.connectedComponentsWithStats((grey[top:bottom] < darkest).astype(np.uint8), connectivity=8)
    strokes = [k for k in range(1, count) if max(stats[k, cv2.CC_STAT_WIDTH], stats[k, cv2.CC_STAT_HEIGHT]) >= h / 2]
    if not strokes:
        return None
    rim = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * PEN_RIM + 1,) * 2)
    pen = cv2.dilate(np.isin(labels, strokes).astype(np.uint8), rim) > 0
    out = grey.copy()
    out[top:bottom][pen] = 255
    return out


def _ridges(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each ink pixel's distance to the paper, and the strokes' ridge (where the distance peaks)."""
    dist = cv2.distanceTransform(ink.astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    return dist, (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8))) & ink


def _pen(ink: np.ndarray, pen_width: float, height: int) -> np.ndarray:
    """The pixels of pen strokes drawn thicker than the type: ridges thicker than ``pen_width`` running at least
    half the line's height (a letter's junction is a dot of thick ridge), widened to the pen's width."""
    dist, ridge = _ridges(ink)
    core = (ridge & (dist > pen_width)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(core, np.ones((3, 3), np.uint8)), connectivity=8)
    runs = [k for k in range(1, count) if max(stats[k, cv2.CC_STAT_WIDTH], stats[k, cv2.CC_STAT_HEIGHT]) >= height / 2]
    core &= np.isin(labels, runs).astype(np.uint8)
    if not core.any():
        return core.astype(bool)
    radius = int(np.ceil(np.median(dist[core > 0])))
    return cv2.dilate(core, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1,) * 2)).astype(bool)


def without_pen(crop: np.ndarray, band: tuple[int, int], pitch: float, pen_width: float) -> tuple[np.ndarray, np.ndarray]:
    """The crop (ink dark on white) with the pen taken out: what joins letters or leaves the type's band
    ``band`` (rows) kept only inside the band and off the pen's strokes (ridges thicker than ``pen_width``); the
    type's own letters kept whole; and where those whole letters are (no pen touched them)."""
    ink = _core(crop)
    height = band[1] - band[0]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    pen = _pen(ink, pen_width, height)
    slack = 0.3 * height
    kept, whole = np.zeros_like(ink), np.zeros_like(ink)
    for k in range(1, count):
        x, y, w, h, _ = stats[k]
        part = labels == k
        if y >= band[0] - slack and y + h <= band[1] + slack and w <= pitch:
            whole |= part
        else:
            part[:band[0]] = part[band[1]:] = False
            part &= ~pen
        kept |= part
    return np.where(kept, crop, 255).astype(crop.dtype), whole


def _traced_out(clean: np.ndarray, first: float, pitch: float, bars: bool) -> tuple[np.ndarray, np.ndarray]:
    """The band ``clean`` with the pen's strokes across the gaps between its cells taken out
    (:func:`ocr.reread.pen_trace.without_crossing`), and where they were."""
    ink = _core(clean)
    return _taken_out(clean, ink & ~without_crossing(ink, first, pitch, bars))


def _entered_out(clean: np.ndarray, crop: np.ndarray, band: tuple[int, int], pitch: float, whole: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The band ``clean`` (of ``crop``) with the pen's strokes entering it from above or below taken out
    (:func:`ocr.reread.pen_trace.without_entering`: a loop's steep side across a letter), and where they were."""
    ink = _core(crop)
    return _taken_out(clean, ink[band[0]:band[1]] & ~without_entering(ink, band, pitch, whole))


def _taken_out(clean: np.ndarray, pen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The band ``clean`` without the pen's pixels ``pen`` and a pixel about them (a grey scan's light rims), and
    where they were."""
    pen = cv2.dilate(pen.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    return np.where(pen, 255, clean).astype(clean.dtype), pen


def _cell(centre: float, pitch: float) -> tuple[int, int]:
    """The columns read of the cell about ``centre``."""
    return int(centre - CELL_SHARE * pitch / 2), int(centre + CELL_SHARE * pitch / 2)


def _holds_letter(clean: np.ndarray, cell: tuple[int, int]) -> bool:
    return _lettered(_core(clean[:, cell[0]:cell[1]]))


def _lettered(ink: np.ndarray) -> bool:
    """Whether a cell's ink may be a letter: as tall as LETTER_HEIGHT of the band, and no lone stroke (a pen's
    loop the tracing left, ``)``): every capital has two strokes side by side on some row or a bar across it."""
    rows = [ink_runs(row) for row in ink]
    return _extent(ink) >= LETTER_HEIGHT * ink.shape[0] and any(
        len(found) > 1 or any(b - a >= BAR * ink.shape[1] for a, b in found) for found in rows)


def _first_centre(clean: np.ndarray, found: float, pitch: float) -> float:
    """The name's first letter's centre: the page reading may have read none of the letters before the one it
    found at ``found`` (a faint ``Ш`` beside the pen's first loop, the crossed ``Т`` after it), so each cell a
    pitch before it holding a letter as tall as the band is the name's too (the crop begins past the year)."""
    centre = found
    while _cell(centre - pitch, pitch)[0] >= 0 and _holds_letter(clean, _cell(centre - pitch, pitch)):
        centre -= pitch
    return centre


def _cells(clean: np.ndarray, whole: np.ndarray, ink: np.ndarray, first: float, pitch: float) -> list[tuple[int, int]] | None:
    """The name's cells (column ranges) from the first letter's centre on, a pitch apart, while each holds a
    letter as tall as the band; None when the cell after the last may still hold one (faint, or under the pen), or
    the one after that does."""
    height = clean.shape[0]
    cells, shares = [], []
    centre = first
    while centre + pitch / 2 <= clean.shape[1] and _holds_letter(clean, _cell(centre, pitch)):
        cells.append(_cell(centre, pitch))
        shares.append(ink[:, cells[-1][0]:cells[-1][1]].mean())
        centre += pitch
    a, b = _cell(centre, pitch)
    # A letter a cell further on: the cell between is a letter the pen took the most of (``Ф Е Д О Р`` of
    # ``Ф Е Д О Р Е Н К О`` with a loop across its ``Е``), no name's end.
    further = _cell(centre + pitch, pitch)
    if not cells or further[1] <= clean.shape[1] and _holds_letter(clean, further) or _extent(whole[:, a:b]) >= PART_HEIGHT * height or (
            ink[:, a:b].size and ink[:, a:b].mean() > EMPTY_AFTER * np.mean(shares) and _lettered(ink[:, a:b])):
        return None
    return cells


def _pitch(image: np.ndarray, date: Word, first: Word) -> float:
    """The name's pitch (twice the typewriter's) from the typed date's box and its characters as read; where the
    date was read a character long or short (a speck read as a figure: ``5/106-52`` for ``5/10-52``, cells too
    narrow to stay on the letters past the fourth), the count that gives the pitch nearest the one its letters
    measure where the page read a few of them apart (``ФЕДО``, :func:`_spaced_pitch`)."""
    width = date.bbox[2]
    counts = [n for n in (len(date.text), len(date.text) - 1, len(date.text) + 1) if n - GLYPH_SHORT >= 1]
    pitches = [2 * width / (n - GLYPH_SHORT) for n in counts] or [2.0 * width]
    spaced = _spaced_pitch(image, first)
    return pitches[0] if spaced is None else min(pitches, key=lambda pitch: abs(pitch - spaced))


def _spaced_pitch(image: np.ndarray, word: Word) -> float | None:
    """The pitch of a word of letter-spaced capitals the page read (``ФЕДО``): its letters' centres' spacing where
    its ink stands in as many runs apart as it has letters, three at least (no pen's stroke joins two); else None."""
    x, y, width, height = word.bbox
    runs = ink_runs(_core(image[y:y + height, x:x + width]).any(axis=0)) if width > 0 and height > 0 else []
    if len(runs) < 3 or len(runs) != sum(c.isalpha() for c in word.text):
        return None
    return ((runs[-1][0] + runs[-1][1]) - (runs[0][0] + runs[0][1])) / 2 / (len(runs) - 1)


def _extent(ink: np.ndarray) -> int:
    """How many rows the ink spans, top to bottom."""
    rows = np.flatnonzero(ink.any(axis=1))
    return int(rows[-1] - rows[0]) if rows.size else 0


def read_name(image: np.ndarray, date: Word, first: Word, year_end: float, lang: str) -> list[Word]:
    """The name's letters, one word each in its cell, read under the pen on ``image`` (the page as read,
    ink dark); none when the readings differ or do not give one letter a cell. ``date``: the line's typed
    date (its pitch and type), ``first``: the first of the name's letters the page reading found, ``year_end``:
    where the year's ``г.`` ends (the name begins past it)."""
    top, height = date.bbox[1], date.bbox[3]  # the figures stand as tall as the capitals; a word the pen crossed, taller
    bottom = top + height
    pitch = _pitch(image, date, first)
    x0 = max(0, int(min(year_end, first.bbox[0] - pitch / 2)))
    centre = first.bbox[0] - x0 + min(first.bbox[2], pitch / 2) / 2  # the found letter's (a word may hold two)
    crop = image[max(0, top - 2 * height):bottom + 2 * height, x0:]
    band = (top - max(0, top - 2 * height), bottom - max(0, top - 2 * height))
    dx, dy, dw, dh = date.bbox
    dist, ridge = _ridges(_core(image[dy:dy + dh, dx:dx + dw]))
    if not ridge.any() or not crop.size:
        return []
    type_width = float(np.percentile(dist[ridge], 75))
    words, layouts, plain = [], [], []
    for thicker in THICKER:
        kept, whole_crop = without_pen(crop, band, pitch, type_width + thicker)
        clean, whole = kept[band[0]:band[1]], whole_crop[band[0]:band[1]]
        first_centre = _first_centre(clean, centre, pitch)
        (barred, _), (traced, pen) = (_traced_out(clean, first_centre, pitch, bars) for bars in (True, False))
        entered, entered_pen = _entered_out(clean, crop, band, pitch, whole_crop)
        both, both_pen = _traced_out(entered, first_centre, pitch, False)
        ink = _core(crop[band[0]:band[1]])
        # The name's end told with the strokes entering the band out too where the gaps' alone leave a letter's ink after it.
        cells = _cells(traced, whole, ink & ~pen, first_centre, pitch) or _cells(
            both, whole, ink & ~(entered_pen | both_pen), first_centre, pitch)
        if cells and len(cells) >= 3:
            for variant in (clean, barred, traced, entered, both):
                word = np.hstack([variant[:, a:b] for a, b in cells])
                word = cv2.copyMakeBorder(word, height // 2, height // 2, height // 2, height // 2, cv2.BORDER_CONSTANT, value=255)
                if not any(word.shape == other.shape and np.array_equal(word, other) for other in words[::2]):
                    words += [word, enlarged(word, 2.0)]  # a thin pen leaves no thick ridge: margins alike read once
                    layouts += [cells, cells]
                    plain += [variant is clean] * 2
    readings = [("".join(w.text for w in found), min((w.confidence for w in found), default=0.0), tuple(cells))
                for found, cells in zip(read_crops(words, lang, 7, extra=CAPITALS), layouts)]
    log.debug("a signer's name under the pen read %s", [(text, len(cells)) for text, _, cells in readings])
    # The pen as cleaned: each margin gives the name its two readings agree on, one letter a cell; the margins must
    # not differ. The pen's strokes across the gaps traced out too, a name read alike by several crops.
    as_cleaned = [reading for reading, kept in zip(readings, plain) if kept]
    given = {(first[0], first[2]): min(first[1], second[1]) for first, second in zip(as_cleaned[::2], as_cleaned[1::2])
             if first[0] == second[0] and len(first[0]) == len(first[2])}
    given |= _fuller(as_cleaned, {text for text, _ in given})
    given |= _named_alike(readings, {text for text, _ in given})
    given = given or _listed_alike(readings) or _begun_alike(readings)
    if len({_name_of(text) or text for text, _ in given}) != 1:
        return []
    (best, cells), confidence = min(given.items(), key=lambda item: item[1])
    return [Word(text=letter, bbox=(x0 + a, top, b - a, height), confidence=confidence) for letter, (a, b) in zip(best, cells)]


def _fuller(readings: list[tuple[str, float, tuple]], agreed: set[str]) -> dict[tuple[str, tuple], float]:
    """The name one reading alone gives in full, one letter a cell, where each other reading only left letters of
    it out (``ЛЕБДЕВ`` beside ``ЛЕБЕДЕВ``: a letter the pen crossed read by one enlargement, dropped by the rest) and
    it spells a word the dictionary knows; none where a reading reads any letter otherwise or leaves more than
    LEFT_OUT out (a reading of next to nothing backs no name), or the margins' agreed names differ from it."""
    full = {(text, cells): confidence for text, confidence, cells in readings
            if len(text) == len(cells) and spelt(text) and all(_within(other, text) for other, _, _ in readings)}
    return full if len({text for text, _ in full} | agreed) == 1 else {}


# Readings naming a name alike that give it (a single reading may be a chance of the pen's strokes).
NAMED_ALIKE = 2


def _named_alike(readings: list[tuple[str, float, tuple]], agreed: set[str]) -> dict[tuple[str, tuple], float]:
    """The name NAMED_ALIKE readings (of different crops) at least give, one letter a cell, each as read or with one
    letter misread (:func:`ocr.correct.names.spelt_name`: the pen's stroke across a letter read differently in
    each crop), more readings than give any other name together (a crop the tracing broke a letter of may spell
    a word, ``РОДИЧ``); none where the agreed names differ from it. A reading one letter short of its cells that is
    such a name with that letter left out backs it (``ПУШКИ`` beside ``ПУШКИМ``: the pen across the ``Н`` dropped it).
    A reading one letter off several names backs each (``РОЦИН``: ``РОБИН``, ``РОЩИН``, ...), the short readings
    telling them apart (``РОЩИ``): the name must be backed by more readings than any other, and by more than half of
    those backing any."""
    named: dict[str, dict[tuple, list[float]]] = {}
    backing: dict[str, set[int]] = {}
    for k, (text, confidence, cells) in enumerate(readings):
        for name in ([text] if spelt(text) else names_near(text, lexicon())) if len(text) == len(cells) else []:
            named.setdefault(name, {}).setdefault(cells, []).append(confidence)
            backing.setdefault(name, set()).add(k)
    for name, backers in backing.items():
        backers |= {k for k, (text, _, cells) in enumerate(readings) if len(text) == len(cells) - 1 == len(name) - 1 and _within(text, name)}
    ranked = sorted(backing, key=lambda name: len(backing[name]), reverse=True)
    best = ranked[0] if ranked else None
    if best is None or len(backing[best]) < NAMED_ALIKE or 2 * len(backing[best]) <= len(set().union(*backing.values())) or (
            len(ranked) > 1 and len(backing[ranked[1]]) == len(backing[best])) or {_name_of(text) or text for text in agreed} - {best}:
        return {}
    return {(best, cells): min(confidences) for cells, confidences in named[best].items()}


# Readings that must read the same listed name nearest, more than read any other, for it to be the name.
LISTED_ALIKE = 3


def _listed_alike(readings: list[tuple[str, float, tuple]]) -> dict[tuple[str, tuple], float]:
    """Where no name is read alike: the listed name of the period that LISTED_ALIKE readings more than read any
    other each read nearest of those with as many letters as their cells (:func:`ocr.correct.names.nearest_listed`:
    ``ИРЫКОН``, ``ИЫКОЫ``, ``ИРЫКОЫ`` for ``Ш Т Ы К О В``, the pen's loops across every letter), and no reading of a
    letter a cell another; none otherwise. A reading a letter or more short is nearest some name of the cells' length
    by chance now and then (``ТИХОН``: ``МИКОЯН``); one of a letter a cell is not. An archive's signers are its
    embassies' heads, few and known: a name read this far off is one of them or none."""
    named: dict[tuple[str, tuple], list[float]] = {}
    backers: Counter[str] = Counter()
    full: set[str] = set()
    for text, confidence, cells in readings:
        if name := nearest_listed(text, len(cells), lexicon()):
            named.setdefault((name, cells), []).append(confidence)
            backers[name] += 1
            if len(text) == len(cells):
                full.add(name)
    best = max(backers, key=backers.__getitem__, default=None)
    if best is None or full - {best} or 2 * backers[best] - backers.total() < LISTED_ALIKE:
        return {}
    return {key: min(confidences) for key, confidences in named.items() if key[0] == best}


# Letters every reading must give alike at the name's start for the one listed name they begin to be it.
BEGUN_ALIKE = 3


def _begun_alike(readings: list[tuple[str, float, tuple]]) -> dict[tuple[str, tuple], float]:
    """Where no name is read alike or near one: the one listed name of the period as long as the cells that begins
    with the BEGUN_ALIKE letters or more every reading of anything gives first (``ПАНУЗОХ``, ``ПАННИНУЛ``, ``ПАНПО`` for
    ``П А Н Ю Ш К И Н``: the pen's loops across all letters but the first three, read differently by each crop),
    all readings of one count of cells; none otherwise. The name's end is told by the cell after it
    (:func:`_cells`), and an archive's signers are its embassies' heads, few and known."""
    read = [(text, confidence, cells) for text, confidence, cells in readings if text]
    lengths = {len(cells) for _, _, cells in read}
    begun = os.path.commonprefix([text for text, _, _ in read])
    if len(lengths) != 1 or len(begun) < BEGUN_ALIKE or not (name := begun_listed(begun, min(lengths), lexicon())):
        return {}
    return {(name, cells): min(c for _, c, own in read if own == cells) for _, _, cells in read}


def _name_of(text: str) -> str | None:
    """The name letters read spell as they are or with one letter misread (:func:`ocr.correct.names.spelt_name`)."""
    return text if spelt(text) else spelt_name(text, lexicon())


# Letters another reading may leave out of a name one reading gives in full.
LEFT_OUT = 1


def _within(part: str, whole: str) -> bool:
    """Whether ``part`` is ``whole`` with at most LEFT_OUT letters left out (in order)."""
    letters = iter(whole)
    return len(part) >= len(whole) - LEFT_OUT and all(letter in letters for letter in part)


def _name_words(line: Line) -> tuple[Word | None, float, list[Word]]:
    """A signature line's typed date (its longest piece: OCR may read ``6/5-51`` as ``6/`` and ``5-51``), where its
    year's ``г.`` ends, and the words after that with letters."""
    dated = next((k for k, w in enumerate(line.words) if any(c.isdigit() for c in w.text)), None)
    if dated is None:
        return None, 0.0, []
    pieces = list(itertools.takewhile(lambda w: any(c.isdigit() for c in w.text), line.words[dated:]))
    date, last = _joined(pieces), pieces[-1]
    # ``г.`` a space after the year
    year_end = last.bbox[0] + last.bbox[2] + 2 * date.bbox[2] / max(1.0, len(date.text) - GLYPH_SHORT)
    after = [w for w in line.words[dated + len(pieces):] if any(c.isalpha() for c in w.text)
             and not (w.text.strip(".,") in ("г", "п") and w.bbox[0] < year_end)]
    return date, year_end, after


def _joined(pieces: list[Word]) -> Word:
    """The date read in ``pieces`` as one word across them all, its characters theirs (a piece's box is its
    glyphs', so the longest alone gives the pitch less surely: ``6/`` and ``5-51`` with a narrow ``1`` at its end),
    where they stand on one row a character or less apart; else the longest piece."""
    longest = max(pieces, key=lambda w: len(w.text))
    char = longest.bbox[2] / max(1.0, len(longest.text) - GLYPH_SHORT)
    left, right = pieces[0].bbox[0], pieces[-1].bbox[0] + pieces[-1].bbox[2]
    apart = any(b.bbox[0] - (a.bbox[0] + a.bbox[2]) > char for a, b in zip(pieces, pieces[1:]))
    if len(pieces) == 1 or apart or any(abs(w.bbox[1] - longest.bbox[1]) > longest.bbox[3] / 2 for w in pieces):
        return longest
    top, bottom = min(w.bbox[1] for w in pieces), max(w.bbox[1] + w.bbox[3] for w in pieces)
    return dataclasses.replace(longest, text="".join(w.text for w in pieces), bbox=(left, top, right - left, bottom - top))


def _first_letter(image: np.ndarray, date: Word, year_end: float) -> Word | None:
    """Where the name begins when the page reading read none of it: the first ink past the year's ``г.`` as
    tall as the date's figures (a pen's tail across the band is lower), as wide as a typed glyph (its centre the cell's)."""
    x, y, width, height = date.bbox
    band = _core(image[y:y + height, int(year_end):])
    tall = np.flatnonzero(band.any(axis=0) & (np.argmax(band[::-1], axis=0) + np.argmax(band, axis=0) <= (1 - LETTER_HEIGHT) * height))
    glyph = round(width / max(1.0, len(date.text) - GLYPH_SHORT) * (1 - GLYPH_SHORT))
    return Word(text="", bbox=(int(year_end) + int(tall[0]), y, glyph, height), confidence=0.0) if tall.size else None


def under_pen(image: np.ndarray, line: Line, lang: str, grey: np.ndarray | None = None) -> Line:
    """A signature line with its name read under the pen (:func:`read_name`) where the record would take no name
    from the page's reading (a letter or two, marks, or letters read unsurely), its date kept; the line as it is
    otherwise. ``grey``: the page in grey (same frame), where a pen darker than the type can be told by its tone."""
    date, year_end, words = _name_words(line)
    if line.role is not Role.SIGNATURE or date is None:
        return line
    if signer(line):  # the record takes the name the page read
        return line
    read = (fields.parse_signature(line.text) or ("", None))[0] or ""
    # A name read as letters only; a pen's scrawl reads as letters mixed with figures and marks (``рясА0и Г-ет``).
    page_name = sum(c.isalpha() for c in read) if read.replace(" ", "").isalpha() else 0
    for page in _pages_to_read(image, date.bbox, grey):
        first = words[0] if words else _first_letter(page, date, year_end)
        found = _named(read_name(page, date, first, year_end, lang) if first else [])
        # An unsure name the page read in full is not given up for a shorter one (a faint last letter left out).
        if found and spelt("".join(w.text for w in found)) and not (page_name >= SHORTEST_NAME and len(found) < page_name):
            return line.read_as([w for w in line.words if w.bbox[0] < min(first.bbox[0], found[0].bbox[0])] + found)
    return line


def _pages_to_read(image: np.ndarray, box: tuple[int, int, int, int], grey: np.ndarray | None) -> Iterator[np.ndarray]:
    """The pages to read the name on, each made only where the one before gave no name (a whole page's grey
    levels): as scanned first (grey type stretched reads its letters' light rims otherwise: ``ФЕДОЮЕМКО``), then
    :func:`darkened` where it differs (its cores too faint to find the cells), then the grey page with a pen darker
    than the type taken out by its tone (:func:`toned_out`), darkened (a carbon copy's grey letters under a black
    pen's loops, which the pen's shape alone leaves joined: ``К И С Е Л Е В``)."""
    yield image
    darker = darkened(image, box)
    if darker is not image:
        yield darker
    if grey is not None and (toned := toned_out(grey, box)) is not None:
        yield darkened(toned, box)


def _named(found: list[Word]) -> list[Word]:
    """The name's letters as read or, where they spell no word, those of the one name they read as with one
    letter misread (:func:`ocr.correct.names.spelt_name`: ``ШТЕКОВ`` for ``Ш Т Ы К О В``, the pen's loop
    across its ``Ы``): a letter a cell, the rest agreed by two readings, and no other name as near."""
    right = spelt_name("".join(w.text for w in found), lexicon()) if found else None
    return [dataclasses.replace(w, text=c) for w, c in zip(found, right, strict=True)] if right else found
