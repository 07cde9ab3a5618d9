"""Registry notes in the top margin: ``См. изв. № 1758 (ссылка № 61)``, ``N 986 / м. п. - 30. I.``, ``412``.

Clerks typed or wrote them by hand in a fixed shape (the notice and its reference, the note's number,
a date with a Roman month), so what OCR makes of their fixed parts is written as they are spelt, and
their figures (a Roman month among them) are read again in figures alone and voted on.
"""

from __future__ import annotations

import dataclasses
import re

import cv2
import numpy as np

from ocr.combine import line_box
from ocr.fields import roman_month
from ocr.form import ROMAN_MONTHS
from ocr.lines import Line, Role, Word
from ocr.recognize import read_boxes, read_crops
from ocr.routing import parse_routing, received_month
from ocr.stamps.figures import binarised, voted

_BRACKETS = str.maketrans("{}[]", "()()")  # a typewriter has round brackets only
# ``См. изв.`` ("see notice") as OCR mangles it: ``Сы. изв.``, ``м. изв.``, ``См. и-в.`` (a faded з).
# ``изв.`` read with its ``в`` apart as a 6 (``из 6.``).
_REGISTRY_SEE = re.compile(r"^[СCс]?[МмыЫ]\.\s*[иu]\S?\s?[вВbб6]\.")
# `` / м. п.`` after the note's number, its slash and full stops smudged: ``986 Им. п...``.
# The date after it follows a hyphen, which OCR loses now and then; a hand's ``п`` reads ``н`` or ``ни``.
_REGISTRY_MP = re.compile(r"(?<=\d)\s*[/|lИI1]?\s*[мМ]\.\s*(?:[пПn]|[нН][иu]?)\.+(?:\s*[-—–]?\s*(?P<date>\d))?")
# A hand's N read as ``(`` or ``\``, or as ``(`` after a digit or two (``79(415``, ``2(174``).
_REGISTRY_NUMERO = re.compile(r"^\s*(?:[МИН№\\]|N[sо°o]?|\d{0,2}\()\s*(?=\d)")
# The notice's number and its reference's: ``См. изв. № 1259 (ссылка № 77)``, the ``№`` as OCR read it (``6``, ``96``).
_REGISTRY_SEE_NUMBER = re.compile(r"^(См\. изв\.)\s*(?:\S{1,2}\s+)?(?=\d)")
_REGISTRY_LINK = re.compile(r"\(\s*[сcС][сcС]\S{3,4}\s*(?:\S{1,2}\s+)?(?=\d)")
# The month after the day, at the note's end (``30. Т.``) or before the year (``26.1Х.49``).
_REGISTRY_MONTH = re.compile(r"(?P<day>\b\d{1,2}\.\s*)(?P<month>[IVXІХхУуГТИПНШl|1!]{1,5})(?P<rest>\.?\s*$|\.\s*\d{2}(?:\d{2})?\b)")


def registry_note(text: str, month: int | None = None) -> str:
    """A marginal registry note as typed: ``М 986 / м. п. - 30. Т.`` → ``N 986 / м. п. - 30. I.``.

    The notes number with a Latin ``N`` (the Cyrillic model reads ``М``/``И``) and date with a Roman month.
    ``month``: the month the telegram was received in (1-12), which the note's own date is read against.
    """
    note = " ".join(text.split()).translate(_BRACKETS).lstrip("`'‘’|_.,:; ")
    note = _REGISTRY_SEE.sub("См. изв.", note)
    note = _REGISTRY_LINK.sub("(ссылка № ", _REGISTRY_SEE_NUMBER.sub(r"\1 № ", note))
    note = _REGISTRY_NUMERO.sub("N ", note)
    # The note's N lost before its number, or read as a digit of it: a hand's N reads 2 or 7 (``2135/м.п.``).
    note = re.sub(r"^[27]?(?=\d{3}\s*[/|lИI1]?\s*[мМ]\.)|^(?=\d+\s*[/|lИI1]?\s*[мМ]\.)", "N ", note)
    note = _REGISTRY_MP.sub(lambda m: " / м. п." + (f" - {m['date']}" if m["date"] else ""), note)
    return _in_month(_REGISTRY_MONTH.sub(_registry_month, note), note, month)


# The note's own date at its end (``- 2. XI.``), its month as OCR read it (``2. Л.``).
_NOTE_DATE = re.compile(r"(?<=м\. п\. - )(?P<day>\d{1,2})\.\s*(?P<month>[^\s.]{1,4})\.?$")
_JOINED_STROKES = "ИПНШ"  # two or three strokes of a hand's Roman numeral read as one letter: their count is a guess


