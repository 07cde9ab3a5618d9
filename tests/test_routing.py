"""The routing line is read from its printed labels, wherever and however the values are typed."""

from __future__ import annotations

import pytest

from ocr import routing
from ocr.lines import Line, Role
from ocr.routing import Routing, is_routing_line, labels_found, parse_routing


@pytest.mark.parametrize("text, expected", [
    # lower-case ``из``, a one-digit hour
    ("из ПХЕНЬЯНА № 2029 пол. 9 час. 50 мин. 19/1 19 50 г. экз. № 3",
     Routing("ПХЕНЬЯНА", "2029", "09:50", "19/1 19 50", 3)),
    # values typed into a printed form's dotted blanks
    ("Из ....ВАРШАВЫ..... № ..4117.. пол. ..7.. час. ..05.. мин. ..3/XII.. 19..49 г. экз. № ..2..",
     Routing("ВАРШАВЫ", "4117", "07:05", "3/XII 19 49", 2)),
    # digit look-alikes in the values, a Roman month read in Cyrillic, stamp remnants after the copy
    ("Из БУХАРЕСТА № 6О2 пол. l8 час. Оз мин. 26/1Х 1949 т. Зкз. № 4 ‘ ,И",
     Routing("БУХАРЕСТА", "602", "18:03", "26/IX 1949", 4)),
    # the date typed after ``пол.``, before the time
    ("Из ПРАГИ № 881 пол. 2/III 19 51 г. 23 час. 40 мин. экз. № 1",
     Routing("ПРАГИ", "881", "23:40", "2/III 19 51", 1)),
    # a blank's rule read as a third digit, the copy label printed letter-spaced
    ("Из ПХЕНЬЯНА № 6551 пол. 16 час. 309 мин. 13/6 19 53 г э к з. № 1.",
     Routing("ПХЕНЬЯНА", "6551", "16:30", "13/6 19 53", 1)),
    # a dotted zero read as 9; a time still garbled past reading keeps the date after ``мин.``
    ("Из ПЕКИНА № 8075 пол. 3 час. 96 мин. 1/11 19 53 г экз. № 11", Routing("ПЕКИНА", "8075", "03:06", "1/11 19 53", 11)),
    ("Из ПЕКИНА № 8075 пол. 3 час. мин. 1/11 19 53 г. экз. № 11", Routing("ПЕКИНА", "8075", None, "1/11 19 53", 11)),
    # leader dots read as specks, colons, commas, an ellipsis and a label's dot between labels and values
    ("Из.....ПЕКИНА.....№.....6702.....пол.......16::::час.,.,.29....мин.....5/10 … 1952....г.....экз.....№.....1....",
     Routing("ПЕКИНА", "6702", "16:29", "5/10 1952", 1)),
    ("из . . . ПЕКИНА . . . № . . . 6702 . . . пол. . . 9 . . час. . . 29 . . мин. . 5/10 . . 19 . . 52 . г. экз. №. . 1",
     Routing("ПЕКИНА", "6702", "09:29", "5/10 19 52", 1)),
    # read on heavy scans of a form with leader dots: a dot fused onto a label or value, one read as ``°``
    ("Из. П Е К И Н А №. 8589. пол.. 3 час. 48. мин. 18/2 1948 т. экз.", Routing("ПЕКИНА", "8589", "03:48", "18/2 1948", None)),
    ("Из ПЕКИНА № 6702 пол. _ 16 час. 29 мин. 5/10 ° 1952. г. экз. № 1.", Routing("ПЕКИНА", "6702", "16:29", "5/10 1952", 1)),
    ("Из ПЕКИНА № 6702 пол. 10 час. 29 мин. 5/10 — 1952 г. экз. № 1", Routing("ПЕКИНА", "6702", "10:29", "5/10 1952", 1)),
    ("Из СОФИИ № 5537 пол. 11 час. 52 мин. .18/1.2..19..5.2. т. экз. № .4", Routing("СОФИИ", "5537", "11:52", "18/12 19 52", 4)),
    ("ИЗ. Б Е Р Л И Н А №3708 пол. 2.3. час. _15_мин.._7/11 1951 т. экз. №5.", Routing("БЕРЛИНА", "3708", "23:15", "7/11 1951", 5)),
    ("из (СОФИИ № 5537 пол. 11 час. 52. м и н. 18/12 19 52 т. экз. № _4.", Routing("СОФИИ", "5537", "11:52", "18/12 19 52", 4)),
    # a dot read inside the number, the blank's first dot read as ``о`` after ``Из``, a label read half-spaced
    ("Из БЕРЛИНА № 370.8 пол. 2.3 час. 16 мин. 7/11 1951 т экз. № 5", Routing("БЕРЛИНА", "3708", "23:16", "7/11 1951", 5)),
    ("Изо СОФИИ № 5537 пол. 11 час. 52 мин. 18/12 19 52 т. экз. № 4.", Routing("СОФИИ", "5537", "11:52", "18/12 19 52", 4)),
    ("Из. СОФИИ. № 4403 пол. 5. ч ас. 17 мин. 19/6. 19 51. г. э к з. № 6", Routing("СОФИИ", "4403", "05:17", "19/6 19 51", 6)),
    # a dot of the row read after every typed character
    ("Из. П Р А Г И. . пол.. .5.. час. ..2.6.. мин. .5./.1.1. 19..53.. т экз. № 2",
     Routing("ПРАГИ", None, "05:26", "5/11 19 53", 2)),
    ("Из.....Б.Е.Р.Л.И.Н.А...№....3.1.0.8.. пол. ..2.3..час. ..1.6...МИН...2./11 _1951_т экз. №...5..",
     Routing("БЕРЛИНА", "3108", "23:16", "2/11 1951", 5)),
    # dust before ``Из`` and the minutes, the printed ``г.`` run into the year
    ('"Из ПРАГИ № 7904 пол. 17 час. .23 мин. _1/11 19 52гэкз.№1.', Routing("ПРАГИ", "7904", "17:23", "1/11 19 52", 1)),
])
def test_routing_values_beside_their_labels(text, expected):
    assert parse_routing(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Из № пол. час. мин. 19 г. экз. №", True),  # the printed labels alone: the values stand off the line
    ("из ПХЕНЬЯНА № 2029 пол. 9 час. 50 мин.", True),
    ("в 18 час. 30 мин. министр сообщил", False),  # a time in the message is no routing line
    ("Из беседы с министром выяснилось", False),
])
def test_routing_line_known_by_its_labels(text, expected):
    assert is_routing_line(text) is expected


