"""The searchable PDF: poppler finds the document's page text in it, each word where the JSON boxes it.

Replays the recorded documents (``resources/exports/README.md``). The text layer does not depend on
the pictures under it, so it is checked over white pages of each page's size (the benchmark's
renders are not kept); one sample is written over its real scan for the file's own properties.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from ocr.compare import metrics
from ocr.compare.normalise import collapse_whitespace
from ocr.export.content import clamped
from ocr.export.pdf import POINTS_PER_INCH, pdf_bytes
from ocr.export.write import write_exports
from ocr.load import open_document
from tests.conftest import ROOT
from tests.export.recorded import DOCUMENTS, SAMPLES, document
from tests.export.recorded import document_id as _id

_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)"')


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[Path, Path]:
    """Each recorded document's PDF over white pages."""
    out = tmp_path_factory.mktemp("pdf")
    written = {}
    for path in DOCUMENTS:
        doc = document(path)
        white = [np.full((page.height, page.width, 3), 255, np.uint8) for page in doc.pages]
        written[path] = out / f"{path.parent.name}-{doc.document_id}.pdf"
        written[path].write_bytes(pdf_bytes(doc, white))
    return written


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> Path:
    """The clean sample's PDF over its scan, as ``ingest`` writes it."""
    doc = document(SAMPLES[0])
    scan = open_document(ROOT / "scans" / f"{doc.document_id}.pdf")
    return write_exports(doc, scan, tmp_path_factory.mktemp("scanned"), ("pdf",))[0]


def _poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.mark.parametrize("path", DOCUMENTS, ids=_id)
def test_pdftotext_gives_each_page_text(pdfs, path):
    doc = document(path)
    for page in doc.pages:
        text = _poppler("pdftotext", "-raw", "-f", str(page.number), "-l", str(page.number), str(pdfs[path]), "-")
        cer = metrics.character_error_rate(collapse_whitespace(page.text), collapse_whitespace(text))
        assert cer <= 0.02, (page.number, cer)


def _joined(found: list[tuple[str, list[float]]], texts: list[str]) -> list[list[float]]:
    """Poppler's words put together into ours (it may split a squeezed one, ``.-`` into ``.`` and ``-``):
    one box per text, the union of the pieces'."""
    boxes, pieces = [], iter(found)
    for text in texts:
        read, box = "", None
        while read != text:
            piece, (x0, y0, x1, y1) = next(pieces)
            read += piece
            box = [x0, y0, x1, y1] if box is None else [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
            assert text.startswith(read), (text, read)
        boxes.append(box)
    assert next(pieces, None) is None
    return boxes


@pytest.mark.parametrize("path", DOCUMENTS, ids=_id)
def test_words_sit_on_their_boxes(pdfs, path):
    """Poppler finds every word of the JSON, in order, within 1 % of the page's size of its box
    (a box mapped back from the deskewed image may stick out of the page: its part on the page)."""
    doc = document(path)
    for page in doc.pages:
        found = _poppler("pdftotext", "-bbox", "-raw", "-f", str(page.number), "-l", str(page.number), str(pdfs[path]), "-")
        width, height = (float(v) for v in _PAGE.search(found).groups())
        scale = POINTS_PER_INCH / page.dpi
        assert (width, height) == pytest.approx((page.width * scale, page.height * scale), abs=0.01)
        words = [w for region in page.regions for line in region.lines for w in line.words]
        pieces = [(html.unescape(m.group(5)), [float(v) for v in m.groups()[:4]]) for m in _WORD.finditer(found)]
        for (x0, y0, x1, y1), word in zip(_joined(pieces, [w.text for w in words]), words, strict=True):
            x, y, w, h = (v * scale for v in clamped(word.bbox, page))  # what of the box lies on the page
            assert abs(x0 - x) <= 0.01 * width and abs(x1 - x - w) <= 0.01 * width, word
            assert abs(y0 - y) <= 0.01 * height and abs(y1 - y - h) <= 0.01 * height, word


def test_pdf_holds_the_scan_embeds_a_cyrillic_font_and_says_it_is_pdf_a_2b(scanned, pdfs):
    pdf = str(scanned)
    fonts = _poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts and all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in fonts)  # embedded, subset, ToUnicode
    assert "DejaVuSans" in fonts[0]
    meta = _poppler("pdfinfo", "-meta", pdf)
    assert "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    assert int(re.search(r"Pages:\s+(\d+)", _poppler("pdfinfo", pdf)).group(1)) == 5
    images = _poppler("pdfimages", "-list", pdf).splitlines()[2:]
    assert [line.split()[3:5] for line in images] == [["2480", "3508"]] * 5  # each page's scan at 300 dpi, A4
    assert _poppler("pdftotext", "-raw", pdf, "-") == _poppler("pdftotext", "-raw", str(pdfs[SAMPLES[0]]), "-")


def test_a_line_of_two_words_of_very_different_heights_is_drawn(tmp_path):
    # The median height lies between the two, so neither is "typical": the baseline uses both.
    from ocr.contract import Page, Region, TextLine, TextWord

    doc = document(DOCUMENTS[0])
    words = [TextWord(text="Из", bbox=(100, 100, 60, 30), confidence=90.0),
             TextWord(text="|", bbox=(200, 40, 6, 160), confidence=40.0)]
    line = TextLine(text="Из |", bbox=(100, 40, 106, 160), confidence=65.0, words=words)
    page = Page(number=1, text="Из |", width=400, height=300, dpi=100, skew_deg=0, rotation=0, mean_confidence=65,
                regions=[Region(type="body", bbox=(100, 40, 106, 160), text="Из |", confidence=65.0, lines=[line])])
    pdf = tmp_path / "two.pdf"
    pdf.write_bytes(pdf_bytes(doc.model_copy(update={"pages": [page]}), [np.full((300, 400, 3), 255, np.uint8)]))
    assert "Из" in _poppler("pdftotext", str(pdf), "-")
