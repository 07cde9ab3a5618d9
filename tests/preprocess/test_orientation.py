"""Upright against upside down: one decision, one step record, and a turn only on clear evidence."""

from __future__ import annotations

import numpy as np

from ocr.preprocess import orientation
from ocr.preprocess.orientation import read_upright, turn_wins
from ocr.preprocess.page import PreprocessedPage


def _page(steps: list[tuple[str, dict]]) -> PreprocessedPage:
    image = np.full((40, 60), 255, np.uint8)
    image[5:10, 5:20] = 0  # a mark in the top-left corner tells the reader which way up it sees the page
    return PreprocessedPage(image=image, stamp_image=None, stamp_boxes=[], rotation=0, rotation_confidence=3.0,
                            skew_deg=0.0, to_original=np.eye(2, 3), steps=steps)


def _reader(upright: float, turned: float):
    seen = []

    def read(image: np.ndarray) -> tuple[str, float]:
        way = "upright" if image[5:10, 5:20].min() == 0 else "turned"
        seen.append(way)
        return way, upright if way == "upright" else turned
    return read, seen


def test_turn_only_on_clear_evidence():
    assert turn_wins(25.0, 85.0) and turn_wins(30.0, 52.0)
    assert not turn_wins(30.0, 38.0)  # a faint carbon copy reads poorly both ways
    assert not turn_wins(10.0, 40.0)  # better, but still no believable reading
    assert turn_wins(10.0, 40.0, lambda: True)  # ... unless OSD also finds the page upside down
    assert not turn_wins(30.0, 38.0, lambda: True)  # OSD alone never turns a page
    # ... or the page as found reads as garbage beside it (heavy tuning page, seed 3013 page 2; OSD unsure, 0.79)
    assert turn_wins(7.0, 49.6)


def test_a_poor_turned_reading_wins_when_osd_agrees_and_is_recorded(monkeypatch):
    for osd, turned in ((True, True), (False, False)):
        monkeypatch.setattr(orientation, "_osd_upside_down", lambda page, osd=osd: osd)
        read, _ = _reader(upright=11.0, turned=39.0)
        found, page = read_upright(_page([("orientation", {"applied": 0, "method": "line_geometry"})]), read)
        assert (found == "turned") is turned and page.rotation == (180 if turned else 0)
        expected = {"method": "reading+osd"} if turned else {"osd_upside_down": False}
        assert page.steps == [("orientation", {"applied": page.rotation, "method": expected.get("method", "line_geometry"),
                                               "score_as_found": 11.0, "score_turned": 39.0,
                                               **{k: v for k, v in expected.items() if k != "method"}})]


def test_poor_reading_both_ways_stays_as_scanned_with_one_step_record():
    read, seen = _reader(upright=30.0, turned=38.0)
    found, page = read_upright(_page([("orientation", {"applied": 0, "method": "line_geometry"})]), read)
    assert found == "upright" and page.rotation == 0 and seen == ["upright", "turned"]
    assert page.steps == [("orientation", {"applied": 0, "method": "line_geometry", "score_as_found": 30.0, "score_turned": 38.0})]


def test_upside_down_page_is_turned_and_recorded_in_the_orientation_step():
    read, _ = _reader(upright=22.0, turned=81.0)
    found, page = read_upright(_page([("orientation", {"applied": 0, "method": "line_geometry"}), ("deskew", {})]), read)
    assert found == "turned" and page.rotation == 180  # the turned reading is the one kept
    assert page.steps == [("orientation", {"applied": 180, "method": "reading", "score_as_found": 22.0, "score_turned": 81.0}),
                          ("deskew", {})]


def test_well_read_or_orientation_off_reads_once():
    for upright, steps in ((90.0, [("orientation", {})]), (20.0, [])):
        read, seen = _reader(upright=upright, turned=95.0)
        assert read_upright(_page(steps), read)[1].rotation == 0 and seen == ["upright"]
