"""The routing line's readings, each alone, merged field by field."""

from __future__ import annotations

from pathlib import Path

import cv2

from ocr.lines import Line, Role, Word
from ocr.preprocess import PreprocessedPage
from ocr.recognize import read_parts
from ocr.reread.routing import (
    agreed,
    read_as_figures,
    reread_routing,
    routing_fields,
    routing_text,
    without_rules,
)
from ocr.routing import parse_routing
from tests.builders import prepared


def _reading(text: str, confidence: float | list[float]) -> list[Word]:
    tokens = text.split()
    confidences = confidence if isinstance(confidence, list) else [confidence] * len(tokens)
    return [Word(token, (40 * k, 0, 30, 30), conf) for k, (token, conf) in enumerate(zip(tokens, confidences, strict=True))]


def test_readings_agree_field_by_field():
    # as a moderate tuning page's routing line read: on the page, its time lost; alone, grey and enlarged, read right
    readings = [_reading("Из БУДАПЕШТА № _3686 пол. 11 ;-ыим, 678. 6/5 15 — 51. №. -4,", 49.6),
                _reading("Из Бу АпЕитА. м. 3686 “\" 11 “. ы = 6/5 19 51+ жый", 42.7),
                _reading("из ву мата 3686 “ 1 ы = 6/5 951 т =. №74:", 43.3),
                _reading("Из А. 3686 пол. _11 час. 50 мин. 6/5 19 51 т. та", 77.9)]
    assert agreed(readings) == {"origin": "БУДАПЕШТА", "telegram_number": "3686", "received_time": "11:50",
                                "received_date_raw": "6/5 19 51", "copy_number": 4}
    # a value the page lacks read by words below VALUE_CONFIDENCE is no value
    assert "received_time" not in agreed([readings[0], _reading("Из А. 3686 пол. _11 час. 50 мин. 6/5 19 51 т. та", 30.0)])


def test_an_empty_field_is_not_filled_from_a_speck_read_alike_twice():
    # a heavy tuning page (received 18:01, № 778): the page's reading lacks time and number; two readings read
    # the minutes' ``01`` as ``В`` (8) at confidence 0 and 6, the most confident one reads ``91`` (01) at 91
    readings = [_reading("Из. № ..час....8. мин... 4/4 19 22. т. экз. №3.", [93, 79, 0, 71, 71, 88, 28, 28, 96, 45]),
                _reading("Из. ТАКИВ. № .118.пол. 18. час...В мин... 4/4 19 Я2_т. экз. №3.", [93, 30, 79, 33, 0, 0, 59, 93, 81, 0, 87, 38]),
                _reading("Из. ТЕКИВ № 778 пол. 18 час. В мин. 3/4 19 12 т экз. №3.", [86, 16, 95, 11, 43, 75, 65, 6, 76, 59, 94, 20, 61, 69, 26]),
                _reading("Из. ТОКИО № 778 пол. 18 час. 91 мин. 414 19 в т экз №3", [92, 69, 95, 86, 95, 76, 87, 63, 70, 89, 91, 0, 8, 8, 46])]
    found = agreed(readings)
    assert found["received_time"] == "18:01" and found["telegram_number"] == "778"  # not 18:08, read twice from a speck
    assert found["received_date_raw"] == "4/4 19 22" and found["copy_number"] == 3


def test_a_tie_goes_to_the_more_confident_readings():
    # a heavy tuning page: a slashed 30 read 39 twice, 30 twice; the copy ``1`` read ``}`` on the page
    page = "Из ПХЕНЬЯНА № 6551 пол. 16 час. 39 мин. 13/6 19 53 г э ю з. № }."
    found = agreed([_reading(page, 79.3), _reading(page, 79.3),
                    _reading("Из ПХЕНЬЯНА № 6551 пол. 16 час. 30 мин. 13/6 19 53 г. экз. № 1", 79.7),
                    _reading("Из ПХЕНЬЯНА № 6551 пол. 16 час. 30 мин. 13/6 19 53 г. экз. №", 83.4)])
    assert found["received_time"] == "16:30" and found["copy_number"] == 1  # the copy read by one reading, confidently


