"""Layout parsing: OCR words → lines in reading order, each tagged with the part of the form it is.

Zones are found from the page itself: words are grouped into visual lines by their vertical
position (independent of Tesseract's block order, which scatters the form's columns), lines are
split into segments at wide gaps (margin notes beside the folio, grid columns), and roles come from
the text (:mod:`ocr.roles`, fuzzy keywords) and from position: what stands above the form title
is registry marks on the left and the folio on the right; a later page's top lines are its
continuation header (:mod:`ocr.continuation`).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import statistics
from dataclasses import dataclass, field

from ocr import continuation, fields, roles, routing, untyped
from ocr.contract import Region
from ocr.lines import Line, Role, Word, union_box
from ocr.wordboxes import text_line

# A gap wider than this many character widths separates segments of one visual line.
SEGMENT_GAP_CHARS = 4.0
# A gap wider than this many character widths separates words of letter-spaced typing.
WORD_GAP_CHARS = 1.7
# A body line indented by more than this many character widths opens a paragraph.
INDENT_CHARS = 2.0


@dataclass
class VisualLine:
    segments: list[Line] = field(default_factory=list)

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]

    @property
    def text(self) -> str:
        return "  ".join(s.text for s in self.segments)

    @property
    def bbox(self):
        return union_box([s.bbox for s in self.segments if s.bbox])


@dataclass(frozen=True)
class Metrics:
    """Typical sizes of this page's typing, in pixels."""

    char_width: float
    line_height: float


def page_metrics(words: list[Word]) -> Metrics:
    widths = [w.bbox[2] / len(w.text) for w in words if len(w.text) >= 3]
    heights = [w.bbox[3] for w in words if len(w.text) >= 2]
    return Metrics(
        char_width=statistics.median(widths) if widths else 20.0,
        line_height=statistics.median(heights) if heights else 40.0,
    )


def _centre_y(word: Word) -> float:
    return word.bbox[1] + word.bbox[3] / 2


def group_lines(words: list[Word], metrics: Metrics) -> list[list[Word]]:
    """Words → visual lines (top to bottom, each left to right) by vertical centre."""
    lines: list[tuple[float, list[Word]]] = []
    for word in sorted(words, key=_centre_y):
        cy = _centre_y(word)
        near = [k for k in range(max(0, len(lines) - 3), len(lines)) if abs(lines[k][0] - cy) <= 0.5 * metrics.line_height]
        if near:
            k = min(near, key=lambda k: abs(lines[k][0] - cy))
            members = lines[k][1] + [word]
            lines[k] = (statistics.fmean(_centre_y(w) for w in members), members)
        else:
            lines.append((cy, [word]))
    return [sorted(ws, key=lambda w: w.bbox[0]) for _, ws in sorted(lines, key=lambda item: item[0])]


def reading_lines(words: list[Word], metrics: Metrics) -> list[list[Word]]:
    """Words → lines in Tesseract's reading order: its own lines, block after block (a page of columns,
    margin notes or a letterhead beside the address is read a block at a time, as a reader would), and
    the words of later re-reads joined to the line beside them or, alone, put in by height."""
    numbered: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        if word.line is not None:
            numbered.setdefault(word.line, []).append(word)
    lines = list(numbered.values())
    for extra in group_lines([w for w in words if w.line is None], metrics):
        cy = statistics.fmean(_centre_y(w) for w in extra)
        beside = [line for line in lines if abs(statistics.fmean(_centre_y(w) for w in line) - cy) <= 0.5 * metrics.line_height]
        if beside:
            min(beside, key=lambda line: _gap(line, extra)).extend(extra)
            continue
        above = [k for k, line in enumerate(lines) if statistics.fmean(_centre_y(w) for w in line) < cy]
        lines.insert(max(above, key=lambda k: statistics.fmean(_centre_y(w) for w in lines[k])) + 1 if above else 0, extra)
    return [sorted(line, key=lambda w: w.bbox[0]) for line in lines]


