"""Pure parsers for the typed fields of a cipher telegram, tolerant of OCR misreadings.

Tesseract reads ``Экз.`` as ``Зкз.``, ``№`` as ``Ns`` or ``N``, and mixes Latin homoglyphs into
Cyrillic words; every pattern here accepts those variants so the same parser serves OCR text and
the archive's transcriptions.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

# The form's vocabulary lives with the form; re-exported here for the parsers' callers.
from ocr.form import CLASSIFICATIONS as CLASSIFICATIONS
from ocr.form import FORM_TITLES as FORM_TITLES
from ocr.form import HANDLING_MARKS as HANDLING_MARKS
from ocr.form import OFFICE_MARK, ROMAN_MONTHS
from ocr.form import PRIORITIES as PRIORITIES
from ocr.homoglyphs import TO_CYRILLIC, to_cyrillic

_YO = str.maketrans("Ёё", "Ее")

NUMERO = r"(?:№|N[sо°oeе]?|Мо|#|Ю(?=\d))"  # Ю: a № with its o run into the N; ``Ne`` as :func:`cyrillic` gives it (``Nе``)
EKZ = r"(?:[ЭэЗз3][кК][з3]|[ЭэЗз3][з3]|[ЭэЗз3][вкх][з3])"  # экз. and Tesseract's эз., эвз., эхз., Зкз.
# Digits Tesseract reads as letters in short typed numbers (copy, slot, page numbers); a slashed zero reads ``©`` or ``@``.
DIGIT_LOOKALIKES = str.maketrans("ЗзбОоIlВ©@", "3360011800")
DIGITISH = r"[\dЗзбОоIlВ©@]"
# The figures a zero with a slash or a dot in it reads as: ``9`` on a light face, ``8`` or ``6`` on a bold one (the
# slash filling the zero's counter: ``10`` read ``16``, ``4.03`` read ``4.63`` on heavy tuning pages). A plain 0 is
# never read for one of them, so where two readings of one value differ so, the 0 is the figure typed.
ZERO_READS = "689"


def backs(read: object, value: object) -> bool:
    """Whether a reading of a value as ``read`` is evidence for ``value``: the two alike, or alike but for figures a
    slashed or dotted zero reads as (:data:`ZERO_READS`) where ``value`` has a 0 (``16`` backs ``10``, a reading of its
    zero as 6; ``10`` backs no ``16``)."""
    if read == value:
        return True
    read, value = str(read), str(value)
    return len(read) == len(value) and all(a == b or (a in ZERO_READS and b == "0") for a, b in zip(read, value))


def zero_led(digits: str, limit: int) -> str:
    """Two figures of a value below ``limit`` (hours 24, minutes 60) as typed: out of range, a leading figure a slashed
    or dotted zero reads as (:data:`ZERO_READS`) is that zero (``96`` for ``06``, ``63`` for ``03``)."""
    if len(digits) == 2 and int(digits) >= limit and digits[0] in ZERO_READS:
        return "0" + digits[1]
    return digits



def cyrillic(text: str) -> str:
    """Latin homoglyphs to Cyrillic and ё to е: for matching, never for output."""
    return text.translate(TO_CYRILLIC).translate(_YO)


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


def marks_in(text: str, vocabulary: list[str], cutoff: float = 85) -> list[str]:
    """Every vocabulary entry ``text`` spells somewhere, in their order on the line: two printed or typed
    marks side by side (``Строго секретно   Подлежит возврату``) are two. Longer entries are matched
    first and their letters used up, so ``Строго секретно`` does not also give ``Секретно``."""
    key = squash(text)
    found = []
    for entry in sorted(vocabulary, key=lambda v: len(squash(v)), reverse=True):
        spelt = squash(entry)
        if len(spelt) > len(key) + 2:
            continue
        match = fuzz.partial_ratio_alignment(spelt, key, score_cutoff=cutoff)
        if match is not None and match.dest_end - match.dest_start >= 0.8 * len(spelt):
            found.append((match.dest_start, entry))
            key = key[:match.dest_start] + "#" * (match.dest_end - match.dest_start) + key[match.dest_end:]
    if not found and (begun := _begun(text, vocabulary, cutoff)):
        return [begun]
    return [entry for _, entry in sorted(found)]


# A mark of three words or more whose last word OCR lost (``СНЯТИЕ КОПИЙ``, ``ВОСПРЕЩАЕТСЯ`` read as nothing): its
# first two words and more, of this many letters at least, spell no other entry.
BEGUN_LETTERS = 10


def _begun(text: str, vocabulary: list[str], cutoff: float) -> str | None:
    """The entry of three words or more whose first words, all but its last ones, ``text`` is (two at least)."""
    words, key = text.split(), squash(text)
    if len(words) < 2 or len(key) < BEGUN_LETTERS:
        return None
    for entry in vocabulary:
        parts = entry.split()
        if len(parts) > len(words) and fuzz.ratio(key, squash(" ".join(parts[:len(words)]))) >= cutoff:
            return entry
    return None


def printed_mark(text: str, vocabulary: list[str]) -> str | None:
    """The one entry of ``vocabulary`` a line of a printed or stamped mark spells and no more than a speck or a
    letter beside it (``„Строго секретно``, ``ШИифртелеграмма``), in the case it was read in (a title printed in
    capitals stays so); None for anything else (two marks, more words, letter-spaced typing)."""
    marks = marks_in(text, vocabulary)
    if len(marks) != 1 or len(squash(text)) > len(squash(marks[0])) + 2 or is_letter_spaced(text):
        return None
    return marks[0].upper() if in_capitals(text) else marks[0]


def in_capitals(text: str) -> bool:
    """Whether ``text`` is typed or printed in capitals: more than four in five of its letters (a speck read as a small
    letter now and then)."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) > 0.8 * len(letters)


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
    """A collapsed name without trailing punctuation: ``ВЫШИНСКОМУ.`` → ``ВЫШИНСКОМУ``.

    Letter-spaced names are typed in capitals; Tesseract reads spaced ``Ш Т Ы К О В`` as lower case
    (the shapes are the same), so a letter-spaced name is upper-cased.
    """
    text = " ".join(t for t in text.split() if any(c.isalpha() for c in t))  # OCR's specks: ``- `` С Е М``
    spaced = is_letter_spaced(text) or any(_all_single(g) for g in re.split(r"\s{2,}", text.strip()))
    words = [to_cyrillic(w) for w in collapse_spacing(text).strip(" .,:;'`‘’_-").split()]
    # A speck read as a small letter before a name in capitals: ``мМАЛИК`` → ``МАЛИК``.
    words = [re.sub(r"^[а-яё]+(?=[А-ЯЁ]{3,}$)", "", w) for w in words]
    name = _undouble(" ".join(words))
    return name.upper() if spaced else name


