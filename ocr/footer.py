"""The footer under the signature: ``11 экз. нб``, ``Отпеч. 20/1-0.45``, ``Разослано``, ``Выпустил``, ``Верно:``.

Each line starts with a printed or typed label and gives one field. Beside the labels the paper
also carries what is no typing: a pen's scrawl after ``Верно:``, a stamp's remnants after a time.
Those never become values: a value keeps only the words shaped like its kind (a date and time, a
name, a word) and, where the words come from OCR, only those read believably.
"""

from __future__ import annotations

import dataclasses
import re

from rapidfuzz import fuzz

from ocr.contract import Footer
from ocr.fields import (
    EKZ,
    cyrillic,
    ones_as_figures,
    slash_read_as_one,
    squash,
    to_cyrillic,
    zero_led,
    zero_month,
)
from ocr.lines import Line, Role

# Specks may stand before the number (``-.18экз.мп``, ``® 5 экз.``, one read as a letter: ``В 8 экз. мп``) and between
# it and ``экз.`` (``8$ экз.``, ``7.экз.``, ``15 ;экз.``); ``экз.`` may lose its з (``10 эк.. мп``) or its faint э (``9 кз. мп``, its
# full stop too: ``9 кз м``), and a speck may follow its full stop. A 1 beside another figure may be read as a bracket
# or a bar (``1] экз. нб``); both ones of 11 as letters where a face's 1 is a serifed stroke (``II экз.``, ``ll экз.``).
# The initials ending the line may be read a space apart (``н б``).
# (``экз.`` read ``33`` is no figures of a longer number, nor glued to the number: ``5330 2. экз. № 4``, a later page's
# header, and ``233 вагонов``, a faint line of the message, are no copies lines.)
_COPIES = re.compile(r"^[\W_]*(?:[^\W\d_]\s+)?(?P<n>\d[\d\]|]{0,2}|[\]|]\d{1,2}|[IlІ|\]]{2})[$.,:;`'‘’]?\s*[.,:;`'‘’]?(?:(?:(?!33)(?:" + EKZ
                     + r")|(?<![\d\]|])33)(?!\d)|[ЭэЗз3][кК](?=[.,])|[кК][з3](?=[.,\s]|$))[.,]*\s*(?P<typist>[^\W\d_] [^\W\d_](?=\s*$)|\S+)?", re.IGNORECASE)
_ONE_LOOKALIKES = str.maketrans("]|IlІ", "11111")
# A typist's initials: two or three letters. One letter is initials read with one lost (``м`` for ``мп``), a longer
# word no initials (``вагонов``: a faint line of the message read as a copies line).
_INITIALS = re.compile(r"[^\W\d_]{2,3}")

# The footer's labels, each with the field it starts.
_LABELS = {"ОТПЕЧ": "printed_raw", "РАЗОСЛАНО": "distributed_raw", "ВЫПУСТИЛ": "released_by", "ВЕРНО": "certified"}
_SPELLING = {"printed_raw": "Отпеч.", "distributed_raw": "Разослано", "certified": "Верно:"}

# A date and time as typed (``20/1-0.45``, ``10/1/45``, ``19/XI - 0.10``): digits, Roman months and their marks,
# and the letters OCR reads for digits (``З/2-О.16``).
_WHEN = re.compile(r"[\dIVXХЗзбОо/.,:\-—–]+")
# A day and month (``7/4``).
_DAY_MONTH = re.compile(r"\d{1,2}/\d{1,2}")
# What follows a dated value's day and month, and the mark between: the printing's time (``Отпеч. 18/4-4.14``), the
# sending out's number (``Разослано 7/4/33``).
_AFTER_DAY = {"printed_raw": ("-", re.compile(r"\d{1,2}[.,]\d{2}")), "distributed_raw": ("/", re.compile(r"\d{2}"))}
# A date and time in full (``18/12-7.05``): no pen stroke or stamp remnant reads so, however faint it was typed.
_DATED = re.compile(r"\d{1,2}/\d{1,2}-\d{1,2}\.\d{2}")
# The time's full stop read as a comma (``25/10-5,17``): a typed time is hours, a full stop, two digits of minutes.
_TIME_COMMA = re.compile(r"(/[\dIVXХ]{1,4}-\d{1,2}),(\d{2})$")
# The printing's time after its date's hyphen (``Отпеч. 3/11-4.03``): hours and minutes.
_PRINTED_TIME = re.compile(r"-(\d{1,2})\.(\d{2})$")
# A typed word: two letters or more (a name may have a hyphen), or an initial with its full stop; a lone
# letter is a pen stroke read as one.
_WORD = re.compile(r"[А-ЯЁа-яёA-Za-z](?:[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z.\-]*[.,]?|\.)")
# Pen strokes read as letters come out as one letter over and over (``Оооо``) or strange marks.
_SCRAWL = re.compile(r"(\w)\1\1|[<>=\[\]{}|\\~^@#$%&*+]", re.IGNORECASE)

