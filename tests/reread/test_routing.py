"""The routing line's readings, each alone, merged field by field."""

from __future__ import annotations

from ocr.lines import Word
from ocr.reread.routing import agreed, routing_text
from ocr.routing import parse_routing


def _reading(text: str, confidence: float | list[float]) -> list[Word]:
    tokens = text.split()
    confidences = confidence if isinstance(confidence, list) else [confidence] * len(tokens)
    return [Word(token, (40 * k, 0, 30, 30), conf) for k, (token, conf) in enumerate(zip(tokens, confidences, strict=True))]


def test_readings_agree_field_by_field():
    # as a moderate tuning page's routing line read: on the page, its time lost; alone, grey and enlarged, read right
    readings = [_reading("Из БУДАПЕШТА № _3686 пол. 11 ;-ыим, 678. 6/5 15 — 51. №. -4,", 49.6),
                _reading("Из Бу АпЕитА. м. 3686 “\" 11 “. ы = 6/5 19 51+ жый", 42.7),
                _reading("из ву мата 3686 “ 1 ы = 6/5 951 т =. №74:", 43.3),
                _reading("Из А. 3686 пол. _11 час. 50 мин. 6/5 19 51 т. та", 77.9)]
    assert agreed(readings) == {"origin": "БУДАПЕШТА", "telegram_number": "3686", "received_time": "11:50",
                                "received_date_raw": "6/5 19 51", "copy_number": 4}
    # a value the page lacks read by words below VALUE_CONFIDENCE is no value
    assert "received_time" not in agreed([readings[0], _reading("Из А. 3686 пол. _11 час. 50 мин. 6/5 19 51 т. та", 30.0)])


def test_an_empty_field_is_not_filled_from_a_speck_read_alike_twice():
    # a heavy tuning page (received 18:01, № 778): the page's reading lacks time and number; two readings read
    # the minutes' ``01`` as ``В`` (8) at confidence 0 and 6, the most confident one reads ``91`` (01) at 91
    readings = [_reading("Из. № ..час....8. мин... 4/4 19 22. т. экз. №3.", [93, 79, 0, 71, 71, 88, 28, 28, 96, 45]),
                _reading("Из. ТАКИВ. № .118.пол. 18. час...В мин... 4/4 19 Я2_т. экз. №3.", [93, 30, 79, 33, 0, 0, 59, 93, 81, 0, 87, 38]),
                _reading("Из. ТЕКИВ № 778 пол. 18 час. В мин. 3/4 19 12 т экз. №3.", [86, 16, 95, 11, 43, 75, 65, 6, 76, 59, 94, 20, 61, 69, 26]),
                _reading("Из. ТОКИО № 778 пол. 18 час. 91 мин. 414 19 в т экз №3", [92, 69, 95, 86, 95, 76, 87, 63, 70, 89, 91, 0, 8, 8, 46])]
    found = agreed(readings)
    assert found["received_time"] == "18:01" and found["telegram_number"] == "778"  # not 18:08, read twice from a speck
    assert found["received_date_raw"] == "4/4 19 22" and found["copy_number"] == 3


def test_a_tie_goes_to_the_more_confident_readings():
    # a heavy tuning page: a slashed 30 read 39 twice, 30 twice; the copy ``1`` read ``}`` on the page
    page = "Из ПХЕНЬЯНА № 6551 пол. 16 час. 39 мин. 13/6 19 53 г э ю з. № }."
    found = agreed([_reading(page, 79.3), _reading(page, 79.3),
                    _reading("Из ПХЕНЬЯНА № 6551 пол. 16 час. 30 мин. 13/6 19 53 г. экз. № 1", 79.7),
                    _reading("Из ПХЕНЬЯНА № 6551 пол. 16 час. 30 мин. 13/6 19 53 г. экз. №", 83.4)])
    assert found["received_time"] == "16:30" and found["copy_number"] == 1  # the copy read by one reading, confidently


def test_the_form_line_written_with_agreed_values_parses_back():
    values = {"origin": "ПХЕНЬЯНА", "received_date_raw": "17/4 1951", "copy_number": 3}
    assert {k: v for k, v in vars(parse_routing(routing_text(values))).items() if v is not None} == values
