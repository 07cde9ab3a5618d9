"""Field parsers accept the archive's spelling and Tesseract's misreadings of it."""

from __future__ import annotations

import pytest

from ocr import fields, signer
from ocr.assemble import join_lines
from ocr.contract import Signature
from ocr.footer import parse_footer_line
from ocr.lines import Line, Role
from ocr.registry import registry_note
from ocr.routing import parse_routing


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
    routing = parse_routing(text)
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
    assert fields.parse_grid_row("» № 4-т »›№И-т Зорину » № 18-т") == [(4, None), (11, "Зорину"), (18, None)]
    # a name typed into the slot with its last letter split off by OCR (a moderate tuning page, seed 3000)
    assert fields.parse_grid_row("Экз. № 1-Микоян у Экз. № 9-т Экз. № 17-т") == [(1, "Микояну"), (9, None), (17, None)]
    # the slot's № read М after its ditto mark (a heavy tuning page, seed 3000): the row is still a grid row
    assert fields.parse_grid_row("» М2-т » № 8-т » М 14-т Сталину") == [(2, None), (8, None), (14, "Сталину")]
    assert [c for c, _ in fields.parse_grid_row("» № 5-т » № 11-7 »мМ 17-т")] == [5, 11, 17]
    # a name after the mark is no slot: it is beside a slot lost before the first read (``» № 2-т`` read ``М``)
    assert fields.parse_grid_row("» Маленкову 2 » № 8-т") == [(fields.LOST_COPY, "Маленкову"), (8, None)]
    assert fields.parse_grid_row("М  Зорину ›№8-т  » № 14-т") == [(fields.LOST_COPY, "Зорину"), (8, None), (14, None)]
    assert fields.parse_grid_row("% » №4-т  » № 20-1") == [(4, None), (20, None)]  # no name before the first slot


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


def test_a_signatures_date_with_its_ones_read_as_letters_still_signs():
    # a face whose serifed 1 reads as I, l or |: beside the date's figures it is the figure; a Roman month beside none stays
    assert fields.parse_signature("7/4-5I г. Ф Е Д О Р Е Н К О") == ("ФЕДОРЕНКО", "7/4-51 г.")
    assert fields.parse_signature("l7/l2-5l г. Р О Щ И Н") == ("РОЩИН", "17/12-51 г.")
    assert fields.parse_signature("19/II-47 г. Л Е Б Е Д Е В") == ("ЛЕБЕДЕВ", "19/II-47 г.")
    assert fields.ones_as_figures("7/4-5| г.") == "7/4-51 г."
    # heavy tuning tg-07011: a bold serifed 1 read as a capital Т
    assert fields.parse_signature("7/4-5Т г. С Е М Е Н О В") == ("СЕМЕНОВ", "7/4-51 г.")
    assert fields.ones_as_figures("Т7/4-5T г.") == "17/4-51 г."


def test_a_speck_read_as_a_letter_before_a_signatures_date_leaves_it_a_signature():
    # moderate and heavy tuning tg-05000: a speck in the margin read ``о`` before the date, the name under a scrawl
    assert fields.parse_signature("о 24/1-51 г.") == (None, "24/1-51 г.")
    assert fields.parse_signature("о 24/1-51 г. Л Е Б Е Д Е В") == ("ЛЕБЕДЕВ", "24/1-51 г.")
    # a line of the message opening with a preposition and a date goes on with words
    assert fields.parse_signature("в 24/1-51 г. состоялась беседа") is None
    assert fields.parse_signature("с 24/1-51 г. по 1/2-51 г.") is None
    assert parse_footer_line("11 экз. нб") == {"copies_printed": 11, "typist": "нб"}
    assert parse_footer_line("Выпустил Абрамкин") == {"released_by": "Абрамкин"}
    assert fields.parse_special_number("Спец. № 47-51") == "47-51"
    assert fields.parse_special_number("Cпец. Ns 47 - 51") == "47-51"


def test_join_lines_rejoins_hyphenated_words():
    assert join_lines(["как корейскому, так и китай-", "скому народам."]) == "как корейскому, так и китайскому народам."
    assert join_lines(["Мао Цзе-дун", "его друг"]) == "Мао Цзе-дун его друг"
    assert join_lines(["в 1949 году -", "о чем"]) == "в 1949 году - о чем"


@pytest.mark.parametrize("text, origin, date_raw, copy", [
    ("Из С О Ф И И № 6494 пол. 0 час. 33 мин. 2/11 1950 т. эз. № 9", "СОФИИ", "2/11 1950", 9),
    ("Из ПХЕНЬЯНА № 6551 пол. 16 час. 30 мин. 13/6 1953 т. эж. №1", "ПХЕНЬЯНА", "13/6 1953", 1),
    ("Из ПРАГИ № 4693 пол. 4 час. 03 мин. 25/8 1947 т. эвз. № З", "ПРАГИ", "25/8 1947", 3),
    ("Из БЕРЛИНА № 117 пол. 9 час. 05 мин. 13/6 1953`т. экз. № 1.", "БЕРЛИНА", "13/6 1953", 1),
    ("Из ПХEНЬЯНА № 2029 пол. 18 час. 50 мин. 19/ 19 50 т. экз. №", "ПХЕНЬЯНА", "19/ 19 50", None),
    ("Из ПЕКИНА № 8075 пол. 3 час. Об мин. 1/11 1953 т. экз. № 11", "ПЕКИНА", "1/11 1953", 11),  # 06 read Об
])
def test_routing_label_misreads(text, origin, date_raw, copy):
    routing = parse_routing(text)
    assert (routing.origin, routing.received_date_raw, routing.copy_number) == (origin, date_raw, copy)


def test_grid_row_recipients_without_ocr_marks():
    assert fields.parse_grid_row("» № 2-т  Булганину › №№ 7-т  » № 12-т") == [(2, "Булганину"), (7, None), (12, None)]
    assert fields.parse_grid_row("» № 4-т  » №111  Копия  » № 18-т") == [(4, None), (111, "Копия"), (18, None)]
    assert fields.recipient_name("Копия › Ю7т") == "Копия"
    assert fields.recipient_name("„ ›") is None
    assert fields.recipient_name("П-т") is None  # the slot ``№ 11-т`` read again beside itself (a heavy tuning page, seed 9000)
    assert fields.recipient_name("ЗОрину") == "Зорину"  # a moderate tuning page's grid (s1000)
    assert fields.recipient_name("МИКОЯНу") == "Микояну"  # its small у: a clean tuning page's grid (s5000)
    assert fields.recipient_name("МОЛОТОВУ") == "МОЛОТОВУ" and fields.recipient_name("БУлганину") == "Булганину"
    assert fields.recipient_name("РАЗМЕТКА") == "РАЗМЕТКА"