def _undouble(text: str) -> str:
    """A capital Tesseract read twice in both cases, ``ВЫыЫШИНнН`` → ``ВЫШИН`` (a doubled ``ПП`` stays)."""
    return re.sub(r"([А-ЯЁ])(?:[а-яё]\1|[а-яё])", lambda m: m.group(1) if m.group(0)[1].upper() == m.group(1) else m.group(0), text)


# A letter of a letter-spaced name read as the digit of its shape: ``3 О Р И Н У.`` (З), ``М 0 Л О Т О В У`` (О).
_DIGIT_LETTERS = str.maketrans("30", "ЗО")


def clean_single_name(text: str) -> str:
    """A one-word name (addressee, signer): ``М О Л О Т О В  У.`` → ``МОЛОТОВУ``, all spacing dropped when letter-spaced."""
    if is_letter_spaced(text):
        text = "".join(t.translate(_DIGIT_LETTERS) if len(t.strip(".,")) == 1 else t for t in text.split())
        return clean_name(" ".join(text)) if text else ""
    # Letters split off the name they end (``молотов У.``, ``МОЛОТО ВУ``) join it: no surname is that short.
    return clean_name(re.sub(r"(?<=\w)\s+(?=\w{1,2}\W*$)", "", text.strip()))


def addressee_name(text: str) -> str:
    """The addressee's line → the name, in capitals (:func:`clean_single_name`); lone letters before the one word of
    the line are letters split off its start (``З о ринУу.``: ``ЗОРИНУ``), as an addressee is typed letter-spaced; a line
    of nothing but a letter or two at a time is the name read so (``Ф ИЛ ИП ПО ВУ.``: ``ФИЛИППОВУ``).
    Not for a signer's name, where a scrawl over the name reads as a letter and a word (``Ш кадр“``)."""
    text = re.sub(r"^(?:[^\W\d_]{1,2}\s+)+[^\W\d_]{1,2}(?=\W*$)", lambda m: "".join(m[0].split()), text.strip())
    text = re.sub(r"^(?:[^\W\d_]\s+)+(?=[^\W\d_]{2,}\W*$)", lambda m: "".join(m[0].split()).upper(), text.strip())
    return clean_single_name(text).upper()