def _in_month(note: str, read: str, month: int | None) -> str:
    """The note's month read against the telegram's: the office registers a telegram within days of its
    receipt (the seed's note of 30. I. on a telegram of 19 January), so a numeral whose strokes OCR joined
    (``ХИ`` in November: XI or XII) is counted as the telegram's month when that is one of its readings.
    A month OCR could not read as a numeral at all (``Л``, ``9``) stays as read: guessing it would hide
    that it is unread."""
    found, raw = _NOTE_DATE.search(note), _NOTE_DATE.search(read)
    if month is None or not found or not raw or found["month"] == ROMAN_MONTHS[month - 1]:
        return note
    want = ROMAN_MONTHS[month - 1]
    miscounted = any(c in _JOINED_STROKES for c in raw["month"]) and found["month"].replace("I", "") == want.replace("I", "")
    return f"{note[:found.start()]}{found['day']}. {want}." if miscounted else note


# The words a registry note is written with (and the registry's incoming and outgoing marks, ``Вх. №``,
# ``Исх. №``); a margin line with another word is a resolution (``В дело 9/10``).
_NOTE_WORDS = {"СМ", "ИЗВ", "ССЫЛКА", "ВХ", "ИСХ"}


def is_note(text: str) -> bool:
    """Whether a margin line (as :func:`registry_note` gives it) is a registry note: no word of three letters
    or more but the note's own, as a resolution written across the margin has (``В дело 9.-М.``)."""
    return all(word.upper() in _NOTE_WORDS or word in ROMAN_MONTHS for word in re.findall(r"[^\W\d_]{3,}", text))


def _registry_month(match: re.Match) -> str:
    """The day and Roman month put right; a month of digits before a year (``26.11.49``) is an Arabic one."""
    year = match["rest"].strip(". ")
    month = roman_month(match["month"])
    if not month or (year and match["month"].isdigit()):
        return match[0]
    if not year:  # the note's own date is typed ``2. XI.``
        return f"{match['day'].strip()} {month}."
    return f"{match['day']}{month}.{match['rest'].lstrip('.')}"


# A note in the whole shape clerks wrote it: the notice and its reference, or the note's number with
# ``м. п.`` and a date whose month is a Roman numeral. OCR of a page's edge or a scrawl never reads so.
_WHOLE_NOTE = re.compile(r"См\. изв\. № \d+ \(ссылка № \d+\)|N \d+ / м\. п\. - \d{1,2}\. (?:"
                         + "|".join(reversed(ROMAN_MONTHS)) + r")\.")


def is_whole(note: str, month: int | None = None) -> bool:
    """Whether a note (as :func:`registry_note` gives it) has the whole shape a registry note is written in;
    with ``month`` (the telegram's, 1-12), a dated note also dated in that month or the next: the office
    registers a telegram within days of its receipt."""
    dated = _NOTE_DATE.search(note)
    in_month = month is None or dated is None or dated["month"] in (ROMAN_MONTHS[month - 1], ROMAN_MONTHS[month % 12])
    return bool(_WHOLE_NOTE.fullmatch(note)) and in_month


def _reading_rank(words: list[Word], month: int | None) -> tuple[bool, bool]:
    """How well a reading of a note line reads as a note: whole, and whole in the telegram's month."""
    note = registry_note(" ".join(w.text for w in words), month)
    return is_whole(note), is_whole(note, month)


# A note is read again as a raw line (no page layout analysis): a pen's numerals, which page segmentation
# reads as letters (``2. Л.``, ``2.1.``), come out whole (``2.Х1.``) more often so than as one line (``psm 7``).
NOTE_PSM = 13


def read_notes_again(image: np.ndarray, lines: list[Line], lang: str, grey: np.ndarray | None = None) -> list[Line]:
    """``lines`` with each registry note read again alone (:data:`NOTE_PSM`), that reading kept when it reads
    more of the note's shape (a typed note the page read whole stays as read), then its figures read again
    (:func:`figured_note`) on ``grey`` (the page before binarisation, in the same frame) where there is one:
    the page's threshold breaks a faint note's small type. Notes are written by hand in the margin as often
    as typed there, and page segmentation reads a pen's italic poorly (``(561 /м. ни. - 2. Л.`` where the raw
    line reads ``2.Х1.``)."""
    notes = [k for k, line in enumerate(lines) if line.role is Role.REGISTRATION and line.words]
    if not notes:
        return lines
    routing = next((line.text for line in lines if line.role is Role.ROUTING), None)
    month = received_month(parse_routing(routing).received_date_raw) if routing else None
    boxes = [line_box(lines[k].words) for k in notes]
    again = read_boxes(image, boxes, lang, psm=NOTE_PSM)
    lines = list(lines)
    for k, words in zip(notes, again):
        if words and _reading_rank(words, month) > _reading_rank(lines[k].words, month):
            lines[k] = lines[k].read_as(words)
    for k, figures in zip(notes, _figure_readings(image if grey is None else grey, boxes)):
        if note := figured_note(registry_note(lines[k].text, month), figures, month):
            lines[k] = dataclasses.replace(lines[k], text=note)
    return lines


