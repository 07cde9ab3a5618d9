"""Reading the archive's markdown export of a telegram (as the seed's ``transcript.ru.txt``).

The export keeps the page's text in reading order with light markdown (``#`` for the form title,
``**bold**``, ``*handwriting*``, tab-separated grid rows, two trailing spaces for a line break) and
marks each later page by its continuation header: folio, telegram number, page label (``2.``).
Spans the archive left out are marked ``[...]`` (or ``[…]``): the marks are removed from the text
that is scored and kept, with the words around them, in :attr:`Transcript.omissions`.
Lines are tagged with their :class:`~ocr.lines.Role` from their text and order alone, and the
record is read from them by :mod:`ocr.assemble`, as it is for OCR output.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ocr import assemble, fields, roles
from ocr.contract import TelegramRecord
from ocr.errors import InputError
from ocr.lines import Line, Role


@dataclass
class Transcript:
    pages: list[list[Line]]
    record: TelegramRecord
    page_texts: list[str]
    omissions: list[str] = field(default_factory=list)  # each ``[...]`` with the words around it
    scored_body: str = ""  # the body with GAP where the omissions stood ("" when it has none)

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page]


@dataclass(frozen=True)
class _Raw:
    text: str  # markdown removed
    italic: bool  # the archive marks handwriting in italics
    blank_before: bool
    omissions: tuple[str, ...] = ()  # the ``[...]`` marks removed from this line, in context
    scored: str = ""  # the text with GAP where the marks stood, when it had any


OMISSION = re.compile(r"\s*\[\s*(?:\.{3}|…)\s*\]\s*")
GAP = "\ue000"  # an omitted span, in the body that is scored: OCR text aligned with it is not counted
_CONTEXT = 40  # characters of text kept on each side of an omission mark


def _remove_omissions(line: str) -> tuple[str, tuple[str, ...]]:
    """The line without its ``[...]`` marks, and each mark with up to :data:`_CONTEXT` characters around it."""
    found = []
    for match in OMISSION.finditer(line):
        before = line[:match.start()][-_CONTEXT:].lstrip()
        after = line[match.end():][:_CONTEXT].rstrip()
        found.append(" ".join(part for part in ("…" + before if before else "", "[...]",
                                                after + "…" if after else "") if part))
    if not found:
        return line, ()
    return " ".join(part for part in OMISSION.split(line) if part.strip()), tuple(found)


def _strip_markdown(line: str) -> tuple[str, bool]:
    line = line.rstrip()
    italic = bool(re.match(r"^\*[^*]", line))
    line = re.sub(r"^#+\s*", "", line)
    line = line.replace("**", "").replace("*", "") if "*" in line else line
    return line.strip(), italic


def _raw_lines(text: str) -> list[_Raw]:
    out: list[_Raw] = []
    blank = False
    alone = 0  # ``[...]`` marks on lines of their own since the last line of text
    for source in text.replace("\r\n", "\n").split("\n"):
        clean, italic = _strip_markdown(source)
        scored = " ".join(OMISSION.sub(f" {GAP} ", clean).split())
        clean, omitted = _remove_omissions(clean)
        if not clean:
            alone += len(omitted)
            blank = bool(out)
            continue
        if alone:  # the marks stood between the last line and this one: note both sides
            before = out[-1].text[-_CONTEXT:] if out else ""
            mark = " ".join(p for p in ("…" + before if before else "", "[...]", clean[:_CONTEXT] + "…") if p)
            omitted = (mark,) * alone + omitted
            scored = f"{GAP} {scored}"
            alone = 0
        out.append(_Raw(clean, italic, blank, omitted, scored if omitted else ""))
        blank = False
    if alone and out:
        last = out[-1]
        out[-1] = _Raw(last.text, last.italic, last.blank_before, last.omissions + (f"…{last.text[-_CONTEXT:]} [...]",) * alone,
                       f"{last.scored or last.text} {GAP}")
    return out


def _is_page_start(lines: list[_Raw], i: int) -> bool:
    """A continuation page opens with folio, telegram number and page label (``65`` / ``2029`` / ``2.``)."""
    return (
        i + 2 < len(lines)
        and fields.parse_int(lines[i].text) is not None
        and fields.parse_int(lines[i + 1].text) is not None
        and fields.parse_page_label(lines[i + 2].text) is not None
    )


def _split_pages(lines: list[_Raw]) -> list[list[_Raw]]:
    pages: list[list[_Raw]] = [[]]
    for i, line in enumerate(lines):
        if i and _is_page_start(lines, i):
            pages.append([])
        pages[-1].append(line)
    return pages


def _tag_continuation(lines: list[_Raw]) -> int:
    """A later page opens with folio, telegram number, page label and copy line: how many lines."""
    count = 1
    for line in lines[1:]:
        if not roles.is_continuation_line(line.text):
            break
        count += 1
        if fields.parse_continuation_copy(line.text)[0]:
            break
    return count


def _tag_page(raw: list[_Raw], number: int) -> list[Line]:
    texts = [r.text for r in raw]
    if number == 1:
        tags, body = roles.tag_first_page(texts)
    else:
        body = _tag_continuation(raw)
        tags = [Role.FOLIO] + [Role.CONTINUATION] * (body - 1)
    tags += roles.tag_rest(texts[body:], [r.italic for r in raw[body:]])
    lines = [Line(text=r.text, role=role, page=number) for r, role in zip(raw, tags)]
    body_lines = [line for line in lines if line.role is Role.BODY]
    for k, line in enumerate(body_lines):
        # Each markdown line of the body is a paragraph; a later page's first one continues the last page's.
        line.paragraph_start = not (k == 0 and number > 1)
    for line in lines:
        if line.role is Role.GRID:
            line.cells = line.text.split("\t")
            line.text = " ".join(c for c in line.cells if c)
    return lines


def _page_text(raw: list[_Raw]) -> str:
    """The page's text as a reader types it: one line each, a blank line between blocks."""
    return "".join(("\n\n" if r.blank_before and k else "\n" if k else "") + r.text for k, r in enumerate(raw))


