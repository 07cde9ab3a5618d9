"""The signature line: the signer's letter-spaced name and the date the record takes from it, and no name
where the line does not show one clearly (a pen's scrawl across it)."""

from __future__ import annotations

import re

from ocr import fields
from ocr import footer as footer_line
from ocr.contract import Signature
from ocr.correct.lexicon import lexicon
from ocr.correct.names import signer_name
from ocr.lines import Line, Role, Word

# A signer's surname has three letters at least; fewer is what OCR kept of a name under a pen's scrawl.
SHORTEST_NAME = 3
# A name read faintly is taken on the dictionary's word from this many letters on (short forms, ``КОКЕ``, are chance).
SPELT_NAME = 5


def signature(lines: list[Line]) -> Signature:
    """Signer and date from the signature's lines; no name where they show none clearly (a scrawl over it).
    The telegram is signed at its end: a letter-spaced line ending an earlier page of a heavy scan may be read as
    one too (``с В е б чт З е т.``), so the last signature lines are the ones: the date and the name a line each
    where the page was scanned askew (:func:`ocr.roles.signature_rows`)."""
    signed = [k for k, line in enumerate(lines) if line.role is Role.SIGNATURE]
    if not signed:
        return Signature()
    run = [signed[-1]]
    while run[0] - 1 in signed:
        run.insert(0, run[0] - 1)
    last = [lines[k] for k in run]
    names = [signer(line) for line in last]
    dates = [(fields.parse_signature(line.text) or (None, None))[1] or fields.garbled_date(line.text) for line in last]
    return Signature(name=next((n for n in names if n), None), date_raw=next((d for d in dates if d), None))


def signer(line: Line) -> str | None:
    """The name a signature line gives the record: its letter-spaced name when typed clearly (:func:`_typed_name`)
    and a surname (:func:`ocr.correct.names.signer_name`: one letter off a listed one put right, a piece of one none)."""
    name = (fields.parse_signature(line.text) or (fields.spaced_name(line.text) or fields.garbled_signature(line.text), None))[0]
    words = _name_words(line)
    return signer_name(name, lexicon(), _believed(words, line)) if name and _typed_name(name, words, line) else None


def _name_words(line: Line) -> list[Word]:
    """The words a signature line's name was read from: those with letters after its date's first word, but
    ``г.`` (a speck before a garbled date, ``а 51 г.``, is none of the name), its full stop read as a comma too (``г,``),
    and specks before it."""
    date = next((k for k, w in enumerate(line.words) if any(c.isdigit() for c in w.text)), -1)
    words = [w for w in line.words[date + 1:] if any(c.isalpha() for c in w.text) and w.text.strip(".,") not in ("г", "п")]
    # Specks read as small letters before a name read in capitals (``о н П У Ш К И Н``) are none of it, as
    # :func:`ocr.fields.clean_name` drops them from the name.
    capitals = next((k for k, w in enumerate(words) if w.text.strip(".,").isupper()), 0)
    return words[capitals:] if all(w.text.strip(".,").islower() for w in words[:capitals]) else words


def _believed(words: list[Word], line: Line) -> bool:
    """Whether OCR read the line's name (its ``words``, :func:`_name_words`) believably, where it read it: each of its
    words (a pen's strokes over a typed name read as stray letters at low confidence, ``р № И „(7``; a pen across the
    name's last letters reads them so among letters read surely: ``Ф Е Д О`` at 91, ``Ц Е Жк`` at 39)."""
    return not line.words or (bool(words) and min(w.confidence for w in words) >= footer_line.BELIEVABLE_CONFIDENCE)


def _typed_name(name: str, words: list[Word], line: Line) -> bool:
    """Whether the name (read from ``words``, :func:`_name_words`) is typing: whole words, no letter thrice in a row (a
    scrawl's loops read ``П А О О О``) and no letters lost between those read (:func:`_gapped`)."""
    # Each word a surname or an initial (``А.``): stray letters between them are the scrawl's (``П А НО АК``).
    whole = all(len(token) >= SHORTEST_NAME or re.fullmatch(r"\w\.", token) for token in name.split())
    return len(name) >= SHORTEST_NAME and whole and fields.has_text(name) and not _gapped(words, line)


def spelt(name: str) -> bool:
    """Letter-spaced capitals read faintly are still the typed name when they spell a Russian word form (the
    dictionary knows ``ПАНЮШКИН``, ``ЛЕБЕДЕВ``): a pen's loops never spell one that long (``ПАООО``)."""
    return len(name) >= SPELT_NAME and " " not in name and lexicon().known(name)


# Letters of a letter-spaced name stand a space apart; a wider gap between the pieces OCR read is letters
# lost under a pen's scrawl (``П А Н`` .. ``К`` of ``П А Н Ю Ш К И Н``): what is left is no name.
NAME_GAP_CHARS = 3.0


def _gapped(words: list[Word], line: Line) -> bool:
    """Whether the name's words leave a gap of more than NAME_GAP_CHARS characters between them along the
    line (boxes are the scan's: a page read turned runs down it), a character's width taken from the typed
    date (or, undated, from the widest word, letter-spaced)."""
    if len(words) < 2:
        return False
    along = 1 if line.bbox and line.bbox[3] > line.bbox[2] else 0
    dated = [w for w in line.words if any(c.isdigit() for c in w.text)]
    sample = dated[0] if dated else max(words, key=lambda w: w.bbox[2 + along])
    char = sample.bbox[2 + along] / max(1, len(sample.text) if dated else 2 * len(sample.text) - 1)
    ordered = sorted(words, key=lambda w: w.bbox[along])
    return any(b.bbox[along] - (a.bbox[along] + a.bbox[2 + along]) > NAME_GAP_CHARS * char for a, b in zip(ordered, ordered[1:]))