# The Latin model reads a pen's Roman month (I, V, X), for which the Cyrillic one holds no letters (it reads
# an italic ``VI`` as ``9``, ``XI`` as ``Л``), and reads the pen's figures as well; kept to a note's figures.
FIGURES_LANG = "eng"
NOTE_FIGURES = {"tessedit_char_whitelist": "0123456789IVX./- "}
FIGURE_SCALES = (1.0, 1.5, 2.0, 3.0)  # each note's box read as it is and enlarged, grey and on its own ink
MIN_VOTES = 2  # readings that must agree on a figure for it to be written


def _figure_readings(image: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> list[list[str]]:
    """Each box's line read in figures (:data:`NOTE_FIGURES`) as grey and binarised on its own ink, at each
    of :data:`FIGURE_SCALES`, all in one run of Tesseract."""
    crops = []
    for x, y, w, h in boxes:
        crop = image[max(y, 0):y + h, max(x, 0):x + w]
        for scale in FIGURE_SCALES:
            grey = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale != 1.0 else crop
            crops += [grey, binarised(grey)]
    texts = [" ".join(w.text for w in words) for words in read_crops(crops, FIGURES_LANG, psm=7, extra=NOTE_FIGURES)]
    per_box = len(crops) // len(boxes)
    return [texts[k * per_box:(k + 1) * per_box] for k in range(len(boxes))]


# The parts of a note's whole shape as :func:`registry_note` writes them.
_SEE_NUMBERS = (re.compile(r"^См\. изв\. № (\d+)"), re.compile(r"\(ссылка № (\d+)\)$"))
_MP_PARTS = (re.compile(r"^N (\d+) / м\. п\."), re.compile(r"/ м\. п\. - (\d{1,2}\. [IVX]+\.)$"))
# A note begun ``См. изв.`` as OCR of a worn line reads it (``См: изб.``), or with its ``(ссылка``.
_SEE_BEGUN = re.compile(r"^[СCс]?[Мм][.:,]\s*[иu]|\(\s*[сcС][сcСеe]\S{3,4}")
# The Latin model's figures: a ``м. п.`` note's number before its slash (a 1 read as I), its day and Roman
# month at its end (an I read as 1).
_FIGURED_NUMBER = re.compile(r"([\dI]{2,5})\s*/")
_FIGURED_DATE = re.compile(r"(\d{1,2})\s*\.?\s*([IVX1]{1,5})[\s.\-/]*$")


def figured_note(note: str, figures: list[str], month: int | None = None) -> str | None:
    """A note (as :func:`registry_note` gives it) in its whole shape, each of its figures the one most of
    its readings agree on (``figures``, its readings in figures, then ``note``, which decides between as
    many); None where the note does not show which shape it is written in (a resolution, a scrawl) or too
    few readings agree on a figure. ``month``: the telegram's, which of as many readings a date is taken in."""
    if note.startswith("См. изв.") or _SEE_BEGUN.search(note):
        notice = _agreed([_see_numbers(f)[0] for f in figures] + [_part(_SEE_NUMBERS[0], note)])
        link = _agreed([_see_numbers(f)[1] for f in figures] + [_part(_SEE_NUMBERS[1], note)])
        return f"См. изв. № {notice} (ссылка № {link})" if notice and link else None
    if "/ м. п." not in note and not note.startswith("N "):
        return None
    expected = (ROMAN_MONTHS[month - 1], ROMAN_MONTHS[month % 12]) if month else ROMAN_MONTHS
    number = _agreed([m[1].replace("I", "1") if (m := _FIGURED_NUMBER.search(f)) else None for f in figures]
                     + [_part(_MP_PARTS[0], note)])
    date = _agreed([_figured_date(f) for f in figures] + [_part(_MP_PARTS[1], note)],
                   lambda d: d.split()[-1].rstrip(".") in expected)
    return f"N {number} / м. п. - {date}" if number and date else None


def _part(pattern: re.Pattern, note: str) -> str | None:
    return found[1] if (found := pattern.search(note)) else None


def _see_numbers(figures: str) -> tuple[str | None, str | None]:
    """The notice's and its reference's numbers in a ``См. изв.`` note's figures: the reference's the last
    number (of one or two figures), the notice's the last of three figures or more before it (the words
    before read as figures, ``изв.`` as ``136.``, its ``№`` as ``96``)."""
    numbers = re.findall(r"\d+", figures)
    if not numbers or len(numbers[-1]) > 2:
        return None, None
    return next((n for n in reversed(numbers[:-1]) if len(n) >= 3), None), numbers[-1]


def _figured_date(figures: str) -> str | None:
    """The day and Roman month at the end of a ``м. п.`` note's figures: ``- 14. V1.`` → ``14. VI.``."""
    found = _FIGURED_DATE.search(figures)
    month = roman_month(found[2]) if found else None
    return f"{int(found[1])}. {month}." if month and 1 <= int(found[1]) <= 31 else None


def _agreed(values: list[str | None], fits=lambda value: True) -> str | None:
    """The value most readings agree on, when :data:`MIN_VOTES` of them do."""
    value = voted(values, fits)
    return value if value and values.count(value) >= MIN_VOTES else None