def parse_transcript(text: str) -> Transcript:
    """Parse the archive's markdown export into role-tagged pages and their record."""
    raw_pages = _split_pages(_raw_lines(text))
    pages = [_tag_page(raw, number) for number, raw in enumerate(raw_pages, start=1)]
    omissions = [mark for raw in raw_pages for line in raw for mark in line.omissions]
    scored = [replace(line, text=r.scored or r.text) for page, raws in zip(pages, raw_pages) for line, r in zip(page, raws)]
    return Transcript(pages=pages, record=assemble.record(pages), page_texts=[_page_text(r) for r in raw_pages],
                      omissions=omissions, scored_body=assemble.body_text(scored) if omissions else "")


def decode_text(data: bytes, name: str) -> str:
    """A transcription's bytes as text: UTF-8 (with or without a byte-order mark), UTF-16 with its
    mark, or else Windows-1251, in which older Windows tools saved Cyrillic."""
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1251")
    except UnicodeDecodeError as exc:
        raise InputError(f"transcription {name} is neither UTF-8 nor Windows-1251 text: {exc}",
                         "save it as UTF-8 text") from exc


def read_transcript(path: Path) -> Transcript:
    """Read a transcription file (the archive's markdown export, or plain text in the same layout)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read transcription {path}: {exc}", "check the path and its permissions") from exc
    return parse_transcript(decode_text(data, str(path)))


_MARKUP = {Role.FORM_TITLE: "# {}", Role.CLASSIFICATION: "**{}**", Role.HANDWRITTEN: "*{}*"}


def to_markdown(transcript: Transcript) -> str:
    """The archive's export format for role-tagged pages: what :func:`parse_transcript` reads."""
    pages = []
    for page in transcript.pages:
        blocks = ["\t".join(line.cells) if line.cells else _MARKUP.get(line.role, "{}").format(line.text) for line in page]
        pages.append("\n\n".join(blocks))
    return "\n\n\n\n".join(pages) + "\n"
