"""A small, fully known document for the report's tests: a page image with words drawn by PIL, their
boxes, and a transcription that differs in known places."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ocr.compare.diff import DiffReport, diff_document
from ocr.compare.transcript import Transcript, parse_transcript
from ocr.contract import Evidence, Header, Page, Provenance, Quality, Region, TelegramDocument
from ocr.lines import Word
from ocr.load import DocumentInput, open_document

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