def test_the_form_line_written_with_agreed_values_parses_back():
    values = {"origin": "ПХЕНЬЯНА", "received_date_raw": "17/4 1951", "copy_number": 3}
    assert {k: v for k, v in vars(parse_routing(routing_text(values))).items() if v is not None} == values


def test_a_value_read_unsurely_never_outvotes_the_one_read_surely():
    # the heavy sample scan's routing line (received 18:50, № 2029): the page read the time's figures at confidence
    # 3 and 16, two poor readings agree on ``№ 2`` read at 26 and 36; the grey reading reads the line right
    readings = [_reading("Из № 9 пол. _ 5 час. о мин. _19/ 19 —— 5% т экз, №", [72, 77, 89, 89, 3, 3, 95, 16, 85, 80, 86, 64, 32, 50, 50, 38]),
                _reading("Из В уеденеА № 2 9 пол. 2 час. со мин. _19/ 19 5% тэ. №", [61, 0, 0, 84, 26, 75, 87, 36, 83, 16, 82, 55, 66, 15, 26, 95]),
                _reading("Из ГъеДЬнЕА №2 Э пол. _.. 5 час. 2о_ мин. _19/ 19 от экз. №", [71, 0, 36, 78, 93, 76, 68, 91, 0, 90, 84, 86, 0, 93, 68]),
                _reading("Из ПХЕНЬЯНА № 2029 пол. 18 час. 50 мин. 19/ 19_50 т экз. №", [93, 92, 42, 42, 91, 91, 92, 92, 83, 83, 88, 13, 13, 94])]
    found = agreed(readings)
    assert found["received_time"] == "18:50" and found["origin"] == "ПХЕНЬЯНА"  # not 05:00, nor the page's garbled origin
    assert found["telegram_number"] == "2029"  # two unsure readings of one figure never win, nor the page's sure ``№ 9``


def test_a_value_read_surely_once_counts_its_unsure_readings_too():
    # a moderate tuning page (received 6/5 19 51): the page read the date twice over at confidence 43, one reading
    # reads it right at 48, another right at 18; counting only the sure ones, the page's doubled date stayed
    readings = [_reading("Из БУДАПЕШТА № _3686 пол. _11 чж. -50 мин. 6/5. 6/5 19_51` тж. №_4.", [21, 57, 93, 92, 89, 74, 66, 75, 89, 54, 75, 43, 81, 65]),
                _reading("Из БУДАПЕШТА №. 3686 пол. _1] час. -50 мин. _6/5 19 51 тж. ма,", [91, 41, 84, 82, 82, 81, 88, 80, 92, 83, 91, 48, 70, 18]),
                _reading("Из БУДАПЕШТА. №. 3686 пол. _11 чис. 50 мин. 6/5 19 51 т жз. 4,", [97, 58, 87, 13, 13, 75, 8, 70, 97, 82, 95, 74, 67, 67, 39]),
                _reading("Из УДАЛЕНА. №. _3686 пол. _11 чае. 50 мин. 6/5 19_51 т ма,", [76, 0, 82, 91, 83, 73, 79, 56, 92, 18, 87, 93, 12])]
    found = agreed(readings)
    assert found["received_date_raw"] == "6/5 19 51" and found["received_time"] == "11:50" and found["origin"] == "БУДАПЕШТА"


