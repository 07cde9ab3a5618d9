"""The distribution grid: slot numbers put right from the form's numbering, recipients beside their slots."""

from __future__ import annotations

from ocr import fields, grid, layout
from ocr.lines import Line, Role


def test_grid_numbers_put_right_from_rows_and_columns():
    rows = ["Экз. № 1-РАЗМЕТКА Экз. №81 Кагановичу Экз. № 15-т", "» №2-т  » № 9-т  Булганину  › №16-т",
            "» № З-т  „›№10т  Вышинскому ›» №17-л", "» № 4-т  » №111  Копия  » № 18-т", "» № 5-т  » № 12-т  » № 19-т",
            "» № бт  » № 13-т  » № 20-т", "» № 7-т  » № 21-т"]  # slot 14 not read at all
    found = grid.distribution([Line(text, Role.GRID) for text in rows])
    assert [(d.copy, d.recipient) for d in found] == [(k, {1: "РАЗМЕТКА", 8: "Кагановичу", 9: "Булганину",
                                                           10: "Вышинскому", 11: "Копия"}.get(k)) for k in range(1, 22)]


def test_grid_slots_printed_as_the_form_prints_them():
    rows = ["Экз. № 1-РАЗМЕТКА Экз. №81 Кагановичу Экз. № 15-т", "» №2-т  » № 9-т  Булганину  › №16-т",
            "» № З-т  „›№10т  Вышинскому ›» №17-л", "» № 4-т  » № 11-т  Копия  » № 18-т", "» № 5-т  » № 12-т  » № 19-т",
            "» № бт  » № 13-т  » № 20-т", "» № 7-т  » Ю14-т  » № 21-т"]
    lines = [Line("64", Role.FOLIO)] + [Line(text, Role.GRID) for text in rows] + [Line("№ 3-т", Role.BODY)]
    printed = grid.printed_grid(lines)
    assert [line.text for line in printed[1:-1]] == [
        "Экз. № 1-РАЗМЕТКА Экз. № 8-т Кагановичу Экз. № 15-т", "» № 2-т » № 9-т Булганину » № 16-т",
        "» № 3-т » № 10-т Вышинскому » № 17-т", "» № 4-т » № 11-т Копия » № 18-т", "» № 5-т » № 12-т » № 19-т",
        "» № 6-т » № 13-т » № 20-т", "» № 7-т » № 14-т » № 21-т"]
    assert printed[0] is lines[0] and printed[-1] is lines[-1]  # only the grid is the form's print
    # Its columns as archives transcribe them, a tab apart: the names' column kept where a row has no name.
    assert [line.cells for line in printed[1:3]] == [["Экз. № 1-РАЗМЕТКА", "Экз. № 8-т", "Кагановичу", "Экз. № 15-т"],
                                                     ["» № 2-т", "» № 9-т", "Булганину", "» № 16-т"]]
    assert printed[5].cells == ["» № 5-т", "» № 12-т", "", "» № 19-т"]
    assert grid.distribution(printed) == grid.distribution(lines)
    # No regular grid, nothing rewritten: a single row's numbers cannot be checked against an order.
    assert grid.printed_grid(lines[:2]) == lines[:2]


def test_recipients_of_a_column_keep_one_case():
    rows = ["Экз. № 1-РАЗМЕТКА Экз. № 8-т Громыко Экз. № 15-т", "» № 2-т » № 9-т Кагановичу » № 16-т",
            "» № 3-т » № 10-т Маленков У » № 17-т", "» № 4-т » № 11-т Бе рия » № 18-т",
            "» № 5-т » № 12-т МИКОЯНУ » № 19-т", "» № 6-т » № 13-т » № 20-т", "» № 7-т » № 14-т » № 21-т"]
    found = {d.copy: d.recipient for d in grid.distribution([Line(text, Role.GRID) for text in rows]) if d.recipient}
    assert found == {1: "РАЗМЕТКА", 8: "Громыко", 9: "Кагановичу", 10: "Маленкову", 11: "Берия", 12: "Микояну"}


def test_a_name_beside_a_slot_ocr_lost_goes_to_that_slot():
    rows = ["Экз. №1-т Экз. №8т Молотову  Экз. № 15-т", "» № 2-т  » № 9-т  Маленкову  ›№ 16-т",
            "» № З-т  » № 10-7  Микояну  » № 17-т", "» № 4-т  »№ Ит  Зорину  » № 18-т",
            "» № 5-т  »  №12т  Кагановичу » № 19-т", "» №6-т  » № 13-т  » № 20-т", "» № 7-т  » № 14-т  » № 21-т"]
    found = {d.copy: d.recipient for d in grid.distribution([Line(text, Role.GRID) for text in rows]) if d.recipient}
    assert found == {8: "Молотову", 9: "Маленкову", 10: "Микояну", 11: "Зорину", 12: "Кагановичу"}


