"""A registry stamp's number and date lines read again, in figures: each such line binarised on
its own ink, enlarged, and with its thinner strokes opened away (typing under it), read with Tesseract
kept to the characters those lines are written in, all of a stamp's in one run; of the line's readings,
the number or date most of them agree on is kept, written as registry stamps write it (``Вх. № 0412-сс``,
``26 IX 1949 г.``); a Roman month is read on its ink.
"""

from __future__ import annotations

import os
import re

import cv2
import numpy as np

from ocr.form import ROMAN_MONTHS
from ocr.lines import Word, words_text
from ocr.preprocess.geometry import ink_runs
from ocr.recognize import enlarged, read_crops
from ocr.reread.readings import binarised, voted
from ocr.stamps import parse

# What a number or date line is cut in: figures, ``Вх. №``, a suffix's letters, a Roman month as the
# Cyrillic models read it (they hold no Latin: I comes out as 1 or |, X as Х, V as У).
FIGURE_CHARACTERS = {"tessedit_char_whitelist": "0123456789№ВвХхУ|.-/сг "}
MIN_DIGITS = 2  # figures in a line's first reading for it to be read again as a number or date line
# A registry number's figures as stamps carry them (its secrecy suffix, ``-с`` or ``/сс``, aside).
NUMBER_SHAPE = re.compile(r"\d{3,5}")
AGREED = 4  # figures two readings of a number share, from which what follows in both may be its suffix misread (:func:`agreed`)
DAY = re.compile(r"\d{1,2}")
# A day's figures run into its month's letters (the space between them lost to a speck): its figures, then no figure.
RUN_INTO_MONTH = re.compile(r"(\d{1,2})[^\d\s]")
DAY_MARKS = "\"'.,-–—“”„«»`^"  # specks and typing's quotes read beside a day's figures
# A date as a stamp writes it, read whole: its day, a Roman month as the Cyrillic models read it, its year in full.
WHOLE_DATE = re.compile(rf"\d{{1,2}}\s+[{parse.ROMAN_CHARS}]{{1,4}}\s+19\d{{2}}(?!\d)")
# A date read as one word: a day's figure, what its month was read as, its year's four figures (the first misread).
RUN_TOGETHER = re.compile(r"(?P<before>\d\S+?)(?P<year>(?:19|[+!|l4-79]9)[" + parse.DECADES + r"]\d)")
YEAR_WORD = re.compile(parse.YEAR_IN_FULL + r"(?:\s*г\.?)?\.*")  # a date's year as read, its ``г.`` with it
FULL_STROKE = 0.85  # of a word's rows but its top and bottom tenth: the ink a column of an upright stroke holds
NARROW = 0.45  # of a word's height: the widest an I is (with serifs)
BLOCK = 0.75  # of a piece's widest row across: its narrowest, where it is I's run together
POINT = 0.6  # of a piece's width across near its top: the most a V's point, or an X's crossing, spans
LEAN = 0.12  # of a piece's height: the most its top's ink stands aside from its bottom's in an upright stroke
ENLARGE = 2.0  # times a number or date line is enlarged for one of its readings again
# px, at the line's scale (its capitals :data:`~ocr.stamps.textlines.LINE_HEIGHT` tall): strokes narrower than
# each are taken out for a reading of their own. Typing under a stamp's line is often cut in thinner strokes than
# the stamp (a typewriter's face under a bold stamp); at 3 and 5 px of a 40 px capital (the stamp's own strokes,
# 4-8 px, stay) numbers read exact rose 2 -> 4 of 15 and dates 0 -> 2 of 15 on the st1000 tuning stamps.
THIN_STROKES = (3, 5)
SLIVER = 0.05  # of a word's box's height: a piece of ink narrower is no letter's stroke (a stamp's are 0.1-0.2)
SPECK = 0.3  # of a word's height: a piece of ink no taller is a speck or a dot
JOINS = 2  # letters of a Roman month run together at their serifs that are cut apart, at most
BRIDGE = 0.25  # of a word's height: the most ink a column joining two letters at their serifs holds
EDGE = 0.2  # of a word's height: no cut between letters nearer a piece's side (an I's serif, a V's arm)


