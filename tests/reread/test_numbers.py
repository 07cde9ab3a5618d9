"""Of the readings of a reference line, the special number's or a later page's header piece, the one giving the values most readings
agree on is kept (readings from heavy tuning pages)."""

from __future__ import annotations

from ocr.lines import Word
from ocr.reread.numbers import chosen, continuation_fields, groups, special


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
