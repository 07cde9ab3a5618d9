from __future__ import annotations

import dataclasses

import numpy as np

from ocr.preprocess import PreprocessedPage
from ocr.reread import readings
from ocr.reread.readings import READINGS, distinct, read_each
from tests.builders import prepared


def _page(image: np.ndarray, grey: np.ndarray | None) -> PreprocessedPage:
    return prepared(image, grey)


def test_a_way_the_same_as_one_before_it_is_dropped_another_enlargement_or_image_is_kept():
    page = np.full((20, 30), 255, np.uint8)
    other = page.copy()
    other[5, 5] = 0
    ways = distinct([(page, 1.0), (page, 2.0), (page.copy(), 2.0), (other, 2.0), (other.copy(), 1.0)])
    assert [(image is page, image is other, scale) for image, scale in ways] == [
        (True, False, 1.0), (True, False, 2.0), (False, True, 2.0), (False, False, 1.0)]


def _read_ways(monkeypatch, page: PreprocessedPage) -> list[tuple[float, int]]:
    """(enlargement, grey levels in the image) of each part read_each reads, the two boxes' readings one way."""
    read: list[tuple[float, int]] = []

    def counted(parts, lang, psm, extra=None):
        read.extend((scale, len(np.unique(image))) for image, _, scale in parts)
        return [[] for _ in parts]

    monkeypatch.setattr(readings, "read_parts", counted)
    again = read_each(page, [(0, 0, 10, 10), (10, 10, 10, 10)], "rus")
    assert all(len(boxes) == len(read) // 2 for boxes in again)
    return read


def test_a_bitonal_pages_grey_the_same_as_its_binarised_one_is_not_read_again(monkeypatch):
    # A bitonal scan's grey page is its binarised one: read_each read each line twice alike at 2x, and the two
    # readings counted twice in the votes on the footer's, the routing line's and the numbers' values.
    binarised = np.full((40, 40), 255, np.uint8)
    binarised[12:18, 5:30] = 0
    bitonal = _read_ways(monkeypatch, _page(binarised, binarised.copy()))
    assert len(READINGS) == 4 and [scale for scale, _ in bitonal] == [1.0, 1.0, 2.0, 2.0, 2.0, 2.0]
    assert [levels > 2 for _, levels in bitonal] == [False] * 4 + [True] * 2  # the grey smoothed is still read


def test_a_grey_page_apart_from_the_binarised_one_is_read_every_way(monkeypatch):
    binarised = np.full((40, 40), 255, np.uint8)
    binarised[12:18, 5:30] = 0
    grey = np.where(binarised == 0, 60, 230).astype(np.uint8)
    assert len(_read_ways(monkeypatch, _page(binarised, grey))) == 2 * len(READINGS)


def test_the_readings_of_the_grey_page_are_told_apart():
    # a bitonal scan: its grey page is the binarised one, so only the smoothed grey is read apart from it
    binarised = np.full((40, 40), 255, np.uint8)
    binarised[12:18, 5:30] = 0
    assert readings.from_grey(_page(binarised, binarised.copy())) == [False, False, True]
    grey = binarised.copy()
    grey[12:18, 5:30] = 90
    assert readings.from_grey(_page(binarised, grey)) == [False, False, True, True]
    assert readings.from_grey(_page(binarised, None)) == [False, False]


def test_the_smoothed_grey_page_is_made_once_a_page_and_anew_for_a_page_with_another_grey():
    # every reread step's read_each read the page's lines in the smoothed grey: it was smoothed again each time
    binarised = np.full((40, 40), 255, np.uint8)
    binarised[12:18, 5:30] = 0
    grey = np.where(binarised == 0, 60, 230).astype(np.uint8)
    page = _page(binarised, grey)
    assert page.smoothed is page.smoothed and 60 < page.smoothed[11, 15] < 230 and page.smoothed[0, 0] == 230
    lighter = dataclasses.replace(page, grey=np.where(binarised == 0, 120, 230).astype(np.uint8))
    assert 118 <= lighter.smoothed[15, 15] <= 125 and 60 <= page.smoothed[15, 15] <= 65
    assert _page(binarised, None).smoothed is None
