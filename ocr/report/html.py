"""Self-contained HTML reports: one page per document (``<id>.diff.html``) and a batch index.

Everything is inline — CSS, a little JavaScript, the scans as base64 JPEG downscaled to
:data:`IMAGE_WIDTH` pixels — so a report opens offline and can be mailed as one file.

In the document report each page shows the scan beside the OCR text and the transcription, aligned
grapheme by grapheme (:mod:`ocr.compare.align`, NFC only, so the marks sit on the text as read):
``<span class="ins">`` OCR text absent from the transcription, ``<span class="del">`` transcription
text the OCR missed, ``<span class="sub">`` substituted text, ``<span class="lowconf">`` OCR
words below :data:`LOW_CONFIDENCE`. Clicking a word or a field row outlines its box on the scan
(``div.highlight``, placed in percentages of the image, so it follows any CSS scaling).
"""

from __future__ import annotations

import base64
import bisect
import html
import io
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from ocr.compare.align import Alignment, align_graphemes
from ocr.compare.metrics import character_error_rate, graphemes
from ocr.compare.normalise import PROFILES, normalise
from ocr.contract import BBox
from ocr.lines import Word

__all__ = [
    "FieldRow", "IndexRow", "OmittedSpan", "PageEntry", "Rates", "ReportData",
    "render_document_report", "render_index",
]

IMAGE_WIDTH = 1000
"""Width in pixels the scans are downscaled to (never upscaled) before embedding."""
JPEG_QUALITY = 80
LOW_CONFIDENCE = 60.0
"""Tesseract word confidence (0–100) under which a word is marked ``lowconf``."""


@dataclass(frozen=True)
class Rates:
    """CER and WER of the body under one normalisation profile; None when not computed."""

    cer: float | None
    wer: float | None


@dataclass(frozen=True)
class PageEntry:
    """One page: its scan (uint8 array, grey or RGB, or an image file), OCR words with boxes in
    that image's pixels, the OCR text, and the transcription of the page if there is one."""

    number: int
    image: np.ndarray | Path | str | None
    words: Sequence[Word]
    ocr_text: str
    reference_text: str | None = None


@dataclass(frozen=True)
class FieldRow:
    """A header/footer field as the transcription has it and as the OCR found it; ``page`` and
    ``bbox`` (pixels of that page's image) locate it on the scan when known."""

    field: str
    expected: str | None
    found: str | None
    match: bool
    page: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True)
class OmittedSpan:
    """Text left out of the record (e.g. of the body), with why and where."""

    text: str
    reason: str
    page: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True)
class ReportData:
    """Everything one document's report shows. ``rates`` maps a profile name of
    :data:`ocr.compare.normalise.PROFILES` to the body's CER and WER under it."""

    document_id: str
    rates: Mapping[str, Rates]
    pages: Sequence[PageEntry]
    fields: Sequence[FieldRow] = ()
    warnings: Sequence[str] = ()
    omitted: Sequence[OmittedSpan] = ()