def _gap(line: list[Word], other: list[Word]) -> float:
    """Horizontal distance between two groups of words (0 when they overlap)."""
    a0, a1 = min(w.bbox[0] for w in line), max(w.bbox[0] + w.bbox[2] for w in line)
    b0, b1 = min(w.bbox[0] for w in other), max(w.bbox[0] + w.bbox[2] for w in other)
    return max(0, max(a0, b0) - min(a1, b1))


def _is_spaced(word: Word, metrics: Metrics) -> bool:
    """Tesseract often reads letter-spaced typing (``В Ы Ш И``) as one word as wide as the spaced letters.

    Only typing counts: the form's printed title is wider than typing without being spaced, and taller.
    """
    letters = sum(c.isalpha() for c in word.text)
    others = len(word.text) - letters
    # Spaced typing takes about two advances a letter; plain capitals, often boxed a little wide, one.
    wide = word.bbox[2] / metrics.char_width > 1.8 * letters - 1 + others
    # Tesseract reads spaced capitals as small letters (same shapes) but the title's tall printed letters are no typing.
    typed = word.text.isupper() or word.bbox[3] <= 1.3 * metrics.line_height
    return letters >= 2 and typed and wide


def _word_text(word: Word, metrics: Metrics, prose: bool = False) -> str:
    """The word as typed: letter-spaced words get their spaces back (``ВЫШИ`` → ``В Ы Ш И``); in ``prose``
    (PROSE_ROLES) only words in capitals."""
    if not _is_spaced(word, metrics) or (prose and not word.text.isupper()):
        return word.text
    return " ".join(word.text).replace(" .", ".").replace(" ,", ",")


def join_words(words: list[Word], metrics: Metrics, prose: bool = False) -> str:
    """Words joined by one space, or two where the gap is a word gap in letter-spaced typing; a full stop or comma
    Tesseract read as a word of its own (``почтой .``: a paragraph's last word alone on its line) joins the word it
    was typed after, less than a letter's width before it (a typist leaves no space there)."""
    text = _word_text(words[0], metrics, prose)
    for prev, word in itertools.pairwise(words):
        gap = word.bbox[0] - (prev.bbox[0] + prev.bbox[2])
        space = "  " if gap > WORD_GAP_CHARS * metrics.char_width else " "
        text += ("" if _STOPS.fullmatch(word.text) and gap < metrics.char_width else space) + _word_text(word, metrics, prose)
    return text


_STOPS = re.compile(r"[.,;:!?]+")


# The parts of the form typed in small letters and never letter-spaced: there a word in small letters boxed
# wider than its letters is a reading that lost some of the letters it covers (a row read as one line across
# a stamp boxes ``сотрудников`` over ``сотрудников (всего 24``) or a printed word boxed wide (the grid's
# ``Экз.``), not spacing. Spaced typing (the priority, the addressee, the signer's name, emphasis) is capitals.
PROSE_ROLES = frozenset({Role.BODY, Role.GRID, Role.ROUTING, Role.REFERENCE, Role.SPECIAL, Role.CONTINUATION, Role.FOOTER})


def _as_prose(line: Line, metrics: Metrics) -> Line:
    """A line of PROSE_ROLES with no word in small letters shown letter-spaced."""
    if line.role not in PROSE_ROLES or not any(_is_spaced(w, metrics) and not w.text.isupper() for w in line.words):
        return line
    return dataclasses.replace(line, text=join_words(line.words, metrics, prose=True))


def _segment(words: list[Word], metrics: Metrics, page: int) -> Line:
    return Line(
        text=join_words(words, metrics),
        page=page,
        bbox=union_box([w.bbox for w in words]),
        confidence=statistics.fmean(w.confidence for w in words),
        words=list(words),
    )


