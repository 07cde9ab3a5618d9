"""What page segmentation reads as words of the message that were never typed there: a punched hole or a
pen's scrawl (boxed far taller than the typing), marks no typewriter of the period had (``‘что``,
``{недостает``, ``помощи“``: specks and misread marks), and a word the typist struck out by typing ``X``
over it.

The first two leave the body's lines or become the typewriter's own mark (judged in the page's upright
frame, on role-tagged lines); a struck-out word is told by its letters, the corrector (which knows the
language's words) drops it.
"""

from __future__ import annotations

import dataclasses
import re

from ocr.lines import Line, Role, Word

# A short "word" boxed this many times taller than the page's typing is a punched hole (read ``о``), a
# scrawl or a stamp's loop: a typed letter is never taller than the line's words.
BLOB_HEIGHT = 2.0
BLOB_CHARS = 4
# Letters an ``X`` struck over a typed letter reads as (the X's arms with the letter's strokes between).
STRUCK_LETTERS = frozenset("хжякиндюй")
STRUCK_MIN_LETTERS = 4
# A shorter word, or one with a letter or so read otherwise (the struck letter showing through: ``Жбйникик``),
# is struck out when this share of its letters are an X's and one of them shows the X's crossing (``х``, ``ж``, ``й``).
STRUCK_SHARE = 0.75
CROSSED_LETTERS = frozenset("хжй")
# Two ``х`` in an unknown word are an X typed twice (``УХмеаХх``): a misread word of the language rarely has one.
STRUCK_XS = 2
# Fewer letters than this are too few to tell an X's from a word's (``их``, ``як``).
SHORTEST_STRUCK = 3
# A typewriter types ``"`` for every quotation mark, a hyphen for every dash and round brackets only; the
# other marks Tesseract reads in typed text are specks of dirt or grain beside a word, or a stamp's strokes
# across it (``<бнсульства``, ``орнё=т``, ``+1954``: the message's words hold no ``<>*'=+``).
_TYPEWRITER_MARKS = str.maketrans({**dict.fromkeys("“”„«»", '"'), **dict.fromkeys("—–", "-"), "{": "(", "}": ")",
                                   "[": "(", "]": ")", **dict.fromkeys("‘’‚`‹›|\\_@#$&©®°~^<>*'=+", None)})
# A slash is typed inside a number or reference (``0412/сс``, ``12/34``), never at a word's edge (``/Мосида``).
_EDGE_SLASH = re.compile(r"(?<!\w)/|/(?!\w)")


def typed_marks(text: str) -> str:
    """``text`` in the marks of a typewriter (``‘что`` → ``что``, ``{недостает`` → ``(недостает``, ``/Мосида`` → ``Мосида``)."""
    return _EDGE_SLASH.sub("", text.translate(_TYPEWRITER_MARKS))


def _blob(word: Word, line_height: float) -> bool:
    return len(word.text) <= BLOB_CHARS and word.bbox[3] > BLOB_HEIGHT * line_height


def struck_out(text: str) -> bool:
    """Whether a word may be one typed over with ``X`` (a typist's correction, at a line's end): X-like letters
    only (``ИЖнях``, ``ЯХкя``, read at 0 to 90), or STRUCK_SHARE of them with one showing the X's crossing
    (``Жбйникик``, ``ЙХк``), or two ``х`` (``ВИкКЖХХ``, ``ХАМХК``). Words of the language so spelt (``июня``) are the
    caller's to keep."""
    letters = [c for c in text.lower() if c.isalpha()]
    if len(letters) < SHORTEST_STRUCK:
        return False
    share = sum(c in STRUCK_LETTERS for c in letters) / len(letters)
    return (share == 1 and len(letters) >= STRUCK_MIN_LETTERS or letters.count("х") >= STRUCK_XS
            or share >= STRUCK_SHARE and not CROSSED_LETTERS.isdisjoint(letters))


def typed_only(lines: list[Line], line_height: float, join) -> list[Line]:
    """``lines`` with the body's holes and scrawls dropped and its marks a typewriter's (a body line left
    empty goes);
    ``join`` makes a line's text from its words, as the layout does."""
    out = []
    for line in lines:
        if line.role is not Role.BODY:
            out.append(line)
            continue
        words = [dataclasses.replace(w, text=typed_marks(w.text)) for w in line.words if not _blob(w, line_height)]
        words = [w for w in words if w.text]
        if words == line.words:
            out.append(line)
        elif words:
            out.append(dataclasses.replace(line.read_as(words), text=join(words)))
    return out