@dataclass(frozen=True)
class IndexRow:
    """One document of a batch in ``index.html``; ``report_href`` links its report."""

    document_id: str
    cer: float | None = None
    wer: float | None = None
    field_accuracy: float | None = None  # matching fields / fields compared, 0..1
    warnings: Sequence[str] = field(default=())
    report_href: str | None = None
    reference_characters: int | None = None  # the CER's weight in the batch's micro average


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}th.sortable{cursor:pointer}th.sortable:after{content:" \\2195";color:#999}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.ok td.match{color:#17632a}tr.bad td.match{color:#a11}
tr[data-box]{cursor:pointer}
.page{display:grid;grid-template-columns:minmax(0,1.1fr) minmax(0,1fr) minmax(0,1fr);gap:1em}
.scan{position:sticky;top:0;align-self:start}
.scan img{display:block;width:100%;height:auto;border:1px solid #bbb}
.highlight{position:absolute;border:2px solid #e00;background:rgba(255,0,0,.12);pointer-events:none}
.text{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:13px;margin:0}
.w{cursor:pointer}.w.selected,tr.selected{outline:2px solid #e00}
.ins{background:#cdeccd}.del{background:#f6c8c8;text-decoration:line-through}
.sub{background:#fde7a6}.lowconf{border-bottom:2px dotted #c60}
.legend span{padding:0 .4em;margin-right:.5em}
.warn{color:#a11}
"""

_DOCUMENT_JS = """
document.addEventListener('click', function (event) {
  var el = event.target.closest ? event.target.closest('[data-box]') : null;
  if (!el) return;
  var scan = document.getElementById('scan-' + el.getAttribute('data-page'));
  if (!scan) return;
  var box = el.getAttribute('data-box').split(',').map(Number);
  var width = Number(scan.getAttribute('data-width')), height = Number(scan.getAttribute('data-height'));
  if (box.length !== 4 || !(width > 0) || !(height > 0)) return;
  var mark = scan.querySelector('.highlight');
  mark.style.left = (100 * box[0] / width) + '%';
  mark.style.top = (100 * box[1] / height) + '%';
  mark.style.width = (100 * box[2] / width) + '%';
  mark.style.height = (100 * box[3] / height) + '%';
  mark.hidden = false;
  var previous = document.querySelectorAll('.selected');
  for (var i = 0; i < previous.length; i++) previous[i].classList.remove('selected');
  el.classList.add('selected');
  if (mark.scrollIntoView) mark.scrollIntoView({block: 'nearest'});
});
"""

_INDEX_JS = """
document.addEventListener('click', function (event) {
  var th = event.target.closest ? event.target.closest('th.sortable') : null;
  if (!th) return;
  var table = th.closest('table'), body = table.tBodies[0];
  var column = Array.prototype.indexOf.call(th.parentNode.children, th);
  var ascending = th.getAttribute('data-order') !== 'asc';
  var headers = th.parentNode.children;
  for (var i = 0; i < headers.length; i++) headers[i].removeAttribute('data-order');
  th.setAttribute('data-order', ascending ? 'asc' : 'desc');
  function key(row) {
    var cell = row.cells[column], value = cell.getAttribute('data-value');
    return value === null ? cell.textContent.trim() : value;
  }
  function compare(a, b) {
    var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
    if (x === '' || y === '') return x === y ? 0 : (x === '' ? 1 : -1);  // blanks last
    var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
    return ascending ? order : -order;
  }
  Array.prototype.slice.call(body.rows).sort(compare).forEach(function (row) { body.appendChild(row); });
});
"""


def _page_html(title: str, body: str, script: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>"
        f"<body>{body}<script>{script}</script></body></html>\n"
    )


def _format_rate(rate: float | None) -> str:
    if rate is None:
        return "—"
    return "∞" if math.isinf(rate) else f"{rate:.2%}"


def _load_image(image: np.ndarray | Path | str) -> Image.Image:
    if isinstance(image, np.ndarray):
        return Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8))
    with Image.open(image) as opened:
        return opened.copy() if opened.mode in ("L", "RGB") else opened.convert("RGB")


def image_data_uri(image: np.ndarray | Path | str, width: int = IMAGE_WIDTH) -> tuple[str, int, int]:
    """``(data: URI of a JPEG at most ``width`` pixels wide, original width, original height)``.

    Arrays are taken as grey (2-D) or RGB (3-D; convert OpenCV's BGR first).
    """
    picture = _load_image(image)
    original = picture.size
    if picture.width > width:
        picture = picture.resize((width, round(picture.height * width / picture.width)), Image.LANCZOS)
    buffer = io.BytesIO()
    picture.convert("L" if picture.mode == "L" else "RGB").save(buffer, "JPEG", quality=JPEG_QUALITY)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"), *original


def _box_attributes(page: int | None, bbox: BBox | None) -> str:
    if page is None or bbox is None:
        return ""
    return f' data-page="{page}" data-box="{",".join(str(int(v)) for v in bbox)}"'


def _word_spans(text: str, words: Sequence[Word]) -> list[tuple[int, int, Word]]:
    """Character spans of the OCR words in the page text, found in reading order (words the text
    does not contain, e.g. dropped by layout analysis, are skipped)."""
    spans, cursor = [], 0
    for word in words:
        word_text = normalise(word.text)  # the page text is NFC (strict profile) too
        start = text.find(word_text, cursor) if word_text else -1
        if start >= 0:
            spans.append((start, start + len(word_text), word))
            cursor = start + len(word_text)
    return spans


def _cluster_words(clusters: Sequence[str], spans: list[tuple[int, int, Word]]) -> list[int | None]:
    """For each grapheme cluster, the index into ``spans`` of the word it belongs to, if any."""
    starts = list(itertools.accumulate((len(c) for c in clusters), initial=0))
    owner: list[int | None] = [None] * len(clusters)
    for index, (start, end, _) in enumerate(spans):
        for cluster in range(bisect.bisect_right(starts, start) - 1, bisect.bisect_left(starts, end)):
            owner[cluster] = index
    return owner


def _cluster_marks(alignment: Alignment) -> tuple[list[str], list[str]]:
    """CSS class of every reference and every hypothesis cluster ('' when equal)."""
    ref_marks, hyp_marks = [""] * len(alignment.reference), [""] * len(alignment.hypothesis)
    for op in alignment.opcodes:
        if op.tag != "equal":
            replaced = op.tag == "replace"
            ref_marks[op.ref_start:op.ref_end] = ["sub" if replaced else "del"] * (op.ref_end - op.ref_start)
            hyp_marks[op.hyp_start:op.hyp_end] = ["sub" if replaced else "ins"] * (op.hyp_end - op.hyp_start)
    return ref_marks, hyp_marks


def _marked_text(clusters: Sequence[str], marks: Sequence[str]) -> str:
    """The clusters, escaped, with each run of one mark wrapped in ``<span class=mark>``."""
    out = []
    for mark, run in itertools.groupby(zip(clusters, marks, strict=True), key=lambda pair: pair[1]):
        text = html.escape("".join(cluster for cluster, _ in run))
        out.append(f'<span class="{mark}">{text}</span>' if mark else text)
    return "".join(out)


def _ocr_text_html(page: PageEntry, clusters: Sequence[str], marks: Sequence[str]) -> str:
    """The OCR text with alignment marks, each located word a clickable ``span.w``."""
    spans = _word_spans("".join(clusters), page.words)
    owner = _cluster_words(clusters, spans)
    out = []
    for index, run in itertools.groupby(range(len(clusters)), key=owner.__getitem__):
        members = list(run)
        inner = _marked_text(clusters[members[0]:members[-1] + 1], marks[members[0]:members[-1] + 1])
        if index is None:
            out.append(inner)
            continue
        word = spans[index][2]
        low = " lowconf" if word.confidence < LOW_CONFIDENCE else ""
        out.append(
            f'<span class="w{low}"{_box_attributes(page.number, word.bbox)} '
            f'title="confidence {word.confidence:.0f}">{inner}</span>'
        )
    return "".join(out)


def _scan_html(page: PageEntry) -> str:
    if page.image is None:
        return '<div class="scan"><p>(no scan)</p></div>'
    uri, width, height = image_data_uri(page.image)
    return (
        f'<div class="scan" id="scan-{page.number}" data-width="{width}" data-height="{height}">'
        f'<img src="{uri}" alt="scan of page {page.number}"><div class="highlight" hidden></div></div>'
    )


def _page_section(page: PageEntry) -> str:
    clusters = graphemes(page.ocr_text)
    if page.reference_text is None:
        ocr_marks, reference = [""] * len(clusters), "<p>(no transcription of this page)</p>"
        score = ""
    else:
        alignment = align_graphemes(page.reference_text, page.ocr_text)
        ref_marks, ocr_marks = _cluster_marks(alignment)
        reference = f'<pre class="text">{_marked_text(alignment.reference, ref_marks)}</pre>'
        score = f" — CER {_format_rate(character_error_rate(page.reference_text, page.ocr_text))}"
    return (
        f'<section id="page-{page.number}"><h2>Page {page.number}{score}</h2><div class="page">'
        f"{_scan_html(page)}"
        f'<div><h3>OCR</h3><pre class="text">{_ocr_text_html(page, clusters, ocr_marks)}</pre></div>'
        f"<div><h3>Transcription</h3>{reference}</div></div></section>"
    )


def _rates_table(rates: Mapping[str, Rates]) -> str:
    rows = "".join(
        f'<tr><td>{html.escape(name)}</td><td class="num">{_format_rate(r.cer)}</td>'
        f'<td class="num">{_format_rate(r.wer)}</td><td>{_rules(name)}</td></tr>'
        for name, r in rates.items()
    )
    return f"<table><tr><th>normalisation</th><th>CER</th><th>WER</th><th>rules</th></tr>{rows}</table>"


def _rules(profile: str) -> str:
    rules = PROFILES[profile].rules if profile in PROFILES else ()
    return "; ".join(html.escape(rule.description) for rule in rules)


def _optional(text: str | None) -> str:
    return "—" if text is None else html.escape(text)


def _fields_table(fields: Sequence[FieldRow]) -> str:
    if not fields:
        return "<p>No fields compared.</p>"
    rows = "".join(
        f'<tr class="{"ok" if row.match else "bad"}"{_box_attributes(row.page, row.bbox)}>'
        f"<td>{html.escape(row.field)}</td><td>{_optional(row.expected)}</td><td>{_optional(row.found)}</td>"
        f'<td class="match">{"✓" if row.match else "✗"}</td></tr>'
        for row in fields
    )
    return f"<table><tr><th>field</th><th>expected</th><th>found</th><th>match</th></tr>{rows}</table>"


def _omitted_list(omitted: Sequence[OmittedSpan]) -> str:
    if not omitted:
        return "<p>None.</p>"
    rows = "".join(
        f"<tr{_box_attributes(span.page, span.bbox)}><td>{'—' if span.page is None else span.page}</td>"
        f'<td>{html.escape(span.reason)}</td><td><pre class="text">{html.escape(span.text)}</pre></td></tr>'
        for span in omitted
    )
    return f"<table><tr><th>page</th><th>why</th><th>text</th></tr>{rows}</table>"


def _warnings_list(warnings: Sequence[str]) -> str:
    if not warnings:
        return "<p>None.</p>"
    return "<ul>" + "".join(f'<li class="warn">{html.escape(w)}</li>' for w in warnings) + "</ul>"


_LEGEND = (
    '<p class="legend"><span class="ins">inserted by OCR</span><span class="del">missed by OCR</span>'
    '<span class="sub">substituted</span><span class="lowconf">low confidence</span>'
    " Click a word or a field to outline it on the scan.</p>"
)


def render_document_report(data: ReportData) -> str:
    """The report of one document as a complete, self-contained HTML page."""
    body = (
        f"<h1>{html.escape(data.document_id)}</h1>"
        f"<h2>Error rates of the body</h2>{_rates_table(data.rates)}"
        f"<h2>Fields</h2>{_fields_table(data.fields)}"
        f"<h2>Warnings</h2>{_warnings_list(data.warnings)}"
        f"<h2>Omitted text</h2>{_omitted_list(data.omitted)}"
        f"{_LEGEND}{''.join(_page_section(page) for page in data.pages)}"
    )
    return _page_html(f"{data.document_id} — OCR report", body, _DOCUMENT_JS)


def _number_cell(value: float | None, shown: str) -> str:
    # data-value is what the sort compares: the number itself, blank for none (sorted last).
    sort_key = "" if value is None else ("1e308" if math.isinf(value) else repr(value))
    return f'<td class="num" data-value="{sort_key}">{shown}</td>'


def _index_row(row: IndexRow) -> str:
    name = html.escape(row.document_id)
    link = f'<a href="{html.escape(row.report_href)}">{name}</a>' if row.report_href else name
    accuracy = None if row.field_accuracy is None else f"{row.field_accuracy:.0%}"
    warnings = html.escape("; ".join(row.warnings))
    return (
        f"<tr><td data-value=\"{name}\">{link}</td>"
        f"{_number_cell(row.cer, _format_rate(row.cer))}{_number_cell(row.wer, _format_rate(row.wer))}"
        f"{_number_cell(row.field_accuracy, _optional(accuracy))}"
        f'{_number_cell(len(row.warnings), str(len(row.warnings)))}<td class="warn">{warnings}</td></tr>'
    )


def _batch_rates(rows: Sequence[IndexRow]) -> str:
    """The batch's CER two ways, saying which is which."""
    compared = [r for r in rows if r.cer is not None and r.reference_characters]
    if not compared:
        return ""
    micro = sum(r.cer * r.reference_characters for r in compared) / sum(r.reference_characters for r in compared)
    macro = sum(r.cer for r in compared) / len(compared)
    return (f'<p class="batch-rates">Batch CER over {len(compared)} transcribed documents: '
            f"<b>{micro:.4f}</b> micro-averaged (all errors over all reference characters, so long documents weigh more); "
            f"<b>{macro:.4f}</b> macro-averaged (the mean of the documents' CERs).</p>")


def render_index(rows: Sequence[IndexRow]) -> str:
    """``index.html`` of a batch: one row per document, sortable by clicking a column header."""
    headers = "".join(
        f'<th class="sortable">{name}</th>' for name in ("document", "CER", "WER", "fields", "warnings")
    )
    table = (
        f"<table><thead><tr>{headers}<th>warning text</th></tr></thead>"
        f"<tbody>{''.join(_index_row(row) for row in rows)}</tbody></table>"
    )
    body = f"<h1>OCR batch report</h1><p>{len(rows)} documents.</p>{_batch_rates(rows)}{table}"
    return _page_html("OCR batch report", body, _INDEX_JS)
