"""Where a stamp lies over the typing: typing taken out of a stamp's ink by the page's own reading, and a
stamp's legend read as typing taken out of the page's lines."""

from __future__ import annotations

import dataclasses

import numpy as np

from ocr import layout
from ocr.lines import Word
from ocr.stamps.detect import Ellipse, FoundStamp
from ocr.stamps.overlap import stamp_like, stamp_word, without_stamp_words, without_typing


def _stamp(box=(100, 100, 200, 120)) -> FoundStamp:
    return FoundStamp(box, "rectangular", None, np.full((box[3], box[2]), 255, np.uint8), None, None, 80.0)


def test_stamp_words_are_capitals_figures_and_its_few_small_words():
    assert [stamp_like(t) for t in ("ОТДЕЛ", "№", "0412-сс", "т.", "г.", "Вх.", "посольство", "Он", "—")] == [
        True, True, True, True, True, True, False, True, False]


def test_typing_read_surely_is_taken_out_of_the_stamp_and_its_own_words_stay():
    typed = [Word("посольство", (120, 110, 60, 20), 91.0), Word("ОТДЕЛ", (120, 140, 60, 20), 95.0),
             Word("сообщил", (120, 170, 60, 20), 40.0), Word("данные", (400, 110, 60, 20), 96.0)]
    ink = without_typing(_stamp(), typed).ink
    assert ink[8:32, 18:82].max() == 0  # the sure typing and its rims, in the crop's pixels
    assert ink[40:60, 20:80].min() == 255 and ink[70:90, 20:80].min() == 255  # capitals; an unsure word
    assert (ink == 0).sum() == 24 * 64  # the word beside the stamp took nothing


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


def test_a_seals_legend_band_keeps_its_ink_where_typing_crosses_it():
    seal = dataclasses.replace(_stamp((0, 0, 200, 200)), shape="round", ellipse=Ellipse((100, 100), (180, 180), 0.0))
    typed = [Word("под", (90, 92, 20, 16), 92.0), Word("над", (92, 14, 16, 12), 92.0)]  # the centre; the legend's band
    ink = without_typing(seal, typed).ink
    assert ink[92:108, 90:110].max() == 0 and ink[14:26, 92:108].min() == 255
