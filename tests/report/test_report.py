"""The reviewer's report on disk: ``<id>.diff.html`` from a document, its transcription and diff, and
``index.html`` rebuilt from an output folder.

The document they report on is :func:`tests.report.synthetic.synthetic_case`.
"""

from __future__ import annotations

import json
import re

import lxml.html

from ocr.batch import store
from ocr.compare.transcript import parse_transcript
from ocr.contract import (
    Page,
    Region,
    TextLine,
    TextWord,
)
from ocr.lines import Word
from ocr.report.model import Export, IndexRow
from ocr.report.write import (
    index_row_from_outputs,
    rebuild_index,
    reference_texts,
    region_words,
    write_document_report,
    write_index,
)
from tests.report.synthetic import DOCUMENT_ID, WARNING, synthetic_case


def test_report_file_has_words_fields_warnings_and_omissions(tmp_path, outdir):
    case = synthetic_case(tmp_path)
    path = write_document_report(case.document, case.transcript, case.diff, case.scan, outdir, case.words)
    assert path == outdir / f"{DOCUMENT_ID}.diff.html"
    page = path.read_text(encoding="utf-8")
    assert DOCUMENT_ID in page
    assert page.count('class="w"') + page.count('class="w lowconf"') == len(case.words[1])
    assert 'class="w lowconf"' in page  # "лично." has confidence 35
    assert "<td>header.telegram_number</td><td>2029</td><td>2020</td>" in page
    assert "<td>header.origin</td><td>ПХЕНЬЯНА</td><td>ПХЕНЬЯНА</td>" in page
    located = case.words[1][4].bbox  # "2020": the title is word 0, then Из ПХЕНЬЯНА № 2020
    assert f'data-page="1" data-box="{",".join(map(str, located))}"><td>header.telegram_number' in page
    assert WARNING in page
    assert "советского Ким Ир Сена" in page and "[...]" in page  # the omission, listed with its context
    for css in ("ins", "del", "sub"):
        assert f'<span class="{css}">' in page
    assert "data:image/jpeg;base64," in page


def test_report_is_self_contained(tmp_path, outdir):
    case = synthetic_case(tmp_path)
    page = write_document_report(case.document, case.transcript, case.diff, case.scan, outdir).read_text()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert "<link" not in page and "@import" not in page


def test_without_words_the_regions_stand_in(tmp_path, outdir):
    case = synthetic_case(tmp_path)
    page = write_document_report(case.document, case.transcript, case.diff, case.scan, outdir).read_text()
    routing = case.document.pages[0].regions[1].bbox
    assert f'<span class="w" data-page="1" data-box="{",".join(map(str, routing))}"' in page


def test_region_words_slice_multi_line_regions():
    region = Region(type="body", bbox=(10, 100, 200, 60), text="one\ntwo\nthree", confidence=70.0)
    page = Page(number=1, text="one\ntwo\nthree", width=300, height=300, dpi=100, skew_deg=0, rotation=0,
                mean_confidence=70, regions=[region])
    assert [(w.text, w.bbox) for w in region_words(page)] == [
        ("one", (10, 100, 200, 20)), ("two", (10, 120, 200, 20)), ("three", (10, 140, 200, 20))]


def test_region_words_are_the_records_words_where_it_keeps_them():
    words = [TextWord(text="Из", bbox=(10, 100, 40, 20), confidence=91.0),
             TextWord(text="БЕРЛИНА", bbox=(60, 100, 150, 20), confidence=42.5)]
    region = Region(type="routing", bbox=(10, 100, 200, 20), text="Из БЕРЛИНА", confidence=66.0,
                    lines=[TextLine(text="Из БЕРЛИНА", bbox=(10, 100, 200, 20), confidence=66.0, words=words)])
    page = Page(number=1, text="Из БЕРЛИНА", width=300, height=300, dpi=100, skew_deg=0, rotation=0,
                mean_confidence=66, regions=[region])
    assert [(w.text, w.bbox, w.confidence) for w in region_words(page)] == [
        ("Из", (10, 100, 40, 20), 91.0), ("БЕРЛИНА", (60, 100, 150, 20), 42.5)]


def test_without_transcription_or_diff_the_report_still_renders(tmp_path, outdir):
    case = synthetic_case(tmp_path)
    page = write_document_report(case.document, None, None, case.scan, outdir, case.words).read_text()
    assert "(no transcription of this page)" in page and "No fields compared." in page


def test_transcription_pages_follow_the_scan_only_when_counts_agree():
    two = parse_transcript("Первая страница текста письма здесь.\n\n\n\n65\n\n2029\n\n2.\n\nВторая страница текста.")
    assert len(two.page_texts) == 2
    assert reference_texts(two, 2) == two.page_texts
    assert reference_texts(two, 3) == ["\n\n".join(two.page_texts), None, None]
    assert reference_texts(None, 2) == [None, None]