# A printed slot: ``Экз. № 8-т`` / ``» № 9-т``; OCR reads the ``-т`` as ``1`` now and then (``№81``), so the
# number may come out one digit long; the grid's layout puts it right (:func:`ocr.grid.distribution`).
# After the slot's ``Экз.`` or ditto mark its ``№`` is read ``М`` or ``Н`` too, before the number (``» М2-т``, ``»мМ 17-т``).
_SLOT_OPENING = r"(?:" + EKZ + r"\.?|»|>>|«)"
_SLOT = re.compile(
    r"(?:" + _SLOT_OPENING + r"?\s*" + NUMERO + r"|" + _SLOT_OPENING + r"\s*[МН]{1,2}(?=\s?\d))\s*(?P<copy>(?-i:" + DIGITISH + r"{1,3}|И(?=-)))(?![\d/])\s*[-—–]?\s*(?P<suffix>[^\s»›]*)",
    re.IGNORECASE,
)


def _slots(norm: str) -> list[re.Match]:
    """The copy slots of a grid row (in :func:`cyrillic`), without a name's opening ``Мо`` taken for a ``№`` before
    letters taken for figures (``Молотову`` read ``мо отову``: ``Мо``, ``о``): a slot's number read with no figure
    at all after a ``№`` read so is no slot."""
    return [slot for slot in _SLOT.finditer(norm)
            if not (norm[:slot.start("copy")].rstrip().lower().endswith("мо") and not re.search(r"\d", slot["copy"]))]


def _slot_copy(slot: re.Match) -> int:
    """The copy number a slot reads; ``И`` before the hyphen is ``11`` run together (as ``ХИ`` is XII)."""
    return 11 if slot["copy"] == "И" else int(slot["copy"].translate(DIGIT_LOOKALIKES))


# Letters of OFFICE_MARK that must read in a row for a faint carbon's mark to be taken for it.
MARK_PART = 5


def office_mark(token: str) -> bool:
    """Whether ``token`` is OFFICE_MARK as OCR reads it off a faint carbon: its letters (a mark read for a faint letter
    dropped: ``?АЗМЕТКА``) MARK_PART or more of the mark's in a row (one end lost: ``РАЗМЕ``, ``МЕТКА``), or the mark
    with a letter misread. No listed name shares five letters in a row with it."""
    letters = to_cyrillic("".join(c for c in token if c.isalpha())).upper()
    return len(letters) >= MARK_PART and (letters in OFFICE_MARK or Levenshtein.distance(letters, OFFICE_MARK) <= 1)


# A slot whose number OCR read as a letter or two (``П-т`` for ``11-т``): no name.
_SLOT_AS_LETTERS = re.compile(r"[^\W\d_]{1,2}-т")


def recipient_name(text: str) -> str | None:
    """The typed name in a grid cell: its words of letters, OCR's stray marks and slot remnants (``Ю7т``) dropped,
    or the office's mark (:func:`office_mark`).

    A name is capitalised, so a piece in small letters or of a letter or two after a word is the rest of that
    word, split off by OCR at a bent or lowered type bar (``Бе рия``, ``Маленков У``, ``Микоя НУ``): no surname is
    that short. Each cell holds one name."""
    # OCR's stray marks end a word (``т‘Зорину``: the slot's ``т``, a speck, the name beside it).
    tokens = [t.strip(" .,:;—–-_") for t in re.split(r"[\s»«›‹„“”\"'`‘’|]+", text)]
    # Letters a space apart are one letter-spaced word (the next slot's printed ``Э к з``).
    tokens = re.sub(r"(?<!\S)(?:[^\W\d_] )+[^\W\d_](?!\S)", lambda m: m[0].replace(" ", ""), " ".join(t for t in tokens if t)).split()
    words: list[str] = []
    for token in tokens:
        if office_mark(token):
            words.append(OFFICE_MARK)
            continue
        if not all(c.isalpha() or c in "-." for c in token) or token.lower() in ("т", "экз") or _SLOT_AS_LETTERS.fullmatch(token):
            continue
        if words and (token[0].islower() or len(token) == 1 or len(token) == 2 and len(words[-1]) >= 3):
            words[-1] += to_cyrillic(token).lower() if words[-1][1:].islower() else to_cyrillic(token)
        elif len(token) >= 2:
            words.append(to_cyrillic(token[0].upper() + token[1:]))  # a name's capital read small (``вышинскому``)
    # A cell holds one name; shorter words are a printed slot's remnants read as letters (``Ит Зорину``, ``Ит``).
    names = [_one_cased(w) for w in words if len(w) >= 3]
    return max(names, key=len) if names else None