@pytest.mark.parametrize("text, expected", [
    # a slashed zero read as ``09`` or ``90`` in a two-digit value
    ("Из ПЕКИНА № 8075 пол. 3 час. 096 мин. 1/11 19 53 г. экз. № 11", "03:06"),
    ("Из ПХЕНЬЯНА № 9794 пол. 14 час. 091 мин. 17/12 19 50 т. экз. № 10", "14:01"),
])
def test_slashed_zero_in_the_time(text, expected):
    assert parse_routing(text).received_time == expected


def test_slashed_zero_read_as_copyright_sign():
    routing = parse_routing("Из ПХЕНЬЯНА № 9785 пол. © час. 13 мин. 25/4 1950 г экз. № 6")
    assert routing.received_time == "00:13" and routing.copy_number == 6


def test_copy_after_numero_read_twice():
    assert parse_routing("Из ПРАГИ № 7904 пол. 17 час. 23 мин.  1/11 19  52 гэкз.№ № 1").copy_number == 1


def test_speck_before_from():
    assert parse_routing("*Из  ПЕКИНА № 8791 пол. 5 час. 59 мин. 14/5 _ 1953 т э з № 6") == Routing(
        "ПЕКИНА", "8791", "05:59", "14/5 1953", 6)


def test_slashed_zero_read_as_at_sign():
    assert parse_routing("Из ПХЕНЬЯНА № 9785 пол. @ час. 13 мин. 25/4  1950 г э ю. № 6").received_time == "00:13"


def test_copy_number_eight_read_as_a_letter():
    assert parse_routing("Из БЕРЛИНА № 5450 пол. 4 час. 32 мин. 18/10  1953 г э з № В").copy_number == 8


def test_a_blank_dot_before_the_year_parts_it_from_the_month():
    # a dotted-blank form's routing line as a heavy tuning page read it
    found = parse_routing("Из. СОФИИ. №4907. пол. -11. час. 04 мин. -24/10.1946_т. экз. №4")
    assert (found.received_time, found.received_date_raw, found.copy_number) == ("11:04", "24/10 1946", 4)
    assert parse_routing("Из ПЕКИНА № 2029 пол. 18 час. 50 мин. 18/1.2 19 5.2 т. экз. № 3").received_date_raw == "18/12 19 52"


