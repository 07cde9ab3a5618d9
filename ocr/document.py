"""One document from its pages' results: the contract document with quality, warnings and provenance.

Cheap and independent of where the pages were read; nothing here knows about Prefect.
"""

from __future__ import annotations

import collections
import json
import logging
import statistics
from datetime import UTC, datetime
from pathlib import Path

from ocr import __version__, assemble, footer, layout, logs
from ocr.contract import Page, Provenance, Quality, Stamp, Step, TelegramDocument, TelegramRecord
from ocr.correct.pages import correct_pages
from ocr.fields import backs
from ocr.lines import Line, Role
from ocr.load import DocumentInput, open_document
from ocr.page import PageResult, process_page
from ocr.routing import SHORTEST_NUMBER
from ocr.settings import LOW_CONFIDENCE, Settings

log = logging.getLogger(__name__)

# Typed or printed marks that the contract also lists among ``stamps``, by their kind there.
_MARK_KINDS = {
    Role.CLASSIFICATION: "classification",
    Role.HANDLING: "handling",
    Role.PRIORITY: "priority",
    Role.REGISTRATION: "registration",
    Role.FOLIO: "folio",
}

def _mark_stamps(lines: list[Line]) -> list[Stamp]:
    return [
        Stamp(kind=_MARK_KINDS[line.role], text=line.text, page=line.page, bbox=line.bbox,
              confidence=round(line.confidence or 0.0, 2))
        for line in lines if line.role in _MARK_KINDS and line.bbox
    ]

def _page(result: PageResult, document_copy: int | None) -> Page:
    found = assemble.page_fields(result.lines, document_copy)
    return Page(
        number=result.number,
        folio=found.folio,
        page_label=found.page_label,
        telegram_number=found.telegram_number,
        copy_number=found.copy_number,
        text=layout.page_text(result.lines),
        width=result.width,
        height=result.height,
        dpi=result.dpi,
        skew_deg=result.skew_deg,
        rotation=result.rotation,
        rotation_confidence=result.rotation_confidence,
        mean_confidence=result.mean_confidence,
        regions=layout.regions(result.lines),
    )

def _warnings(pages: list[PageResult], doc_type: str) -> list[str]:
    notes = []
    for page in pages:
        if not page.words:
            notes.append(f"page {page.number}: no text found")
        elif page.mean_confidence < LOW_CONFIDENCE:
            notes.append(f"page {page.number}: low mean confidence {page.mean_confidence:.0f}")
        if page.rotation:
            notes.append(f"page {page.number}: turned {page.rotation}° to read it")
    if doc_type != "cipher_telegram":
        notes.append("no form title or routing line found: not read as a cipher telegram")
    return notes

def _quality(pages: list[PageResult], doc_type: str) -> Quality:
    words = [w for page in pages for w in page.words]
    return Quality(
        mean_confidence=round(statistics.fmean(w.confidence for w in words), 2) if words else 0.0,
        low_confidence_words=sum(1 for w in words if w.confidence < LOW_CONFIDENCE),
        warnings=_warnings(pages, doc_type),
    )

def _json_safe(params: dict) -> dict:
    return json.loads(json.dumps(params, default=float))

def _provenance(pages: list[PageResult], settings: Settings) -> Provenance:
    steps = [Step(name=name, params=_json_safe(params)) for name, params in (pages[0].steps if pages else [])]
    steps += [Step(name="tesseract", params=_json_safe(settings.ocr.params())), Step(name="layout", params={})]
    return Provenance(
        pipeline_version=__version__,
        tesseract_version=", ".join(sorted({p.tesseract_version for p in pages})) or None,
        languages=settings.ocr.lang,
        steps=steps,
        settings_hash=settings.fingerprint(),
        processed_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )

def infer_folios(pages: list[Page]) -> tuple[list[Page], list[str]]:
    """Folios not read filled, and one read with a figure too many put right, where the folios read agree with one
    numbering of the sheets; a warning for each folio given.

    Archive sheets are numbered consecutively, so with the folios read all ``first + page index`` (one read
    is one such numbering: a heavy scan's stamp is read on one sheet of a telegram and lost on the rest), a
    missing one is certain enough to give, and each is reported. Where two read agree and a third is their
    numbering's folio with one figure more (``1270`` beside ``271``, ``272``: a speck read as a figure), it is that.
    """
    read = {k: p.folio for k, p in enumerate(pages) if p.folio is not None}
    offsets = collections.Counter(folio - k for k, folio in read.items())
    offset, agreeing = offsets.most_common(1)[0] if offsets else (0, 0)
    odd = {k: folio for k, folio in read.items() if folio - k != offset}
    if len(odd) == 1 and agreeing >= 2 and all(one_more(str(folio), str(offset + k)) for k, folio in odd.items()):
        read = {k: offset + k for k in read}
    elif odd:
        return pages, []
    if not read or offset < 1:
        return pages, []
    filled = [p.model_copy(update={"folio": offset + k}) for k, p in enumerate(pages)]
    return filled, [f"page {p.number}: folio not read, {p.folio} inferred from the other pages' folios" if old.folio is None
                    else f"page {p.number}: folio read {old.folio}, {p.folio} from the other pages' folios"
                    for p, old in zip(filled, pages) if p.folio != old.folio]


def one_more(read: str, value: str) -> bool:
    """Whether ``read`` is ``value`` with one character more (a speck or a blank's dot read as a digit: ``80975``
    for ``8075``)."""
    return len(read) == len(value) + 1 and any(read[:k] + read[k + 1:] == value for k in range(len(read)))