# Small Cyrillic letters shaped unlike their capitals: only these tell a name typed capitalised from one in capitals
# (most small letters of a monospace face are their capitals made small: ``о``, ``к``, ``н``, ``я``).
_OWN_SHAPES = "абдеруфё"


def _one_cased(name: str) -> str:
    """A name typed capitalised or in capitals, as its letters of a shape of their own were read (``МИКОЯНу``: the
    ``у``), else as most of its letters were read: a capital or two read among its small letters (``ЗОрину``: a
    small ``о`` of a monospace face looks like a small capital) are small."""
    rest = [c for c in name[1:] if c.isalpha()]
    telling = [c for c in rest if c.lower() in _OWN_SHAPES] or rest
    return name[0] + name[1:].lower() if 2 * sum(c.isupper() for c in telling) < len(telling) else name


def parse_grid_row(text: str) -> list[tuple[int, str | None]]:
    """One row of the distribution grid → ``(copy, recipient)`` per copy slot.

    A slot is ``Экз. № N-т`` (or ``» № N-т``); a recipient is typed in place of the ``т``
    (``1-РАЗМЕТКА``) or as the words that follow the slot before the next one. A name read before the row's first
    slot is beside a slot OCR lost before it (``М  Зорину ›№8-т``: ``» № 2-т`` read ``М``): its copy is LOST_COPY.
    """
    norm = cyrillic(text)
    slots = _slots(norm)
    entries = []
    if slots and (name := recipient_name(text[:slots[0].start()])):
        entries.append((LOST_COPY, name))
    for i, slot in enumerate(slots):
        end = slots[i + 1].start() if i + 1 < len(slots) else len(norm)
        # A slot whose number OCR lost (``» № 8-т »›№т Зорину``): the name after it is beside that slot, not this one.
        lost = max((m.end() for m in _LOST_SLOT.finditer(norm, slot.end(), end)), default=None)
        suffix = recipient_name(text[slot.start("suffix"):slot.end("suffix")])
        beside = recipient_name(text[slot.end():lost or end])
        # A name typed into the slot goes on in a piece OCR split off it (``1-Микоян у``).
        whole = recipient_name(text[slot.start("suffix"):lost or end]) if suffix else None
        suffix = whole if whole and whole.startswith(suffix) else suffix
        recipient = suffix if suffix and len(squash(suffix)) > 2 else beside
        entries.append((_slot_copy(slot), recipient))
        if lost is not None and (name := recipient_name(text[lost:end])):
            entries.append((LOST_COPY, name))
    return entries


# A slot's ``№`` without its number (not NUMERO's ``Мо``, which begins names); its copy is LOST_COPY, numbered from
# the grid's layout (:mod:`ocr.grid`).
_LOST_SLOT = re.compile(r"(?<![^\W\d_])(?:№|N[sо°oe]?|#)(?!\s*" + DIGITISH + r")")
LOST_COPY = -1  # no copy number OCR reads (a 0 is a misread slot)


_DITTO_MARKS = " »›‹«„“”>\"'`.,|"


def print_grid_row(text: str, copies: dict[int, int], first: bool) -> str:
    """The grid row ``text`` with its k-th copy slot written as printed, numbered ``copies[k]``
    (``Экз. № 1-`` in the first row, ``» № 9-`` below), its suffix ``т`` unless a name is typed there."""
    norm = cyrillic(text)
    pieces, end = [], 0
    for k, slot in enumerate(_slots(norm)):
        suffix = recipient_name(text[slot.start("suffix"):slot.end("suffix")])
        # A name typed into the slot follows its hyphen; one after a space stands beside it.
        into = slot.start("suffix") == slot.end("copy") or "-" in text[slot.end("copy"):slot.start("suffix")]
        name = bool(suffix) and len(squash(suffix)) > 2
        typed = name and into
        number = copies.get(k, _slot_copy(slot))
        before = text[end:slot.start()].rstrip(_DITTO_MARKS).strip()  # the ditto mark as read is printed anew
        # The office's mark is written as typed, whatever OCR made of its faint letters (``?АЗМЕТКА``).
        label = (suffix if suffix == OFFICE_MARK else text[slot.start("suffix"):slot.end("suffix")]) if typed else "т"
        pieces += [before, printed_slot(number, label, first)]
        end = slot.start("suffix") if name and not into else slot.end()
    return " ".join(piece for piece in pieces + [text[end:].strip()] if piece)


def printed_slot(copy: int, label: str, first: bool) -> str:
    """A copy slot as the form prints it: ``Экз. № 1-т`` in the grid's first row, ``» № 9-т`` below (``label`` a name
    typed in place of the ``т``)."""
    return f"{'Экз.' if first else '»'} № {copy}-{label}"


