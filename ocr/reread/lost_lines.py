"""Header lines the page's reading lost, read again from the rows of ink between the header block and the message.

On a heavy scan a faint line of the header is now and then not read at all (a letter-spaced name, ``Спец. № 8-94``
typed light), or read as a few letters no role fits (``ВУ``): the header then has no addressee, special number or
priority. Each row of ink in that gap that no line of a header role covers is read alone in each of READINGS
(:mod:`ocr.reread.readings`), and a row becomes the line its readings agree on, LOST_VOTES of them alike: a special
number, when the page has none; a priority; the addressee, when the page has none — a listed official (readings
misreading other letters of him agree on him, :func:`ocr.reread.addressee.named`) or a name the language knows, the
last such row (priorities stand above it). Lines of no role the row covers give way to it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np

from ocr import fields, layout
from ocr.lines import Line, Role, Word, words_text
from ocr.preprocess import PreprocessedPage
from ocr.reread.addressee import name_of, named, read_as_name
from ocr.reread.combine import word_list
from ocr.reread.readings import read_each

# A row of the gap is read when its pixel rows, each crossing at least INK_WIDTH letter heights of ink (pixels darker
# than PAPER: faint typing is kept grey), run at least ROW_HEIGHT letter heights tall: a blank's rule is lower, a speck
# narrower. Runs less than GLUED letter heights apart are one (a faint letter's broken stroke).
PAPER = 224
INK_WIDTH = 0.5
ROW_HEIGHT = 0.5
GLUED = 0.25
# A run taller than TALL letter heights is more than a line: a stamp's ring or a pen's stroke joins the row to the ink
# above or below it (a letter-spaced addressee beside a seal). Its densest letter-high band of pixel rows is a row, and
# what is left above and below it is split alike.
TALL = 1.5
# A column dark down this share of the gap or more (the gap two letter heights tall at least) is the scan's dark edge
# or a rule, no typing: counted, it inks every pixel row, and the gap's rows run into one too tall to read.
EDGE = 0.9
# The header block: the lost lines stand below it, above the message, among the priorities read (``ОСОБО ВАЖНАЯ``
# read, ``М О Л Н И Я`` above it not).
_HEADER_BLOCK = (Role.GRID, Role.ROUTING, Role.REFERENCE, Role.SPECIAL, Role.CLASSIFICATION, Role.HANDLING)
# A row's reading counts when this many readings give it alike: one may make a word of specks.
LOST_VOTES = 2


def ink_rows(image: np.ndarray, box: tuple[int, int, int, int], height: float) -> list[tuple[int, int, int, int]]:
    """The box (x, y, w, h) of each row of typing in ``box`` of a page dark on white whose letters are ``height``
    pixels high, across the row's ink (the constants above say what counts; a dark edge, EDGE, does not)."""
    x, y, w, h = box
    dark = image[y:y + h, x:x + w] < PAPER
    typed = dark.mean(axis=0) < EDGE if h >= 2 * height else np.ones(w, bool)
    ink = dark[:, typed].sum(axis=1)
    inked = np.flatnonzero(ink >= INK_WIDTH * height)
    runs: list[list[int]] = []
    for k in inked:
        if runs and k - runs[-1][1] <= GLUED * height:
            runs[-1][1] = int(k)
        else:
            runs.append([int(k), int(k)])
    runs = [band for top, bottom in runs for band in _lines_of(ink, top, bottom + 1, height)]
    rows = []
    for top, bottom in runs:
        if bottom + 1 - top >= ROW_HEIGHT * height:
            across = np.flatnonzero(typed & dark[top:bottom + 1].any(axis=0))
            rows.append((x + int(across[0]), y + top, int(across[-1] + 1 - across[0]), bottom + 1 - top))
    return rows


def _lines_of(ink: np.ndarray, top: int, end: int, height: float) -> list[tuple[int, int]]:
    """The (top, bottom) pixel rows of each line in the run ``ink[top:end]`` (TALL above): itself, or its densest
    letter-high band and the lines of what is left above and below it."""
    span = round(height)
    if end <= top:
        return []
    if end - top <= TALL * height or end - top <= span:
        return [(top, end - 1)]
    best = top + int(np.argmax(np.convolve(ink[top:end], np.ones(span), "valid")))
    return [*_lines_of(ink, top, best, height), (best, best + span - 1), *_lines_of(ink, best + span, end, height)]


