"""A searchable PDF/A-2b: each scan page as an image under an invisible text layer (fpdf2).

Every word of the contract document is drawn in DejaVu Sans (embedded, subset, with a ToUnicode
map, so copying and searching give Cyrillic) in text render mode 3 (invisible), in reading order:
a line's words at one size (glyph height = the line's typical word height) on one baseline fitted
through them, each stretched (``Tz``) to its box's width, so a viewer selects the word where the
scan shows it. Page size is the scan's at its dpi; the images are JPEG as loaded, with no colour
management beyond the sRGB output intent PDF/A asks for.
"""

from __future__ import annotations

import io
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from fpdf import FPDF
from fpdf.enums import DocumentCompliance, OutputIntentSubType, TextMode
from fpdf.output import PDFICCProfile
from PIL import ImageCms

from ocr.contract import Page, TelegramDocument, TextLine, TextWord
from ocr.errors import MissingDependencyError
from ocr.export.content import software, within_pages

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "DejaVuSans"
JPEG_QUALITY = 85
POINTS_PER_INCH = 72
# A word whose height differs from its line's typical one by more than this fraction is drawn in its own box.
OWN_BOX = 0.5


def _srgb_profile() -> PDFICCProfile:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return PDFICCProfile(contents=profile, n=3, alternate="DeviceRGB")


def _new_pdf(document: TelegramDocument) -> FPDF:
    if not FONT_PATH.exists():
        raise MissingDependencyError(f"the PDF's text font {FONT_PATH} is missing",
                                     "install it: apt-get install fonts-dejavu-core")
    pdf = FPDF(unit="pt", enforce_compliance=DocumentCompliance.PDFA_2B)
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.add_output_intent(OutputIntentSubType.PDFA, output_condition_identifier="sRGB IEC61966-2.1",
                          dest_output_profile=_srgb_profile(), info="sRGB IEC61966-2.1")
    name, version = software()
    pdf.set_creator(f"{name} {version}")
    pdf.set_producer(f"{name} {version}")
    pdf.set_title(document.document_id)
    pdf.set_lang("ru")
    pdf.add_font(FONT, fname=str(FONT_PATH))
    return pdf


def _jpeg(image: np.ndarray) -> io.BytesIO:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise ValueError("page image could not be encoded as JPEG")
    return io.BytesIO(data.tobytes())


@dataclass(frozen=True)
class _Font:
    """The text font's ascent and descent over its size (descent negative)."""

    ascent: float
    descent: float


def _baseline(words: list[TextWord], scale: float) -> tuple[float, float]:
    """The line's baseline ``y = a·x + b`` through its words' bottoms (points): skewed lines stay one line."""
    xs = [(w.bbox[0] + w.bbox[2] / 2) * scale for w in words]
    bottoms = [(w.bbox[1] + w.bbox[3]) * scale for w in words]
    if len(words) < 2 or max(xs) - min(xs) < 1:
        return 0.0, statistics.median(bottoms)
    slope, intercept = np.polyfit(xs, bottoms, 1)
    return float(slope), float(intercept)


def _show(pdf: FPDF, text: str, x: float, baseline: float, width: float) -> None:
    """``text`` from ``x`` on ``baseline``, stretched (``Tz``) to ``width`` points."""
    pdf.set_stretching(100)  # the width is measured unstretched
    natural = pdf.get_string_width(text)
    pdf.set_stretching(100 * max(width, 0.1) / natural if natural else 100)
    pdf.text(x, baseline, text)


def _size(height: float, font: _Font) -> float:
    """The font size whose glyphs' height (ascent to descent) is ``height`` points."""
    return max(height / (font.ascent - font.descent), 1.0)


def _line(pdf: FPDF, line: TextLine, scale: float, font: _Font) -> None:
    """The line's words on one baseline and at one size, each filling its box's width, an explicit
    space filling each gap (so every reader finds the word breaks), as OCRmyPDF draws hOCR. A word
    far from the line's height (a rule read as ``|``, a speck) keeps its own box."""
    words = line.words
    height = statistics.median(w.bbox[3] for w in words) * scale
    typical = [abs(w.bbox[3] * scale - height) <= OWN_BOX * height for w in words]
    # Of two words of very different heights neither is typical (the median lies between): use both.
    slope, intercept = _baseline([w for w, t in zip(words, typical) if t] or words, scale)
    for k, word in enumerate(words):
        x, y, w, h = (v * scale for v in word.bbox)
        if typical[k]:
            size = _size(height, font)
            base = slope * (x + w / 2) + intercept + font.descent * size
        else:
            size = _size(h, font)
            base = y + h + font.descent * size
        pdf.set_font(FONT, size=size)
        _show(pdf, word.text, x, base, w)
        if k + 1 < len(words):
            _show(pdf, " ", x + w, base, words[k + 1].bbox[0] * scale - x - w)


def _page(pdf: FPDF, page: Page, image: np.ndarray) -> None:
    scale = POINTS_PER_INCH / page.dpi
    width, height = page.width * scale, page.height * scale
    pdf.add_page(format=(width, height))
    pdf.image(_jpeg(image), x=0, y=0, w=width, h=height)
    pdf.set_font(FONT, size=10)
    font = _Font(pdf.current_font.desc.ascent / 1000, pdf.current_font.desc.descent / 1000)
    pdf.text_mode = TextMode.INVISIBLE
    for region in page.regions:
        for line in region.lines:
            if line.words:
                _line(pdf, line, scale, font)
    pdf.text_mode = TextMode.FILL


def pdf_bytes(document: TelegramDocument, images: Sequence[np.ndarray]) -> bytes:
    """The document's ``<id>.pdf``: ``images[k]`` is page k's scan (BGR, the page's own pixels)."""
    document = within_pages(document)
    pdf = _new_pdf(document)
    for page, image in zip(document.pages, images, strict=True):
        _page(pdf, page, image)
    return bytes(pdf.output())