def slot_labels(text: str) -> dict[int, str]:
    """A grid row as :func:`print_grid_row` writes it → copy → what follows its slot's hyphen (``т``, ``РАЗМЕТКА``)."""
    return {_slot_copy(slot): text[slot.start("suffix"):slot.end("suffix")] for slot in _slots(cyrillic(text))}


def is_grid_row(text: str) -> bool:
    return len(_slots(cyrillic(text))) >= 2


# Up to three stray marks (dust, a misread №) may stand between the label and the number.
# Its hyphen is read as a dash, or as a full stop or comma on a poor scan (``60.129``); specks beside the label's full
# stop as more of them (``Спец... № 79-83``).
# Its label letter-spaced now and then (``С п е ц.``); its ``С`` lost and its ``п`` read ``л`` on a heavy scan
# (``‘Лец.№4-132``): then only with the ``№`` after it.
# Its ``п`` read ``н``, ``л`` or ``и``, its ``ц`` ``п`` (``Снец.``, ``Сиец.``, ``Спеп.``): then too only with the ``№``. A printed form's blank
# between the ``№`` and the number is read as dots or a rule (``№....47-51``, ``№ ___47-51``). Its dash is read as a
# full stop or comma now and then, after one figure as after more (``3.131``, ``47,51``).
_SPECIAL = re.compile(r"(?:[СC]\s?п\s?е\s?ц|(?:[СC]\s?[пнли]|(?<![^\W\d_])л)\s?е\s?[цп](?=[.…]{0,3}\s*" + NUMERO + r"))[.…]{0,3}\s*" + NUMERO
                      + r"?[^\d\n]{0,3}?[\s._…·,:]*(?P<number>\d(?:[\d\s\-—–/]*\d)?(?:[.,]\d+)?)", re.IGNORECASE)


# Its dash too faint to read, the number's two groups stand apart (``65 106``).
_DASH_LOST = re.compile(r"(\d+)\s+(\d+)")


def parse_special_number(text: str) -> str | None:
    """``Спец. № 47-51`` → ``"47-51"``; ``Спец. № 65 106`` → ``"65-106"``."""
    match = _SPECIAL.search(cyrillic(text))
    if not match:
        return None
    number = match.group("number")
    if lost := _DASH_LOST.fullmatch(number):
        number = "-".join(lost.groups())
    return re.sub(r"[—–.,]", "-", re.sub(r"\s+", "", number))


# Specks and marks in the margin before a signature's date (:func:`parse_signature` drops quotes and the like first).
_MARGIN = r"^[\s_.,]*"
# ``19/1-50 г.``; OCR drops the hyphen (``13/653``), doubles it (``2/11-—50``) or reads ``г.`` as ``п.``.
# ``г.`` is read ``2.`` or ``1.`` too (then with its full stop, so it is no digit of the year); a speck beside its
# full stop reads as a comma (``6/5-51 г,.``).
_SIGNATURE = re.compile(
    _MARGIN + r"(?P<date>\d{1,2}\s*/\s*(?:[IVXІХхУ]{1,4}|\d{1,2})\s*[-—–]{0,2}\s*\d{2}\s*(?:[гп]\.?|(?<=\s)[12]\.))[.,]{0,2}(?=\s|$)\s*"
    r"(?P<name>.*)$")


# A date OCR garbled past the pattern above (``2578-47 г.`` for ``25/8-47 г.``) still signs when a
# letter-spaced name follows it.
_SIGNATURE_LOOSE = re.compile(_MARGIN + r"(?P<date>[\d/IVX]{1,7}\s*[-—–]{0,2}\s*\d{2}\s*[гп]\.?)\s+(?P<name>.+)$")


# A signature's date whose slash was read as a figure (``376-51 г.``): put back (:func:`slash_read_as_one`), it signs.
_SLASHLESS = re.compile(_MARGIN + r"(?P<date>\d{3,5}-)(?=-?\s*\d{2}\s*[гп])")


# A lone letter before a signature's date: a speck in the margin, read as one.
_SPECK_BEFORE = re.compile(_MARGIN + r"[^\W\d_]\s+(?=\d)")


# A typewriter without a 1 key typed a small l for it, and a face's serifed 1 is read as I, l, | or ], its flag and
# foot bolder as a capital Т (Latin or Cyrillic): beside a figure (``7/4-5I г.``, ``7/4-5Т г.``, ``Отпеч. l8/4-l0.l5``)
# such a mark is the figure 1. A Roman month (``19/II-47``) stands between a slash and a hyphen, beside no figure, and
# stays; a typist's ``т`` is small and stands apart.
_ONE_READ_AS_MARK = re.compile(r"(?<=\d)[IlІ|\]ТT]|[IlІ|\]ТT](?=\d)")


