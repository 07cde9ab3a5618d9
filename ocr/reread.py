"""Reading again where Tesseract's page reading is known to fail.

A form page's message band is read as one block, lines read only in part are read as one line, and
letter-spaced words are read with the spacing squeezed out; what reads poorly inside a colour stamp
is the stamp's remnants and is dropped.
"""

from __future__ import annotations

import dataclasses
import statistics

import numpy as np

from ocr import layout
from ocr.exec import tesseract
from ocr.lines import Line, Role, Word
from ocr.preprocess import PreprocessedPage
from ocr.recognize import (
    MIN_STRIP_CONFIDENCE,
    OcrSettings,
    centred_in,
    is_ink,
    overlap,
    read_box,
    reading_score,
    words_from_data,
)


def reread_block(image: np.ndarray, words: list[Word], box: tuple[int, int, int, int], lang: str, psm: int) -> list[Word]:
    """``words`` with those centred inside ``box`` replaced by a reading of the box with page segmentation ``psm``."""
    # Read as one block, specks come out as marks of their own (``:``, ``‹``), which page segmentation drops.
    block = [w for w in read_box(image, box, lang, psm)
             if centred_in(w, box) and (w.confidence >= MIN_STRIP_CONFIDENCE or any(c.isalnum() for c in w.text))]
    return [word for word in words if not centred_in(word, box)] + block

def unread_ends(image: np.ndarray, line: list[Word], words: list[Word], char_width: float) -> tuple[int, int, int, int] | None:
    """The box to read ``line`` again in when ink on its row, running on from its words, was left unread.

    Page segmentation sometimes keeps one word of a short line (``665`` of ``N 665 / м. п.``). Ink in
    the line's band that no word of the page covers is followed from the line's ends across gaps of
    up to three characters; at least half a character of it makes a remnant (specks are gone by now).
    """
    x0 = min(w.bbox[0] for w in line)
    x1 = max(w.bbox[0] + w.bbox[2] for w in line)
    top = min(w.bbox[1] for w in line)
    bottom = max(w.bbox[1] + w.bbox[3] for w in line)
    free = is_ink(image[top:bottom]).sum(axis=0) >= 2
    for word in words:  # every word on this row, not only the line's: a neighbour's ink is read already
        if top <= word.bbox[1] + word.bbox[3] / 2 < bottom:
            free[max(0, word.bbox[0] - 2):word.bbox[0] + word.bbox[2] + 2] = False
    reach = 3 * char_width
    start, end, found = x0, x1, 0
    for column in np.flatnonzero(free[:x0])[::-1]:
        if start - column > reach:
            break
        start, found = int(column), found + 1
    for column in np.flatnonzero(free[x1:]) + x1:
        if column - end > reach:
            break
        end, found = int(column) + 1, found + 1
    if found < 0.5 * char_width:
        return None
    pad, margin = (bottom - top) // 4, int(char_width)
    x = max(0, start - margin)
    return (x, max(0, top - pad), min(image.shape[1], end + margin) - x, bottom - top + 2 * pad)

def reread_partial_lines(image: np.ndarray, lines: list[list[Word]], words: list[Word], char_width: float,
                         lang: str) -> list[Word]:
    """``words`` and, for each partly read line (:func:`unread_ends`), the words a reading of it as one
    line (``psm 7``) finds past the line's ends where no word stood, those read believably
    (MIN_STRIP_CONFIDENCE): what the page reading had stays as it was."""
    words = list(words)
    for line in lines:
        box = unread_ends(image, line, words, char_width)
        if box is None:
            continue
        x0, x1 = min(w.bbox[0] for w in line), max(w.bbox[0] + w.bbox[2] for w in line)
        words += [w for w in read_box(image, box, lang, psm=7)
                  if w.confidence >= MIN_STRIP_CONFIDENCE and _beyond(w, x0, x1, words)]
    return words

def _beyond(word: Word, x0: int, x1: int, words: list[Word]) -> bool:
    """Whether ``word`` lies past a line's ends (``x0``, ``x1``), where unread_ends found remnants, over no word read."""
    centre = word.bbox[0] + word.bbox[2] / 2
    return (centre < x0 or centre > x1) and not any(overlap(word.bbox, old.bbox) > 0.3 for old in words)


def _blank_runs(image: np.ndarray) -> np.ndarray:
    """For each column, how many blank (ink-free) columns end there, itself included."""
    blank = ~is_ink(image).any(axis=0)
    run = np.zeros(blank.size, int)
    for column in np.flatnonzero(blank):
        run[column] = run[column - 1] + 1 if column else 1
    return run

