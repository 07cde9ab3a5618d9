"""A signer's letter-spaced name read under the pen signature across it (signature lines of clean tuning pages,
as the page reading left them: the date and the name's first letter)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import cv2
import numpy as np

from ocr.lines import Line, Role, Word
from ocr.reread import signed_name
from ocr.reread.signed_name import under_pen

SIGNATURES = Path(__file__).parent.parent / "resources" / "signatures"


def _line(*words: tuple[str, tuple[int, int, int, int], float]) -> Line:
    return Line(text="", role=Role.SIGNATURE).read_as([Word(text, bbox, confidence) for text, bbox, confidence in words])


def _page(name: str):
    return cv2.imread(str(SIGNATURES / f"{name}.png"), cv2.IMREAD_GRAYSCALE)


def test_a_name_under_the_pen_is_read_letter_by_letter():
    # ``Ш Т Ы К О В`` with a grey scrawl across ``Т`` to ``В``: the page reading kept the ``Ш`` only
    line = _line(("13/6-53", (20, 75, 145, 25), 88.3), ("г", (196, 80, 11, 13), 92.7), ("Ш", (829, 76, 15, 20), 91.4))
    read = under_pen(_page("clean-tg-01003"), line, "rus")
    assert read.text == "13/6-53 г Ш Т Ы К О В"
    starts = [w.bbox[0] for w in read.words[2:]]
    assert abs(starts[0] - 823) <= 3 and all(42 <= b - a <= 46 for a, b in zip(starts, starts[1:]))  # a cell each, the pitch apart


def test_a_name_the_record_would_not_take_is_read_under_the_pen():
    # As a moderate scan's page reading left it: ``Ш`` and the scrawl read as ``кадр“``, their mean confidence
    # just over believable, yet no name the record takes (a lone letter beside marks): read again under the pen
    line = _line(("13/6-53", (20, 75, 145, 25), 88.3), ("г", (196, 80, 11, 13), 92.7), ("Ш", (829, 76, 15, 20), 87.0),
                 ("кадр“", (864, 36, 299, 69), 14.0))
    assert under_pen(_page("clean-tg-01003"), line, "rus").text == "13/6-53 г Ш Т Ы К О В"


def test_no_name_is_taken_where_the_pen_leaves_letters_unclear(monkeypatch):
    # ``Б О Д Р О В`` under a scrawl as dark as the type: the two readings disagree (``БЕПРОРВ``, ``БЕПРОР``);
    # its grey type darkened, they read the name
    line = _line(("1/11-52", (20, 75, 141, 25), 77.9), ("г.", (190, 85, 30, 14), 95.6), ("Б", (806, 78, 18, 19), 79.1))
    assert under_pen(_page("clean-tg-01009"), line, "rus").text == "1/11-52 г. Б О Д Р О В"
    monkeypatch.setattr(signed_name, "INK_LEVEL", 255)
    assert under_pen(_page("clean-tg-01009"), line, "rus") == line


def test_letters_the_pen_broke_read_alike_are_no_name(monkeypatch):
    # With the pen taken out by its widest margin both readings of ``Б О Д Р О В`` agree on ``БЕПРОР`` (the
    # scrawl broke ``О``, ``Д`` and ``В``): one letter a cell, yet no word, so no name of its own; the crops read
    # nearest the listed ``БОДРОВ``, which is the name
    monkeypatch.setattr(signed_name, "THICKER", (1.0,))
    line = _line(("1/11-52", (20, 75, 141, 25), 77.9), ("г.", (190, 85, 30, 14), 95.6), ("Б", (806, 78, 18, 19), 79.1))
    assert under_pen(_page("clean-tg-01009"), line, "rus").text == "1/11-52 г. Б О Д Р О В"
    monkeypatch.setattr(signed_name, "LISTED_ALIKE", 99)
    assert under_pen(_page("clean-tg-01009"), line, "rus") == line


def test_a_name_the_page_read_surely_stays():
    line = _line(("1/11-52", (20, 75, 141, 25), 90), ("г.", (190, 85, 30, 14), 95), ("БОДРОВ", (806, 78, 240, 19), 90))
    assert under_pen(_page("clean-tg-01009"), line, "rus") == line


def test_a_name_one_reading_gives_in_full_where_the_others_only_leave_letters_out():
    # ``Л Е Б Е Д Е В`` with a scrawl over ``Е Б Е Д Е В`` (a black carbon's photocopy): three readings leave the
    # crossed ``Е`` out (``ЛЕБДЕВ``), one reads it; a letter a cell, a word, and no reading reads a letter otherwise
    line = _line(("24/1-51", (20, 75, 154, 34), 91.1), ("г.", (203, 83, 36, 21), 95.1), ("л", (834, 80, 21, 24), 80.2),
                 ("65", (882, 45, 65, 78), 27.1), ("в", (979, 45, 20, 78), 24.3), ("д", (1025, 49, 210, 70), 36.2))
    assert under_pen(_page("clean-tg-05000"), line, "rus").text == "24/1-51 г. Л Е Б Е Д Е В"


def test_a_full_reading_is_no_name_where_another_reads_a_letter_otherwise():
    readings = [("ЛЕБЕДЕВ", 50.0, ((0, 1),) * 7), ("ЛЕБДЕВ", 50.0, ((0, 1),) * 7), ("ЛЕВЕДЕВ", 50.0, ((0, 1),) * 7)]
    assert signed_name._fuller(readings, set()) == {}
    assert signed_name._fuller(readings[:2], set()) == {("ЛЕБЕДЕВ", ((0, 1),) * 7): 50.0}
    assert signed_name._fuller(readings[:2], {"ЛЕБЕДЕВА"}) == {}  # a margin agreed on another name
    assert signed_name._fuller(readings[:1] + [("ЛЕБЕВ", 50.0, ((0, 1),) * 7)], set()) == {}  # two letters left out


def _shtykov_line():
    # ``Ш Т Ы К О В`` with a scrawl from ``Т`` on: the page reading read none of the name but the scrawl's loop
    # over ``Ы`` (``Я``), the faint ``Ш`` before it left out
    return _line(("1/7-51", (20, 75, 139, 26), 87.6), ("г.", (199, 82, 31, 18), 93.8), ("Я", (1037, 46, 31, 62), 72.3))


def test_letters_the_page_reading_missed_before_the_first_it_found_are_the_names():
    line = _shtykov_line()
    date, year_end, words = signed_name._name_words(line)
    found = signed_name.read_name(_page("clean-tg-03009"), date, words[0], year_end, "rus")
    assert len(found) == 6 and abs(found[0].bbox[0] - 930) <= 8  # from the ``Ш``, a cell each
    assert all(48 <= b.bbox[0] - a.bbox[0] <= 54 for a, b in zip(found, found[1:]))


def test_a_date_read_in_two_pieces_ends_at_its_year_and_its_year_mark_is_no_letter_of_the_name():
    # ``6/5-51 г.`` read as ``6/`` and ``5-51`` (a seed-1000 clean tuning page): the year ends past the second
    # piece, so ``г.`` is not taken for the name's first letter; the pitch comes from both pieces, a character apart
    line = _line(("6/", (236, 1470, 48, 33), 29.3), ("5-51", (297, 1471, 86, 30), 29.3), ("г.", (413, 1480, 39, 21), 81.3),
                 ("П", (1100, 1475, 20, 24), 60.0))
    date, year_end, words = signed_name._name_words(line)
    assert date.text == "6/5-51" and date.bbox == (236, 1470, 147, 33) and 413 < year_end < 480
    assert [w.text for w in words] == ["П"]
    apart = line.read_as([dataclasses.replace(line.words[0], bbox=(150, 1470, 48, 33))] + line.words[1:])
    assert signed_name._name_words(apart)[0].text == "5-51"  # pieces farther apart than a character: the longer


def test_a_letter_the_pen_crossed_is_put_right_to_the_one_name_it_reads_as():
    # Two readings agree on ``ШТЕКОВ``, the pen's loop across the ``Ы``: one letter off the one name ``ШТЫКОВ``
    assert under_pen(_page("clean-tg-03009"), _shtykov_line(), "rus").text == "1/7-51 г. Ш Т Ы К О В"
    letters = [Word(c, (10 * k, 0, 8, 20), 60.0) for k, c in enumerate("ШТЕКОВ")]
    assert "".join(w.text for w in signed_name._named(letters)) == "ШТЫКОВ"
    assert [w.bbox for w in signed_name._named(letters)] == [w.bbox for w in letters]
    broken = [Word(c, (10 * k, 0, 8, 20), 60.0) for k, c in enumerate("БЕПРОР")]  # near no one name: as read
    assert signed_name._named(broken) == broken


def test_a_name_crossed_from_letter_to_letter_is_read_with_the_pens_strokes_across_the_gaps_traced_out():
    # ``П У Ш К И Н`` (bitonal) with a pen's line running through the gaps from ``П`` to past ``Н``: the page read
    # ``коней _0.``; as cleaned before, no two readings agree, with the strokes across the gaps traced out three
    # crops read ``ПУШКИН``
    line = _line(("25/9-46", (20, 75, 274, 43), 91.7), ("г.", (352, 91, 57, 27), 96.4),
                 ("коней", (1462, 29, 605, 91), 0.0), ("_0.", (1938, 25, 130, 103), 0.0))
    assert under_pen(_page("clean-tg-08011"), line, "rus").text == "25/9-46 г. П У Ш К И Н"


def test_a_name_most_crops_read_alike_is_taken_over_a_word_one_crop_spells():
    # ``Р О Щ И Н``: two crops read ``ЮОЩИН`` (the pen's loop in the ``Р``), one the word ``РОДИЧ``
    line = _line(("17/12-49", (20, 75, 252, 34), 90.3), ("г.", (320, 82, 45, 21), 96.7), ("о", (1207, 39, 94, 75), 49.7),
                 ("А", (1344, 43, 95, 66), 32.2), (">", (1538, 39, 119, 75), 34.0))
    assert under_pen(_page("clean-tg-08001"), line, "rus").text == "17/12-49 г. Р О Щ И Н"


def test_names_read_alike_must_outnumber_the_others():
    cells = ((0, 1),) * 5
    read = [("ЮОЩИН", 40.0, cells), ("ЮОЩИН", 50.0, cells), ("РОДИЧ", 60.0, cells), ("ОМИ", 60.0, cells)]
    assert signed_name._named_alike(read, set()) == {("РОЩИН", cells): 40.0}
    assert signed_name._named_alike(read + [("РОДИЧ", 60.0, cells)], set()) == {}  # two against two
    assert signed_name._named_alike(read[:1], set()) == {}  # one reading alone
    assert signed_name._named_alike(read, {"РОДИЧ"}) == {}  # the pen as cleaned agreed on another


def test_a_reading_one_letter_short_that_leaves_the_crossed_letter_out_backs_the_name():
    # heavy tuning s8000 tg-08011: the pen across the ``Н`` of ``П У Ш К И Н``, one crop reading it ``М``, most none
    cells = tuple((100 * k, 100 * k + 50) for k in range(6))
    read = [("ПКИМ", 6.0, cells), ("ПУШКИ", 40.0, cells), ("ПУШКИМ", 30.0, cells), ("ПУШКИ", 45.0, cells), ("ПК", 5.0, cells)]
    assert signed_name._named_alike(read, set()) == {("ПУШКИН", cells): 30.0}
    assert signed_name._named_alike(read[2:3], set()) == {}  # the full reading alone
    assert signed_name._named_alike([read[2], ("ПУШКА", 40.0, cells)], set()) == {}  # a letter read otherwise backs nothing


def test_a_loops_steep_sides_entering_the_band_are_traced_out():
    # ``Ф Е Д О Р Е Н К О`` (s1000 clean tuning) with a thin grey pen's loops coming down across ``Р``, ``Н`` and
    # ``О``: the page read ``ФЕДО`` and ``ЦЕ Жк``; the crops with the loops' sides followed down from above the band
    # taken out read ``ФЕДОЕЕНКО``, one letter off the one name
    line = _line(("5/10-52", (20, 75, 213, 41), 91.4), ("г.", (276, 88, 47, 26), 97.0), ("ФЕДО", (1171, 80, 221, 40), 91.1),
                 ("ЦЕ", (1423, 23, 103, 112), 39.2), ("Жк", (1553, 23, 150, 112), 39.2), ("^", (1805, 23, 66, 112), 51.3))
    assert under_pen(_page("clean-tg-01011"), line, "rus").text == "5/10-52 г. Ф Е Д О Р Е Н К О"


def test_readings_one_letter_short_tell_apart_the_names_a_reading_is_one_letter_off():
    # ``Р О Щ И Н`` (s8000 heavy tuning): crops read ``РОЦИН`` (one letter off ``РОБИН``, ``РОЩИН``, ...) and, more
    # of them, ``РОЩИ`` (the ``Н`` under the pen left out)
    line = _line(("17/12-49", (20, 75, 251, 31), 88.4), ("г.", (319, 81, 46, 22), 95.9))
    assert under_pen(_page("heavy-tg-08001"), line, "rus").text == "17/12-49 г. Р О Щ И Н"
    cells = ((0, 1),) * 5
    read = [("РОЦИН", 40.0, cells), ("РОЩИ", 50.0, cells), ("РОЩИ", 50.0, cells)]
    assert signed_name._named_alike(read, set()) == {("РОЩИН", cells): 40.0}
    assert signed_name._named_alike(read[:2], set()) == {("РОЩИН", cells): 40.0}  # two readings, the one name both back
    assert signed_name._named_alike(read[:1] * 2, set()) == {}  # the names near backed alike: none
    assert signed_name._named_alike(read + [("РОДИЧ", 50.0, cells)] * 3, set()) == {}  # not more than half the readings


def test_a_listed_name_several_readings_read_nearest_is_the_name():
    # s8000 clean tuning tg-08018: ``Ш Т Ы К О В`` under thin loops across every letter, read half right by most crops
    cells = tuple((100 * k, 100 * k + 50) for k in range(6))
    read = [("ШЗЫИР", 0.0, cells), ("ШУЫЕРВ", 0.0, cells), ("ИРЫКОН", 6.0, cells), ("ИЫКОЫ", 0.0, cells),
            ("ИРЫКОН", 37.0, cells), ("ИРЫКОЫ", 23.0, cells), ("ШЗ", 0.0, cells), ("ШВ", 0.0, cells)]
    assert signed_name._listed_alike(read) == {("ШТЫКОВ", cells): 0.0}
    assert signed_name._listed_alike(read[1:3]) == {}  # two readings only
    assert signed_name._listed_alike(read + [("ПУШКИМ", 50.0, cells)]) == {}  # one reads another listed name nearest


def test_a_reading_a_letter_short_nearest_another_listed_name_is_outvoted():
    # s5000 heavy tg-05000: ``Ш Т Ы К О В`` under a thick pen's loops; ``ТИХОН``, a letter short, is nearest the
    # six-letter ``МИКОЯН``, four readings of a letter a cell are nearest ``ШТЫКОВ``
    cells = tuple((100 * k, 100 * k + 50) for k in range(6))
    read = [(text, 0.0, cells) for text in ("ЕТЫКОЗ", "ИТЫХОВ", "ИТНКОН", "ТИХОН", "НКО", "ИТНХОВ", "ШТЯЕЫЕ", "ИТУЕСЕ",
                                            "ИТУЕ", "ИТЗЕОЕ")]
    assert signed_name._listed_alike(read) == {("ШТЫКОВ", cells): 0.0}
    assert signed_name._listed_alike(read[1:4]) == {}  # two for it, one for another: not LISTED_ALIKE more


def test_the_one_listed_name_of_the_cells_count_every_reading_begins_alike_is_the_name():
    # s7000 heavy tg-07012: ``П А Н Ю Ш К И Н`` under a pen's loops across all letters but the first three, each crop
    # reading the rest otherwise; eight-letter listed names beginning ``ПАН``: ``ПАНЮШКИН`` only
    cells = tuple((100 * k, 100 * k + 50) for k in range(8))
    read = [(text, 10.0 * k, cells) for k, text in enumerate(("ПАНУЗОХ", "ПАНУЙКОК", "ПАННИНУЛ", "ПАНННРЛ", "ПАНПО", ""))]
    assert signed_name._begun_alike(read) == {("ПАНЮШКИН", cells): 0.0}
    assert signed_name._begun_alike(read + [("ПНР", 50.0, cells)]) == {}  # a reading begins otherwise: ``П`` alone
    assert signed_name._begun_alike([(text, 0.0, cells[:7]) for text, _, _ in read]) == {}  # no seven-letter ``ПАН..``
    assert signed_name._begun_alike([("ПАНУЗОХ", 0.0, cells), ("ПАНПО", 0.0, cells[:7])]) == {}  # counts of cells differ
    assert signed_name._begun_alike([("ПАУЗОХ", 0.0, cells), ("ПАНПО", 0.0, cells)]) == {}  # two letters only


def test_a_listed_name_is_begun_by_letters_only_where_no_other_as_long_begins_alike():
    from ocr.correct.lexicon import lexicon
    from ocr.correct.names import begun_listed

    assert begun_listed("ЧЕР", 8, lexicon()) == "ЧЕРНЫШЕВ"
    assert begun_listed("ЧЕР", 9, lexicon()) == "ЧЕРВЕНКОВ"
    assert begun_listed("ЧЕР", 7, lexicon()) is None
    assert begun_listed("ПА", 8, lexicon()) == "ПАНЮШКИН"  # the caller asks for letters enough
    assert begun_listed("", 9, lexicon()) is None  # many nine-letter names


def test_no_listed_name_is_near_a_reading_of_four_letters_or_half_its_letters_off():
    from ocr.correct.lexicon import lexicon
    from ocr.correct.names import nearest_listed

    assert nearest_listed("ИРЫКОН", 6, lexicon()) == "ШТЫКОВ"
    assert nearest_listed("ФЕЛДОРЕККО", 9, lexicon()) == "ФЕДОРЕНКО"  # a letter added, two misread
    assert nearest_listed("ЧЕРИ", 4, lexicon()) is None  # four letters (``НЕРУ`` is two off)
    assert nearest_listed("ПААИЖ", 5, lexicon()) is None  # ``МАЛИК`` three off
    assert nearest_listed("ИРЫКОН", 7, lexicon()) is None  # no seven-letter name half read


def test_a_scrawl_the_page_read_as_letters_and_figures_is_no_name_to_keep_over_the_one_read_under_the_pen():
    # heavy tuning tg-01007 (s1000): the pen over ``П У Ш К И Н`` read ``рясА0и Г-е\т «репто``, more letters than the
    # name has: a name read with figures and marks among its letters is none the name under the pen gives way to
    line = _line(("25/9-46", (20, 75, 274, 43), 91.7), ("г.", (352, 91, 57, 27), 96.4),
                 ("рясА0и", (1462, 29, 605, 91), 0.0), ("Г-е\\т", (1938, 25, 130, 103), 0.0), ("«репто", (2070, 25, 100, 103), 0.0))
    assert under_pen(_page("clean-tg-08011"), line, "rus").text == "25/9-46 г. П У Ш К И Н"


def test_a_faded_ribbons_grey_name_is_darkened_to_the_types_level_and_read():
    # ``Ф Е Д О Р Е Н К О`` typed grey (s8000 moderate tuning, its darkest pixels about 130): its letters' cores fell
    # short of CORE_LEVEL and no cell past the ``Ф`` held a letter
    page = _page("moderate-tg-08008")
    line = _line(("17/9-52", (20, 75, 290, 54), 67.5), ("г.", (368, 91, 64, 33), 96.4), ("ФЕДО", (1604, 80, 303, 51), 92.3))
    assert under_pen(page, line, "rus").text == "17/9-52 г. Ф Е Д О Р Е Н К О"
    darker = signed_name.darkened(page, (20, 75, 290, 54))
    date, darker_date = page[75:129, 20:310], darker[75:129, 20:310]
    assert np.percentile(date, 3) > 120 and abs(np.percentile(darker_date, 3) - signed_name.INK_LEVEL) <= 2
    assert (darker[page == 255] == 255).all()  # the paper stays white
    dark = darker.copy()
    assert signed_name.darkened(dark, (20, 75, 290, 54)) is dark  # type as dark already: as it is


def test_a_name_cut_short_where_the_pen_took_most_of_a_letter_before_more_letters_is_no_name():
    # ``Ф Е Д О Р Е Н К О`` (s8000 heavy tuning, grey type): the pen's loop takes most of the ``Е``, so its cell
    # holds no letter, yet the ``Н`` a cell on does: ``ФЕДОР``, a word, is not the name
    line = _line(("17/9-52", (20, 75, 292, 68), 91.2), ("г.", (369, 101, 85, 42), 92.7), ("ФЕД", (1552, 80, 217, 63), 87.5))
    assert under_pen(_page("heavy-tg-08008"), line, "rus") == line


def test_a_date_read_a_figure_long_gives_way_to_the_pitch_the_names_letters_measure():
    # ``Ф Е Д О Р Е Н К О`` (s1000 heavy tuning tg-01011) with the pen across ``Р`` and ``Н``: its date ``5/10-52`` read
    # ``5/106-52``, a figure too many, gave cells too narrow to stay on the letters past the ``О``; the ``ФЕДО`` the
    # page read stands in four runs of ink a pitch apart, which the date's seven characters give
    line = _line(("5/106-52", (20, 75, 212, 42), 39.6), ("г.", (276, 86, 47, 29), 96.0), ("ФЕДО", (1205, 79, 222, 42), 91.3),
                 ("Це", (1457, 23, 104, 113), 67.3), ("Мк", (1607, 23, 133, 113), 58.3), ("м", (1843, 23, 66, 113), 29.7))
    assert under_pen(_page("heavy-tg-01011"), line, "rus").text == "5/106-52 г. Ф Е Д О Р Е Н К О"
    assert abs(signed_name._pitch(_page("heavy-tg-01011"), line.words[0], line.words[2]) - 2 * 212 / 6.6) < 0.01


def test_a_pen_darker_than_the_type_is_taken_out_by_its_tone():
    # ``К И С Е Л Е В`` in a faint grey carbon under a black pen's loops (heavy s3000 tg-03004): the pen's shape
    # alone leaves the letters joined and no name is read; on the grey page the pen is darker than the typed date's
    # darkest ink, and taken out by that, the letters read the name
    line = _line(("11/1-47", (48, 91, 270, 43), 91.0), ("г.", (380, 103, 51, 29), 95.0), ("к", (1494, 91, 25, 40), 75.0),
                 ("и", (1575, 94, 27, 40), 69.0), ("Вл", (1761, 43, 448, 120), 25.0))
    image, grey = _page("heavy-tg-03004"), _page("heavy-tg-03004-grey")
    assert under_pen(image, line, "rus") == line
    assert under_pen(image, line, "rus", grey).text == "11/1-47 г. К И С Е Л Е В"


def test_a_pen_no_darker_than_the_type_is_not_taken_out_by_its_tone():
    # ``Ш Т Ы К О В`` under a grey scrawl (clean s1000 tg-01003): nothing darker than the date's type
    assert signed_name.toned_out(_page("clean-tg-01003"), (20, 75, 145, 25)) is None
