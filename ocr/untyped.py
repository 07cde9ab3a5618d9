"""What page segmentation reads as words of the message that were never typed there: a punched hole or a
pen's scrawl (boxed far taller than the typing), a word the typist struck out by typing ``X`` over it, and
marks no typewriter of the period had (``‘что``, ``{недостает``, ``помощи“``: specks and misread marks).

They leave the body's lines, or become the typewriter's own mark; judged in the page's upright frame, on
role-tagged lines.
"""

from __future__ import annotations

import dataclasses
import statistics

from ocr.lines import Line, Role, Word, union_box

# A short "word" boxed this many times taller than the page's typing is a punched hole (read ``о``), a
# scrawl or a stamp's loop: a typed letter is never taller than the line's words.
BLOB_HEIGHT = 2.0
BLOB_CHARS = 4
# Letters an ``X`` struck over a typed letter reads as (the X's arms with the letter's strokes between).
STRUCK_LETTERS = frozenset("хжякиндюй")
STRUCK_CONFIDENCE = 30.0  # a struck-out word reads at 0-10; a faint true word at a line's end reads above
STRUCK_MIN_LETTERS = 4
# A typewriter types ``"`` for every quotation mark, a hyphen for every dash and round brackets only; the
# other marks Tesseract reads in typed text are specks of dirt or grain beside a word.
_TYPEWRITER_MARKS = str.maketrans({**dict.fromkeys("“”„«»", '"'), **dict.fromkeys("—–", "-"), "{": "(", "}": ")",
                                   "[": "(", "]": ")", **dict.fromkeys("‘’‚`‹›|\\_@#$&©®°~^", None)})


def typed_marks(text: str) -> str:
    """``text`` in the marks of a typewriter (``‘что`` → ``что``, ``{недостает`` → ``(недостает``)."""
    return text.translate(_TYPEWRITER_MARKS)


def _blob(word: Word, line_height: float) -> bool:
    return len(word.text) <= BLOB_CHARS and word.bbox[3] > BLOB_HEIGHT * line_height


def struck_out(word: Word) -> bool:
    """A word typed over with ``X`` (a typist's correction): read unsurely, of X-like letters only."""
    letters = [c for c in word.text.lower() if c.isalpha()]
    return (word.confidence < STRUCK_CONFIDENCE and len(letters) >= STRUCK_MIN_LETTERS
            and all(c in STRUCK_LETTERS for c in letters))


def typed_only(lines: list[Line], line_height: float, join) -> list[Line]:
    """``lines`` with the body's holes, scrawls and struck-out line ends dropped and its marks a typewriter's
    (a body line left empty goes);
    ``join`` makes a line's text from its words, as the layout does."""
    out = []
    for line in lines:
        if line.role is not Role.BODY:
            out.append(line)
            continue
        words = [dataclasses.replace(w, text=typed_marks(w.text)) for w in line.words if not _blob(w, line_height)]
        words = [w for w in words if w.text]
        while words and struck_out(words[-1]):  # XXXX is typed over a line's last word
            words.pop()
        if words == line.words:
            out.append(line)
        elif words:
            out.append(dataclasses.replace(line, words=words, text=join(words), bbox=union_box([w.bbox for w in words]),
                                           confidence=statistics.fmean(w.confidence for w in words)))
    return out