def test_a_value_read_with_a_figure_lost_at_its_edge_is_no_vote_against_it_read_whole():
    # heavy tuning page tg-07002 (seed 7000, copy ``11`` typed faint): the page and both bitonal readings lost the
    # second ``1`` (``1:``), the grey ones read ``11`` surely; three against two, ``1`` won
    readings = [_reading("Из _ПХЕЧЬЯНА № 6 пол. 177 час. 41 мин. 13:2 19 48 г экз. № 1:",
                         [86, 7, 97, 5, 96, 74, 74, 94, 94, 81, 52, 52, 79, 76, 96, 92]),
                _reading("Из _ПХЕЧЬЯНА № 156 пол. 17 час. 41 мин. 13:2 19 48 г эк. № 1:",
                         [88, 37, 84, 67, 96, 95, 95, 86, 92, 75, 96, 93, 63, 48, 95, 72]),
                _reading("Из _ПХЕЧЬЯЗА № 1476 пол. 17 час. 41 мин. 13/2 19 48 г. эк. № 1:",
                         [89, 20, 96, 58, 97, 94, 93, 71, 93, 67, 95, 96, 76, 20, 97, 55]),
                _reading("Из_ ПХЕНЬЯВА № 4466 пол. 17 час. 41 мин. 19/2 19 48 г. экз. № 11",
                         [63, 63, 97, 96, 97, 95, 95, 96, 94, 93, 95, 95, 76, 44, 95, 96]),
                _reading("Из _ПХЕНЬЯНА № 4466 пол. 17 час. 41 мин. 19/2 19 48 г. эжз. № 11",
                         [87, 87, 90, 84, 92, 92, 95, 95, 95, 95, 56, 56, 84, 21, 95, 85])]
    found = agreed(readings)
    assert found["copy_number"] == 11 and found["telegram_number"] == "4466" and found["received_time"] == "17:41"


def test_where_each_reading_gives_its_own_value_the_fullest_reading_decides():
    # a heavy tuning page (from ТОКИО, № 778, 18:01), its typing faint: the bitonal readings keep the labels and lose
    # the values, the grey one reads the line whole; the place read ``КИЗ`` once and ``ТОКИО`` once
    readings = [_reading("ИЗ. = ‚С „час... № мин... / 19 шт. экз. № 3.", 60.0),
                _reading("Из. (Ки 8 № 778. пол. 1а..час... № мин... / 19 2.т. экз. № &.", 60.0),
                _reading("Из. (КИЗ № 72 &. пол. 15. час... % мин... / 19 ст. экз. № 3", 60.0),
                _reading("Из. ТОКИО № 778 пол. 18 час. 91 мин. 414 19 в т экз №3", 80.0)]
    found = agreed(readings)
    assert (found["origin"], found["telegram_number"], found["received_time"]) == ("ТОКИО", "778", "18:01")


def test_the_grain_smoothed_reading_settles_a_year_the_others_split_on():
    # a heavy tuning page (seed 6000, received 20/11 1950): the page's reading and the bitonal one read the year's
    # ``50`` as ``58``; the grey reading, and the grey smoothed of its grain (READINGS' last), read it right
    from ocr.reread.readings import READINGS

    assert READINGS[-1] == ("smoothed", 2.0)
    line = "Из БУДАПЕШТА № 4938 пол. 19 час. 31. мин. 20/11 19 {} т. эю. № 3"
    readings = [_reading(line.format("58"), [97, 96, 97, 97, 96, 59, 94, 65, 96, 83, 93, 62, 4, 4, 84, 58]),
                _reading(line.format("58"), [96, 96, 97, 93, 95, 78, 87, 96, 90, 74, 95, 88, 0, 0, 56, 56]),
                _reading(line.format("50"), [97, 97, 95, 94, 92, 83, 96, 94, 95, 92, 96, 76, 52, 52, 91, 89]),
                _reading(line.format("59"), [97, 97, 97, 96, 93, 94, 95, 91, 90, 90, 96, 63, 16, 16, 94, 92])]
    smoothed = _reading(line.format("50"), [97, 90, 97, 74, 96, 96, 96, 83, 93, 95, 96, 62, 42, 42, 95, 93])
    # a ``58`` or ``59`` beside a ``50`` is the slashed zero read as a figure: they back the ``50`` (fields.backs)
    assert agreed(readings)["received_date_raw"] == "20/11 19 50"
    assert agreed(readings[:2] + readings[3:])["received_date_raw"] == "20/11 19 58"  # no reading of the 0: as read
    assert agreed(readings + [smoothed])["received_date_raw"] == "20/11 19 50"