def ones_as_figures(text: str) -> str:
    """``text`` with each mark read for a typed 1 beside a figure the figure again (``l7/l2-5l`` → ``17/12-51``)."""
    while (fixed := _ONE_READ_AS_MARK.sub("1", text)) != text:  # a run of them (``lI5``) is put right from its figure on
        text = fixed
    return text


# Specks a heavy scan reads among a signature's marks (``13/12-4°0 г;.``, ``24;/12-50 г.``): never typed there.
_SPECKS_IN_DATE = re.compile(r"[;:'`‘’°]")
# ``г.`` read joined to the name after it (``53 г.П У Ш К И Н``).
_YEAR_MARK_GLUED = re.compile(r"(?<=\s[гп][.,])(?=[А-ЯЁ])")


def parse_signature(text: str) -> tuple[str | None, str | None] | None:
    """``19/1-50 г. Ш Т Ы К О В`` → ``("ШТЫКОВ", "19/1-50 г.")``; None if the line is no signature.

    A date followed by running words (``12/3-49 г. состоялась беседа с ...``) opens a sentence, not a signature.
    A speck in the margin before the date is read as a letter (``о 24/1-51 г.``): then the date must stand alone or
    before a name in capitals (``в 24/1-51 г. ...`` in the message goes on with words).
    """
    text = _YEAR_MARK_GLUED.sub(" ", _SPECKS_IN_DATE.sub("", ones_as_figures(text)))
    if (head := _SLASHLESS.match(text)) and (date := slash_read_as_one(head["date"])) != head["date"]:
        text = text[:head.start("date")] + date + text[head.end("date"):]
    if speck := _SPECK_BEFORE.match(text):
        dated = _SIGNATURE.match(text[speck.end():])
        name = dated["name"].strip(" .,") if dated else ""
        bare = dated and (not name or is_letter_spaced(name) or re.fullmatch(r"[А-ЯЁ]{3,}", name))
        return parse_signature(text[speck.end():]) if bare else None
    match = _SIGNATURE.match(text)
    if not match:
        match = _SIGNATURE_LOOSE.match(text)
        if not match or not (is_letter_spaced(match["name"]) or _all_single(match["name"])):
            return None
    # Running words are letters only: a pen's scrawl over the name reads as letters mixed with figures and marks
    # (``рясА0и Г-ет``).
    if sum(len(word := token.strip("\"'.,:;!?«»()")) >= 3 and word.isalpha() and any(c.islower() for c in word)
           for token in match["name"].split()) >= 2:
        return None
    # The signer's name is typed in capitals (letter-spaced); Tesseract reads spaced capitals as small letters.
    name = clean_single_name(match.group("name")).upper() or None
    return name, _tidy_date(match.group("date"))


def _tidy_date(raw: str) -> str:
    """``19 / 1 - 50 г.`` → ``19/1-50 г.``: OCR scatters spaces inside typed dates, doubles or drops the hyphen."""
    compact = slash_read_as_one(re.sub(r"[-—–]+", "-", re.sub(r"\s+", "", re.sub(r"\s[12]\.$", "г.", raw))))
    compact = re.sub(r"^(\d{1,2}/)(\d{1,2})(\d{2})(?=[гп])", r"\1\2-\3", compact)
    compact = re.sub(r"(?<=/)[IVXІХхУ]+(?=-)", lambda m: roman_month(m[0]) or m[0], compact)  # ``ХI`` read for XI
    return re.sub(r"[гп]\.?$", " г.", zero_month(compact))


def slash_read_as_one(date: str) -> str:
    """``25111-48`` → ``25/11-48``, ``24110/28`` → ``24/10/28``, ``376-51`` → ``3/6-51``: a thin typed slash is read as
    ``1``, a faint one as ``7``. Put back where the digits before the date's hyphen or second slash hold no slash and
    one ``1`` or ``7`` among them, and only one, leaves a day (1-31) before it and a month (1-12) after it."""
    head = re.match(r"(\d{3,5})(?=[-/])", date)
    dates = slash_readings(head[1]) if head else []
    return dates[0] + date[head.end():] if len(dates) == 1 else date


def slash_readings(digits: str) -> list[str]:
    """The days and months figures with a slash read as ``1`` or ``7`` may be (``2111``: ``2/11`` and ``21/1``)."""
    cuts = [k for k in range(1, len(digits) - 1) if digits[k] in "17" and k <= 2 and len(digits) - k - 1 <= 2
            and 1 <= int(digits[:k]) <= 31 and 1 <= int(digits[k + 1:]) <= 12]
    return [f"{digits[:k]}/{digits[k + 1:]}" for k in cuts]