@pytest.mark.parametrize("text, expected", [
    ("19/1-50 г.  штыков", ("ШТЫКОВ", "19/1-50 г.")),  # spaced capitals read as small letters
    ("13/653 п.  П А Н Ю Ш К И Н", ("ПАНЮШКИН", "13/6-53 г.")),  # hyphen lost, г. read п.
    ("2/11-—50 г.  Р О Щ И Н", ("РОЩИН", "2/11-50 г.")),
    ("3/10-51 г. -  ``  С Е М Е Н О В", ("СЕМЕНОВ", "3/10-51 г.")),
    ("1/11-53 г.  _  мМАЛИК", ("МАЛИК", "1/11-53 г.")),
    ("2578-47 г.  П У Ш К И Н", ("ПУШКИН", "25/8-47 г.")),  # the slash read 7, put back; the spaced name signs
    ("376-51 г,", (None, "3/6-51 г.")),  # a faint slash read 7 (heavy tuning tg-08010), the date alone
    ("416-52 г.", (None, "4/6-52 г.")),
    ("1711-48 г.", None),  # 1/11 or 17/1: which figure is the slash is not known
    ("6/5-51 г,.  Р О Щ И Н", ("РОЩИН", "6/5-51 г.")),  # a speck beside the full stop read as a comma
    ("17 января 1950 г. было", None),
])
def test_signature_misreads(text, expected):
    assert fields.parse_signature(text) == expected


def test_a_scrawl_read_as_letters_mixed_with_marks_after_a_date_is_no_running_text():
    # heavy tuning tg-01007 (seed 1000): the pen's scrawl over ``П У Ш К И Н`` read so; the date signs, no name is taken
    line = Line(text="6/5-51 г.  рясА0и Г-е\\т «репто", role=Role.SIGNATURE)
    assert fields.parse_signature(line.text)[1] == "6/5-51 г."
    assert signer.signature([line]) == Signature(name=None, date_raw="6/5-51 г.")


@pytest.mark.parametrize("text, expected", [
    ("Отнеч. 3/11-6.42", {"printed_raw": "Отпеч. 3/11-6.42"}),
    ("Отпеч. 7/5-—6.45", {"printed_raw": "Отпеч. 7/5-6.45"}),
    (".3 экз. .нб", {"copies_printed": 3, "typist": "нб"}),
    ("Вернуть", {}),
])
def test_footer_misreads(text, expected):
    assert parse_footer_line(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("М 986 / м. п. - 30. Т.", "N 986 / м. п. - 30. I."),
    ("М 561 / м. п. - 2. ХГ.", "N 561 / м. п. - 2. XI."),
    ("М 601 / м. п. - 4. Хх.", "N 601 / м. п. - 4. X."),
    ("Сы. изв. № 380 (ссылка № 35}", "См. изв. № 380 (ссылка № 35)"),
    ("См. и-в. № 1758 (ссылка № 61)", "См. изв. № 1758 (ссылка № 61)"),
    ("М 986 Им. п... - 30. Т.", "N 986 / м. п. - 30. I."),
    ("№ 665 / м. п.", "N 665 / м. п."),
    ("м 728 / м. п.", "N 728 / м. п."),  # a faint hand's N (a heavy tuning page, seed 9000)
    ("25.(.47", "25.I.47"),  # its I read as a bracket (s3000 heavy tg-03013)
    ("N 904 ум, и.", "N 904 / м. п."),  # its slash read ``у``, a full stop a comma (s3000 heavy tg-03018)
    ("-613", "613"),  # a speck before it read as a dash (the same page)
    ("412", "412"),
])
def test_registry_note(text, expected):
    assert registry_note(text) == expected


def test_continuation_copy_and_folio_tolerate_misreads():
    assert fields.parse_continuation_copy("экз. № З...") == (True, 3)
    assert fields.parse_int("`274") == 274
    assert fields.parse_int("268 —") == 268  # a dash of a heavy scan's specks beside the folio
    assert fields.parse_page_label("‘3.") == "3."


def test_special_number_and_priority_survive_specks():
    from ocr.assemble import header
    from ocr.lines import Line, Role

    assert fields.parse_special_number("Спец. № Мм 47-51") == "47-51"
    assert fields.parse_special_number("Спец, № 60.129") == "60-129"  # the hyphen read as a full stop (heavy tuning)
    assert fields.parse_special_number("Спец. № 8-89.") == "8-89"
    assert fields.parse_special_number("Спец... № 79-83") == "79-83"  # specks by the full stop (s5000 heavy tg-05000)
    # a heavy tuning page read the special number's line as one word, its ``С`` a speck, its ``п`` an ``л``
    assert fields.parse_special_number("‘Лец.№4-132") == "4-132"
    assert fields.parse_special_number("С п е ц. № 4 - 1 3 2") == "4-132"
    assert fields.parse_special_number("Полец № 4") is None
    # the label's ``п`` read ``н`` or ``л``, its ``ц`` ``п``: with the ``№`` after it still the label
    assert [fields.parse_special_number(t) for t in ("Снец. № 47-51", "Слец. № 47-51", "Спеп. № 47-51")] == ["47-51"] * 3
    assert fields.parse_special_number("Сиец. № 68-105") == "68-105"  # a heavy tuning page (seed 3000): ``п`` read ``и``
    assert fields.parse_special_number("Снец 47-51") is None
    # the number typed into a printed blank of dots or a rule
    assert fields.parse_special_number("Спец. №....47-51....") == "47-51"
    assert fields.parse_special_number("Спец. № ___47-51___") == "47-51"
    found = header([Line("ВНЕ 471114 ОЧЕРЕДИ", Role.PRIORITY)])
    assert found.priority == ["ВНЕ ОЧЕРЕДИ"]


