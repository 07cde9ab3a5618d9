"""Pure parsers for the typed fields of a cipher telegram, tolerant of OCR misreadings.

Tesseract reads ``Экз.`` as ``Зкз.``, ``№`` as ``Ns`` or ``N``, and mixes Latin homoglyphs into
Cyrillic words; every pattern here accepts those variants so the same parser serves OCR text and
the archive's transcriptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Latin letters Tesseract substitutes for their Cyrillic look-alikes.
_HOMOGLYPHS = str.maketrans("ABCEHKMOPTXaceopxyЁё", "АВСЕНКМОРТХасеорхуЕе")

NUMERO = r"(?:№|N[sо°oe]?|Мо|#)"
EKZ = r"(?:[ЭэЗз3]к[з3])"

FORM_TITLES = ["Шифртелеграмма"]
CLASSIFICATIONS = ["Совершенно секретно", "Строго секретно", "Секретно"]
HANDLING_MARKS = ["СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ", "Подлежит возврату", "Хранить наравне с шифром"]
PRIORITIES = ["ОСОБАЯ", "ВНЕ ОЧЕРЕДИ", "ВЕСЬМА СРОЧНО", "СРОЧНО", "МОЛНИЯ", "ОСОБО ВАЖНАЯ"]


def cyrillic(text: str) -> str:
    """Latin homoglyphs to Cyrillic and ё to е: for matching, never for output."""
    return text.translate(_HOMOGLYPHS)


def squash(text: str) -> str:
    """Upper-case Cyrillic letters and digits only: the key two spellings of a label share."""
    return re.sub(r"[^0-9А-ЯЁ]", "", cyrillic(text).upper())


def best_match(text: str, vocabulary: list[str], cutoff: float = 80) -> str | None:
    """The vocabulary entry ``text`` spells, allowing OCR errors and letter spacing; None below ``cutoff``."""
    key = squash(text)
    if not key:
        return None
    found = process.extractOne(key, {v: squash(v) for v in vocabulary}, scorer=fuzz.ratio, score_cutoff=cutoff)
    return found[2] if found else None


def is_letter_spaced(text: str) -> bool:
    """True for typing like ``О С О Б А Я`` or ``В Ы Ш И Н С К О М У.``: mostly one-letter tokens."""
    tokens = [t for t in re.split(r"\s+", text.strip().rstrip(".:")) if t]
    singles = sum(1 for t in tokens if len(t.strip(".,")) == 1)
    return len(tokens) >= 3 and singles >= 0.7 * len(tokens)


def collapse_spacing(text: str) -> str:
    """``В Ы Ш И Н С К О М У.`` → ``ВЫШИНСКОМУ.``; runs of two or more spaces separate words."""
    groups = re.split(r"\s{2,}", text.strip())
    return " ".join(re.sub(r"\s+", "", g) if is_letter_spaced(g) or _all_single(g) else g for g in groups)


def _all_single(group: str) -> bool:
    tokens = group.split()
    return len(tokens) > 1 and all(len(t.strip(".,")) <= 1 for t in tokens)


def clean_name(text: str) -> str:
    """A collapsed name without trailing punctuation: ``ВЫШИНСКОМУ.`` → ``ВЫШИНСКОМУ``."""
    return collapse_spacing(text).strip(" .,:;")


@dataclass(frozen=True)
class Routing:
    origin: str | None = None
    telegram_number: str | None = None
    received_time: str | None = None
    received_date_raw: str | None = None
    copy_number: int | None = None


_ROUTING_ORIGIN = re.compile(r"^\s*[ИI][зs3]\s+(?P<origin>[^\s№]+)")
_ROUTING_NUMBER = re.compile(NUMERO + r"\s*(?P<number>\d{1,6})")
_ROUTING_TIME = re.compile(r"(?P<hh>\d{1,2})\s*ч[аa]с\.?\s*(?P<mm>\d{1,2})\s*м[иu]н\.?", re.IGNORECASE)
_ROUTING_COPY = re.compile(EKZ + r"\.?\s*" + NUMERO + r"?\s*(?P<copy>\d{1,3})\s*$", re.IGNORECASE)
_DATE_TAIL = re.compile(r"\s*(?:т\.|г\.)?\s*" + EKZ + r".*$", re.IGNORECASE)


def is_routing_line(text: str) -> bool:
    """The routing line starts with ``Из`` and gives the time in ``час.``/``мин.``."""
    return bool(_ROUTING_ORIGIN.search(cyrillic(text)) and _ROUTING_TIME.search(cyrillic(text)))


def parse_routing(text: str) -> Routing:
    """``Из ПХЕНЬЯНА № 2029 пол. 18 час. 50 мин. 19/ 19 50 т. экз. № 3`` → its five fields."""
    norm = cyrillic(text)
    origin = _ROUTING_ORIGIN.search(norm)
    number = _ROUTING_NUMBER.search(norm)
    time = _ROUTING_TIME.search(norm)
    copy = _ROUTING_COPY.search(norm)
    date_raw = None
    if time:
        date_raw = _DATE_TAIL.sub("", text[time.end():]).strip() or None
    return Routing(
        origin=origin.group("origin").strip(".,") if origin else None,
        telegram_number=number.group("number") if number else None,
        received_time=f"{int(time['hh']):02d}:{int(time['mm']):02d}" if time and _valid_time(time) else None,
        received_date_raw=date_raw,
        copy_number=int(copy.group("copy")) if copy else None,
    )


def _valid_time(match: re.Match) -> bool:
    return int(match["hh"]) < 24 and int(match["mm"]) < 60


# Slot numbers are short, so the digit look-alikes Tesseract produces there are safe to read back.
_SLOT_DIGITS = str.maketrans("ЗзбОоIl", "3360011")
_SLOT = re.compile(
    r"(?:" + EKZ + r"\.?|»|>>|«)?\s*" + NUMERO + r"\s*(?P<copy>(?-i:[\dЗзбОоIl]{1,2}))(?![\d/])\s*[-—–]?\s*(?P<suffix>[^\s»]*)",
    re.IGNORECASE,
)


def parse_grid_row(text: str) -> list[tuple[int, str | None]]:
    """One row of the distribution grid → ``(copy, recipient)`` per copy slot.

    A slot is ``Экз. № N-т`` (or ``» № N-т``); a recipient is typed in place of the ``т``
    (``1-РАЗМЕТКА``) or as the words that follow the slot before the next one.
    """
    norm = cyrillic(text)
    slots = list(_SLOT.finditer(norm))
    entries = []
    for i, slot in enumerate(slots):
        end = slots[i + 1].start() if i + 1 < len(slots) else len(norm)
        suffix = text[slot.start("suffix"):slot.end("suffix")].strip(" .,")
        beside = text[slot.end():end].strip(" \t.,»")
        recipient = suffix if len(squash(suffix)) > 2 else (beside or None)
        entries.append((int(slot.group("copy").translate(_SLOT_DIGITS)), recipient))
    return entries


def is_grid_row(text: str) -> bool:
    return len(_SLOT.findall(cyrillic(text))) >= 2


_SPECIAL = re.compile(r"[СC]пец\.?\s*" + NUMERO + r"?\s*(?P<number>[\d][\d\s\-—–/]*\d|\d)", re.IGNORECASE)


def parse_special_number(text: str) -> str | None:
    """``Спец. № 47-51`` → ``"47-51"``."""
    match = _SPECIAL.search(cyrillic(text))
    return re.sub(r"\s+", "", match.group("number")).replace("—", "-").replace("–", "-") if match else None


_SIGNATURE = re.compile(r"^\s*(?P<date>\d{1,2}\s*/\s*[\dIVXІ]{1,4}\s*[-—–]{1,2}\s*\d{2}\s*г\.?)\s*(?P<name>.*)$")


def parse_signature(text: str) -> tuple[str | None, str | None] | None:
    """``19/1-50 г. Ш Т Ы К О В`` → ``("ШТЫКОВ", "19/1-50 г.")``; None if the line is no signature."""
    match = _SIGNATURE.match(text)
    if not match:
        return None
    name = clean_name(match.group("name")) or None
    return name, _tidy_date(match.group("date"))


def _tidy_date(raw: str) -> str:
    """``19 / 1 - 50 г.`` → ``19/1-50 г.``: OCR scatters spaces inside typed dates."""
    compact = re.sub(r"[-—–]+", "-", re.sub(r"\s+", "", raw))
    return re.sub(r"г\.?$", lambda m: " " + m.group(0), compact)


_COPIES = re.compile(r"^\s*(?P<n>\d{1,3})\s*" + EKZ + r"\.?\s*(?P<typist>\S+)?", re.IGNORECASE)


def parse_footer_line(text: str) -> dict[str, str | int]:
    """One footer line → the footer fields it gives (``11 экз. нб`` → copies_printed, typist)."""
    norm = cyrillic(text).strip()
    key = squash(norm)
    if match := _COPIES.match(norm):
        fields: dict[str, str | int] = {"copies_printed": int(match.group("n"))}
        if match.group("typist"):
            fields["typist"] = text.split()[-1] if len(text.split()) > 2 else match.group("typist")
        return fields
    if key.startswith("ОТПЕЧ"):
        return {"printed_raw": text.strip()}
    if key.startswith("РАЗОСЛ"):
        return {"distributed_raw": text.strip()}
    if key.startswith("ВЫПУСТ"):
        name = text.strip().split(maxsplit=1)
        return {"released_by": name[1].strip(" .")} if len(name) > 1 else {}
    if key.startswith("ВЕРНО"):
        return {"certified": text.strip()}
    return {}


def is_footer_line(text: str) -> bool:
    return bool(parse_footer_line(text))


_PAGE_LABEL = re.compile(r"^\s*(?P<n>\d{1,2})\s*\.\s*$")
_CONT_COPY = re.compile(EKZ + r"\.?\s*" + NUMERO + r"?[.\s…]*(?P<copy>\d{1,3})?[.\s…]*$", re.IGNORECASE)


def parse_page_label(text: str) -> str | None:
    """``2.`` on a continuation page → ``"2."``."""
    match = _PAGE_LABEL.match(text)
    return f"{match.group('n')}." if match else None


def parse_continuation_copy(text: str) -> tuple[bool, int | None]:
    """``экз. №... 3`` → (True, 3); ``экз. №....`` → (True, None); other text → (False, None)."""
    match = _CONT_COPY.search(cyrillic(text))
    if not match or match.start() > 2:
        return False, None
    return True, int(match.group("copy")) if match.group("copy") else None


def parse_int(text: str) -> int | None:
    """A bare number such as a folio (``64``); None when the text is not one."""
    digits = re.fullmatch(r"\s*(\d{1,5})\s*\.?\s*", text)
    return int(digits.group(1)) if digits else None
