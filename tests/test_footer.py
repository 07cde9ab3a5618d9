"""Footer values keep the typing beside their labels and never a pen's scrawl or a stamp's remnants."""

from __future__ import annotations

import pytest

from ocr.footer import believable, footer, left_out, parse_footer_line, printed, typed_line, unclear_marks
from ocr.lines import Line, Role, Word


@pytest.mark.parametrize("text, expected", [
    ("Верно: Оооо", {"certified": "Верно:"}),  # a scrawl read as one letter over and over
    ("Верно: 02>=5009> (0", {"certified": "Верно:"}),
    ("Верно:", {"certified": "Верно:"}),
    ("Верно: У", {"certified": "Верно:"}),  # a lone letter is a stroke
    ("Верно: А. Кузнецов", {"certified": "Верно: А. Кузнецов"}),
    ("Отпеч. 19/11-0.10 А 2]", {"printed_raw": "Отпеч. 19/11-0.10"}),  # stamp remnants trail the time
    ("Отпеч. 20/1 - 0.45", {"printed_raw": "Отпеч. 20/1 - 0.45"}),
    ("Разослано 10/1/45 ~~", {"distributed_raw": "Разослано 10/1/45"}),
    ("Выпустил Абрамкин ]ЛЛЛ", {"released_by": "Абрамкин"}),
    ("11 экз. нб", {"copies_printed": 11, "typist": "нб"}),
    ("11 экз. ]]", {"copies_printed": 11}),
    ("5 экз. Лк.", {"copies_printed": 5, "typist": "лк"}),  # heavy tuning tg-03011: л read large
    ("11 экз. МП", {"copies_printed": 11, "typist": "мп"}),  # moderate tuning tg-03009, ``мп`` read alone
    ("9 кз. Мп", {"copies_printed": 9, "typist": "мп"}),  # heavy tuning tg-08001 read alone: the faint ``э`` lost
    ("В 8 экз. мп", {"copies_printed": 8, "typist": "мп"}),  # heavy tuning tg-08004: a speck read as a letter before it
    ("1] экз. нб", {"copies_printed": 11, "typist": "нб"}),  # clean tuning tg-01004: the second 1 read as a bracket
    ("В 1950 году", {}),  # a letter and a number are no copies line without ``экз.``
])
def test_footer_values_without_marks(text, expected):
    assert parse_footer_line(text) == expected


def test_a_word_read_unbelievably_is_no_value_and_is_warned_about():
    assert believable("Иванов", 91.0) and not believable("Иванов", 23.0) and not believable("ооо", 90.0)
    words = [Word("Верно:", (100, 900, 150, 35), 92.0), Word("Генерал", (300, 900, 200, 35), 31.0)]
    line = Line("Верно: Генерал", Role.FOOTER, page=2, words=words)
    assert footer([line]).certified == "Верно:"
    assert unclear_marks([line]) == ["page 2: left out of the footer as no typing (pen or stamp marks?): 'Генерал'"]
    typed = Line("Выпустил Абрамкин", Role.FOOTER, words=[Word("Выпустил", (0, 0, 9, 9), 90.0), Word("Абрамкин", (9, 0, 9, 9), 88.0)])
    assert footer([typed]).released_by == "Абрамкин" and unclear_marks([typed]) == []


def test_a_date_with_look_alike_digits_is_still_a_date():
    assert parse_footer_line("Отпеч. З/2-О.16 ~") == {"printed_raw": "Отпеч. З/2-О.16"}


def test_a_time_read_with_a_comma_and_a_speck_before_it_is_the_typed_time():
    # a faint photocopy's grain-smoothed reading (heavy tuning page, seed 3000): the time's full stop read as a
    # comma, a speck before the day
    assert parse_footer_line("Отпеч. -25/10-5,17.") == {"printed_raw": "Отпеч. 25/10-5.17"}
    assert parse_footer_line("Разослано `24/10/28") == {"distributed_raw": "Разослано 24/10/28"}
    assert parse_footer_line("Отпеч. 2/XI-15,17") == {"printed_raw": "Отпеч. 2/XI-15.17"}