def test_a_round_mark_among_the_dates_figures_is_its_zero():
    # a heavy tuning page (seed 3000, tg-03011; a carbon photocopied): the month's 0 read ``@``
    found = parse_routing("Из БЕЛГРАДА № 4127 пол. 21 час. 50 мин. 24/1@ 1946 экз. № 4")
    assert (found.received_time, found.received_date_raw, found.copy_number) == ("21:50", "24/10 1946", 4)
    assert parse_routing("Из ПЕКИНА № 2029 пол. 18 час. 50 мин. 2/О1 1950 г. экз. № 3").received_date_raw == "2/01 1950"
    assert parse_routing("Из ПЕКИНА № 2029 пол. 18 час. 50 мин. 2/XI 1950 г. экз. № 3").received_date_raw == "2/XI 1950"


def test_a_routing_line_whose_from_and_two_labels_were_misread():
    # a heavy tuning page: ``Из`` read ``№``, ``час.`` ``чж.``, ``экз.`` ``тм.``; ``пол.`` and ``мин.`` still tell the line
    text = "№ БУДАСЕШТА № _3686 пол. 1] чж. _50 мин. _6/5 9. -5\\ тм. № 24. _"
    assert is_routing_line(text) and parse_routing(text).telegram_number == "3686"
    assert not is_routing_line("Экз. № 1-т Экз. № 7-т Экз. № 13-т Маленкову")  # a grid row shows № and экз. only


def test_hours_label_read_with_its_letters_run_together_still_gives_the_time():
    # a heavy tuning page (tg-08010, received 10:19), its violet carbon faint: ``час.`` read ``чж.``
    found = parse_routing("Из БУДАПЕШТА № 1652 пол. 10 чж. 19 мин. 3/6 19 51 сэж. №")
    assert (found.received_time, found.received_date_raw) == ("10:19", "3/6 19 51")
    assert labels_found("Из БУДАПЕШТА № 1652 пол. 10 чжи 19 мин. 3/6 19 51") == 3  # a word, no label (№, пол., мин.)
    # a heavy tuning page (tg-09006, received 22:18 on 20/4 19 46): ``мин.`` read ``мм.``
    found = parse_routing("Из ВАРШАВЫ № 5889 пм. 22 час. 18 мм. 20/4 19 46 тек № 6")
    assert (found.received_time, found.received_date_raw) == ("22:18", "20/4 19 46")


def test_hours_label_misread_past_knowing_still_gives_the_time():
    # a heavy tuning page (s1000 tg-01004, received 10:42) read alone: ``час.`` read ``уж’``, ``а”``, ``ме”``
    assert parse_routing("Из БУДАПЕШТА № 1129 пол 10 уж’ 42 мин. 25/8 19 47 гжз. №").received_time == "10:42"
    assert parse_routing("и. БУДАПЕНТ ЦЕ 1118 10а” 42 мин. 25/8 19. 47 г № 1").received_time == "10:42"
    assert parse_routing("из. БУДАНЕИТ № _ 118 п _10. ме” 42 мин. 25/8 1947 гэжз.№ 1").received_time == "10:42"
    # the number after ``№`` is no hour, nor is ``пол.`` the hours' label; a value over 59 minutes none
    assert parse_routing("Из ТОКИО № 118 ло 42 мин. 1/1 1950").received_time is None
    assert parse_routing("Из ТОКИО №118 ло 42 мин. 1/1 1950").received_time is None
    assert parse_routing("Из ТОКИО № 1180 пол 42 мин. 1/1 1950").received_time is None
    assert parse_routing("Из ТОКИО № 1180 пол. 10 ме 742 мин. 1/1 1950").received_time is None


def test_nothing_after_the_year_is_the_dates():
    # a heavy tuning page's routing line read alone: ``т.`` after the year read ``1``, ``т. экз.`` read ``т. 3.``
    assert parse_routing("Из БУДАПЕШТА №. 3686 пол. 1] чж. _50 мин. 6/5 19_51 1 =. №_4").received_date_raw == "6/5 19 51"
    assert parse_routing("Из РУДАСНЕА. №. 3686 пол. _1] час. _50 мин. 6/5 19 51 т. 3. № _4.").received_date_raw == "6/5 19 51"
    assert parse_routing("Из ПХЕНЬЯНА № 2029 пол. 18 час. 50 мин. 19/ 19_50 т экз. №").received_date_raw == "19/ 19 50"


def test_a_one_read_as_a_bracket_in_the_time():
    # a heavy tuning page's routing line read alone (received 11:50): the hours' second ``1`` lost its foot
    assert parse_routing("Из РУДАСНЕА. №. 3686 пол. _1] час. _50 мин. 6/5 19 51 т. 3. № _4.").received_time == "11:50"


