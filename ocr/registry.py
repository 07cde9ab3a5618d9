"""Registry notes in the top margin: ``См. изв. № 1758 (ссылка № 61)``, ``N 986 / м. п. - 30. I.``, ``412``.

Clerks typed or wrote them by hand in a fixed shape (the notice and its reference, the note's number,
a date with a Roman month), so what OCR makes of their fixed parts is written as they are spelt, and
their figures as most of their readings in figures (:mod:`ocr.reread.registry`) give them.
"""

from __future__ import annotations

import re

from ocr.fields import roman_month
from ocr.form import ROMAN_MONTHS
from ocr.reread.readings import voted

_BRACKETS = str.maketrans("{}[]", "()()")  # a typewriter has round brackets only
# ``См. изв.`` ("see notice") as OCR mangles it: ``Сы. изв.``, ``м. изв.``, ``См. и-в.`` (a faded з).
# ``изв.`` read with its ``в`` apart as a 6 (``из 6.``).
_REGISTRY_SEE = re.compile(r"^[СCс]?[МмыЫ]\.\s*[иu]\S?\s?[вВbб6]\.")
# `` / м. п.`` after the note's number, its slash and full stops smudged: ``986 Им. п...``, ``522 Ум. п.``; its ``м`` read
# ``ым`` or ``ы`` (``728 /ы. п.``); a hand's ``п`` read ``и``; its slash read ``у``, its full stop a comma (``904 ум, и.``).
# The date after it follows a hyphen, which OCR loses now and then; a hand's ``п`` reads ``н`` or ``ни``.
# Both its full stops are lost now and then, faint on a worn page (``К 323 / м п``, ``М 255 / м п  26``).
_REGISTRY_MP = re.compile(r"(?<=\d)\s*[/|lИI1Уу]?\s*(?:ы?[мМ]|ы)(?:[.,]\s*(?:[пПnи]|[нН][иu]?)\.+|\s+[пП](?!\w))"
                          r"(?:\s*[-—–]?\s*(?P<date>\d))?")
# A hand's N read as ``(``, ``\`` or ``Х``, or as ``(`` after a digit or two (``79(415``, ``2(174``).
# Its ``N`` read as ``Ne`` or ``Мо`` too, as ``№`` is, or as a small ``м`` (a faint hand's N, its strokes thin); a
# typed N whose diagonal faded from the top reads ``К``.
_REGISTRY_NUMERO = re.compile(r"^\s*(?:[МмИНХК№\\]|N[sо°oeе]?|М[оo]|\d{0,2}\()\s*(?=\d)")
# The notice's number and its reference's: ``См. изв. № 1259 (ссылка № 77)``, the ``№`` as OCR read it (``6``, ``96``,
# ``Ne``), a space after it or, when read as no digit, none (``изв.№1259``).
_NOTE_NUMERO = r"(?:\S{1,2}\s+|[^\s\d]{1,2})?(?=\d)"
_REGISTRY_SEE_NUMBER = re.compile(r"^(См\. изв\.)\s*" + _NOTE_NUMERO)
_REGISTRY_LINK = re.compile(r"\s*\(\s*[сcС][сcС]\S{3,4}\s*" + _NOTE_NUMERO)
# The month after the day, at the note's end (``30. Т.``) or before the year (``26.1Х.49``); an ``I`` read as a
# bracket (``25.(.47``).
# The day's full stop read as a comma or lost before a month read in letters (``30 XI.``, ``30, ХИ.``).
_REGISTRY_MONTH = re.compile(r"(?P<day>\b\d{1,2}(?:\.\s*|,?\s+(?=[IVXІХхУуГТИПНШ])))(?P<month>\(?[IVXІХхУуГгТтИПНШl|1!]{1,5}|\()(?P<rest>\.?\s*$|[.\s]\s*\d{2}(?:\d{2})?\b)")


