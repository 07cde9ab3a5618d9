"""Choosing between two readings of a line by the page's language (ocr.reread.combine)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr.lines import Line, Word
from ocr.preprocess import PreprocessedPage
from ocr.recognize import read_boxes
from ocr.reread.combine import (
    ENLARGED,
    better_line,
    choose,
    known,
    known_share,
    line_box,
    plain_choice,
    word_list,
)
from ocr.synth.fonts import Face, load_font
from tests.builders import prepared


def _word(text: str, x: int, width: int, confidence: float = 90.0) -> Word:
    return Word(text, (x, 100, width, 30), confidence)


@pytest.mark.parametrize(("lang", "code"), [("deu", "de"), ("ces", "cs"), ("slk", "sk"), ("dan", "da"),
                                            ("eng", "en"), ("rus", "ru"), ("rus+eng", "ru"), ("chi_tra_vert", None)])
def test_word_list_of_a_tesseract_language(lang, code):
    assert word_list(lang) == code


def test_known_judges_words_not_numbers():
    assert known("(distress,", "en") is True
    assert known("Committce", "en") is False
    assert known("veliteľ", "sk") is True
    assert known("346", "en") is None  # no word list judges a number
    assert known("--", "en") is None


def test_an_unknown_word_is_replaced_by_a_known_near_variant():
    ours = [_word("the", 0, 60), _word("Committce", 80, 200, 90.5)]
    theirs = [_word("the", 2, 58), _word("Committee", 78, 204, 95.7)]
    chosen = choose(ours, theirs, "en")
    assert [w.text for w in chosen] == ["the", "Committee"]
    assert chosen[1].bbox == ours[1].bbox and chosen[1].confidence == 95.7


def test_a_word_split_in_two_is_joined_when_the_second_reading_has_it_whole():
    ours = [_word("Com", 0, 70), _word("nittee", 90, 120)]
    theirs = [_word("Committee", 0, 210)]
    chosen = choose(ours, theirs, "en")
    assert [(w.text, w.bbox) for w in chosen] == [("Committee", (0, 100, 210, 30))]


@pytest.mark.parametrize(("ours", "theirs"), [
    ("Hěmecku", "oo"),          # another word read in its box: not a near variant
    ("people", "Jeople"),       # ours is known: kept
    ("Committce", "Commitlee"), # theirs is not known either: kept
])
def test_no_replacement_without_a_known_near_variant(ours, theirs):
    code = "cs" if ours == "Hěmecku" else "en"
    assert [w.text for w in choose([_word(ours, 0, 150)], [_word(theirs, 0, 150)], code)] == [ours]


def test_a_word_no_second_word_covers_is_kept():
    ours = [_word("Jeury", 0, 100)]
    assert choose(ours, [], "en") == ours
    assert choose(ours, [_word("Jewry", 0, 60), _word("Jewry", 40, 60)], "en") == ours  # two cover it: unclear


def _line(found: list[tuple[str, int, float]]) -> list[Word]:
    return [Word(text, (x, 1790, 10 * len(text), 30), confidence) for text, x, confidence in found]


# One line of a heavy tuning render (tg-01000, page 1: "дивизий, однако не хватает автомашин (недостает
# 61 штук) и") as the page reading had it and as read again alone from the grey page.
PAGE_READING = _line([("-УГЙ", 344, 0.0), ("не", 733, 92.5), ("хватэзет", 832, 49.4), ("эзвтомашин", 1100, 49.1),
                      ("(недостзет", 1438, 33.1), ("61", 1799, 96.5), ("штук)", 1898, 86.1), ("и", 2099, 94.5)])
GREY_READING = _line([("эй", 333, 18.7), ("одну", 508, 16.6), ("ко", 634, 23.0), ("не", 733, 96.2), ("хватает", 832, 17.7),
                      ("эвтомашин", 1100, 61.8), ("(недостзет", 1438, 54.6), ("61", 1799, 96.0), ("штук)", 1898, 94.8),
                      ("и", 2098, 94.8)])


def test_a_line_read_again_as_clearly_more_known_words_replaces_the_line():
    assert known_share(PAGE_READING, "ru") == (pytest.approx(7 / 37), 37)  # не, штук, и
    assert better_line(PAGE_READING, GREY_READING, "ru")
    assert not better_line(GREY_READING, PAGE_READING, "ru")
    # A reading that keeps only the known words dropped the doubtful part: not better.
    assert not better_line(PAGE_READING, [w for w in GREY_READING if known(w.text, "ru")], "ru")


def test_an_enlarged_reading_gives_boxes_in_the_page_pixels():
    image = Image.new("L", (900, 90), 255)
    ImageDraw.Draw(image).text((40, 30), "Министр внешней торговли принял меня", font=load_font(Face.TYPE, 20), fill=0)
    grey = np.asarray(image)
    line = [Word("Министр", (40, 30, 500, 22), 50.0)]
    [plain] = read_boxes(grey, [line_box(line)], "rus", psm=7)
    [enlarged] = read_boxes(grey, [line_box(line)], "rus", psm=7, scale=ENLARGED)
    assert [w.text for w in enlarged] == [w.text for w in plain] == "Министр внешней торговли принял меня".split()
    for a, b in zip(plain, enlarged):
        assert np.allclose(a.bbox, b.bbox, atol=2)


# A line of a faint carbon copy (EHRI-BF-19380420_SK_01): the cleaned page split a surname and read its
# pieces poorly; plain Tesseract's page reading has it whole and sure. No word list knows the surname.
SPLIT = [("npor.", 0, 93.0), ("Dr.", 120, 92.0), ("Na", 200, 89.0), ("c", 260, 47.0), ("ounom:", 290, 47.0)]
WHOLE = [("npor.", 0, 95.0), ("Dr,", 120, 91.0), ("Macounom:", 200, 88.0)]


def _words(found, widths=(100, 60, 50, 20, 140)) -> list[Word]:
    return [_word(text, x, width, confidence) for (text, x, confidence), width in zip(found, widths)]


def test_a_poorly_read_split_word_is_joined_only_when_joins_are_asked_for():
    ours, theirs = _words(SPLIT), _words(WHOLE, (100, 60, 230))
    assert known("Macounom:", "sk") is False
    assert [w.text for w in choose(ours, theirs, "sk")] == [w.text for w in ours]
    assert [w.text for w in choose(ours, theirs, "sk", joins=True)] == ["npor.", "Dr.", "Macounom:"]
    # Pieces read surely stay: a split the page reading is sure of is no misreading.
    sure = [Word(w.text, w.bbox, 90.0) for w in ours]
    assert choose(sure, theirs, "sk", joins=True) == sure


def _plain_page(text: str) -> PreprocessedPage:
    image = Image.new("L", (1000, 120), 255)
    ImageDraw.Draw(image).text((40, 40), text, font=load_font(Face.TYPE, 24), fill=0)
    grey = np.asarray(image)
    return prepared(grey, grey)


def test_plain_tesseracts_page_reading_puts_right_an_unknown_word_of_a_poorly_read_page():
    page = _plain_page("the Committee met today")
    [line] = [Line("", words=read_boxes(page.image, [(0, 0, 1000, 120)], "eng", psm=3)[0])]
    assert [w.text for w in line.words] == ["the", "Committee", "met", "today"]
    garbled = [Word("Committce", w.bbox, w.confidence) if w.text == "Committee" else w for w in line.words]
    [fixed] = plain_choice(page, page.image, [Line("", words=garbled)], "eng")
    assert [w.text for w in fixed.words] == ["the", "Committee", "met", "today"]


def test_plain_tesseract_reads_an_upside_down_scan_turned_as_the_page_was():
    upright = _plain_page("the Committee met today")
    scan = upright.turned_half().image  # the scan lay upside down on the glass
    page = dataclasses.replace(upright, image=scan, grey=scan).turned_half()  # ... and was turned to read it
    assert page.rotation == 180 and (page.image == upright.image).all()
    [line] = [Line("", words=read_boxes(page.image, [(0, 0, 1000, 120)], "eng", psm=3)[0])]
    garbled = [Word("Committce", w.bbox, w.confidence) if w.text == "Committee" else w for w in line.words]
    [fixed] = plain_choice(page, scan, [Line("", words=garbled)], "eng")
    assert [w.text for w in fixed.words] == ["the", "Committee", "met", "today"]


def test_a_page_that_reads_as_known_words_is_not_read_again(monkeypatch):
    page = _plain_page("the Committee met today")
    monkeypatch.setattr("ocr.reread.combine.read_box", lambda *a, **k: pytest.fail("a page reading well was read again"))
    lines = [Line("", words=_words([("the", 0, 90.0), ("Committce", 80, 90.0), ("met", 300, 90.0), ("today", 400, 90.0)]))]
    assert known_share(lines[0].words, "en")[0] == pytest.approx(11 / 20)  # below 0.9: this page would be read
    assert plain_choice(page, page.image, lines[:0], "eng") == []
    well = [Line("", words=[w for w in lines[0].words if w.text != "Committce"])]
    assert plain_choice(page, page.image, well, "eng") == well
