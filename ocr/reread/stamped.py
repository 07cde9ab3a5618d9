"""The message's rows of typing that a stamp lies across, each read again as one line.

Page segmentation reads typing under a stamp poorly: the stamp's ring and legend run through the letters,
words there are boxed over the stamp's strokes and laid out as lines of their own between the rows
(``проге ожленной`` after ``стрельбы``), or read so unsurely that they are dropped as the stamp's. Read
as one line (``psm 7``) in a band as high as the row's words beside the stamp, across the message's
width, the same row mostly reads right: the band cuts away the stamp between the rows, and the row's
words on either side give Tesseract the line's height and pitch. The rows' readings take the place of
every word read in the stamp's part of the message when the language knows at least as many of their
letters (:func:`ocr.reread.combine.known_share`); the page's reading stays otherwise.
"""

from __future__ import annotations

import dataclasses
import logging
import statistics

import numpy as np

from ocr import layout, roles
from ocr.lines import Line, Role, Word, words_text
from ocr.recognize import centred_in, read_parts
from ocr.reread.combine import known, known_share, similar, word_list
from ocr.reread.readings import distinct
from ocr.stamps.detect import FoundStamp

log = logging.getLogger(__name__)

Box = tuple[int, int, int, int]

# A row's band reaches this share of its words' height above and below them: a descender or a raised
# letter stays in, the stamp's strokes between the rows stay out.
BAND_PAD = 1 / 6


def _beside(word: Word, box: Box) -> bool:
    """Whether ``word`` stands left or right of ``box`` (no column shared) on one of its rows (its centre
    within the box's height)."""
    x, y, w, h = box
    centre = word.bbox[1] + word.bbox[3] / 2
    return (word.bbox[0] + word.bbox[2] <= x or word.bbox[0] >= x + w) and y <= centre < y + h


# Words beside a stamp that place its rows: read at least this sure (boxes of unsure ones often take in
# a stroke of the stamp or show-through, and stand off the row's height).
SURE = 60.0


def _sure(word: Word) -> bool:
    return word.confidence >= SURE and sum(c.isalnum() for c in word.text) >= 2


def _centres(rows: list[list[Word]]) -> list[float]:
    return [statistics.median(w.bbox[1] + w.bbox[3] / 2 for w in row) for row in rows]


def line_pitch(words: list[Word], metrics: layout.Metrics) -> float | None:
    """The message's line pitch: the median distance between its rows of sure words (None with fewer than two)."""
    centres = _centres(layout.group_lines([w for w in words if _sure(w)], metrics))
    return statistics.median(b - a for a, b in zip(centres, centres[1:])) if len(centres) > 1 else None


def _one_per_row(centres: list[float], pitch: float) -> list[float]:
    """``centres`` (top to bottom) with those less than half a line ``pitch`` apart taken as one row, at their
    mean: a row's words left and right of a wide stamp stand apart by the page's remaining skew."""
    rows: list[list[float]] = []
    for centre in centres:
        if rows and centre - rows[-1][0] < pitch / 2:
            rows[-1].append(centre)
        else:
            rows.append([centre])
    return [statistics.fmean(row) for row in rows]


def stamped_rows(words: list[Word], box: Box, span: tuple[int, int], metrics: layout.Metrics) -> list[Box]:
    """The band each row of the message under the stamp ``box`` is read in, top to bottom: round the row's
    sure ``words`` (the message's, SURE) beside the stamp, as high as they are on the whole, padded by
    BAND_PAD, across the message's ``span`` (left, right); a row with no sure word beside the stamp between
    two that have is put in at the message's line pitch. None for a stamp beside the message (in its
    margin) or where no sure word stands beside the stamp."""
    sure = [w for w in words if _beside(w, box) and _sure(w)]
    if not sure or box[0] >= span[1] or box[0] + box[2] <= span[0]:
        return []
    height = statistics.median(w.bbox[3] for w in sure)
    pitch = line_pitch(words, metrics)
    centres = _centres(layout.group_lines(sure, metrics))
    if pitch:
        centres = _one_per_row(centres, pitch)
        centres = [c for a, b in zip(centres, centres[1:]) for c in np.linspace(a, b, max(1, round((b - a) / pitch)) + 1)[:-1]] + centres[-1:]
    pad = height * BAND_PAD
    return [(span[0], round(c - height / 2 - pad), span[1] - span[0], round(height + 2 * pad)) for c in centres]


