"""Which part of the form each line of a page is, from its text and its order on the page.

Used for transcriptions as they are, and for OCR output after :mod:`ocr.layout` has settled the
margins (registry marks, folio, continuation header) from the lines' positions.
"""

from __future__ import annotations

import re

from ocr import fields, footer, reference_numbers, routing
from ocr.correct.lexicon import lexicon
from ocr.correct.names import addressee as addressee_of
from ocr.lines import Line, Role

# Lines that show a page is the telegram form: its title or routing line (first page), a later page's
# continuation header.
_FORM_ROLES = (Role.FORM_TITLE, Role.ROUTING, Role.CONTINUATION)


def shows_form(lines: list[Line]) -> bool:
    """Whether a page's lines show it is the telegram form. Steps that know where the form puts its message
    act on such pages only; other documents (a letter, a report) keep the page segmentation's reading."""
    return any(line.role in _FORM_ROLES for line in lines)


# Roles of the typed header block between form title and body, whose order the form fixes.
_HEADER_BLOCK = (Role.GRID, Role.ROUTING, Role.REFERENCE, Role.SPECIAL, Role.CLASSIFICATION, Role.HANDLING)


# The longest typed header line (``В Е С Ь М А  С Р О Ч Н О``, an addressee or two) has fewer letters.
HEADER_LETTERS = 40


def is_prose(text: str) -> bool:
    """A line of running text: mostly lower-case words, not a grid row, routing line or spaced typing.

    Header lines before the body (priorities, addressee) are typed in capitals or letter-spaced, and
    short: a line of more than HEADER_LETTERS letters is running text however it was spaced (a face
    with a wide pitch reads as letter-spaced).
    """
    if sum(c.isalpha() for c in text) > HEADER_LETTERS and not fields.is_grid_row(text) and not routing.is_routing_line(text):
        return True
    if "\t" in text or fields.is_grid_row(text) or routing.is_routing_line(text) or fields.is_letter_spaced(text):
        return False
    if fields.parse_special_number(text):
        return False
    letters = [c for c in text if c.isalpha()]
    lower = sum(c.islower() for c in letters)
    lower_words = sum(1 for token in text.split() if sum(c.islower() for c in token) >= 2)
    return lower_words >= 3 and lower >= 0.6 * len(letters)


def find_title(texts: list[str], cutoff: float = 80) -> int:
    """Index of the form title (``Шифртелеграмма``), -1 when the page has none."""
    return next((i for i, t in enumerate(texts) if len(t) < 40 and fields.best_match(t, fields.FORM_TITLES, cutoff)), -1)


def header_role(text: str) -> Role:
    """The role of a line of the typed/printed header after the title, OTHER when the text alone can't say."""
    if routing.is_routing_line(text):
        return Role.ROUTING
    if "\t" in text or fields.is_grid_row(text):
        return Role.GRID
    if reference_numbers.reference_numbers(text):
        return Role.REFERENCE
    if fields.parse_special_number(text):
        return Role.SPECIAL
    if not fields.is_letter_spaced(text) and fields.marks_in(text, fields.CLASSIFICATIONS):
        return Role.CLASSIFICATION
    if fields.marks_in(text, fields.HANDLING_MARKS):
        return Role.HANDLING
    return Role.OTHER


def reference_split(segments: list[str]) -> int:
    """Where a header row OCR read as one line parts into the reference numbers and a header line beside
    them (``2194 6057  Подлежит возврату``: the two side by side on a skewed scan): the count of the first
    segments that are one of the two; 0 when the row is not so (a body line opening with a number is none)."""
    for k in range(1, len(segments)):
        first, rest = "  ".join(segments[:k]), "  ".join(segments[k:])
        numbers = [bool(reference_numbers.reference_numbers(part)) for part in (first, rest)]
        other = rest if numbers[0] else first
        beside = header_role(other) is not Role.OTHER or fields.is_letter_spaced(other) or fields.marks_in(other, fields.PRIORITIES)
        if numbers[0] != numbers[1] and beside and not is_prose(other):
            return k
    return 0


def _text(row: list[Line]) -> str:
    return "  ".join(segment.text for segment in row)  # as a visual line's text (:class:`ocr.layout.VisualLine`)


