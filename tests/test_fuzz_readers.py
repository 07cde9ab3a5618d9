"""Fuzzing the transcription readers (markdown, text, ALTO, PAGE) and the field parsers with Hypothesis:
whatever they are given, nothing escapes but the project's own errors.

Bounded for CI: a fixed number of examples, a per-example deadline, the same examples every run
(``derandomize``) and no example database written into the checkout.
"""

from __future__ import annotations

import inspect

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ocr import fields, footer, registry, routing
from ocr.compare.references import ALTO_NAMESPACES, PAGE_NAMESPACE_PREFIX, parse_xml_reference
from ocr.compare.transcript import decode_text, parse_transcript
from ocr.errors import TelegramsError

BOUNDED = settings(max_examples=60, deadline=2000, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow])

# Text like what OCR and transcriptions hold: Cyrillic, Latin look-alikes, digits, the marks of the form and markdown.
TELEGRAM_CHARACTERS = st.sampled_from(list(
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    "ABCEHKMOPTXaceopxyNslI0123456789 .,:;-–—/№#«»\"'()[]…*#\t\n\r"
)) | st.characters()
TEXT = st.text(TELEGRAM_CHARACTERS, max_size=300)
LINE = st.text(TELEGRAM_CHARACTERS.filter(lambda c: c not in "\n\r"), max_size=80)


def _ours_only(call, *args):
    """Run ``call``; an exception other than the project's own fails the test."""
    try:
        return call(*args)
    except TelegramsError:
        return None


@BOUNDED
@given(TEXT)
def test_markdown_and_text_transcriptions(text):
    transcript = _ours_only(parse_transcript, text)
    assert transcript is None or len(transcript.page_texts) == len(transcript.pages)


@BOUNDED
@given(st.lists(LINE, max_size=12).map("\n".join), st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16"]))
def test_transcription_bytes_in_any_encoding(text, encoding):
    data = text.encode(encoding, errors="ignore")
    decoded = _ours_only(decode_text, data, "fuzz.txt")
    if decoded is not None:
        _ours_only(parse_transcript, decoded)


@BOUNDED
@given(st.binary(max_size=400))
def test_xml_references_from_arbitrary_bytes(data):
    _ours_only(parse_xml_reference, b"<" + data)


NUMBER_ATTRIBUTE = st.one_of(st.integers(-10**6, 10**6).map(str), st.floats(allow_nan=True).map(str), LINE)


def _alto(lines: list[tuple[str, str, str]], version: int) -> bytes:
    root = etree.Element(f"{{{ALTO_NAMESPACES[version]}}}alto", nsmap={None: ALTO_NAMESPACES[version]})
    page = etree.SubElement(root, f"{{{ALTO_NAMESPACES[version]}}}Page")
    for text, x, y in lines:
        line = etree.SubElement(page, f"{{{ALTO_NAMESPACES[version]}}}TextLine", HPOS=x, VPOS=y, WIDTH="100", HEIGHT=y)
        etree.SubElement(line, f"{{{ALTO_NAMESPACES[version]}}}String", CONTENT=text)
    return etree.tostring(root)


def _page_xml(lines: list[tuple[str, str, str]]) -> bytes:
    namespace = PAGE_NAMESPACE_PREFIX + "2019-07-15"
    root = etree.Element(f"{{{namespace}}}PcGts", nsmap={None: namespace})
    page = etree.SubElement(root, f"{{{namespace}}}Page")
    for text, points, index in lines:
        line = etree.SubElement(page, f"{{{namespace}}}TextLine")
        etree.SubElement(line, f"{{{namespace}}}Coords", points=points)
        equiv = etree.SubElement(line, f"{{{namespace}}}TextEquiv", index=index)
        etree.SubElement(equiv, f"{{{namespace}}}Unicode").text = text
    return etree.tostring(root)


XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=60)


@BOUNDED
@given(st.lists(st.tuples(XML_TEXT, NUMBER_ATTRIBUTE.filter(str.isprintable), NUMBER_ATTRIBUTE.filter(str.isprintable)),
                max_size=8), st.integers(0, 2))
def test_alto_references_with_odd_text_and_coordinates(lines, version):
    _ours_only(parse_xml_reference, _alto(lines, version))


POINTS = st.one_of(st.lists(st.tuples(st.integers(-5, 5000), st.integers(-5, 5000)), max_size=5).map(
    lambda pairs: " ".join(f"{x},{y}" for x, y in pairs)), LINE.filter(str.isprintable))


@BOUNDED
@given(st.lists(st.tuples(XML_TEXT, POINTS, NUMBER_ATTRIBUTE.filter(str.isprintable)), max_size=8))
def test_page_references_with_odd_text_and_coordinates(lines):
    _ours_only(parse_xml_reference, _page_xml(lines))


TEXT_PARSERS = [function for module in (fields, routing, footer, registry)
                for name, function in inspect.getmembers(module, inspect.isfunction)
                if function.__module__ == module.__name__ and not name.startswith("_")
                and list(inspect.signature(function).parameters) in (["text"], ["word"])]


def test_every_one_argument_field_parser_is_fuzzed():
    names = {f.__name__ for f in TEXT_PARSERS}
    assert {"parse_routing", "parse_grid_row", "parse_signature", "parse_footer_line", "parse_int",
            "parse_page_label", "parse_special_number", "parse_continuation_copy", "recipient_name"} <= names


@pytest.mark.parametrize("parser", TEXT_PARSERS, ids=lambda f: f.__name__)
def test_field_parsers(parser):
    @settings(max_examples=40, deadline=2000, derandomize=True, database=None)
    @given(LINE)
    def run(text):
        _ours_only(parser, text)

    run()


@BOUNDED
@given(LINE, st.dictionaries(st.integers(0, 20), st.integers(-5, 10**6), max_size=5), st.booleans())
def test_grid_row_printing(text, copies, first):
    _ours_only(fields.print_grid_row, text, copies, first)


@BOUNDED
@given(LINE, st.lists(LINE, max_size=5), st.floats(0, 100))
def test_vocabulary_matching(text, vocabulary, cutoff):
    _ours_only(fields.best_match, text, vocabulary, cutoff)
