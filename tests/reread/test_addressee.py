"""An addressee's line the page read only in part, read again across its row."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import cv2

from ocr.lines import Line, Role, Word
from ocr.preprocess import PreprocessedPage
from ocr.reread.addressee import reread_addressee
from tests.builders import prepared

HEADER = Path(__file__).parent.parent / "resources" / "header"
# The message's width on the crop (a line of it below the addressee's), typed at the page's pitch (24 px).
BODY = Line("явлением района порта", Role.BODY, bbox=(84, 88, 1616, 24), confidence=80.0,
            words=[Word("явлением", (84, 88, 192, 24), 80.0), Word("района", (300, 88, 144, 24), 80.0),
                   Word("порта", (1580, 88, 120, 24), 80.0)])


def _page() -> PreprocessedPage:
    """The crop of a heavy tuning page (seed 3000, turned 90°) around its addressee's row, as the pipeline had it."""
    return prepared(*(cv2.imread(str(HEADER / f"addressee-heavy-{file}.png"), cv2.IMREAD_GRAYSCALE)
                      for file in ("bitonal", "grey")))


def test_an_addressee_read_in_part_is_read_again_across_its_row():
    # the page read ``Г Р О М Ы К О.`` as ``Р О М`` in one word box as narrow; the grey band around it reads it whole
    lines = [Line("Р О М", Role.ADDRESSEE, bbox=(754, 49, 113, 25), confidence=63.25, words=[Word("РОМ", (754, 49, 113, 25), 63.25)]),
             BODY]
    again = reread_addressee(_page(), lines, "rus")
    assert again[0].text.replace(" ", "") == "ГРОМЫКО" and again[1] is BODY
    assert again[0].text.startswith("Г Р О М Ы К О")  # shown letter-spaced, as typed


def test_an_addressee_the_language_knows_is_not_read_again():
    lines = [Line("Г Р О М Ы К О.", Role.ADDRESSEE, bbox=(600, 49, 400, 25), confidence=90.0,
                  words=[Word("ГРОМЫКО.", (600, 49, 400, 25), 90.0)]), BODY]
    assert reread_addressee(SimpleNamespace(image=None, grey=None), lines, "rus") == lines


def test_a_name_the_list_lacks_read_alike_again_stays(monkeypatch):
    # ``ШТЫКОВУ`` is no word of the list; two readings read it so, one misreads it as a word it knows
    lines = [Line("Ш Т Ы К О В У.", Role.ADDRESSEE, bbox=(600, 49, 400, 25), confidence=80.0,
                  words=[Word("ШТЫКОВУ.", (600, 49, 400, 25), 80.0)]), BODY]
    read = [[Word("ШТЫКОВУ.", (600, 49, 400, 25), 80.0)], [Word("ШТЫКОВУ", (600, 49, 400, 25), 70.0)],
            [Word("ШТЫКОМ", (600, 49, 400, 25), 60.0)]]
    monkeypatch.setattr("ocr.reread.addressee.read_each", lambda page, boxes, lang: [read])
    assert reread_addressee(SimpleNamespace(image=None, grey=None), lines, "rus") == lines
