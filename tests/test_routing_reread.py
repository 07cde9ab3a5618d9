"""The routing line's readings, each alone, merged field by field."""

from __future__ import annotations

from ocr.lines import Word
from ocr.routing import parse_routing
from ocr.routing_reread import agreed, routing_text


def _reading(text: str, confidence: float) -> list[Word]:
    return [Word(token, (40 * k, 0, 30, 30), confidence) for k, token in enumerate(text.split())]


def test_readings_agree_field_by_field():
    # as a moderate tuning page's routing line read: on the page, its time lost; alone, grey and enlarged, read right
    readings = [_reading("Из БУДАПЕШТА № _3686 пол. 11 ;-ыим, 678. 6/5 15 — 51. №. -4,", 49.6),
                _reading("Из Бу АпЕитА. м. 3686 “\" 11 “. ы = 6/5 19 51+ жый", 42.7),
                _reading("из ву мата 3686 “ 1 ы = 6/5 951 т =. №74:", 43.3),
                _reading("Из А. 3686 пол. _11 час. 50 мин. 6/5 19 51 т. та", 77.9)]
    assert agreed(readings) == {"origin": "БУДАПЕШТА", "telegram_number": "3686", "received_time": "11:50",
                                "received_date_raw": "6/5 19 51", "copy_number": 4}
    # a value one reading alone gives, less confidently than the page's reading, is no value
    assert "received_time" not in agreed([readings[0], _reading("Из А. 3686 пол. _11 час. 50 мин. 6/5 19 51 т. та", 40.0)])


def test_a_tie_goes_to_the_more_confident_readings():
    # a heavy tuning page: a slashed 30 read 39 twice, 30 twice; the copy ``1`` read ``}`` on the page
    page = "Из ПХЕНЬЯНА № 6551 пол. 16 час. 39 мин. 13/6 19 53 г э ю з. № }."
    found = agreed([_reading(page, 79.3), _reading(page, 79.3),
                    _reading("Из ПХЕНЬЯНА № 6551 пол. 16 час. 30 мин. 13/6 19 53 г. экз. № 1", 79.7),
                    _reading("Из ПХЕНЬЯНА № 6551 пол. 16 час. 30 мин. 13/6 19 53 г. экз. №", 83.4)])
    assert found["received_time"] == "16:30" and found["copy_number"] == 1  # read by one reading, more confident than the page


def test_the_form_line_written_with_agreed_values_parses_back():
    values = {"origin": "ПХЕНЬЯНА", "received_date_raw": "17/4 1951", "copy_number": 3}
    assert {k: v for k, v in vars(parse_routing(routing_text(values))).items() if v is not None} == values
