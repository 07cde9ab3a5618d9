"""Candidate choice with the shipped confusion table and the real lexicon."""

from __future__ import annotations

import pytest

from ocr.correct.corrector import default_corrector


@pytest.fixture(scope="module")
def corrector():
    return default_corrector()


def test_the_lexicon_knows_inflected_forms_and_the_periods_words(corrector):
    lexicon = corrector.lexicon
    assert lexicon.known("передать") and lexicon.known("Народной") and lexicon.known("северо-корейской")
    assert lexicon.known("шифртелеграммой") and lexicon.known("торгпредства") and lexicon.known("спецсообщением")
    assert not lexicon.known("перелать") and not lexicon.known("наролной")
    assert lexicon.frequency("передать") > lexicon.frequency("переслать") > 0 == lexicon.frequency("перелать")
    assert lexicon.is_name("Штыков") and not lexicon.is_name("народной")


def test_a_learned_confusion_is_undone(corrector):
    assert corrector.choose("перелать", 85.0).word == "передать"


def test_capitalised_words_get_only_learned_confusions_and_no_names(corrector):
    choice = corrector.choose("Наролной", 85.0, capitalised=True)
    assert choice is not None and choice.word == "Народной"


def test_no_clear_winner_no_change(corrector):
    assert corrector.choose("хгвбдщ", 50.0) is None
    assert corrector.choose("Пелищенко", 85.0, capitalised=True) is None