@pytest.mark.parametrize("text, expected", [
    ("М 1204 / м. п. - 26.1Х.49", "N 1204 / м. п. - 26.IX.49"),
    ("М 77 / м. п. - 3.ХИ.51", "N 77 / м. п. - 3.XII.51"),
    ("М 77 / м. п. - 3.11.51", "N 77 / м. п. - 3.11.51"),  # an Arabic month stays
    ("6.111.51", "6.III.51"),  # ones that are no month are a Roman one's strokes (a clean tuning page)
    ("6.117.51", "6.117.51"),
    ("См. изв. 6 1259 (ссилка 96 77)", "См. изв. № 1259 (ссылка № 77)"),  # a hand's № read as digits
    ("(561 / м. п. - 2. ХИ.", "N 561 / м. п. - 2. XII."),
    # the note's N read ``Ne`` or ``Мо``, as ``№`` is
    ("Ne 986 / м. п. - 2. XI.", "N 986 / м. п. - 2. XI."),
    ("Мо 1204 / м. п. - 26.1Х.49", "N 1204 / м. п. - 26.IX.49"),
    # the notice typed close up, its ``№`` no digit, or read ``Ne``
    ("См.изв.№1758(ссылка№61)", "См. изв. № 1758 (ссылка № 61)"),
    ("См. изв. Ne 1758 (ссылка Ne 61)", "См. изв. № 1758 (ссылка № 61)"),
    # the day's full stop lost or read as a comma before a month read in letters; a month of digits so stays
    ("N 986 / м. п. - 30 XI.", "N 986 / м. п. - 30. XI."),
    ("N 986 / м. п. - 30, ХИ.", "N 986 / м. п. - 30. XII."),
    ("N 986 / м. п. - 30 1", "N 986 / м. п. - 30 1"),
])
def test_registry_dates_with_roman_months(text, expected):
    assert registry_note(text) == expected


def test_a_months_strokes_read_as_ones_are_its_numeral_in_the_month_received():
    # clean tuning pages (seed 7000): a hand's ``27.I.50`` read ``27.1.50`` on a telegram received in January; the office
    # registers a telegram in the month received or the next, so strokes counting that month or the next are Roman
    assert registry_note("27.1.50", 1) == "27.I.50"
    assert registry_note("27.1.50", 12) == "27.I.50"
    assert registry_note("3.11.51", 2) == "3.II.51"
    assert registry_note("27.1.50", 6) == "27.1.50"  # no such count: as read
    assert registry_note("26.11.49", 11) == "26.11.49"  # November's 11 in figures is an Arabic month


def test_marks_side_by_side_are_each_found():
    from ocr.assemble import header
    from ocr.lines import Line, Role

    assert fields.marks_in("Строго секретно   Подлежит возврату", fields.CLASSIFICATIONS) == ["Строго секретно"]
    assert fields.marks_in("СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ  Подлежит возврагу", fields.HANDLING_MARKS) == [
        "СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ", "Подлежит возврату"]
    assert fields.marks_in("В Е С Ь М А  С Р О Ч Н О", fields.PRIORITIES) == ["ВЕСЬМА СРОЧНО"]
    found = header([Line("Совершенно секретно  Хранить наравне с шифром", Role.CLASSIFICATION),
                    Line("СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ", Role.HANDLING)])
    assert found.classification == ["Совершенно секретно"]
    assert found.handling_marks == ["Хранить наравне с шифром", "СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ"]


@pytest.mark.parametrize("text, expected", [
    # a lowered or bent type bar: OCR splits the name there, the piece in small letters or alone
    ("» № 3-т » № 10-т Маленков У » № 17-т", [(3, None), (10, "Маленкову"), (17, None)]),
    ("» № 4-т » № 11-т Бе рия » № 18-т", [(4, None), (11, "Берия"), (18, None)]),
    ("» № 4-т » № 10-т Микоян у » № 16-т", [(4, None), (10, "Микояну"), (16, None)]),
    # the next slot's printed ``Экз.`` read letter-spaced beside a name is no part of it
    ("Экз. № 1-РАЗМЕТКА Экз. № 7-т Зорину Э к з Экз. № 13-т", [(1, "РАЗМЕТКА"), (7, "Зорину"), (13, None)]),
    # a speck between the slot and the name; a name's capital read small
    ("Экз. № 1-РАЗМЕТКА Экз. №7-т‘Зорину Экз. № 13-т", [(1, "РАЗМЕТКА"), (7, "Зорину"), (13, None)]),
    ("» № 3-т » № 9-т вышинскому ›№Ю » № 15-т", [(3, None), (9, "Вышинскому"), (15, None)]),
])
def test_grid_recipients_split_by_ocr_are_one_name(text, expected):
    assert fields.parse_grid_row(text) == expected


