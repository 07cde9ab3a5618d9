"""A grid row read again keeps the reading that adds the names two readings give to one slot (readings from heavy
tuning pages)."""

from __future__ import annotations

import dataclasses

import numpy as np

from ocr import fields
from ocr.lines import Word, words_text
from ocr.preprocess import PreprocessedPage
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


def _page(image: np.ndarray) -> PreprocessedPage:
    return PreprocessedPage(image=image, stamp_image=None, stamp_boxes=[], rotation=0, rotation_confidence=0.0,
                            skew_deg=0.0, to_original=np.eye(3))


def test_a_row_read_whole_with_nothing_left_unread_is_settled():
    row = _reading("» № 3-т » № 9-т » № 15-т Зорину")
    parsed = fields.parse_grid_row(words_text(row))
    band = (0, 0, 700, 20)
    blank = np.full((20, 700), 255, np.uint8)
    assert _settled(_page(blank), row, parsed, 3, band, 10.0)
    inked = blank.copy()
    inked[5:15, 620:660] = 0  # a name's ink past the row's last word (ends at 590), no word over it
    assert not _settled(_page(inked), row, parsed, 3, band, 10.0)
    inked[5:15, 620:660], inked[8:12, 620:625] = 255, 0  # a speck
    assert _settled(_page(inked), row, parsed, 3, band, 10.0)
    assert not _settled(_page(blank), row, parsed, 4, band, 10.0)  # a slot fewer than the widest row
    misread = _reading("» № 3-т » № 9-т » № 15-т Зорин")  # a listed name a letter short
    assert not _settled(_page(blank), misread, fields.parse_grid_row(words_text(misread)), 3, band, 10.0)


def test_a_faint_name_only_the_grey_page_shows_leaves_the_row_in_doubt():
    row = _reading("» № 3-т » № 9-т » № 15-т")
    parsed, band = fields.parse_grid_row(words_text(row)), (0, 0, 700, 20)
    bitonal = np.full((20, 700), 255, np.uint8)
    for word in row:  # the printed slots, every one read
        bitonal[5:15, word.bbox[0] + 5:word.bbox[0] + 45] = 0
    grey = np.where(bitonal == 0, 40, 235).astype(np.uint8)
    grey[3:17, 3:525] = np.maximum(grey[3:17, 3:525], 190)  # the words' light rims, read with them
    assert _settled(dataclasses.replace(_page(bitonal), grey=grey), row, parsed, 3, band, 10.0)
    grey[5:15, 540:640] = 170  # a faint carbon's name the threshold dropped from the bitonal page
    assert not _settled(dataclasses.replace(_page(bitonal), grey=grey), row, parsed, 3, band, 10.0)
