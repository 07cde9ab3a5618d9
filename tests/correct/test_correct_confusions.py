"""The confusion model learned from aligned truth and readings."""

from __future__ import annotations

import pytest

from ocr.correct import confusions


def test_error_runs_group_a_one_to_two_misreading():
    assert list(confusions.error_runs("новые бывшие", "новые бь!вшие")) == [("ы", "ь!")]


def test_confusions_split_letter_by_letter_but_not_across_words():
    assert confusions.confusions("дш", "лщ") == [("д", "л"), ("ш", "щ")]
    assert confusions.confusions("ы", "ь!") == [("ы", "ь!")]
    assert confusions.confusions("ак ст", "акст") == []
    assert confusions.confusions("абвг", "x") == []


def test_learn_counts_and_probabilities():
    pairs = [("народной передать", "наролной перелать"), ("дом вы бывшие", "дом вь! бь!вшие")]
    table = confusions.learn(pairs, source={"split": "tuning"})
    # д occurs 3 times in the truth (народной, передать, дом): read as л twice.
    assert table.counts[("д", "л")] == 2
    assert table.probabilities[("д", "л")] == pytest.approx(2 / 3)
    assert table.probabilities[("ы", "ь!")] == pytest.approx(2 / 2)  # вы, бывшие
    assert ("д", "л") in [(i, o) for o, pairs_ in table.by_observed.items() for i, _ in pairs_ if o == "л"]


def test_the_table_is_learned_case_folded():
    table = confusions.learn([("Доклад доклад", "Докпад докпад")])
    assert table.counts == {("л", "п"): 2} and table.probabilities[("л", "п")] == pytest.approx(1.0)


def test_a_confusion_seen_once_is_not_kept():
    table = confusions.learn([("шар", "щар")])
    assert table.probabilities == {}


def test_round_trip_through_the_data_file(tmp_path):
    table = confusions.learn([("народной передать", "наролной перелать")], source={"seed": 1})
    path = tmp_path / "table.json"
    from ocr.batch import store

    store.write_json_atomic(path, table.as_dict())
    again = confusions.load(path)
    assert again.probabilities == table.probabilities and again.source == {"seed": 1}


def test_the_shipped_table_is_learned_and_versioned():
    table = confusions.load()
    data = table.as_dict()
    assert data["version"] == confusions.TABLE_VERSION
    assert data["source"]["split"] == "tuning"
    assert data["source"]["seed"] == [1000, 7000] and data["source"]["pages"] == 114
    # Learned on folded text from 114 tuning pages: л read as п is the commonest letter confusion;
    # the д read as л, and a lone и read as м, are there too.
    assert table.counts[("л", "п")] == 104 and table.probabilities[("л", "п")] == pytest.approx(0.0236, abs=1e-3)
    assert table.counts[("д", "л")] == 22 and table.counts[("и", "м")] == 42
    assert all(intended == intended.lower() and observed == observed.lower() for intended, observed in table.entries)