@pytest.mark.parametrize("text, expected", [
    # heavy tuning pages, a faint carbon: the office's mark with its first letter read as a mark (s8000 tg-08010), its
    # end lost (s7000 tg-07015)
    ("Экз.  №1.-?АЗМЕТКА Экз. №8-т Экз. №15-т Копих", [(1, "РАЗМЕТКА"), (8, None), (15, "Копих")]),
    ("Экз. № 1-РАЗМЕ Экз. № 8-т Экз. № 15-т", [(1, "РАЗМЕТКА"), (8, None), (15, None)]),
    # tg-08010: ``Микояну``'s end split off in capitals (the corrector makes ``Микозну`` ``Микояну``)
    ("» № З-т  » № 10-т  » № 17-т  Микоз НУ", [(3, None), (10, None), (17, "Микозну")]),
    # s9000 tg-09009: ``Молотову`` read ``мо отову``, no slot numbered ``о`` (which made a fourth column of the grid)
    ("» №2-т  » № 8-т  » № 14-т  мо отову", [(2, None), (8, None), (14, "Моотову")]),
    # slot remnants alone stay no name, joined or not
    ("» № 2-т Ит НУ » № 9-т", [(2, None), (9, None)]),
])
def test_grid_marks_and_names_ocr_broke_on_faint_carbons(text, expected):
    assert fields.parse_grid_row(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("См. из 6. 36 1287 (ссылка 96 30)", "См. изв. № 1287 (ссылка № 30)"),  # ``изв.`` read ``из 6.``
    ("СМ. изб. 76 114 (ссылка № 43)", "См. изв. № 114 (ссылка № 43)"),
    ("\\561/м.н.- 2. XII.", "N 561 / м. п. - 2. XII."),  # a hand's N and п
    ("М 978 /м. п. 26. IV.", "N 978 / м. п. - 26. IV."),  # the hyphen before the date lost
    ("М 924 / м. п. - 6.Х.", "N 924 / м. п. - 6. X."),  # the note's date typed ``6. X.``
    ("415 / м. п. - 2. XII.", "N 415 / м. п. - 2. XII."),  # its N lost
    ("2135/м.п.-6.П.", "N 135 / м. п. - 6. II."),  # its N read as a digit
    ("7924 / м. п. - 6.Х.", "N 924 / м. п. - 6. X."),
    ("79(415/ м.п. 2. ХТ.", "N 415 / м. п. - 2. XI."),  # its N read as ``(`` after digits
    ("(561 /м.п.- 2. Х!.", "N 561 / м. п. - 2. XI."),  # a pen's I read ``!``
    # pages of the widened tuning set (seed 8000): a hand's п read и, its N read Х, an I read ( or [,
    # the full stop before the year read as a space
    ("N 522 /м. и.", "N 522 / м. п."),
    ("Х 735 / м. п.", "N 735 / м. п."),
    ("25.[Х.50", "25.IX.50"),
    ("25.1Х 50", "25.IX.50"),
    ("(522 Ум. п.", "N 522 / м. п."),
    ("19.хг.47", "19.XI.47"),  # clean tuning tg-09002: the typed I read ``г``
    ("19.хт.47", "19.XI.47"),  # and ``т`` (moderate)
    ("М 728 /ым. п.", "N 728 / м. п."),  # tuning tg-09002 and tg-09007: the typed ``м`` read ``ым`` or ``ы``
    ("N 728 /ы. п.", "N 728 / м. п."),  # heavy tuning tg-08001: the pen's slash run into its м, read ``У``
    ("К 323 / м п", "N 323 / м. п."),  # heavy tuning tg-03007: the typed N read К, the full stops faded
    ("М 255 / м п  26. XI.", "N 255 / м. п. - 26. XI."),  # the same page's other note, its hyphen lost too
    ("N 32 / м пол", "N 32 / м пол"),  # a word after the number is no ``м. п.``
])
def test_registry_notes_of_a_hand(text, expected):
    assert registry_note(text) == expected


def test_a_resolution_is_no_registry_note():
    from ocr.registry import is_note

    assert not is_note(registry_note("В дело 9.-М."))
    assert is_note(registry_note("\\561/м.н.- 2. XII.")) and is_note("См. изв. № 1287 (ссылка № 30)")


def test_a_notes_figures_are_those_most_of_its_readings_agree_on():
    from ocr.registry import figured_note

    # A heavy scan's pen note and its readings in figures (the Latin model) from a run: VI read ``99`` and ``V1``.
    figures = ["174 14.", "174 /. .- 14.V1.", "174 / 1400.", "174 /...- 14VI.", "-174 /. 14041.", "-V174/. 1. 140V.", "174 /. 14.", "-174/...- 1401."]
    assert figured_note("+9174 / м. п. - 14.99,", figures, 6) == "N 174 / м. п. - 14. VI."
    figures = ["450/..-5.1V. -", "450/.1.-5.V .-", "450/..-5.1V. . -", "450/..-5.IV. .-"]  # specks after IV
    assert figured_note("N 450 /м.-п.-5. 9%.", figures, 4) == "N 450 / м. п. - 5. IV."
    # ``(ссылка`` read ``((смлкр №6``; ``изв.`` read as figures, its ``№`` as ``96``.
    figures = [". 136. 2389 59 -", ".. 16 2589 6 59", "..136. 2389 96 59", ".16. 96 2369 659"]
    assert figured_note("См. изв. № 2389 ((смлкр №6 59) _", figures) == "См. изв. № 2389 (ссылка № 59)"
    assert figured_note("См: изб. АЕ 4 (сеялка 26 43)", ["36. 114 X 43", "6. V 114 X 43"]) == "См. изв. № 114 (ссылка № 43)"
    # A resolution across the margin and a page's edge are never made a note; nor a note one reading alone reads.
    assert figured_note("Ознакомить", ["3 ..", "X I.", "I..", "I.."]) is None
    assert figured_note("268 —", ["268 -", "", "", "268 -"]) is None
    assert figured_note("N 561 / м. п. - 2. Л.", ["561 /. 1. - 2. XI.", "", "", ""], 11) is None
    # The seed's ``N 665 / м. п.`` is written undated: it stays as read, no date or figure voted into it.
    assert figured_note("N 665 / м. п.", ["665 /. .", "665 / 10. I.", "685 /. 10. I.", "685 / 10. I."], 1) is None
    # A pen's italic VII read VI by half the readings (a clean scan's, from a run), the page's reading VI too: a
    # telegram received in July is noted in July, not in June; with no month known the readings decide.
    figures = ["233 /. 1. 6. VII.", "233 /. 0. -6. VI", "233 /. 1. - 6. VII", "233 /. 1. - 6. VI.", "233 /. 1. - 6. VII.", "233 /. 1. - 6. VI."]
    assert figured_note("N 233 / м. п. - 6. VI.", figures, 7) == "N 233 / м. п. - 6. VII."
    assert figured_note("N 233 / м. п. - 6. VI.", figures) == "N 233 / м. п. - 6. VI."


