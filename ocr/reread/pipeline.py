"""The re-reading stage: the page's first reading mended where Tesseract is known to fail, step by step.

The order matters: the routing line and the registry notes are read again after the stamps' words are
dropped, because that step lays the page out again and may write the routing line anew.
"""

from __future__ import annotations

import numpy as np

from ocr.lines import Line, Word
from ocr.preprocess import PreprocessedPage
from ocr.recognize import OcrSettings
from ocr.reread.addressee import reread_addressee
from ocr.reread.blocks import read_again
from ocr.reread.combine import plain_choice, second_reading
from ocr.reread.footer import reread_footer
from ocr.reread.grid import reread_grid
from ocr.reread.lost_lines import read_lost_lines
from ocr.reread.numbers import reread_numbers
from ocr.reread.priority import reread_priorities
from ocr.reread.registry import read_notes_again
from ocr.reread.routing import reread_routing
from ocr.reread.stamped import read_stamped_rows
from ocr.stamps.detect import FoundStamp
from ocr.stamps.overlap import without_stamp_words


def reread_page(prepared: PreprocessedPage, scan: np.ndarray, words: list[Word], stamps: list[FoundStamp],
                number: int, settings: OcrSettings) -> list[Line]:
    """The page's lines laid out from its first reading ``words``, each doubtful part read again."""
    images = [prepared.image] + ([prepared.grey] if prepared.grey is not None else [])
    lines = read_stamped_rows(images, read_again(prepared, words, number, settings), stamps, settings.lang)
    lines = second_reading(prepared.grey, lines, settings.lang)
    lines = plain_choice(prepared, scan, lines, settings.lang)
    lines = reread_footer(prepared, lines, settings.lang)
    lines = without_stamp_words(lines, stamps, prepared.image.shape[1])
    lines = reread_routing(prepared, lines, settings.lang)
    lines = reread_numbers(prepared, lines, settings.lang)
    lines = reread_grid(prepared, lines, settings.lang)
    lines = reread_priorities(prepared, lines, settings.lang)
    lines = reread_addressee(prepared, lines, settings.lang)
    lines = read_lost_lines(prepared, lines, settings.lang)
    return read_notes_again(prepared.image, lines, settings.lang, prepared.grey)
