"""CER and WER agree with dinglehopper's (a test-only dependency) on awkward and real text."""

from __future__ import annotations

import math
import random
import unicodedata
from pathlib import Path

import pytest
from uniseg.graphemecluster import grapheme_clusters

from ocr.compare import metrics
from ocr.compare.normalise import normalise
from tests.textgen import perturb

dinglehopper_cer = pytest.importorskip("dinglehopper.character_error_rate")
dinglehopper_wer = pytest.importorskip("dinglehopper.word_error_rate")

@pytest.fixture(scope="module")
def seed_body(seed_dir: Path) -> str:
    return (seed_dir / "transcript.ru.txt").read_text(encoding="utf-8")


PAIRS = [
    ("", ""),
    ("", "abc"),
    ("abc", ""),
    ("Шифртелеграмма", "Шифртелеграмма"),
    ("Шифртелеграмма", "Шифртслеграмма"),
    ("Пак Хен Ен", "Пaк Xен Eн"),  # Latin homoglyphs
    ("КОПИЙ", "КОПИ\u0306"),  # й decomposed
    ("ы́ и ы\u0301", "ы и ы"),  # combining acute on Cyrillic
    ("e\u0301te", "été"),  # NFC makes these equal
    ("👍🏽 👨‍👩‍👧 🇩🇪 ok", "👍 👨 🇩 ok"),  # emoji grapheme clusters; emoji are not words
    ("...", "!!"),  # punctuation-only: no words at all
    ("— , .", "слово"),  # empty word reference, non-empty hypothesis
    ('об"единения страны', 'об "единения страны'),
    ("Из ПХЕНЬЯНА № 2029 пол. 18 час. 50 мин.", "Из ПХЕНЬЯHА N 2029 пол 18 час, 50 мин"),
    ("19/1-50 г. Ш Т Ы К О В", "19/1-5O г. ШТЫКОВ"),
    ("line one\r\nline two\n\nthree", "line one\nline  two three"),
    ("a\ue000b", "ab"),  # private use: dinglehopper's uniseg patch, see metrics.words
]


@pytest.mark.parametrize(("reference", "hypothesis"), PAIRS)
def test_cer_and_wer_equal_dinglehopper(reference: str, hypothesis: str) -> None:
    cer, n_chars = metrics.character_error_rate_n(reference, hypothesis)
    wer, n_words = metrics.word_error_rate_n(reference, hypothesis)
    expected_cer, expected_chars = dinglehopper_cer.character_error_rate_n(reference, hypothesis)
    expected_wer, expected_words = dinglehopper_wer.word_error_rate_n(reference, hypothesis)
    assert (n_chars, n_words) == (expected_chars, expected_words)
    assert cer == pytest.approx(expected_cer, abs=1e-9)
    assert wer == pytest.approx(expected_wer, abs=1e-9)


def test_seed_transcript_against_perturbed_copy_equals_dinglehopper(seed_body: str) -> None:
    reference = seed_body
    hypothesis = perturb(reference, 150)
    assert metrics.character_error_rate(reference, hypothesis) == pytest.approx(
        dinglehopper_cer.character_error_rate(reference, hypothesis), abs=1e-9
    )
    assert metrics.word_error_rate(reference, hypothesis) == pytest.approx(
        dinglehopper_wer.word_error_rate(reference, hypothesis), abs=1e-9
    )


def test_words_are_dinglehoppers_words(seed_body: str) -> None:
    assert metrics.words(seed_body) == list(dinglehopper_wer.words_normalized(seed_body))


def test_profile_rates_are_dinglehoppers_rates_on_normalised_text(seed_body: str) -> None:
    reference = seed_body
    hypothesis = perturb(reference, 80, seed=3)
    normalised = normalise(reference, "cyrillic-archival"), normalise(hypothesis, "cyrillic-archival")
    assert metrics.character_error_rate(reference, hypothesis, "cyrillic-archival") == pytest.approx(
        dinglehopper_cer.character_error_rate(*normalised), abs=1e-9
    )
    assert metrics.word_error_rate(reference, hypothesis, "cyrillic-archival") == pytest.approx(
        dinglehopper_wer.word_error_rate(*normalised), abs=1e-9
    )


def test_archival_profile_forgives_typewriter_and_homoglyphs() -> None:
    reference = 'вопрос об"единения. Пак Хен Ен'
    hypothesis = "вопрос об \"единения.  Пaк Xен Eн"
    assert metrics.character_error_rate(reference, hypothesis) > 0
    assert metrics.character_error_rate(reference, hypothesis, "cyrillic-archival") == 0


def test_hand_counted_rates() -> None:
    assert metrics.character_error_rate("Сталину", "Ста1ину") == 1 / 7
    assert metrics.word_error_rate("тов. Сталин ему сказал", "тов Сталин сказал") == 1 / 4
    assert metrics.character_error_rate("", "x") == math.inf
    assert metrics.word_error_rate("", "") == 0


def test_fast_grapheme_split_matches_uniseg() -> None:
    alphabet = "аб йе \u0301\u0308\u0306\r\n\t🇩🇪👍🏽\u200d👨한ᄀ각क्षि\u0600a1.\ue000"
    rng = random.Random(11)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(30)))
        text = unicodedata.normalize("NFC", text)
        assert metrics.graphemes(text) == list(grapheme_clusters(text)), repr(text)


def test_micro_average_weights_by_reference_length() -> None:
    pairs = [(0.5, 10), (0.0, 30), (math.inf, 0)]
    assert metrics.micro_average(pairs) == pytest.approx(5 / 40)
    assert metrics.macro_average([(0.5, 10), (0.1, 30)]) == pytest.approx(0.3)
    assert metrics.micro_average([(0.0, 0)]) == 0
    assert metrics.micro_average([(math.inf, 0)]) == math.inf


def test_micro_average_equals_rate_of_concatenation() -> None:
    pages = [("Ким Ир Сен", "Ким Ир Сeн"), ("товарищ Сталин", "товарищ Стапин."), ("экз.", "экз.")]
    rates = [metrics.character_error_rate_n(ref, hyp) for ref, hyp in pages]
    joined = metrics.character_error_rate("".join(r for r, _ in pages), "".join(h for _, h in pages))
    assert metrics.micro_average(rates) == pytest.approx(joined)
