"""The routing line, ``Из ПХЕНЬЯНА № 2029 пол. 18 час. 50 мин. 19/ 19 50 т. экз. № 3``, parsed from its labels.

The form prints the labels (``Из``, ``№``, ``пол.``, ``час.``, ``мин.``, ``19..г.``, ``экз. №``) and the
clerk types the values between and beside them, on one typewriter or into a printed form's dotted
blanks. So the labels are found first, each allowing OCR's misreadings (lower-case ``из``, ``чac``,
``Зкз.``), and every value is what stands in its place: the origin after ``Из``, the number after the
first ``№``, the hours before ``час.``, the minutes before ``мин.``, the date after them, the copy after
``экз. №``. Dot leaders and rules of the blanks are no values.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ocr.fields import DIGIT_LOOKALIKES, DIGITISH, EKZ, NUMERO, clean_name, cyrillic, roman_month, zero_led
from ocr.form import ROMAN_MONTHS, ROUTING_LABELS
from ocr.lines import Line, Role, Word, words_text


@dataclass(frozen=True)
class Routing:
    origin: str | None = None
    telegram_number: str | None = None
    received_time: str | None = None
    received_date_raw: str | None = None
    copy_number: int | None = None


# A telegram number has three digits at least.
SHORTEST_NUMBER = 3


# ``Из`` opens the line; OCR reads it ``из``, ``Hз``, ``нз``, ``И3``, ``Is``, a speck or two before it.
# ``Изо``: the blank's first dot read as ``о``; ``ИзПЕКИНА``: the place typed close to the printed word.
_FROM = re.compile(r"^[^\w№]{0,4}[ИIиНн](?:[зЗs3][оo°]?(?=[\s.,:]|$)|[з3](?=[А-ЯЁ]{3}))\s*")
# ``Из`` read past knowing (``Ив``, ``Ш``): a word of two marks at most before the place, four capitals at least (three
# are as often the remnants of a faint line, ``Р И``). A line without it gives no place: a reading of the line without
# its ``Из`` tells how surely the place was read (:func:`ocr.reread.readings.value_confidence`).
_FROM_MISREAD = re.compile(r"^[^\w№]{0,4}\S{1,2}\s+(?=[А-ЯЁ]{4})")
# Its dot may be lost in the blank's dots after it (``пол ...5``), never a letter after it.
# Tesseract's usual misreadings of the labels: ``пол`` as ``лол``, ``нол``, ``поп``; ``час`` as ``чае``, ``4ас``
# (a ``ч`` read as the digit of its shape), ``чис``, ``чж`` (its ``ас`` run together); ``мин`` as ``мнн``, ``мии``, ``rnин``
# (its ``м`` read as two Latin letters), ``мм`` (its ``ин`` read as one more ``м``); each with its last letter lost
# before its full stop (``ча.``, ``ми,``), or with the stop lost too before the figures after it (``54 ми 5/3``).
_RECEIVED = re.compile(r"(?<![А-Яа-яA-Za-z])[пнл]\s?[оo0]\s?[лп](?:\.|(?![А-Яа-яA-Za-z]))", re.IGNORECASE)
_HOURS = re.compile(r"(?<![А-Яа-яA-Za-z])[ч4]\s?(?:[аaи]\s?[сcе]|ж(?![А-Яа-яA-Za-z])|[аa](?=[.,]|\s\d))\.?", re.IGNORECASE)
_MINUTES = re.compile(r"(?<![А-Яа-яA-Za-z])(?:м|rn)\s?(?:[иuн]\s?[нhи]|м(?![А-Яа-яA-Za-z])|и(?=[.,]|\s\d))\.?", re.IGNORECASE)
_COPY_LABEL = re.compile(r"(?<!\d)" + EKZ + r"\.?(?!\d)", re.IGNORECASE)
# A value's digits as typed, look-alike letters included (``Об`` for ``06``, ``l8`` for ``18``); a third
# mark is a speck or the blank's rule read as a digit (``309`` for ``30``); a dot of the blank may be read
# between the digits (``2.3`` for ``23``).
# A typed ``1`` is read as a bracket too, its foot lost (``1]`` for ``11``).
_TIME_DIGIT = r"(?:" + DIGITISH + r"|[\]}])"
_BRACKET_ONE = str.maketrans("]}", "11")
_VALUE = r"(?-i:" + _TIME_DIGIT + r"(?:[.,·]?" + _TIME_DIGIT + r"){0,2})"
# What OCR reads dust and a printed blank's dots as.
_DOTS = ".,:;·•°…_`'‘’\"-–—"
# Dust and dots between a value and its label (``час. .06 мин.``, ``16:: час.``, ``·29 мин.``).
_SPECKS = r"[\s" + re.escape(_DOTS) + r"]*"
_NUMBER = re.compile(NUMERO + _SPECKS + r"(?P<number>" + DIGITISH + r"(?:[.,·]?" + DIGITISH + r"){0,5})(?![\d/])")
_TIME = re.compile(r"(?P<hh>" + _VALUE + r")" + _SPECKS + _HOURS.pattern + _SPECKS + r"(?P<mm>" + _VALUE + r")" + _SPECKS
                   + _MINUTES.pattern, re.IGNORECASE)
# The hours' label misread past knowing (``10 уж’ 42 мин.``, ``10а” 42 мин.``, ``_10. ме” 42 мин.``) while the values and
# the minutes' label read: two values, each opening with a figure, a word of one to three letters between them (the
# hours' label's place; never ``пол.``), right before ``мин.``, are the hours and the minutes (nothing else is typed
# there). Not after the ``№``: its number is no hour.
_TIME_LABEL_LOST = re.compile(r"(?<![^\W_])(?<![№#])(?<!№\s)(?P<hh>(?=\d)" + _VALUE + r")" + _SPECKS + r"(?!" + _RECEIVED.pattern + r")"
                              + r"[^\W\d_]{1,3}[^\w\s]{0,2}(?!\w)" + _SPECKS + r"(?P<mm>(?=\d)" + _VALUE + r")" + _SPECKS + _MINUTES.pattern,
                              re.IGNORECASE)
# ``№`` read twice too, or read as a letter or two no reading of it gives (``экз. М 3``), before a digit then.
_COPY = re.compile(_SPECKS + r"(?:(?:" + NUMERO + r"|[^\W\d_]{1,2}(?=\s*\d))" + _SPECKS + r"){0,2}(?P<copy>" + DIGITISH
                   + r"{1,3})(?![\d/])")
# The telegram number whose ``№`` OCR read as a letter or two no reading of it gives (``ПЕКИНА Н 2561``): the one
# figure of three digits or more after such letters between the place and the time (nothing else is typed there). Not
# without them: a reading of the line without its ``№`` tells how surely the number was read.
_BARE_NUMBER = re.compile(r"(?<!\S)[^\W\d_]{1,2}" + _SPECKS + r"(?P<number>\d(?:[.,·]?" + DIGITISH + r"){2,5})(?![\w/])")
# The copy at the line's end after a lone ``№`` whose ``экз.`` OCR lost.
_COPY_AT_END = re.compile(NUMERO + _SPECKS + r"(?P<copy>" + DIGITISH + r"{1,3})" + _SPECKS + "$")
# Dot leaders and rules of a printed form's blanks as OCR reads a row of dots: two or more dots, commas,
# colons, specks, dashes (a space between them or not), an ellipsis, a rule (``......``, ``. . .``, ``.,:.``,
# ``…``, ``____``).
_LEADERS = re.compile(r"(?:[" + re.escape(_DOTS.replace("…", "")) + r"]\s?){2,}|…+|_+")


# Three or more letters a space apart: a letter-spaced word (``С О Ф И И``) or a label printed spaced (``э к з.``).
_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){2,}[^\W\d_](?=[\s.,]|$)")


# A value typed over a row of dots whose pitch is near the typing's: a dot read after every letter or
# digit (``5./.1.1.``, ``3.1.0.8``, ``П.Р.А.Г.И``).
_THROUGH_DOTS = re.compile(r"(?<!\S)(?:[^\s.,·][.,·]){2,}[^\s.,·]?(?!\S)")


def _plain(text: str) -> str:
    """The line without its blanks' leaders, letter-spaced words closed up, one space between words."""
    text = " ".join(_LEADERS.sub(_leader_gap, text).split())
    text = _THROUGH_DOTS.sub(lambda m: re.sub(r"[.,·]", "", m[0]), text)
    return _SPACED.sub(lambda m: m[0].replace(" ", ""), text)