def split_segments(words: list[Word], metrics: Metrics, page: int) -> VisualLine:
    """One visual line → segments separated by gaps wider than SEGMENT_GAP_CHARS characters."""
    groups: list[list[Word]] = [[words[0]]]
    for prev, word in itertools.pairwise(words):
        if word.bbox[0] - (prev.bbox[0] + prev.bbox[2]) > SEGMENT_GAP_CHARS * metrics.char_width:
            groups.append([])
        groups[-1].append(word)
    return VisualLine([_segment(g, metrics, page) for g in groups])


def _as_line(visual: VisualLine, role: Role, page: int) -> Line:
    words = visual.words
    return Line(
        text=visual.text,
        role=role,
        page=page,
        bbox=visual.bbox,
        confidence=statistics.fmean(w.confidence for w in words),
        words=words,
    )


def _margin_lines(visuals: list[VisualLine], page_width: int, inner: Role) -> list[Line]:
    """Top-of-page lines by segment: a bare number in the right part is the folio, the rest ``inner``.

    The folio is stamped near the right edge; a continuation page's label (``3.``) is centred, so a number
    counts as the folio only when its centre lies right of 60 % of the page's width.
    """
    lines = []
    for visual in visuals:
        for segment in visual.segments:
            centre = segment.bbox[0] + segment.bbox[2] / 2
            is_folio = fields.parse_int(segment.text) is not None and centre > 0.6 * page_width
            segment.role = Role.FOLIO if is_folio else inner
            lines.append(segment)
    return lines


def _tag_first_page(visuals: list[VisualLine], page: int, width: int) -> list[Line]:
    visuals = [VisualLine(row) for row in roles.references_apart([v.segments for v in visuals])]
    texts = [v.text for v in visuals]
    tags, body = roles.tag_first_page(texts)
    title = roles.find_title(texts)
    margin = _margin_lines(visuals[:max(title, 0)], width, Role.REGISTRATION)
    # The registry notes are one block of marginalia, read (as archive transcriptions give them) before the folio.
    lines = [m for m in margin if m.role is not Role.FOLIO] + [m for m in margin if m.role is Role.FOLIO]
    lines += [_as_line(v, tag, page) for v, tag in zip(visuals[max(title, 0):body], tags[max(title, 0):])]
    return lines + _tag_rest(visuals[body:], page)


def _tag_continuation(visuals: list[VisualLine], page: int, width: int) -> list[Line]:
    """A later page's header lines (its pieces as CONTINUATION or FOLIO, stray marks among or above them as
    OTHER), then the rest as body and what follows it."""
    top, header, strays = continuation.header_split([v.segments for v in visuals])
    return strays + _margin_lines([VisualLine(h) for h in header], width, Role.CONTINUATION) + _tag_rest(visuals[top:], page)


def _tag_rest(visuals: list[VisualLine], page: int) -> list[Line]:
    tags = roles.tag_rest([v.text for v in visuals])
    return [_as_line(v, tag, page) for v, tag in zip(visuals, tags)]


