"""Reference transcriptions other than the archive's markdown export: ALTO XML, PAGE XML, plain text.

Each is read into the same :class:`~ocr.compare.transcript.Transcript` as the markdown export, so the diff
and the report treat them alike. The XML formats give one text line per ``TextLine``; the lines
are put in reading order (:func:`reading_order`: top to bottom by line centre, lines side by side
left to right), joined into text and parsed by :func:`ocr.compare.transcript.parse_transcript`, so a
telegram's structure is recognised when it is there. Line boxes are kept on the parsed lines.

The format is told from the content (the XML root's namespace), not from the file name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ocr.compare.transcript import Transcript, decode_text, parse_transcript
from ocr.contract import BBox
from ocr.errors import InputError

REFERENCE_SUFFIXES = (".md", ".txt", ".xml")
"""File suffixes a reference transcription may have beside a scan (for ``find_transcript``)."""

ALTO_NAMESPACES = tuple(f"http://www.loc.gov/standards/alto/ns-v{v}#" for v in (2, 3, 4))
PAGE_NAMESPACE_PREFIX = "http://schema.primaresearch.org/PAGE/gts/pagecontent/"

# No network, no entity expansion: references come from outside the project.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass(frozen=True)
class TextLine:
    """One line of an XML reference: its text and box ``[x, y, w, h]`` in pixels of the page image."""

    text: str
    bbox: BBox
    page: int = 1


def _rows(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines grouped into rows: a line joins the row when it overlaps the row's first line
    vertically by more than half the smaller of the two heights."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: ln.bbox[1] + ln.bbox[3] / 2):
        if rows:
            first = rows[-1][0]
            top, bottom = max(first.bbox[1], line.bbox[1]), min(first.bbox[1] + first.bbox[3], line.bbox[1] + line.bbox[3])
            if bottom - top > min(first.bbox[3], line.bbox[3]) / 2:
                rows[-1].append(line)
                continue
        rows.append([line])
    return rows


def reading_order(lines: list[TextLine]) -> list[TextLine]:
    """Top to bottom by line centre; lines whose vertical extents overlap by more than half the
    smaller height form one row, read left to right."""
    return [line for row in _rows(lines) for line in sorted(row, key=lambda ln: ln.bbox[0])]


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _number(value: str | None) -> float:
    """A coordinate in pixels (0 when absent); one that is no finite number makes the reference malformed."""
    if not value:
        return 0.0
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise InputError(f"reference XML has a coordinate that is not a number: {value[:40]!r}",
                         "check the file was exported completely by an ALTO or PAGE tool")
    return number


def _int(value: str | None) -> int:
    return int(round(_number(value)))


def _alto_lines(root: etree._Element) -> list[TextLine]:
    ns = {"a": etree.QName(root).namespace} if etree.QName(root).namespace else None
    prefix = "a:" if ns else ""
    lines = []
    for number, page in enumerate(root.findall(f".//{prefix}Page", ns) or [root], start=1):
        for element in page.iterfind(f".//{prefix}TextLine", ns):
            words = [s.get("CONTENT", "") for s in element.iterfind(f"{prefix}String", ns)]
            box = tuple(_int(element.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
            lines.append(TextLine(" ".join(w for w in words if w), box, number))
    return lines


def _points_box(points: str) -> BBox:
    pairs = [point.split(",") for point in points.split()]
    if not pairs:
        return (0, 0, 0, 0)
    if any(len(pair) != 2 for pair in pairs):
        raise InputError(f"reference XML has points that are not x,y pairs: {points[:40]!r}",
                         "check the file was exported completely by a PAGE tool")
    xs, ys = [_number(p[0]) for p in pairs], [_number(p[1]) for p in pairs]
    return (round(min(xs)), round(min(ys)), round(max(xs) - min(xs)), round(max(ys) - min(ys)))


def _page_line_text(element: etree._Element, ns: dict[str, str]) -> str:
    """A PAGE TextLine's own TextEquiv (the lowest index), not its words'."""
    equivs = element.findall("p:TextEquiv", ns)
    if not equivs:
        words = [_page_line_text(word, ns) for word in element.findall("p:Word", ns)]
        return " ".join(w for w in words if w)
    best = min(equivs, key=lambda e: _int(e.get("index")) if e.get("index") else 0)
    return best.findtext("p:Unicode", default="", namespaces=ns) or ""


def _page_lines(root: etree._Element) -> list[TextLine]:
    ns = {"p": etree.QName(root).namespace}
    lines = []
    for number, page in enumerate(root.iterfind("p:Page", ns), start=1):
        for element in page.iterfind(".//p:TextLine", ns):
            coords = element.find("p:Coords", ns)
            box = _points_box(coords.get("points", "")) if coords is not None else (0, 0, 0, 0)
            lines.append(TextLine(_page_line_text(element, ns), box, number))
    return lines


def xml_lines(root: etree._Element) -> list[TextLine]:
    """The text lines of an ALTO or PAGE document, each page's in reading order."""
    namespace = etree.QName(root).namespace or ""
    if namespace in ALTO_NAMESPACES or (not namespace and _local(root) == "alto"):
        lines = _alto_lines(root)
    elif namespace.startswith(PAGE_NAMESPACE_PREFIX) and _local(root) == "PcGts":
        lines = _page_lines(root)
    else:
        raise InputError(f"unknown XML reference format <{_local(root)} xmlns={namespace!r}>",
                         "give ALTO (v2-v4) or PAGE XML, or plain text")
    pages = sorted({line.page for line in lines})
    return [line for page in pages for line in reading_order([ln for ln in lines if ln.page == page])]


def _from_lines(lines: list[TextLine]) -> Transcript:
    """Parse the lines' text as a transcription; keep the page texts exactly as the lines join."""
    page_numbers = sorted({line.page for line in lines}) or [1]
    page_texts = ["\n".join(ln.text for ln in lines if ln.page == page) for page in page_numbers]
    transcript = parse_transcript("\n\n\n\n".join(page_texts))
    parsed = transcript.lines
    kept = [ln for ln in lines if ln.text.strip()]
    if len(parsed) == len(kept):  # one parsed line per source line: carry the boxes over
        for line, source in zip(parsed, kept):
            line.bbox = source.bbox
    transcript.page_texts = page_texts
    return transcript


def parse_xml_reference(data: bytes) -> Transcript:
    """An ALTO (v2-v4) or PAGE XML document as a transcription."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"reference XML cannot be parsed: {exc}", "check the file is complete, well-formed XML") from exc
    return _from_lines(xml_lines(root))


def _looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def read_reference(path: Path) -> Transcript:
    """A reference transcription of any supported kind: ALTO or PAGE XML (by root namespace) or
    text (the archive's markdown export or plain text; UTF-8, UTF-16 or Windows-1251)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read transcription {path}: {exc}", "check the path") from exc
    if _looks_like_xml(data):
        return parse_xml_reference(data)
    return parse_transcript(decode_text(data, str(path)))


def find_transcript(scan: Path, transcripts_dir: Path | None = None) -> Path | None:
    """The transcription of a scan: ``<stem>.md``/``.txt``/``.xml`` in ``transcripts_dir``, else beside the scan."""
    stem = scan.stem if scan.is_file() else scan.name
    for folder in (d for d in (transcripts_dir, scan.parent) if d is not None):
        for suffix in REFERENCE_SUFFIXES:
            candidate = folder / f"{stem}{suffix}"
            if candidate.is_file() and candidate != scan:
                return candidate
    return None
