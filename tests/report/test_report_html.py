"""The HTML reports render, mark differences with the agreed classes, and escape text."""

from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser

import numpy as np
import pytest
from PIL import Image

from ocr.lines import Word
from ocr.report.html import render_document_report, render_index
from ocr.report.image import image_data_uri
from ocr.report.model import (
    FieldRow,
    IndexRow,
    OmittedSpan,
    PageEntry,
    Rates,
    ReportData,
)


class _Spans(HTMLParser):
    """Collects the text inside each ``<span class=...>`` of the page sections, by class
    (the legend's sample spans are outside the sections)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[list[str]] = []
        self.text: dict[str, str] = {}
        self.in_section = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_section = self.in_section or tag == "section"
        if tag == "span":
            self.stack.append((dict(attrs).get("class") or "").split())

    def handle_endtag(self, tag: str) -> None:
        self.in_section = self.in_section and tag != "section"
        if tag == "span":
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for classes in self.stack if self.in_section else ():
            for name in classes:
                self.text[name] = self.text.get(name, "") + data


def _report(**changes: object) -> str:
    scan = np.full((1400, 2000), 230, dtype=np.uint8)
    page = PageEntry(
        number=1,
        image=scan,
        words=[
            Word("Ким", (100, 200, 80, 30), 95.0),
            Word("Ир", (190, 200, 40, 30), 41.0),
            Word("Ceн<b>", (240, 200, 90, 30), 88.0),
        ],
        ocr_text="Ким Ир Ceн<b> сказал",
        reference_text="Ким Ир Сен сказал: <тов>",
    )
    data = ReportData(
        document_id="seed<1>",
        rates={"strict": Rates(0.12, 0.5), "cyrillic-archival": Rates(0.05, float("inf"))},
        pages=[page],
        fields=[
            FieldRow("header.origin", "ПХЕНЬЯНА", "ПХЕНЬЯHА", False, page=1, bbox=(10, 20, 300, 40)),
            FieldRow("header.telegram_number", "2029", "2029", True),
        ],
        warnings=["page 2: no text <found>"],
        omitted=[OmittedSpan("Верно: & co", "footer", page=1, bbox=(1, 2, 3, 4))],
    )
    return render_document_report(data if not changes else ReportData(**{**data.__dict__, **changes}))


def test_document_report_marks_differences_with_span_classes() -> None:
    parser = _Spans()
    parser.feed(_report())
    assert parser.text["sub"] == "Ce" + "Се"  # Latin Ce in the OCR, Cyrillic Се in the transcription
    assert parser.text["ins"] == "<b>"
    assert parser.text["del"] == ": <тов>"
    assert parser.text["lowconf"] == "Ир"
    assert "Ким" in parser.text["w"]


def test_document_report_escapes_text() -> None:
    report = _report()
    assert "<b>" not in report and "&lt;b&gt;" in report
    assert "seed&lt;1&gt;" in report and "<тов>" not in report
    assert "no text &lt;found&gt;" in report and "Верно: &amp; co" in report


def test_document_report_is_self_contained() -> None:
    report = _report()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", report)
    assert report.count('<div class="highlight" hidden>') == 1
    assert 'id="scan-1" data-width="2000" data-height="1400"' in report


def test_words_and_fields_carry_their_boxes() -> None:
    report = _report()
    assert 'data-page="1" data-box="190,200,40,30"' in report  # the word Ир
    assert 'class="bad" data-page="1" data-box="10,20,300,40"' in report  # the origin field
    assert "∞" in report and "12.00%" in report


def test_page_without_transcription_or_scan_still_renders() -> None:
    page = PageEntry(number=2, image=None, words=[Word("экз.", (1, 1, 5, 5), 30.0)], ocr_text="экз. № 3")
    report = _report(pages=[page])
    parser = _Spans()
    parser.feed(report)
    assert parser.text["lowconf"] == "экз."
    assert "ins" not in parser.text and "del" not in parser.text


def test_embedded_scan_is_downscaled_jpeg() -> None:
    rgb = np.zeros((3000, 2400, 3), dtype=np.uint8)
    uri, width, height = image_data_uri(rgb)
    assert (width, height) == (2400, 3000)
    assert uri.startswith("data:image/jpeg;base64,")
    with Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))) as picture:
        assert picture.size == (1000, 1250)


def test_index_lists_documents_sortably_and_escapes() -> None:
    rows = [
        IndexRow("doc-a", 0.1, 0.2, 0.9, ["page 1: <blank>"], "doc-a.diff.html"),
        IndexRow("doc<b>", None, None, None, []),
    ]
    report = render_index(rows)
    assert report.count('class="sortable"') == 5
    assert 'href="doc-a.diff.html"' in report and 'data-value="0.1"' in report
    assert "doc&lt;b&gt;" in report and "&lt;blank&gt;" in report
    assert "<script>" in report and "http" not in report


def test_missing_templates_say_how_to_fix(monkeypatch) -> None:
    from jinja2 import DictLoader, Environment

    from ocr.errors import MissingDependencyError
    from ocr.report import html

    monkeypatch.setattr(html, "_environment", lambda: Environment(loader=DictLoader({})))
    with pytest.raises(MissingDependencyError, match="index.html.j2 is not installed") as failure:
        render_index([])
    assert "package data" in failure.value.hint