def test_what_is_left_of_a_lost_value_is_none():
    # heavy tuning pages: the typed values faint, lost in the bitonal page; the printed ``19`` is no date, a
    # letter or two after ``Из`` no place, a digit after ``№`` no telegram number
    found = parse_routing("Из Р И № 1 4 пол. _1’ час. мин. э к з.")
    assert (found.origin, found.telegram_number, found.received_date_raw) == (None, None, None)
    assert parse_routing("Из ПЕКИНА № 255 пол. час. мин. 19 > 93 экз. № 33").received_date_raw is None
    assert parse_routing("Из ТОКИО № 778 пол. 18 час. 01 мин. 19 экз. № 3").received_date_raw is None
    assert parse_routing("Из ТОКИ? № 778 пол. 18 час. 01 мин. 4/4 19 50 экз. № 3").origin == "ТОКИ?"  # one letter misread
    # a lone letter after the place, the ``№`` read twice (a heavy tuning page, seed 6000), is no part of it
    assert parse_routing("Из СОФИИ Ю № 1780 пол. 06 час. 03 мин. 19/2 19 46 экз. № 9").origin == "СОФИИ"
    # a letter of it typed on the blank's rule read as the rule (put right by :mod:`ocr.correct.names`)
    assert parse_routing("Из ВА_ШАВЫ_ № _3063 пол. 23 час. _18 мин. _16/10 19 _50 г. экз. № _11").origin == "ВА_ШАВЫ"
    # an ``О`` read as a zero on a printed form's dotted blank (s5000 heavy tg-05008), at a word's end or start too
    assert parse_routing("Из...Т0КИО. №...4598 пол....12..час...38..мин.._2/11 1958г. экз. № 7").origin == "ТОКИО"
    assert [parse_routing(f"Из {place} № 4598 пол.").origin for place in ("ТОКИ0", "0СЛО")] == ["ТОКИО", "ОСЛО"]
    assert parse_routing("Из ВАРШАВЫ № 3063 пол_23 час_18 мин.").received_time == "23:18"


def test_the_routing_line_is_written_as_printed_and_typed_without_its_blanks_marks():
    # read on moderate tuning pages (seeds 3000, 5000, 6000): leader dots, rules and specks of the blanks around the
    # values, the year's ``г.`` without its stop; the page's text gets the line as the form and the clerk put it
    read = {"Из. ПЕКИНА. №. 2561. пол. 10. час. 16 мин..25/11 19. 47. г экз. № 10":
            "Из ПЕКИНА № 2561 пол. 10 час. 16 мин. 25/11 19 47 г. экз. № 10",
            "Из СОФИИ №. 4907 пол...11. час....04_мин...24/10...1946.т. экз. №...4.":
            "Из СОФИИ № 4907 пол. 11 час. 04 мин. 24/10 1946 т. экз. № 4",
            "Из _ПХЕНЬЯНА № 6701 пол. 22 час. 17 мин. _8/7_19 47_т. экз. № _7_":
            "Из ПХЕНЬЯНА № 6701 пол. 22 час. 17 мин. 8/7 19 47 т. экз. № 7",
            "Из ВАРШАВЫ № 9399 пол. 3 час. 17 мин. _25/11 1948 г эюз. № 5":
            "Из ВАРШАВЫ № 9399 пол. 3 час. 17 мин. 25/11 1948 г. эюз. № 5"}
    for text, printed in read.items():
        assert routing.printed_line(text) == printed
        assert routing.printed([Line(text, Role.ROUTING)])[0].text == printed
    # only where it parses alike: no field changes
    assert all(routing.parse_routing(t) == routing.parse_routing(p) for t, p in read.items())


