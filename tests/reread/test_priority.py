"""A priority line the page read as no priority, read again alone."""

from __future__ import annotations

from pathlib import Path

import cv2

from ocr import fields
from ocr.lines import Line, Role, Word
from ocr.preprocess import PreprocessedPage
from ocr.reread.priority import reread_priorities
from tests.builders import prepared

HEADER = Path(__file__).parent.parent / "resources" / "header"


def _page(name: str) -> PreprocessedPage:
    """The crop of a heavy tuning page (seed 3000, turned 90°) around its priorities, as the pipeline had it."""
    return prepared(*(cv2.imread(str(HEADER / f"{name}-{file}.png"), cv2.IMREAD_GRAYSCALE) for file in ("bitonal", "grey")))


def test_a_priority_read_with_letters_lost_is_read_again_whole():
    # the page read ``ВЕСЬМА СРОЧНО`` as ``ВЕСЬ  НО`` (confidence 0 and 60); alone, every reading reads it whole
    words = [Word("ВЕСЬ", (66, 66, 107, 27), 0.0), Word("НО", (340, 69, 39, 23), 60.0)]
    lines = [Line("ВЕСЬ  НО", Role.PRIORITY, bbox=(66, 66, 313, 27), confidence=30.0, words=words)]
    again = reread_priorities(_page("priority-heavy"), lines, "rus")
    assert fields.marks_in(again[0].text, fields.PRIORITIES) == ["ВЕСЬМА СРОЧНО"]


def test_a_line_spelling_a_priority_is_not_read_again():
    lines = [Line("ВЕСЬМА СРОЧНО", Role.PRIORITY, confidence=96.0, words=[Word("ВЕСЬМА", (0, 0, 9, 9), 96.0)]),
             Line("Г Р О М Ы К О.", Role.ADDRESSEE, confidence=63.0, words=[Word("РОМ", (0, 0, 9, 9), 63.0)])]
    assert reread_priorities(_page("priority-heavy"), lines, "rus") == lines


def test_priorities_read_as_their_first_letters_are_read_again_across_their_rows():
    # a clean tuning page (seed 1000) read ``С Р О Ч Н О`` and ``М О Л Н И Я`` as ``С Р О`` and ``м о л``, each in a
    # word box as narrow as those letters: read in it again they stay so, across the row they read whole
    page = prepared(cv2.imread(str(HEADER / "priority-row-clean-bitonal.png"), cv2.IMREAD_GRAYSCALE))
    lines = [Line("5508 7484", Role.REFERENCE, bbox=(87, 20, 288, 33), words=[Word("5508", (87, 20, 288, 33), 96.0)]),
             Line("С Р О", Role.PRIORITY, bbox=(1056, 164, 160, 36), words=[Word("СРО", (1056, 164, 160, 36), 70.0)]),
             Line("м о л", Role.PRIORITY, bbox=(1056, 210, 163, 35), words=[Word("мол", (1056, 210, 163, 35), 60.0)]),
             Line("Ф И Л И П П О В У.", Role.ADDRESSEE, bbox=(641, 313, 583, 33), words=[Word("ФИЛИППОВУ.", (641, 313, 583, 33), 90.0)])]
    again = reread_priorities(page, lines, "rus")
    assert [fields.marks_in(line.text, fields.PRIORITIES) for line in again[1:3]] == [["СРОЧНО"], ["МОЛНИЯ"]]
    assert again[0] is lines[0] and again[3] is lines[3]