def references_apart(rows: list[list[Line]]) -> list[list[Line]]:
    """Page 1's rows (each its segments), on the rows after the title or routing line printed furniture read as
    letters beside the reference numbers dropped (:func:`ocr.reference_numbers.without_furniture`) and a row
    holding them and another header line side by side made two (:func:`reference_split`)."""
    texts = [_text(row) for row in rows]
    start = find_title(texts)
    if start < 0:
        start = next((k for k, t in enumerate(texts) if routing.is_routing_line(t)), len(texts))
    out = []
    for k, row in enumerate(rows):
        kept = reference_numbers.without_furniture(row)
        if k > start and not reference_numbers.reference_numbers(texts[k]) and kept and (
                reference_numbers.reference_numbers(_text(kept)) or reference_split([s.text for s in kept])):
            row = kept  # a leader's dots or a rule read as letters beside the groups
        cut = reference_split([s.text for s in row]) if k > start else 0
        out += [row[:cut], row[cut:]] if cut else [row]
    return out


# The routing line stands this many lines below the title at most: a page's header, with a grid of eight rows
# read as two or three lines each, and specks between.
ROUTING_WITHIN = 30
# The form leaves room for three priorities and the addressee below the typed header block; more lines there
# are the message's, read too garbled to tell as prose (a wide face read letter by letter, a heavy scan).
HEADER_TAIL = 4
# A priority read as garbled as the message there still spells one this near (``ЕСЬМА СЕозН``); no addressee does.
GARBLED_PRIORITY = 75


def tag_first_page(texts: list[str]) -> tuple[list[Role], int]:
    """Roles of page 1's lines up to the body, and the index where the body starts.

    Before the title: registry marks, the last bare number being the folio. After the header block,
    the lines before the body are priorities, the last one the addressee.
    """
    title = find_title(texts)
    # The message is typed below the routing line: a header line read with specks into words before it
    # (``гымый Ах та подлежит возврату``, a heavy scan of a handling mark) does not start it.
    routing_line = next((i for i in range(title + 1, min(len(texts), title + 1 + ROUTING_WITHIN))
                         if routing.is_routing_line(texts[i])), title)
    body = next((i for i in range(routing_line + 1, len(texts)) if is_prose(texts[i])), len(texts))
    numbers = [i for i in range(max(title, 0)) if fields.parse_int(texts[i]) is not None]
    roles = [
        (Role.FOLIO if numbers and i == numbers[-1] else Role.REGISTRATION) if i < title
        else Role.FORM_TITLE if i == title
        else header_role(text)
        for i, text in enumerate(texts[:body])
    ]
    if title < 0 and not any(r in _HEADER_BLOCK for r in roles):
        return [], 0  # no form on this page: all of it is running text
    roles = _grid_rows_beside(roles, texts)
    block_end = max((i for i, r in enumerate(roles) if r in _HEADER_BLOCK), default=title)
    # A speck read as a letter or two (``Г``) is no priority or addressee: the shortest typed there has five.
    tail = [i for i in range(block_end + 1, body) if roles[i] is Role.OTHER and sum(c.isalpha() for c in texts[i]) >= 3]
    # The last lines holding more words than a name and spelling no priority are the message's, read too garbled to
    # tell as prose (``Газеты "народная. правда и "гол х т р у д а``): the body begins at the first of them.
    while tail and name_words(texts[tail[-1]]) > NAME_WORDS and not fields.marks_in(texts[tail[-1]], fields.PRIORITIES, GARBLED_PRIORITY):
        body = tail.pop()
        roles = roles[:body]
    addressee = tail[-1] if tail else None
    if len(tail) > HEADER_TAIL:  # the message, no line of it read as prose, begins at the first line spelling no priority,
        first = next((i for i in tail if not fields.marks_in(texts[i], fields.PRIORITIES, GARBLED_PRIORITY)), tail[-1])
        # or after it when that is the addressee's, letters only as typed (a garbled line of the message is not)
        addressee = first if re.fullmatch(r"[^\W\d_](?:[^\W\d_]| )*\.?", texts[first].strip()) else None
        body = first + 1 if addressee is not None else first
        roles, tail = roles[:body], [i for i in tail if i < body]
    # Marks read after a typed name (a stamp's legend or ring beside it, show-through: ``х о ? “Со``) are no
    # addressee: the name is; they are nothing of the form's.
    if addressee is not None and not typed_name(texts[addressee]):
        named = [i for i in tail if i < addressee and typed_name(texts[i])
                 and not fields.marks_in(texts[i], fields.PRIORITIES, GARBLED_PRIORITY)]
        if named:
            for i in tail[tail.index(named[-1]) + 1:]:
                roles[i] = Role.OTHER
            addressee, tail = named[-1], tail[:tail.index(named[-1]) + 1]
    # A line in small letters after a listed official's name is the message's first, read too garbled to tell as prose
    # (``а августа, министр ИНСР т И``, a heavy scan's faint start): the official is the addressee, typed above it.
    elif addressee is not None and re.search(SMALL_WORD, texts[addressee]) and official(texts[addressee]) is None:
        named = [i for i in tail if i < addressee and official(texts[i])]
        if named:
            body, tail = tail[tail.index(named[-1]) + 1], tail[:tail.index(named[-1]) + 1]
            addressee, roles = named[-1], roles[:body]
        elif name_words(texts[addressee]) > 1:
            # More words than a name, one of them the message's: the addressee's line was lost (a fold's rule across
            # it) and this one opens the message; the addressee is never taken from its text (``я правда" и Я и з я``).
            body, tail = addressee, tail[:tail.index(addressee)]
            addressee, roles = None, roles[:body]
    # The last is the addressee unless it spells a priority, however garbled: the addressee's line was then not read.
    for i in tail:
        garbled = fields.marks_in(texts[i], fields.PRIORITIES, GARBLED_PRIORITY)
        roles[i] = Role.ADDRESSEE if i == addressee and not garbled else Role.PRIORITY
    return roles, body