def figure_line(text: str) -> bool:
    """Whether a line as first read may be a number or date line: figures, or a ``№``."""
    return sum(c.isdigit() for c in text) >= MIN_DIGITS or "№" in text


def chosen(readings: list[str]) -> str:
    """A number or date line from its readings (its first reading, then the re-readings): the number or
    date most of them agree on (a number by its figures), written out in full; the first reading where none holds either."""
    numbers = [parse.incoming_number(r) for r in readings]
    # Of a registry number's shape where any reading is: figures read more than it holds are a suffix or specks read
    # as figures (``435526`` for ``4355-сс``), however often.
    read = [re.split(r"[-/]", n)[0] if n else None for n in numbers]
    # Figures read apart after another reading's whole number are its suffix or specks beyond it read as figures
    # (``№9282 0`` beside ``№9282``): they count for that number.
    whole = {f for f in read if f and NUMBER_SHAPE.fullmatch(f)}
    read = [max((w for w in whole if f and len(w) < len(f) and f.startswith(w)
                 and re.search(rf"{w}\s+{f[len(w):]}(?!\d)", r)), key=len, default=f) for r, f in zip(readings, read)]
    # (And runs of figures in readings no number was parsed from: ``№ 8585480``, too long for one.)
    runs = [run for r, n in zip(readings, numbers) if not n for run in re.findall(rf"\d{{{AGREED},}}", r)]
    read = [agreed(f, read + runs) for f in read]
    figures = voted([f if f and NUMBER_SHAPE.fullmatch(f) else None for f in read], bool) or voted(read, bool)
    if figures:
        # With the suffix any reading of those figures has (a letter or two after them, the first lost); none where
        # only parts of readings are those figures.
        return f"Вх. № {max((n for n in numbers if n and re.split(r'[-/]', n)[0] == figures), key=len, default=figures)}"
    iso = voted([parse.date(r)[0] for r in readings], lambda v: True)
    if iso is None:
        return readings[0]
    written = [parse.date_written(r) for r in readings if parse.date(r)[0] == iso]
    # The year's ``г.`` where any reading of that date has it (the smallest mark, the first lost).
    return max(written, key=lambda w: w.endswith("г."))


def agreed(figures: str | None, read: list[str | None]) -> str | None:
    """A reading's ``figures``, or the fewest of its first figures (AGREED at least) that another reading's figures
    begin with too where either reading is longer than a registry number is (``85853`` and ``8585480`` for
    ``8585/сс`` on a heavy tuning stamp, ``435526`` beside ``4355``): what follows them is the suffix or specks read as
    figures, read differently each time."""
    if not figures:
        return figures
    shared = (os.path.commonprefix([figures, other]) for other in read if other and other != figures
              and not (NUMBER_SHAPE.fullmatch(figures) and NUMBER_SHAPE.fullmatch(other)))
    return min((s for s in shared if len(s) >= AGREED and NUMBER_SHAPE.fullmatch(s) and s != figures),
               key=len, default=figures)


def read_whole(text: str) -> str | None:
    """A number or date line's first reading written out where it holds a whole one: a registry number's figures
    and secrecy suffix after ``Вх.`` or ``№`` (or alone) read as they are written, or a date of a day, a Roman month and a
    year read as ``19`` and two figures; None where it holds neither."""
    number = parse.incoming_number(text)
    # With its suffix, as read: no figure or mark of it taken for another (``-её`` for ``-сс``). A number read without
    # one may have lost it, or its last figure to typing across it (``4840`` for ``4849``): the rereads may hold them.
    if number and re.fullmatch(r"\d{3,5}[-/]с{1,2}", number) and re.search(
            re.escape(number) + r"(?!\d)", re.sub(r"\s", "", text)):
        return f"Вх. № {number}"
    iso, raw = parse.date(text)
    return parse.date_written(text) if iso and WHOLE_DATE.match(raw) else None