def _leader_gap(match: re.Match) -> str:
    """A space for the leaders; after a word, its full stop first: a label's dot is read into the row
    after it (``пол.......16``, ``пол,..16``)."""
    after_word = match.start() > 0 and (match.string[match.start() - 1].isalpha())
    # A rule's stroke inside a word in capitals (``ВА_ШАВЫ``: the place, typed on the blank's rule) is a letter read
    # as the rule: a mark for it (the printed labels are in small letters, a blank between them).
    beside = match.string[max(0, match.start() - 1):match.start()] + match.string[match.end():match.end() + 1]
    if match[0] == "_" and len(beside) == 2 and beside.isalpha() and beside.isupper():
        return "_"
    # So is a hyphen with a speck beside it there (``НЬЮ.-ЙОРКА``): the place's own hyphen.
    if "-" in match[0] and len(match[0].strip()) == 2 and len(beside) == 2 and beside.isalpha() and beside.isupper():
        return "-"
    return ". " if after_word else " "


def _normal(text: str) -> str:
    """The line for matching: :func:`_plain` in Cyrillic look-alikes (letter for letter, so positions agree)."""
    return cyrillic(_plain(text))


def time_values(words: list[Word]) -> list[int]:
    """Where in a reading of the line (its words) the hours and the minutes stand: each word right before its
    label (``2 час.``, ``19 мин.``)."""
    labels = (_HOURS, _MINUTES)
    return [k for k in range(len(words) - 1)
            if any(label.fullmatch(cyrillic(words[k + 1].text).rstrip(",")) for label in labels)]