def zero_month(date: str) -> str:
    """``5/19-52`` → ``5/10-52``: no month is 19, and October's 0 is a slashed or dotted zero read as 9."""
    return re.sub(r"(?<=\d/)19(?=[-/])", "10", date)


def spaced_name(text: str) -> str | None:
    """The name of a line that is one letter-spaced name and nothing else (``Ш Т Ы К О В``), in capitals."""
    letters = re.sub(r"[\s.,]", "", text)
    if not (is_letter_spaced(text) and letters.isalpha() and len(letters) >= 4):
        return None
    return clean_single_name(text).upper() or None


# A signature's date OCR garbled past :data:`_SIGNATURE` (``714. 5Т г.``, ``13/5-46 .``, ``15/5.51 г.``): specks in the margin
# (one read as a letter), figures and the marks between them (a letter or two read for a figure among them), ``г.`` or
# not; then at most LEFT_OF_NAME letters, what OCR kept of a name a pen's scrawl crosses, or the letter-spaced name.
_GARBLED_DATE = re.compile(r"^[\W_]*(?:[^\W\d_]\s+)?(?P<date>\d[\d/.,\-—–IlІ|\]ОЗТS ]*)\s*(?P<mark>[гп][.,]?)?(?=\s|$)(?P<rest>.*)$")
LEFT_OF_NAME = 2
# A signature's date as typed: day, month (a Roman one too), year.
_DATE_SHAPE = re.compile(r"\d{1,2}/(?:\d{1,2}|[IVX]{1,4})-\d{2} г\.")


def garbled_date(text: str) -> str | None:
    """The date of a signature line OCR garbled past :func:`parse_signature` (``714. 5Т г.  с`` → ``7/4-51 г.``: the
    name under a pen's scrawl, what was read of it; ``17/1.50 г. Б О Д Р О В`` → ``17/1-50 г.``), tidied as far as its
    figures allow; None when the line is not one: a date's figures in two groups or more (a year alone, ``1949 г.``,
    is the message's), and ``г.`` after them or, without it, figures reading a whole date (``13/5-46``)."""
    match = _GARBLED_DATE.match(_SPECKS_IN_DATE.sub("", text))
    if not match or sum(c.isalpha() for c in match["rest"]) > LEFT_OF_NAME and not spaced_name(match["rest"]):
        return None
    figures = ones_as_figures(re.sub(r"\s+", "", match["date"]).rstrip(".,"))
    if len(re.findall(r"\d+", figures)) < 2 or sum(c.isdigit() for c in figures) < 3:
        return None
    # The hyphen before the year read as a full stop or a comma (``15/5.51``): put back, so the slash read as a figure is.
    date = _tidy_date(re.sub(r"[.,](?=[\dIlІ|\]ОЗТS]{1,2}$)", "-", figures) + " г.")
    return date if match["mark"] or _DATE_SHAPE.fullmatch(date) else None


# Marks OCR reads among a letter-spaced name's letters on a heavy scan: specks, a stroke or a quote beside a letter.
_NAME_SPECKS = re.compile(r"[^\w\s]|_")


def garbled_signature(text: str) -> str | None:
    """The name of a signature line whose date OCR garbled past :func:`parse_signature` (``а 51 г. - . ш т ы к о в``,
    ``13/9-5 г. З А Р УБ И Н``): a letter-spaced name ending the line after something holding a digit, in capitals;
    None otherwise: the figures before the name a date's (a slash or hyphen among them, or ``г.`` after). Specks
    among its letters are none of it, and a heavy scan runs two of its letters together now and then: its tokens
    (three at least) are of one or two letters, most of one, four letters or more in all."""
    tokens = _YEAR_MARK_GLUED.sub(" ", text).split()
    dated = [k for k, token in enumerate(tokens) if any(c.isdigit() for c in token)]
    if not dated:
        return None
    letters = [_NAME_SPECKS.sub("", token) for token in tokens[dated[-1] + 1:]]
    letters = [token for token in letters if token]
    year_mark = bool(letters) and letters[0] in ("г", "п")
    if not (year_mark or re.search(r"[/\-—–]", tokens[dated[-1]])):
        return None  # a figure in the message (``в 3 ч. д н я``) is no date
    letters = letters[year_mark:]
    singles = sum(len(token) == 1 for token in letters)
    if (len(letters) < 3 or any(len(token) > 2 or not token.isalpha() for token in letters)
            or 2 * singles < len(letters) or sum(map(len, letters)) < 4):
        return None
    return spaced_name(" ".join("".join(letters)))


