"""The diff report: omitted spans left out of the score, fields compared, both profiles reported."""

from __future__ import annotations

from pathlib import Path

from ocr.compare import metrics
from ocr.compare.diff import diff_document, excluding_omissions
from ocr.compare.transcript import parse_transcript
from ocr.contract import Page, Provenance, Quality, Source, TelegramDocument

TRANSCRIPT = ("Первая часть сообщения о переговорах [...] и вторая часть сообщения здесь.\n\n[...]\n\n"
              "Третий абзац текста о чем-то важном для всех.")
READ = ("Первая часть сообщения о переговорах пропущенный кусок текста и вторая часть сообщения здесь.\n\n"
        "Лишний абзац.\n\nТретий абзац текста о чем-то важном для всех.")


def _document(body: str, **header) -> TelegramDocument:
    return TelegramDocument(
        document_id="d", body=body, header=header, source=Source(path="d.pdf", sha256="0" * 64, page_count=1),
        pages=[Page(number=1, text=body, width=1, height=1, dpi=300, skew_deg=0, rotation=0, mean_confidence=90)],
        quality=Quality(mean_confidence=90, low_confidence_words=0),
        provenance=Provenance(pipeline_version="0", tesseract_version="5", languages="rus", processed_at="2026-01-01T00:00:00Z"),
    )


def test_text_read_in_omitted_spans_is_not_counted():
    transcript = parse_transcript(TRANSCRIPT)
    reference, hypothesis = excluding_omissions(transcript.scored_body, READ)
    assert reference == transcript.record.body
    assert metrics.character_error_rate(reference, hypothesis) == 0
    report = diff_document(_document(READ), transcript, Path("t.md"))
    assert report.cer == 0 and len(transcript.omissions) == 2


def test_errors_outside_omissions_still_count():
    transcript = parse_transcript(TRANSCRIPT)
    misread = READ.replace("вторая", "втарая").replace("Третий", "Трстий")
    report = diff_document(_document(misread), transcript, Path("t.md"))
    reference = transcript.record.body
    assert report.cer == 2 / len(reference)


def test_without_omissions_the_texts_are_untouched():
    assert excluding_omissions("абв где", "абв гдж") == ("абв где", "абв гдж")


def test_fields_and_profiles(seed_dir):
    transcript = parse_transcript((seed_dir / "transcript.ru.txt").read_text(encoding="utf-8"))
    found = _document(transcript.record.body.replace("объ", "об\"ъ"), origin="ПХЕНЬЯНА", telegram_number="2030")
    report = diff_document(found, transcript, seed_dir / "transcript.ru.txt")
    by_name = {f.field: f for f in report.fields}
    assert by_name["header.origin"].match and not by_name["header.telegram_number"].match
    assert not by_name["header.addressee"].match and by_name["header.addressee"].found is None
    assert set(report.profiles) == {"strict", "cyrillic-archival"}
    assert report.cer == report.profiles["strict"].cer == 0