def labels_found(text: str) -> int:
    """How many of the routing line's printed labels after ``Из`` the line shows (0-5)."""
    norm = _normal(text)
    return sum(bool(p.search(norm)) for p in (re.compile(NUMERO), _RECEIVED, _HOURS, _MINUTES, _COPY_LABEL))


def is_routing_line(text: str) -> bool:
    """The line starts with ``Из`` and shows two more of the form's labels, or shows four of them, or three
    with two of the time's (``пол.``, ``час.``, ``мин.``: no other line of the form has those).

    Labels alone decide, so a line whose values stand off it (typed above a printed blank) still counts.
    """
    norm = _normal(text)
    found = labels_found(norm)
    timed = sum(bool(p.search(norm)) for p in (_RECEIVED, _HOURS, _MINUTES))
    return found >= 4 or found >= 3 and timed >= 2 or bool(_FROM.match(norm)) and found >= 2


def opens_routing(text: str) -> bool:
    """The line opens as the routing line does, ``Из`` and a place in capitals, though it shows too few of the
    form's labels to be taken for it (``Из ПЕКИНА № 6951 мн``: the page's reading lost the rest of the row)."""
    return bool(_FROM.match(_normal(text))) and parse_routing(text).origin is not None


def parse_routing(text: str) -> Routing:
    """The routing line's five fields from the values found beside its labels; each None when not there."""
    plain = _plain(text)
    norm = cyrillic(plain)
    time = _TIME.search(norm) or _TIME_LABEL_LOST.search(norm)
    minutes = time or _MINUTES.search(norm)  # the date follows the minutes' label even when the time is garbled
    after = minutes.end() if minutes else 0
    copy_label = _COPY_LABEL.search(norm, after)
    copy = _COPY.match(norm, copy_label.end()) if copy_label else _COPY_AT_END.search(norm, after)
    end = copy_label.start() if copy_label else copy.start() if copy else len(norm)
    number = _NUMBER.search(norm[:minutes.start() if minutes else end]) or _bare_number(norm, minutes)
    hh, mm = (_time_value(time["hh"], 24), _time_value(time["mm"], 60)) if time else (None, None)
    date = _date_raw(plain, norm, minutes, end)
    digits = _digits(re.sub(r"[.,·]", "", number["number"])) if number else ""  # a telegram number's: three at least
    return Routing(
        origin=_origin(norm),
        telegram_number=digits if len(digits) >= SHORTEST_NUMBER else None,
        received_time=f"{hh:02d}:{mm:02d}" if hh is not None and mm is not None else None,
        received_date_raw=date if date and _DAY.match(date) else None,
        copy_number=_number(copy["copy"]) if copy else None,
    )


# A date is typed day/month (``19/1``, ``19/ 19 50`` with the month left blank): without its day and slash read,
# what is left is the printed ``19`` and specks (``19 > 93``).
# A date typed with full stops gives its month and year both (``19.1.50``, ``26.IX.49``): the printed ``19`` and a blank's
# dot (``19.50``) are none.
_DAY = re.compile(r"\d{1,2}\s*/|\d{1,2}\.(?:\d{1,2}|[IVX]{1,4})\.\d\d")