def test_a_bare_number_and_a_roman_date_are_what_most_of_their_readings_agree_on():
    from ocr.registry import figured_note

    # Heavy tuning pages' pen notes as the page read them and their readings in figures, from a run: a speck read as a
    # figure beside 595 (s1000 tg-01007), a speck after 186 (s5000 tg-05010).
    assert figured_note("1595 5", ["595", "595", "1595", "595", "1595", "595"]) == "595"
    assert figured_note("186  °", ["186", "18", "18", "186", "186", "186"]) == "186"
    # A pen's IV read 19 by the page and 1V by the Latin model (s3000 tg-03006).
    assert figured_note("5.19750", ["5.1V50", "5.IV50", "5.1V50", "5.1V.50", "5.1V50", "5.1V50"], 4, 50) == "5.IV.50"
    # XI read I by the page; the year's 0 read 8 by most readings in figures: the telegram's year decides (s5000 tg-05008).
    figures = ["3-X1.58", "3.X1.58", "3. X1.58", "3.XI.58", "3.-X1.58", "3.X1.50"]
    assert figured_note("3.1.50", figures, 11, 50) == "3.XI.50"
    assert figured_note("3.1.50", figures, 11) == "3.XI.58"
    assert figured_note("3.1.50", figures[:1], 11, 50) is None  # one reading alone writes no date
    # A pen's III read 11 by most readings (s7000 tg-07008), in a telegram of March: no month before it is written, so
    # II is March's with its last I lost; in April it is no month a note is dated in.
    figures = ["6111.51", "6-I.52", "6-I1.51", "6.117.512", "6-11.51", "6.11.2"]
    assert figured_note("$.111.51", figures, 3, 51) == "6.III.51"
    assert figured_note("$.111.51", figures, 4, 51) is None
    # Parts of a date each read where they read as one: the page's month alone (``Х1``), a day and year beside a month
    # read ``41`` (s3000 tg-03010); VII read with an I too many (``VI11``) by a third of the readings (s9000 tg-09010).
    figures = ["22.X1. 52", ".X- 52", "22.41.52", "23.21 .5", "22.X41. 52", "22.X1.5"]
    assert figured_note("2%.Х1.5и", figures, 11, 52) == "22.XI.52"
    figures = ["15.VI11.53", "15.VI1.53", "15.V11.53", "15.V11.53", "15.V11.53", "15.VI11.53"]
    assert figured_note("15.41.53", figures, 7, 53) == "15.VII.53"
    # A note the page read whole is not voted away (a pen's I lost in figures; a clean 735 read 785).
    assert figured_note("19.XI.47", ["19.X.47", "19.X.47", "19.X.47"]) is None
    assert figured_note("735", ["785", "785", "785"]) is None and figured_note("995", ["995", "35", "995"]) == "995"


def test_received_year():
    from ocr.routing import received_year

    assert received_year("6/5 1951") == 51 and received_year("1/11 19 53") == 53 and received_year("1/11") is None


def test_footer_date_ends_in_a_digit():
    assert parse_footer_line("Разослано 17/12/31.") == {"distributed_raw": "Разослано 17/12/31"}


def test_unreadable_priority_stays_out():
    from ocr.assemble import header
    from ocr.lines import Line, Role

    assert header([Line("© о © сл > ха", Role.PRIORITY)]).priority == []
    assert header([Line("О С О Б А Я", Role.PRIORITY)]).priority == ["ОСОБАЯ"]


def test_continuation_header_as_ocr_reads_it():
    assert fields.parse_continuation_copy("э к з. №... 5") == (True, 5)  # letter-spaced by OCR
    assert fields.parse_continuation_copy("эхз. №...") == (True, None)
    assert fields.parse_continuation_copy("экз № №...") == (True, None)  # the dotted blank read as a second №
    # the blank's dots read with a colon, or a full stop between the № and the second (heavy tuning s8000 tg-08019)
    assert fields.parse_continuation_copy("экз. №:.. 4") == (True, 4)
    assert fields.parse_continuation_copy("экз. №. №....") == (True, None)
    assert fields.parse_page_label("3.  .") == "3."


def test_a_continuation_copy_line_with_its_label_garbled_is_one_still():
    # heavy tuning tg-09007, tg-03010, tg-09004: ``экз.`` read ``кз.``, ``экв.``, ``из.``; the header line ran into the body
    assert fields.parse_continuation_copy("кз. №... 5") == (True, 5)
    assert fields.parse_continuation_copy("экв. №... 3") == (True, 3)
    assert fields.parse_continuation_copy("из.№5...") == (True, 5)
    assert fields.copy_label_typed("кз. №... 5") == "экз. №... 5"
    assert fields.copy_label_typed("Экз. № 5...") == "Экз. № 5..."  # read right: as read
    # without its full stop or its copy's figures such a word is no label
    assert fields.parse_continuation_copy("в № 10") == (False, None)
    assert fields.parse_continuation_copy("кз. №....") == (False, None)
    assert fields.parse_continuation_copy("на № 5 и") == (False, None)


def test_footer_name_beside_a_speck_read_as_a_quote():
    assert parse_footer_line("Выпустил Мельников”  .") == {"released_by": "Мельников"}


@pytest.mark.parametrize("text, month, expected", [
    ("N 561 / м. п. - 2. Л.", 11, "N 561 / м. п. - 2. Л."),  # read as no numeral at all: left as read, not guessed
    ("N 174 / м. п. 14.9.", 6, "N 174 / м. п. - 14.9."),
    ("\\561/м.н.- 2. ХИ.", 11, "N 561 / м. п. - 2. XI."),  # joined strokes: their count is a guess
    ("№ 413 /м. п. - 18. ХТ.", 10, "N 413 / м. п. - 18. XI."),  # a clear numeral stays as read
    ("N 255 / м. п. - 26. X.", 11, "N 255 / м. п. - 26. XI."),  # heavy tuning tg-03007: XI's last I lost
    ("N 255 / м. п. - 26. X.", 12, "N 255 / м. п. - 26. X."),  # no stroke lost makes it December's
    ("М 986 / м. п. - 30. Т.", None, "N 986 / м. п. - 30. I."),  # no telegram date to read it against
])
def test_registry_month_read_against_the_telegrams(text, month, expected):
    assert registry_note(text, month) == expected


def test_received_month():
    from ocr.routing import received_month

    assert [received_month(d) for d in ("1/11 19 53", "3/XII 19 49", "19/ 19 50", "25/14 1950", None)] == [
        11, 12, None, None, None]


def test_signature_date_as_ocr_reads_it():
    # ``г.`` read ``2.``, October's slashed zero read 9; a scrawl over the name leaves letters, not a name
    assert fields.parse_signature("5/19-52 2.  П А оО  0,")[1] == "5/10-52 г."
    assert fields.parse_signature("1/11-52 2. Б О Д Р О В") == ("БОДРОВ", "1/11-52 г.")
    assert fields.parse_signature("5/10-52 1. П А О О О 0,")[1] == "5/10-52 г."  # ``г.`` read ``1.``
    assert fields.parse_signature("2/11-52 гг. в Москве") is None