def agreed(readings: list[list[Word]], value_of) -> tuple[str, list[Word]] | None:
    """The value LOST_VOTES readings or more give alike (the most; the longer on a tie) and the first reading giving it."""
    values = [(value, words) for words in readings if words and (value := value_of(words))]
    votes = Counter(value for value, _ in values)
    best = max(votes, key=lambda v: (votes[v], len(v)), default=None)
    if best is None or votes[best] < LOST_VOTES:
        return None
    return best, next(words for value, words in values if value == best)


def _row_role(readings: list[list[Word]], code: str, wanted: set[Role]) -> tuple[Role, list[Word]] | None:
    """The role of the lost line a row's readings agree on, among ``wanted``, and its reading."""
    if Role.SPECIAL in wanted and (found := agreed(readings, lambda words: fields.parse_special_number(words_text(words)))):
        return Role.SPECIAL, found[1]
    if found := agreed(readings, lambda words: " ".join(fields.marks_in(words_text(words), fields.PRIORITIES))):
        return Role.PRIORITY, found[1]
    # A priority's row read alone spells a word the language knows too (``СРОЧНО``): no name.
    found = agreed(readings, lambda words: named(name_of(words_text(words)), code))
    if Role.ADDRESSEE not in wanted or not found:
        return None
    name, words = found
    return Role.ADDRESSEE, words if name_of(words_text(words)) == name else read_as_name(words, name)


def _covers(row: tuple[int, int, int, int], line: Line) -> bool:
    centre = line.bbox[1] + line.bbox[3] / 2
    return row[1] <= centre < row[1] + row[3]


def _line(role: Role, words: list[Word], page: int, metrics: layout.Metrics) -> Line:
    """A line of ``role`` read as ``words``, its text joined as the layout joins a line's words."""
    line = Line("", role, page).read_as(words)
    return dataclasses.replace(line, text=layout.join_words(line.words, metrics))


def read_lost_lines(page: PreprocessedPage, lines: list[Line], lang: str) -> list[Line]:
    """``lines`` of a form's page 1 with the header lines the page's reading lost put in, each where its row stands
    (the module's doc); as they were when no row gives one."""
    code = word_list(lang)
    header = [k for k, line in enumerate(lines) if line.role in _HEADER_BLOCK and line.bbox]
    if code is None or not header:
        return lines
    body = next((k for k in range(header[-1] + 1, len(lines)) if lines[k].role is Role.BODY and lines[k].bbox), None)
    if body is None:
        return lines
    wanted = {role for role in (Role.SPECIAL, Role.ADDRESSEE) if not any(line.role is role for line in lines)}
    metrics = layout.page_metrics([w for line in lines for w in line.words])
    top = max(lines[k].bbox[1] + lines[k].bbox[3] for k in header)
    boxes = [line.bbox for line in lines if line.bbox and line.words]
    left, right = min(b[0] for b in boxes), max(b[0] + b[2] for b in boxes)
    gap = lines[header[-1] + 1:body]
    rows = [row for row in ink_rows(page.image, (left, top, right - left, lines[body].bbox[1] - top), metrics.line_height)
            if not any(line.role is not Role.OTHER and line.bbox and _covers(row, line) for line in gap)]
    if not rows:
        return lines
    # A row's band: its ink, a letter's height wider each side (a faint first letter), a quarter taller.
    pad, side = round(metrics.line_height / 4), round(metrics.line_height)
    bands = [(max(0, x - side), max(0, y - pad), w + 2 * side, h + 2 * pad) for x, y, w, h in rows]
    found = [(row, _row_role(again, code, wanted)) for row, again in zip(rows, read_each(page, bands, lang))]
    found = [(row, role_words) for row, role_words in found if role_words]
    # One addressee, the last row naming one (priorities stand above it); one special number, the first.
    names = [row for row, (role, _) in found if role is Role.ADDRESSEE]
    found = [(row, role_words) for row, role_words in found if role_words[0] is not Role.ADDRESSEE or row == names[-1]]
    specials = [row for row, (role, _) in found if role is Role.SPECIAL]
    found = [(row, role_words) for row, role_words in found if role_words[0] is not Role.SPECIAL or row == specials[0]]
    if not found:
        return lines
    kept = [line for line in gap if not (line.role is Role.OTHER and line.bbox and any(_covers(row, line) for row, _ in found))]
    new = [_line(role, words, lines[body].page, metrics) for _, (role, words) in found]
    return lines[:header[-1] + 1] + sorted(kept + new, key=lambda line: line.bbox[1] if line.bbox else 0) + lines[body:]