def mark_paragraphs(lines: list[Line], metrics: Metrics, continues: bool) -> None:
    """Set ``paragraph_start`` on body lines: indented, or after a wide vertical gap.

    ``continues``: the page's first body line continues the previous page's paragraph unless indented.
    """
    body = [line for line in lines if line.role is Role.BODY]
    if not body:
        return
    left = sorted(line.bbox[0] for line in body)[len(body) // 4]
    pitches = [b.bbox[1] - a.bbox[1] for a, b in itertools.pairwise(body)]
    pitch = statistics.median(pitches) if pitches else metrics.line_height * 2
    for k, line in enumerate(body):
        indented = line.bbox[0] - left > INDENT_CHARS * metrics.char_width
        gap = k > 0 and line.bbox[1] - body[k - 1].bbox[1] > 1.6 * pitch
        line.paragraph_start = indented or gap or (k == 0 and not continues)


def _header_pieces(visual: VisualLine, metrics: Metrics, page: int) -> VisualLine:
    """A later page's header line split into its pieces (:func:`ocr.continuation.header_pieces`), else as it is."""
    pieces = continuation.header_pieces(visual.segments, lambda words: _segment(words, metrics, page))
    return VisualLine(pieces) if pieces else visual


def _visual_lines(grouped: list[list[Word]], metrics: Metrics, page: int) -> list[VisualLine]:
    # A line without a letter or digit is dust or a stray mark, never text.
    return [split_segments(ws, metrics, page) for ws in grouped if any(c.isalnum() for w in ws for c in w.text)]


def parse_page(words: list[Word], page: int, width: int) -> list[Line]:
    """A page's words → role-tagged lines in reading order (segments for margin notes)."""
    if not words:
        return []
    metrics = page_metrics(words)
    visuals = _visual_lines(routing.gather_values(group_lines(words, metrics), metrics.line_height), metrics, page)
    if page > 1:  # a later page's header stands in its first lines
        visuals = [_header_pieces(v, metrics, page) for v in visuals[:continuation.HEADER_LINES]] + visuals[continuation.HEADER_LINES:]
    texts = [v.text for v in visuals]
    if roles.find_title(texts) >= 0 or any(routing.is_routing_line(t) for t in texts):
        lines = _tag_first_page(visuals, page, width)
    elif page > 1 and continuation.continuation_top([v.segments for v in visuals]):
        lines = _tag_continuation(visuals, page, width)
    else:
        # Not the form, whose parts are found row by row: the page is read as Tesseract laid it out.
        lines = _tag_rest(_visual_lines(reading_lines(words, metrics), metrics, page), page)
    lines = untyped.typed_only(lines, metrics.line_height, lambda found: join_words(found, metrics, prose=True))
    lines = [_as_prose(line, metrics) for line in lines]
    mark_paragraphs(lines, metrics, continues=page > 1)
    return lines


# Parts each of whose lines archive transcriptions set apart by a blank line: each group of reference numbers, each
# piece of a later page's header (``2029``, ``2.``, ``экз. №... 3``), each handling mark stamped below another.
APART = frozenset({Role.REFERENCE, Role.CONTINUATION, Role.HANDLING})


def _opens_block(line: Line, before: Line) -> bool:
    if line.role is Role.HANDLING and before.role is Role.CLASSIFICATION:
        return False  # the mark stamped under the classification is one block with it (``Строго секретно`` + ``СНЯТИЕ …``)
    return line.role is not before.role or line.paragraph_start or line.role in APART


def page_text(lines: list[Line]) -> str:
    """All text of the page in reading order: a line each, a blank line where a block of the form or a paragraph
    begins, as archive transcriptions set them out."""
    out: list[str] = []
    for k, line in enumerate(lines):
        if k and _opens_block(line, lines[k - 1]):
            out.append("")
        out.append(shown(line))
    return "\n".join(out)


def shown(line: Line) -> str:
    """A line as the page's text gives it: a grid row's columns a tab apart (as archives transcribe them), any
    other line's words a space apart."""
    return "\t".join(line.cells) if line.cells else " ".join(line.text.split())


def regions(lines: list[Line]) -> list[Region]:
    """Consecutive lines of one role (a body paragraph each) → one region with box, text and confidence."""
    groups: list[list[Line]] = []
    for line in lines:
        if not groups or line.role is not groups[-1][0].role or line.paragraph_start or line.role in (Role.FOLIO, Role.REGISTRATION):
            groups.append([])
        groups[-1].append(line)
    return [
        Region(
            type=g[0].role.value,
            bbox=union_box([line.bbox for line in g]),
            text="\n".join(shown(line) for line in g),
            confidence=round(statistics.fmean(line.confidence or 0 for line in g), 2),
            lines=[text_line(line) for line in g],
        )
        for g in groups
    ]
