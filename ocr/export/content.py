"""What every export takes from the contract document: ids, region types, ink stamps, hyphens, software."""

from __future__ import annotations

import regex

from ocr import __version__
from ocr.contract import Page, Region, Stamp, TelegramDocument, TextLine

SOFTWARE = "telegrams"

# A word broken at the line's end: letters, then the hyphen (``китай-``), not a dash or a number range.
_HYPHENATED = regex.compile(r"\p{L}-$")


def software() -> tuple[str, str]:
    """The name and version of the software writing the exports."""
    return SOFTWARE, __version__


def clamped(bbox: tuple[int, int, int, int], page: Page) -> tuple[int, int, int, int]:
    """The box cut to the page: boxes mapped back from a deskewed image may stick out by a few pixels."""
    x, y, w, h = bbox
    x0, y0 = min(max(x, 0), page.width), min(max(y, 0), page.height)
    x1, y1 = min(max(x + w, 0), page.width), min(max(y + h, 0), page.height)
    return x0, y0, x1 - x0, y1 - y0


def _fit_region(region: Region, page: Page) -> Region:
    lines = [line.model_copy(update={"bbox": clamped(line.bbox, page),
                                     "words": [w.model_copy(update={"bbox": clamped(w.bbox, page)}) for w in line.words]})
             for line in region.lines]
    return region.model_copy(update={"bbox": clamped(region.bbox, page), "lines": lines})


def within_pages(document: TelegramDocument) -> TelegramDocument:
    """The document with every box of its regions, lines, words and stamps cut to its page (a copy)."""
    pages = [page.model_copy(update={"regions": [_fit_region(r, page) for r in page.regions]}) for page in document.pages]
    by_number = {page.number: page for page in pages}
    stamps = [s.model_copy(update={"bbox": clamped(s.bbox, by_number[s.page])}) if s.page in by_number else s
              for s in document.stamps]
    return document.model_copy(update={"pages": pages, "stamps": stamps})


def page_id(page: Page) -> str:
    return f"page{page.number}"


def region_types(document: TelegramDocument) -> list[str]:
    """Every region type and stamp kind the exports tag, in order of first appearance."""
    kinds = [region.type for page in document.pages for region in page.regions]
    kinds += [stamp.kind for stamp in document.stamps if stamp.kind == "ink_stamp"]
    return list(dict.fromkeys(kinds))


def ink_stamps(document: TelegramDocument, number: int) -> list[Stamp]:
    """The colour rubber stamps of page ``number`` (typed marks are regions already)."""
    return [stamp for stamp in document.stamps if stamp.kind == "ink_stamp" and stamp.page == number]


def is_hyphenated(line: TextLine) -> bool:
    """The line ends in a word broken by a hyphen."""
    return bool(line.words) and bool(_HYPHENATED.search(line.words[-1].text))