# OCR reads typing, even faded, at 60 and more; pen strokes and stamp remnants mostly far below.
BELIEVABLE_CONFIDENCE = 50.0
# A line typed faint (a carbon copy's on a dim scan) reads low throughout, its printed label too: a word beside the
# label read as surely as the label is typing, down to this (pen strokes and stamp remnants beside a label read at
# 0-30 on the tuning pages; ``Выпустил@45 Мельников@47`` on a faint page).
FAINTEST_TYPING = 40.0


def believable(text: str, confidence: float | None = None, floor: float = BELIEVABLE_CONFIDENCE) -> bool:
    """Whether a word beside a footer label is typing, not a pen mark: read confidently (when OCR'd; at ``floor`` at
    least), mostly letters or digits, and no scrawl's shape (a letter thrice over, strange marks)."""
    core = text.strip(".,:;")
    if confidence is not None and confidence < floor and not _DATED.fullmatch(core):
        return False
    alnum = sum(c.isalnum() for c in core)
    return alnum >= 1 and alnum >= 0.6 * len(core) and not _SCRAWL.search(core)


def from_label(text: str) -> str:
    """The line from its label on: a pen's stroke or a stamp's edge OCR'd before the label (``1 : т А = а Отеч.``),
    pieces of a letter or two among which a mark, is no part of it."""
    tokens = text.split()
    for k, token in enumerate(tokens[:_MOST_BEFORE + 1]):
        before = tokens[:k]
        if _label(token) and all(len(t) <= 2 for t in before) and any(not t.isalpha() for t in before):
            return " ".join(tokens[k:])
    return text


# At most this many specks and stroke pieces before a label.
_MOST_BEFORE = 8


# How alike a word must read to a label (``Отнеч.``), and two pieces joined (a word after a label's look-alike
# joined to it is no label: ``Разослать по``).
LABEL_LIKE, PIECES_LIKE = 80, 90


def _label(text: str, cutoff: float = LABEL_LIKE) -> str | None:
    """The field a footer line starts, from its first word, allowing an OCR error or two (``Отнеч.``)."""
    first = text.split()[0] if text.split() else ""
    key = squash(first)
    if len(key) < 4:
        return None
    return next((name for label, name in _LABELS.items() if fuzz.ratio(key, label) >= cutoff), None)


# A label read joined to its value (``Отпеч.8/4-10.15``, ``Разослано7/4/51``, ``ВыпустилСорокин``): a narrow face's
# space OCR lost.
_GLUED = re.compile(r"(?<!\S)([^\W\d_]{4,}[.,:]?)(?=\d)|(?<!\S)([^\W\d_]{4,}?)(?=[А-ЯЁ][а-яё]{2,}(?:\s|$))")
# A label read in two pieces (``Вып устил``, ``Р азослано``, ``Отп еч.``): a space OCR put inside a faint word, after
# its capital (a small word before a label's spelling is the message's: ``и верно, что``).
_SPLIT = re.compile(r"^(\W*)([А-ЯЁ][а-яё]*) ([а-яё]+[.,:]?)(?=\s|$)")


def _label_apart(text: str) -> str:
    """``text`` with its label as typed, a space apart from its value: a label read joined to the value set apart from
    it, a label read in two pieces joined."""
    text = _GLUED.sub(lambda m: f"{m[0]} " if _label(m[0]) else m[0], text)
    split = _SPLIT.match(text)
    if split and not _label(split[2]) and _label(split[2] + split[3], PIECES_LIKE):
        return split[1] + split[2] + split[3] + text[split.end():]
    return text


# A speck read inside a typed word (``П°етрова``, ``Абрам`кин``, ``.Голубев``): no letter of it.
_SPECK_IN_WORD = re.compile(r"(?<=[^\W\d_])[°`'‘’;:](?=[^\W\d_])|^[.,°`'‘’;:]+(?=[^\W\d_])")
# A name read in two pieces, the second beginning small (``А брамкин``, ``Мол ьников``): a space OCR put inside it.
_WORD_PIECES = re.compile(r"([А-ЯЁ][^\W\d_]*) ([а-яё][^\W\d_]*)(?=\s|$)")