def registry_note(text: str, month: int | None = None) -> str:
    """A marginal registry note as typed: ``М 986 / м. п. - 30. Т.`` → ``N 986 / м. п. - 30. I.``.

    The notes number with a Latin ``N`` (the Cyrillic model reads ``М``/``И``) and date with a Roman month.
    ``month``: the month the telegram was received in (1-12), which the note's own date is read against.
    """
    note = " ".join(text.split()).translate(_BRACKETS).lstrip("`'‘’|_.,:;-—– ")  # specks before it
    note = _REGISTRY_SEE.sub("См. изв.", note)
    note = _REGISTRY_LINK.sub(" (ссылка № ", _REGISTRY_SEE_NUMBER.sub(r"\1 № ", note)).lstrip()
    note = _REGISTRY_NUMERO.sub("N ", note)
    # The note's N lost before its number, or read as a digit of it: a hand's N reads 2 or 7 (``2135/м.п.``).
    note = re.sub(r"^[27]?(?=\d{3}\s*[/|lИI1]?\s*[мМ]\.)|^(?=\d+\s*[/|lИI1]?\s*[мМ]\.)", "N ", note)
    note = _REGISTRY_MP.sub(lambda m: " / м. п." + (f" - {m['date']}" if m["date"] else ""), note)
    return _in_month(_REGISTRY_MONTH.sub(lambda found: _registry_month(found, month), note), note, month)


# The note's own date at its end (``- 2. XI.``), its month as OCR read it (``2. Л.``).
_NOTE_DATE = re.compile(r"(?<=м\. п\. - )(?P<day>\d{1,2})\.\s*(?P<month>[^\s.]{1,4})\.?$")
_JOINED_STROKES = "ИПНШ"  # two or three strokes of a hand's Roman numeral read as one letter: their count is a guess


def _in_month(note: str, read: str, month: int | None) -> str:
    """The note's month read against the telegram's: the office registers a telegram within days of its
    receipt (the seed's note of 30. I. on a telegram of 19 January), so a numeral whose strokes OCR joined
    (``ХИ`` in November: XI or XII) is counted as the telegram's month when that is one of its readings, and so
    is one that reads the telegram's month without its last I.
    A month OCR could not read as a numeral at all (``Л``, ``9``) stays as read: guessing it would hide
    that it is unread."""
    found, raw = _NOTE_DATE.search(note), _NOTE_DATE.search(read)
    if month is None or not found or not raw or found["month"] == ROMAN_MONTHS[month - 1]:
        return note
    want = ROMAN_MONTHS[month - 1]
    miscounted = any(c in _JOINED_STROKES for c in raw["month"]) and found["month"].replace("I", "") == want.replace("I", "")
    return f"{note[:found.start()]}{found['day']}. {want}." if miscounted or _one_short(found["month"], want) else note


def _one_short(numeral: str | None, month: str) -> bool:
    """Whether a Roman ``numeral`` as read is the telegram's ``month`` with its last I lost (faint, or run into the
    full stop): ``X`` in November, ``II`` in March, a month before the telegram's, which no note is dated in."""
    return numeral is not None and numeral + "I" == month


# The words a registry note is written with (and the registry's incoming and outgoing marks, ``Вх. №``,
# ``Исх. №``); a margin line with another word is a resolution (``В дело 9/10``).
_NOTE_WORDS = {"СМ", "ИЗВ", "ССЫЛКА", "ВХ", "ИСХ"}


def is_note(text: str) -> bool:
    """Whether a margin line (as :func:`registry_note` gives it) is a registry note: no word of three letters
    or more but the note's own, as a resolution written across the margin has (``В дело 9.-М.``)."""
    return all(word.upper() in _NOTE_WORDS or word in ROMAN_MONTHS for word in re.findall(r"[^\W\d_]{3,}", text))


def _registry_month(match: re.Match, received: int | None) -> str:
    """The day and Roman month put right; a month of digits before a year (``26.11.49``) is an Arabic one, but
    ones that are no month (``6.111.51``: III's strokes read as ones) or whose count is the ``received`` month's
    numeral or the next's (``27.1.50`` in January: a hand's I reads as 1; the office registers a telegram within
    days of its receipt)."""
    year = match["rest"].strip(". ")
    month = roman_month(match["month"])
    strokes = set(match["month"]) == {"1"}
    counted = received is not None and len(match["month"]) in (received, received % 12 + 1)
    arabic = match["month"].isdigit() and not (strokes and (int(match["month"]) > 12 or counted))
    if not month or (year and arabic):
        return match[0]
    day = match["day"] if "." in match["day"] else match["day"].rstrip(", ") + "."
    if not year:  # the note's own date is typed ``2. XI.``
        return f"{day.strip()} {month}."
    return f"{day}{month}.{year}"


# A note in the whole shape clerks wrote it: the notice and its reference, or the note's number with
# ``м. п.`` and a date whose month is a Roman numeral. OCR of a page's edge or a scrawl never reads so.
_ROMAN_MONTH = "(?:" + "|".join(reversed(ROMAN_MONTHS)) + ")"  # later months first: XII tried before XI and X
_WHOLE_NOTE = re.compile(r"См\. изв\. № \d+ \(ссылка № \d+\)|N \d+ / м\. п\. - \d{1,2}\. " + _ROMAN_MONTH + r"\.")


