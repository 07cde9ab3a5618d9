"""ALTO and PAGE exports: valid against the official schemas, holding the document's text word for word,
and read by dinglehopper to the same CER as our own diff.

The documents are real pipeline output recorded once (``resources/exports/README.md``), replayed here.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from ocr.batch.folder import OutputFolder
from ocr.compare import diff, metrics
from ocr.compare.normalise import collapse_whitespace
from ocr.compare.references import read_reference
from ocr.errors import InputError
from ocr.export import alto, pagexml
from ocr.export.write import exports_present, parse_formats, write_exports
from ocr.load import open_document
from tests.conftest import ROOT
from tests.export.recorded import DOCUMENTS, RESOURCES, SAMPLES, document
from tests.export.recorded import document_id as _id

XSD = ROOT.parent / "shared" / "xsd"
ALTO_NS = {"a": alto.NAMESPACE}
PAGE_NS = {"p": pagexml.NAMESPACE}


@cache
@cache
def schema(name: str) -> etree.XMLSchema:
    if not (XSD / name).exists():
        pytest.skip(f"the official schemas are not beside the checkout ({XSD})")
    return etree.XMLSchema(etree.parse(str(XSD / name)))


def test_every_sample_and_benchmark_document_is_recorded():
    assert len(SAMPLES) == 3 and len(DOCUMENTS) >= 9


@pytest.mark.parametrize("path", DOCUMENTS, ids=_id)
def test_alto_and_page_validate_against_the_official_schemas(path):
    doc = document(path)
    alto_xsd, page_xsd = schema("alto-4-4.offline.xsd"), schema("pagecontent-2019-07-15.xsd")
    assert alto_xsd.validate(etree.fromstring(alto.alto_bytes(doc))), alto_xsd.error_log
    for page in doc.pages:
        assert page_xsd.validate(etree.fromstring(pagexml.page_bytes(doc, page))), page_xsd.error_log


def _alto_page_text(page: etree._Element, hyphens: bool = True) -> str:
    """A page's text as ALTO means it: Strings with SP between, a line's HYP at its end (unless not ``hyphens``)."""
    kept = ("String", "SP", "HYP") if hyphens else ("String", "SP")
    lines = []
    for line in page.iterfind(".//a:TextLine", ALTO_NS):
        parts = [e.get("CONTENT") if etree.QName(e).localname != "SP" else " " for e in line
                 if etree.QName(e).localname in kept]
        lines.append("".join(parts))
    return "\n".join(lines)


@pytest.mark.parametrize("path", DOCUMENTS, ids=_id)
def test_alto_and_page_hold_each_page_text_word_for_word(path):
    doc = document(path)
    root = etree.fromstring(alto.alto_bytes(doc))
    for page, element in zip(doc.pages, root.iterfind(".//a:Page", ALTO_NS), strict=True):
        assert collapse_whitespace(_alto_page_text(element)) == collapse_whitespace(page.text)
        assert [int(element.get(k)) for k in ("WIDTH", "HEIGHT")] == [page.width, page.height]
        regions = etree.fromstring(pagexml.page_bytes(doc, page)).iterfind("p:Page/p:TextRegion", PAGE_NS)
        lines = [line.findtext("p:TextEquiv/p:Unicode", namespaces=PAGE_NS) for r in regions for line in r.iterfind("p:TextLine", PAGE_NS)]
        assert collapse_whitespace("\n".join(lines)) == collapse_whitespace(page.text)


def test_alto_marks_the_hyphenated_line_ends_and_tags_every_block():
    doc = document(RESOURCES / "scans" / "seed-telegram-1950-01-19-clean.json.gz")
    root = etree.fromstring(alto.alto_bytes(doc))
    hyphens = root.findall(".//a:HYP", ALTO_NS)
    # The first page ends in ``китай-``, continued on the second as ``скому``.
    last = root.find(".//a:Page", ALTO_NS).findall(".//a:TextLine", ALTO_NS)[-1]
    assert last[-1].tag.endswith("HYP") and last[-2].get("CONTENT") == "китай"
    assert len(hyphens) >= 5 and all(h.get("CONTENT") == "-" for h in hyphens)
    tags = {t.get("ID"): t.get("LABEL") for t in root.iterfind(".//a:OtherTag", ALTO_NS)}
    blocks = root.findall(".//a:TextBlock", ALTO_NS)
    assert {tags[b.get("TAGREFS")] for b in blocks} >= {"body", "routing", "signature", "folio", "registration"}
    words = root.findall(".//a:String", ALTO_NS)
    assert all(0 <= float(w.get("WC")) <= 1 for w in words) and len({w.get("WC") for w in words}) > 10


def test_page_types_our_regions_and_keeps_ink_stamps_out_of_the_reading_order():
    doc = document(RESOURCES / "scans" / "seed-telegram-1950-01-19-clean.json.gz")
    ns = {"p": pagexml.NAMESPACE}
    root = etree.fromstring(pagexml.page_bytes(doc, doc.pages[0]))
    regions = root.findall("p:Page/p:TextRegion", ns)
    kinds = {r.get("custom"): r.get("type") for r in regions}
    assert kinds["structure {type:body;}"] == "paragraph" and kinds["structure {type:folio;}"] == "page-number"
    assert kinds["structure {type:registration;}"] == "marginalia" and kinds["structure {type:form_title;}"] == "heading"
    order = [r.get("regionRef") for r in root.iterfind(".//p:RegionRefIndexed", ns)]
    assert order == [r.get("id") for r in regions]
    stamps = [s for s in doc.stamps if s.kind == "ink_stamp"]
    graphics = root.findall("p:Page/p:GraphicRegion", ns) + [
        g for p in doc.pages[1:] for g in etree.fromstring(pagexml.page_bytes(doc, p)).findall("p:Page/p:GraphicRegion", ns)]
    assert len(graphics) == len(stamps) and all(g.get("type") == "stamp" for g in graphics)
    assert [g.findtext("p:TextRegion/p:TextEquiv/p:Unicode", namespaces=ns) for g in graphics] == [s.text for s in stamps]


def _transcript(path: Path):
    return read_reference(ROOT / "scans" / f"{document(path).document_id}.md")


@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_dinglehopper_reads_our_page_xml_to_the_cer_of_our_own_diff(path):
    from dinglehopper.character_error_rate import character_error_rate
    from dinglehopper.ocr_files import page_text

    doc, transcript = document(path), _transcript(path)
    ours = diff.per_page(doc, transcript)
    assert len(ours) == len(doc.pages) == 5
    for page, rates, reference in zip(doc.pages, ours, transcript.page_texts, strict=True):
        text = page_text(etree.ElementTree(etree.fromstring(pagexml.page_bytes(doc, page))))
        theirs = character_error_rate(collapse_whitespace(reference), collapse_whitespace(text))
        assert theirs == pytest.approx(rates.cer, abs=0.001)
        assert rates.cer < 0.1  # a real comparison, not two empty texts


def _one_page(tree: etree._Element, index: int) -> etree._ElementTree:
    """The ALTO document with only its page ``index``."""
    one = copy.deepcopy(tree)
    for k, page in enumerate(one.iterfind(".//a:Page", ALTO_NS)):
        if k != index:
            page.getparent().remove(page)
    return etree.ElementTree(one)


@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_dinglehopper_reads_our_alto_to_the_cer_of_our_own_diff(path):
    """dinglehopper reads ALTO's Strings only, not HYP: its CER is our diff's on the text of the Strings
    (the page text without the hyphens of hyphenated line ends, one edit per hyphen from the page's CER)."""
    from dinglehopper.character_error_rate import character_error_rate
    from dinglehopper.ocr_files import alto_text

    doc, transcript = document(path), _transcript(path)
    tree = etree.fromstring(alto.alto_bytes(doc))
    ours = diff.per_page(doc, transcript)
    for k, reference in enumerate(transcript.page_texts):
        one = _one_page(tree, k)
        theirs = character_error_rate(collapse_whitespace(reference), collapse_whitespace(alto_text(one)))
        strings = collapse_whitespace(_alto_page_text(one.getroot(), hyphens=False))
        mine = metrics.character_error_rate(collapse_whitespace(reference), strings)
        assert theirs == pytest.approx(mine, abs=0.001)
        hyphens = len(one.getroot().findall(".//a:HYP", ALTO_NS))
        assert mine == pytest.approx(ours[k].cer, abs=hyphens / len(metrics.graphemes(collapse_whitespace(reference))) + 1e-9)


def test_formats_are_checked_and_each_file_named_once(tmp_path):
    assert parse_formats("pdf, JSON,alto") == ("json", "alto", "pdf")
    with pytest.raises(InputError, match="hocr"):
        parse_formats("json,hocr")
    folder = OutputFolder(tmp_path)
    names = {fmt: [p.name for p in paths] for fmt, paths in folder.exports("a.b", 2).items()}
    assert names == {"alto": ["a.b.alto.xml"], "page": ["a.b.page-001.xml", "a.b.page-002.xml"], "pdf": ["a.b.pdf"]}
    (tmp_path / "a.b.alto.xml").write_text("x")
    assert exports_present(folder, "a.b", 2, ("json", "alto")) and not exports_present(folder, "a.b", 2, ("page",))


def test_write_exports_writes_the_chosen_formats_only(tmp_path):
    path = RESOURCES / "scans" / "seed-telegram-1950-01-19-clean.json.gz"
    written = write_exports(document(path), open_document(ROOT / "scans" / "seed-telegram-1950-01-19-clean.pdf"),
                            tmp_path, ("json", "page"))
    assert sorted(p.name for p in written) == [f"seed-telegram-1950-01-19-clean.page-{n:03d}.xml" for n in range(1, 6)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_a_page_where_nothing_was_read_still_validates():
    doc = document(DOCUMENTS[0])
    blank = doc.model_copy(update={"pages": [p.model_copy(update={"regions": []}) for p in doc.pages], "stamps": []})
    assert schema("alto-4-4.offline.xsd").validate(etree.fromstring(alto.alto_bytes(blank)))
    assert schema("pagecontent-2019-07-15.xsd").validate(etree.fromstring(pagexml.page_bytes(blank, blank.pages[0])))
