"""A line's text as the document shows it, word by word, each word with its box on the scan.

The shown text is not always the words Tesseract read: letter-spaced typing is shown spaced
(``ВЫШИНСКОМУ`` read as one word is ``В Ы Ш И Н С К О М У``) and the grid's printed slots are
rewritten as the form prints them. Each shown word is therefore placed by aligning its characters
with the read ones (rapidfuzz), a read word's box shared evenly among the shown characters on it.
"""

from __future__ import annotations

import statistics

from rapidfuzz.distance import Levenshtein

from ocr.contract import TextLine, TextWord
from ocr.lines import Line, Word, union_box


def _char_map(shown: str, read: str) -> list[int]:
    """For each shown character the index of the read character it stands on (nearest for insertions)."""
    mapping: list[int | None] = [None] * len(shown)
    for op in Levenshtein.opcodes(shown, read):
        if op.tag in ("equal", "replace"):
            for i in range(op.src_end - op.src_start):
                mapping[op.src_start + i] = min(op.dest_start + i, op.dest_end - 1)
    last = next((m for m in mapping if m is not None), 0)
    out = []
    for m in mapping:
        last = m if m is not None else last
        out.append(last)
    return out


def _owners(tokens: list[str], words: list[Word]) -> list[int]:
    """For each character of the shown line (tokens joined by single spaces) the read word it stands
    on; a space between two tokens on one read word is that word's too, any other space is -1."""
    read_word = [k for k, w in enumerate(words) for _ in w.text]
    mapping = iter(_char_map("".join(tokens), "".join(w.text for w in words)))
    owners: list[int] = []
    for n, token in enumerate(tokens):
        own = [read_word[next(mapping)] for _ in token]
        if n:
            owners.append(owners[-1] if own and owners[-1] == own[0] else -1)
        owners += own
    return owners


def _slices(owners: list[int], words: list[Word]) -> list[tuple[float, float]]:
    """Each shown character's horizontal slice: its read word's box shared evenly among the shown
    characters standing on it, spaces included (a letter-spaced word read as one keeps its gaps)."""
    first: dict[int, int] = {}
    for i, k in enumerate(owners):
        first.setdefault(k, i)
    count = {k: owners.count(k) for k in first}
    out = []
    for i, k in enumerate(owners):
        if k < 0:
            out.append((0.0, 0.0))  # a space between read words: part of no shown word
            continue
        x, _, w, _ = words[k].bbox
        step = w / count[k]
        out.append((x + (i - first[k]) * step, x + (i - first[k] + 1) * step))
    return out


def _placed(token: str, span: range, owners: list[int], slices: list, words: list[Word]) -> TextWord:
    used = sorted({owners[i] for i in span})
    y0 = min(words[k].bbox[1] for k in used)
    y1 = max(words[k].bbox[1] + words[k].bbox[3] for k in used)
    x0, x1 = round(slices[span[0]][0]), round(slices[span[-1]][1])
    return TextWord(text=token, bbox=(x0, y0, max(1, x1 - x0), y1 - y0),
                    confidence=round(statistics.fmean(words[k].confidence for k in used), 2))


def _even_words(tokens: list[str], box: tuple[int, int, int, int], confidence: float) -> list[TextWord]:
    """Tokens spread over a box by their length: a line with no read words behind it."""
    x, y, w, h = box
    total, start, out = sum(len(t) + 1 for t in tokens) - 1, 0, []
    for token in tokens:
        x0, x1 = x + round(start * w / total), x + round((start + len(token)) * w / total)
        out.append(TextWord(text=token, bbox=(x0, y, max(1, x1 - x0), h), confidence=confidence))
        start += len(token) + 1
    return out


def text_line(line: Line) -> TextLine:
    """The line as the contract keeps it: shown text (single spaces) and each shown word's box."""
    tokens = line.text.split()
    words = [w for w in line.words if w.text]
    confidence = round(line.confidence or 0.0, 2)
    box = line.bbox or union_box([w.bbox for w in words]) or (0, 0, 0, 0)
    if not words:
        placed = _even_words(tokens, box, confidence)
    else:
        owners = _owners(tokens, words)
        slices = _slices(owners, words)
        placed, start = [], 0
        for token in tokens:
            placed.append(_placed(token, range(start, start + len(token)), owners, slices, words))
            start += len(token) + 1
    return TextLine(text=" ".join(tokens), bbox=box, confidence=confidence, words=placed)
