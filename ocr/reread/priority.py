"""Reading a priority line again alone where the page's reading of it spells no priority.

A priority (``ВЕСЬМА СРОЧНО``) is typed letter-spaced or in capitals on a line of its own; on a heavy scan the
page reading now and then loses letters of it (``ВЕСЬ  НО``), and the line read on its own — bitonal,
enlarged or grey, as the footer's lines are (:mod:`ocr.reread.footer`) — reads it whole. It is read in its row
as the addressee is (:func:`ocr.reread.combine.row_boxes`): a line read as its first letters only (``С Р О``) has
a word box as narrow as they are, and the box alone cannot give the rest. The form's
priorities are few, so a reading that spells one is taken: the one most readings spell, the more
confidently read on a tie; a line no reading spells one in stays as the page read it.
"""

from __future__ import annotations

from collections import Counter

from ocr import fields
from ocr.lines import Line, Role, words_text
from ocr.preprocess import PreprocessedPage
from ocr.recognize import reading_score
from ocr.reread.combine import row_boxes
from ocr.reread.readings import read_each


def _marks(text: str) -> tuple[str, ...]:
    return tuple(fields.marks_in(text, fields.PRIORITIES))


def reread_priorities(page: PreprocessedPage, lines: list[Line], lang: str) -> list[Line]:
    """``lines`` with each priority line that spells no priority read again on its own (``psm 7``) in its row's boxes
    and each of READINGS, and replaced by the reading of the marks most readings spell."""
    doubtful = [k for k, line in enumerate(lines) if line.role is Role.PRIORITY and line.words and not _marks(line.text)]
    if not doubtful:
        return lines
    out = list(lines)
    boxes = {k: row_boxes(lines[k], lines) for k in doubtful}
    read = iter(read_each(page, [box for k in doubtful for box in boxes[k]], lang))
    for k in doubtful:
        again = [words for _ in boxes[k] for words in next(read)]
        spelt = [(marks, words) for words in again if words and (marks := _marks(words_text(words)))]
        if not spelt:
            continue
        votes = Counter(marks for marks, _ in spelt)
        out[k] = lines[k].read_as(max(spelt, key=lambda given: (votes[given[0]], reading_score(given[1])))[1])
    return out
