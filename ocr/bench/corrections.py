"""What post-OCR correction did to the message text: words put right, words made wrong, time taken.

A word of the truth's body is right when the word alignment (:mod:`ocr.compare.align`) pairs it with
an equal word of the reading; comparing the raw reading's right words with the corrected one's tells
which corrections helped and which turned a right word wrong (the benchmark's target: at most 1 %).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, replace

from ocr.compare.align import align_words
from ocr.correct.pages import correct_pages
from ocr.document import assemble_document
from ocr.load import DocumentInput
from ocr.page import PageResult
from ocr.settings import Settings


@dataclass
class CorrectionTally:
    documents: int = 0
    pages: int = 0
    corrections: int = 0  # words changed
    fixed: int = 0  # words of the truth read wrong and right after correction
    made_wrong: int = 0  # words of the truth read right and wrong after correction
    seconds: float = 0.0  # spent correcting

    @property
    def made_wrong_share(self) -> float:
        return self.made_wrong / self.corrections if self.corrections else 0.0

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0

    def __add__(self, other: CorrectionTally) -> CorrectionTally:
        return CorrectionTally(*(a + b for a, b in zip(asdict(self).values(), asdict(other).values(), strict=True)))

    def as_dict(self) -> dict:
        return asdict(self) | {"made_wrong_share": self.made_wrong_share, "seconds_per_page": self.seconds_per_page}


def right_words(reference: str, hypothesis: str) -> set[int]:
    """Indices of the reference's words the hypothesis has, as the word alignment pairs them."""
    alignment = align_words(reference, hypothesis)
    return {i for op in alignment.opcodes if op.tag == "equal" for i in range(op.ref_start, op.ref_end)}


def tally(truth_body: str, raw_body: str, corrected_body: str, corrections: int, pages: int = 1,
          seconds: float = 0.0) -> CorrectionTally:
    """One document's tally from its true, raw and corrected bodies."""
    before, after = right_words(truth_body, raw_body), right_words(truth_body, corrected_body)
    return CorrectionTally(1, pages, corrections, len(after - before), len(before - after), seconds)


def raw_body(document: DocumentInput, pages: list[PageResult], settings: Settings) -> tuple[str, float]:
    """The body as read without correction, and the seconds correction takes on these pages."""
    start = time.perf_counter()
    correct_pages(sorted(pages, key=lambda p: p.number), settings)
    seconds = time.perf_counter() - start
    return assemble_document(document, pages, replace(settings, correct=False)).body, seconds
