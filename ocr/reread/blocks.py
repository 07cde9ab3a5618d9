"""Reading again where Tesseract's page reading is known to fail.

A form page's message band is read as one block, lines read only in part are read as one line, and
letter-spaced words are read with the spacing squeezed out; what reads poorly inside a colour stamp
is the stamp's remnants and is dropped.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

import numpy as np

from ocr import layout, roles
from ocr.lines import Line, Role, Word, union_box
from ocr.preprocess import PreprocessedPage
from ocr.recognize import (
    MIN_STRIP_CONFIDENCE,
    OcrSettings,
    centred_in,
    cleared,
    is_ink,
    known_long_words,
    lost_marks,
    overlap,
    read_box,
    read_boxes,
    read_crops,
    reading_score,
)


def block_words(image: np.ndarray, box: tuple[int, int, int, int], lang: str, psm: int) -> list[Word]:
    """The words of a reading of ``box`` with page segmentation ``psm``, centred inside it, specks left out."""
    found = [w for w in read_box(image, box, lang, psm) if centred_in(w, box)]
    heights = [w.bbox[3] for w in found if sum(c.isalnum() for c in w.text) >= 2]
    height = statistics.median(heights) if heights else 0.0
    # Read as one block, specks come out as marks of their own (``:``, ``‹``), which page segmentation drops.
    return [w for w in found if w.confidence >= MIN_STRIP_CONFIDENCE or any(c.isalnum() for c in w.text)
            or typed_dash(w, height)]


def reread_block(image: np.ndarray, words: list[Word], box: tuple[int, int, int, int], lang: str, psm: int) -> list[Word]:
    """``words`` with the lines centred inside ``box`` taken line by line from a reading of the box with page
    segmentation ``psm`` unless ours reads better (:func:`_block_line_wins`). Our words on none of its rows go: a
    block reading drops grain and a stamp's edge, which the page reading reads as short words the lexicon knows
    (``зонт``, ``сочи``), and a word of ours boxed off its row stands beside the block's reading of that row."""
    return _by_rows(words, box, block_words(image, box, lang, psm), _block_line_wins, unmatched_stay=False)


def _by_rows(words: list[Word], box: tuple[int, int, int, int], theirs: list[Word],
            better: Callable[[list[Word], list[Word]], bool], unmatched_stay: bool) -> list[Word]:
    """``words`` with those centred inside ``box`` replaced line by line by a second reading of it, ``theirs``: each of
    its lines taken for our words on its row (:func:`_matched_rows`) where ``better(line, ours)``, ours kept
    otherwise; our words on none of its rows kept if ``unmatched_stay``."""
    inside = [k for k, w in enumerate(words) if centred_in(w, box)]
    rows, unmatched = _matched_rows([words[k] for k in inside], theirs)
    dropped = set() if unmatched_stay else {inside[j] for j in unmatched}
    taken: list[Word] = []
    for line, row in rows:
        if better(line, [words[inside[j]] for j in row]):
            dropped.update(inside[j] for j in row)
            taken += line
    return [w for k, w in enumerate(words) if k not in dropped] + taken


# A line of a second reading on none of our rows is a row of its own (one the page reading dropped) only where none
# of our words stands within this many line heights of its centre (typed rows stand two and more apart): nearer,
# it is the grain or a stamp's edge round a row we read, and taking it would set junk beside that row.
ROW_APART = 1.0


def _matched_rows(ours: list[Word], theirs: list[Word]) -> tuple[list[tuple[list[Word], list[int]]], set[int]]:
    """A second reading ``theirs`` of a block laid out in lines, each with the indices of the words of ``ours``
    on its row (each of ours on the row of the line whose centre is nearest its own, within half a line's
    height), and the indices of ours on no line's row; lines on none of our rows but beside one (ROW_APART)
    are left out."""
    if not theirs:
        return [], set(range(len(ours)))
    metrics = layout.page_metrics(ours + theirs)
    lines = layout.group_lines(theirs, metrics)
    centres = [_centre_y(line) for line in lines]
    rows: list[list[int]] = [[] for _ in lines]
    unmatched: set[int] = set()
    for j, word in enumerate(ours):
        distance, nearest = min((abs(c - _centre_y([word])), n) for n, c in enumerate(centres))
        if distance <= 0.5 * metrics.line_height:
            rows[nearest].append(j)
        else:
            unmatched.add(j)
    apart = [row or all(abs(_centre_y([w]) - c) > ROW_APART * metrics.line_height for w in ours) for c, row in zip(centres, rows)]
    return [(line, row) for line, row, own in zip(lines, rows, apart) if own], unmatched


