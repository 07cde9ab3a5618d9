"""Of the readings of a footer line, the one most readings agree with is kept (readings from heavy tuning pages)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from ocr import footer, signer
from ocr.lines import Line, Role, Word
from ocr.preprocess import PreprocessedPage
from ocr.recognize import standing_ink
from ocr.reread.footer import choose, reread_footer
from tests.builders import prepared


def _reading(*words: tuple[str, float]) -> list[Word]:
    return [Word(text, (40 * k, 0, 30, 20), confidence) for k, (text, confidence) in enumerate(words)]


def test_the_reading_most_readings_agree_with_is_kept():
    page = _reading(("71", 93), ("экз.", 95), ("лк", 96))  # a speck read as a second digit
    again = [_reading(("7", 81), ("экз.", 81), ("лк", 91)), _reading(("`7.зкз.", 0), ("лк", 86)),
             _reading(("7", 61), ("экз.", 95), ("лк", 90))]
    assert choose([page] + again) in (1, 3)


def test_a_zero_read_as_a_figure_by_some_readings_backs_those_reading_it_zero():
    # heavy tg-05008 (s5000): ``10 экз. нб`` typed with a slashed zero, read ``16`` by the page and two readings
    # more confidently than ``10`` by the other two: a plain 0 is never read for a 6, a slashed one is for a 0
    page = _reading(("16", 67), ("экз.", 90), ("нб", 88))
    again = [_reading(("10", 74), ("экз.", 93), ("нб", 89)), _reading(("16", 96), ("экз.", 93), ("нб", 86)),
             _reading(("10", 81), ("экз.", 93), ("нб", 91)), _reading(("16", 91), ("экз.", 93), ("нб", 91))]
    assert choose([page] + again) in (1, 3)
    assert choose([_reading(("10", 67), ("экз.", 90), ("нб", 88))] + again) == 0  # the page read it 0: kept


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


def test_the_bitonal_readings_err_alike_and_unsurely_and_do_not_outvote_the_grey_read_surely():
    # heavy tuning pages (seed 1000 tg-01011, seed 9000 tg-09006): the page's own reading, then the line read alone
    # bitonal, enlarged, grey and grey smoothed, then across its row's ink the same four ways
    printed = [[("Отпеч.", 86), ("65/10-23.42", 35)], [("Отпеч,", 82), ("65/10-23.42", 66)],
               [("Отпен.", 54), ("5/10-23.42", 67)], [("`Отпеч.", 18), ("6/10-23.42.", 66)],
               [("Отпеч.", 91), ("6/10-23.42", 92)], [("_", 0), ("Отпеч,", 64), ("5/10-23.42", 34)],
               [("т.", 0), ("Отпеч.", 71), ("65/10-23.42", 44)], [("0", 0), ("Отеч.", 0), ("6/10-23.42_", 31)],
               [(".", 0), ("Отпеч.", 90), ("6/10-23.42", 91)]]
    assert choose([_reading(*words) for words in printed]) in (3, 4, 8)
    printed = [[("отпеч.", 48), ("21/4-3.20", 10)], [("Отпеч.", 38), ("21/4-3.20", 50)], [("отпеч.", 29), ("21/4-%.20", 57)],
               [("Отпеч.", 60), ("21/4-1.20", 69)], [("Отпеч.", 68), ("21/4.1.20", 69)], [("Отпеч.", 38), ("21/4-3.20", 50)],
               [("°", 23), ("Ютлеч.", 15), ("21/4-%.20.", 22)], [("Отпеч.", 60), ("21/4-1.20", 69)],
               [("Отлеч.", 42), ("21/4.-1.20", 61)]]
    assert choose([_reading(*words) for words in printed]) in (3, 7)


def test_a_signature_keeps_its_name_as_the_page_read_it():
    # read alone, a letter-spaced name comes out alike and wrong (``БОПРОВ``); only the date is voted on
    page = _reading(("2/1-48", 89), ("г.", 96), ("Б", 90), ("О", 90), ("Д", 90), ("Р", 90), ("О", 90), ("В", 90))
    again = [_reading(("2/1-48", 89), ("г.", 96), ("БОПРОВ", 58))] * 2 + [_reading(("2/1-48", 80), ("г.", 90))]
    assert choose([page] + again) == 0
    assert choose([_reading(("а", 40), ("51", 50), ("г.", 60))] + again) in (1, 2, 3)  # a date the page did not read


FOOTERS = Path(__file__).parent.parent / "resources" / "footer"


def _page(name: str) -> PreprocessedPage:
    image = cv2.imread(str(FOOTERS / f"{name}.png"), cv2.IMREAD_GRAYSCALE)
    return prepared(image)


def _reread_footer(page: PreprocessedPage, lines: list[Line], lang: str) -> list[Line]:
    """:func:`reread_footer` of ``page`` read as ``lines``: its standing ink measured by their letters."""
    return reread_footer(replace(page, standing=standing_ink(page.image, [w for line in lines for w in line.words])), lines, lang)


def _line(role: Role, *words: tuple[str, tuple[int, int, int, int], float]) -> Line:
    return Line(text="", role=role).read_as([Word(text, bbox, confidence) for text, bbox, confidence in words])


def test_a_signatures_date_left_out_beside_the_scrawl_over_its_name_is_read():
    # the page reading of a heavy tuning page (tg-03009): the scrawl over ``Ш Т Ы К О В`` boxed across the
    # signature's row (``С А У С``), so no band of that row was left unread, and ``1/7-51 г.`` was never read
    lines = [_line(Role.BODY, ("никаки.", (284, 22, 160, 22), 90), ("списков", (484, 22, 166, 22), 95),
                   ("не", (686, 23, 39, 18), 96), ("передавать", (760, 22, 240, 28), 97)),
             _line(Role.SIGNATURE, ("САУС", (1203, 53, 384, 95), 39)),
             _line(Role.FOOTER, ("Отпе", (284, 229, 57, 24), 64), ("2%", (519, 230, 28, 25), 80)),
             _line(Role.FOOTER, ("Разослано", (283, 264, 150, 28), 93), ("1/7/36", (453, 266, 96, 25), 90)),
             _line(Role.OTHER, ("Выпус", (285, 307, 78, 27), 84), ("и", (385, 311, 11, 14), 73))]
    read = _reread_footer(_page("heavy-tg-03009-tail"), lines, "rus")
    assert signer.signature(read).date_raw == "1/7-51 г."
    assert signer.signature(read).name == "ШТЫКОВ"  # under the scrawl: its grey type read darkened
    assert footer.footer(read).distributed_raw == "Разослано 1/7/36"


def test_the_signature_is_looked_for_below_the_message_when_no_line_was_read_as_it():
    # heavy tuning tg-03007: below the message the page reading kept only a scrawl-like ``ПузкК`` over the name
    lines = [_line(Role.BODY, ("восстановления", (224, 17, 277, 20), 85), ("рудников,", (530, 17, 172, 23), 91),
                   ("разрушенных", (734, 17, 217, 25), 44), ("во", (980, 20, 32, 17), 75), ("время", (1041, 18, 93, 22), 44)),
             _line(Role.BODY, ("ПузкК", (973, 89, 136, 24), 13))]
    read = _reread_footer(_page("heavy-tg-03007-tail"), lines, "rus")
    assert signer.signature(read).date_raw == "25/11-47 г."
    assert read[0].role is Role.BODY


def test_a_signature_line_beside_a_corner_of_the_pages_dark_edge_is_found_and_its_date_read_alone():
    # heavy tuning tg-08010, page 2: the page reading left ``3/6-51 г.    Р О Щ И Н`` out; a piece of the page's dark
    # edge at the right inked every row from the message down to it (too short to run down the page), so the rows
    # below the message made one band too tall to be lines; read in its strip, the faint date reads ``3165-51 г,``
    lines = [_line(Role.BODY, ("цепесообразным", (159, 91, 308, 37), 52), ("заявить", (492, 98, 150, 22), 56),
                   ("протест", (671, 100, 151, 25), 96), ("и", (849, 101, 17, 19), 96), ("поручить", (893, 96, 172, 26), 93),
                   ("консулу", (1093, 91, 151, 37), 91), ("до", (1269, 91, 43, 33), 96), ("получения", (1337, 97, 195, 33), 96)),
             _line(Role.BODY, ("указаний", (161, 145, 171, 32), 93), ("ннгахкни", (361, 152, 147, 16), 18), ("сан", (539, 153, 58, 16), 34),
                   ("-в", (657, 151, 29, 15), 32), ("н", (717, 151, 37, 19), 51), ("передавать.", (782, 151, 233, 24), 73)),
             _line(Role.FOOTER, ("14", (162, 301, 30, 21), 72), ("Экз.", (216, 304, 65, 18), 63)),
             _line(Role.FOOTER, ("зерно:", (160, 371, 103, 20), 79))]
    read = _reread_footer(_page("heavy-tg-08010-tail"), lines, "rus")
    assert signer.signature(read).date_raw == "3/6-51 г."
    assert [line.role for line in read[:2]] == [Role.BODY, Role.BODY]
    assert footer.footer(read).copies_printed == 14


# The typist's initials of tuning pages' footers as the page read them, and what reading them alone gives.
TYPISTS = {
    # moderate tg-03010: ``4 экз. мп`` read ``м`` (at 96) in the page and in every reading of the line
    "moderate-tg-03010-footer": (
        [(("4", (127, 21, 15, 18), 97), ("экз.", (159, 24, 53, 16), 95), ("м", (232, 24, 29, 16), 96)),
         (("Отпеч.", (127, 50, 85, 19), 91), ("22/11-4.53", (233, 49, 147, 20), 92)),
         (("Разослано", (129, 79, 133, 19), 97), ("21/11/42", (277, 77, 119, 21), 97)),
         (("Выпустил", (128, 107, 118, 24), 97), ("Сорокин", (263, 109, 102, 24), 97))],
        {"copies_printed": 4, "typist": "мп", "printed_raw": "Отпеч. 22/11-4.53"}),
    # heavy tg-08001: ``9 экз. мп`` read ``9 кз м`` (its э lost, so no word of three letters gives the line's
    # pitch), ``м`` boxed over both letters; the other footer lines give it
    "heavy-tg-08001-footer": (
        [(("9", (22, 22, 18, 26), 95), ("кз", (89, 27, 37, 20), 94), ("м", (172, 27, 41, 18), 94)),
         (("Отеч.", (22, 63, 119, 26), 0), ("18/12-16.19", (177, 61, 232, 32), 82)),
         (("Разослан”", (24, 111, 166, 27), 50), ("17/12/52", (241, 109, 167, 31), 95)),
         (("Выпустил", (23, 157, 167, 24), 92), ("Зайцева", (219, 155, 145, 29), 77))],
        {"copies_printed": 9, "typist": "мп"}),
    # heavy tg-01004 (s1000): ``11 экз. нб`` read ``иб`` at 85 by the page and the line alone; its initials read
    # alone with lower-case letters only read ``нб`` three times of four
    "heavy-tg-01004-footer": (
        [(("11", (131, 34, 34, 32), 78), ("экз.", (191, 30, 75, 47), 90), ("иб", (295, 35, 41, 32), 85)),
         (("Отиеч.", (128, 83, 118, 30), 50), ("26/8-22.32", (274, 78, 208, 35), 92)),
         (("Разослано", (128, 128, 187, 33), 74), ("25/8/15", (337, 127, 146, 39), 96)),
         (("Выпустил", (128, 182, 167, 38), 96), ("Петрова", (317, 184, 144, 33), 96))],
        {"copies_printed": 11, "typist": "нб", "released_by": "Петрова"}),
}


@pytest.mark.parametrize("name", TYPISTS)
def test_the_typists_initials_misread_by_the_page_are_read_alone(name):
    rows, expected = TYPISTS[name]
    found = footer.footer(_reread_footer(_page(name), [_line(Role.FOOTER, *row) for row in rows], "rus"))
    assert {field: getattr(found, field) for field in expected} == expected


def test_a_footer_label_read_unsurely_after_a_speck_is_still_the_label():
    # an unread band of a heavy page read ``] Разослано`` with the label at 21
    assert footer.typed_text("", [("]", 63.0), ("Разослано", 21.0), ("1/7/36", 90.0)]) == ("] Разослано 1/7/36", [])
    assert footer.typed_text("", [("Разослано", 90.0), ("Оооо", 20.0)]) == ("Разослано", ["Оооо"])


def test_verno_beside_a_scrawl_under_the_last_footer_line_is_read_and_the_scrawl_left_out():
    # moderate tuning tg-01009: ``Верно:`` with a pen's scrawl beside it, skipped by the page reading, just under
    # ``Выпустил Кудрявцев``; a strip taking in the line above reads that line instead
    lines = [_line(Role.BODY, ("списков", (148, 10, 143, 16), 96), ("не", (318, 10, 37, 15), 97), ("передавать.", (382, 10, 223, 20), 95)),
             _line(Role.SIGNATURE, ("1/11-52", (149, 83, 142, 26), 92), ("г.", (320, 93, 30, 14), 96), ("54", (936, 38, 98, 81), 10),
                   ("УВ", (1067, 38, 176, 81), 29)),
             _line(Role.FOOTER, ("14", (149, 160, 30, 20), 96), ("экз.", (201, 164, 63, 15), 95), ("ав", (289, 164, 31, 15), 97)),
             _line(Role.FOOTER, ("Отпеч.", (147, 195, 100, 18), 90), ("2/11-10.43", (272, 192, 173, 23), 89)),
             _line(Role.FOOTER, ("Разослано", (147, 231, 158, 18), 93), ("1/11/13", (326, 228, 119, 23), 92)),
             _line(Role.FOOTER, ("Выпустил", (147, 266, 139, 23), 94), ("Кудрявцев", (306, 268, 157, 23), 96))]
    found = footer.footer(_reread_footer(_page("moderate-tg-01009-tail"), lines, "rus"))
    assert (found.certified, found.released_by, found.typist) == ("Верно:", "Кудрявцев", "ав")


def test_small_footer_lines_on_a_grainy_grey_scan_are_read_with_the_grain_smoothed():
    # heavy tuning tg-03006 (200 dpi, grainy grey, footer typed small): the page reading read only ``Е 33. лк``
    # below the signature, and its lines read alone, bitonal or grey, read ``бен. 514-132`` and ``Сорокин`` at 0
    lines = [_line(Role.BODY, ("восстановления", (193, 21, 280, 39), 79), ("рудников,", (490, 21, 180, 39), 94)),
             _line(Role.SIGNATURE, ("#/4-58", (195, 105, 150, 26), 0), ("г", (360, 105, 20, 26), 86)),
             _line(Role.OTHER, ("Е", (194, 180, 15, 18), 52), ("33.", (215, 180, 40, 18), 0), ("лк", (270, 180, 35, 18), 53))]
    page = replace(_page("heavy-tg-03006-tail"), grey=cv2.imread(str(FOOTERS / "heavy-tg-03006-tail-grey.png"), cv2.IMREAD_GRAYSCALE))
    found = footer.footer(_reread_footer(page, lines, "rus"))
    assert (found.printed_raw, found.released_by) == ("Отпеч. 5/4-1.32", "Сорокин")


def test_a_faint_signature_date_far_left_of_the_name_is_read_alone():
    # heavy tuning tg-03010 (light type, grainy grey): ``21/11-52 г.`` read ``Ва ЫЬ`` with the darker name
    # ``С Е М Е Н О В`` far to its right, in the page and in every reading of the whole line
    lines = [_line(Role.SIGNATURE, ("Ва", (202, 42, 171, 26), 30), ("ЫЬ", (337, 38, 34, 39), 20),
                   ("СЕМЕНОВ", (983, 42, 284, 26), 60))]
    page = replace(_page("heavy-tg-03010-signature"),
                   grey=cv2.imread(str(FOOTERS / "heavy-tg-03010-signature-grey.png"), cv2.IMREAD_GRAYSCALE))
    assert signer.signature(_reread_footer(page, lines, "rus")).date_raw == "21/11-52 г."


def test_a_footer_line_read_in_part_is_read_across_its_rows_ink_too():
    """Strips of a faint footer line (a heavy tuning page, seed 7002) read only its typist's `лк`: that piece's box
    alone reads no field, the row across its ink (`9 экз. лк`) does. A line read whole gets no second box."""
    from ocr.reread.footer import _row_box

    ink = np.zeros((400, 1200), bool)
    ink[200:230, 100:160] = ink[200:230, 190:300] = ink[200:230, 330:380] = True  # `9`, `экз.`, `лк`
    piece = _line(Role.FOOTER, ("лк", (330, 200, 50, 30), 60.0))
    x, y, w, h = _row_box(piece, ink)
    assert x <= 100 - 30 and x + w >= 380 and y <= 200 and y + h >= 230
    whole = _line(Role.FOOTER, ("9", (100, 200, 60, 30), 80.0), ("экз.", (190, 200, 110, 30), 80.0), ("лк", (330, 200, 50, 30), 80.0))
    assert _row_box(whole, ink) is None
    assert _row_box(piece, np.zeros_like(ink)) is None  # no ink on its row: nothing more to read


def test_a_date_read_in_an_unread_strip_joins_the_name_read_on_its_row():
    # heavy tuning tg-07002 (seed 7000): the page read ``Ч Е Р Н Ы Ш Е В`` typed half a line below its date, its box
    # taller, and left the date out; read in its strip, the date's top lay below the name's, so the name came first and
    # was read as the message's last line
    from ocr.reread.footer import _signed_rows

    name = _line(Role.SIGNATURE, *((c, (966 + 40 * k, 1304, 20, 49), 80) for k, c in enumerate("ЧЕРНЫШЕВ")))
    body = _line(Role.BODY, ("без", (230, 1247, 60, 26), 90), ("комментариев.", (300, 1247, 264, 26), 90))
    date = _line(Role.OTHER, ("19/2-48", (234, 1319, 130, 24), 85), ("г.", (380, 1321, 42, 22), 90))
    footer_line = _line(Role.OTHER, ("Отпеч.", (229, 1422, 100, 25), 90), ("20/2-12.50", (340, 1422, 173, 25), 90))
    rows = _signed_rows([body, name], [date, footer_line])
    assert [line.text for line in rows] == ["без комментариев.", "19/2-48 г. Ч Е Р Н Ы Ш Е В", "Отпеч. 20/2-12.50"]
    assert signer.signature([replace(rows[1], role=Role.SIGNATURE)]).name == "ЧЕРНЫШЕВ"
    # a strip on no signature's row stays a line of its own
    assert _signed_rows([body], [date]) == [body, date]


def test_a_date_read_unsurely_beside_a_scrawl_in_an_unread_strip_is_taken_from_a_surer_reading():
    # moderate tuning s1000 tg-01000, page 2 (bitonal): the page reading left ``1/11-53 г.`` out; its strip read
    # ``1/11@14 -53@14 г. и)`` by the page's way (the scrawl over ``М А Л И К`` beside it) and ``1/11-53 г.`` surely
    # by the others: the choice fell on the first, whose unsure date was then dropped with the scrawl
    lines = [_line(Role.BODY, ("выдачи", (107, 50, 190, 28), 95), ("хлеба", (338, 39, 157, 35), 97),
                   ("рабочим.", (539, 41, 247, 40), 94), ("Прошу", (836, 40, 158, 43), 97),
                   ("указаний,", (1038, 41, 282, 39), 95), ("что", (1370, 50, 89, 22), 96), ("ответить.", (1506, 50, 279, 24), 95)),
             _line(Role.FOOTER, ("12", (105, 260, 37, 27), 97), ("экз.", (169, 268, 74, 18), 96), ("ав", (276, 268, 38, 19), 97)),
             _line(Role.FOOTER, ("Отнеч.", (103, 301, 118, 28), 78), ("2/11-5.15", (254, 300, 190, 29), 92)),
             _line(Role.FOOTER, ("Выпустил", (102, 345, 169, 32), 93), ("Абрамкин", (297, 344, 168, 33), 92)),
             _line(Role.FOOTER, ("Верно:", (103, 392, 119, 33), 94))]
    read = _reread_footer(_page("moderate-tg-01000-tail"), lines, "rus")
    assert signer.signature(read).date_raw == "1/11-53 г."
    assert signer.signature(read).name is None  # under the scrawl
    assert footer.footer(read).printed_raw == "Отпеч. 2/11-5.15"


def test_the_typists_initials_are_read_on_the_copies_lines_own_rows():
    # heavy tuning tg-09006 (s9000): ``11 экз. нб`` read ``31 зэка. нб`` by the page, ``11 экз. 6 —`` alone; the line
    # read alone has a box as tall as its crop, taking in the top of ``Отпеч.`` under it, and its initials read in
    # that box read ``а``. On the line's own rows they read ``нб``, as the page and two readings of the line did.
    lines = [_line(Role.BODY, ("в", (64, 26, 19, 23), 93), ("организации", (111, 24, 258, 33), 76), ("Поездки", (398, 21, 450, 34), 60),
                   ("в", (584, 17, 23, 44), 87), ("Ленинград", (632, 21, 213, 34), 36), ("и", (874, 23, 19, 21), 86),
                   ("Киев.", (921, 21, 110, 28), 96), (".", (1205, 45, 15, 14), 73)),
             _line(Role.BODY, ("Ге:", (134, 67, 110, 22), 0)),
             _line(Role.SIGNATURE, ("20/4-46", (63, 110, 165, 39), 30), ("г.", (256, 115, 62, 24), 57), (".", (295, 105, 24, 48), 57),
                   ("АЛИК", (900, 110, 224, 29), 48)),
             _line(Role.OTHER, ("31", (63, 189, 34, 25), 87), ("зэка.", (115, 188, 121, 26), 44), ("нб", (204, 184, 36, 38), 88),
                   ("_", (282, 210, 2, 3), 82)),
             _line(Role.FOOTER, ("отпеч.", (62, 225, 100, 23), 48), ("21/4-3.20", (184, 222, 155, 26), 10))]
    page = replace(_page("heavy-tg-09006-tail"), grey=cv2.imread(str(FOOTERS / "heavy-tg-09006-tail-grey.png"), cv2.IMREAD_GRAYSCALE))
    found = footer.footer(_reread_footer(page, lines, "rus"))
    assert (found.copies_printed, found.typist) == (11, "нб")


def test_initials_are_taken_only_where_more_readings_agree_than_read_others():
    from ocr.reread.footer import _agreed, _typist
    word = Word("нб", (0, 0, 30, 20), 90.0)
    # heavy tg-01011 (s1000): ``нб`` three times, ``не`` twice among the line's readings and its initials alone
    assert _agreed([("нб", word)] * 3 + [("не", word)] * 2 + [(None, None)]) == "нб"
    # heavy tg-09009 (s9000): ``лк`` read ``пк`` twice, ``ик`` and ``лк`` once: no initials agreed
    assert _agreed([("пк", word)] * 2 + [("ик", word), ("лк", word)]) is None
    assert _agreed([("пк", word)] * 2 + [("ик", word)]) is None
    assert _agreed([("пк", word)] * 2) == "пк"  # two alike, no others
    assert _agreed([("нб", word), ("не", word)]) is None
    # no name begins with ы: a reading ``8 экз. ыб`` gives no initials (heavy tg-07012, s7000)
    assert _typist([Word("8", (0, 0, 20, 20), 97), Word("экз.", (40, 0, 60, 20), 93), Word("ыб", (120, 0, 30, 20), 65)]) == (None, None)


def test_the_pages_initials_read_otherwise_as_often_are_not_taken():
    from ocr.reread.footer import _contested
    word = Word("ма", (0, 0, 30, 20), 59.0)
    # heavy tg-07016 (s7000): ``мп`` read ``ма`` by the page and one reading alone, ``ми`` by two others
    assert _contested([("ма", word), ("ми", word), ("ми", word), ("ма", word), (None, None)])
    assert _contested([("ма", word), ("ми", word)])
    # read so by more readings than read anything else, or by the page alone, they stand
    assert not _contested([("нб", word), ("нб", word), ("не", word)])
    assert not _contested([("нб", word), (None, None), (None, None)])
    assert not _contested([(None, None), ("ми", word), ("ми", word)])  # the page read no initials: none to drop


def test_a_footer_line_is_read_again_in_a_crop_of_its_typing_not_of_a_stamps_rim_read_beside_it():
    # heavy tuning tg-05015 (s5000), page 4: the page read ``14 экз. нб`` as ``24 экз. мб`` and the oval seal's rim
    # twenty letters to its right as ``}`` at 0, whose box took the line's crop over the rim and the top of ``Отпеч.``
    # below: read alone there every way, the line read ``4 экз. 6``; boxed over its typing it reads ``14 экз. нб``
    lines = [_line(Role.FOOTER, ("24", (77, 174, 33, 27), 69), ("экз.", (132, 181, 68, 24), 71), ("мб", (227, 176, 36, 27), 57),
                   ("}", (845, 150, 18, 39), 0)),
             _line(Role.FOOTER, ("Отпеч.", (73, 218, 109, 29), 81), ("17/9-16.99.", (208, 217, 199, 43), 44),
                   (".", (639, 219, 45, 39), 0), ("А", (781, 191, 84, 104), 7)),
             _line(Role.FOOTER, ("Разослано", (74, 263, 178, 28), 0), ("16/9/25.", (267, 262, 193, 31), 62),
                   ("ны", (686, 257, 86, 37), 0), (".", (886, 284, 11, 12), 93))]
    page = replace(_page("heavy-tg-05015-tail"), grey=cv2.imread(str(FOOTERS / "heavy-tg-05015-tail-grey.png"), cv2.IMREAD_GRAYSCALE))
    found = footer.footer(_reread_footer(page, lines, "rus"))
    assert (found.copies_printed, found.typist) == (14, "нб")


def test_a_copies_line_read_without_its_count_is_read_again_from_before_its_label():
    # heavy tuning tg-03011 (ruled-narrow form, photocopy): ``7 экз. ов`` typed under a printed rule that runs into the
    # 7's top; the page read ``Экз. 08`` and a box round those words reads no count in any way
    lines = [_line(Role.SIGNATURE, ("24110-46", (74, 49, 197, 31), 38), ("г", (308, 55, 11, 19), 95)),
             _line(Role.OTHER, ("Экз.", (108, 134, 59, 19), 68), ("08", (190, 134, 31, 19), 78), ("-", (240, 142, 3, 2), 81)),
             _line(Role.FOOTER, ("„Отпеч.", (63, 161, 104, 25), 53), ("25/10-19.32.", (191, 152, 195, 34), 35)),
             _line(Role.FOOTER, ("Выпустил.", (73, 192, 138, 31), 85), ("Зайцева", (219, 194, 118, 25), 90)),
             _line(Role.FOOTER, ("Верно:", (70, 231, 97, 30), 95))]
    page = replace(_page("heavy-tg-03011-tail"), grey=cv2.imread(str(FOOTERS / "heavy-tg-03011-tail-grey.png"), cv2.IMREAD_GRAYSCALE))
    found = footer.footer(_reread_footer(page, lines, "rus"))
    assert (found.copies_printed, found.typist, found.printed_raw) == (7, "ов", "Отпеч. 25/10-19.32")


def test_only_a_line_beginning_with_the_copies_label_is_boxed_from_before_it():
    from ocr.reread.footer import COUNT_REACH, _with_count

    countless = _line(Role.OTHER, ("Экз.", (108, 134, 59, 20), 68), ("ов", (190, 134, 31, 20), 78))
    assert _with_count(countless).bbox == (108 - int(COUNT_REACH * 20), 134, 113 + int(COUNT_REACH * 20), 20)
    counted = _line(Role.FOOTER, ("7", (80, 134, 14, 20), 90), ("экз.", (108, 134, 59, 20), 68))
    assert _with_count(counted) is counted
    thirty_three = _line(Role.BODY, ("33", (108, 134, 30, 20), 90), ("вагона", (150, 134, 90, 20), 90))
    assert _with_count(thirty_three) is thirty_three


def test_a_line_boxed_taller_than_its_words_is_boxed_on_its_typings_rows():
    # heavy tuning tg-07008: ``11 экз. лк`` read ``31 з и. ж``, its ``ж`` 40 high over the next line's top (words 23
    # high): read in that box, the grey page read ``Е. №``
    from ocr.reread.footer import _typing_rows

    image = np.full((400, 800), 255, np.uint8)
    image[200:223, 100:124] = image[200:223, 140:220] = image[200:223, 240:262] = 0  # `11`, `экз.`, `лк`
    image[234:240, 100:300] = 0  # the next line's top
    tall = _line(Role.OTHER, ("31", (100, 200, 24, 23), 65), ("зи.", (140, 203, 80, 20), 17), ("ж", (240, 200, 22, 40), 93))
    assert _typing_rows(image, tall).bbox == (100, 200, 162, 23)
    even = _line(Role.FOOTER, ("11", (100, 200, 24, 23), 65), ("экз.", (140, 200, 80, 23), 80))
    assert _typing_rows(image, even) is even
