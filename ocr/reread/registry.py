"""Registry notes read again: each note alone, the top margin on the grey page (a faint note the page's
threshold broke), and each note's figures by the Latin model kept to figures; :func:`ocr.registry.figured_note`
writes a note from those readings.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ocr.lines import Line, Role, Word, union_box, words_text
from ocr.recognize import enlarged, lost_marks, read_boxes, read_crops
from ocr.registry import agreement, figured_note, is_whole, registry_note
from ocr.reread.combine import line_box
from ocr.reread.readings import binarised
from ocr.routing import parse_routing, received_month, received_year


def _reading_rank(words: list[Word], month: int | None) -> tuple[bool, bool]:
    """How well a reading of a note line reads as a note: whole, and whole in the telegram's month."""
    note = registry_note(words_text(words), month)
    return is_whole(note), is_whole(note, month)


# A note is read again as a raw line (no page layout analysis): a pen's numerals, which page segmentation
# reads as letters (``2. Л.``, ``2.1.``), come out whole (``2.Х1.``) more often so than as one line (``psm 7``).
NOTE_PSM = 13


def read_notes_again(image: np.ndarray, lines: list[Line], lang: str, grey: np.ndarray | None = None) -> list[Line]:
    """``lines`` with each registry note read again alone (:data:`NOTE_PSM`), and the top margin read again
    on ``grey`` (the page before binarisation, in the same frame) where there is one (:func:`margin_readings`):
    of a note's readings the one that reads more of the note's shape is kept (a typed note the page read
    whole stays as read); then its figures are read again (:func:`figured_note`). Notes are written by hand
    in the margin as often as typed there, page segmentation reads a pen's italic poorly (``(561 /м. ни. -
    2. Л.`` where the raw line reads ``2.Х1.``), and the page's threshold breaks a faint note's small type."""
    routing = next((line.text for line in lines if line.role is Role.ROUTING), None)
    received = parse_routing(routing).received_date_raw if routing else None
    month, year = received_month(received), received_year(received)
    again = grey is not None and not _margin_settled(grey, lines, month)
    lines, added = _with_margin(lines, margin_readings(grey, lines, lang) if again else [], month)
    notes = [k for k, line in enumerate(lines) if line.role is Role.REGISTRATION and line.words]
    if not notes:
        return lines
    boxes = [line_box(lines[k].words) for k in notes]
    for k, words in zip(notes, read_boxes(image, boxes, lang, psm=NOTE_PSM)):
        if words and _reading_rank(words, month) > _reading_rank(lines[k].words, month):
            lines[k] = lines[k].read_as(words)
    figured: set[int] = set()  # the notes their readings in figures put together
    for k, figures in zip(notes, _figure_readings(image if grey is None else grey, boxes)):
        if note := figured_note(registry_note(lines[k].text, month), figures, month, year):
            # a bare number has no shape to show it a note: how many of its readings agree is how sure it is
            sure = max(lines[k].confidence or 0.0, agreement(note, figures)) if note.isdigit() else lines[k].confidence
            lines[k] = dataclasses.replace(lines[k], text=note, confidence=sure)
            figured.add(k)
    # A line only the margin's reading found is a note only in its whole shape or figured by its readings' agreement:
    # never a scrawl's reading; one it read in place of the page's lines, not whole, gives them back (a clean page's
    # ``N 728 / м. п.`` and ``19.XI.47``).
    return [kept for k, line in enumerate(lines) for kept in (
        [line] if k not in added or is_whole(registry_note(line.text, month), month) or (k in figured and not added[k])
        else added[k])]


MARGIN_PSM = 3
GAP = 3.0  # line heights: a gap wider parts a margin line's pieces (a note from the folio at the right edge)


def margin_readings(grey: np.ndarray, lines: list[Line], lang: str) -> list[list[Word]]:
    """The lines of the top margin above the form's title read again on the grey page, each cut at gaps
    wider than :data:`GAP` line heights; none where the page has no title."""
    title = next((line for line in lines if line.role is Role.FORM_TITLE and line.bbox), None)
    if title is None or title.bbox[1] <= 0:
        return []
    by_line: dict = {}
    for word in read_crops([grey[:title.bbox[1]]], lang, psm=MARGIN_PSM, numbered=True)[0]:
        by_line.setdefault(word.line, []).append(word)
    pieces = []
    for words in by_line.values():
        words.sort(key=lambda w: w.bbox[0])
        height = max(w.bbox[3] for w in words)
        pieces.append([words[0]])
        for before, word in zip(words, words[1:]):
            if word.bbox[0] - before.bbox[0] - before.bbox[2] > GAP * height:
                pieces.append([])
            pieces[-1].append(word)
    return pieces