# Our line is kept against the block reading's where it reads better (:func:`_reads_better`, the sides swapped) and
# covers at least this share of the width the block's line covers: a page reading split round a stamp or grain
# reads fragments of a row (``стат``, ``ства``, ``жения``), which the lexicon knows too, and drops the rest.
ROW_COVERED = 0.9


def _covered(words: list[Word]) -> int:
    """How many of the page's columns ``words`` cover."""
    columns: set[int] = set()
    for x, _, w, _ in (word.bbox for word in words):
        columns.update(range(x, x + w))
    return len(columns)


def _block_line_wins(theirs: list[Word], ours: list[Word]) -> bool:
    """Whether the block reading's line ``theirs`` is taken for our words on its row ``ours``: unless the block read a
    long word there too and ours reads better as the language's words and covers the row as fully (ROW_COVERED).
    Where the block read none (a rule or a fold read as a dash), ours is junk of short words the lexicon knows by
    chance (``нити винит помои``: seed 9000 heavy, tg-09007)."""
    return not (known_long_words(theirs)[1] and _reads_better(ours, theirs) and _covered(ours) >= ROW_COVERED * _covered(theirs))


# A block reading fewer than this share of its long words as words the lexicon knows is read again from the grey
# page, where binarisation may have cut a faint or grainy scan's strokes away (heavy tuning pages: 0.71 and 0.83
# of them known where a carbon read poorly, 0.88-0.99 elsewhere); an empty block is read again too.
POOR_BLOCK = 0.85
# A line of the grey page's reading is believed where at least this share of its long words is known, or as
# large a share as ours: a line of typing, not grain or a stamp's edge read as letters.
GREY_LINE_KNOWN = 0.5
# ... and where it holds at least this share of our reading's letters and digits: not a reading that dropped the
# row's number or half its words (a junk reading of grain holds more marks than the typing's words).
GREY_LINE_MARKS = 0.5


def _centre_y(words: list[Word]) -> float:
    return statistics.fmean(w.bbox[1] + w.bbox[3] / 2 for w in words)


def _reads_better(theirs: list[Word], ours: list[Word]) -> bool:
    """Whether the line ``theirs`` of a second reading (the grey page's; ours, judging the block's) reads the row more
    as the language's words than ``ours`` (the other reading's words on its row, maybe none): more known long words,
    at least GREY_LINE_KNOWN of them known or as large a share as ours, and GREY_LINE_MARKS of our letters and
    digits; on a row ours left empty, two known long words at least."""
    their_known, their_judged = known_long_words(theirs)
    our_known, our_judged = known_long_words(ours)
    marks = [sum(c.isalnum() for w in side for c in w.text) for side in (theirs, ours)]
    believed = their_known >= GREY_LINE_KNOWN * their_judged or (ours and their_known * our_judged >= our_known * their_judged)
    return their_known > max(our_known, 0 if ours else 1) and believed and marks[0] >= GREY_LINE_MARKS * marks[1]


# A block the page read with every word at least this confident ...
SETTLED_CONFIDENCE = 80.0
# ... at least this share of its long words known (a name or a rare word the lexicon lacks, one in twenty) ...
SETTLED_KNOWN = 0.95
# ... and no mark in it left unread (:func:`ocr.recognize.lost_marks`) has nothing for a reading as one block to put
# right (clean tuning pages read so: the block's reading gave the same words).


def settled_block(standing: np.ndarray, words: list[Word], box: tuple[int, int, int, int]) -> bool:
    """Whether the page's reading of ``box`` leaves nothing to read again as one block: its words all confident
    (SETTLED_CONFIDENCE), its long words known (SETTLED_KNOWN), and no mark of the page's ``standing`` ink in it
    unread (:func:`ocr.recognize.lost_marks`)."""
    inside = [w for w in words if centred_in(w, box)]
    known, judged = known_long_words(inside)
    if not judged or known < SETTLED_KNOWN * judged or any(w.confidence < SETTLED_CONFIDENCE for w in inside):
        return False
    return not lost_marks(standing, words, box)