def test_a_name_after_a_slot_whose_number_ocr_lost_goes_to_that_slot():
    # a moderate tuning page (seed 1000, a photocopied carbon): the third column's ``» № 14-т`` read ``»›№т``
    rows = ["Экз. № 1-т Экз. № 7-т Эж Экз. № 13-т Маленкову", "» № 2-т ‘ » № 8-т »›№т Зорину", "» № 3-т » № 9-т ° » № 15-т",
            "- » № 4-т » № 10-т » № 16-т", "» № 5-т ›№ Ил » № 11-т", "» № 6-т » № 12-т » № 18-т 4"]
    assert fields.parse_grid_row(rows[1]) == [(2, None), (8, None), (fields.LOST_COPY, "Зорину")]
    found = {d.copy: d.recipient for d in grid.distribution([Line(text, Role.GRID) for text in rows]) if d.recipient}
    assert found == {13: "Маленкову", 14: "Зорину"}
    # the slots printed anew keep their own numbers, the lost one's after it
    rows[1] = "» № 2-т  »№ Ит  Зорину  » № 14-т"
    assert grid.printed_grid([Line(text, Role.GRID) for text in rows])[1].text == "» № 2-т »№ Ит  Зорину » № 14-т"


def test_a_name_before_a_rows_first_slot_is_beside_the_slot_ocr_lost_there():
    # a clean tuning page (seed 8000, a ruled narrow form): ``Зорину`` typed off its row between the first two columns,
    # ``» № 2-т`` read ``М``
    rows = ["Экз. №1-Кагановичу  Экз. № 7-7 Экз. № 13-т", "М  Зорину ›№8-т  » № 14-т", "» № 3-т  » № 9-т  » № 15-",
            "» № 4-т  » №107  › № 16-", "» № 5-7  » № 11-7  » № 17-Т", "» № 6-т  » № 127  › № 18-т"]
    found = grid.distribution([Line(text, Role.GRID) for text in rows])
    assert [(d.copy, d.recipient) for d in found] == [(k, {1: "Кагановичу", 2: "Зорину"}.get(k)) for k in range(1, 19)]
    # specks read as a name before a whole row's first slot add no column: the grid keeps its 18 slots
    rows[2] = "Опыт » № 3-т  » № 9-т  » № 15-"
    found = grid.distribution([Line(text, Role.GRID) for text in rows])
    assert [(d.copy, d.recipient) for d in found] == [(k, {1: "Кагановичу", 2: "Зорину"}.get(k)) for k in range(1, 19)]


def test_a_name_run_into_a_slot_of_the_names_column_stands_beside_it():
    # a clean tuning page (seed 1000): slot 10's ``т`` lost, the name beside it read as typed into it
    rows = ["Экз. № 1-РАЗМЕТКА Экз. № 7-т Зорину Экз. № 13-т", "» № 2-т » № 8-т Берия » № 14-т",
            "» № 3-т » № 9-т Вышинскому » № 15-т", "» № 4-т » № 10-Громыко » № 16-т", "» № 5-т » № 11-т » № 17-т",
            "» № 6-т » № 12-т » № 18-т"]
    printed = grid.printed_grid([Line(text, Role.GRID) for text in rows])
    assert printed[0].cells == ["Экз. № 1-РАЗМЕТКА", "Экз. № 7-т", "Зорину", "Экз. № 13-т"]
    assert printed[3].cells == ["» № 4-т", "» № 10-т", "Громыко", "» № 16-т"]


def test_grid_cells_give_the_slots_ocr_lost_and_drop_its_specks():
    # the same page's grid as read: slots 14 and 17 lost, specks (``Эж``, ``°``) between the slots
    rows = ["Экз. № 1-т Экз. № 7-т Эж Экз. № 13-т Маленкову", "» № 2-т ‘ » № 8-т »›№т Зорину", "» № 3-т » № 9-т ° » № 15-т",
            "- » № 4-т » № 10-т » № 16-т", "» № 5-т ›№ Ил » № 11-т", "» № 6-т » № 12-т » № 18-т 4"]
    printed = grid.printed_grid([Line(text, Role.GRID) for text in rows])
    assert layout.page_text(printed).split("\n") == [
        "Экз. № 1-т\tЭкз. № 7-т\tЭкз. № 13-т\tМаленкову", "» № 2-т\t» № 8-т\t» № 14-т\tЗорину",
        "» № 3-т\t» № 9-т\t» № 15-т\t", "» № 4-т\t» № 10-т\t» № 16-т\t", "» № 5-т\t» № 11-т\t» № 17-т\t",
        "» № 6-т\t» № 12-т\t» № 18-т\t"]


def test_slots_whose_suffix_reads_as_a_last_figure_follow_the_forms_numbering():
    # a moderate tuning page (seed 7000): most slots' ``-т`` read as a 1 or 7 (``№31``, ``№107``): too few numbers
    # read as printed to trust the numbering (14 of 24), the names went to slots 31, 41 and 51
    text = """Экз. №1 РАЗМЕТКА Экз. №9- Экз. №177
» №2т Микояну „№107 ›№18т
№31 Молотову *№111 »№19т
» №41 Берия „№121 ›„№20л
» №51 Маленкову „№131 ›№21-
» №6т » №14т ›№22л
» №7 » №151 ›№23т
»„№8-т » №167 ›№24т"""
    found = grid.distribution([Line(row, Role.GRID) for row in text.splitlines()])
    assert [entry.copy for entry in found] == list(range(1, 25))
    assert {entry.copy: entry.recipient for entry in found if entry.recipient} == {
        1: "РАЗМЕТКА", 2: "Микояну", 3: "Молотову", 4: "Берия", 5: "Маленкову"}
