"""Role-tagged lines → the record: header, distribution, body, signature, footer, per-page fields.

Shared by OCR output (lines from :mod:`ocr.layout`) and transcriptions (:mod:`ocr.compare.transcript`),
so both sides of a diff are read by the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ocr import fields, grid, reference_numbers, registry, signer
from ocr import footer as footer_line
from ocr.contract import Evidence, Footer, Header, Signature, TelegramRecord
from ocr.correct.names import marks_struck_alike
from ocr.lines import Line, Role, union_box
from ocr.roles import GARBLED_PRIORITY
from ocr.routing import SHORTEST_NUMBER, Routing, parse_routing, received_month

_HYPHENATED = re.compile(r"\w[-‐‑]$")
# A full stop, comma or closing bracket typed a pitch after its word is read as a word of its own (``почтой .``),
# and a compound's hyphen as the start of the next word (``инженеров -гидротехников``: a dash has a space after).
_SPACE_BEFORE_MARK = re.compile(r"(?<=\w) +(?=[.,;:!?)]+(?: |$)|-\w)")


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph joined by spaces; ``китай-`` + ``скому`` → ``китайскому``. The typist's wide
    space after a full stop (a line's text keeps it, two spaces) is one space in the message text, and a
    mark read apart from its word is put back onto it."""
    text = ""
    for line in (_SPACE_BEFORE_MARK.sub("", " ".join(line.split())) for line in lines):
        if not line:
            continue
        if _HYPHENATED.search(text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


def paragraphs(lines: list[Line]) -> list[str]:
    """Body lines → paragraph texts; a page break continues the paragraph it interrupts."""
    groups: list[list[str]] = []
    for line in lines:
        if line.paragraph_start or not groups:
            groups.append([])
        groups[-1].append(line.text)
    return [p for p in (join_lines(g) for g in groups) if p]


def body_text(lines: list[Line]) -> str:
    """The contract's ``body``: paragraphs separated by one blank line."""
    return "\n\n".join(paragraphs([line for line in lines if line.role is Role.BODY]))


def _vocabulary_or_text(text: str, vocabulary: list[str]) -> str:
    return fields.best_match(text, vocabulary) or fields.collapse_spacing(text).strip()


def _marks(lines: list[Line], own: Role, beside: Role, vocabulary: list[str]) -> list[str]:
    """The marks of ``vocabulary`` on the lines of role ``own`` (a line spelling none as typed), and those
    standing beside a mark of the other kind on one line (``Строго секретно   Подлежит возврату``)."""
    found = []
    for line in lines:
        if line.role is own:
            found += fields.marks_in(line.text, vocabulary) or [_vocabulary_or_text(line.text, vocabulary)]
        elif line.role is beside:
            found += fields.marks_in(line.text, vocabulary)
    return found


# OCR of a page's edge or a scanner's shadow comes out at a mean word confidence of 0-30; typed notes,
# even faded, read at 60 and more.
NOISE_CONFIDENCE = 40.0


# A note's number has two digits at least (``N 986``, ``412``); one digit on a line read as letters and marks
# (``М б а м +1``) is a speck, no number.
NOTE_DIGITS = 2


def _registry_note(line: Line, note: str, month: int | None) -> bool:
    """A registry note is numbered (``N 986 / м. п.``, ``См. изв. № 1758``, ``412``); words without a number
    above the title are a resolution written across the margin, and OCR of a page's edge is no note. A note
    read in its whole shape, dated in the telegram's ``month``, is one however low its confidence and however
    many its marks: a pen's italic reads at 20-40 (``(561 /м.п.- 2. Х!.``); so is one whole in a shorter shape
    (``(522 /м. и.`` at 25, ``19.хг.47`` at 20)."""
    numbered = fields.has_text(line.text) and sum(c.isdigit() for c in line.text) >= NOTE_DIGITS and not _noise(line)
    return registry.is_note(note) and (registry.is_whole(note, month) or registry.is_bare(note) or numbered)


def _noise(line: Line) -> bool:
    return line.confidence is not None and line.confidence < NOISE_CONFIDENCE


def _priorities(text: str) -> list[str]:
    """The priorities a line spells; else the line as typed when it is words only, typed as a priority is: digits in
    one are specks or a stamp's edge, marks among its letters (``© о © сл > ха``) a line OCR could not read, and
    words in small letters not letter-spaced (``спец``, the special number's label) another field's or the message's."""
    if found := fields.marks_in(text, fields.PRIORITIES):
        return found
    if mark := _half_read(text, fields.PRIORITIES):
        return [mark]
    if marks := marks_struck_alike(text, fields.PRIORITIES):
        return marks
    if marks := fields.marks_in(text, fields.PRIORITIES, GARBLED_PRIORITY):  # read as garbled as the message there
        return marks
    words = re.sub(r"\d", "", text)
    typed = all(c.isalpha() or c in " .,-" for c in words) and (fields.is_letter_spaced(words) or fields.in_capitals(words))
    return [_vocabulary_or_text(words, fields.PRIORITIES)] if typed else []


def _half_read(text: str, vocabulary: list[str]) -> str | None:
    """The one mark of as many words as the line whose word the line reads, its other words read as digits and
    marks only (``$05653 ВАЖНАЯ``: ``ОСОБО ВАЖНАЯ``); None when no one mark is so."""
    tokens = text.split()
    read = [t for t in tokens if any(c.isalpha() for c in t)]
    if len(read) != 1 or len(tokens) < 2 or not read[0].strip(".,").isalpha():
        return None
    marks = [v for v in vocabulary if len(v.split()) == len(tokens) and fields.best_match(read[0], v.split(), cutoff=85)]
    return marks[0] if len(marks) == 1 else None


def header(lines: list[Line]) -> Header:
    """The header fields from the lines of every page (they stand on page 1)."""
    by_role = {role: [line.text for line in lines if line.role is role] for role in Role}
    routing = parse_routing(by_role[Role.ROUTING][0]) if by_role[Role.ROUTING] else Routing()
    special = next((n for t in by_role[Role.SPECIAL] if (n := fields.parse_special_number(t))), None)
    title = by_role[Role.FORM_TITLE]
    addressee = by_role[Role.ADDRESSEE]
    month = received_month(routing.received_date_raw)
    return Header(
        form_title=_vocabulary_or_text(title[0], fields.FORM_TITLES) if title else None,
        classification=_marks(lines, Role.CLASSIFICATION, Role.HANDLING, fields.CLASSIFICATIONS),
        handling_marks=_marks(lines, Role.HANDLING, Role.CLASSIFICATION, fields.HANDLING_MARKS),
        # Priorities are words only: digits in one are specks or a stamp's edge.
        priority=[mark for t in by_role[Role.PRIORITY] if fields.has_text(t) for mark in _priorities(t)],
        origin=routing.origin,
        telegram_number=routing.telegram_number,
        received_time=routing.received_time,
        received_date_raw=routing.received_date_raw,
        copy_number=routing.copy_number,
        special_number=special,
        addressee=fields.addressee_name(addressee[0]) if addressee else None,
        registration_marks=[note for line in lines if line.role is Role.REGISTRATION
                            and _registry_note(line, note := registry.registry_note(line.text, month), month)],
        reference_numbers=reference_numbers.joined([line for line in lines if line.role is Role.REFERENCE]),
    )


def record(pages: list[list[Line]]) -> TelegramRecord:
    """The record a document's role-tagged lines give (stamps are added by the caller)."""
    lines = [line for page in pages for line in page]
    is_telegram = any(line.role in (Role.FORM_TITLE, Role.ROUTING) for line in lines)
    head, signed = _one_year(*_one_day(*_slash_as_received(header(lines), signer.signature(lines))))
    return TelegramRecord(
        doc_type="cipher_telegram" if is_telegram else "other",
        header=head,
        distribution=grid.distribution(lines),
        body=body_text(lines),
        signature=signed,
        footer=_printed_after(footer_line.footer(lines), head),
    )


_DAY = re.compile(r"^\s*(\d{1,2})(?=\s*/)")  # ``20/11 19 50``, ``29/11-50 г.``


_SLASHLESS_DAY = re.compile(r"^(\d{3,4})(?=-)")  # ``2111-50 г.``: a day and month whose slash was read as a figure
_DAY_MONTH = re.compile(r"^\s*(\d{1,2}/\d{1,2})\b")  # ``2/11 19 50``


def _slash_as_received(head: Header, signed: Signature) -> tuple[Header, Signature]:
    """The signature's date with its slash put back where it was read as ``1`` or ``7`` and its figures could be two
    dates (``2111-50 г.``: 2/11 or 21/1, :func:`fields.slash_read_as_one` leaves it): where one of them is the day the
    telegram was received (``2/11 19 50``), that one: a telegram is sent and received on one day more often than not."""
    slashless, received = _SLASHLESS_DAY.match(signed.date_raw or ""), _DAY_MONTH.match(head.received_date_raw or "")
    if not (slashless and received):
        return head, signed
    if received[1] not in fields.slash_readings(slashless[1]):
        return head, signed
    return head, signed.model_copy(update={"date_raw": received[1] + signed.date_raw[slashless.end():]})


def _one_day(head: Header, signed: Signature) -> tuple[Header, Signature]:
    """A telegram sent and received in one month, within a day or two: where the two dates' days differ only in a
    digit one reads 9, 8 or 6 and the other 0 (``29/11-50 г.`` signed, ``20/11 19 50`` received; six days apart and
    more is no telegram's way), that figure is a slashed or dotted zero."""
    month = received_month(head.received_date_raw)
    if month is None or month != received_month(signed.date_raw):
        return head, signed
    return _slashed_zero(head, signed, _DAY.match(head.received_date_raw or ""), _DAY.match(signed.date_raw or ""))


def _slashed_zero(head: Header, signed: Signature, received: re.Match | None, sent: re.Match | None) -> tuple[Header, Signature]:
    """The received and signed dates where the figures of ``received`` and ``sent`` (their first group) differ in
    one digit only, a 0 in one and in the other a figure a slashed or dotted zero reads as (:data:`fields.ZERO_READS`):
    the date reading that figure takes the other's figures."""
    if not (received and sent) or len(received[1]) != len(sent[1]):
        return head, signed
    differ = [(a, b) for a, b in zip(received[1], sent[1], strict=True) if a != b]
    if len(differ) != 1 or "0" not in differ[0] or not set(differ[0]) - {"0"} <= set(fields.ZERO_READS):
        return head, signed
    if differ[0][1] == "0":
        raw = head.received_date_raw
        return head.model_copy(update={"received_date_raw": raw[:received.start(1)] + sent[1] + raw[received.end(1):]}), signed
    raw = signed.date_raw
    return head, signed.model_copy(update={"date_raw": raw[:sent.start(1)] + received[1] + raw[sent.end(1):]})


# The copies are printed and sent out on the day the telegram is received or within this many days after.
PRINTED_WITHIN = 2
_FOOTER_DAY = re.compile(r"(?<= )(\d{1,2})(?=/(\d{1,2})\b)")  # ``Отпеч. 20/2-11.07``, ``Разослано 4/4/13``


def _printed_after(foot: Footer, head: Header) -> Footer:
    """The footer's dates of printing and sending out, a day of which reads a 9 (or 8, 6: :data:`fields.ZERO_READS`)
    where a 0 puts it within PRINTED_WITHIN days after the telegram's receipt in its month (``Отпеч. 29/2`` received
    ``19/2``: 20/2), with that 0: a slashed or dotted zero read as a figure."""
    received, month = _DAY.match(head.received_date_raw or ""), received_month(head.received_date_raw)
    if not received or month is None:
        return foot

    def put_right(value: str | None) -> str | None:
        found = _FOOTER_DAY.search(value or "")
        if not found or int(found[2]) != month:
            return value
        zeroed = [found[1][:k] + "0" + found[1][k + 1:] for k, c in enumerate(found[1]) if c in fields.ZERO_READS]
        within = [day for day in zeroed if 0 <= int(day) - int(received[1]) <= PRINTED_WITHIN]
        late = 0 <= int(found[1]) - int(received[1]) <= PRINTED_WITHIN
        return value[:found.start(1)] + within[0] + value[found.end(1):] if len(within) == 1 and not late else value

    return foot.model_copy(update={"printed_raw": put_right(foot.printed_raw), "distributed_raw": put_right(foot.distributed_raw)})


_RECEIVED_YEAR = re.compile(r"(?<=\d)(\d)(?=\s*$)")  # ``25/4 1950``, ``17/12 19 50``: the year's last digit
_SIGNED_YEAR = re.compile(r"(?<=-\d)(\d)(?= г\.$)")  # ``25/4-50 г.``


# The received date's year after the form's printed ``19`` (``17/12 19 49``, typed into the blank; ``25/4 1950``).
_RECEIVED_CENTURY = re.compile(r"^(\d{1,2}/\d{1,2}\s+19\s?)(.*)$")
_SIGNED_YY = re.compile(r"-(\d\d) г\.$")  # ``25/4-50 г.``


def _one_year(head: Header, signed: Signature) -> tuple[Header, Signature]:
    """A telegram sent and received on one day (``25/4``), in one year: where one of the two dates reads a 9
    and the other a 0 as the year's last digit, the 9 is a slashed or dotted zero; where the received year still
    reads otherwise, it is the signature's. The received year is typed into a ruled blank of the form, often low
    on its rule, and reads worse than the signature's, typed in the message (``8/12 19 62``, ``7/4 19 1``,
    ``17/12 19 149 0`` beside ``8/12-52 г.``, ``7/4-51 г.``, ``17/12-49 г.`` on heavy tuning pages)."""
    if (head.received_date_raw or "").split()[:1] != (signed.date_raw or "").split("-")[:1]:  # 31/12-49 г. received 1/1 1950
        return head, signed
    head, signed = _slashed_zero(head, signed, _RECEIVED_YEAR.search(head.received_date_raw or ""),
                                 _SIGNED_YEAR.search(signed.date_raw or ""))
    received, year = _RECEIVED_CENTURY.match(head.received_date_raw or ""), _SIGNED_YY.search(signed.date_raw or "")
    if received and year and received[2] != year[1]:
        return head.model_copy(update={"received_date_raw": received[1] + year[1]}), signed
    return head, signed


# A copy number has two digits at the most.
MOST_COPY_DIGITS = 2


@dataclass(frozen=True)
class PageFields:
    folio: int | None = None
    page_label: str | None = None
    telegram_number: str | None = None
    copy_number: int | None = None


def page_fields(lines: list[Line], document_copy: int | None) -> PageFields:
    """Folio, and on continuation pages the typed telegram number, page label and copy number.

    A continuation header that leaves the copy number blank (``экз. №....``) means the document's.
    """
    folios = [k for k, line in enumerate(lines) if line.role is Role.FOLIO]
    folio = fields.parse_int(lines[folios[0]].text) if folios else None
    # A second bare number at the right, after the typed header's pieces, is its copy with ``экз. №`` lost (``10...``).
    beside = [lines[k].text for k in folios[1:] if any(line.role is Role.CONTINUATION for line in lines[:k])]
    continuation = [line.text for line in lines if line.role is Role.CONTINUATION]
    numbers = [re.search(r"\d+", t)[0] for t in continuation if fields.parse_int(t) is not None and not fields.parse_page_label(t)]
    # A bare number too short for a telegram number is the page label, its dot lost (``2``).
    label = next((lab for t in continuation if (lab := fields.parse_page_label(t))), None) or next(
        (f"{int(n)}." for n in numbers if len(n) < SHORTEST_NUMBER), None)
    number = next((n for n in numbers if len(n) >= SHORTEST_NUMBER), None)  # its digits without the specks beside them (``.6551``)
    copies = [fields.parse_continuation_copy(t) for t in continuation]
    copy = next((c for found, c in copies if found and c is not None), None) or next(
        (int(n) for t in beside if (n := fields.parse_int(t)) is not None and n < 10 ** MOST_COPY_DIGITS), None)
    return PageFields(folio=folio, page_label=label, telegram_number=number, copy_number=copy or document_copy)


# The fields each role's lines give; footer lines are mapped by what each one parses to.
_FIELDS_OF_ROLE = {
    Role.FORM_TITLE: ["header.form_title"],
    Role.CLASSIFICATION: ["header.classification"],
    Role.HANDLING: ["header.handling_marks"],
    Role.PRIORITY: ["header.priority"],
    Role.ROUTING: ["header.origin", "header.telegram_number", "header.received_time", "header.received_date_raw",
                   "header.copy_number"],
    Role.SPECIAL: ["header.special_number"],
    Role.ADDRESSEE: ["header.addressee"],
    Role.REGISTRATION: ["header.registration_marks"],
    Role.GRID: ["distribution"],
    Role.SIGNATURE: ["signature.name", "signature.date_raw"],
    Role.BODY: ["body"],
}


def _fields_of(line: Line) -> list[str]:
    if line.role is Role.FOOTER:
        return [f"footer.{name}" for name in footer_line.parse_footer_line(footer_line.line_text(line)[0])]
    return _FIELDS_OF_ROLE.get(line.role, [])


def evidence(lines: list[Line]) -> dict[str, Evidence]:
    """For each field, the box (on the first page it appears on) and mean confidence of the lines it was read from."""
    sources: dict[str, list[Line]] = {}
    for line in lines:
        if line.bbox is None or line.confidence is None:
            continue
        for name in _fields_of(line):
            if not sources.get(name) or sources[name][0].page == line.page:
                sources.setdefault(name, []).append(line)
    return {
        name: Evidence(page=group[0].page, bbox=union_box([line.bbox for line in group]),
                       confidence=round(sum(line.confidence for line in group) / len(group), 2))
        for name, group in sources.items()
    }