def _name_pieces(tokens: list[str]) -> list[str]:
    """A name's tokens with the specks inside its words dropped and its word read in two pieces one again (a pen's
    loops read as letters after it stay apart: ``Абрамкин ооо``)."""
    text = " ".join(_SPECK_IN_WORD.sub("", token) for token in tokens)
    joined = _WORD_PIECES.match(text)
    if joined and not _SCRAWL.search(joined[2]):
        text = joined[1] + joined[2] + text[joined.end():]
    return text.split()


def _leading(tokens: list[str], shape: re.Pattern, most: int = 6) -> list[str]:
    """The tokens from the first that have ``shape``, up to the first that has not (what trails is no value)."""
    kept = []
    for token in tokens[:most]:
        token = token.strip("\"“”„'`‘’")  # a speck read as a quote beside a word (``Мельников”``)
        if not shape.fullmatch(token) or _SCRAWL.search(token):
            break
        kept.append(token)
    return kept


def parse_footer_line(text: str) -> dict[str, str | int]:
    """One footer line → the footer fields it gives (``11 экз. нб`` → copies_printed, typist)."""
    return _read(text)[0]


def left_out(text: str) -> list[str]:
    """The words beside a footer label that are no part of its value (a scrawl, a stamp's remnants)."""
    return _read(text)[1]


def _read(text: str) -> tuple[dict[str, str | int], list[str]]:
    """The fields a footer line gives, and the words after its label left out of them."""
    text = _label_apart(ones_as_figures(text))
    if match := _copies(text):
        fields: dict[str, str | int] = {"copies_printed": int(match.group("n").translate(_ONE_LOOKALIKES))}
        typist = text.strip()[match.start("typist"):match.end("typist")].strip(".,:;`'‘’_-").replace(" ", "") if match["typist"] else ""
        if typist and believable(typist) and _INITIALS.fullmatch(typist):
            # Initials are typed small; a capital is a small one read large (``Лк``, ``МП``: on many faces л and Л,
            # м and М differ in size only).
            fields["typist"] = typist.lower()
        return fields, []
    text = from_label(text)
    name = _label(cyrillic(text).strip())
    rest = text.split()[1:]
    if name == "released_by":
        rest = _name_pieces(rest)
        words = _leading(rest, _WORD, most=2)
        found = {"released_by": to_cyrillic(" ".join(words).strip(" .,"))} if words else {}
        return found, rest[len(words):]
    if name in ("printed_raw", "distributed_raw"):
        when = _leading(rest, _WHEN)
        while when and not re.search(r"\d", when[-1]):
            when.pop()
        taken = len(when)  # words of the line the value holds, however they are joined below
        if when:  # a date and time begin and end in a digit (``17/12/31.``, ``-25/10-5.17``: specks beside it)
            when[0] = slash_read_as_one(re.sub(r"^\W+(?=\w)", "", when[0]))
            when[-1] = re.sub(r"(?<=\d)\D+$", "", when[-1])
        # A space OCR read after a slash between figures (``22/ 10/34``): a day/month/number is typed without one.
        when = re.sub(r"(?<=\d/) (?=\d)", "", " ".join(when)).split()
        mark, after = _AFTER_DAY[name]
        if len(when) == 2 and _DAY_MONTH.fullmatch(when[0]) and after.fullmatch(when[1]):
            when = [mark.join(when)]  # the mark after its day and month read as a space (``7/4 33``, ``18/4 4.14``)
        value = zero_month(" ".join([_SPELLING[name]] + when))  # the printed label, however OCR read it
        value = _TIME_COMMA.sub(r"\1.\2", re.sub(r"[-—–]{2,}|[—–]", "-", value))
        if name == "printed_raw":  # a time out of range reads a slashed zero as a figure (``4.63`` for ``4.03``)
            value = _PRINTED_TIME.sub(lambda m: f"-{zero_led(m[1], 24)}.{zero_led(m[2], 60)}", value)
        return {name: value}, rest[taken:]
    if name == "certified":
        words = _leading(rest, _WORD, most=3)
        return {"certified": " ".join([_SPELLING[name]] + words)}, rest[len(words):]
    return {}, []


def typed_text(text: str, words: list[tuple[str, float]]) -> tuple[str, list[str]]:
    """A footer line's text from its OCR words (text, confidence) without those read unbelievably after
    its label (pen strokes, stamp remnants), and those words; the text as it is without words. The label is
    kept however unsure it was read, and so are the specks before it (:func:`from_label` drops them): a faint
    ``Разослано`` after a speck read ``]`` is still the line's label."""
    if not words:
        return text, []
    words = _dated_whole(words)
    kept = typing(words)
    return " ".join(t for (t, _), keep in zip(words, kept) if keep), [t for (t, _), keep in zip(words, kept) if not keep]


