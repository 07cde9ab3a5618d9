"""Document assembly beyond single pages."""

from __future__ import annotations

from ocr.contract import Page
from ocr.pipeline import infer_folios


def test_missing_folios_are_inferred_only_from_a_consistent_numbering():
    def pages(*folios):
        return [Page(number=k + 1, folio=f, text="", width=1, height=1, dpi=300, skew_deg=0, rotation=0,
                     mean_confidence=0) for k, f in enumerate(folios)]

    filled, inferred = infer_folios(pages(64, None, 66, None, 68))
    assert [p.folio for p in filled] == [64, 65, 66, 67, 68] and inferred == [(2, 65), (4, 67)]
    assert infer_folios(pages(64, None, 70))[1] == []  # read folios disagree: nothing is invented
    assert infer_folios(pages(None, 65, None))[1] == []  # one folio is not a numbering