def test_footer_time_read_faintly_is_still_typing():
    from ocr.footer import typed_text

    assert typed_text("Отпеч. 18/12-7.05", [("Отпеч.", 87), ("18/12-7.05", 41)]) == ("Отпеч. 18/12-7.05", [])
    # split in two by OCR, the first half unsure (a heavy tuning page): whole, it is still the typed date and time
    assert typed_text("Отпеч. 7/5-1. 59", [("Отпеч.", 12), ("7/5-1.", 0), ("59", 96)]) == ("Отпеч. 7/5-1.59", [])
    assert typed_text("Отеч, 22/11-4 53", [("Отеч,", 0), ("22/11-4", 17), ("53", 64)]) == ("Отеч, 22/11-4.53", [])
    assert typed_text("Верно: 02>=5009> (0", [("Верно:", 90), ("02>=5009>", 41), ("(0", 30)])[0] == "Верно:"
    assert parse_footer_line("Отпеч. 5/19-17.05") == {"printed_raw": "Отпеч. 5/10-17.05"}


def test_a_faint_lines_value_read_as_surely_as_its_label_is_typing():
    from ocr.footer import typed_text

    # heavy tuning tg-07011 (s7000), a faint carbon on a dim grey scan (page mean confidence 43): the name read as surely
    # as the printed label beside it is typed, however low both read
    assert typed_text("Выпустил Мельников", [("Выпустил", 45), ("Мельников", 47)]) == ("Выпустил Мельников", [])
    # a pen's strokes beside a label read lower still (heavy tuning tg-07015), and no label, no such allowance
    assert typed_text("Верно: т ен И.", [("Верно:", 44), ("т", 14), ("ен", 26), ("И.", 0)]) == ("Верно:", ["т", "ен", "И."])
    assert typed_text("Выпустил Мельников", [("Выпустил", 95), ("Мельников", 47)]) == ("Выпустил", ["Мельников"])
    assert typed_text("_° 32 эк. 6.", [("_°", 0), ("32", 47), ("эк.", 47), ("6.", 4)])[1] == ["32", "эк.", "6."]


def test_copies_line_label_read_unsurely_is_still_typing():
    from ocr.footer import typed_text

    # a faint carbon photocopy (heavy tuning page, seed 5000): ``экз.`` read at 34 is the copies line's label, kept
    assert typed_text("4 экз. мп .", [("4", 53.05), ("экз.", 33.69), ("мп", 94.05), (".", 85.8)]) == ("4 экз. мп", ["."])
    assert parse_footer_line("4 экз. мп") == {"copies_printed": 4, "typist": "мп"}
    # what follows the label is still judged: a scrawl read after it stays out
    assert typed_text("4 экз. Оооо", [("4", 53.05), ("экз.", 33.69), ("Оооо", 20.0)]) == ("4 экз.", ["Оооо"])


def test_slot_remnant_alone_is_no_recipient():
    assert fields.parse_grid_row("» № 4-т  »№ Ит  » № 18-т") == [(4, None), (18, None)]


def test_a_continuation_copy_read_as_a_small_letter_is_no_number():
    # ``в`` matched the digit look-alike ``В`` (8) case-blind and then failed to convert, stopping the page
    assert fields.parse_continuation_copy("экз. № в") == (False, None)
    assert fields.parse_continuation_copy("экз. № В") == (True, 8)


def test_a_bare_number_is_no_continuation_copy_line():
    # the telegram number 7336 of a continuation header: its ``33`` looked like ``эз`` (экз. read short)
    assert fields.parse_continuation_copy("7336") == (False, None)
    assert fields.parse_continuation_copy("Зз 6") == (True, 6)


def test_heavy_scan_misreads_of_signature_and_continuation_header():
    # ``г.`` read ``1.``; the № of a continuation header's copy read as a letter (heavy tuning pages)
    assert fields.parse_signature("5/10-52 1.  П А О О О 0,")[1] == "5/10-52 г."
    assert fields.parse_signature("12/3-49 1. состоялась беседа с послом") is None
    assert fields.parse_continuation_copy("экз. в...") == (True, None)
    assert fields.parse_continuation_copy("экз. вот так") == (False, None)
    assert fields.parse_continuation_copy("экз. №Дд...") == (True, None)  # the copy's digit read as letters (moderate tuning)


def test_priority_with_one_word_read_and_the_other_garbled():
    from ocr.assemble import header
    from ocr.lines import Line, Role

    assert header([Line("$05653 ВАЖНАЯ", Role.PRIORITY)]).priority == ["ОСОБО ВАЖНАЯ"]  # a heavy scan's ``ОСОБО``
    assert header([Line("$05653", Role.PRIORITY)]).priority == []


def test_a_whole_registry_note_is_kept_however_faint():
    from ocr.assemble import header
    from ocr.lines import Line, Role
    from ocr.registry import is_whole

    assert is_whole("N 561 / м. п. - 2. XI.") and is_whole("См. изв. № 1259 (ссылка № 77)")
    assert not is_whole("N 561 / м. п. - 2. Л.") and not is_whole("412")
    assert is_whole("N 415 / м. п. - 2. I.") and not is_whole("N 415 / м. п. - 2. I.", 11) and is_whole("N 415 / м. п. - 2. XII.", 11)
    # a pen's note; one OCR could not read; one read in a month the telegram was not received in; a page's edge
    faint = [Line("(561 /м.п.- 2. Х!.", Role.REGISTRATION, confidence=33.0), Line("2561 /  м.п. - 2.Л.", Role.REGISTRATION, confidence=16.0),
             Line("№415/м.н..2.1.", Role.REGISTRATION, confidence=17.0), Line("412", Role.REGISTRATION, confidence=20.0),
             Line("Из ПЕКИНА № 8075 пол. 3 час. 06 мин. 1/11 19 53 г. экз. № 11", Role.ROUTING)]
    assert header(faint).registration_marks == ["N 561 / м. п. - 2. XI."]