def test_index_is_rebuilt_from_the_output_folder(tmp_path, outdir):
    case = synthetic_case(tmp_path)
    store.write_json_atomic(outdir / f"{DOCUMENT_ID}.json", case.document)
    store.write_json_atomic(outdir / f"{DOCUMENT_ID}.diff.json", case.diff)
    write_document_report(case.document, case.transcript, case.diff, case.scan, outdir, case.words)
    (outdir / "broken.error.json").write_text(json.dumps({"stage": "load", "message": "not a PDF"}))
    (outdir / "batch-summary.json").write_text(json.dumps({"documents": 2}))  # not a document

    row = index_row_from_outputs(outdir, DOCUMENT_ID)
    assert row.cer == case.diff.cer and row.wer == case.diff.wer and row.field_accuracy == case.diff.field_accuracy
    assert row.warnings == (WARNING,) and row.report_href == f"{DOCUMENT_ID}.diff.html"
    assert index_row_from_outputs(outdir, "broken").warnings == ("failed at load: not a PDF",)

    index = rebuild_index(outdir)
    assert index == outdir / "index.html"
    text = index.read_text(encoding="utf-8")
    assert f'href="{DOCUMENT_ID}.diff.html"' in text and "broken" in text and "batch-summary" not in text
    assert "2 documents." in text


def test_write_index_from_rows(outdir):
    path = write_index([IndexRow(document_id="a", cer=0.1, wer=0.2)], outdir)
    assert "1 documents." in path.read_text(encoding="utf-8")


def test_transcription_takes_the_ocr_whitespace_only():
    from ocr.report.write import follow_ocr_whitespace

    reference = "Экз. № 1\tКагановичу\n\nСообщаю о настроениях, высказанных Ким Ир Сеном"
    ocr = "Экз. № 1 Кагановичу\n\nСообщаю о настроениях,\nвысказанных Ким Ир Ссном"
    assert follow_ocr_whitespace(reference, ocr) == (
        "Экз. № 1 Кагановичу\n\nСообщаю о настроениях,\nвысказанных Ким Ир Сеном")


def test_a_diff_json_off_its_model_is_a_warning_not_a_blank(tmp_path, outdir):
    case = synthetic_case(tmp_path)
    store.write_json_atomic(outdir / f"{DOCUMENT_ID}.json", case.document)
    misspelt = case.diff.model_dump(mode="json")
    misspelt["CER"] = misspelt.pop("cer")
    store.write_json_atomic(outdir / f"{DOCUMENT_ID}.diff.json", misspelt)
    row = index_row_from_outputs(outdir, DOCUMENT_ID)
    assert row.cer is None and row.wer is None
    assert row.warnings == (f"{DOCUMENT_ID}.diff.json does not match its model (cer: Field required)", WARNING)


def test_infinite_rates_read_back_from_the_diff(tmp_path, outdir):
    case = synthetic_case(tmp_path)
    store.write_json_atomic(outdir / f"{DOCUMENT_ID}.diff.json", case.diff.model_copy(update={"cer": float("inf")}))
    row = index_row_from_outputs(outdir, DOCUMENT_ID)
    assert row.cer == float("inf") and row.wer == case.diff.wer and row.warnings == ()
    assert row.reference_characters == case.diff.profiles["strict"].reference_characters


def test_index_links_the_exports_present(tmp_path, outdir):
    case = synthetic_case(tmp_path)
    store.write_json_atomic(outdir / f"{DOCUMENT_ID}.json", case.document)
    assert 'class="exports"' not in rebuild_index(outdir).read_text(encoding="utf-8")
    for suffix in (".alto.xml", ".pdf"):
        (outdir / f"{DOCUMENT_ID}{suffix}").write_bytes(b"x")
    assert index_row_from_outputs(outdir, DOCUMENT_ID).exports == (
        Export("ALTO", f"{DOCUMENT_ID}.alto.xml"), Export("PDF", f"{DOCUMENT_ID}.pdf"))
    text = rebuild_index(outdir).read_text(encoding="utf-8")
    assert (f'<td class="exports"><a href="{DOCUMENT_ID}.alto.xml">ALTO</a>'
            f'<a href="{DOCUMENT_ID}.pdf">PDF</a></td>') in text


def test_corrected_words_are_marked_with_what_was_read():
    from ocr.contract import Correction
    from ocr.report.html import render_document_report
    from ocr.report.model import PageEntry, ReportData

    fix = Correction(page=1, bbox=(60, 5, 80, 20), before="перелать", after="передать", score=0.97)
    words = [Word("прошу", (5, 5, 50, 20), 95.0), Word("передать", (60, 5, 80, 20), 88.0)]
    page = PageEntry(1, None, words, ocr_text="прошу передать", corrections=(fix,))
    html = render_document_report(ReportData(document_id="d", rates={}, pages=[page]))
    tree = lxml.html.document_fromstring(html)
    marked = tree.xpath("//section//span[contains(@class, 'corr')]")
    assert [span.text_content() for span in marked] == ["передать"]
    assert "read as 'перелать'" in marked[0].get("title") and "0.97" in marked[0].get("title")
    assert tree.xpath("//p[@class='legend']/span[@class='corr']")
