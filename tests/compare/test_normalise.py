"""Normalisation rules, one behaviour per test."""

from __future__ import annotations

import unicodedata

import pytest

from ocr.compare.normalise import PROFILES, normalise

ARCHIVAL = "cyrillic-archival"


def test_strict_is_nfc_only() -> None:
    assert [rule.name for rule in PROFILES["strict"].rules] == ["nfc"]
    assert normalise("КОПИ\u0306  e\u0301") == "КОПЙ  é"
    assert normalise('Пaк об"единения ё') == 'Пaк об"единения ё'


def test_every_rule_is_described_for_the_report() -> None:
    for profile in PROFILES.values():
        assert all(rule.name and rule.description for rule in profile.rules)
        assert profile.rules[0].name == "nfc"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Пaк Xен Eн", "Пак Хен Ен"),  # Latin a, X, E among Cyrillic
        ("KНДР", "КНДР"),
        ("CCCР", "СССР"),  # enough Cyrillic to decide
        ("ТOВ. CТAЛИН", "ТОВ. СТАЛИН"),
        ("N 986 OK", "N 986 OK"),  # all-Latin words stay Latin
        ("Rим", "Rим"),  # R has no Cyrillic twin: a genuinely mixed word is left alone
        ("2029-Й", "2029-Й"),
    ],
)
def test_latin_homoglyphs_inside_cyrillic_words(text: str, expected: str) -> None:
    assert normalise(text, ARCHIVAL) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('об"единения', "объединения"),
        ('об "единения', "объединения"),  # stray space after the prefix
        ('ОБ"ЕДИНЕНИЕ', "ОБЪЕДИНЕНИЕ"),
        ('с"езд', "съезд"),
        ('под "ездом', "подъездом"),
        ('сказал "ещё', 'сказал "еще'),  # a quotation, not a prefix
        ('в "ежедневной', 'в "ежедневной'),  # в is a preposition here
        ('газета "Юманите"', 'газета "Юманите"'),
        ('об"а', 'об"а'),  # ъ never stands before а
    ],
)
def test_typewriter_quote_becomes_hard_sign(text: str, expected: str) -> None:
    assert normalise(text, ARCHIVAL) == expected


def test_yo_becomes_ye_in_both_cases() -> None:
    assert normalise("Ким Ир Сёну, ЁЖ, е\u0308ж", ARCHIVAL) == "Ким Ир Сену, ЕЖ, еж"


def test_whitespace_collapses_and_strips() -> None:
    assert normalise("  Ким\n\n Ир\tСен \u00a0 \r\n", ARCHIVAL) == "Ким Ир Сен"


def test_archival_output_is_nfc_and_idempotent() -> None:
    text = 'Ë об "е\u0308диный КОПИ\u0306 Пaк\n\n e\u0301'
    once = normalise(text, ARCHIVAL)
    assert unicodedata.is_normalized("NFC", once)
    assert normalise(once, ARCHIVAL) == once


def test_unknown_profile_is_an_error() -> None:
    with pytest.raises(ValueError, match="cyrillic-archival"):
        normalise("x", "loose")