def as_pages_read(own: str | None, later: list[str | None], shortest: int = 1) -> str | None:
    """A value typed on page 1 and again atop every later page (the telegram number, the copy number): the
    later pages' reading where they all agree on one (``shortest`` characters at least: a speck read as a digit
    or two is no telegram number) and page 1's is missing, is theirs with one character more (a speck or a
    blank's dot read as a digit: ``80975`` for ``8075``), or is theirs with a figure a slashed or dotted zero reads
    as for a 0 (:func:`ocr.fields.backs`: ``19`` for ``10``); page 1's otherwise. A later page's reading that is
    another's with one character more is that one (``72780`` on page 3, ``7780`` on page 2, page 1's lost)."""
    read = {value for value in later if value}
    read = {value for value in read if not any(one_more(value, other) for other in read)}
    theirs = read.pop() if len(read) == 1 else ""
    if len(theirs) < shortest:
        return own
    extra = own is not None and one_more(own, theirs)
    zeros = own is not None and own != theirs and backs(own, theirs)
    return theirs if own is None or extra or zeros else own


def _as_pages_read(record: TelegramRecord, later: list[assemble.PageFields]) -> TelegramRecord:
    """The record with its telegram and copy numbers as the later pages' headers read them (:func:`as_pages_read`)."""
    header = record.header
    number = as_pages_read(header.telegram_number, [p.telegram_number for p in later], SHORTEST_NUMBER)
    copy = as_pages_read(str(header.copy_number) if header.copy_number is not None else None,
                         [str(p.copy_number) if p.copy_number is not None else None for p in later])
    update = {"telegram_number": number, "copy_number": int(copy) if copy else None}
    return record.model_copy(update={"header": header.model_copy(update=update)})


# The values page 1's header gives that every later page's header repeats.
_REPEATED = ("telegram_number", "copy_number")


def infer_continuations(pages: list[Page], number: str | None, copy: int | None,
                        form: bool = False) -> tuple[list[Page], list[str]]:
    """Put right what OCR missed or misread in the later pages' headers, field by field, when most of the
    values read there follow the form: the k-th page is labelled ``k.`` and repeats page 1's telegram
    number and copy number (page 1's own reading of those two counted among them: a third page's misread number
    is put right where page 1 and page 2 agree). Each value given so is reported; with values read otherwise nothing is
    invented. ``form``: the document was read as a cipher telegram, whose every later page's header carries all three:
    a field no later page's reading gives (a faint header lost on every one) is then given as the form has it.
    """
    later = pages[1:]
    expected = {"page_label": lambda p: f"{p.number}.", "telegram_number": lambda p: number, "copy_number": lambda p: copy}
    agreeing = {name: [getattr(p, name) == want(p) for p in later if getattr(p, name) is not None] for name, want in expected.items()}
    for name in _REPEATED:  # page 1's own reading counts among them where its header holds the value (no label)
        agreeing[name] += [True] if agreeing[name] else []
    fill = [name for name, agree in agreeing.items() if expected[name](pages[0]) is not None
            and (sum(agree) > len(agree) / 2 or form and not agree)]
    filled, notes = pages[:1], []
    for page in later:
        changed = {name: expected[name](page) for name in fill if getattr(page, name) != expected[name](page)}
        notes += [f"page {page.number}: {name.replace('_', ' ')} {getattr(page, name) or 'not read'}, {value!r} inferred from "
                  "the other pages" for name, value in changed.items()]
        filled.append(page.model_copy(update=changed))
    return filled, notes


def assemble_document(document: DocumentInput, pages: list[PageResult], settings: Settings = Settings()) -> TelegramDocument:
    """The contract document from its pages' results (in any order)."""
    pages, corrections = correct_pages(sorted(pages, key=lambda p: p.number), settings)
    lines = [line for page in pages for line in page.lines]
    record = assemble.record([page.lines for page in pages])
    record = _as_pages_read(record, [assemble.page_fields(page.lines, None) for page in pages[1:]])
    contract_pages, inferred = infer_folios([_page(page, record.header.copy_number) for page in pages])
    contract_pages, continuations = infer_continuations(contract_pages, record.header.telegram_number,
                                                        record.header.copy_number, record.doc_type == "cipher_telegram")
    quality = _quality(pages, record.doc_type)
    quality.warnings += inferred
    quality.warnings += continuations
    quality.warnings += footer.unclear_marks(lines)
    for warning in quality.warnings:
        log.info("%s", warning)  # recorded in quality.warnings; -v shows them as they come
    return TelegramDocument(
        **record.model_dump(exclude={"stamps"}),
        stamps=[s for page in pages for s in page.stamps] + _mark_stamps(lines),
        document_id=document.document_id,
        source=document.source,
        pages=contract_pages,
        quality=quality,
        provenance=_provenance(pages, settings),
        field_evidence=assemble.evidence(lines),
        corrections=corrections,
    )

def process_document(path: Path, settings: Settings = Settings(), debug_dir: Path | None = None) -> TelegramDocument:
    """The whole pipeline for one document, page after page, in this process."""
    document = open_document(path)
    pages = []
    for ref in document.pages:
        with logs.about(document.document_id, ref.number):
            pages.append(process_page(ref, settings, debug_dir))
    with logs.about(document.document_id):
        return assemble_document(document, pages, settings)