def test_a_signature_whose_date_ocr_garbled_still_signs():
    from ocr import roles, signer
    from ocr.lines import Line, Role, Word

    texts = ["которые, по договору, должны быть отгружены в первом квартале.", "а 51 г.  -  .  ш т ы к о в", "З5 экз. тс",
             "Отеч. 38/44. 32", "Выпустил Зайцева"]
    assert [r.value for r in roles.tag_rest(texts)] == ["body", "signature", "other", "footer", "footer"]
    read = [("а", 0), ("51", 0), ("г.", 78), ("-", 0), (".", 54), ("штыков", 80)]
    words = [Word(text, (40 * k, 0, 30, 30), confidence) for k, (text, confidence) in enumerate(read)]
    assert signer.signature([Line(texts[1], Role.SIGNATURE, words=words)]).name == "ШТЫКОВ"
    assert fields.garbled_signature("пункт 4 а б в") is None and fields.garbled_signature("Ш Т Ы К О В") is None
    loops = [Word(text, (40 * k, 0, 30, 30), 70.0) for k, text in enumerate(["5/10-52", "1.", "П", "А", "О", "О", "О"])]
    assert signer.signature([Line("5/10-52 1. П А О О О", Role.SIGNATURE, words=loops)]).name is None  # a scrawl's loops
    faint = [Word(text, (40 * k, 0, 30, 30), 18.0) for k, text in enumerate(["19/2-48", "г.", *"ПАНЮШКИН"])]
    assert signer.signature([Line("19/2-48 г. П А Н Ю Ш К И Н", Role.SIGNATURE, words=faint)]).name == "ПАНЮШКИН"
    # one letter misread of a listed name is that name; letters near no name, no name
    assert signer.signature([Line("19/2-48 г. П А Н Ю Р К И Н", Role.SIGNATURE, words=faint)]).name == "ПАНЮШКИН"
    assert signer.signature([Line("19/2-48 г. П А Н Ю Р К О Т", Role.SIGNATURE, words=faint)]).name is None
    # letters lost under a scrawl between those read, on a page read turned 90° (boxes run down the scan)
    read = [("5/10-52", 60, (1878, 2067, 45, 215)), ("1.", 24, (1897, 1979, 27, 55)), ("ПАН", 95, (1920, 941, 24, 153)),
            ("К", 67, (1931, 749, 31, 24)), (",", 0, (1939, 623, 29, 10))]
    lost = [Word(text, box, confidence) for text, confidence, box in read]
    assert signer.signature([Line("5/10-52 1. П А Н К ,", Role.SIGNATURE, bbox=(1878, 623, 61, 1659), words=lost)]).name is None
    # the year's ``г.`` read ``г,`` is no piece of the name, however far the name is typed after it
    read = [("25/1147", 14, (504, 1040, 140, 30)), ("г,", 92, (660, 1040, 25, 30)), ("пушкин", 82, (1300, 1040, 175, 30))]
    apart = [Word(text, box, confidence) for text, confidence, box in read]
    assert signer.signature([Line("25/1147 г, пушкин", Role.SIGNATURE, bbox=(504, 1038, 971, 84), words=apart)]).name == "ПУШКИН"
    # specks read as small letters well before a name read in capitals (a heavy tuning page, seed 6000)
    read = [("5/6-52", 90, 100), ("г.", 95, 260), ("о", 26, 700), ("н", 26, 800), *((c, 89, 1000 + 40 * k) for k, c in enumerate("ПУШКИН"))]
    specks = [Word(text, (x, 0, 130 if len(text) > 2 else 30, 30), confidence) for text, confidence, x in read]
    assert signer.signature([Line("5/6-52 г. о н П У Ш К И Н", Role.SIGNATURE, bbox=(100, 0, 1130, 30), words=specks)]).name == "ПУШКИН"
    # a pen across a name's last letters (a clean tuning page, seed 1000): ``Ф Е Д О`` read at 91, ``Ц Е Жк`` at 39,
    # a mean of 69 but letters read unsurely: no name (``ФЕДОЦЕЖК`` is no name, and a wrong name is worse than none)
    read = [("5/10-52", 91, (238, 2045, 213, 41)), ("г.", 97, (494, 2058, 47, 26)),
            *((c, 91, (1389 + 63 * k, 2050, 32, 40)) for k, c in enumerate("ФЕДО")), ("Ц", 39, (1641, 1993, 34, 112)),
            ("Е", 39, (1710, 1993, 34, 112)), ("Жк", 39, (1771, 1993, 150, 112)), ("^", 51, (2023, 1993, 66, 112))]
    crossed = [Word(text, box, confidence) for text, confidence, box in read]
    assert signer.signature([Line("5/10-52 г. Ф Е Д О Ц Е Жк ^", Role.SIGNATURE, bbox=(238, 1993, 1851, 112), words=crossed)]).name is None


def test_a_signature_read_with_specks_and_two_letters_run_together_still_signs():
    from ocr import roles

    # heavy scans read specks among a signature's marks and run two of a letter-spaced name's letters together (an
    # OCR-like noise over the tuning transcripts' last pages lost 25 of 450 signatures at 8 % of characters so)
    assert fields.parse_signature("; 13/12-48 г;. З А Р У Б И Н") == ("ЗАРУБИН", "13/12-48 г.")
    assert fields.parse_signature("13/6-53 г.П У Ш К И Н") == ("ПУШКИН", "13/6-53 г.")
    assert fields.parse_signature("24;/12-50 г. П А Н Ю Ш К' И Н") == ("ПАНЮШКИН", "24/12-50 г.")
    assert fields.garbled_signature("13/9-5 г. З А Р УБ И Н") == "ЗАРУБИН"  # the year's figure lost
    assert fields.garbled_signature("1612.49 г. Б О Д Р ОВ") == "БОДРОВ"
    texts = ["почтой.", "13/9-5 г. З А Р УБ И Н", "14 экз. нб", "Отпеч. 14/9-10.25"]
    assert [r.value for r in roles.tag_rest(texts)] == ["body", "signature", "footer", "footer"]
    # figures of the message before small words are no date: no name follows them
    assert fields.garbled_signature("в 12 ч. и в 3 ч. д н я") is None
    assert fields.garbled_signature("по 12 т о н н") is None
    assert fields.garbled_signature("/7-50 .Р ОЩ ИН") is None  # most of its pieces two letters: no letter-spaced name