def _known_letters(words: list[Word], code: str) -> float:
    share, letters = known_share(words, code)
    return share * letters


def _merged(readings: list[list[Word]], ours: list[Word], code: str) -> list[Word]:
    """The rows' reading holding the most letters of known words, each word in it the language does not
    know replaced by a known near variant read in its place in one of the other ``readings`` or in ``ours``
    (the page's): the stamp's strokes cross other letters in each reading (``поговору`` read from the grey
    page, ``договору`` from the binarised one)."""
    best = max(readings, key=lambda found: _known_letters(found, code))
    others = [w for found in readings if found is not best for w in found] + ours
    return [_variant(word, others, code) for word in best]


def _variant(word: Word, others: list[Word], code: str) -> Word:
    """``word``, or where the language does not know it the first of ``others`` in its place (each centred
    in the other's box: one word, not a piece of it or two) that the language knows and is a near variant of it."""
    if known(word.text, code) is not False:
        return word
    for other in others:
        if (centred_in(other, word.bbox) and centred_in(word, other.bbox) and known(other.text, code)
                and similar(word.text, other.text)):
            return dataclasses.replace(word, text=other.text, confidence=other.confidence)
    return word


def _zone(bands: list[Box]) -> Box:
    """The message's part the rows span: from the first band's top to the last one's bottom."""
    top, bottom = bands[0][1], bands[-1][1] + bands[-1][3]
    return (bands[0][0], top, bands[0][2], bottom - top)


def read_stamped_rows(images: list[np.ndarray], lines: list[Line], stamps: list[FoundStamp], lang: str) -> list[Line]:
    """``lines`` (one page's, laid out) with the message's rows under each of ``stamps`` read again, one
    line each, in each of ``images`` (the page as binarised and before, same frame), where the reading
    holding the most letters of known words holds at least as many as the page's reading of the stamp's
    part of the message; as they were when there is no stamp over the message, no word list, or the page
    is not the telegram form (:func:`ocr.roles.shows_form`): the rows are the form's message's, and on the
    real letters of the EHRI pages reading them made two pages read worse (CER 0.27 → 0.39 on one).

    A grainy page's threshold breaks the typing under a stamp further, its grey page keeps it whole;
    on a clean page the grey keeps the stamp's strokes as dark as the typing: neither is always better.
    An image the same as one before it is read once."""
    code = word_list(lang)
    body = [w for line in lines if line.role is Role.BODY for w in line.words]
    if code is None or not body or not stamps or not roles.shows_form(lines):
        return lines
    metrics = layout.page_metrics(body)
    span = (min(w.bbox[0] for w in body), max(w.bbox[0] + w.bbox[2] for w in body))
    planned = [bands for stamp in stamps if (bands := stamped_rows(body, stamp.box, span, metrics))]
    if not planned:
        return lines
    boxes = [band for bands in planned for band in bands]
    images = [image for image, _ in distinct([(image, 1.0) for image in images])]
    readings = read_parts([(image, box, 1.0) for image in images for box in boxes], lang, psm=7)
    words = [w for line in lines for w in line.words]
    changed, first = False, 0
    for bands in planned:
        rows = range(first, first + len(bands))
        first += len(bands)
        candidates = [[w for k in rows for w in readings[n * len(boxes) + k]] for n in range(len(images))]
        zone = _zone(bands)
        ours = [w for w in words if centred_in(w, zone)]
        theirs = _merged(candidates, ours, code)
        if not theirs or _known_letters(theirs, code) < _known_letters(ours, code):
            continue
        log.debug("rows under a stamp read again: %s -> %s", words_text(ours), words_text(theirs))
        words = [w for w in words if not centred_in(w, zone)] + theirs
        changed = True
    return layout.parse_page(words, lines[0].page, images[0].shape[1]) if changed else lines
