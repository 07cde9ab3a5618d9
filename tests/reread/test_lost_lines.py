"""Header lines the page's reading lost, read again from the rows of ink between the header block and the message."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from ocr import fields
from ocr.lines import Line, Role, Word
from ocr.preprocess import PreprocessedPage
from ocr.reread.lost_lines import ink_rows, read_lost_lines
from tests.builders import prepared

HEADER = Path(__file__).parent.parent / "resources" / "header"


def _line(text: str, role: Role, bbox: tuple[int, int, int, int]) -> Line:
    return Line(text, role, bbox=bbox, confidence=90.0, words=[Word(text.replace(" ", ""), bbox, 90.0)])


# A heavy tuning page (seed 1000, tg-01011) from its routing line to the message's first line, as the pipeline had it
# and read it: the faint ``Спец. № 8-94`` read as ``№ 8-94``, the letter-spaced ``Б О Г О М О Л О В У.`` as ``ВУ``.
ROUTING = _line("Из № 4109 пол. 03 час. 06 мин. 5/10 1952 экз. №", Role.ROUTING, (20, 14, 1609, 45))
SPECIAL = _line("№ 8-94", Role.OTHER, (209, 99, 185, 39))
LETTERS = _line("ВУ", Role.OTHER, (1255, 223, 78, 29))
BODY = _line("В связи с об\"явлением района порта закрытой зоной местные", Role.BODY, (213, 306, 1811, 68))


def _page() -> PreprocessedPage:
    return prepared(*(cv2.imread(str(HEADER / f"lost-addressee-heavy-{kind}.png"), cv2.IMREAD_GRAYSCALE)
                      for kind in ("bitonal", "grey")))


def test_a_special_number_read_without_its_label_is_read_from_its_row():
    again = read_lost_lines(_page(), [ROUTING, SPECIAL, LETTERS, BODY], "rus")
    assert [line.role for line in again] == [Role.ROUTING, Role.SPECIAL, Role.OTHER, Role.BODY]
    assert fields.parse_special_number(again[1].text) == "8-94"  # ``№ 8-94`` gives way to it
    assert again[2] is LETTERS  # the name's row on this crop: one reading of four near ``БОГОМОЛОВУ`` (``ВОГОМОЛОВУ.``), no name of one


def test_an_addressee_the_page_did_not_read_is_read_from_its_row(monkeypatch):
    # (the whole page read so, its row read across the page's wider typing: two readings gave ``БОГОМОЛОВУ.``)
    name, specks = [Word("БОГОМОЛОВУ.", (600, 220, 500, 30), 90.0)], [Word("ЕО:", (600, 220, 90, 30), 20.0)]
    monkeypatch.setattr("ocr.reread.lost_lines.read_each", lambda page, boxes, lang: [[specks, []], [name, specks, name]])
    again = read_lost_lines(_page(), [ROUTING, SPECIAL, LETTERS, BODY], "rus")
    assert [line.role for line in again] == [Role.ROUTING, Role.OTHER, Role.ADDRESSEE, Role.BODY]  # ``ВУ`` gives way
    assert again[2].text.replace(" ", "") == "БОГОМОЛОВУ."


def test_a_page_with_its_addressee_gets_none_more(monkeypatch):
    name = [Word("БОГОМОЛОВУ.", (600, 220, 500, 30), 90.0)]
    monkeypatch.setattr("ocr.reread.lost_lines.read_each", lambda page, boxes, lang: [[name, name] for _ in boxes])
    lines = [ROUTING, _line("Г Р О М Ы К О.", Role.ADDRESSEE, (800, 223, 400, 29)), BODY]
    assert read_lost_lines(_page(), lines, "rus") == lines


def test_a_name_one_reading_gives_is_none(monkeypatch):
    name, specks = [Word("БОГОМОЛОВУ.", (600, 220, 500, 30), 90.0)], [Word("ЕО:", (600, 220, 90, 30), 20.0)]
    monkeypatch.setattr("ocr.reread.lost_lines.read_each", lambda page, boxes, lang: [[name, specks, []] for _ in boxes])
    lines = [ROUTING, LETTERS, BODY]
    assert read_lost_lines(_page(), lines, "rus") == lines


def test_ink_rows_are_letter_high_runs_of_inked_rows():
    image = np.full((100, 50), 255, np.uint8)
    image[10:30, 5:40] = 200  # a faint row of typing: grey, not black
    image[50:53, :] = 0       # a rule, lower than half a letter
    image[56:60, 30:33] = 0   # a speck, narrower than half a letter
    image[70:90, 5:10] = 0
    image[70:90, 20:25] = 0   # a row of two letters
    assert ink_rows(image, (0, 0, 50, 100), 20.0) == [(5, 10, 35, 20), (5, 70, 20, 20)]


def test_a_row_joined_to_a_seal_below_is_read_as_its_own_line():
    # (seed 3000, heavy, tg-03006: ``Г Р О М Ы К О.`` beside a seal whose ring inks every pixel row down to the
    # message, one run three lines tall, read as noise)
    image = np.full((120, 300), 255, np.uint8)
    image[10:30, 20:260:20] = 0   # the name's letters, a letter high
    image[10:30, 21:261:20] = 0
    image[10:30, 22:262:20] = 0
    image[30:110, 200:206] = 0    # the ring's arcs down from the name's row
    image[30:110, 280:286] = 0
    image[60:80, 200:286] = 0     # the ring's legend
    assert ink_rows(image, (0, 0, 300, 120), 20.0) == [(20, 10, 223, 20), (200, 30, 86, 30), (200, 60, 86, 20), (200, 80, 86, 30)]


def test_a_dark_edge_down_the_gap_is_no_row():
    # (seed 8000, heavy, tg-08008: the scan's dark edge inked every pixel row of the gap, read as one row of noise)
    image = np.full((200, 300), 255, np.uint8)
    image[:, 0:30] = 40        # the scan's edge, down the whole gap
    image[80:120, 100:250] = 0  # the addressee's row
    assert ink_rows(image, (0, 0, 300, 200), 40.0) == [(100, 80, 150, 40)]


def test_readings_misreading_other_letters_of_a_listed_official_agree_on_him(monkeypatch):
    # (seed 9000, heavy, tg-09009: the faint ``З О Р И Н У.`` lost; its row read alone four ways, no two alike)
    readings = [[Word(text, (600, 220, 500, 30), 60.0)] for text in ("зЗзотРиИНУ. ` .", "ЗОРиИНУ. ` о", "а м", "ЗзЗОорРИНУ. с")]
    monkeypatch.setattr("ocr.reread.lost_lines.read_each", lambda page, boxes, lang: [readings for _ in boxes])
    again = read_lost_lines(_page(), [ROUTING, LETTERS, BODY], "rus")
    assert [line.role for line in again] == [Role.ROUTING, Role.ADDRESSEE, Role.BODY]
    assert fields.addressee_name(again[1].text) == "ЗОРИНУ"


def test_a_priority_lost_above_one_read_is_read_from_its_row(monkeypatch):
    # (seed 9000, heavy, tg-09004: ``М О Л Н И Я`` lost above the ``ОСОБО ВАЖНАЯ`` read; here on the rows of this crop)
    spelt = [Word("МОЛНИЯ", (900, 100, 300, 38), 80.0)]
    read = []
    monkeypatch.setattr("ocr.reread.lost_lines.read_each", lambda page, boxes, lang: read.extend(boxes) or [[spelt, [], spelt]])
    known = _line("ОСОБО ВАЖНАЯ", Role.PRIORITY, (900, 221, 300, 30))
    again = read_lost_lines(_page(), [ROUTING, known, BODY], "rus")
    assert [line.role for line in again] == [Role.ROUTING, Role.PRIORITY, Role.PRIORITY, Role.BODY] and again[2] is known
    assert again[1].text == "МОЛНИЯ" and len(read) == 1  # the row the priority read covers is not read again