_PAGE_LABEL = re.compile(r"^[\s`'‘’_,]*(?P<n>" + DIGITISH + r"{1,2})\s*\.[\s`'‘’_,.]*$")  # specks of dust beside it
# The № after ``экз.`` is read as a letter or two now and then (``экз. в...``).
# The copy's digit is read as letters too (``экз. №Дд...``): then the line is the copy line, its copy not read.
_CONT_COPY = re.compile(EKZ + r"\.?\s*(?:(?:" + NUMERO + r"[.:\s]*)+(?:[^\W\d]{1,2}(?=[.…]))??|[^\W\d]{1,2}(?=\.))?[.:\s…]*(?P<copy>(?-i:"
                        + DIGITISH + r"{1,3}))?[.,\s…]*$", re.IGNORECASE)


def parse_page_label(text: str) -> str | None:
    """``2.`` on a continuation page → ``"2."``."""
    match = _PAGE_LABEL.match(text)
    return f"{match.group('n').translate(DIGIT_LOOKALIKES)}." if match else None


# A heavy scan garbles ``экз.`` itself now and then (``кз. №... 5``, ``экв. №... 3``, ``из.№5...``): a word of three
# letters at most and its full stop before a № and the copy's figures is the copy line still.
_GARBLED_LABEL = re.compile(r"[^\W\d_]{1,3}(?=\.\s*" + NUMERO + r"[.:\s…]*(?-i:" + DIGITISH + r"{1,3})[.,\s…]*$)")


def parse_continuation_copy(text: str) -> tuple[bool, int | None]:
    """``экз. №... 3`` → (True, 3); ``экз. №....`` → (True, None); ``кз. №... 3`` (its label garbled, its copy
    read) → (True, 3); other text → (False, None)."""
    norm = cyrillic(collapse_spacing(text))  # ``э к з. №... 5`` letter-spaced by OCR
    match = _CONT_COPY.search(norm) or _CONT_COPY.search(_GARBLED_LABEL.sub("экз", norm, count=1))
    if not match or match.start() > 2 or parse_int(text) is not None:  # a bare number (``7336``: ``33`` is no ``эз``)
        return False, None
    return True, int(match.group("copy").translate(DIGIT_LOOKALIKES)) if match.group("copy") else None


def copy_label_typed(text: str) -> str:
    """A later page's copy line with its label as typed (``кз. №... 5`` → ``экз. №... 5``); other text as it is."""
    if _CONT_COPY.search(cyrillic(collapse_spacing(text))):
        return text
    return _GARBLED_LABEL.sub("экз", text, count=1)


def parse_int(text: str) -> int | None:
    """A bare number such as a folio (``64``); None when the text is not one."""
    digits = re.fullmatch(r"[\s`'’‘.,:;_\-—–]*(\d{1,5})\s*\.?[\s`'’‘,:;_\-—–]*", text)  # specks of dust beside it
    return int(digits.group(1)) if digits else None


# Shapes Tesseract (Cyrillic model) gives for typed Roman numerals (a typed I also as ``г`` or ``т``: ``19.хг.47``; a pen's also as ``!``
# or ``(``); two strokes joined read as one letter (``ХИ``: XII).
# (A Roman I also as the Ukrainian ``і``, on stamps.)
_ROMAN_LOOKALIKES = str.maketrans({**dict(zip("ХхУуГгТт1l|Іiі!(", "XXVVIIIIIIIIIIII")), "И": "II", "П": "II", "Н": "II", "Ш": "III"})
ROMAN_LOOKALIKE_CHARS = "".join(map(chr, _ROMAN_LOOKALIKES))  # what a Roman month's letters are read as


def roman_month(text: str) -> str | None:
    """``ХГ`` → ``XI``: OCR'd Roman numeral of a month, trimmed until it is one (I..XII)."""
    roman = text.translate(_ROMAN_LOOKALIKES)
    while roman and roman not in ROMAN_MONTHS:
        roman = roman[:-1]
    return roman or None


def has_text(text: str) -> bool:
    """More than a speck or a smudge: three letters or digits (``412``) at least, and few dashes or marks."""
    chars = text.replace(" ", "")
    smudge = re.search(r"([А-Яа-яЁё])\1\1|[-—–=]{3,}", chars)  # no Russian word has a letter thrice in a row (VIII may)
    return sum(c.isalnum() for c in chars) >= 3 and sum(not c.isalnum() for c in chars) <= 0.5 * len(chars) and not smudge
