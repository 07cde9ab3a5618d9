"""The distribution grid's rows read again across the page's typed width, for the recipients the page reading lost.

The recipients are typed beside the printed slots, on a carbon copy or a worn ribbon often far fainter than the
print: the page reading keeps the slots and loses the faint names beside them (``» № 15-т`` and nothing after
it), or, where the names stand off the slots, never even makes a word of them. Read alone as one line across the
whole width typing reaches — bitonal, enlarged or grey, as the footer's lines are (:mod:`ocr.reread.footer`) —
the row often gives them, one letter or two of a faint name misread now this way, now that. A name is taken only
where two readings at least give it to the same slot (a listed name as the corrector spells it, :func:`ocr.correct.names.recipient`:
``Вышанскому`` and ``Вышинскому`` are one), from a reading that reads every slot the page read: specks read as
letters seldom spell one name twice.
"""

from __future__ import annotations

from collections import Counter

from ocr import fields, layout
from ocr.correct.lexicon import lexicon
from ocr.correct.names import is_recipient, recipient
from ocr.lines import Line, Role, Word, words_text
from ocr.preprocess import PreprocessedPage
from ocr.reread.blocks import SETTLED_CONFIDENCE, unread_columns
from ocr.reread.combine import line_box
from ocr.reread.readings import binarised, read_each

# Readings that must give a name to one slot for it to be taken.
MIN_VOTES = 2


def _row(words: list[Word]) -> list[tuple[int, str | None]]:
    return fields.parse_grid_row(words_text(words))


def _names(row: list[tuple[int, str | None]]) -> dict[int, str]:
    """Slot → the name beside it, a listed name with a letter misread as the corrector spells it."""
    return {copy: recipient(name, lexicon()) or name for copy, name in row if name and copy != fields.LOST_COPY}


def _grows(own: str, again: str) -> bool:
    """Whether a slot's name read ``again`` keeps what the page read of it, or puts right a name the page misread past the
    corrector (``Сромык``, two letters off ``Громыко``) with a listed name."""
    return own.lower() in again.lower() or not is_recipient(own, lexicon()) and is_recipient(again, lexicon())


def fuller(readings: list[list[Word]]) -> int:
    """The reading to keep (0, the page's own, first): the first reading again that reads every slot the page read,
    every name the page read beside them or more of it (``Зорину`` where the page lost a letter at either end: ``Зорин``,
    ``Орину``) or a listed name for one it misread (:func:`_grows`), and more names or more of one, each such name
    given to its slot by MIN_VOTES readings again at least; 0 when none does."""
    rows = [_row(words) for words in readings]
    slots = {copy for copy, _ in rows[0]} - {fields.LOST_COPY}
    whole = [k for k, row in enumerate(rows) if k and readings[k] and slots <= {copy for copy, _ in row}]
    votes = Counter(pair for k in whole for pair in _names(rows[k]).items())
    own = _names(rows[0])
    for k in whole:
        names = _names(rows[k])
        grows = names != own and all(_grows(name, names.get(copy, "")) for copy, name in own.items())
        if grows and all(votes[pair] >= MIN_VOTES for pair in names.items() - own.items()):
            return k
    return 0


def _across(box: tuple[int, int, int, int], left: int, right: int) -> tuple[int, int, int, int]:
    return (left, box[1], right - left, box[3])


# Ink across a row's band that no word of the page covers, over less than this many characters' width, is specks or
# a stroke's end: a name the page reading lost, the shortest listed one four letters, leaves more.
UNREAD_CHARS = 2.0


def _settled(page: PreprocessedPage, words: list[Word], row: list[Word], slots: int,
             band: tuple[int, int, int, int], char_width: float) -> bool:
    """Whether the page's reading of a grid ``row`` leaves nothing to read again: its words all read surely
    (SETTLED_CONFIDENCE: a faint name read as letters no name spells, ``В:нвнткому``, parses as no name, and its word
    covers its ink), as many slots as the grid's widest row (``slots``), each with its number, each name beside one a
    listed name as the grid spells it, and less than UNREAD_CHARS of ink across the row's ``band`` that none of the
    page's ``words`` covers, on the page or its grey (a faint name binarising lost)."""
    if any(w.confidence < SETTLED_CONFIDENCE for w in row):
        return False
    parsed = _row(row)
    if len(parsed) < slots or any(copy == fields.LOST_COPY for copy, _ in parsed):
        return False
    if not all(is_recipient(name, lexicon()) and recipient(name, lexicon()) is None for _, name in parsed if name):
        return False  # a name not listed, or listed but read a letter off: the corrector would respell it
    x, y, w, h = band
    # the grey band black and white on its own ink: a faint name stands out of the paper, a word's grey rim does not
    rows = [page.image[y:y + h]] + ([binarised(page.grey[y:y + h])] if page.grey is not None else [])
    return all(unread_columns(image, y, words)[x:x + w].sum() < UNREAD_CHARS * char_width for image in rows)


def reread_grid(page: PreprocessedPage, lines: list[Line], lang: str) -> list[Line]:
    """``lines`` with each grid row the page's reading leaves in doubt (not :func:`_settled`) read again on its own
    (``psm 7``) in each of READINGS from the form's left edge to the right edge of the page's typing, and the reading
    :func:`fuller` keeps put in its place.

    The form's left edge is where its grid or its routing line begins, whichever is further left: the page reading
    can lose a whole column of slots (a carbon's faint names beside black print read as a picture), and the grid's
    rows then begin at the next column; the lost column's ink, unread across the row's band, leaves the row in doubt."""
    at = [k for k, line in enumerate(lines) if line.role is Role.GRID and line.words]
    typed = [line.bbox for line in lines if line.bbox]
    if len(at) < 2 or not typed:
        return lines
    boxes = [line_box(lines[k].words) for k in at]
    routing = [line.bbox[0] for line in lines if line.role is Role.ROUTING and line.bbox]
    left, right = min([box[0] for box in boxes] + routing), max(x + w for x, _, w, _ in typed)
    words = [word for line in lines for word in line.words]
    rows = [_row(lines[k].words) for k in at]
    slots, char_width = max(len(row) for row in rows), layout.page_metrics(words).char_width
    doubtful = [(k, band) for k, box in zip(at, boxes)
                if not _settled(page, words, lines[k].words, slots, band := _across(box, left, right), char_width)]
    out = list(lines)
    for (k, _), again in zip(doubtful, read_each(page, [band for _, band in doubtful], lang)):
        if best := fuller([lines[k].words] + again):
            out[k] = lines[k].read_as(again[best - 1])
    return out
