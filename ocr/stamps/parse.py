"""What a stamp says, as fields: the office, the incoming registry number, the date.

Stamps are read by OCR, so the patterns forgive its usual confusions: Latin look-alikes in ``Вх``,
``№`` read as ``N``/``Ne``/``Nº``, a Roman month's ``I`` read as ``1``, ``l`` or ``|``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ocr import fields
from ocr.form import ROMAN_MONTHS

MONTH_STEMS = ("ЯНВ", "ФЕВ", "МАР", "АПР", "МА", "ИЮН", "ИЮЛ", "АВГ", "СЕН", "ОКТ", "НОЯ", "ДЕК")

# A number's secrecy suffix after a dash or slash: letters, or its ``с`` read as a figure or ``<`` (``/68``, ``-66``,
# one of two alone: ``-6с``; kept to figures, a ``с``'s open bowl reads as the figures open on the right, ``6`` or
# ``5``: ``9507/65``, ``9507/55`` for ``9507/сс`` on a moderate st1000 tuning stamp);
# a speck after the dash reads as a mark (``4500-. с``).
# Or ``сс`` with its dash lost (``0412 сс``, ``0412сс``; one ``с`` alone after a space is as often a speck).
_SUFFIX = r"(?:[ \t]*[-–—/][ \t.]*(?:[A-Za-zА-Яа-я]{1,4}|[568<сcСC]{1,2}(?!\d))|[ \t]?[сcСC]{2}(?![A-Za-zА-Яа-я\d]))"
# ``№``'s small ``о`` read as a ``0`` run into the sign, the figures after a space (``№0 9034-6``, ``№0 4355`` on heavy
# tuning stamps): part of the sign, not a figure of the number; or the sign's rest read as a ``6`` before a number's four
# figures (``ВХ №6 98055сУУ/`` on a heavy st9000 tuning stamp, ``№ 6 6474``).
_SIGN_O = r"(?:0(?=[ \t]+\d)|[ \t]?6(?=[ \t]+\d{4}))?"
# (Its small ``о`` in capitals where the line's words were put in what stamps are cut in: ``ВХКО 4832/сс``.)
_NUMBER_SIGN = rf"(?:(?:№|N[°ºoeоО]?|Ne|[ХК][оО]){_SIGN_O})"
_MARKS = r"[ \t]*[.:,'’`\"]*[ \t]*"  # specks and quotes OCR puts after № or Вх.
_INCOMING = re.compile(rf"[ВBв][хxХX]{_MARKS}(?P<sign>{_NUMBER_SIGN})?{_MARKS}(?P<number>\d(?:[\d ]|\.(?=\d)){{0,6}}{_SUFFIX}?)")
# ``№`` read as a figure where no sign is read after ``Вх.``: its ``о`` as a ``0`` before a number's four figures.
_SIGN_AS_ZERO = re.compile(r"^0(?=\d{4}(?:\D|$))")
# (Not a year: figures followed by ``г.``, where a date line's month was read as №.)
_NUMBERED = re.compile(rf"(?<![\w])(?:№|N[°ºoeо]?|Ne){_SIGN_O}{_MARKS}(?P<number>\d{{3,6}}{_SUFFIX}?)(?!\d|\s*[гГ](?![а-яё]))")
# A line of a number and its secrecy suffix alone, where ``Вх. №`` before it was lost (worn, or typing over it):
# a stamp's one numbered line (a year or a date has no suffix after a dash or slash).
# Or after its ``В`` and a mark or letter or two that the rest of ``Вх. №`` was misread as (``ВЯ,``, ``В.``; not a
# typed word: ``ТИП``), the suffix then read as ``с`` (a date line's year runs on into other letters: ``1952-ьъи``).
# (A speck after it reads as a mark: ``ВХ- 4832/сс.``.)
_BARE = re.compile(rf"^[ \t]*(?:(?P<number>\d{{3,5}}{_SUFFIX})|[ВB][^\d\s]{{0,2}}[ \t]*(?P<marked>\d{{3,5}}[-/][сcСC]{{1,2}}))[ \t.,]*$",
                   re.MULTILINE)
_CYRILLIC = str.maketrans("ceo", "сео")  # Latin look-alikes in a number's Cyrillic suffix (``-сс``), lowered
# What ``с`` is read as in a suffix: a figure or ``<`` among figures; ``е`` or ``б`` with a speck or a typed stroke
# across or above it (a secrecy suffix is ``с`` or ``сс``: no ``е`` or ``б`` is in one).
_SUFFIX_C = str.maketrans("568<еб", "сссссс")
# A Roman month's letters and what OCR reads them as (I as l, 1, | or a serifed I as Т, X as Cyrillic Х, V as У, ...).
ROMAN_CHARS = "IVX" + fields.ROMAN_LOOKALIKE_CHARS
# The archive's stamps are of the 1940s and 1950s: a year's decade is one of these, a "year" of another is a
# misreading (``7 X 1912``, ``6 III 1993`` for ``1949``: a rereads' vote took such years on the st5000 tuning stamps).
DECADES = "45"
# A year's first figure is often misread (``+949``, ``4948``) or lost (``949``), or its second (``1547``, ``1350``).
YEAR_IN_FULL = rf"(?:19|[+!|l4-79]9|1\d|9)[{DECADES}]\d"
YEAR = rf"(?<!\d)((?:{YEAR_IN_FULL})|[{DECADES}]\d)"
# A line of a number alone after ``№`` read as a figure (``6 6474``, ``№6 6474``, ``0 6474``: its small ``о`` a ``0``,
# or the sign whole a ``6``), ``Вх.`` lost; the figures apart from it by a space, and not a year (a date line whose
# month was lost: ``6 1949``).
_SIGN_AS_FIGURE = re.compile(rf"^[ \t]*№?[60][ \t]+(?!(?:{YEAR_IN_FULL})[ \t]*$)(?P<number>\d{{3,5}}{_SUFFIX}?)[ \t]*$",
                             re.MULTILINE)
# A day of the month, 1-31: a day read run into its month's first I is its figures before it (``41Х`` for 4 IX).
DAY_OF_MONTH = r"3[01]|[12]\d|0?[1-9]"
# A Roman month holding a letter may be read run into its day (``281Х 1952``); one of figure-like I's alone may not
# (``14322 1947``: the day's figures and the month's would be told apart by guess).
# (A day's figures may follow a letter a speck was read as, with no space: ``ход8 Х 1950``.)
_DATE_ROMAN = re.compile(rf"(?<!\d)({DAY_OF_MONTH})(?:\s+|\s*[./-]\s*|(?=[1|!lі]{{0,3}}[ХхУуПШ]))([{ROMAN_CHARS}]{{1,4}})\s*[./-]?\s*{YEAR}(?!\d)")
_DATE_DIGITS = re.compile(r"\b(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*((?:19)?\d{2})(?!\d)")
_DATE_WORD = re.compile(r"\b(\d{1,2})\s+([А-Яа-я]{3,8})\.?\s+((?:19)?\d{2})(?!\d)")


@dataclass(frozen=True)
class StampFields:
    office: str | None = None
    incoming_number: str | None = None
    date: str | None = None  # ISO 8601 when day, month and year are all read
    date_raw: str | None = None


def incoming_number(text: str) -> str | None:
    """The registry number after ``Вх. №`` (``0412-сс``), or after a lone ``№``, or a line of a number with
    its suffix alone, spaces and specks inside it removed; None if absent."""
    # A number after № alone where ``Вх.`` was read as something else (it is the stamp's one numbered line).
    found = _INCOMING.search(text) or _NUMBERED.search(text) or _BARE.search(text) or _SIGN_AS_FIGURE.search(text)
    if not found:
        return None
    number = re.sub(r"[\s.]+", "", found.group("number") or found.group("marked")).replace("–", "-").replace("—", "-")
    if found.re is _INCOMING and found.group("sign") is None:
        number = _SIGN_AS_ZERO.sub("", number)
    if number.isdigit():
        return number
    # (A suffix whose dash was lost is written with one, as in ``Вх. № 0412-сс``: which mark it had is not read.)
    figures, mark, suffix = re.split(r"([-/])", number if re.search(r"[-/]", number) else re.sub(r"^\d+", r"\g<0>-", number),
                                     maxsplit=1)
    suffix = suffix.lower().translate(_CYRILLIC).translate(_SUFFIX_C)
    # A secrecy suffix is ``с`` or ``сс``: other letters in one are typing's or specks (``-свсс``, ``-су``), and more
    # than two ``с`` a stroke read twice.
    return figures + mark + ("с" * min(2, suffix.count("с")) if "с" in suffix else suffix)


def roman_month(text: str) -> int | None:
    """1-12 for a Roman month as OCR reads it (``IX``, ``1X``, ``lV``, ``ХI``, ``ТУ``: :func:`ocr.fields.roman_month`), else None."""
    roman = fields.roman_month(text)
    return ROMAN_MONTHS.index(roman) + 1 if roman else None


def word_month(text: str) -> int | None:
    """1-12 for a month written as a word or its abbreviation (``СЕН``, ``сентября``), else None."""
    upper = text.upper()
    if upper.startswith("МАЯ") or upper.startswith("МАЙ"):
        return 5
    for k, stem in enumerate(MONTH_STEMS):
        if stem != "МА" and upper.startswith(stem):
            return k + 1
    return None


def _iso(day: str, month: int | None, year: str) -> str | None:
    full = 1900 + int(year[-2:])
    if month is None or not 1 <= int(day) <= 31 or year[-2] not in DECADES:
        return None
    return f"{full:04d}-{month:02d}-{int(day):02d}"


def date(text: str) -> tuple[str | None, str | None]:
    """(ISO date or None, the date as written or None) of the first date in ``text`` whose year is read in
    full, else of the first date: a stamp writes its year in full, and OCR's specks and typing's remnants
    beside a date line make short "dates" of their own (``7 х 28`` before ``28 IX 1952``)."""
    whole = []
    for pattern, month in ((_DATE_ROMAN, roman_month), (_DATE_DIGITS, lambda m: int(m) if 1 <= int(m) <= 12 else None),
                           (_DATE_WORD, word_month)):
        for found in pattern.finditer(text):
            iso = _iso(found.group(1), month(found.group(2)), found.group(3))
            if iso:
                end = text[found.end():found.end() + 3]
                raw = found.group(0) + (" г." if re.match(r"\s*г", end) else "")
                whole.append((not re.fullmatch(YEAR_IN_FULL, found.group(3)), iso, raw.strip()))
    _, iso, raw = min(whole, key=lambda w: w[0], default=(False, None, None))
    return iso, raw


def date_written(text: str) -> str | None:
    """The first date in ``text`` as a stamp writes it: day, Roman month, year in full (and ``г.`` where
    read) for a Roman month; as read for the others. None where no whole date is."""
    iso, raw = date(text)
    if iso is None:
        return None
    found = _DATE_ROMAN.match(raw)
    if not found:
        return raw
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {ROMAN_MONTHS[month - 1]} {year}" + (" г." if raw.endswith("г.") else "")


def office(lines: list[str]) -> str | None:
    """The office a stamp names: its lines that hold no registry number, date or bare number, joined."""
    kept = [line.strip() for line in lines
            if line.strip() and not incoming_number(line) and not date(line)[1]
            and sum(c.isalpha() for c in line) >= 4]
    return " ".join(kept) or None


def parse(lines: list[str]) -> StampFields:
    """The fields of a stamp read as ``lines`` (a round seal: ring first)."""
    text = "\n".join(lines)
    iso, raw = date(text)
    return StampFields(office=office(lines), incoming_number=incoming_number(text), date=iso, date_raw=raw)
