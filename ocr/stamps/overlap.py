"""Where a stamp lies over the typing: the stamp's words taken out of the page's reading. On a grayscale
scan the two are the same grey, so the page's own reading tells them apart: typing reads surely and in
small letters, a stamp's legend read as typing comes out as capitals and figures at low confidence.
"""

from __future__ import annotations

from ocr import layout
from ocr.lines import Line, Word
from ocr.recognize import centred_in
from ocr.stamps.detect import FoundStamp

STAMP_SMALL_WORDS = {"т", "г", "сс", "с"}  # the few words stamps carry in small letters
STAMP_WORD_CONFIDENCE = 50.0  # a page word in capitals inside a stamp read below this is the stamp's (typing reads at 60 and more)


def stamp_like(text: str) -> bool:
    """Whether a word read on a stamp can be the stamp's: stamps are cut in capitals and figures (with
    ``т.``, ``г.``, ``Вх.``, ``-сс``); a word mostly in small letters is typing under the stamp or a smear."""
    letters = [c for c in text if c.isalpha()]
    if not (letters or any(c.isdigit() or c == "№" for c in text)):
        return False
    return (any(c.isdigit() for c in text) or sum(c.isupper() for c in letters) >= len(letters) / 2
            or text.strip(".,:;-/").lower() in STAMP_SMALL_WORDS)


def stamp_word(word: Word, found: list[FoundStamp]) -> bool:
    """Whether a page word is a stamp's legend read as typing: unsure, centred in a stamp and in capitals
    (two letters or more, most of them capitals). Figures stay: typed numbers under a stamp read unsurely too."""
    letters = [c for c in word.text if c.isalpha()]
    return (word.confidence < STAMP_WORD_CONFIDENCE and len(letters) >= 2
            and sum(c.isupper() for c in letters) > len(letters) / 2 and any(centred_in(word, f.box) for f in found))


def without_stamp_words(lines: list[Line], found: list[FoundStamp], width: int) -> list[Line]:
    """The page's lines (processed frame, ``width`` pixels wide) without the words that are its stamps',
    laid out again when any went; typing under a stamp, read surely or in small letters, stays."""
    words = [w for line in lines for w in line.words]
    kept = [w for w in words if not stamp_word(w, found)]
    return lines if len(kept) == len(words) or not lines else layout.parse_page(kept, lines[0].page, width)