def roman_letters(ink: np.ndarray) -> str | None:
    """The Roman figures (I, V, X) a month's ink (bool) holds, piece by piece between blank columns: an I
    narrow, upright and reaching over half its height, or I's run together (a wider piece as wide throughout,
    counted by its columns inked over most of it, its strokes apart all down); a V narrowing to its point, its arms apart above it; an X narrowing to its crossing, its arms apart above and below;
    None where a piece is none of these (a figure, a letter, figures run together)."""
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return None
    band = ink.shape[0]  # the word's rows, for a sliver's width: a sliver's own rows may be all its inked rows
    ink = ink[rows[0]:rows[-1] + 1]
    height = ink.shape[0]
    letters = ""
    for start, end in ink_runs(ink.any(axis=0)):
        piece = ink[:, start:end]
        tall = np.ptp(np.flatnonzero(piece.any(axis=1))) + 1
        if tall < SPECK * height:
            continue  # a speck or a dot beside the month
        # (Narrower than a stroke: a sliver of a figure the day's or year's box cut through, ``12``'s box over ``VII``.)
        if tall < 0.5 * height or end - start < SLIVER * band:
            return None
        read = _piece_letters(piece, height, JOINS)
        if read is None:
            return None
        letters += read
    return letters or None


def _piece_letters(piece: np.ndarray, height: int, joins: int) -> str | None:
    """The Roman figures of one piece of a month's ink (:func:`roman_letters`); where it is none, the
    letters of its two sides cut at its thinnest column, up to ``joins`` times: a bold serif face's
    letters touch at their serifs (``VI``), by a thin bridge no letter's own column is."""
    width = piece.shape[1]
    full = piece[int(0.1 * height):int(0.9 * height) + 1].mean(axis=0) > FULL_STROKE
    runs = len(ink_runs(full))
    top, middle, bottom = _spans(piece)
    if width <= NARROW * height and _upright(piece):
        return "I"
    if runs and min(top, middle, bottom) >= BLOCK * max(top, middle, bottom) and all(
            _arms(piece, share) == runs for share in (0.15, 0.5, 0.85)):
        return "I" * runs  # (a 0's or an 8's sides are full too, but their tops and bottoms close)
    if bottom <= POINT * max(top, middle) and top >= BLOCK * middle and _arms(piece, 0.4) == 2:
        return "V"
    if middle <= POINT * min(top, bottom) and _arms(piece, 0.15) == _arms(piece, 0.85) == 2:
        return "X"
    edge = int(EDGE * height)
    if not joins or width <= 2 * edge:
        return None
    counts = piece.sum(axis=0)[edge:width - edge]
    cut = edge + int(np.argmin(counts))
    if counts.min() > BRIDGE * height:
        return None
    sides = [_piece_letters(side, height, joins - 1) for side in (piece[:, :cut], piece[:, cut + 1:]) if side.any()]
    return "".join(sides) if len(sides) == 2 and all(sides) else None