@pytest.mark.parametrize(("text", "date"), [
    ("714. 5Т г.  с", "7/4-51 г."),  # heavy tuning tg-07011: the slash read as 1, the hyphen as a full stop, 1 as Т
    ("- 9/6-49 г.  О", "9/6-49 г."),  # a speck before it, a letter left of the name
    ("13/5-46 .", "13/5-46 г."),  # ``г.`` lost: the figures read a whole date
    ("15/5.51 г. °", "15/5-51 г."),
    ("1473.48", "14/3-48 г."),
    ("1949 г.", None),  # a year alone is the message's
    ("в 12 ч. и в 3 ч.", None),
    ("2/3 4g .", None),  # no ``г.`` and no whole date
    ("17/1.50 г. Б О Д Р О В", "17/1-50 г."),  # heavy tuning tg-07016: the hyphen read as a full stop; the name after it
    ("17/1.50 г. состоялась беседа", None),  # words after it: a sentence of the message
    ("12/3-49 г. состоялась беседа", None),
    ("Отпеч. 14/4-0.29", None),
])
def test_a_signatures_date_read_garbled(text, date):
    assert fields.garbled_date(text) == date


def test_the_signature_is_the_documents_last_signature_line():
    from ocr import signer
    from ocr.lines import Line, Role

    # heavy tuning tg-01007: letter-spaced junk ending page 1 read as a signature; the telegram's is on page 2
    lines = [Line("с В е б чт З е т.", Role.SIGNATURE, page=1), Line("6/5-51 г.", Role.SIGNATURE, page=2)]
    assert signer.signature(lines).date_raw == "6/5-51 г."

def test_join_lines_keeps_one_space_and_marks_on_their_words():
    # The typist's wide space after a full stop, and a full stop typed a pitch after its word (read apart).
    assert join_lines(["списки сотрудников  (всего 24 человек)  с указанием", "мест. Подробный доклад высылаю с очередной",
                       "почтой ."]) == "списки сотрудников (всего 24 человек) с указанием мест. Подробный доклад высылаю с очередной почтой."
    assert join_lines(["не менее 19 человек - для", "восстановления"]) == "не менее 19 человек - для восстановления"
    assert join_lines(["направить 342 инженеров -гидротехников"]) == "направить 342 инженеров-гидротехников"


def test_a_letter_spaced_name_letter_read_as_its_digit():
    # a clean tuning page read the addressee ``3 О Р И Н У.``
    assert fields.clean_single_name("3 О Р И Н У.") == "ЗОРИНУ"
    assert fields.clean_single_name("М 0 Л О Т О В У") == "МОЛОТОВУ"


def test_an_addressee_whose_first_letters_were_read_apart():
    # a heavy tuning page (seed 9000) read ``З О Р И Н У.`` as two letters and a word; a signer's line so read is a
    # scrawl over the name (``Ш кадр“``), no name
    assert fields.addressee_name("З о ринУу.") == "ЗОРИНУ" and fields.addressee_name("Ф И Л И П П О ВУ.") == "ФИЛИППОВУ"
    assert fields.clean_single_name("Ш кадр“") != "ШКАДР"


def test_a_typed_note_read_as_letters_and_one_digit_is_no_note():
    from ocr.assemble import header
    from ocr.lines import Line, Role

    # heavy tuning page: ``N 640 / м. п. - 22. XI.`` read at 47 as letters and a speck's ``+1``; ``412`` read well
    read = [Line("См. изв. № 149 (ссылка № 28)", Role.REGISTRATION, confidence=48.1),
            Line("М б а м +1", Role.REGISTRATION, confidence=46.55), Line("412", Role.REGISTRATION, confidence=90.0)]
    assert header(read).registration_marks == ["См. изв. № 149 (ссылка № 28)", "412"]


def test_a_priority_typed_with_a_broken_type_bar():
    from ocr.assemble import header
    from ocr.lines import Line, Role

    # a heavy tuning page whose ``О`` reads ``З`` wherever it struck (and ``Н`` reads ``Ч``)
    assert header([Line("ЗСЗБЗ ВАЖЧАЯ", Role.PRIORITY)]).priority == ["ОСОБО ВАЖНАЯ"]
    assert header([Line("ВАЖНОЕ СООБЩЕНИЕ", Role.PRIORITY)]).priority == ["ВАЖНОЕ СООБЩЕНИЕ"]  # no mark near: as typed


def test_a_slash_read_as_one_is_put_back_where_only_one_day_and_month_fit():
    # heavy tuning pages (seeds 3000 and 6000): a thin slash read ``1`` in a signature's date and a footer's
    assert fields.parse_signature("25111-48 г. о А Х")[1] == "25/11-48 г."
    assert parse_footer_line("Разослано 24110/28") == {"distributed_raw": "Разослано 24/10/28"}
    assert fields.slash_read_as_one("2111-48") == "2111-48"  # 2/11 or 21/1: left as read
    assert fields.slash_read_as_one("25/11-48") == "25/11-48"


@pytest.mark.parametrize("text, vocabulary, printed", [
    ("ШИифртелеграмма", fields.FORM_TITLES, "Шифртелеграмма"),
    ("ШИФРТЕЛЕГРАММА", fields.FORM_TITLES, "ШИФРТЕЛЕГРАММА"),  # printed in capitals: kept so
    ("„Строго секретно", fields.CLASSIFICATIONS, "Строго секретно"),
    ("` СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ", fields.HANDLING_MARKS, "СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ"),
    ("Подлежит возврату.", fields.HANDLING_MARKS, "Подлежит возврату"),
    ("Строго секретно   Подлежит возврату", fields.CLASSIFICATIONS, None),  # more than the mark: as read
    ("С е к р е т н о", fields.CLASSIFICATIONS, None),  # letter-spaced typing: as typed
])
def test_a_printed_mark_as_the_form_has_it(text, vocabulary, printed):
    assert fields.printed_mark(text, vocabulary) == printed


def test_a_mark_whose_last_word_is_lost_is_the_mark_its_first_words_begin():
    from ocr.roles import header_role

    # s3000 heavy tg-03011: ``ВОСПРЕЩАЕТСЯ`` read as nothing; the line was no handling mark and the field empty
    assert header_role("СНЯТИЕ КОПИЙ") is Role.HANDLING
    assert fields.printed_mark("СНЯТИЕ КОПИИ", fields.HANDLING_MARKS) == "СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ"
    assert fields.marks_in("Хранить наравне", fields.HANDLING_MARKS) == ["Хранить наравне с шифром"]
    # one word is too little to tell, and a two-word mark's first word is no mark
    assert fields.marks_in("СНЯТИЕ", fields.HANDLING_MARKS) == fields.marks_in("Совершенно", fields.CLASSIFICATIONS) == []
