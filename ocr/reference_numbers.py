"""The reference numbers: groups of digits typed under the routing line (``6504 2851``), read apart from the
printed furniture OCR reads around and between them.

A form may print a rule, a dotted blank or leader dots where the groups are typed, and dust lies anywhere:
OCR reads them as ``.`` ``-`` ``_`` ``…`` ``:`` ``*`` ``°`` or, a leader's dots, as ``о``, beside a group, between
two groups or run into one (``2194....6057``). A group's digit is read as the letter of its shape now and then
(``З`` for 3, ``О`` for 0, ``б`` for 6). Anything else on the line — a word, a date's short numbers
(``19/1``, ``25.11.47``), a registry note — makes it no reference line: a wrong value is worse than none.
"""

from __future__ import annotations

import re

from ocr.fields import DIGIT_LOOKALIKES, DIGITISH, cyrillic
from ocr.lines import Line, Word

# Cipher groups have four or five digits (three and six allowed); a date's or time's numbers have one or two.
SHORTEST_GROUP, LONGEST_GROUP = 3, 6
_GROUP = re.compile(DIGITISH + "+")
# Two groups of the common lengths (four or five digits) whose space OCR lost: a run of twice as many digits.
RUN_TOGETHER = (8, 10)
# A leader's or dotted blank's dots read as round letters.
_LEADER = re.compile(r"[оОoO]+")
_FURNITURE = re.compile(r"[\W_]+")
# A leader's dots or a rule's dashes read as letters (``иене``, ``аа``) are boxed a fifth as high as the typed
# digits beside them or less; a typed small letter is half as high at least.
FLAT = 0.35


def _group(piece: str) -> str | None:
    """``piece`` as one group of digits: its letters read for digits (``З194``) fewer than half its real digits."""
    if not _GROUP.fullmatch(piece) or not SHORTEST_GROUP <= len(piece) <= LONGEST_GROUP:
        return None
    real = sum(c.isdigit() for c in piece)
    return piece.translate(DIGIT_LOOKALIKES) if 2 * (len(piece) - real) < real else None


def _token_groups(token: str) -> list[str] | None:
    """The groups a space-separated token holds (none for furniture or a lone speck); None for anything else."""
    if "№" in token:
        return None  # a number so labelled is a note's or a stamp's (``№224``), never a cipher group
    pieces = [p for p in _FURNITURE.split(token) if p]
    if len(pieces) == 1 and (_GROUP.fullmatch(pieces[0]) and len(pieces[0]) == 1 or _LEADER.fullmatch(pieces[0])):
        return []  # a speck or a rule's end read as a digit (``1``, ``l``), a leader's dots as letters (``ооо``)
    groups = []
    for piece in pieces:
        group = _group(piece)
        if group is None and re.fullmatch(r"\d+", piece) and len(piece) in RUN_TOGETHER:  # ``13377477``
            groups += [piece[:len(piece) // 2], piece[len(piece) // 2:]]
        elif group is None:  # leader dots run into the groups: ``2194ооо6057``
            parts = [_group(p) for p in _LEADER.split(piece) if p]
            if not parts or None in parts:
                return None
            groups += parts
        else:
            groups.append(group)
    return groups


def reference_numbers(text: str) -> str | None:
    """The groups of digits of a reference line, one space apart (``6504 2851``); None when the line holds
    anything but groups, furniture and specks."""
    groups: list[str] = []
    for token in cyrillic(text).split():  # a Latin ``O`` or ``B`` read for a digit as its Cyrillic twin is
        found = _token_groups(token)
        if found is None:
            return None
        groups += found
    return " ".join(groups) or None


def _flat(word: Word, height: float) -> bool:
    return not any(c.isdigit() for c in word.text) and word.bbox[3] < FLAT * height


def without_furniture(segments: list[Line]) -> list[Line]:
    """A row's segments without the words boxed far flatter than its digits (printed furniture read as letters)."""
    height = max((w.bbox[3] for s in segments for w in s.words if any(c.isdigit() for c in w.text)), default=0)
    kept = [(segment, [w for w in segment.words if not _flat(w, height)]) for segment in segments]
    return [segment if len(words) == len(segment.words) else segment.read_as(words) for segment, words in kept if words]


def _same_row(a: Line, b: Line) -> bool:
    """Two lines side by side: on one page, each one's centre across the lines within the other's height. The boxes
    are the scan's: on a page scanned a quarter turned, a line's box stands taller than wide, and its rows run down."""
    if a.page != b.page or not (a.bbox and b.bbox):
        return False
    across = 0 if a.bbox[3] > a.bbox[2] and b.bbox[3] > b.bbox[2] else 1
    ca, cb = a.bbox[across] + a.bbox[across + 2] / 2, b.bbox[across] + b.bbox[across + 2] / 2
    return abs(ca - cb) <= min(a.bbox[across + 2], b.bbox[across + 2]) / 2


def joined(lines: list[Line]) -> list[str]:
    """The reference numbers of the reference ``lines``, a line OCR split in two (its halves side by side,
    read as two lines on a skewed scan) joined again, left to right."""
    rows: list[list[Line]] = []
    for line in lines:
        if rows and _same_row(rows[-1][-1], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    texts = [" ".join(line.text for line in sorted(row, key=lambda line: line.bbox[0] if line.bbox else 0)) for row in rows]
    return unslashed([numbers for text in texts if (numbers := reference_numbers(text))])


# A slashed zero read as a nine beside a zero (``32690`` for ``3260``), as the routing line's times read it.
_SLASHED_ZERO = re.compile(r"90|09")


def unslashed(numbers: list[str]) -> list[str]:
    """The reference lines' groups, a group one digit longer than all the others (a telegram's cipher groups are of
    one length), where it holds one ``90`` or ``09``, with that read as the slashed zero it is."""
    lengths = {len(group) for line in numbers for group in line.split()}
    if len(lengths) != 2 or max(lengths) != min(lengths) + 1:
        return numbers
    longer = [group for line in numbers for group in line.split() if len(group) == max(lengths)]
    others = sum(len(line.split()) for line in numbers) - len(longer)
    if len(longer) != 1 or others < 2 or len(_SLASHED_ZERO.findall(longer[0])) != 1:
        return numbers
    right = _SLASHED_ZERO.sub("0", longer[0])
    return [" ".join(right if group == longer[0] else group for group in line.split()) for line in numbers]
