"""Of the readings of a footer line, the one most readings agree with is kept (readings from heavy tuning pages)."""

from __future__ import annotations

from ocr.lines import Word
from ocr.reread.footer import choose


def _reading(*words: tuple[str, float]) -> list[Word]:
    return [Word(text, (40 * k, 0, 30, 20), confidence) for k, (text, confidence) in enumerate(words)]


def test_the_reading_most_readings_agree_with_is_kept():
    page = _reading(("71", 93), ("экз.", 95), ("лк", 96))  # a speck read as a second digit
    again = [_reading(("7", 81), ("экз.", 81), ("лк", 91)), _reading(("`7.зкз.", 0), ("лк", 86)),
             _reading(("7", 61), ("экз.", 95), ("лк", 90))]
    assert choose([page] + again) in (1, 3)


def test_a_value_read_once_is_taken_from_the_most_confident_reading():
    page = _reading(("Отеч.", 60), ("38/44.", 20), ("32", 30))  # read as no date and time
    again = [_reading(("озиеч.", 34), ("28/4.4.32", 10)), _reading(("Озиеч.", 17), ("28/4-4.32", 44)),
             _reading(("Отпеч.", 28), ("18/4-4.32", 85))]
    assert choose([page] + again) == 3


def test_the_page_reading_stays_when_no_other_is_better_supported():
    page = _reading(("Отпеч.", 86), ("2/11-5.38", 85))
    again = [_reading(("Отпеч.", 85), ("2/11-5.38", 86)), _reading(("Отпеч.", 88), ("2/11-6.38", 86)),
             _reading(("Отпеч.", 88), ("2/11-6.38", 83))]
    assert choose([page] + again) == 0
    assert choose([_reading(("почтой", 90))] + [_reading(("почтой.", 95))] * 3) == 0  # no footer field at all


def test_a_signature_keeps_its_name_as_the_page_read_it():
    # read alone, a letter-spaced name comes out alike and wrong (``БОПРОВ``); only the date is voted on
    page = _reading(("2/1-48", 89), ("г.", 96), ("Б", 90), ("О", 90), ("Д", 90), ("Р", 90), ("О", 90), ("В", 90))
    again = [_reading(("2/1-48", 89), ("г.", 96), ("БОПРОВ", 58))] * 2 + [_reading(("2/1-48", 80), ("г.", 90))]
    assert choose([page] + again) == 0
    assert choose([_reading(("а", 40), ("51", 50), ("г.", 60))] + again) in (1, 2, 3)  # a date the page did not read
