"""Field parsers accept the archive's spelling and Tesseract's misreadings of it."""

from __future__ import annotations

import pytest

from ocr import fields
from ocr.assemble import join_lines


@pytest.mark.parametrize("text, expected", [
    ("В Ы Ш И Н С К О М У.", "ВЫШИНСКОМУ."),
    ("О С О Б А Я", "ОСОБАЯ"),
    ("В Е С Ь М А  С Р О Ч Н О", "ВЕСЬМА СРОЧНО"),
    ("ВНЕ ОЧЕРЕДИ", "ВНЕ ОЧЕРЕДИ"),
])
def test_collapse_spacing(text, expected):
    assert fields.collapse_spacing(text) == expected


@pytest.mark.parametrize("text", [
    "Из ПХЕНЬЯНА № 2029 пол. 18 час. 50 мин. 19/ 19 50 т. экз. № 3",
    "Из ПХЕНЬЯНА Ns 2029 пол. 18 час. 50 мин. 19/ 19 50 т. Зкз. № 3",
    "Из ПХEНЬЯНА N 2029 пол. 18 чаc. 50 мин. 19/ 19 50 т. экз. N 3",
])
def test_routing_line_tolerates_ocr_errors(text):
    routing = fields.parse_routing(text)
    assert routing.origin in ("ПХЕНЬЯНА", "ПХEНЬЯНА")
    assert routing.telegram_number == "2029"
    assert routing.received_time == "18:50"
    assert routing.received_date_raw == "19/ 19 50"
    assert routing.copy_number == 3


def test_grid_row_recipients_and_misread_slots():
    assert fields.parse_grid_row("Экз. № 1-РАЗМЕТКА Экз. № 8-т Кагановичу Экз. № 15-т") == [
        (1, "РАЗМЕТКА"), (8, "Кагановичу"), (15, None)]
    assert fields.parse_grid_row("» № З-т » № 10-т Вышинскому » № 17-т") == [(3, None), (10, "Вышинскому"), (17, None)]
    assert [c for c, _ in fields.parse_grid_row("» № бт» № 13-ть» № 20-т")] == [6, 13, 20]


@pytest.mark.parametrize("text, vocabulary, expected", [
    ("ШИФРТЕЛЕГРАМА", fields.FORM_TITLES, "Шифртелеграмма"),
    ("Cтрого секретно", fields.CLASSIFICATIONS, "Строго секретно"),
    ("Совершенно секретно", fields.CLASSIFICATIONS, "Совершенно секретно"),
    ("В Н Е  О Ч Е Р Е Д И", fields.PRIORITIES, "ВНЕ ОЧЕРЕДИ"),
    ("Сообщаю о настроениях", fields.PRIORITIES, None),
])
def test_best_match(text, vocabulary, expected):
    assert fields.best_match(text, vocabulary) == expected


def test_signature_footer_special():
    assert fields.parse_signature("19/1-50 г. Ш Т Ы К О В") == ("ШТЫКОВ", "19/1-50 г.")
    assert fields.parse_signature("19 / 1-50 г. ШТЫКОВ") == ("ШТЫКОВ", "19/1-50 г.")
    assert fields.parse_signature("Сообщаю о настроениях") is None
    assert fields.parse_footer_line("11 экз. нб") == {"copies_printed": 11, "typist": "нб"}
    assert fields.parse_footer_line("Выпустил Абрамкин") == {"released_by": "Абрамкин"}
    assert fields.parse_special_number("Спец. № 47-51") == "47-51"
    assert fields.parse_special_number("Cпец. Ns 47 - 51") == "47-51"


def test_join_lines_rejoins_hyphenated_words():
    assert join_lines(["как корейскому, так и китай-", "скому народам."]) == "как корейскому, так и китайскому народам."
    assert join_lines(["Мао Цзе-дун", "его друг"]) == "Мао Цзе-дун его друг"
    assert join_lines(["в 1949 году -", "о чем"]) == "в 1949 году - о чем"