@pytest.mark.parametrize("text, expected", [
    # ``№`` read ``Ne`` (its ``e`` Latin), ``Мо`` and a bare ``N``
    ("Из ПЕКИНА Ne 2561 пол. 8 час. 5 мин. 19/1 19 50 г. экз. Ne 3", Routing("ПЕКИНА", "2561", "08:05", "19/1 19 50", 3)),
    ("Из ПЕКИНА Мо 2561 пол. 8 час. 05 мин. 19/1 19 50 г. экз. N 3", Routing("ПЕКИНА", "2561", "08:05", "19/1 19 50", 3)),
    # a place whose first letters spell a reading of ``№`` (``МО``) in capitals
    ("Из МОСКВЫ № 2561 пол. 18 час. 50 мин. 19/1 19 50 г. экз. № 3", Routing("МОСКВЫ", "2561", "18:50", "19/1 19 50", 3)),
    # ``из`` read ``нз``, ``час`` read ``4ас``, ``мин`` read ``rnин``
    ("нз ПЕКИНА № 2561 пол. 8 4ас. 05 rnин. 19/1 19 50 г. экз. № 3", Routing("ПЕКИНА", "2561", "08:05", "19/1 19 50", 3)),
    # values typed into ruled blanks, read as rules and an ellipsis
    ("Из ___ПЕКИНА___ № ___2561___ пол. ___8___ час. ___05___ мин. ___19/1___ 19___50 г. экз. № ___3___",
     Routing("ПЕКИНА", "2561", "08:05", "19/1 19 50", 3)),
    ("Из …ПЕКИНА… № …2561… пол. …8… час. …05… мин. …19/1… 19…50 г. экз. № …3…", Routing("ПЕКИНА", "2561", "08:05", "19/1 19 50", 3)),
])
def test_labels_as_tesseract_misreads_them(text, expected):
    assert parse_routing(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Из ПЕКИНА № 2561 пол. 8 час. 05 мин. 3/ХИ 19 51 г. экз. № 3", "3/XII 19 51"),  # two strokes joined as ``И``
    ("Из ПЕКИНА № 2561 пол. 8 час. 05 мин. 26/1Х 19 49 г. экз. № 3", "26/IX 19 49"),
    ("Из ПЕКИНА № 2561 пол. 8 час. 05 мин. 2/Ш 19 51 г. экз. № 3", "2/III 19 51"),
    # the date typed before the time, after ``пол.`` read ``лол``
    ("Из ПЕКИНА № 2561 лол. 3/УШ 19 51 г. 8 час. 05 мин. экз. № 3", "3/VIII 19 51"),
])
def test_roman_month_of_the_received_date_as_ocr_reads_it(text, expected):
    assert parse_routing(text).received_date_raw == expected


@pytest.mark.parametrize("text, expected", [
    # the place typed close to the printed ``Из`` and the values close to their labels
    ("ИзПЕКИНА №2561 пол.18час.50мин.19/1 1950г.экз.№3", Routing("ПЕКИНА", "2561", "18:50", "19/1 1950", 3)),
    # ``Из`` read as two letters past knowing: the place in capitals still opens the line
    ("Ив ПЕКИНА № 2561 пол. 8 час. 05 мин. 19/1 19 50 г. экз. № 3", Routing("ПЕКИНА", "2561", "08:05", "19/1 19 50", 3)),
    # a date typed with full stops, its month Arabic or Roman
    ("Из ПЕКИНА № 2561 пол. 8 час. 5 мин. 19.1.50 г. экз. № 3", Routing("ПЕКИНА", "2561", "08:05", "19.1.50", 3)),
    ("Из ПЕКИНА № 2561 пол. 8 час. 5 мин. 26.1Х.49 г. экз. № 3", Routing("ПЕКИНА", "2561", "08:05", "26.IX.49", 3)),
])
def test_values_close_to_their_labels_or_without_from(text, expected):
    assert parse_routing(text) == expected


def test_what_is_no_place_or_date_without_its_label():
    # remnants of a faint line in capitals, the printed ``19`` with a blank's dot, a place in small letters
    assert parse_routing("Ш Р И № 1 4 пол. 1 час. мин. экз.").origin is None
    assert parse_routing("Из ПЕКИНА № 2561 пол. 8 час. 5 мин. 19.50 г. экз. № 3").received_date_raw is None
    assert parse_routing("Пекина № 2561 пол. 8 час. 5 мин. 19/1 19 50 г. экз. № 3").origin is None


def test_month_of_a_date_typed_with_full_stops():
    assert (routing.received_month("26.IX.49"), routing.received_month("19.1.50"), routing.received_month("19/ 19 50")) == (9, 1, None)


@pytest.mark.parametrize("text, expected", [
    # ``№`` read as letters no reading of it gives, or lost: the one figure between the place and the time is the number
    ("Из ПЕКИНА Н 2561 пол. 8 час. 05 мин. 19/1 19 50 г. экз. М 3", Routing("ПЕКИНА", "2561", "08:05", "19/1 19 50", 3)),
    ("Из ПЕКИНА Хо 2561 пол. 8 час. 05 мин. 19/1 19 50 г. экз. Хо 3", Routing("ПЕКИНА", "2561", "08:05", "19/1 19 50", 3)),
])
def test_numero_read_as_letters(text, expected):
    assert parse_routing(text) == expected


