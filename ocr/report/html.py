"""Self-contained HTML reports: one page per document (``<id>.diff.html``) and a batch index.

Rendered from the packaged Jinja2 templates in ``templates/`` with autoescaping on, so no text of
a scanned page, a transcription or a file name can inject markup, and ``StrictUndefined``, so a
misspelt name in a template fails loudly instead of showing a blank. Everything is inline — CSS, a
little JavaScript, the scans as downscaled JPEG (:mod:`ocr.report.image`) — so a report opens
offline and can be mailed as one file.

In the document report each page shows the scan beside the OCR text and the transcription:
``<span class="ins">`` OCR text absent from the transcription, ``<span class="del">`` transcription
text the OCR missed, ``<span class="sub">`` substituted text (:mod:`ocr.report.marks`),
``<span class="lowconf">`` OCR words below :data:`ocr.settings.LOW_CONFIDENCE`. Clicking a word or
a field row outlines its box on the scan (``div.highlight``, placed in percentages of the image,
so it follows any CSS scaling).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, TemplateNotFound

from ocr.errors import MissingDependencyError
from ocr.report.index_view import index_view
from ocr.report.model import IndexRow, ReportData
from ocr.report.view import document_view

__all__ = ["render_document_report", "render_index"]


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("ocr.report", "templates"), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def _template(name: str) -> Template:
    try:
        return _environment().get_template(name)
    except (TemplateNotFound, ValueError) as exc:  # ValueError: PackageLoader found no templates folder
        raise MissingDependencyError(
            f"the report template {name} is not installed: {exc}",
            "reinstall telegrams (pip install .): the templates ship as package data of ocr.report",
        ) from exc


def render_document_report(data: ReportData) -> str:
    """The report of one document as a complete, self-contained HTML page."""
    return _template("document.html.j2").render(view=document_view(data))


def render_index(rows: Sequence[IndexRow]) -> str:
    """``index.html`` of a batch: one row per document, sortable by clicking a column header."""
    return _template("index.html.j2").render(view=index_view(rows))