def _grid_rows_beside(roles: list[Role], texts: list[str]) -> list[Role]:
    """``roles`` with a line that reads one copy slot only, next to a row of the grid, a row of it too: a row whose
    other slots OCR garbled (``» № 5-1 » №.11-т №``), or the last of a column longer than the others (``» № 8-т``).
    Left out, the grid's rows are miscounted and its slots numbered wrong (:func:`ocr.grid.distribution`).
    Not the routing line below the grid read with its labels garbled (``Из БЕЛГРАДА_№_4127_ п _21 че 50 мж ... гжа № 4``):
    its copy reads as a slot, but it opens as no row of the grid does (:func:`ocr.routing.opens_routing`)."""
    out = list(roles)
    for i, text in enumerate(texts[:len(roles)]):
        beside = {out[j] for j in (i - 1, i + 1) if 0 <= j < len(roles)}  # a run of such rows below the grid, too
        if roles[i] is Role.OTHER and Role.GRID in beside and fields.parse_grid_row(text) and not routing.opens_routing(text):
            out[i] = Role.GRID
    return out


# A name's line read with a speck or two at its ends (``Ф И Л И П П О В У. °``) is still letters nearly all through.
NAME_LETTERS = 0.8


# A token of fewer letters is no word of its own: a letter or two of letter-spaced typing, or a preposition.
SHORT_TOKEN = 3


# An addressee is a name of one to three words (``ВЫШИНСКОМУ``, ``Тов. ГРОМЫКО А. А.``).
NAME_WORDS = 3


# A word of the message: this many small letters in a row; a typed name is capitals, some read small (``З о ринУу.``).
SMALL_WORD = r"[а-яё]{5}"


def official(text: str) -> str | None:
    """The listed official a header line names as an addressee is typed (:func:`ocr.correct.names.addressee`), None
    when it names none."""
    return addressee_of(fields.addressee_name(text).replace(" ", ""), lexicon())


def typed_name(text: str) -> bool:
    """Whether a header line reads as a typed name: four letters or more, nearly all of its marks once the specks
    at its ends are dropped, in NAME_WORDS words at most, no word of letters and figures together; a stamp's remnants
    read among its letters (``х о ? “Со``, ``#№:554%саРЗ``) and a line of the message are not."""
    marks = re.sub(r"\s", "", re.sub(r"^[\W\d_]+|[\W\d_]+$", "", text))
    letters = sum(c.isalpha() for c in marks)
    figured = any(re.search(r"\d", token) and re.search(r"[^\W\d_]", token) for token in text.split())
    return letters >= 4 and letters >= NAME_LETTERS * len(marks) and name_words(text) <= NAME_WORDS and not figured


def name_words(text: str) -> int:
    """How many words a line holds: each token of three letters or more, and each run of shorter tokens holding three
    letters or more — a letter-spaced word, read a letter or two at a time (``Г Р О М Ы К О``, on a heavy carbon
    ``Ф ИЛ ИП ПО ВУ``: counted by tokens, a name's line would read as the message's) — a mark without letters between
    two runs parting them (``к о м : - с о``: a word gap read as marks; a speck inside a name parts it in two, still a
    name's count)."""
    words, run = 0, 0
    for letters in [sum(c.isalpha() for c in t) for t in text.split()] + [0]:
        if 0 < letters < SHORT_TOKEN:
            run += letters
            continue
        words += (run >= SHORT_TOKEN) + (letters >= SHORT_TOKEN)
        run = 0
    return words


def is_continuation_line(text: str) -> bool:
    """A line of a later page's header: a bare number, a page label (``2.``) or ``экз. №... 3``."""
    return (fields.parse_int(text) is not None or fields.parse_page_label(text) is not None
            or fields.parse_continuation_copy(text)[0])


