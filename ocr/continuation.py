"""A later page's continuation header: which of its first lines hold the header's pieces (folio, telegram
number, page label, copy line), which segments OCR read among or above them are stray marks, and a header
line read as one segment split back into its pieces.

A line here is its segments left to right (:class:`ocr.layout.VisualLine`'s ``segments``); laying the
page out and tagging the lines stays with :mod:`ocr.layout`, which asks this module where the header ends.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from ocr import fields, roles
from ocr.lines import Line, Role, Word

# A later page's header (folio, telegram number, page label, copy) is in its first this many lines, a stray
# line of specks above it counted.
HEADER_LINES = 4
# OCR of a speck, a fold or paper showing through above a later page's header reads at a mean word
# confidence below this, or as a few letters at most (``ТИХ``, ``уни с``); the header's pieces read at 50 and more.
STRAY_CONFIDENCE = 40.0
STRAY_CHARS = 4


def _is_speck(text: str) -> bool:
    """Dust or a stray mark OCR'd beside the text: no letter or digit in it."""
    return not any(c.isalnum() for c in text)


def _is_stray(segment: Line) -> bool:
    """A segment that is no typing of the header: a speck, or a few letters or a low-confidence reading
    with no digit."""
    alnum = sum(c.isalnum() for c in segment.text)
    faint = (segment.confidence or 0) < STRAY_CONFIDENCE and not any(c.isdigit() for c in segment.text)
    return _is_speck(segment.text) or alnum <= STRAY_CHARS and not any(c.isdigit() for c in segment.text) or faint


def _stray_word(word: Word) -> bool:
    """A speck, or letters without a digit read below STRAY_CONFIDENCE: no typing of a later page's header."""
    return not any(c.isdigit() for c in word.text) and (word.confidence < STRAY_CONFIDENCE or _is_speck(word.text.replace("№", "N")))


def continuation_top(lines: list[list[Line]]) -> int:
    """How many of a later page's first lines (each its segments) are its continuation header: lines each
    holding a piece of it (folio, telegram number, page label, copy line) and otherwise stray marks only, and
    stray lines above or among them; 0 when the first HEADER_LINES lines show no piece of it."""
    top = 0
    for k, segments in enumerate(lines[:HEADER_LINES]):
        pieces = [s for s in segments if roles.is_continuation_line(s.text)]
        if not all(roles.is_continuation_line(s.text) or _is_stray(s) for s in segments):
            break
        if pieces:
            top = k + 1
    return top


def header_split(lines: list[list[Line]]) -> tuple[int, list[list[Line]], list[Line]]:
    """A later page's header: how many first lines it takes (:func:`continuation_top`), each of them with its
    pieces only, and the stray marks among or above them (specks dropped), tagged OTHER."""
    top = continuation_top(lines)
    header = [[s for s in segments if roles.is_continuation_line(s.text)] for segments in lines[:top]]
    strays = [s for segments in lines[:top] for s in segments if not roles.is_continuation_line(s.text) and not _is_speck(s.text)]
    for stray in strays:
        stray.role = Role.OTHER
    return top, header, strays


def header_pieces(segments: list[Line], segment: Callable[[list[Word]], Line]) -> list[Line] | None:
    """A later page's header line read as one segment (``2105 2. экз. № 11``, set closer than a segment gap)
    as its telegram number, page label and copy line, each a segment (``segment`` makes one of words), without
    the stray marks OCR read between them (``ет 3686``); None for other lines, to be kept as they are."""
    pieces: list[list[Word]] = []
    for read in segments:
        words = [w for w in read.words if not _stray_word(w)]
        read = segment(words) if words else read
        while len(words) > 1 and roles.is_continuation_line(words[0].text) and not fields.parse_continuation_copy(read.text)[0]:
            pieces.append(words[:1])  # a bare number or label before the rest
            words = words[1:]
            read = segment(words)
        if words:
            pieces.append(words)
    if [len(p) for p in pieces] == [len(s.words) for s in segments] or not pieces:
        return None
    found = [segment(p) for p in pieces]
    return found if all(roles.is_continuation_line(s.text) for s in found) else None


def typed_piece(text: str, role: Role) -> str:
    """A piece of a later page's header (``role`` CONTINUATION) or a folio as typed or stamped, the specks OCR read
    beside it dropped (``3686` `` → ``3686``, ``102:`` → ``102``, ``‚экз.№4...`` → ``экз. № 4...``, a space after
    ``№`` as typed, a garbled label as typed: ``кз. №... 5`` → ``экз. №... 5``); as read when it is none of the
    header's pieces."""
    if role is Role.CONTINUATION and fields.parse_page_label(text):
        return text.strip(" `'‘’_,")
    if fields.parse_int(text) is not None:
        return re.search(r"\d+", text)[0]
    if role is Role.CONTINUATION and fields.parse_continuation_copy(text)[0]:
        typed = fields.copy_label_typed(re.sub(r"^[^\w№]+", "", text.strip()))
        typed = re.sub(r"№\s*(?=\d)", "№ ", re.sub(r"\.\s*№", ". №", typed))
        return typed if fields.parse_continuation_copy(typed) == fields.parse_continuation_copy(text) else text
    return text


def printed(lines: list[Line]) -> list[Line]:
    """The lines with each folio and piece of a later page's header as :func:`typed_piece` gives it."""
    return [dataclasses.replace(line, text=typed_piece(line.text, line.role)) if line.role in (Role.CONTINUATION, Role.FOLIO)
            else line for line in lines]