def received_month(date_raw: str | None) -> int | None:
    """The month of a routing line's date (``1/11 19 53``, ``3/XII 19 49``), None when it gives none."""
    found = re.match(r"\s*\d{1,2}\s*(?:/|\.(?=\S+\.\d))\s*(?P<month>\d{1,2}|[IVX]{1,4})\b", date_raw or "")
    if found and found["month"] in ROMAN_MONTHS:
        return ROMAN_MONTHS.index(found["month"]) + 1
    return int(found["month"]) if found and found["month"].isdigit() and 1 <= int(found["month"]) <= 12 else None


def received_year(date_raw: str | None) -> int | None:
    """The last two figures of a routing line's year (``6/5 1951``, ``1/11 19 53``: 51, 53), None when it gives none."""
    found = re.search(r"19\s*(\d\d)\s*$", date_raw or "")
    return int(found[1]) if found else None


# A place's ``О`` read as a zero (``Из...Т0КИО.``): among capitals it is the letter, no number that ends the place.
_ZERO_IN_NAME = re.compile(r"(?<=[А-ЯЁ])0(?=[А-ЯЁ])|(?<=[А-ЯЁ]{2})0(?!\w)|(?<!\w)0(?=[А-ЯЁ]{2})")


def origin_apart(text: str) -> str | None:
    """The place of a routing line as read with a letter or two apart after it (``ПЕК НА``: its faint ``И`` lost between
    them), which :func:`parse_routing` leaves out as a speck or the ``№`` misread; None when nothing stands apart.
    :mod:`ocr.correct.names` reads it as one place with the gap its lost letter."""
    norm = cyrillic(_plain(text))
    found = _origin(norm, apart=True)
    return found if found != _origin(norm) else None


def _origin(norm: str, apart: bool = False) -> str | None:
    """The place after ``Из``, up to the next label or number, collapsed when letter-spaced; a letter or two apart
    after it left out unless ``apart`` (:func:`origin_apart`)."""
    norm = _ZERO_IN_NAME.sub("О", norm)
    start = _FROM.match(norm) or _FROM_MISREAD.match(norm)
    if not start:
        return None
    # ``№``'s readings as they are cased (``Мо``, never the ``МО`` of ``МОСКВЫ``); the labels in either case.
    stop = re.compile(NUMERO + r"|\d|(?i:" + _RECEIVED.pattern + ")").search(norm, start.end())
    words = re.sub(r"^\W+", "", norm[start.end():stop.start() if stop else len(norm)])  # a speck before it: ``(СОФИИ``
    # A lone letter or two after it: a speck, or the ``№`` read as letters or twice (``СОФИИ Ю №``, ``ПЕКИНА Хо``).
    if not apart:
        words = re.sub(r"(?<=[^\W\d_]{3})(?:\s+[^\W\d_]{1,2})+\W*$", "", words)
    if not stop:
        words = words.split()[0] if words.split() else ""
    name = clean_name(words)
    marks = [c for c in name if not c.isalpha() and c not in " -"]
    typed = _FROM.match(norm) or name.isupper()  # without its label, only a name in capitals is the place
    return name if sum(c.isalpha() for c in name) >= SHORTEST_PLACE and len(marks) <= 1 and typed else None


# A place has three letters at least, one of them read as a mark now and then (``ТОКИ?``, put right by
# :mod:`ocr.correct.names`); a letter or two after ``Из`` is what OCR read of a lost one (``РИ``).
SHORTEST_PLACE = 3


def _bare_number(norm: str, minutes: re.Match | None) -> re.Match | None:
    """The one figure of :data:`_BARE_NUMBER` before ``пол.`` (or the hours, or the minutes' label), None when the line
    shows none of them or there is no such figure or more."""
    bound = _RECEIVED.search(norm) or _TIME_START.search(norm) or minutes
    found = list(_BARE_NUMBER.finditer(norm[:bound.start()])) if bound else []
    return found[0] if len(found) == 1 else None


# Where the time's values begin: the hours before ``час.``.
_TIME_START = re.compile(r"(?<!\d)" + _VALUE + _SPECKS + _HOURS.pattern, re.IGNORECASE)