def test_no_number_or_place_without_a_reading_of_their_label():
    # a reading of the line without its ``№`` or ``Из`` word (:func:`ocr.reread.readings.value_confidence`) gives none
    assert parse_routing("Из ПЕКИНА 2561 пол. 8 час. 05 мин.").telegram_number is None
    assert parse_routing("ПЕКИНА № 2561 пол. 8 час. 05 мин.").origin is None
    assert parse_routing("Из ПЕКИНА Н 25 61 пол. 8 час. 05 мин.").telegram_number is None  # no one figure
    assert parse_routing("Из ПЕКИНА Н 2561 1950 экз. 3").telegram_number is None  # no time label: no bound to the number's place


@pytest.mark.parametrize("text, expected", [
    # the date's thin slash read as a stroke (``|``, ``l``, ``I``), the minutes' label as ``мии``
    ("Из ПЕКИНА № 2561 пол. 8 час. 05 мии. 19|1 19 50 г. экз. № 3", Routing("ПЕКИНА", "2561", "08:05", "19/1 19 50", 3)),
    ("Из ПЕКИНА № 2561 пол. 8 час. 05 мин. 25l11 19 50 г. экз. № 3", Routing("ПЕКИНА", "2561", "08:05", "25/11 19 50", 3)),
    ("Из ПЕКИНА № 2561 пол. 8 час. 05 мин. 25I11 1950 г. экз. № 3", Routing("ПЕКИНА", "2561", "08:05", "25/11 1950", 3)),
])
def test_a_dates_slash_read_as_a_stroke(text, expected):
    assert parse_routing(text) == expected


def test_misread_labels_are_written_as_printed():
    text = "Из ПЕКИНА Ne 2561 лол. 8 чае. 05 мнн. 19/1 19 50 г. экз. Мо 3"
    assert routing.printed_line(text) == "Из ПЕКИНА № 2561 пол. 8 час. 05 мин. 19/1 19 50 г. экз. № 3"
    assert parse_routing(routing.printed_line(text)) == parse_routing(text)


def test_a_blanks_dot_between_the_printed_19_and_the_typed_year_parts_them():
    # a moderate tuning page (seed 8000): the dotted blank after the form's ``19`` read as one dot, ``19.50``
    found = parse_routing("Из БУХАРЕСТА № 9646 пол. 20 час. 42 мин. 20/3 19.50 т. экз. № 3")
    assert found.received_date_raw == "20/3 19 50"
    assert parse_routing("Из БУХАРЕСТА № 9646 пол. 20 час. 42 мин. 20/3 1950 т. экз. № 3").received_date_raw == "20/3 1950"


def test_hours_and_minutes_labels_read_without_their_last_letter():
    # a moderate tuning page (seed 8000) read ``час.`` as ``ча.``; another page's rereading ``мин.`` as ``ми,``
    assert parse_routing("Из ПРАГИ № 7780 пол 17 ча. 50 мин. 17/9 19 52_г. экз. № 4").received_time == "17:50"
    assert parse_routing("Из НЬЮ-ЙОРКА № 5997 пол. 2 чае. 19 ми, 25/9 1946 тэз № 6").received_time == "02:19"


def test_a_places_hyphen_with_a_speck_beside_it_stays_the_places():
    # heavy tuning page tg-09009 (seed 9000): the faint hyphen of ``НЬЮ-ЙОРКА`` read with a speck before it
    assert parse_routing("Из НЬЮ.-ИОРКА № 681 пол. 12 час. 33 мин. 4/6 1952 гэкз. № 6").origin == "НЬЮ-ИОРКА"
    assert parse_routing("Из ПЕКИНА .- № 681 пол. 12 час.").origin == "ПЕКИНА"  # dots between words are none


def test_labels_read_without_their_last_letter_and_stop_before_the_figures_after_them():
    # a heavy tuning page's routing line read again alone (tg-07008, seed 7000): ``мин.`` read ``ми``, ``час.`` ``ча``
    found = parse_routing("Из ПЕКИНА № 5951 пол 19 ча 54 ми 5/3 19 51 т экз № 10")
    assert (found.received_time, found.received_date_raw) == ("19:54", "5/3 19 51")
    assert parse_routing("Из ПЕКИНА № 5951 пол 19 че 54 ми 5/3 19 51").received_date_raw == "5/3 19 51"
