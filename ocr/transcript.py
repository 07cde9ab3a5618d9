"""Reading the archive's markdown export of a telegram (as the seed's ``transcript.ru.txt``).

The export keeps the page's text in reading order with light markdown (``#`` for the form title,
``**bold**``, ``*handwriting*``, tab-separated grid rows, two trailing spaces for a line break) and
marks each later page by its continuation header: folio, telegram number, page label (``2.``).
Lines are tagged with their :class:`~ocr.lines.Role` from their text and order alone, and the
record is read from them by :mod:`ocr.assemble`, as it is for OCR output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ocr import assemble, fields
from ocr.contract import TelegramRecord
from ocr.errors import InputError
from ocr.lines import Line, Role

TRANSCRIPT_SUFFIXES = (".md", ".txt")


@dataclass
class Transcript:
    pages: list[list[Line]]
    record: TelegramRecord
    page_texts: list[str]

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page]


@dataclass(frozen=True)
class _Raw:
    text: str  # markdown removed
    italic: bool  # the archive marks handwriting in italics
    blank_before: bool


def _strip_markdown(line: str) -> tuple[str, bool]:
    line = line.rstrip()
    italic = bool(re.match(r"^\*[^*]", line))
    line = re.sub(r"^#+\s*", "", line)
    line = line.replace("**", "").replace("*", "") if "*" in line else line
    return line.strip(), italic


def _raw_lines(text: str) -> list[_Raw]:
    out: list[_Raw] = []
    blank = False
    for source in text.replace("\r\n", "\n").split("\n"):
        clean, italic = _strip_markdown(source)
        if clean:
            out.append(_Raw(clean, italic, blank))
            blank = False
        else:
            blank = bool(out)
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


def _is_prose(text: str) -> bool:
    if "\t" in text or fields.is_grid_row(text) or fields.is_routing_line(text) or fields.is_letter_spaced(text):
        return False
    return len(re.findall(r"\b[а-яё]{2,}", text)) >= 4


def _tag_header(lines: list[_Raw]) -> tuple[list[Role], int]:
    """Roles of page 1's lines up to the body, and where the body starts."""
    title = next((i for i, l in enumerate(lines) if fields.best_match(l.text, fields.FORM_TITLES, 85)), -1)
    body = next((i for i in range(title + 1, len(lines)) if _is_prose(lines[i].text)), len(lines))
    roles: list[Role] = []
    numbers_before_title = [i for i in range(max(title, 0)) if fields.parse_int(lines[i].text) is not None]
    for i, line in enumerate(lines[:body]):
        roles.append(_header_role(line.text, i, title, numbers_before_title))
    tail = [i for i, r in enumerate(roles) if r is Role.OTHER and i > title]
    for i in tail:
        roles[i] = Role.ADDRESSEE if i == tail[-1] else Role.PRIORITY
    return roles, body


def _header_role(text: str, i: int, title: int, numbers_before_title: list[int]) -> Role:
    if i < title:
        return Role.FOLIO if numbers_before_title and i == numbers_before_title[-1] else Role.REGISTRATION
    if i == title:
        return Role.FORM_TITLE
    if "\t" in text or fields.is_grid_row(text):
        return Role.GRID
    if fields.is_routing_line(text):
        return Role.ROUTING
    if re.fullmatch(r"[\d\s]+", text):
        return Role.REFERENCE
    if fields.parse_special_number(text):
        return Role.SPECIAL
    if fields.best_match(text, fields.CLASSIFICATIONS, 85) and not fields.is_letter_spaced(text):
        return Role.CLASSIFICATION
    if fields.best_match(text, fields.HANDLING_MARKS, 85):
        return Role.HANDLING
    return Role.OTHER


def _tag_continuation(lines: list[_Raw]) -> tuple[list[Role], int]:
    """A later page: folio, then telegram number, page label and copy line, then the body."""
    roles = [Role.FOLIO]
    for line in lines[1:]:
        is_copy_line = fields.parse_continuation_copy(line.text)[0]
        if fields.parse_int(line.text) is None and not is_copy_line:
            break
        roles.append(Role.CONTINUATION)
        if is_copy_line:
            break
    return roles, len(roles)


def _tag_rest(lines: list[_Raw], first: bool) -> list[Role]:
    """Body lines until the signature, then footer (handwriting in italics)."""
    roles: list[Role] = []
    after_signature = False
    for line in lines:
        if line.italic:
            roles.append(Role.HANDWRITTEN)
        elif not after_signature and fields.parse_signature(line.text):
            roles.append(Role.SIGNATURE)
            after_signature = True
        elif after_signature:
            roles.append(Role.FOOTER if fields.is_footer_line(line.text) else Role.OTHER)
        else:
            roles.append(Role.BODY)
    return roles


def _tag_page(raw: list[_Raw], number: int) -> list[Line]:
    roles, body = _tag_continuation(raw) if number > 1 else _tag_header(raw)
    roles += _tag_rest(raw[body:], first=number == 1)
    lines = [Line(text=r.text, role=role, page=number) for r, role in zip(raw, roles)]
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
    return Transcript(pages=pages, record=assemble.record(pages), page_texts=[_page_text(r) for r in raw_pages])


def read_transcript(path: Path) -> Transcript:
    """Read a transcription file (the archive's markdown export, or plain text in the same layout)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read transcription {path}: {exc}", "it must be a UTF-8 text file") from exc
    return parse_transcript(text)


_MARKUP = {Role.FORM_TITLE: "# {}", Role.CLASSIFICATION: "**{}**", Role.HANDWRITTEN: "*{}*"}


def to_markdown(transcript: Transcript) -> str:
    """The archive's export format for role-tagged pages: what :func:`parse_transcript` reads."""
    pages = []
    for page in transcript.pages:
        blocks = ["\t".join(line.cells) if line.cells else _MARKUP.get(line.role, "{}").format(line.text) for line in page]
        pages.append("\n\n".join(blocks))
    return "\n\n\n\n".join(pages) + "\n"


def find_transcript(scan: Path, transcripts_dir: Path | None = None) -> Path | None:
    """The transcription of a scan: ``<stem>.md``/``.txt`` beside it or in ``transcripts_dir``."""
    stem = scan.stem if scan.is_file() else scan.name
    folders = [d for d in (transcripts_dir, scan.parent) if d is not None]
    for folder in folders:
        for suffix in TRANSCRIPT_SUFFIXES:
            candidate = folder / f"{stem}{suffix}"
            if candidate.is_file() and candidate != scan:
                return candidate
    return None