def typing(words: list[tuple[str, float]]) -> list[bool]:
    """Which of a footer line's OCR words (text, confidence) are typing: its label and the specks before it
    (:func:`label_end`), and after it the words read believably, as surely as a printed label read before them at
    least on a faintly typed line (FAINTEST_TYPING)."""
    head = label_end([t for t, _ in words])
    labelled = head <= len(words) and _label(words[head - 1][0])
    floor = max(FAINTEST_TYPING, min(BELIEVABLE_CONFIDENCE, words[head - 1][1])) if labelled else BELIEVABLE_CONFIDENCE
    return [k < head or believable(t, c, floor) for k, (t, c) in enumerate(words)]


def label_end(texts: list[str]) -> int:
    """How many of a footer line's words are its label and the specks before it: the copies line's number and
    ``экз.`` (typed as faintly as its typist's initials, often read less surely), else up to the first word
    that is a label, else 1 (the first word)."""
    if len(texts) >= 2 and (copies := _COPIES.match(ones_as_figures(f"{texts[0]} {texts[1]}"))) and not copies["typist"]:
        return 2
    return next((k for k, text in enumerate(texts[:_MOST_BEFORE + 1]) if _label(text)), 0) + 1


def _dated_whole(words: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The words with a date and time OCR split in two (``2/5-1.`` ``59``, or at its minutes' full stop read as a
    space: ``22/11-4`` ``53``) one word again, so it is judged whole: read so, it is typing however unsure each
    half was."""
    out: list[tuple[str, float]] = []
    for text, confidence in words:
        joined = next((whole for whole in (out[-1][0] + text, f"{out[-1][0]}.{text}") if _DATED.fullmatch(whole)), None) if out else None
        if joined:
            out[-1] = (joined, min(out[-1][1], confidence))
        else:
            out.append((text, confidence))
    return out


def is_footer_line(text: str) -> bool:
    return bool(parse_footer_line(text))


def is_copies_line(text: str) -> bool:
    """The footer's first line, ``11 экз. нб``: how many copies were printed and by whom."""
    return bool(_copies(text)) and len(text.split()) <= 4


def _copies(text: str) -> re.Match | None:
    """The copies line's match (:data:`_COPIES`) on a line read as OCR gives it: look-alike Latin letters and a
    serifed 1's marks beside figures put right first."""
    return _COPIES.match(cyrillic(ones_as_figures(text)).strip())


def line_text(line: Line) -> tuple[str, list[str]]:
    """A footer line's text without the words OCR read unbelievably, and those words."""
    return typed_text(line.text, [(w.text, w.confidence) for w in line.words])


def typed_line(text: str) -> str | None:
    """A footer line as the typist typed it, from what :func:`parse_footer_line` takes of it: its label as printed and
    its value, what is no typing (a pen's scrawl after ``Верно:``, a stamp's remnants) left out; None when it gives
    no field."""
    found = parse_footer_line(text)
    if "copies_printed" in found:
        return " ".join(str(part) for part in (found["copies_printed"], "экз.", found.get("typist")) if part)
    if "released_by" in found:
        return f"Выпустил {found['released_by']}"
    return next((str(value) for value in found.values()), None)


def printed(lines: list[Line]) -> list[Line]:
    """The lines with each footer line's text as :func:`typed_line` gives it (its words kept, so the footer's fields
    and the marks left out of them, :func:`unclear_marks`, are read from them as before)."""
    return [dataclasses.replace(line, text=typed) if line.role is Role.FOOTER and (typed := typed_line(line_text(line)[0]))
            else line for line in lines]


def footer(lines: list[Line]) -> Footer:
    """The footer fields from the document's footer lines, the first line giving a field winning."""
    found: dict = {}
    for line in lines:
        if line.role is Role.FOOTER:
            found.update({k: v for k, v in parse_footer_line(line_text(line)[0]).items() if k not in found})
    return Footer(**found)


def unclear_marks(lines: list[Line]) -> list[str]:
    """A warning for each footer line with marks beside its label that were not taken as its value."""
    notes = []
    for line in lines:
        if line.role is Role.FOOTER:
            text, unbelievable = line_text(line)
            if marks := unbelievable + left_out(text):
                notes.append(f"page {line.page}: left out of the footer as no typing (pen or stamp marks?): {' '.join(marks)!r}")
    return notes