@pytest.mark.parametrize("text, expected", [
    ("8$ экз. лк", {"copies_printed": 8, "typist": "лк"}),  # a speck between the number and экз.
    ("-.18экз.мп", {"copies_printed": 18, "typist": "мп"}),  # a speck before the number (a photocopy, heavy tuning seed 6000)
    ("® 5 экз. лк", {"copies_printed": 5, "typist": "лк"}),  # a speck read as a mark (a clean tuning page, seed 3000)
    ("`7.зкз. лк", {"copies_printed": 7, "typist": "лк"}),
    ("10 эк.. мп", {"copies_printed": 10, "typist": "мп"}),  # экз. without its з
    ("9 кз м", {"copies_printed": 9}),  # faint э and full stop lost (heavy tuning tg-08001, seed 8000); ``мп`` lost a letter
    ("2 экз. вагонов", {"copies_printed": 2}),  # a later page's header read with a word of the message (heavy tg-07011)
    ("10 экз. лкп", {"copies_printed": 10, "typist": "лкп"}),  # three initials
    ("9 кз", {"copies_printed": 9}),
    ("1 : т А Е = а Отеч. 14/6-3.04", {"printed_raw": "Отпеч. 14/6-3.04"}),  # a scrawl's pieces before the label
    ("и верно, что", {}),  # a word of the message before a label's spelling is no scrawl
    # a later page's header: ``33`` of its telegram number is no ``экз.`` (heavy tuning s8000 tg-08019, all its page lost)
    ("5330  2.  экз. №:.. 4", {}),
    # nor ``33`` glued to the number: a faint line of the message (heavy tuning s7000 tg-07011, the rest of its page lost)
    ("233 вагонов  прибыть не  иначе", {}),
    ("9 33. лк", {"copies_printed": 9, "typist": "лк"}),
    # a heavy scan's specks and spaces inside a footer line (an OCR-like noise over 450 tuning transcripts' footers):
    # a speck after the number's space, the initials a space apart, a label in two pieces or joined to a name, specks in
    # the name, the name in two pieces
    ("15 ;экз. ав", {"copies_printed": 15, "typist": "ав"}),
    ("11 экз. н б", {"copies_printed": 11, "typist": "нб"}),
    ("Вып устил Абрамкин", {"released_by": "Абрамкин"}),
    ("Р азослано 21/12/53", {"distributed_raw": "Разослано 21/12/53"}),
    ("Отп еч. 7/8-16.55", {"printed_raw": "Отпеч. 7/8-16.55"}),
    ("ВыпустилСорокин", {"released_by": "Сорокин"}),
    ("Выпустил П°етрова", {"released_by": "Петрова"}),
    ("Выпустил .Голубев", {"released_by": "Голубев"}),
    ("Выпустил А брамкин", {"released_by": "Абрамкин"}),
    ("Выпустил А. Абрамкин", {"released_by": "А. Абрамкин"}),
    ("Выпустил Абрамкин ооо", {"released_by": "Абрамкин"}),  # a pen's loops after the name stay apart from it
    ("Разослать по списку 7.М.", {}),  # a resolution in pen (heavy tuning tg-08018): no label in two pieces
])
def test_footer_labels_found_past_specks(text, expected):
    assert parse_footer_line(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Верно: \\ \\", "Верно:"),  # the certifying clerk's scrawl read as marks (moderate tuning pages, seed 1000)
    ("Верна: #С © 5-5$`©", "Верно:"),
    ("9 экз. лк вазжицгё рытокснаЯ", "9 экз. лк"),  # show-through beside the typist's initials
    ("11 экз. МП", "11 экз. мп"),
    ("Оътпеч. 7/5-1.59 о ро тьй", "Отпеч. 7/5-1.59"),
    ("Разослано. 1/11/48", "Разослано 1/11/48"),
    ("Разослано 7/4 33", "Разослано 7/4/33"),  # its second slash read as a space (a moderate tuning page, seed 7000)
    ("Разослано 7/4 1951", "Разослано 7/4 1951"),  # no day/month/number, two figures after a lost slash
    ("Отпеч. 18/4 4.14", "Отпеч. 18/4-4.14"),  # its dash read as a space (a heavy tuning page, seed 1000)
    ("Отпеч. 18/4 4,14", "Отпеч. 18/4-4.14"),
    ("Отпеч. 18/4 1951", "Отпеч. 18/4 1951"),  # no time after a lost dash
    # a slashed zero read 6 or 9 in the minutes (heavy tuning pages, seeds 5000: ``4.03``, ``16.09``): no hour has 63
    ("Отпеч. 3/11-4.63", "Отпеч. 3/11-4.03"),
    ("Отпеч. 17/9-16.99", "Отпеч. 17/9-16.09"),
    ("Отпеч. 17/9-16.59", "Отпеч. 17/9-16.59"),  # in range: as read
    ("Отпеч. 17/9-26.09", "Отпеч. 17/9-26.09"),  # a 2 is no zero's reading: as read
    ("Разослано 22/ 10/34", "Разослано 22/10/34"),  # a space read after a slash (a heavy tuning page, seed 8000)
    ("Выпустил Мельников", "Выпустил Мельников"),
    ("В дело 13/6", None),  # no footer field: the line stays as read
])
def test_footer_line_as_typed(text, expected):
    assert typed_line(text) == expected


def test_footer_lines_printed_keep_their_words_and_fields():
    words = [Word("Верно:", (100, 900, 150, 35), 92.0), Word("Генерал", (300, 900, 200, 35), 31.0)]
    lines = [Line("Верно: Генерал", Role.FOOTER, page=2, words=words), Line("Верно: Генерал", Role.BODY)]
    shown = printed(lines)
    assert [line.text for line in shown] == ["Верно:", "Верно: Генерал"] and shown[0].words == words
    assert unclear_marks(shown) == unclear_marks(lines) and footer(shown) == footer(lines)


@pytest.mark.parametrize("text", ["Разослано 7/4 33 вазжиц", "Отпеч. 18/4 4.14 вазжиц", "Разослано 22/ 10/34 вазжиц"])
def test_footer_value_joined_leaves_out_only_what_follows_it(text):
    assert left_out(text) == ["вазжиц"]  # the value's second piece, joined to it, is no word left out


@pytest.mark.parametrize("text, expected", [
    ("II экз. нб", {"copies_printed": 11, "typist": "нб"}),  # a face's serifed 1 read as I
    ("ll экз. нб", {"copies_printed": 11, "typist": "нб"}),  # a small l typed for 1
    ("1l экз. нб", {"copies_printed": 11, "typist": "нб"}),
    ("Отпеч. l8/4-l0.l5", {"printed_raw": "Отпеч. 18/4-10.15"}),
    ("Разослано 7/4/5I", {"distributed_raw": "Разослано 7/4/51"}),
    ("Отпеч.8/4-10.15", {"printed_raw": "Отпеч. 8/4-10.15"}),  # the label's space lost on a narrow face
    ("Разослано7/4/51", {"distributed_raw": "Разослано 7/4/51"}),
])
def test_footer_read_where_a_face_types_1_as_a_letter_or_its_label_joins_its_value(text, expected):
    assert parse_footer_line(text) == expected