def grey_block(grey: np.ndarray | None, words: list[Word], box: tuple[int, int, int, int], lang: str, psm: int) -> list[Word]:
    """``words`` with the lines inside ``box`` (a block of the page read as one) taken line by line from the grey
    page's reading of it where that line reads better as the language's words (:func:`_reads_better`), lines
    the page left unread among them; only where the block reads poorly (POOR_BLOCK) or read nothing, and as they
    were on a page without a grey image."""
    if grey is None:
        return words
    known, judged = known_long_words([w for w in words if centred_in(w, box)])
    if judged and known >= POOR_BLOCK * judged:
        return words
    return _by_rows(words, box, block_words(grey, box, lang, psm), _reads_better, unmatched_stay=True)


_DASHES = frozenset("-–—")
# A typed dash is a bar at least this many times as wide as it is high, and no wider than this share of the
# typing's height: a speck is as high as it is wide, a rule or a fold runs on.
DASH_FLATNESS = 3.0
DASH_MOST_WIDTH = 1.5


def typed_dash(word: Word, height: float) -> bool:
    """Whether ``word`` is a dash typed between words (``Причины - недостаток``), which Tesseract reads at a
    low confidence (30-60: a lone bar has no letters round it) among typing ``height`` high (its words' median)."""
    _, _, w, h = word.bbox
    return bool(word.text) and set(word.text) <= _DASHES and w >= DASH_FLATNESS * h and w <= DASH_MOST_WIDTH * height


def unread_columns(band: np.ndarray, top: int, words: list[Word]) -> np.ndarray:
    """For each column of ``band`` (the page's rows from ``top`` down), whether ink stands in it (two pixels at least)
    that no word of ``words`` on the band covers: every word on it, not only a line's (a neighbour's ink is read)."""
    free = is_ink(band).sum(axis=0) >= 2
    for word in words:
        if top <= word.bbox[1] + word.bbox[3] / 2 < top + band.shape[0]:
            free[max(0, word.bbox[0] - 2):word.bbox[0] + word.bbox[2] + 2] = False
    return free


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
    free = unread_columns(image[top:bottom], top, words)
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
    words, first = list(words), len(words)
    planned = [unread_ends(image, line, words, char_width) for line in lines]
    read = dict(zip([k for k, box in enumerate(planned) if box], read_boxes(image, [box for box in planned if box], lang, psm=7)))
    for k, line in enumerate(lines):
        # Words found for an earlier line may stand on this one's row: its box is then found again.
        box = planned[k] if len(words) == first else unread_ends(image, line, words, char_width)
        if box is None:
            continue
        x0, x1 = min(w.bbox[0] for w in line), max(w.bbox[0] + w.bbox[2] for w in line)
        found = read[k] if box == planned[k] else read_box(image, box, lang, psm=7)
        words += [w for w in found if w.confidence >= MIN_STRIP_CONFIDENCE and _beyond(w, x0, x1, words)]
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
    more confident. A spaced word Tesseract split in two (``МОЛОТО`` + ``ВУ.``) is read as one; boxes
    stay the spaced word's, and words boxed inside it (``У.`` of ``МОЛОТОВ``) go."""
    pieces = _spaced_pieces(words, char_width)
    found = _reread_pieces(image, [[words[k] for k in piece] for piece in pieces], char_width, lang)
    again = {piece: new for piece, new in zip(pieces, found) if new is not None}
    # Pieces not one spaced word after all: each word on its own.
    alone = [(k,) for piece, new in zip(pieces, found) if new is None and len(piece) > 1 for k in piece]
    found = _reread_pieces(image, [[words[k]] for (k,) in alone], char_width, lang)
    again.update({piece: new for piece, new in zip(alone, found) if new is not None})
    replaced = {k for piece in again for k in piece}
    inside = {k for k, word in enumerate(words) if k not in replaced
              and any(overlap(word.bbox, new.bbox) > 0.5 for new in again.values())}
    first = {piece[0]: new for piece, new in again.items()}
    return [first.get(k, word) for k, word in enumerate(words) if k in first or k not in replaced | inside]


