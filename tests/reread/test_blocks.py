from __future__ import annotations

import numpy as np

from ocr.lines import Line, Role, Word
from ocr.reread import blocks
from ocr.reread.blocks import body_zone, dropped_rows, grey_block, settled_block

PAGE = (2339, 1654)


def _page(body_top: int) -> list[Line]:
    """A form page read with its routing line, its addressee (bottom at 888) and the message's rows (25 px high,
    50 apart) from ``body_top`` down to 1295."""
    head = [Line("Из ВАРШАВЫ № 9399", Role.ROUTING, bbox=(100, 800, 1400, 30)),
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


def test_rows_dropped_between_the_routing_line_and_the_message_are_read_where_the_widest_gap_is():
    # A heavy page showing its back's typing through (seed 9000 tuning, tg-09002): the addressee and the message's
    # first rows under a stamp were dropped; the next rows were read as the priority and the addressee.
    lines = [Line("Из ПРАГИ № 1605", Role.ROUTING, bbox=(260, 1116, 1676, 59)),
             Line("2135 2506", Role.REFERENCE, bbox=(454, 1192, 1048, 41)),
             Line("Спец. № 77-92", Role.SPECIAL, bbox=(258, 1321, 418, 42)),
             Line("продовольствия в", Role.PRIORITY, bbox=(1563, 1709, 515, 35)),
             Line("А ловам, первые 109", Role.ADDRESSEE, bbox=(261, 1773, 1818, 48)),
             Line("вагонов должны прибыть", Role.BODY, bbox=(260, 1843, 1886, 54)),
             Line("ответить.", Role.BODY, bbox=(258, 1992, 283, 54))]
    assert dropped_rows(lines, (3508, 2480)) == (0, 1363, 2480, 1709 - 1363)


def test_a_page_not_read_as_the_form_has_no_message_band():
    lines = [line for line in _page(945) if line.role is not Role.ROUTING]
    assert body_zone(lines, PAGE) is None
    assert dropped_rows([line for line in _page(1149) if line.role is not Role.ROUTING], PAGE) is None


def _row(text: str, y: int) -> list[Word]:
    """A row of words 30 px high at ``y``, each 20 px a letter, a letter's gap apart."""
    out, x = [], 100
    for t in text.split():
        out.append(Word(t, (x, y, 20 * len(t), 30), 80.0))
        x += 20 * len(t) + 20
    return out


BLOCK = (0, 400, 1654, 400)


def test_a_poorly_read_block_takes_the_grey_pages_lines_that_read_better_line_by_line(monkeypatch):
    """A faint carbon's message cut to pieces by binarisation (heavy tuning seed 8000, tg-08010): its rows read as
    junk are taken from the grey page's reading, a row read well stays, grain read as letters in the gap is not
    taken, and a row the block left unread is taken where it reads as words."""
    above = _row("Из БУДАПЕШТА", 300)
    junk = _row("им И ИОН. ВЬНА ПП улет знных", 420)
    kept = _row("прибыть не позднее июня, иначе придется", 470)
    ours = above + junk + kept
    grey = (_row("нием от марта, так как запасы продовольствия", 422) + _row("прибыть не позднее иуня, иначе прийется", 468)
            + _row("ваыт ноур оопра", 520) + _row("выдачи хлеба рабочим Прошу указаний", 570))
    monkeypatch.setattr(blocks, "block_words", lambda image, box, lang, psm: grey)
    found = grey_block(np.zeros((10, 10), np.uint8), ours, BLOCK, "rus", 6)
    assert [w.text for w in found] == ([w.text for w in above + kept] + "нием от марта, так как запасы продовольствия".split()
                                       + "выдачи хлеба рабочим Прошу указаний".split())


def test_a_block_that_reads_well_or_a_page_without_grey_is_not_read_again(monkeypatch):
    def fail(*args):
        raise AssertionError("read again")
    monkeypatch.setattr(blocks, "block_words", fail)
    ours = _row("прибыть не позднее июня, иначе придется сократить нормы", 420)
    assert grey_block(np.zeros((10, 10), np.uint8), ours, BLOCK, "rus", 6) == ours
    junk = _row("им И ИОН. ВЬНА ПП улет знных", 420)
    assert grey_block(None, junk, BLOCK, "rus", 6) == junk


def test_the_block_reading_is_taken_line_by_line_unless_ours_reads_better_over_as_much_of_the_row(monkeypatch):
    """Rows of heavy tuning pages (seed 8000, tg-08001 and tg-08010): our row read better stays; a fragment of a
    row our page reading split, its pieces words the lexicon knows, gives way to the block's whole line; a row only
    the block read is taken; a row of ours the block read nothing on goes, junk of short known words as it was on
    tg-09007 (seed 9000); a line of the block's beside a row of ours, on none of our rows, is not set beside it; where
    the block read no word on a row (a rule, a fold), ours, read as a run of short words the lexicon knows, goes."""
    kept = _row("По.. сообщению... замеслитеня. министра. иностранных пел. Ачесон,,", 420)
    fragment = _row("жения дей; в г:ь дейстеительноро поло", 470)
    ours = kept + fragment + _row("пои зонт тии о лноьви о, мнит отно сочи", 570) + _row("нити винит помои наити отит енота", 720)
    whole = _row('раз"яснению набсонению дейстЕительного положения дей; в гозатах 5', 468)
    only = _row("плана за 1952 год,", 520)
    beside = _row("село аоски", 445)
    rule = _row("—", 722)
    block = _row("По.. схообщению.. замеслитеиня. министра. иностранных пел. Ачесон,,", 421) + whole + only + beside + rule
    monkeypatch.setattr(blocks, "block_words", lambda image, box, lang, psm: block)
    found = blocks.reread_block(np.zeros((10, 10), np.uint8), ours, BLOCK, "rus", 6)
    assert [w.text for w in found] == [w.text for w in kept + whole + only + rule]


def _inked(words: list[Word]) -> np.ndarray:
    """A page's standing ink with a bar of ink in each word's box."""
    ink = np.zeros((1000, 1654), bool)
    for x, y, w, h in (word.bbox for word in words):
        ink[y + 2:y + h - 2, x + 2:x + w - 2] = True
    return ink


def test_a_block_read_confidently_as_known_words_with_no_ink_left_unread_is_settled():
    ours = _row("прибыть не позднее июня, иначе придется", 420) + _row("сократить нормы выдачи хлеба рабочим", 470)
    ink = _inked(ours)
    assert settled_block(ink, ours, BLOCK)
    ink[522:526, 300:304] = True  # a speck below the last row
    assert settled_block(ink, ours, BLOCK)
    ink[525:545, 300:318] = True  # a letter's worth of ink no word covers: a row the page lost
    assert not settled_block(ink, ours, BLOCK)


def test_a_block_with_an_unknown_or_unsure_word_is_in_doubt():
    known = _row("прибыть не позднее июня, иначе придется", 420)
    assert not settled_block(_inked(known), known[:-1] + _row("прийется", 420), BLOCK)  # one long word of four off
    unsure = known[:-1] + [Word(known[-1].text, known[-1].bbox, blocks.SETTLED_CONFIDENCE - 1)]
    assert not settled_block(_inked(unsure), unsure, BLOCK)
    assert not settled_block(np.zeros((1000, 1654), bool), [], BLOCK)  # nothing read
