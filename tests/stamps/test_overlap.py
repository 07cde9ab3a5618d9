"""Where a stamp lies over the typing: a stamp's legend read as typing taken out of the page's lines."""

from __future__ import annotations

import numpy as np

from ocr import layout
from ocr.lines import Word
from ocr.stamps.detect import FoundStamp
from ocr.stamps.overlap import stamp_like, stamp_word, without_stamp_words


def _stamp(box=(100, 100, 200, 120)) -> FoundStamp:
    return FoundStamp(box, "rectangular", None, np.full((box[3], box[2]), 255, np.uint8), None, None, 80.0)


def test_stamp_words_are_capitals_figures_and_its_few_small_words():
    assert [stamp_like(t) for t in ("ОТДЕЛ", "№", "0412-сс", "т.", "г.", "Вх.", "посольство", "Он", "—")] == [
        True, True, True, True, True, True, False, True, False]


def test_a_stamps_legend_read_as_typing_leaves_the_page_and_the_typing_under_it_stays():
    words = [Word("Министр", (20, 100, 90, 20), 93.0, (1, 1, 1)), Word("сообщил", (120, 100, 90, 20), 88.0, (1, 1, 1)),
             Word("СЕКРЕТАРИАТ", (220, 100, 120, 20), 31.0, (1, 1, 1)), Word("прибыл", (350, 100, 80, 20), 30.0, (1, 1, 1)),
             Word("1949", (440, 100, 50, 20), 20.0, (1, 1, 1))]
    found = [_stamp((200, 60, 320, 100))]
    assert [stamp_word(w, found) for w in words] == [False, False, True, False, False]
    lines = layout.parse_page(words, 1, 1000)
    kept = without_stamp_words(lines, found, 1000)
    assert [w.text for line in kept for w in line.words] == ["Министр", "сообщил", "прибыл", "1949"]
    assert "СЕКРЕТАРИАТ" not in " ".join(line.text for line in kept)
    assert without_stamp_words(lines, [], 1000) is lines
