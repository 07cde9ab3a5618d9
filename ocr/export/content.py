"""What every export takes from the contract document: ids, region types, ink stamps, hyphens, software."""

from __future__ import annotations

import regex

from ocr import __version__
from ocr.contract import Page, Stamp, TelegramDocument, TextLine

SOFTWARE = "telegrams"

# A word broken at the line's end: letters, then the hyphen (``китай-``), not a dash or a number range.
_HYPHENATED = regex.compile(r"\p{L}-$")


def software() -> tuple[str, str]:
    """The name and version of the software writing the exports."""
    return SOFTWARE, __version__


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