# Ink on the grey margin: pixels at least this much darker than its paper (the margin's median level), a faint note
# the page's threshold dropped among them (a black note beside it would set a threshold of the margin's own above it).
MARGIN_INK_CONTRAST = 40


def _margin_settled(grey: np.ndarray, lines: list[Line], month: int | None) -> bool:
    """Whether the page's reading of the top margin leaves nothing for :func:`margin_readings` to read: every note
    there read whole in the telegram's month, and no mark (:func:`ocr.recognize.lost_marks`) of the grey margin's
    ink (MARGIN_INK_CONTRAST) that no word of the page covers."""
    title = next((k for k, line in enumerate(lines) if line.role is Role.FORM_TITLE and line.bbox), None)
    if title is None or lines[title].bbox[1] <= 0:
        return True
    if not all(_reading_rank(line.words, month) == (True, True) for line in lines[:title] if line.role is Role.REGISTRATION):
        return False
    words = [word for line in lines for word in line.words]
    margin = grey[:lines[title].bbox[1]]
    ink = margin < np.median(margin) - MARGIN_INK_CONTRAST
    return not lost_marks(ink, words)


def _with_margin(lines: list[Line], pieces: list[list[Word]], month: int | None) -> tuple[list[Line], dict[int, list[Line]]]:
    """``lines`` with each margin piece taken as a reading of the registry note lines it lies on: kept in
    their place when it reads more of a note's shape, or as much but across more of the margin (the page read
    pieces of a faint line); added before the title where it lies on no line. With the indices of the margin's
    readings that do not read more of a note's shape than the page's reading did (to be proven whole), each with
    the page's lines it stands for (none for one added)."""
    title = next((k for k, line in enumerate(lines) if line.role is Role.FORM_TITLE), len(lines))
    replaced: dict[int, tuple[Line, bool]] = {}  # first line a piece lies on: the piece, whether it reads more
    covered: dict[int, list[int]] = {}  # first line a piece lies on: every line it lies on
    dropped: set[int] = set()
    extra = []
    for words in pieces:
        box = union_box([w.bbox for w in words])
        piece = Line("", Role.REGISTRATION, page=lines[min(title, len(lines) - 1)].page).read_as(words)
        on = [k for k, line in enumerate(lines[:title]) if line.bbox and _same_line(line.bbox, box)]
        if not on:
            extra.append(piece)
            continue
        if any(lines[k].role is not Role.REGISTRATION for k in on):
            continue  # the folio's line
        rank, best = _reading_rank(words, month), max(_reading_rank(lines[k].words, month) for k in on)
        if rank > best or (rank == best and box[2] > union_box([lines[k].bbox for k in on])[2]):
            replaced[on[0]] = (piece, rank > best)
            covered[on[0]] = on
            dropped |= set(on[1:])
    kept: list[Line] = []
    unproven: dict[int, list[Line]] = {}
    for k, line in enumerate(lines + [None]):
        if k == title:
            unproven |= {n: [] for n in range(len(kept), len(kept) + len(extra))}
            kept += extra
        if line is None or k in dropped:
            continue
        line, proven = replaced.get(k, (line, True))
        if not proven:
            unproven[len(kept)] = [lines[n] for n in covered[k]]
        kept.append(line)
    return kept, unproven


def _same_line(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """Whether two boxes share most of the shorter one's height and overlap across."""
    rows = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return rows > 0.5 * min(a[3], b[3]) and min(a[0] + a[2], b[0] + b[2]) > max(a[0], b[0])


# The Latin model reads a pen's Roman month (I, V, X), for which the Cyrillic one holds no letters (it reads
# an italic ``VI`` as ``9``, ``XI`` as ``Л``), and reads the pen's figures as well; kept to a note's figures.
FIGURES_LANG = "eng"
NOTE_FIGURES = {"tessedit_char_whitelist": "0123456789IVX./- "}
FIGURE_SCALES = (1.0, 1.5, 2.0)  # each note's box read as it is and enlarged, grey and on its own ink


def _figure_readings(image: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> list[list[str]]:
    """Each box's line read in figures (:data:`NOTE_FIGURES`) as grey and binarised on its own ink, at each
    of :data:`FIGURE_SCALES`, all in one run of Tesseract."""
    crops = []
    for x, y, w, h in boxes:
        crop = image[max(y, 0):y + h, max(x, 0):x + w]
        for scale in FIGURE_SCALES:
            grey = enlarged(crop, scale)
            crops += [grey, binarised(grey)]
    texts = [words_text(words) for words in read_crops(crops, FIGURES_LANG, psm=7, extra=NOTE_FIGURES)]
    per_box = len(crops) // len(boxes)
    return [texts[k * per_box:(k + 1) * per_box] for k in range(len(boxes))]
