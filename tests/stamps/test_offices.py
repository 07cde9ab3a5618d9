"""A word misread on a stamp put right against the offices' words (real lexicon, misreadings from real runs)."""

from __future__ import annotations

import pytest

from ocr.lines import Word
from ocr.stamps.offices import known_as_office, office_word, rejoined
from ocr.stamps.read import corrected


def test_a_misread_word_is_the_office_word_nearest_it():
    assert office_word("ВЕНТРАЛЬЮЫИЙИ") == "ЦЕНТРАЛЬНЫЙ"  # the general lexicon's nearest is no office's word
    assert office_word("Секретарнат") == "секретариат"  # in the read word's case


def test_office_words_run_together_are_told_apart():
    assert office_word("ПУСУНАРСТАВННЕМЙЕНЕОРИАСНОСТИ") == "ГОСУДАРСТВЕННОМ БЕЗОПАСНОСТИ"
    assert office_word("ЭБЩИКОТДЭЛ") == "ОБЩИЙ ОТДЕЛ"


def test_no_short_adjective_and_no_far_word():
    assert office_word("ЭБЩИК") == "ОБЩИЙ"  # not the short form ``общи``, as near: no office is named so
    assert office_word("ВЫШИНСКОРОН") is None  # a name, no office's word near it


def test_a_rare_known_word_is_the_office_word_it_was_read_for():
    # Misreadings from the stamp bench: a worn letter made another, rare word of ``СТРАН``.
    assert known_as_office("СОРАН") == "СТРАН"
    assert corrected(Word("САРАН,", (0, 0, 10, 10), 40.0, (1, 1, 1))).text == "СТРАН,"
    # Other offices' common words, names and office words stay as read.
    for word in ("ЗАВОД", "ПРАВЛЕНИЕ", "ГОРОДСКАЯ", "МОЛОТОВА", "СТРАНА", "ИНОСТР"):
        assert known_as_office(word) is None


def test_a_legend_word_is_put_right_against_the_office_words_first():
    assert corrected(Word("ОБЩИКОТДЭЛ.", (0, 0, 10, 10), 40.0, (1, 1, 1))).text == "ОБЩИЙ ОТДЕЛ."


def test_pieces_of_an_office_word_a_space_cut_apart_are_joined():
    # Legends as read on the stamp bench's seals (typing across their letters).
    assert rejoined("МИНИСТР СТВО ВН ДНЕМ".split()) == ["МИНИСТЕРСТВО", "ВН", "ДНЕМ"]
    assert rejoined("БЬХ ИВ НЯ ШНЕЯ ПОДИ".split()) == ["АРХИВ", "ВНЕШНЕЙ", "ПОДИ"]


def test_common_words_read_apart_stay_apart():
    """Words of other offices' stamps, common but no office word, are taken as read."""
    for legend in ("ГОРОДСКАЯ БОЛЬНИЦА № 5", "ПО ДЕЛАМ", "ДЕЛ СССР", "ОТДЕЛ КАДРОВ"):
        assert rejoined(legend.split()) == legend.split()


def test_a_figure_or_two_among_a_legends_letters_are_letters_misread():
    assert corrected(Word("МИНИ9ТРФВ", (0, 0, 10, 10), 40.0, (1, 1, 1))).text == "МИНИСТРОВ"  # a heavy seal's
    assert corrected(Word("1953", (0, 0, 10, 10), 40.0, (1, 1, 1))).text == "1953"  # figures stay figures


@pytest.mark.parametrize(("read", "office"), [("С66РЕ", "СССР"), ("Ф6СР", "СССР"), ("Г0СУДАРСТВЕННЫЙ", "ГОСУДАРСТВЕННЫЙ")])
def test_figures_a_legends_capitals_read_as_are_put_back_before_its_office_word_is_found(read, office):
    # Tuning seals' ``СССР`` read with its ``С`` as ``6``: too far from the office word until the figures are letters again.
    assert corrected(Word(read, (0, 0, 10, 10), 40.0, (1, 1, 1))).text == office
