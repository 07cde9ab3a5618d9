"""Candidate choice with the shipped confusion table and the real lexicon."""

from __future__ import annotations

import pytest

from ocr.correct.corrector import default_corrector, document_word


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


def test_a_long_unknown_word_is_a_misreading_of_a_rarer_word(corrector):
    # A worn ribbon's а read з/э on a heavy tuning render: the right words are rare (wordfreq 2e-6), the
    # misreadings long; a long word the dictionary knows stays.
    assert [corrector.choose(w, 90.0).word for w in ("эвтомашин", "недостзет")] == ["автомашин", "недостает"]
    assert corrector.choose("диппочтой", 60.0) is None and corrector.choose("гидротехников", 60.0) is None


def test_a_long_word_with_two_letters_misread_is_a_common_word_two_edits_away(corrector):
    # Two letters of one word misread on a heavy tuning render (в read г and з; ва read зл); a long right word the
    # list knows as rare, or not at all, stays.
    assert corrector.choose("госстанозления", 60.0).word == "восстановления"
    assert corrector.choose("рассматризлется", 90.0).word == "рассматривается"
    assert corrector.choose("северокорейской", 0.0) is None and corrector.choose("спецсообщением", 0.0) is None


def test_three_letters_misread_are_undone_only_at_the_documents_own_rate(corrector):
    # A worn face's е read с on a heavy tuning render: three edits the table never saw stay as read; the document's
    # own rate of that confusion undoes them.
    assert corrector.choose("искаючснисм", 80.0) is None
    made = [("согиашсния", "соглашения"), ("Совстского", "Советского"), ("указванисм", "указанием"), ("мснсс", "менее")]
    adapted = corrector.adapted(made, "согиашсния Совстского правительства указванисм мснсс менее человек")
    assert adapted.choose("искаючснисм", 80.0).word == "исключением"


def test_capitalised_words_get_only_learned_confusions_and_no_names(corrector):
    choice = corrector.choose("Наролной", 85.0, capitalised=True)
    assert choice is not None and choice.word == "Народной"


def test_no_clear_winner_no_change(corrector):
    assert corrector.choose("хгвбдщ", 50.0) is None
    assert corrector.choose("Пелищенко", 85.0, capitalised=True) is None


def test_a_documents_frequent_confusion_weighs_its_words_at_its_own_rate():
    from ocr.correct.confusions import ConfusionTable
    from ocr.correct.corrector import Corrector
    from ocr.correct.lexicon import lexicon

    base = Corrector(ConfusionTable({("л", "п"): 0.03}), lexicon())
    assert base.choose("деп", 90.0) is None  # a known word: the table's average rate is not enough
    made = [("бып", "был"), ("дпя", "для"), ("окопо", "около"), ("Докпад", "Доклад")]
    text = "по делам бып дпя окопо Докпад консул в деп сообщил"
    adapted = base.adapted(made, text)
    # л read as п four times, л kept three times (делам, консул, сообщил): 4 / 7 in this document.
    assert adapted.table.probabilities[("л", "п")] == pytest.approx(4 / 7)
    assert adapted.choose("деп", 90.0).word == "дел"
    assert base.adapted(made[:2], text) is base  # twice is no habit


def test_a_word_garbled_past_the_dictionary_is_the_one_nearest_word_of_the_document(corrector):
    vocabulary, common = ["делегация", "делегации", "модзелевский"], corrector.lexicon.common_by_length
    assert document_word("цеплегация", vocabulary, common) == "делегация"  # two edits; делегации is three
    assert document_word("медзелевский", vocabulary, common) == "модзелевский"  # a name the dictionary does not know
    assert document_word("кардель", ["кандель", "каодель"], common) is None  # two as near: no clear one
    assert document_word("цеплегация", ["министерство"], common) is None  # none near enough
    assert document_word("дела", ["дело"], common) is None  # too short to be sure of
    assert document_word("недостатсек", ["недостает"], common) is None  # the common недостаток is nearer
    assert document_word("недостатсек", ["недостает"], {}) == "недостает"
