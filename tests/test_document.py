"""Document assembly beyond single pages."""

from __future__ import annotations

import numpy as np

from ocr.contract import Page
from ocr.document import infer_folios
from ocr.lines import Word
from ocr.preprocess import PreprocessedPage
from ocr.recognize import OcrSettings
from ocr.reread import read_again


def test_missing_folios_are_inferred_only_from_a_consistent_numbering():
    def pages(*folios):
        return [Page(number=k + 1, folio=f, text="", width=1, height=1, dpi=300, skew_deg=0, rotation=0,
                     mean_confidence=0) for k, f in enumerate(folios)]

    filled, inferred = infer_folios(pages(64, None, 66, None, 68))
    assert [p.folio for p in filled] == [64, 65, 66, 67, 68] and inferred == [(2, 65), (4, 67)]
    assert infer_folios(pages(64, None, 70))[1] == []  # read folios disagree: nothing is invented
    assert infer_folios(pages(None, 65, None))[1] == []  # one folio is not a numbering


def test_what_reads_poorly_inside_a_colour_stamp_is_its_remnants():
    blank = np.full((600, 1200), 255, np.uint8)  # nothing left to read again: words are all there is
    page = PreprocessedPage(image=blank, stamp_image=None, stamp_boxes=[(500, 0, 400, 300)], rotation=0,
                            rotation_confidence=0.0, skew_deg=0.0, to_original=np.eye(2, 3))
    words = [Word("Kort", (100, 100, 100, 35), 96.0), Word("Tid", (230, 100, 75, 35), 96.0),
             Word("efter", (600, 100, 125, 35), 95.0),  # typing under the stamp
             Word("(0", (600, 180, 50, 35), 5.0), Word("761", (700, 180, 75, 35), 42.0),  # the stamp's handwriting
             Word("Bl", (100, 180, 50, 35), 4.0)]  # poorly read, but outside the stamp
    lines = read_again(page, words, 1, OcrSettings())
    assert [w.text for line in lines for w in line.words] == ["Kort", "Tid", "efter", "Bl"]