def test_a_date_read_without_its_year_counts_for_the_same_date_with_it():
    # a moderate tuning page (received 17/12 1949): two readings read the typed ``49`` after the printed ``19``, two
    # read it as letters (``да``) and lose it; those two do not outvote the year read, they count for it
    line = "Из НЬЮ-ЙОРКА № 5086 пол. 14 час. 36 мин. 17/12 19 {} т. экз. № 7"
    readings = [_reading(line.format("да"), [96] * 11 + [54] + [95] * 4), _reading(line.format("49"), [94] * 16),
                _reading(line.format("49"), [91] * 16), _reading(line.format("да"), [96] * 11 + [48] + [95] * 4)]
    assert agreed(readings)["received_date_raw"] == "17/12 19 49"
    # a year no reading gives stays left out; two years read otherwise are no one date's
    assert agreed([readings[0], readings[3]])["received_date_raw"] == "17/12 19"
    other = _reading(line.format("48"), [99] * 16)
    assert agreed([readings[0], readings[1], other, readings[3]])["received_date_raw"] == "17/12 19"


def test_a_value_typed_on_its_blanks_rule_reads_with_the_rules_taken_out():
    # The routing line of a clean tuning page (seed 1000, bitonal), values typed on the printed form's ruled blanks,
    # ``25`` low on its rule: read as it is (enlarged alike) the minutes come out ``95 ми.``; with the rules taken out, ``25``
    image = cv2.imread(str(Path(__file__).parent.parent / "resources" / "routing" / "ruled-blanks.png"), cv2.IMREAD_GRAYSCALE)
    box = (0, 0, image.shape[1], image.shape[0])
    unruled = without_rules(image, box, letter=30.5)
    as_is, taken_out = read_parts([(image, box, 2.0), (unruled, box, 2.0)], "rus", psm=7)
    assert routing_fields(as_is).get("received_time") != "07:25"
    assert routing_fields(taken_out)["received_time"] == "07:25"
    # the rule under ``25`` (rows 72-74) went but where the figures cross it; the ink above it is as it was
    rule, blank = slice(72, 75), slice(812, 903)
    assert (image[rule, blank] < 128).mean() > 0.8 and (unruled[rule, blank] < 128).mean() < 0.4
    assert (unruled[:70] == image[:70]).all()


def test_a_lone_figure_read_as_a_letter_is_read_again_as_figures():
    # The routing line of a clean tuning page (seed 8000): the hour ``2`` typed alone in its blank reads ``о`` in
    # every reading (``00:19``); read alone with only figures allowed, ``2``. The label read with its rule stays.
    image = cv2.imread(str(Path(__file__).parent.parent / "resources" / "routing" / "lone-figure.png"), cv2.IMREAD_GRAYSCALE)
    box = (0, 0, image.shape[1], image.shape[0])
    readings = read_parts([(image, box, 1.0), (image, box, 2.0)], "rus", psm=7)
    assert [routing_fields(words).get("received_time") for words in readings] == ["00:19", "00:19"]
    figured = read_as_figures(image, readings, "rus")
    assert [routing_fields(words).get("received_time") for words in figured] == ["02:19", "02:19"]
    assert [word.text for word in figured[0]][4:7] == ["пол.", "2", "час."]


def test_a_telegram_numbers_figure_misread_among_the_line_is_read_again_as_figures():
    # The routing line of a clean tuning page (seed 8000, its rules taken out): the number ``5646`` reads ``9646`` as
    # it is and ``5646`` enlarged, and three readings of five gave ``9646``; its word read alone as figures, ``5646``,
    # which every reading then gives. The other values stay.
    image = cv2.imread(str(Path(__file__).parent.parent / "resources" / "routing" / "misread-number.png"), cv2.IMREAD_GRAYSCALE)
    box = (0, 0, image.shape[1], image.shape[0])
    readings = read_parts([(image, box, 1.0), (image, box, 2.0)], "rus", psm=7)
    assert [routing_fields(words)["telegram_number"] for words in readings] == ["9646", "5646"]
    figured = read_as_figures(image, readings, "rus")
    assert [routing_fields(words)["telegram_number"] for words in figured] == ["5646", "5646"]
    assert [routing_fields(words)["received_time"] for words in figured] == ["20:42", "20:42"]