def _upright(piece: np.ndarray) -> bool:
    """Whether a piece of ink stands upright: its top and bottom rows' ink about above each other (a V's
    or an X's strokes lean)."""
    rows = np.flatnonzero(piece.any(axis=1))
    quarter = max(1, (rows[-1] - rows[0] + 1) // 4)
    top, bottom = (np.flatnonzero(piece[r].any(axis=0)).mean() for r in (slice(rows[0], rows[0] + quarter),
                                                                            slice(rows[-1] - quarter + 1, rows[-1] + 1)))
    return abs(top - bottom) <= LEAN * (rows[-1] - rows[0] + 1)


def _spans(piece: np.ndarray) -> tuple[int, int, int]:
    """How wide a piece of ink is across near its top, at its middle and near its bottom (first inked
    column to last): I's run together are as wide throughout, a V narrows to its point, an X to its crossing."""
    rows = np.flatnonzero(piece.any(axis=1))
    spans = []
    for share in (0.15, 0.5, 0.85):
        columns = np.flatnonzero(piece[rows[0] + int(share * (rows[-1] - rows[0]))])
        spans.append(columns[-1] - columns[0] + 1 if columns.size else 0)
    return spans[0], spans[1], spans[2]


def _arms(piece: np.ndarray, share: float) -> int:
    """Strokes a row of a piece of ink crosses, ``share`` of the way down its inked rows (a V's arms, apart
    above its point; a 7 has one)."""
    rows = np.flatnonzero(piece.any(axis=1))
    return len(ink_runs(piece[rows[0] + int(share * (rows[-1] - rows[0]))]))


def read_month(crop: np.ndarray, words: list[Word]) -> str | None:
    """A date line's reading with its Roman month read on the ink between its day and its year (the Cyrillic
    models hold no Latin: they read I, II and III alike as ``1``, ``|`` or ``П``, VII as ``У``); None where no
    day, month's word and year are read in a row, or the ink between the day and the year is no month."""
    texts = [w.text for w in words]
    # Its own binarisation's strokes, grown (a worn or typed-over stroke's pieces joined), then as they are
    # (a bold serif face's letters, grown, run together along their serifs).
    for ink in (binarised(crop) < 128, crop < 128):
        month = _month_between(ink, words, texts) or _month_run_together(ink, words, texts)
        if month:
            return month
    return None


def _month_between(ink: np.ndarray, words: list[Word], texts: list[str]) -> str | None:
    """The date line (``texts``, the words' texts) with the Roman month :func:`roman_letters` reads in ``ink`` between
    a day and a year put in; None where no such day, month and year stand in a row."""
    for k in range(len(words) - 1):
        # The day, a word read for the month (where none is, the gap between them may be a figure's sliver), the year;
        # or the day run into its month in one word (``4`УТЕ``: ``4 VII``), the year after it.
        if DAY.fullmatch(texts[k].strip(DAY_MARKS)) and k + 2 < len(words) and YEAR_WORD.fullmatch(texts[k + 2]):
            day, lefts, year = texts[k], [words[k].bbox[0] + words[k].bbox[2]], k + 2
        elif (run := RUN_INTO_MONTH.match(texts[k])) and YEAR_WORD.fullmatch(texts[k + 1]):
            day, lefts, year = run.group(1), gaps_in(ink, words[k].bbox), k + 1
        else:
            continue
        right = words[year].bbox[0]
        top = min(w.bbox[1] for w in words[k:year + 1])
        bottom = max(w.bbox[1] + w.bbox[3] for w in words[k:year + 1])
        # Where the day ends in a word run together: the first of its gaps after which the ink is a month.
        for left in lefts:
            letters = roman_letters(ink[top:bottom, left:right]) if right > left else None
            if letters in ROMAN_MONTHS:
                return " ".join(texts[:k] + [day, letters] + texts[year:])
    return None


def _month_run_together(ink: np.ndarray, words: list[Word], texts: list[str]) -> str | None:
    """The date line (``texts``) with its Roman month read on ``ink`` where the day, month and year were read as one
    word, the spaces between them lost (``2211947`` for ``22 I 1947``; a heavy scan's spaces read narrower than they
    are): the word cut at its two widest gaps into a day of one or two figures, the month and a year of four; None
    where no such day, month and year are (a speck or a typed stroke between figures makes other cuts the widest)."""
    for k, word in enumerate(words):
        run = RUN_TOGETHER.fullmatch(texts[k].strip(DAY_MARKS))
        if not run:
            continue
        x, y, w, h = word.bbox
        box = ink[y:y + h, x:x + w]
        gaps = sorted(sorted(blank_runs(box), key=lambda g: g[0] - g[1])[:2])
        if len(gaps) < 2:
            continue
        day, year = (figure_pieces(part) for part in (box[:, :gaps[0][0]], box[:, gaps[1][1]:]))
        letters = roman_letters(box[:, gaps[0][1]:gaps[1][0]])
        if day in (1, 2) and year == 4 and run.group("before")[:day].isdigit() and letters in ROMAN_MONTHS:
            return " ".join(texts[:k] + [run.group("before")[:day], letters, run.group("year")] + texts[k + 1:])
    return None


def figure_pieces(ink: np.ndarray) -> int:
    """Pieces of ``ink`` (bool) between blank columns that reach over half its rows: the figures of a day or year."""
    return sum(np.ptp(np.flatnonzero(ink[:, a:b].any(axis=1))) + 1 > 0.5 * ink.shape[0] for a, b in ink_runs(ink.any(axis=0)))


def blank_runs(ink: np.ndarray) -> list[tuple[int, int]]:
    """[first, end) of each run of blank columns inside ``ink`` (bool), those at its sides left out."""
    return [(int(a), int(b)) for a, b in ink_runs(~ink.any(axis=0)) if 0 < a and b < ink.shape[1]]


def gaps_in(ink: np.ndarray, box: tuple[int, int, int, int]) -> list[int]:
    """The columns, left to right, where runs of blank columns inside a word's box (ink bool) end."""
    x, y, w, h = box
    return [x + end for _, end in blank_runs(ink[y:y + h, x:x + w])]


def date_on_ink(crop: np.ndarray, words: list[Word]) -> str | None:
    """A date line's reading written out with its Roman month read on ``crop``'s ink (:func:`read_month`), where that
    makes a whole date (a day or year misread beside the month, ``61 IX 4998``, makes none); else None."""
    month = read_month(crop, words)
    return parse.date_written(month) if month else None


def without_thin_strokes(crop: np.ndarray, width: int) -> np.ndarray:
    """``crop`` (dark on white) in black and white with its strokes narrower than ``width`` px opened away."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width, width))
    return 255 - cv2.morphologyEx(np.where(crop < 128, 255, 0).astype(np.uint8), cv2.MORPH_OPEN, kernel)


def reread(crops: list[np.ndarray], lines: list[list[Word]], lang: str) -> list[str]:
    """The text of ``lines`` (the words read from ``crops``, one line each; office lines' words already put
    right) with the number and date lines read again and chosen."""
    texts = [words_text(words) for words in lines]
    # A line whose first reading already holds a whole number or date is written out from it and not read again: on
    # the st5000 tuning stamps the rereads' vote changed no such number for the better (two for the worse: ``419 3/сс``
    # to ``193``, ``9282`` to ``92820``), and each line's four rereads cost as much as reading a whole stamp's lines.
    picks = []
    for k, text in enumerate(texts):
        if not figure_line(text):
            continue
        # (Or its Roman month read on the first reading's own ink makes a whole date: the rereads would be weighed after it.
        # That first: a month's letters read as a whole one lose a stroke, ``Х`` read whole for XI on a clean tuning stamp.)
        if whole := date_on_ink(crops[k], lines[k]) or read_whole(text):
            texts[k] = whole
        else:
            picks.append(k)
    if not picks:
        return texts
    # Binarised, enlarged, then without thin strokes (the later reading wins a tie): a figure touched by typing
    # reads truer at twice the size (``4849``, not ``4840``), or with the typing's thinner strokes taken out;
    # the line cut into its parts read no better and cost more.
    variants = [[binarised(crops[k]), enlarged(crops[k], ENLARGE), *(without_thin_strokes(crops[k], width)
                                                                    for width in THIN_STROKES)] for k in picks]
    read = iter(read_crops([image for images in variants for image in images], lang, psm=7, extra=FIGURE_CHARACTERS))
    for k, images in zip(picks, variants):
        again = [next(read) for _ in images]  # all in one run, handed out line by line
        binary, _, *thin = zip(images, again)
        # The month on the ink between the day and the year of the binarised reading, or of one without thin strokes,
        # on its own ink (the crop's pixels: its words' boxes stand on that ink).
        ways = [(crops[k], binary[1]), *thin]
        counted = next((written for image, words in ways if (written := date_on_ink(image, words))), None)
        texts[k] = counted or chosen([texts[k], *(words_text(words) for words in again)])
    return texts
