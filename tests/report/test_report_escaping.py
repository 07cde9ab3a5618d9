"""Hostile text — a page's OCR text, its transcription, a field value, a document id, a file name —
comes out of the reports escaped everywhere: parsed as HTML, no element or attribute is injected
and every value reads back exactly as given."""

from __future__ import annotations

from urllib.parse import unquote

import lxml.html
import numpy as np

from ocr.compare.diff import diff_document
from ocr.compare.transcript import parse_transcript
from ocr.contract import Stamp
from ocr.lines import Word
from ocr.report.html import render_document_report, render_index
from ocr.report.model import Export, FieldRow, IndexRow, OmittedSpan, PageEntry, Rates, ReportData
from ocr.report.write import write_document_report
from tests.report.synthetic import TRANSCRIPTION, synthetic_case

PAYLOAD = '<script>alert(1)</script> " & '
OUR_SCRIPTS = 1  # the one inline script each report carries


def _parse(page: str):
    tree = lxml.html.document_fromstring(page)
    assert len(tree.xpath("//script")) == OUR_SCRIPTS
    assert not any("alert" in (script.text or "") for script in tree.xpath("//script"))
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")  # no event handler attribute anywhere
    assert PAYLOAD.strip() not in page  # never verbatim in the markup
    return tree


def test_document_report_escapes_every_value() -> None:
    page = PageEntry(1, np.full((100, 200), 230, dtype=np.uint8), [Word("<script>alert(1)</script>", (5, 5, 90, 20), 30.0)],
                     ocr_text=f"Ким {PAYLOAD}", reference_text=f"{PAYLOAD} Ир")
    data = ReportData(
        document_id=PAYLOAD, rates={PAYLOAD: Rates(0.1, 0.2)}, pages=[page],
        fields=[FieldRow(PAYLOAD, PAYLOAD, PAYLOAD, False, page=1, bbox=(1, 2, 3, 4))],
        warnings=[PAYLOAD], omitted=[OmittedSpan(PAYLOAD, PAYLOAD)],
        stamps=[Stamp(kind="ink_stamp", text=PAYLOAD, page=1, bbox=(10, 10, 80, 80), confidence=70.0, shape="round",
                      colour="violet", office=PAYLOAD, incoming_number="0412-сс", date="1949-09-26")],
    )
    tree = _parse(render_document_report(data))
    stamp = tree.xpath("//tr[@data-box='10,10,80,80']")[0]
    assert [td.text_content() for td in stamp.xpath("td")] == ["1", "violet round", PAYLOAD, PAYLOAD, "0412-сс", "1949-09-26"]
    assert tree.findtext(".//title") == f"{PAYLOAD} — OCR report"
    assert tree.findtext(".//h1") == PAYLOAD
    field = tree.xpath("//tr[@class='bad']")[0]
    assert [td.text_content() for td in field.xpath("td")[:3]] == [PAYLOAD] * 3
    assert tree.xpath("//li[@class='warn']")[0].text_content() == PAYLOAD
    ocr, reference = (pre.text_content() for pre in tree.xpath("//section//pre"))
    assert (ocr, reference) == (f"Ким {PAYLOAD}", f"{PAYLOAD} Ир")
    assert tree.xpath("//section//span[contains(@class, 'lowconf')]")[0].text_content() == "<script>alert(1)</script>"


def test_index_escapes_ids_warnings_and_links() -> None:
    row = IndexRow(PAYLOAD, 0.5, 0.5, None, [PAYLOAD], report_href=f"{PAYLOAD}.diff.html",
                   exports=[Export(PAYLOAD, f"{PAYLOAD}.pdf")])
    tree = _parse(render_index([row]))
    cell = tree.xpath("//tbody/tr/td")[0]
    assert cell.get("data-value") == PAYLOAD and cell.text_content() == PAYLOAD
    links = tree.xpath("//tbody//a")
    assert [unquote(a.get("href")) for a in links] == [f"{PAYLOAD}.diff.html", f"{PAYLOAD}.pdf"]
    assert all(":" not in a.get("href") and "#" not in a.get("href") for a in links)  # stays a relative file
    assert [a.text_content() for a in links] == [PAYLOAD, PAYLOAD]
    assert tree.xpath("//td[@class='warn']")[0].text_content() == PAYLOAD


def test_hostile_scan_text_transcription_and_field_through_the_written_report(tmp_path, outdir) -> None:
    case = synthetic_case(tmp_path)
    page = case.document.pages[0].model_copy(update={"text": case.document.pages[0].text + f"\n\n{PAYLOAD}"})
    header = case.document.header.model_copy(update={"origin": PAYLOAD})
    document = case.document.model_copy(update={"pages": [page], "header": header})
    transcript = parse_transcript(TRANSCRIPTION + f"\n{PAYLOAD} конец\n")
    diff = diff_document(document, transcript, tmp_path / "t.md")
    path = write_document_report(document, transcript, diff, case.scan, outdir, case.words)
    tree = _parse(path.read_text(encoding="utf-8"))
    ocr, reference = (pre.text_content() for pre in tree.xpath("//section//pre"))
    assert ocr.endswith(PAYLOAD) and f"{PAYLOAD} конец" in reference
    origin = tree.xpath("//tr[td[1]='header.origin']")[0]
    assert [td.text_content() for td in origin.xpath("td")[1:3]] == ["ПХЕНЬЯНА", PAYLOAD]  # expected, found