def _date_raw(plain: str, norm: str, time: re.Match | None, end: int) -> str | None:  # time: or the minutes' label
    """The date as typed after the time (and the printed ``19``) up to ``экз.``; trailing words without
    digits (``т.``, the printed ``г.``) dropped. Typed before the time instead, it is found after ``пол.``."""
    if not time:
        return None
    found = _digit_words(plain[time.end():end])
    received = _RECEIVED.search(norm, 0, time.start())
    if not found and received:
        found = _digit_words(plain[received.end():time.start()])
    return _ROMAN_DATE.sub(_roman, found) if found else None


# A month in Roman numerals as OCR reads them in a date (``19/ХII``, ``3.1Х``).
# Two or three strokes OCR joined read as one letter (``3/ХИ``: XII; ``УШ``: VIII), as :func:`ocr.fields.roman_month` reads them.
_ROMAN_DATE = re.compile(r"(?<=\d[/.])(?P<month>[IVXІХхУуГТИПШl|1]*[IVXІХхУуГТИПШ][IVXІХхУуГТИПШl|1]*)(?=[\s.,/-]|$)")


def _roman(match: re.Match) -> str:
    return roman_month(match["month"]) or match["month"]


# A round mark among a date's figures is its 0 misread (``24/1@ 1946``, ``2/О1``): no date is typed with one.
_ZERO_AMONG_FIGURES = re.compile(r"(?<=[\d/])[@©ОоOo](?=[\d/]|$)|^[@©ОоOo](?=\d)")


def _digit_words(span: str) -> str | None:
    if "/" not in span:  # the date's thin slash read as a stroke between its day and month (``19|1``, ``25l11``)
        span = re.sub(r"(?<=\d)[|lI](?=\d)", "/", span, count=1)
    # Specks and a blank's dots read beside or between the date's parts (``5/10 ° 1952``, ``.3/XII,``).
    span = re.sub(r"[.,·]*/[.,·]*", "/", re.sub(r"[`'‘’|]", " ", span))  # ``2./11``
    if "/" in span:  # a date written with a slash has no dots between its digits: ``18/1.2 19 5.2``, but a
        span = re.sub(r"(/\d{1,2})[.,·](?=19(?:\d\d(?!\d)|\s))", r"\1 ", span)  # blank's dot before the year: ``24/10.1946``
        span = re.sub(r"(?<!\S)19[.,·](?=\d\d(?!\d))", "19 ", span)  # ... or between the printed 19 and it: ``19.50``
        span = re.sub(r"(?<=\d)[.,·](?=\d)", "", span)
    tokens = [t.strip(_DOTS) for t in span.split()]
    tokens = [t for t in tokens if t]
    while tokens and not re.search(r"\d", tokens[-1]):
        tokens.pop()
    while tokens and not re.search(r"\d", tokens[0]):
        tokens.pop(0)
    tokens = [_ZERO_AMONG_FIGURES.sub("0", t) for t in tokens[:_year_end(tokens)]]
    if tokens:
        tokens[-1] = re.sub(r"(?<=\d)[^\d/]+$", "", tokens[-1])  # the printed ``г.`` run into the year (``52г``)
    return " ".join(tokens) or None


def _year_end(tokens: list[str]) -> int:
    """Where the date's year ends among its tokens (``1951``, or the printed ``19`` and the typed ``51``): what
    follows is ``т.`` or ``экз.`` misread (``6/5 19 51 1``), never the date's."""
    for k, token in enumerate(tokens):
        if re.fullmatch(r"19\d\d", token):
            return k + 1
        if token == "19" and k + 1 < len(tokens) and re.fullmatch(r"\d\d", tokens[k + 1]):
            return k + 2
    return len(tokens)


def _digits(text: str) -> str:
    return text.translate(DIGIT_LOOKALIKES)


def _number(text: str) -> int:
    return int(_digits(text))


def _time_value(text: str, limit: int) -> int | None:
    """Hours (``limit`` 24) or minutes (60) as typed in two digits at most; out of range, a leading ``6``,
    ``8`` or ``9`` is a zero with a dot or slash in it (``96`` for ``06``); None when still no value."""
    digits = _digits(re.sub(r"[.,·]", "", text)).translate(_BRACKET_ONE)
    if len(digits) == 3:  # a slashed zero read as ``09`` or ``90`` (``096`` for ``06``, ``309`` for ``30``)
        digits = re.sub(r"09|90", "0", digits, count=1)
    digits = zero_led(digits[:2], limit)
    return int(digits) if int(digits) < limit else None


