"""Reference transcriptions in ALTO, PAGE and plain text read into one Transcript; ``[...]`` omissions.

The EHRI pages (``shared/corpus/real/ehri-dataset``) carry ALTO v4 ground truth and a ``.gt.txt``
derived from it in reading order; the reader must give back each ``.gt.txt`` exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from ocr.compare.references import REFERENCE_SUFFIXES, TextLine, read_reference, reading_order, xml_lines
from ocr.compare.transcript import parse_transcript, read_transcript
from ocr.errors import InputError
from tests.conftest import SHARED

EHRI = SHARED / "corpus" / "real" / "ehri-dataset"
PAGE_XSD = SHARED / "xsd" / "pagecontent-2019-07-15.xsd"
PAGE_NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#"
EHRI_NAMES = sorted(p.name[: -len(".xml")] for p in EHRI.glob("*.xml")) if EHRI.is_dir() else []
# The XML's own line order is not reading order on these (the dataset's README).
REORDERED = {"EHRI-BF-19380111_DE_01", "EHRI-BF-19380311b_CZ_01", "EHRI-BF-19380420_SK_01"}


@pytest.fixture(scope="module")
def ehri() -> Path:
    if len(EHRI_NAMES) != 9:
        pytest.skip(f"the EHRI sample is not beside the checkout ({EHRI})")
    return EHRI


def _gt(name: str) -> str:
    return (EHRI / f"{name}.gt.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", EHRI_NAMES or ["missing"])
def test_alto_reproduces_each_gt_txt_exactly(ehri, name):
    root = etree.fromstring((ehri / f"{name}.xml").read_bytes())
    assert "\n".join(line.text for line in xml_lines(root)) + "\n" == _gt(name)


@pytest.mark.parametrize("name", EHRI_NAMES or ["missing"])
def test_read_reference_on_each_ehri_page(ehri, name):
    transcript = read_reference(ehri / f"{name}.xml")
    assert transcript.page_texts == [_gt(name).removesuffix("\n")]
    assert transcript.record.doc_type == "other"


def test_the_reordered_pages_are_not_in_xml_order(ehri):
    for name in REORDERED:
        root = etree.parse(str(ehri / f"{name}.xml")).getroot()
        xml_order = [s.get("CONTENT") for s in root.iter(f"{{{ALTO_NS}}}String")]
        assert "\n".join(xml_order) + "\n" != _gt(name)


def test_alto_lines_keep_their_boxes(ehri):
    transcript = read_reference(ehri / "EHRI-ET-JMP001_03.xml")
    first = transcript.lines[0]
    assert first.text == "3."
    assert first.bbox == (2219, 87, 102, 154)
    assert all(line.bbox is not None for line in transcript.lines)


@pytest.mark.parametrize("version", [2, 3])
def test_older_alto_namespaces(ehri, tmp_path, version):
    data = (ehri / "EHRI-BF-19380111_DE_01.xml").read_bytes().replace(b"ns-v4#", f"ns-v{version}#".encode())
    path = tmp_path / "page.alto"
    path.write_bytes(data)
    assert read_reference(path).page_texts[0] + "\n" == _gt("EHRI-BF-19380111_DE_01")


def test_alto_strings_of_a_line_are_joined_by_spaces(tmp_path):
    path = tmp_path / "words.xml"
    path.write_text(
        f'<alto xmlns="{ALTO_NS}"><Layout><Page WIDTH="100" HEIGHT="100"><PrintSpace><TextBlock>'
        '<TextLine HPOS="0" VPOS="40" WIDTH="90" HEIGHT="10"><String CONTENT="second"/><SP/>'
        '<String CONTENT="line"/></TextLine>'
        '<TextLine HPOS="0" VPOS="10" WIDTH="90" HEIGHT="10"><String CONTENT="first"/><SP/>'
        '<String CONTENT="line"/></TextLine>'
        "</TextBlock></PrintSpace></Page></Layout></alto>", encoding="utf-8")
    assert read_reference(path).page_texts == ["first line\nsecond line"]


def test_reading_order_puts_a_row_left_to_right():
    right = TextLine("right", (500, 100, 200, 40))
    left = TextLine("left", (10, 110, 200, 40))  # overlaps `right` by 30 of 40 px
    below = TextLine("below", (10, 135, 200, 40))  # overlaps `left` by 15 of 40 px: a new row
    assert [ln.text for ln in reading_order([below, right, left])] == ["left", "right", "below"]


def alto_to_page(alto: Path) -> bytes:
    """A PAGE 2019 document with the ALTO's lines, in the ALTO's (not reading) order; the first
    line also gets a Word whose text differs, to show the line's own TextEquiv is what is read."""
    source = etree.parse(str(alto)).getroot()
    a = {"a": ALTO_NS}
    alto_page = source.find(".//a:Page", a)
    E = lambda tag, **attrs: etree.Element(f"{{{PAGE_NS}}}{tag}", **attrs)  # noqa: E731

    def coords(parent, x, y, w, h):
        parent.append(E("Coords", points=f"{x},{y} {x + w},{y} {x + w},{y + h} {x},{y + h}"))

    def text_equiv(parent, text):
        equiv = E("TextEquiv")
        etree.SubElement(equiv, f"{{{PAGE_NS}}}Unicode").text = text
        parent.append(equiv)

    root = E("PcGts", nsmap={None: PAGE_NS})
    meta = etree.SubElement(root, f"{{{PAGE_NS}}}Metadata")
    for tag in ("Creator", "Created", "LastChange"):
        etree.SubElement(meta, f"{{{PAGE_NS}}}{tag}").text = "tests" if tag == "Creator" else "2024-01-24T00:00:00"
    width, height = int(alto_page.get("WIDTH")), int(alto_page.get("HEIGHT"))
    page = etree.SubElement(root, f"{{{PAGE_NS}}}Page", imageFilename=alto.with_suffix(".jpg").name,
                            imageWidth=str(width), imageHeight=str(height))
    region = etree.SubElement(page, f"{{{PAGE_NS}}}TextRegion", id="r1")
    coords(region, 0, 0, width - 1, height - 1)
    for k, line in enumerate(alto_page.iterfind(".//a:TextLine", a)):
        x, y, w, h = (int(line.get(key)) for key in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
        element = etree.SubElement(region, f"{{{PAGE_NS}}}TextLine", id=f"l{k}")
        coords(element, x, y, w, h)
        if k == 0:
            word = etree.SubElement(element, f"{{{PAGE_NS}}}Word", id="w0")
            coords(word, x, y, w, h)
            text_equiv(word, "WORD-LEVEL TEXT")
        text_equiv(element, line.find("a:String", a).get("CONTENT"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def test_page_xml_is_valid_and_read_in_reading_order(ehri, tmp_path):
    name = "EHRI-BF-19380111_DE_01"  # one whose XML order is not reading order
    data = alto_to_page(ehri / f"{name}.xml")
    schema = etree.XMLSchema(etree.parse(str(PAGE_XSD)))
    document = etree.fromstring(data)
    assert schema.validate(document), schema.error_log
    path = tmp_path / f"{name}.page.xml"
    path.write_bytes(data)
    transcript = read_reference(path)
    assert transcript.page_texts[0] + "\n" == _gt(name)
    assert "WORD-LEVEL TEXT" not in transcript.page_texts[0]
    alto = read_reference(ehri / f"{name}.xml")
    assert [line.bbox for line in transcript.lines] == [line.bbox for line in alto.lines]


def test_plain_text_and_markdown_read_as_transcriptions(seed_dir, tmp_path):
    seed = seed_dir / "transcript.ru.txt"
    assert read_reference(seed).record == read_transcript(seed).record
    plain = tmp_path / "letter.txt"
    plain.write_text("\ufeffПервый абзац текста письма, который идет здесь.\n\nВторой абзац и еще немного слов.\n",
                     encoding="utf-8")
    transcript = read_reference(plain)
    assert transcript.record.body == "Первый абзац текста письма, который идет здесь.\n\nВторой абзац и еще немного слов."


def test_format_is_told_from_content_not_suffix(ehri, tmp_path):
    disguised = tmp_path / "alto.txt"
    disguised.write_bytes((ehri / "EHRI-ET-JMP001_03.xml").read_bytes())
    assert read_reference(disguised).page_texts[0] + "\n" == _gt("EHRI-ET-JMP001_03")
    text_in_xml = tmp_path / "plain.xml"
    text_in_xml.write_text("Просто текст письма без разметки, который идет здесь.\n", encoding="utf-8")
    assert read_reference(text_in_xml).record.body.startswith("Просто текст")


def test_unknown_or_broken_xml_is_an_input_error(tmp_path):
    other = tmp_path / "other.xml"
    other.write_text('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><p>x</p></html>')
    with pytest.raises(InputError, match="unknown XML reference format"):
        read_reference(other)
    broken = tmp_path / "broken.xml"
    broken.write_text(f'<?xml version="1.0"?><alto xmlns="{ALTO_NS}"><Layout>')
    with pytest.raises(InputError, match="cannot be parsed"):
        read_reference(broken)


def test_xml_entities_are_not_expanded(tmp_path):
    path = tmp_path / "entity.xml"
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<alto xmlns="{ALTO_NS}"><Layout><Page><TextLine HPOS="0" VPOS="0" WIDTH="9" HEIGHT="9">'
        '<String CONTENT="a"/></TextLine><TextLine HPOS="0" VPOS="20" WIDTH="9" HEIGHT="9">'
        "<String>&x;</String></TextLine></Page></Layout></alto>")
    assert "SECRET" not in read_reference(path).page_texts[0]


def test_reference_suffixes():
    assert REFERENCE_SUFFIXES == (".md", ".txt", ".xml")


# --- ``[...]`` omissions in the archive's export ------------------------------------------------

def test_omission_marks_are_recorded_and_removed_from_the_scored_text():
    transcript = parse_transcript(
        "Первый абзац текста письма, [...] который идет здесь.\n\n[…]\n\nВторой абзац и еще немного слов.\n")
    assert transcript.record.body == "Первый абзац текста письма, который идет здесь.\n\nВторой абзац и еще немного слов."
    assert "[" not in transcript.page_texts[0]
    assert transcript.omissions == [
        "…Первый абзац текста письма, [...] который идет здесь.…",
        "…абзац текста письма, который идет здесь. [...] Второй абзац и еще немного слов.…",
    ]


def test_omission_at_the_end_and_transcripts_without_any(seed_dir):
    assert parse_transcript("Текст письма, который здесь кончается.\n\n[...]\n").omissions == [
        "…Текст письма, который здесь кончается. [...]"]
    assert read_transcript(seed_dir / "transcript.ru.txt").omissions == []


def test_transcript_is_backwards_compatible():
    from ocr.compare.transcript import Transcript
    from ocr.contract import TelegramRecord

    assert Transcript(pages=[], record=TelegramRecord(), page_texts=[]).omissions == []