def _page(name: str) -> PreprocessedPage:
    """A heavy tuning page's crop (``heavy-tg-NAME.png``, its grey page beside it) as the page the rereads see."""
    folder = Path(__file__).parent.parent / "resources" / "routing"
    image, grey = (cv2.imread(str(folder / f"heavy-tg-{name}{kind}.png"), cv2.IMREAD_GRAYSCALE) for kind in ("", "-grey"))
    return prepared(image, grey)


def test_a_routing_line_cut_short_after_its_number_is_read_again_across_its_row():
    # Heavy tuning page tg-07008 (seed 7000): the page read ``Из ПЕКИНА № 6951 мн`` and dropped the rest of the row
    # (``пол. 19 час. 54 мин. 5/3 19 51 т. экз. № 10``), so no line was the routing line; its row read again across
    # the page's typing gives the time and the date, and the number the page read stays (read alone as figures, ``5951``)
    page = _page("07008-cut-short")
    words = [("Из", (283, 32, 25, 21), 65.3), ("ПЕКИНА", (337, 31, 111, 27), 16.9), ("№", (469, 32, 20, 21), 94.0),
             ("6951", (524, 23, 71, 23), 51.2), ("мн", (870, 37, 33, 17), 42.7)]
    cut = Line("", Role.OTHER).read_as([Word(*word) for word in words])
    copy = Line("", Role.OTHER).read_as([Word("10", (1283, 42, 31, 26), 0.0)])
    folio = Line("", Role.FOLIO).read_as([Word("1270", (1471, 0, 120, 32), 90.0)])  # where the page's typing ends
    routing, after, _ = reread_routing(page, [cut, copy, folio], "rus")
    assert routing.role is Role.ROUTING and after == copy
    found = parse_routing(routing.text)
    assert (found.origin, found.telegram_number, found.received_time, found.received_date_raw) == (
        "ПЕКИНА", "6951", "19:54", "5/3 19 51")
    # no line opening as the routing line: nothing is read again
    assert reread_routing(page, [copy], "rus") == [copy]


def test_a_copy_the_page_reading_lost_at_the_lines_end_is_read_again_past_it():
    # Heavy tuning page tg-07015 (seed 7000): the page read the line to ``экз. №`` and lost the faint ``1`` after it;
    # read again only as far as the words it read, no reading sees the copy. Read past them, the grey ones read ``1``.
    page = _page("07015-copy")
    words = [("Из", (20, 40, 46, 30), 96.2), ("ЛОНДОНА", (127, 30, 181, 40), 95.6), ("№", (345, 40, 39, 31), 96.0),
             ("1", (482, 49, 11, 23), 83.0), ("пол.", (596, 47, 82, 24), 96.6), ("3", (721, 42, 20, 30), 73.1),
             ("час.", (776, 47, 77, 24), 95.7), ("40", (918, 56, 9, 15), 94.6), ("мин.", (997, 48, 88, 23), 95.3),
             ("2", (1155, 82, 5, 4), 94.8), ("19", (1286, 40, 44, 32), 96.2), ("50", (1379, 37, 51, 35), 80.2),
             ("т.", (1462, 48, 31, 23), 80.2), ("экз.", (1514, 47, 74, 25), 96.5), ("№", (1606, 42, 39, 30), 96.7)]
    line = Line("", Role.ROUTING).read_as([Word(*word) for word in words])
    assert parse_routing(line.text).copy_number is None
    (routing,) = reread_routing(page, [line], "rus")
    assert parse_routing(routing.text).copy_number == 1