def printed_line(text: str) -> str:
    """The routing line as the form prints it and the clerk typed it: the blanks' dots, rules and specks read
    around its words dropped (``Из. ПЕКИНА. №. 2561.``, ``№ _3686``, ``мин..25/11``), its printed labels as printed
    (the year's ``г`` without its full stop, ``пол,``)."""
    words = []
    for token in _RUN_ON.sub(" ", _LEADERS.sub(_leader_gap, text)).split():
        core = token.strip(_DOTS)
        label = next((label for label in ROUTING_LABELS if cyrillic(core).lower() == label.rstrip(".").lower()), None)
        label = label or next((label for pattern, label in _MISREAD_LABELS if pattern.fullmatch(cyrillic(core))), None)
        # A label misread keeps its full stop (``эюз.``); a value's (``ПЕКИНА.``, ``2561.``) is the blank's.
        stop = "." if core.isalpha() and core.islower() and token.endswith(core + ".") else ""
        words.append(label or core + stop)
    return " ".join(word for word in words if word)


# The labels as OCR misreads them (``Ne``, ``лол``, ``чае``, ``мнн``), written as printed.
_MISREAD_LABELS = ((re.compile(NUMERO), "№"), (_RECEIVED, "пол."), (_HOURS, "час."), (_MINUTES, "мин."))
# A value run into the label after it by a dot of the blank (``1946.т.``, ``0.час.``).
_RUN_ON = re.compile(r"(?<=\d)[.,·_](?=[^\W\d_])")


def printed(lines: list[Line]) -> list[Line]:
    """The lines with the routing line's text written as :func:`printed_line` gives, where that parses alike:
    the page's text then holds what the form and the clerk put there, and no field changes."""
    out = []
    for line in lines:
        text = printed_line(line.text) if line.role is Role.ROUTING else line.text
        same = text != line.text and parse_routing(text) == parse_routing(line.text)
        out.append(dataclasses.replace(line, text=text) if same else line)
    return out


# Values typed into a printed form's blanks stand up to this many word heights off the labels' line.
OFF_BASELINE = 0.9
# A value typed a whole line off its blank (the platen turned once too often or too few) stands up to this many;
# there it is joined only where it gives the line a value it lacks and changes none it reads.
LINE_OFF = 1.8


def gather_values(lines: list[list[Word]], word_height: float) -> list[list[Word]]:
    """Visual lines (top to bottom, each left to right) with the values typed off the routing line's
    baseline joined to it: a neighbouring line close enough, all of whose words stand in the gaps
    between the line's printed labels or past its end."""
    out = [list(line) for line in lines]
    for k, line in enumerate(lines):
        if not is_routing_line(words_text(line)):
            continue
        for j in (k - 1, k + 1):
            if 0 <= j < len(lines) and out[j] and _off_baseline(lines[j], line, word_height):
                out[k] = sorted(out[k] + out[j], key=lambda w: w.bbox[0])
                out[j] = []
    return [line for line in out if line]


def _adds_values(values: list[Word], labels: list[Word], off: float) -> bool:
    """Whether ``values`` belong to the routing line ``labels`` at ``off`` word heights from it: near, or a line
    off when joining gives a field the line lacks and changes none it reads."""
    if off <= OFF_BASELINE:
        return True
    before = parse_routing(words_text(labels))
    after = parse_routing(words_text(sorted(labels + values, key=lambda w: w.bbox[0])))
    pairs = [(getattr(before, f.name), getattr(after, f.name)) for f in dataclasses.fields(Routing)]
    return all(b is None or b == a for b, a in pairs) and any(b is None and a is not None for b, a in pairs)


def _off_baseline(values: list[Word], labels: list[Word], word_height: float) -> bool:
    def centre(words: list[Word]) -> float:
        return sum(w.bbox[1] + w.bbox[3] / 2 for w in words) / len(words)

    def overlaps(a: Word, b: Word) -> bool:
        return a.bbox[0] < b.bbox[0] + b.bbox[2] and b.bbox[0] < a.bbox[0] + a.bbox[2]

    start = min(w.bbox[0] for w in labels)
    off = abs(centre(values) - centre(labels)) / word_height
    return (off <= LINE_OFF and all(w.bbox[0] >= start and not any(overlaps(w, label) for label in labels) for w in values)
            and _adds_values(values, labels, off))