def squeeze_spacing(image: np.ndarray, max_gap: int) -> np.ndarray:
    """``image`` with every run of blank columns longer than ``max_gap`` cut to ``max_gap``: letter-spaced
    typing (``Ф И Л И П П О В У``) made into a plainly typed word, which the language model reads best."""
    return image[:, _blank_runs(image) <= max_gap]

def letter_spaced(image: np.ndarray, letters: int, char_width: float) -> bool:
    """Whether a word image is letter-spaced typing: a blank of half a character or more between most letters."""
    run = _blank_runs(image)
    ink = np.flatnonzero(run == 0)
    if letters < 3 or ink.size == 0:
        return False
    inner = run[ink[0]:ink[-1] + 1]
    ends = (inner[:-1] >= 0.5 * char_width) & (inner[1:] == 0)  # a wide blank ending where ink starts again
    return int(ends.sum()) >= 0.6 * (letters - 1)

# Letter-spaced words read at least this confident are left as they are.
SPACED_CONFIDENT = 90.0

def reread_spaced(image: np.ndarray, words: list[Word], char_width: float, lang: str) -> list[Word]:
    """``words`` with each letter-spaced one not read confidently read again with its spacing squeezed
    out (Tesseract reads letters a space apart poorly: ``ФИЛИППНПОВУ``), that reading kept when it is
    more confident; boxes stay the spaced word's, and words boxed inside it (``У.`` of ``МОЛОТОВ``) go."""
    again: dict[int, Word] = {}
    for k, word in enumerate(words):
        if word.confidence >= SPACED_CONFIDENT:
            continue
        x, y, w, h = word.bbox
        pad = max(2, h // 5)
        crop = image[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad]
        if letter_spaced(crop, sum(c.isalpha() for c in word.text), char_width):
            read = words_from_data(tesseract.image_to_data(squeeze_spacing(crop, max(2, round(char_width / 5))), lang, psm=7))
            if read and reading_score(read) > word.confidence:
                again[k] = dataclasses.replace(word, text="".join(r.text for r in read), confidence=round(reading_score(read), 2))
    inside = {k for k, word in enumerate(words) if k not in again
              and any(overlap(word.bbox, new.bbox) > 0.5 for new in again.values())}
    return [again.get(k, word) for k, word in enumerate(words) if k not in inside]


# Lines that show a page is the telegram form (its first page, or a later page's continuation header).
_FORM_ROLES = (Role.FORM_TITLE, Role.ROUTING, Role.CONTINUATION)

def body_zone(lines: list[Line], shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """The band of a form page that holds the message, across the page; None on pages not read as the form.

    The message is one column of typing, which Tesseract reads best as one block (``psm 6``): its page
    segmentation (``psm 3``) splits lines around a stamp and drops text beside it. Other documents
    have no known layout, so they keep the page segmentation's reading.
    """
    body = [line.bbox for line in lines if line.role is Role.BODY and line.bbox]
    if not body or not any(line.role in _FORM_ROLES for line in lines):
        return None
    pad = int(statistics.median(b[3] for b in body) * 0.6)
    top = max(0, min(b[1] for b in body) - pad)
    bottom = min(shape[0], max(b[1] + b[3] for b in body) + pad)
    return (0, top, shape[1], bottom - top)

# Inside a colour stamp, what still reads below this confidence once the stamp's ink is gone is its
# remnants or the handwriting filled into it, not typing (typing under a stamp reads at 60 and more).
STAMP_REMNANT_CONFIDENCE = 50.0

def _in_stamp(word: Word, boxes: list[tuple[int, int, int, int]]) -> bool:
    return word.confidence < STAMP_REMNANT_CONFIDENCE and any(centred_in(word, box) for box in boxes)

def read_again(prepared: PreprocessedPage, words: list[Word], number: int, settings: OcrSettings) -> list[Line]:
    """The page's lines, after reading again where Tesseract's page reading is known to fail: a form
    page's message band as one block, partly read lines, letter-spaced words; stamp remnants dropped."""
    def parse(found: list[Word]) -> list[Line]:
        return layout.parse_page(found, number, prepared.image.shape[1])

    parsed = parse(words)
    zone = body_zone(parsed, prepared.image.shape) if settings.body_psm else None
    if zone is not None:
        words = reread_block(prepared.image, words, zone, settings.lang, settings.body_psm)
        parsed = parse(words)
    if not words:
        return parsed
    metrics = layout.page_metrics(words)
    words = reread_partial_lines(prepared.image, [line.words for line in parsed], words, metrics.char_width, settings.lang)
    words = reread_spaced(prepared.image, words, metrics.char_width, settings.lang)
    return parse([w for w in words if not _in_stamp(w, prepared.stamp_boxes)])
