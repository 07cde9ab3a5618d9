from __future__ import annotations

from ocr.lines import Line, Role
from ocr.reread.blocks import body_zone, dropped_rows

PAGE = (2339, 1654)


def _page(body_top: int) -> list[Line]:
    """A form page read with its routing line, its addressee (bottom at 888) and the message's rows (25 px high,
    50 apart) from ``body_top`` down to 1295."""
    head = [Line("Из ВАРШАВЫ № 9399", Role.ROUTING, bbox=(100, 700, 1400, 30)),
            Line("ФИЛИППОВУ.", Role.ADDRESSEE, bbox=(696, 861, 384, 27))]
    return head + [Line("вопросе о мирном", Role.BODY, bbox=(180, y, 1400, 25)) for y in range(body_top, 1300, 50)]


def test_the_message_band_reaches_from_its_first_line_read_to_its_last_padded_by_part_of_a_line():
    assert body_zone(_page(945), PAGE) == (0, 945 - 15, 1654, 1295 + 25 + 15 - (945 - 15))


def test_the_rows_between_the_line_above_and_the_message_are_read_where_page_segmentation_dropped_them():
    # A heavy light photocopy (seed 6000 tuning, tg-06009): the first four rows under a stamp, crossed by a pen,
    # were read as a picture; the message seemed to start at its fifth row, 260 px under the addressee.
    assert dropped_rows(_page(1149), PAGE) == (0, 888, 1654, 1149 - 888)
    assert body_zone(_page(1149), PAGE)[1] == 1149 - 15  # the message's band is read as it was
    assert dropped_rows(_page(945), PAGE) is None  # the form's usual gap: no row dropped


def test_a_page_not_read_as_the_form_has_no_message_band():
    lines = [line for line in _page(945) if line.role is not Role.ROUTING]
    assert body_zone(lines, PAGE) is None
    assert dropped_rows([line for line in _page(1149) if line.role is not Role.ROUTING], PAGE) is None
