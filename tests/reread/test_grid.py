"""A grid row read again keeps the reading that adds the names two readings give to one slot (readings from heavy
tuning pages)."""

from __future__ import annotations

from ocr import fields
from ocr.lines import Line, Role, Word, words_text
from ocr.reread import grid as grid_reread
from ocr.reread.grid import fuller


def _reading(text: str) -> list[Word]:
    return [Word(word, (60 * k, 0, 50, 20), 80.0) for k, word in enumerate(text.split())]


def test_a_faint_name_two_readings_spell_alike_is_taken():
    # tg-08004: the page read the faint ``Вышинскому`` as ``В:нвнткому``; read again, the grey readings give it with a
    # letter misread and whole: the corrector spells both alike
    page = _reading("» № З-т » № 9-т » № 15-т В:нвнткому")
    again = [_reading("» №3т » № Эт » № 15-т В-швнткому"), _reading("» № 3-т » № 9-т » № 15-т В-пинткому -"),
             _reading("» № 3-т » № 9-т » № 15-т Вышанскому"), _reading("» № З-т » № 9-т » № 15-т Вышинскому")]
    assert fuller([page] + again) == 3


def test_names_no_two_readings_agree_on_are_none():
    # tg-08010, a violet carbon: ``Микояну`` read ``Мико`` and ``Микоя``, ``Громыко`` as letters no name spells
    page = _reading("» № 10-т » № 17-т")
    again = [_reading("» № 3-т » № 10-т » № 17-т Мико"), _reading("» № 3-т » № 10-т » № 17-т Микоя")]
    assert fuller([page] + again) == 0
    page = _reading("» № И-т » № 18-т")
    assert fuller([page, _reading("» № 4-т » № 11-т » № 18-т СУЬТК"), _reading("» № 4-т » № 11-т » № 18-т ГрФмыхк")]) == 0


def test_a_reading_that_loses_a_slot_or_a_name_the_page_read_is_not_kept():
    page = _reading("» № 2-т » № 8-т » № 14-т Кагановичу")
    assert fuller([page, _reading("» № 2-т » № 14-т Зорину"), _reading("» № 2-т » № 14-т Зорину")]) == 0
    page = _reading("» № 3-т » № 9-т » № 15-т")
    assert fuller([page, _reading("» № 3-т » № 15-т Зорину"), _reading("» № 3-т » № 15-т Зорину")]) == 0
    assert fuller([page, _reading("» № 3-т » № 9-т » № 15-т Зорину"), _reading("» № 3-т » № 9-т » № 15-т Зорину")]) == 1


def test_a_name_the_page_lost_letters_of_is_taken_whole():
    # clean tuning tg-08010: the page read ``Зорин`` for ``Зорину``; read again, two readings give it whole, two ``орину``
    # (``Зорин`` is listed now, and the page's own reading gives its dative: a name the period's list lacks here)
    page = _reading("» № 2-т » № 9-т » № 16-т Филиппов")
    again = [_reading("» № 2-т » № 9-т » № 16-т илиппову"), _reading("» № 2-т » № 9-т » № 16-т филиппову"),
             _reading("» № 2-т » № 9-т » № 16-т илиппову"), _reading("» № 2-т » № 9-т » № 16-т филиппову")]
    assert fuller([page] + again) == 2
    assert fuller([page, _reading("» № 2-т » № 9-т » № 16-т Филиппову")]) == 0  # one reading alone
    assert fuller([page, _reading("» № 2-т » № 9-т » № 16-т Филиппов")]) == 0  # nothing more read
    # moderate: its first letter lost, ``Илиппову``
    assert fuller([_reading("» № 2-т » № 9-т » № 16-т Илиппову")] + again) == 2


def test_a_listed_name_two_readings_give_replaces_a_name_the_page_misread():
    # heavy tg-08010: the page read ``Громыко`` as ``Сромык``, two letters off it; read again, ``Громыко`` and ``Громык``
    page = _reading("» № 4-т » № И-т » № 18-т Сромык")
    again = [_reading("» №4-т о № И-т о» № 18-1 Громыко"), _reading("» № 4-Тт » № 11-Т » № 18-т Гр®мыко"),
             _reading("» № 4-т » № 11-т » № 18-т СУ СУАЕТК"), _reading("» № 4-т » № 11-т » № 18-т Громык")]
    assert fuller([page] + again) == 1
    assert fuller([page] + again[:3]) == 0  # one reading alone
    # a listed name the page read stays
    assert fuller([_reading("» № 4-т » № 11-т » № 18-т Зорину"), again[0], again[3]]) == 0


def test_rows_are_read_again_from_the_forms_left_edge(monkeypatch):
    # tg-08008 (heavy, seed 8000): the page reading lost the grid's whole first column, its rows begin at the second;
    # read again from where the routing line begins, a row gives the first column's slot and the name beside it
    asked = []

    def read_each(page, boxes, lang):
        asked.extend(boxes)
        return [[], [_reading("» № 2-т Зорину » № 8-т » № 14-т")] * 2]

    monkeypatch.setattr(grid_reread, "read_each", read_each)
    rows = [Line(text, role, bbox=box, words=[Word(text, box, 90.0)]) for text, role, box in [
        ("Экз. № 7-1 Экз. № 13-т", Role.GRID, (1354, 944, 483, 50)),
        ("Зорину » № 8-т » № 14-т", Role.GRID, (1045, 1016, 731, 60)),
        ("Из ПРАГИ № 7780", Role.ROUTING, (369, 1500, 1500, 50))]]
    lines = grid_reread.reread_grid(None, rows, "rus")
    assert [box[0] for box in asked] == [369, 369]
    assert fields.parse_grid_row(words_text(lines[1].words)) == [(2, "Зорину"), (8, None), (14, None)]
