"""A grid row read again keeps the reading that adds the names two readings give to one slot (readings from heavy
tuning pages)."""

from __future__ import annotations

import dataclasses

import numpy as np

from ocr import fields
from ocr.lines import Line, Role, Word, words_text
from ocr.preprocess import PreprocessedPage
from ocr.reread import grid as grid_reread
from ocr.reread.grid import _settled, fuller


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


def _page(image: np.ndarray) -> PreprocessedPage:
    return PreprocessedPage(image=image, stamp_image=None, stamp_boxes=[], rotation=0, rotation_confidence=0.0,
                            skew_deg=0.0, to_original=np.eye(3))


def test_a_row_read_whole_with_nothing_left_unread_is_settled():
    row = _reading("» № 3-т » № 9-т » № 15-т Зорину")
    band = (0, 0, 700, 20)
    blank = np.full((20, 700), 255, np.uint8)
    assert _settled(_page(blank), row, row, 3, band, 10.0)
    inked = blank.copy()
    inked[5:15, 620:660] = 0  # a name's ink past the row's last word (ends at 590), no word over it
    assert not _settled(_page(inked), row, row, 3, band, 10.0)
    inked[5:15, 620:660], inked[8:12, 620:625] = 255, 0  # a speck
    assert _settled(_page(inked), row, row, 3, band, 10.0)
    assert not _settled(_page(blank), row, row, 4, band, 10.0)  # a slot fewer than the widest row
    misread = _reading("» № 3-т » № 9-т » № 15-т Зорин")  # a listed name a letter short
    unsure = row[:-1] + [Word("В:нвнткому", row[-1].bbox, 0.0)]  # s8000 heavy tg-08004: a faint name, no name parsed
    assert not _settled(_page(blank), unsure, unsure, 3, band, 10.0)
    assert not _settled(_page(blank), misread, misread, 3, band, 10.0)


def test_a_faint_name_only_the_grey_page_shows_leaves_the_row_in_doubt():
    row = _reading("» № 3-т » № 9-т » № 15-т")
    band = (0, 0, 700, 20)
    bitonal = np.full((20, 700), 255, np.uint8)
    for word in row:  # the printed slots, every one read
        bitonal[5:15, word.bbox[0] + 5:word.bbox[0] + 45] = 0
    grey = np.where(bitonal == 0, 40, 235).astype(np.uint8)
    grey[3:17, 3:525] = np.maximum(grey[3:17, 3:525], 190)  # the words' light rims, read with them
    assert _settled(dataclasses.replace(_page(bitonal), grey=grey), row, row, 3, band, 10.0)
    grey[5:15, 540:640] = 170  # a faint carbon's name the threshold dropped from the bitonal page
    assert not _settled(dataclasses.replace(_page(bitonal), grey=grey), row, row, 3, band, 10.0)


def test_a_row_whose_first_column_the_page_lost_is_in_doubt():
    # every row lost its first column alike (its slots as many as the widest row's): the band from the form's left
    # edge holds the lost column's ink, which no word covers
    row = [Word(w.text, (w.bbox[0] + 200, *w.bbox[1:]), w.confidence) for w in _reading("» № 8-т » № 14-т Зорину")]
    band = (0, 0, 900, 20)
    blank = np.full((20, 900), 255, np.uint8)
    assert _settled(_page(blank), row, row, 2, band, 10.0)
    blank[5:15, 20:160] = 0  # the first column's slot and name, read as a picture
    assert not _settled(_page(blank), row, row, 2, band, 10.0)
