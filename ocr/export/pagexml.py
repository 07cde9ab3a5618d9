"""PAGE XML 2019-07-15 from the contract document: one ``PcGts`` per scan page (PAGE holds one page a file).

Regions are typed with PAGE's own text types where one fits and keep ours in ``custom``
(``structure {type:routing;}``, the convention Transkribus reads); ``ReadingOrder`` is ours; each
line and word has ``Coords`` and ``TextEquiv`` with ``conf`` over 1. Colour ink stamps are
``GraphicRegion``s of type ``stamp`` holding a ``TextRegion`` with what was read on them, left out
of the reading order as they are of the page's text. Built with lxml's element factory.
"""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from ocr.contract import Page, Region, Stamp, TelegramDocument, TextLine, TextWord
from ocr.export.content import ink_stamps, page_id, software, within_pages

NAMESPACE = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
SCHEMA_LOCATION = f"{NAMESPACE} {NAMESPACE}/pagecontent.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

P = ElementMaker(namespace=NAMESPACE, nsmap={None: NAMESPACE, "xsi": XSI})

# Our region types → PAGE's TextTypeSimpleType; the rest are "other" (ours is always in ``custom``).
TEXT_TYPES = {
    "body": "paragraph",
    "form_title": "heading",
    "registration": "marginalia",
    "handwritten": "marginalia",
    "folio": "page-number",
    "signature": "signature-mark",
    "footer": "footer",
    "continuation": "header",
    "classification": "header",
    "handling": "header",
    "priority": "header",
    "routing": "header",
    "reference": "header",
    "special_number": "header",
    "addressee": "header",
}


def _coords(bbox: tuple[int, int, int, int]) -> etree._Element:
    x, y, w, h = bbox
    return P.Coords(points=f"{x},{y} {x + w},{y} {x + w},{y + h} {x},{y + h}")


def _equiv(text: str, confidence: float) -> etree._Element:
    return P.TextEquiv(P.Unicode(text), conf=f"{confidence / 100:.2f}")


def _word(word: TextWord, word_id: str) -> etree._Element:
    return P.Word(_coords(word.bbox), _equiv(word.text, word.confidence), id=word_id)


def _line(line: TextLine, line_id: str) -> etree._Element:
    words = [_word(w, f"{line_id}_w{k + 1}") for k, w in enumerate(line.words)]
    return P.TextLine(_coords(line.bbox), *words, _equiv(line.text, line.confidence), id=line_id)


def _text_region(region: Region, region_id: str) -> etree._Element:
    lines = [_line(line, f"{region_id}_l{k + 1}") for k, line in enumerate(region.lines)]
    return P.TextRegion(_coords(region.bbox), *lines, _equiv(region.text, region.confidence), id=region_id,
                        type=TEXT_TYPES.get(region.type, "other"), custom=f"structure {{type:{region.type};}}")


def _stamp(stamp: Stamp, stamp_id: str) -> etree._Element:
    inner = P.TextRegion(_coords(stamp.bbox), _equiv(stamp.text, stamp.confidence), id=f"{stamp_id}_text",
                         type="other", custom=f"structure {{type:{stamp.kind};}}")
    return P.GraphicRegion(_coords(stamp.bbox), inner, id=stamp_id, type="stamp",
                           custom=f"structure {{type:{stamp.kind};}}")


def _reading_order(region_ids: list[str], pid: str) -> list[etree._Element]:
    if not region_ids:
        return []
    refs = [P.RegionRefIndexed(index=str(k), regionRef=rid) for k, rid in enumerate(region_ids)]
    return [P.ReadingOrder(P.OrderedGroup(*refs, id=f"{pid}_ro"))]


def _metadata(document: TelegramDocument) -> etree._Element:
    name, version = software()
    made = document.provenance.processed_at
    items = [P.MetadataItem(type="processingStep", name=step.name,
                            value=" ".join(f"{k}={v}" for k, v in step.params.items()) or step.name)
             for step in document.provenance.steps]
    comment = f"Tesseract {document.provenance.tesseract_version} ({document.provenance.languages})"
    return P.Metadata(P.Creator(f"{name} {version}"), P.Created(made), P.LastChange(made), P.Comments(comment), *items)


def image_name(document: TelegramDocument, page: Page) -> str:
    """The scan the page's pixels come from: the file, with ``#page=N`` when it holds several pages or is a PDF."""
    path = document.source.path
    several = document.source.page_count > 1 or path.lower().endswith(".pdf")
    return f"{path}#page={page.number}" if several else path


def page_tree(document: TelegramDocument, page: Page) -> etree._Element:
    """One page of the document as a PAGE 2019-07-15 element tree."""
    document = within_pages(document)
    page = next(p for p in document.pages if p.number == page.number)
    pid = page_id(page)
    ids = [f"{pid}_r{k + 1}" for k in range(len(page.regions))]
    regions = [_text_region(region, rid) for region, rid in zip(page.regions, ids)]
    stamps = [_stamp(stamp, f"{pid}_s{k + 1}") for k, stamp in enumerate(ink_stamps(document, page.number))]
    body = P.Page(*_reading_order(ids, pid), *regions, *stamps, imageFilename=image_name(document, page),
                  imageWidth=str(page.width), imageHeight=str(page.height))
    root = P.PcGts(_metadata(document), body, pcGtsId=f"pc-{document.document_id}-{pid}")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    return root


def page_bytes(document: TelegramDocument, page: Page) -> bytes:
    """One page's PAGE XML, UTF-8."""
    return etree.tostring(page_tree(document, page), xml_declaration=True, encoding="UTF-8", pretty_print=True)
