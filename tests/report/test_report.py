"""The reviewer's report on disk: ``<id>.diff.html`` from a document, its transcription and diff, and
``index.html`` rebuilt from an output folder.

:func:`synthetic_case` builds a small, fully known document (a page image with words drawn by PIL,
their boxes, a transcription that differs in known places); the browser test uses it too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from PIL import Image, ImageDraw, ImageFont

from ocr.batch import store
from ocr.compare.diff import DiffReport, diff_document
from ocr.compare.transcript import Transcript, parse_transcript
from ocr.contract import (
    Evidence,
    Header,
    Page,
    Provenance,
    Quality,
    Region,
    TelegramDocument,
    TextLine,
    TextWord,
)
from ocr.lines import Word
from ocr.load import DocumentInput, open_document
from ocr.report.model import Export, IndexRow
from ocr.report.write import (
    index_row_from_outputs,
    rebuild_index,
    reference_texts,
    region_words,
    write_document_report,
    write_index,
)

DOCUMENT_ID = "synthetic-telegram-1"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
# OCR lines as drawn on the page; the transcription below differs: 2029 → 2020 (sub), "лично"
# only in the OCR (ins), "советского" only in the transcription (del), and one [...] omission.
OCR_LINES = ["Шифртелеграмма", "Из ПХЕНЬЯНА № 2020 пол. 18 час. 50 мин.", "В Ы Ш И Н С К О М У.",
             "Сообщаю о настроениях Ким Ир Сена, высказанных во время обеда лично."]
TRANSCRIPTION = ("# Шифртелеграмма\n\nИз ПХЕНЬЯНА № 2029 пол. 18 час. 50 мин.\n\nВ Ы Ш И Н С К О М У.\n\n"
                 "Сообщаю о настроениях [...] советского Ким Ир Сена, высказанных во время обеда.\n")
WARNING = "page 1: synthetic warning for the report"


@dataclass
class Case:
    document: TelegramDocument
    transcript: Transcript
    diff: DiffReport
    scan: DocumentInput
    words: dict[int, list[Word]]


def _font(size: int):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default(size)


def draw_page(path: Path, dpi: int = 150) -> list[list[Word]]:
    """A 1300×460 px page with :data:`OCR_LINES` drawn on it; the words' boxes per line."""
    image = Image.new("RGB", (1300, 460), (250, 247, 238))
    draw = ImageDraw.Draw(image)
    font = _font(26)
    lines, y = [], 60
    for text in OCR_LINES:
        x, words = 60, []
        for token in text.split():
            left, top, right, bottom = draw.textbbox((x, y), token, font=font)
            draw.text((x, y), token, font=font, fill=(30, 30, 30))
            low = token == "лично."
            words.append(Word(token, (left, top, right - left, bottom - top), 35.0 if low else 92.0))
            x = round(right + draw.textlength(" ", font=font))
        lines.append(words)
        y += 100
    image.save(path, dpi=(dpi, dpi))
    return lines


def synthetic_case(folder: Path) -> Case:
    lines = draw_page(folder / f"{DOCUMENT_ID}.png")
    scan = open_document(folder / f"{DOCUMENT_ID}.png")
    words = [w for line in lines for w in line]
    regions = [Region(type=kind, bbox=_union([w.bbox for w in line]), text=text, confidence=85.0)
               for kind, line, text in zip(("form_title", "routing", "addressee", "body"), lines, OCR_LINES)]
    page = Page(
        number=1, text="\n\n".join(OCR_LINES), width=1300, height=460, dpi=150, skew_deg=0.0, rotation=0,
        mean_confidence=85.0,
        regions=regions,
    )
    document = TelegramDocument(
        document_id=DOCUMENT_ID, source=scan.source, pages=[page], body=OCR_LINES[3], doc_type="cipher_telegram",
        header=Header(form_title="Шифртелеграмма", origin="ПХЕНЬЯНА", telegram_number="2020", received_time="18:50",
                      addressee="ВЫШИНСКОМУ"),
        quality=Quality(mean_confidence=85.0, low_confidence_words=1, warnings=[WARNING]),
        provenance=Provenance(pipeline_version="test", tesseract_version=None, languages="rus",
                              processed_at="2024-01-01T00:00:00+00:00"),
        field_evidence={"header.telegram_number": Evidence(page=1, bbox=lines[1][3].bbox, confidence=92.0)},
    )
    transcript = parse_transcript(TRANSCRIPTION)
    report = diff_document(document, transcript, folder / f"{DOCUMENT_ID}.md")
    return Case(document, transcript, report, scan, {1: words})


def _union(boxes):
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    return (x0, y0, max(b[0] + b[2] for b in boxes) - x0, max(b[1] + b[3] for b in boxes) - y0)


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