# The shorter shapes a note is written in, each whole: a ``м. п.`` note without its date (the seed's ``N 665 / м. п.``),
# a date with a Roman month (``19.XI.47``).
_BARE_NOTE = re.compile(r"N \d{2,5} / м\. п\.|\d{1,2}\." + _ROMAN_MONTH + r"\.\d{2}")


def is_bare(note: str) -> bool:
    """Whether a note (as :func:`registry_note` gives it) is whole in one of the shorter shapes: an undated ``м. п.``
    note, a Roman date."""
    return bool(_BARE_NOTE.fullmatch(note))


def is_whole(note: str, month: int | None = None) -> bool:
    """Whether a note (as :func:`registry_note` gives it) has the whole shape a registry note is written in;
    with ``month`` (the telegram's, 1-12), a dated note also dated in that month or the next: the office
    registers a telegram within days of its receipt."""
    dated = _NOTE_DATE.search(note)
    in_month = month is None or dated is None or dated["month"] in (ROMAN_MONTHS[month - 1], ROMAN_MONTHS[month % 12])
    return bool(_WHOLE_NOTE.fullmatch(note)) and in_month


# The parts of a note's whole shape as :func:`registry_note` writes them.
_SEE_NUMBERS = (re.compile(r"^См\. изв\. № (\d+)"), re.compile(r"\(ссылка № (\d+)\)$"))
_MP_PARTS = (re.compile(r"^N (\d+) / м\. п\."), re.compile(r"/ м\. п\. - (\d{1,2}\. [IVX]+\.)$"))
# A note begun ``См. изв.`` as OCR of a worn line reads it (``См: изб.``), or with its ``(ссылка``.
_SEE_BEGUN = re.compile(r"^[СCс]?[Мм][.:,]\s*[иu]|\(\s*[сcС][сcСеe]\S{3,4}")
MIN_VOTES = 2  # readings that must agree on a figure for it to be written
# A ``м. п.`` note as OCR of a worn line reads it: its ``N``, or its number and ``м. п`` (``255 ум. п -``).
_MP_BEGUN = re.compile(r"^N |/ м\. п\.|\d\s*\S?\s*[мМ][.,]\s*[пПnн]")
# The Latin model's figures: a ``м. п.`` note's number before its slash (a 1 read as I), its day and Roman
# month at its end (an I read as 1).
_FIGURED_NUMBER = re.compile(r"([\dI]{2,5})\s*/")
_UNDATED = re.compile(r"/ м\. п\.$")
_FIGURED_DATE = re.compile(r"(\d{1,2})\s*\.?\s*([IVX1]{1,5})[\s.\-/]*$")


def figured_note(note: str, figures: list[str], month: int | None = None, year: int | None = None) -> str | None:
    """A note (as :func:`registry_note` gives it) in its whole shape, each of its figures the one most of
    its readings agree on (``figures``, its readings in figures, then ``note``, which decides between as
    many); None where the note does not show which shape it is written in (a resolution, a scrawl) or too
    few readings agree on a figure. ``month``, ``year``: the telegram's (1-12, its last two figures), which
    of as many readings a date is taken in."""
    if note.startswith("См. изв.") or _SEE_BEGUN.search(note):
        notice = _agreed([_see_numbers(f)[0] for f in figures] + [_part(_SEE_NUMBERS[0], note)])
        link = _agreed([_see_numbers(f)[1] for f in figures] + [_part(_SEE_NUMBERS[1], note)])
        return f"См. изв. № {notice} (ссылка № {link})" if notice and link else None
    if not _MP_BEGUN.search(note):
        return _roman_date(note, figures, month, year) or _bare_number(note, figures)
    if _UNDATED.search(note):
        # a note written without its date (the seed's ``N 665 / м. п.``) stays as read: no date read into it
        # from specks, no figure voted away (a tuning page's 735 read right, voted 785)
        return None
    expected = (ROMAN_MONTHS[month - 1], ROMAN_MONTHS[month % 12]) if month else ROMAN_MONTHS
    number = _agreed([m[1].replace("I", "1") if (m := _FIGURED_NUMBER.search(f)) else None for f in figures]
                     + [_part(_MP_PARTS[0], note)])
    date = _agreed([_figured_date(f) for f in figures] + [_part(_MP_PARTS[1], note)],
                   lambda d: d.split()[-1].rstrip(".") in expected)
    return f"N {number} / м. п. - {date}" if number and date else None