def _reread_pieces(image: np.ndarray, groups: list[list[Word]], char_width: float, lang: str) -> list[Word | None]:
    """For each group of words, the group as one letter-spaced word read with its spacing squeezed out
    (all read in one run), when that reads more confidently than they did; None when they were
    confident, not spaced, or read no better."""
    crops = [_squeezed(image, union_box([w.bbox for w in group]), sum(c.isalpha() for w in group for c in w.text), char_width)
             if min(w.confidence for w in group) < SPACED_CONFIDENT else None for group in groups]
    read = iter(read_crops([crop for crop in crops if crop is not None], lang, psm=7))
    found: list[Word | None] = []
    for group, crop in zip(groups, crops):
        words = next(read) if crop is not None else []
        better = words and reading_score(words) > statistics.fmean(w.confidence for w in group)
        found.append(Word(text="".join(r.text for r in words), bbox=union_box([w.bbox for w in group]),
                          confidence=round(reading_score(words), 2), line=group[0].line) if better else None)
    return found


def _squeezed(image: np.ndarray, box: tuple[int, int, int, int], letters: int, char_width: float) -> np.ndarray | None:
    """The word in ``box`` with its spacing squeezed out, to be read; None when it is not letter-spaced."""
    x, y, w, h = box
    pad = max(2, h // 5)
    crop = image[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad]
    if not letter_spaced(crop, letters, char_width):
        return None
    return squeeze_spacing(crop, max(2, round(char_width / 5)))


def _spaced_pieces(words: list[Word], char_width: float) -> list[tuple[int, ...]]:
    """Indices of the words to read as one: neighbours on one row a letter's space apart (pieces of one
    letter-spaced word) when together they look letter-spaced in the image's terms, else each word alone.

    Pieces are chained left to right; a gap wider than SPLIT_GAP_CHARS ends a chain."""
    order = sorted(range(len(words)), key=lambda k: words[k].bbox[0])
    chains: list[list[int]] = []
    for k in order:
        chain = next((c for c in chains if _continues(words[c[-1]], words[k], char_width)), None)
        if chain is None:
            chains.append([k])
        else:
            chain.append(k)
    pieces: list[tuple[int, ...]] = []
    for chain in chains:
        pieces += [tuple(chain)] if len(chain) > 1 and _has_remnant(words, chain) else [(k,) for k in chain]
    return pieces


# Pieces of one spaced word stand a letter's space apart, or three when page segmentation boxed neither
# the letter between them (``МОЛОТОВ`` boxed over ``М О Л О Т О``, then ``В`` unboxed, then ``У.``).
SPLIT_GAP_CHARS = 4.0


def _continues(left: Word, right: Word, char_width: float) -> bool:
    """``right`` stands on ``left``'s row, after it by no more than a letter-spaced word's inner gap."""
    gap = right.bbox[0] - (left.bbox[0] + left.bbox[2])
    same_row = abs((left.bbox[1] + left.bbox[3] / 2) - (right.bbox[1] + right.bbox[3] / 2)) < 0.5 * max(left.bbox[3], right.bbox[3])
    return same_row and -0.5 * char_width <= gap <= SPLIT_GAP_CHARS * char_width


def _has_remnant(words: list[Word], chain: list[int]) -> bool:
    """A chain of up to three pieces is a split spaced word when one of them is a remnant of a letter or two."""
    return len(chain) <= 3 and any(len(words[k].text.strip(".,")) <= 2 for k in chain)


def _message_boxes(lines: list[Line]) -> list[tuple[int, int, int, int]]:
    """The boxes of the message's lines on a page read as the form; none on other pages."""
    return [line.bbox for line in lines if line.role is Role.BODY and line.bbox] if roles.shows_form(lines) else []


def body_zone(lines: list[Line], shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """The band of a form page that holds the message, across the page; None on pages not read as the form.

    The message is one column of typing, which Tesseract reads best as one block (``psm 6``): its page
    segmentation (``psm 3``) splits lines around a stamp and drops text beside it. Other documents
    have no known layout, so they keep the page segmentation's reading.
    """
    body = _message_boxes(lines)
    if not body:
        return None
    pad = int(statistics.median(b[3] for b in body) * 0.6)
    top = max(0, min(b[1] for b in body) - pad)
    bottom = min(shape[0], max(b[1] + b[3] for b in body) + pad)
    return (0, top, shape[1], bottom - top)


# A gap of more than this many typed lines' heights between the lines from the routing line down to the message's
# first line read held rows the page reading dropped whole: a light photocopy's first four rows, crossed by a stamp
# and a pen's stroke, read as a picture (tuning seed 6000, heavy); the addressee and first rows under a stamp on a
# page showing its back's typing through, the next rows read as the priority and the addressee (seed 9000, heavy,
# a gap of 6.3 under the special number). The form leaves two or three.
LOST_ROWS_GAP = 4.0


def dropped_rows(lines: list[Line], shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """The band across a form page in the widest gap between the lines from the routing line (the line just above
    the message where none was read) down to the message's first line, where that gap could hold rows page
    segmentation dropped whole (LOST_ROWS_GAP); None where it could not, or on pages not read as the form."""
    body = _message_boxes(lines)
    if not body:
        return None
    first = min(b[1] for b in body)
    above = [b for line in lines if line.role is not Role.BODY and (b := line.bbox) and b[1] + b[3] <= first]
    if not above:
        return None
    routing = [b[1] for line in lines if line.role is Role.ROUTING and (b := line.bbox) and b[1] + b[3] <= first]
    start = min(routing) if routing else max(above, key=lambda b: b[1] + b[3])[1]
    widest, top, bottom = 0, 0, 0
    for box in [b for b in sorted(above, key=lambda b: b[1]) if b[1] >= start] + [(0, first, 0, 0)]:
        if bottom and box[1] - bottom > widest:
            widest, top = box[1] - bottom, bottom
        bottom = max(bottom, box[1] + box[3])
    if widest <= LOST_ROWS_GAP * statistics.median(b[3] for b in body):
        return None
    return (0, top, shape[1], widest)

# Inside a colour stamp, what still reads below this confidence once the stamp's ink is gone is its
# remnants or the handwriting filled into it, not typing (typing under a stamp reads at 60 and more).
STAMP_REMNANT_CONFIDENCE = 50.0

def _in_stamp(word: Word, boxes: list[tuple[int, int, int, int]]) -> bool:
    return word.confidence < STAMP_REMNANT_CONFIDENCE and any(centred_in(word, box) for box in boxes)

def read_again(prepared: PreprocessedPage, words: list[Word], number: int, settings: OcrSettings) -> list[Line]:
    """The page's lines, after reading again where Tesseract's page reading is known to fail: a form
    page's message band as one block, partly read lines, letter-spaced words; stamp remnants dropped."""
    laid_out: dict[tuple[Word, ...], list[Line]] = {}

    def parse(found: list[Word]) -> list[Line]:  # the same words are laid out once (re-reads often change nothing)
        key = tuple(found)
        if key not in laid_out:
            laid_out[key] = layout.parse_page(found, number, prepared.image.shape[1])
        return laid_out[key]

    parsed = parse(words)
    # Read without the strokes running down the page beside it: across the scanner bed's dark strip the block reads poorly.
    image = cleared(prepared.image, prepared.standing)
    zone = body_zone(parsed, prepared.image.shape) if settings.body_psm else None
    if zone is not None and not settled_block(prepared.standing, words, zone):
        words = grey_block(prepared.grey, reread_block(image, words, zone, settings.lang, settings.body_psm), zone,
                           settings.lang, settings.body_psm)
        parsed = parse(words)
    # Read as a block of their own, the message's band read as it was: a larger block read otherwise (a date
    # line under the message dropped).
    gap = dropped_rows(parsed, prepared.image.shape) if settings.body_psm else None
    if gap is not None:
        words = grey_block(prepared.grey, reread_block(image, words, gap, settings.lang, settings.body_psm), gap,
                           settings.lang, settings.body_psm)
        parsed = parse(words)
    if not words:
        return parsed
    metrics = layout.page_metrics(words)
    words = reread_partial_lines(prepared.image, [line.words for line in parsed], words, metrics.char_width, settings.lang)
    words = reread_spaced(prepared.image, words, metrics.char_width, settings.lang)
    return parse([w for w in words if not _in_stamp(w, prepared.stamp_boxes)])