def test_a_faint_value_read_unsurely_alike_in_the_grey_and_the_bitonal_page_is_taken():
    # heavy tg-01004 (s1000): the copy's faint ``1`` lost on the page, read at 29 in the bitonal page enlarged, at 12
    # and 38 in the grey page and the grey smoothed; the bitonal page at 1x read nothing
    page = _reading("Из БУДАПЕШТА № 1129 пол 10 уж’ 42 мин. 25/8 19 47 гжз. №", 76.0)
    readings = [page, [],
                _reading("и. БУДАПЕНТ ЦЕ 1118 10а” 42 мин. 25/8 19. 47 г № 1", [0, 0, 0, 0, 60, 80, 80, 80, 80, 80, 80, 80, 29]),
                _reading("из „вудаПЕИТ» №1118 пи 10 ме 742 мин. 25/8 19_47 сэ № 1", [0, 0, 25, 60, 60, 60, 60, 60, 60, 60, 60, 60, 12]),
                _reading("из. БУДАНЕИТ № _ 118 п _10. ме” 42 мин. 25/8 1947 гэжз.№ 1", [1, 1, 23, 23, 23, 40, 40, 40, 40, 40, 22, 22, 22, 38])]
    assert agreed(readings)["copy_number"] == 1  # each reading unsure, but three of five alike (_most_given)
    assert agreed(readings, frozenset({3, 4}))["copy_number"] == 1
    # read alike in the two grey readings only, it is not: they lose and misread strokes alike
    assert "copy_number" not in agreed(readings[:2] + [readings[0]] + readings[3:], frozenset({3, 4}))


def test_a_copy_number_0_is_no_copy_and_does_not_take_the_copys_figure_for_a_slashed_zero():
    # a heavy page of faint carbon typing (s9000): ``экз. № 6`` read ``0`` by two readings; copies are numbered from 1
    line = "Из ПЕКИНА № 4665 пол. 19 час. 27 мин. 14/7 19 53 т. экз. № {}"
    readings = [_reading(line.format("6"), 90), _reading(line.format("0"), 90), _reading(line.format("0"), 90)]
    assert agreed(readings)["copy_number"] == 6


def test_a_date_most_readings_give_alike_is_kept_though_none_reads_it_surely():
    # heavy tuning page tg-03018 (seed 3000, received 4/11 1949): specks among the date's figures pull every reading
    # of it below the confidence a value needs (6, 21, 18); three readings of five give it alike, the page none
    readings = [_reading("Из_ХЕЛЬСИНКИ №4281 пол._2. час._.49_ мин. 4711-1949 г. экз. №_б_", [91, 65, 43, 22, 23, 19, 95, 88, 42]),
                _reading("из. ХЕЛЬСИНКИ №4281 пол..2. час. -49. мин. 4/11... 1949 г. экз. №6.",
                         [55, 55, 76, 78, 28, 28, 87, 6, 6, 92, 91, 38]),
                _reading("Из «ХЕЛЬСИНКИ № —4281 пол... 2, час._.49. мин. -.4/11:..1949 г. экз. №6.",
                         [69, 14, 87, 16, 0, 0, 32, 92, 21, 92, 95, 39]),
                _reading("Из -ХЕЛЬСИВКИ №_4281. пол... час. 49. мин. .4/11_.4949. г. экз. № 6.",
                         [88, 90, 66, 0, 92, 0, 54, 17, 97, 96, 48, 48]),
                _reading("из_ЖЕЛЬСИНКИ №4281 пол _2 час. 49. мин. 4/11 1949 г. экз. №_6.",
                         [74, 44, 95, 84, 46, 31, 84, 18, 29, 88, 91, 71])]
    found = agreed(readings, frozenset({3, 4}))
    assert found["received_date_raw"] == "4/11 1949" and found["received_time"] == "02:49"
    # two readings alike of five are no majority: a speck read as a figure is read so by two now and then
    assert "received_date_raw" not in agreed(readings[:2] + readings[3:], frozenset({2, 3}))
