"""ALTO 4.4 from the contract document: one ``Page`` per scan page, a ``TextBlock`` per region.

Built with lxml's element factory, so the XML is well formed and escaped by construction; the
structure follows the official schema (a test validates every sample against it). Block types
are ``OtherTag``s labelled with our region type, as eScriptorium and kraken write them, referenced
by ``TAGREFS``. Coordinates are pixels of the page image at the page's dpi; ``WC`` is the word
confidence over 1.
"""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from ocr.contract import Page, Region, Stamp, TelegramDocument, TextLine, TextWord
from ocr.export.content import ink_stamps, is_hyphenated, page_id, region_types, software, within_pages

NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA_LOCATION = "http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

A = ElementMaker(namespace=NAMESPACE, nsmap={None: NAMESPACE, "xsi": XSI})


def _box(bbox: tuple[int, int, int, int]) -> dict[str, str]:
    x, y, w, h = bbox
    return {"HPOS": str(x), "VPOS": str(y), "WIDTH": str(w), "HEIGHT": str(h)}


def _tag_id(kind: str) -> str:
    return f"TYPE_{kind}"


def _processing(document: TelegramDocument) -> list[etree._Element]:
    """One ``Processing`` per provenance step: what ran, with its settings, by which software."""
    name, version = software()
    out = []
    for k, step in enumerate(document.provenance.steps, start=1):
        category = {"tesseract": "contentGeneration", "layout": "postOperation"}.get(step.name, "preOperation")
        tool = f"Tesseract {document.provenance.tesseract_version} ({document.provenance.languages})" \
            if step.name == "tesseract" else f"{name} {step.name}"
        out.append(A.Processing(
            A.processingCategory(category),
            A.processingDateTime(document.provenance.processed_at),
            A.processingStepDescription(step.name),
            A.processingStepSettings(" ".join(f"{key}={value}" for key, value in step.params.items())),
            A.processingSoftware(A.softwareName(name), A.softwareVersion(version), A.applicationDescription(tool)),
            ID=f"PROC_{k}",
        ))
    return out


def _description(document: TelegramDocument) -> etree._Element:
    return A.Description(
        A.MeasurementUnit("pixel"),
        A.sourceImageInformation(A.fileName(document.source.path)),
        *_processing(document),
    )


def _strings(line: TextLine, line_id: str, hyphenated: bool) -> list[etree._Element]:
    """``String``s with ``SP`` between them; a hyphenated line end's hyphen as ``HYP``."""
    out: list[etree._Element] = []
    for k, word in enumerate(line.words):
        if out:
            out.append(A.SP())
        attributes = {"ID": f"{line_id}_w{k + 1}", **_box(word.bbox), "WC": f"{word.confidence / 100:.2f}"}
        last = k == len(line.words) - 1
        if last and hyphenated:
            out += _hyphenated(word, attributes)
        else:
            out.append(A.String(CONTENT=word.text, **attributes))
    return out


def _hyphenated(word: TextWord, attributes: dict[str, str]) -> list[etree._Element]:
    """The word's part before the hyphen as ``String``, the hyphen (its share of the box) as ``HYP``."""
    x, y, w, h = word.bbox
    cut = x + round(w * (len(word.text) - 1) / len(word.text))
    attributes |= {"WIDTH": str(max(1, cut - x))}
    return [A.String(CONTENT=word.text[:-1], SUBS_TYPE="HypPart1", **attributes),
            A.HYP(CONTENT="-", **_box((cut, y, max(1, x + w - cut), h)))]


def _text_block(region: Region, block_id: str, hyphen_at_end: bool) -> etree._Element:
    lines = [line for line in region.lines if line.words]
    block = A.TextBlock(ID=block_id, TAGREFS=_tag_id(region.type), **_box(region.bbox))
    for k, line in enumerate(lines):
        line_id = f"{block_id}_l{k + 1}"
        hyphenated = is_hyphenated(line) and (k < len(lines) - 1 or hyphen_at_end)
        block.append(A.TextLine(*_strings(line, line_id, hyphenated), ID=line_id, **_box(line.bbox)))
    return block


def _illustration(stamp: Stamp, block_id: str) -> etree._Element:
    return A.Illustration(ID=block_id, TYPE=stamp.kind, TAGREFS=_tag_id(stamp.kind), **_box(stamp.bbox))


def _page(page: Page, stamps: list[Stamp]) -> etree._Element:
    pid = page_id(page)
    space = A.PrintSpace(ID=f"{pid}_ps", **_box((0, 0, page.width, page.height)))
    for k, region in enumerate(page.regions):
        # A body region's last line may end in a hyphen that the next body region (the next page's) continues.
        space.append(_text_block(region, f"{pid}_r{k + 1}", hyphen_at_end=region.type == "body"))
    for k, stamp in enumerate(stamps):
        space.append(_illustration(stamp, f"{pid}_s{k + 1}"))
    label = {"PRINTED_IMG_NR": page.page_label or str(page.folio)} if page.page_label or page.folio else {}
    return A.Page(space, ID=pid, PHYSICAL_IMG_NR=str(page.number), WIDTH=str(page.width), HEIGHT=str(page.height), **label)


def alto_tree(document: TelegramDocument) -> etree._Element:
    """The document as an ALTO 4.4 element tree."""
    document = within_pages(document)
    kinds = region_types(document)
    root = A.alto(
        _description(document),
        A.Tags(*[A.OtherTag(ID=_tag_id(kind), LABEL=kind, DESCRIPTION=f"block type {kind}") for kind in kinds]),
        A.Layout(*[_page(page, ink_stamps(document, page.number)) for page in document.pages]),
    )
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    return root


def alto_bytes(document: TelegramDocument) -> bytes:
    """The document's ``<id>.alto.xml``, UTF-8."""
    return etree.tostring(alto_tree(document), xml_declaration=True, encoding="UTF-8", pretty_print=True)