# A footer line is short: a label and its value (``Отпеч. 20/1-0.45``), never a line of the message. Specks and a
# stamp's strokes read as marks beside it (``“ Отлеч. 8/4-1.97 ° . 4. = ° > < ”``) are no words of it.
_FOOTER_TOKENS = 5


def _words(text: str) -> int:
    """How many of ``text``'s tokens hold a letter or a figure."""
    return sum(any(c.isalnum() for c in token) for token in text.split())


def footer_start(texts: list[str]) -> int | None:
    """Where the footer begins: ``11 экз. нб`` followed by another footer line, or a short line opening
    with a footer label (``Отпеч.``, ``Разослано``, ``Выпустил``, ``Верно:``) when the copies line was not read."""
    for k, text in enumerate(texts):
        if footer.is_copies_line(text) and k + 1 < len(texts) and footer.is_footer_line(texts[k + 1]):
            return k
        if _words(footer.from_label(text)) <= _FOOTER_TOKENS and footer.is_footer_line(text) and not footer.is_copies_line(text):
            return k - 1 if k and footer.is_copies_line(texts[k - 1]) else k
    return None


# Lines of running text below a letter-spaced word that ends no message: a word of the message spaced for emphasis
# (``ц е л е с о о б р а з н ы м``) among a page's last lines is no signer's name. (A dated signature and the footer
# stand whatever follows: a form may print its own lines below them, a clerk write a resolution there.)
RUNNING_AFTER = 2


def _running_below(texts: list[str], k: int) -> bool:
    """Whether RUNNING_AFTER lines of running text stand below ``texts[k]``."""
    return sum(is_prose(text) for text in texts[k + 1:]) >= RUNNING_AFTER


# An undated signature is one of the last lines above the footer: the footer's first lines, the copies and
# the printing one, garbled past knowing (``13 эко. 88 *``, ``О-нен. 25712-18.13``), may stand between.
SIGNATURE_REACH = 3


def signature_at(texts: list[str], end: int) -> int | None:
    """The signature among ``texts[:end]`` (``end``: the footer's start or the page's end): a dated line
    (``19/1-50 г. Ш Т Ы К О В``), or else a letter-spaced name, alone or after a date OCR garbled
    (``а 51 г. - . ш т ы к о в``), or a garbled date whose name OCR lost under a pen's scrawl (``714. 5Т г.  с``),
    just above the footer or ending the page."""
    dated = next((k for k in range(end) if fields.parse_signature(texts[k])), None)
    if dated is not None:
        return dated
    ends = [k for k in range(end - 1, -1, -1) if any(c.isalnum() for c in texts[k])][:SIGNATURE_REACH]
    return next((k for k in ends if (fields.spaced_name(texts[k]) or fields.garbled_signature(texts[k])
                                       or fields.garbled_date(texts[k])) and not _running_below(texts, k)), None)


def _date_alone(text: str) -> bool:
    """Whether a line is a signature's date without its name (``7/4-51 г.``, garbled too: ``714. 5Т г.``)."""
    if signed := fields.parse_signature(text):
        return not signed[0]
    return bool(fields.garbled_date(text)) and not fields.garbled_signature(text)


def signature_rows(texts: list[str], sign: int | None, end: int) -> list[int]:
    """The signature's lines: ``sign`` (:func:`signature_at`) and, where it is a date alone or a name alone, the line
    beside it that is the other (within ``texts[:end]``): a page scanned askew puts the name, typed right of the
    middle on the date's row, a row below or above it, and OCR reads the two as lines of their own."""
    if sign is None:
        return []
    beside = [k for k in (sign + 1, sign - 1) if 0 <= k < end]
    if _date_alone(texts[sign]):
        return sorted([sign] + [k for k in beside if fields.spaced_name(texts[k])][:1])
    if fields.spaced_name(texts[sign]):
        return sorted([sign] + [k for k in beside if _date_alone(texts[k])][:1])
    return [sign]


def tag_rest(texts: list[str], italic: list[bool] | None = None) -> list[Role]:
    """Body lines until the signature or the footer, whichever the page shows first; after them footer
    lines (other marks as OTHER); handwriting where marked."""
    foot = footer_start(texts)
    above = len(texts) if foot is None else foot
    signed = signature_rows(texts, signature_at(texts, above), above)
    end = min(k for k in (*signed, foot, len(texts)) if k is not None)
    roles = []
    for k, text in enumerate(texts):
        if italic and italic[k]:
            roles.append(Role.HANDWRITTEN)
        elif k < end:
            roles.append(Role.BODY)
        elif k in signed:
            roles.append(Role.SIGNATURE)
        else:
            roles.append(Role.FOOTER if footer.is_footer_line(text) else Role.OTHER)
    return roles
