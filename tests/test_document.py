"""Document assembly beyond single pages."""

from __future__ import annotations

import numpy as np

from ocr.contract import Page
from ocr.document import as_pages_read, infer_continuations, infer_folios
from ocr.lines import Word
from ocr.preprocess import PreprocessedPage
from ocr.recognize import OcrSettings
from ocr.reread.blocks import read_again


def test_missing_folios_are_inferred_only_from_a_consistent_numbering():
    def pages(*folios):
        return [Page(number=k + 1, folio=f, text="", width=1, height=1, dpi=300, skew_deg=0, rotation=0,
                     mean_confidence=0) for k, f in enumerate(folios)]

    filled, inferred = infer_folios(pages(64, None, 66, None, 68))
    assert [p.folio for p in filled] == [64, 65, 66, 67, 68] and inferred == [
        "page 2: folio not read, 65 inferred from the other pages' folios",
        "page 4: folio not read, 67 inferred from the other pages' folios"]
    assert infer_folios(pages(64, None, 70))[1] == []  # read folios disagree: nothing is invented
    # one folio read (a heavy tuning telegram's first sheet lost its folio, the second read 21): the sheets about it
    assert [p.folio for p in infer_folios(pages(None, 21))[0]] == [20, 21]
    assert [p.folio for p in infer_folios(pages(248, None, None, None))[0]] == [248, 249, 250, 251]
    # a speck read as a figure before a folio (a heavy tuning telegram, seed 7000), the two others agreeing
    filled, inferred = infer_folios(pages(1270, 271, 272))
    assert [p.folio for p in filled] == [270, 271, 272] and inferred == ["page 1: folio read 1270, 270 from the other pages' folios"]
    assert infer_folios(pages(1270, 271))[1] == []  # one against one: neither outweighs
    assert infer_folios(pages(280, 271, 272))[1] == []  # no figure too many: a folio read so is left as read
    assert infer_folios(pages(64, 65, 66))[1] == []  # all read and agreeing: nothing to give
    assert infer_folios(pages(None, 1))[1] == []  # no sheet 0 to give


def test_later_page_headers_put_right_from_the_pages_that_follow_the_form():
    def pages(*headers):
        return [Page(number=k + 1, page_label=label, telegram_number=number, copy_number=copy, text="", width=1, height=1,
                     dpi=300, skew_deg=0, rotation=0, mean_confidence=0) for k, (label, number, copy) in enumerate(headers)]

    # as read on a five-page telegram: page 2's ``2.`` read ``О.`` and its copy ``16...``, page 5's header lost
    read = pages((None, None, 10), ("0.", "9794", 16), ("3.", "9794", 10), ("4.", "9794", 10), (None, None, 10))
    filled, notes = infer_continuations(read, "9794", 10)
    assert [(p.page_label, p.telegram_number, p.copy_number) for p in filled] == [
        (None, None, 10), ("2.", "9794", 10), ("3.", "9794", 10), ("4.", "9794", 10), ("5.", "9794", 10)]
    assert len(notes) == 4 and notes[0] == "page 2: page label 0., '2.' inferred from the other pages"
    # as many read otherwise as the form numbers them: nothing is put right
    assert infer_continuations(read[:2] + read[3:4], "9794", 10)[0][1].page_label == "0."
    # no later page read as the form numbers it: nothing is invented
    assert infer_continuations(pages((None, None, 3), ("5.", "77", 3)), "9794", 3)[1] == []
    # a cipher telegram whose later pages' labels and numbers were read on none (a faint header): the form's are given,
    # a copy page 1 did not read stays unread; a document not read as a telegram gets none
    lost = pages((None, None, None), (None, None, None), (None, None, None))
    assert [(p.page_label, p.telegram_number, p.copy_number) for p in infer_continuations(lost, "1652", None, True)[0]] == [
        (None, None, None), ("2.", "1652", None), ("3.", "1652", None)]
    assert infer_continuations(lost, "1652", None)[1] == []


def test_what_reads_poorly_inside_a_colour_stamp_is_its_remnants():
    blank = np.full((600, 1200), 255, np.uint8)  # nothing left to read again: words are all there is
    page = PreprocessedPage(image=blank, stamp_image=None, stamp_boxes=[(500, 0, 400, 300)], rotation=0,
                            rotation_confidence=0.0, skew_deg=0.0, to_original=np.eye(2, 3), standing=blank < 128)
    words = [Word("Kort", (100, 100, 100, 35), 96.0), Word("Tid", (230, 100, 75, 35), 96.0),
             Word("efter", (600, 100, 125, 35), 95.0),  # typing under the stamp
             Word("(0", (600, 180, 50, 35), 5.0), Word("761", (700, 180, 75, 35), 42.0),  # the stamp's handwriting
             Word("Bl", (100, 180, 50, 35), 4.0)]  # poorly read, but outside the stamp
    lines = read_again(page, words, 1, OcrSettings())
    assert [w.text for line in lines for w in line.words] == ["Kort", "Tid", "efter", "Bl"]


def test_numbers_read_alike_on_the_later_pages_put_page_one_right():
    # a moderate tuning page's routing line read ``№ 80975`` (a speck before the digits), page 2's header ``8075``
    assert as_pages_read("80975", ["8075"], 3) == "8075"
    assert as_pages_read(None, ["8075", "8075"], 3) == "8075"  # page 1's routing line not parsed
    assert as_pages_read("19", ["10"]) == "10"  # copy 10 typed with a slashed zero, read 19 on page 1
    assert as_pages_read("10", ["19"]) == "10"  # a 0 is never read for a 9
    assert as_pages_read("16", ["10"]) == "10"  # a bold face's slashed zero read 6
    assert as_pages_read("8075", ["8015"], 3) == "8075"  # a digit misread either side: page 1's stays
    assert as_pages_read("80975", ["8075", "8076"], 3) == "80975"  # later pages disagree
    assert as_pages_read(None, ["75"], 3) is None  # too short for a telegram number


def test_a_later_pages_number_read_with_a_speck_more_than_anothers_is_that_number():
    # s8000 heavy tuning tg-08008: page 1's routing line read ``№ 7/89`` (no number), page 2's header ``7780``, page 3's
    # (turned 180°) ``72780`` once its header's strip was read cut to its ink
    assert as_pages_read(None, ["7780", "72780"], 4) == "7780"
    assert as_pages_read(None, ["7780", "7790"], 4) is None  # a figure misread: which is right, nothing tells


def test_a_later_page_number_read_otherwise_than_page_one_and_another_page_is_put_right():
    def pages(*headers):
        return [Page(number=k + 1, page_label=label, telegram_number=number, copy_number=3, text="", width=1, height=1,
                     dpi=300, skew_deg=0, rotation=0, mean_confidence=0) for k, (label, number) in enumerate(headers)]

    # heavy tuning telegram: page 3 (turned 180°) read ``4855`` for ``4865``, page 1 and page 2 read it right
    filled, notes = infer_continuations(pages((None, None), ("2.", "4865"), ("3.", "4855")), "4865", 3)
    assert [p.telegram_number for p in filled] == [None, "4865", "4865"] and notes == [
        "page 3: telegram number 4855, '4865' inferred from the other pages"]
    # one later page against page 1: as many each way, nothing is put right
    assert infer_continuations(pages((None, None), ("2.", "4907")), "4901", 3)[0][1].telegram_number == "4907"
