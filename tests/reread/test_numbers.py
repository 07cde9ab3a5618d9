"""Of the readings of a reference line, the special number's or a later page's header piece, the one giving the values most readings
agree on is kept (readings from heavy tuning pages)."""

from __future__ import annotations

from pathlib import Path

import cv2

from ocr.fields import parse_special_number
from ocr.lines import Line, Role, Word
from ocr.reread.numbers import chosen, continuation_fields, groups, special, special_alone


def _reading(*words: tuple[str, float]) -> list[Word]:
    return [Word(text, (40 * k, 0, 30, 20), confidence) for k, (text, confidence) in enumerate(words)]


def test_a_group_read_as_often_either_way_takes_the_more_confident_readings():
    # the page read ``1539`` (typed ``1599``), as did one reading alone; two others read it right, more confidently
    page = _reading(("7256", 95), ("1539", 92))
    again = [_reading(("7256", 95), ("1539", 58)), _reading(("7256", 92), ("1599", 85)), _reading(("7256", 96), ("1599", 96))]
    assert chosen([page] + again, groups) == 2


def test_the_page_reading_stays_when_the_others_read_it_alike():
    page = _reading(("2194", 86), ("6857", 95), (".", 84))
    again = [_reading(("2194", 89), ("6857", 92), (".", 85)), _reading(("2194", 89), ("6857", 79), (".", 87)),
             _reading(("#194", 70), ("6957", 90), ("}", 17), (".", 0))]
    assert chosen([page] + again, groups) == 0


def test_a_speck_read_as_a_group_in_one_reading_is_no_group():
    page = _reading(("7256", 95), ("1599", 92))
    again = [_reading(("7256", 95), ("1599", 58), ("123", 90)), _reading(("7256", 92), ("1599", 85))]
    assert chosen([page] + again, groups) == 0


def test_a_reading_whose_groups_differ_in_length_is_no_vote():
    # heavy tuning page tg-09009 (seed 9000, typed ``5553 1180`` faint): the page and the bitonal reading alone lost the
    # ``3`` and read a speck into the second group, ``555 11860``; only the grain-smoothed reading's groups are of one
    # length, as a telegram's cipher groups are, and it reads the line right
    page = _reading(("555", 75), ("11860", 69))
    again = [_reading(("555", 80), ("11860", 70)), _reading(("55%.", 40), ("1158", 60)), _reading(("58553", 60), ("1129", 50)),
             _reading(("5553", 90), ("1180", 88))]
    assert groups(page) is None and groups(again[-1]) == {0: "5553", 1: "1180"}
    assert chosen([page] + again, groups) == 4


def test_a_later_page_header_piece_gives_its_value():
    assert continuation_fields(_reading(("3686:", 26))) == {"telegram_number": "3686"}
    assert continuation_fields(_reading(("экз.", 26), ("№", 4), ("10...", 5))) == {"copy_number": 10}
    assert chosen([_reading(("8675", 60)), _reading(("8075", 80)), _reading(("8075", 85)), _reading(("8675", 40))],
                  continuation_fields) == 1


def test_readings_of_nothing_never_replace_the_page_reading():
    # the heavy sample scan: the page read a value in a later page's header piece that the readings alone, each
    # reading nothing, do not give: no value is agreed on, and an empty reading (which crashed the page) is none
    page = _reading(("4", 30))
    assert continuation_fields(page) and chosen([page, [], [], []], continuation_fields) == 0


def test_a_special_number_takes_the_value_most_readings_give():
    # a heavy tuning page (seed 9000, typed ``Спец. № 35-119``): the page read a speck into the number, read alone
    # the line reads it right three times of four
    page = _reading(("Спец.", 94), ("№", 52), ("35-2119.", 69))
    again = [_reading(("Спец.", 94), ("№", 52), ("35-2119.", 69)), _reading(("Спец.", 95), ("№", 96), ("35-119.", 29)),
             _reading(("Спец.", 71), ("№", 96), ("35-119.", 93)), _reading(("Спец.", 84), ("№", 95), ("35-119", 96))]
    assert special(page) == {"special_number": "35-2119"} and chosen([page] + again, special) == 2
    assert special(_reading(("спец", 60))) == {}


def test_a_special_numbers_figure_misread_alike_is_read_again_alone():
    # The special number's line of a clean tuning page (seed 1000) as the page read it, ``33-131`` for ``3-131``
    # (as did every reading of the line again); its figures read alone, only figures and a dash allowed, ``3-131``.
    image = cv2.imread(str(Path(__file__).parent.parent / "resources" / "numbers" / "misread-special.png"), cv2.IMREAD_GRAYSCALE)
    page = [Word("спец.", (39, 42, 137, 36), 90), Word("№", (219, 40, 27, 32), 90), Word("33-131", (280, 39, 143, 33), 90)]
    again = special_alone(image, Line("", Role.SPECIAL).read_as(page), "rus")
    assert again.text == "спец. № 3-131" and parse_special_number(again.text) == "3-131"
    assert again.words[2].bbox == page[2].bbox


def test_a_special_number_whose_dash_is_lost_keeps_its_two_groups():
    # a moderate tuning page's faint dash: ``Спец. № 65 106`` (the page's reading and every reading again)
    assert parse_special_number("Спец. № 65 106") == "65-106"
    assert parse_special_number("Спец. № 4 7-51") == "47-51"  # a figure read apart in a number with its dash


def test_a_special_numbers_dash_read_as_a_full_stop_after_one_figure_is_its_dash():
    # heavy tuning page tg-01006 (seed 1000), typed ``Спец. № 3-131``: its line read alone at 1x and smoothed reads
    # ``Спец. № 3.131``, which gave ``3``
    assert parse_special_number("Спец. № 3.131") == "3-131"
    assert parse_special_number("Спец. № 47,51") == "47-51"
    assert parse_special_number("Спец. № 3. 131") == "3"  # a full stop apart from the figures ends the number