# A note read as figures, spaces and specks only (``186  °``), and a bare file number (``412``) among its readings.
_FIGURES_ONLY = re.compile(r"[\W\d]*\d[\W\d]*")
_BARE_NUMBER = re.compile(r"\d{2,5}")
# A date with a Roman month (``5.IV.50``) as read: in figures by the Latin model (``5.1V50``, its month's I read 1,
# its full stop lost), or as the page read it (``3.1.50``, ``Х1``: the Cyrillic model's lookalikes).
_NUMERAL = "[IVX1ХхУуГгТтlІ|!]{1,5}"
_ROMAN_DATE = re.compile(r"^\W?(\d{1,2})\s*[.,\-]?\s*(" + _NUMERAL + r")\s*[.,\-]?\s*(\d{2})\W?$")
# Else its three parts between full stops, each taken where it reads as one (``2%.Х1.5и``: the month).
_DATE_PARTS = (re.compile(r"\d{1,2}"), re.compile(_NUMERAL), re.compile(r"\d{2}"))


def _date_parts(text: str) -> tuple[str | None, str | None, str | None]:
    """The day, month (as read) and year of a date with a Roman month, each None where it does not read as one."""
    if found := _ROMAN_DATE.match(text.strip()):
        return found.groups()
    parts = [part for part in re.split(r"[\s.,\-]+", text) if part]
    if len(parts) != 3:
        return None, None, None
    day, month, year = (part if pattern.fullmatch(part) else None for pattern, part in zip(_DATE_PARTS, parts))
    return day, month, year


def _roman_date(note: str, figures: list[str], month: int | None, year: int | None) -> str | None:
    """A date with a Roman month (``3.XI.50``), its day, month and year each the one most readings agree on:
    of a year the telegram's or the next first (a pen's 0 reads 8 in figures, ``3.X1.58``); None where too few
    agree on one, or where the month is not the telegram's or the next (the office registers a telegram within
    days of its receipt: a pen's III read ``11`` by most readings is not written II, but March's, :func:`_one_short`)."""
    dates = [_date_parts(f) for f in [*figures, note]]
    months = (ROMAN_MONTHS[month - 1], ROMAN_MONTHS[month % 12]) if month else ROMAN_MONTHS
    years = (f"{year:02d}", f"{(year + 1) % 100:02d}") if year is not None else None
    day = _agreed([d if d and 1 <= int(d) <= 31 else None for d, _, _ in dates])
    read = [roman_month(m) if m else None for _, m, _ in dates]
    roman = _agreed([months[0] if month and _one_short(r, months[0]) else r if r in months else None for r in read])
    yy = _agreed([y for _, _, y in dates], lambda y: years is None or y in years)
    return _as_read(note, f"{int(day)}.{roman}.{yy}" if day and roman and yy else None)


def _as_read(note: str, figured: str | None) -> str | None:
    """``figured``, unless the page read the note whole otherwise (as the seed's undated note, a whole reading is
    not voted away: a pen's 0 reads 8 and its I is lost as often in figures)."""
    whole = _BARE_NOTE.fullmatch(note) or _BARE_NUMBER.fullmatch(note)
    return figured if not whole or figured == note else None


def _bare_number(note: str, figures: list[str]) -> str | None:
    """A bare file number read in pieces or with a speck as a figure (``1595 5`` where most readings give 595): the
    number most of its readings (``figures``, then ``note``) give alone; None where the note reads letters or too
    few agree."""
    if not _FIGURES_ONLY.fullmatch(note):
        return None
    return _as_read(note, _agreed([n if _BARE_NUMBER.fullmatch(n := _alone(f)) else None for f in [*figures, note]]))


def agreement(number: str, figures: list[str]) -> float:
    """The share of ``figures`` (a line's readings in figures) that read ``number`` alone, in per cent."""
    return 100.0 * sum(_alone(f) == number for f in figures) / len(figures) if figures else 0.0


def _alone(reading: str) -> str:
    """A reading of a bare number without the spaces and full stops read round it."""
    return reading.strip(" .")


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
    """The value most readings agree on, when :data:`MIN_VOTES` of them do; of the expected shape first, when
    as many agree on one (a note is dated on the telegram's receipt or after: a pen's ``VII`` read ``VI`` by
    half the readings is no month before it)."""
    expected = [value if value and fits(value) else None for value in values]
    value = voted(expected, fits)
    if not value or expected.count(value) < MIN_VOTES:
        value = voted(values, fits)
    return value if value and values.count(value) >= MIN_VOTES else None
