"""The words the contract keeps for the exports: the shown text, each word boxed where it was read."""

from __future__ import annotations

import pytest

from ocr.lines import Line, Role, Word
from ocr.wordboxes import text_line
from tests.export.recorded import DOCUMENTS, document
from tests.export.recorded import document_id as _id


def test_words_read_as_shown_keep_their_boxes():
    words = [Word("Ким", (100, 50, 90, 40), 91.0), Word("Ир", (215, 52, 60, 38), 80.0)]
    line = text_line(Line(text="Ким Ир", role=Role.BODY, bbox=(100, 50, 175, 40), confidence=85.5, words=words))
    assert line.text == "Ким Ир" and line.confidence == 85.5
    assert [(w.text, w.bbox, w.confidence) for w in line.words] == [("Ким", (100, 50, 90, 40), 91.0), ("Ир", (215, 52, 60, 38), 80.0)]


def test_letter_spaced_typing_read_as_one_word_is_shared_out_with_its_gaps():
    """``ВЫШИ`` read as one word 700 px wide is shown ``В Ы Ш И``: seven shown characters, 100 px each."""
    line = text_line(Line(text="В Ы Ш И", bbox=(0, 10, 700, 40), confidence=70.0, words=[Word("ВЫШИ", (0, 10, 700, 40), 70.0)]))
    assert [(w.text, w.bbox[0], w.bbox[2]) for w in line.words] == [("В", 0, 100), ("Ы", 200, 100), ("Ш", 400, 100), ("И", 600, 100)]


def test_a_rewritten_grid_slot_is_placed_on_what_was_read_there():
    """The grid's ``№10т`` read as one word is shown ``» № 10-т``: the slot's characters fall on the read
    word, the inserted ``»`` and ``-`` on their neighbours."""
    words = [Word("№10т", (400, 0, 120, 30), 60.0), Word("Булганину", (600, 0, 270, 30), 88.0)]
    line = text_line(Line(text="» № 10-т Булганину", bbox=(400, 0, 470, 30), confidence=74.0, words=words))
    assert [w.text for w in line.words] == ["»", "№", "10-т", "Булганину"]
    assert all(400 <= w.bbox[0] < 520 for w in line.words[:3]) and line.words[3].bbox == (600, 0, 270, 30)
    assert line.words[2].confidence == 60.0


def test_a_line_without_read_words_is_shared_out_by_length():
    line = text_line(Line(text="ab cd", bbox=(0, 0, 50, 10), confidence=50.0))
    assert [(w.text, w.bbox) for w in line.words] == [("ab", (0, 0, 20, 10)), ("cd", (30, 0, 20, 10))]


@pytest.mark.parametrize("path", DOCUMENTS, ids=_id)
def test_recorded_documents_keep_every_line_word_for_word(path):
    doc = document(path)
    for page in doc.pages:
        assert page.regions and all(region.lines for region in page.regions)
        for region in page.regions:
            assert region.text == "\n".join(line.text for line in region.lines)
            for line in region.lines:
                assert line.text == " ".join(w.text for w in line.words)
                assert all(w.bbox[2] > 0 and w.bbox[3] > 0 for w in line.words)
