"""Benchmark arithmetic: recall, language choice, field scores (the runs themselves are `telegrams bench`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr.bench.real import real_language, word_recall
from ocr.compare.scoring import f1, field_accuracy, score_fields
from ocr.contract import DistributionEntry, Header, TelegramRecord


def test_word_recall_is_order_free_and_counts_repeats():
    assert word_recall("a b c d", "d c b a") == 1.0
    assert word_recall("der die der das", "der das") == 0.5
    assert word_recall("", "anything") == 1.0


@pytest.mark.parametrize("name, lang", [("EHRI-BF-19380111_DE_01", "deu"), ("EHRI-DR-19390125-US_02", "eng"),
                                        ("EHRI-BF-19380420_SK_01", "slk"), ("EHRI-DR-19431213-DK_01", "dan"),
                                        ("EHRI-ET-JMP001_03", "ces"), ("EHRI-XX-unknown_01", "eng")])
def test_real_language_from_name(name, lang):
    assert real_language(Path(f"{name}.jpg")) == lang


def test_field_scores():
    truth = TelegramRecord(doc_type="cipher_telegram", header=Header(origin="БЕРЛИНА", priority=["ОСОБАЯ", "СРОЧНО"]),
                           distribution=[DistributionEntry(copy=1, recipient="Молотову"), DistributionEntry(copy=2)])
    found = TelegramRecord(doc_type="cipher_telegram", header=Header(origin="БЕРЛИНА", priority=["ОСОБАЯ"]),
                           distribution=[DistributionEntry(copy=1, recipient="Молотову"), DistributionEntry(copy=3)])
    scores = {s.field: s.score for s in score_fields(truth, found)}
    assert scores == {"header.origin": 1.0, "header.priority": pytest.approx(2 / 3), "distribution": 0.5, "doc_type": 1.0}
    assert field_accuracy(score_fields(truth, found)) == pytest.approx((1 + 2 / 3 + 0.5 + 1) / 4)
    assert f1([], []) == 1.0 and f1(["a"], []) == 0.0
