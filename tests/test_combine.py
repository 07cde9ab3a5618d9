"""Choosing between two readings of a line by the page's language (ocr.combine)."""

from __future__ import annotations

import pytest

from ocr.combine import choose, known, word_list
from ocr.lines import Word


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
