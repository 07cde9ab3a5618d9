"""Correction of a document's page lines: which words are tried, and every change recorded.

Runs on the message text (body lines) of every page in reading order, before the record is
assembled, so the page text, the body and the fields read from it all see the corrected words; the
raw reading stays in the document's ``corrections``. A word hyphenated across a line end is tried
whole (``китай-`` + ``скому``) and its correction split back at the same place. Never tried: names
(all capitals, a capitalised word the dictionary knows only as a name, the words of the document's
header, distribution list and signature, the names listed in ``data/period.json``), numbers, dates,
cipher groups and Latin words.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ocr.contract import Correction
from ocr.correct.corrector import Corrector, default_corrector
from ocr.correct.lexicon import fold
from ocr.lines import Line, Role
from ocr.page import PageResult
from ocr.settings import Settings

# Tesseract models whose readings are Russian: correction runs only when every model of --lang is one.
RUSSIAN_MODELS = frozenset({"rus", "Cyrillic", "script/Cyrillic"})
CORRECTED_ROLES = frozenset({Role.BODY})
# Lines whose words are names, places and numbers of this document: never corrected elsewhere in it.
NAMING_ROLES = frozenset({Role.GRID, Role.ADDRESSEE, Role.SIGNATURE, Role.ROUTING, Role.FOOTER, Role.REGISTRATION})
_TOKEN = re.compile(r"^(\W*)(.*?)([^\w!]*)$")  # leading marks, the word, trailing marks ("!" may be a misread ы)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:]\W*$")


def corrects(lang: str) -> bool:
    """Whether words read with Tesseract's ``lang`` ("rus", "rus+eng") are corrected: Russian models only."""
    return set(lang.split("+")) <= RUSSIAN_MODELS


@dataclass(frozen=True)
class Slot:
    """One word to try: one Tesseract word, or the two halves of a word hyphenated across a line end."""

    places: tuple[tuple[int, int, int], ...]  # (page index, line index, word index)
    sentence_start: bool


def _body_places(pages: list[PageResult]) -> list[tuple[int, int, int]]:
    return [(p, k, w) for p, page in enumerate(pages) for k, line in enumerate(page.lines)
            if line.role in CORRECTED_ROLES for w in range(len(line.words))]


def _text(pages: list[PageResult], place: tuple[int, int, int]) -> str:
    p, k, w = place
    return pages[p].lines[k].words[w].text


def slots(pages: list[PageResult]) -> list[Slot]:
    """The body's words in reading order, hyphenated halves joined into one slot."""
    places, found, k = _body_places(pages), [], 0
    while k < len(places):
        text, last_line = _text(pages, places[k]), places[k][:2]
        starts = k == 0 or bool(_SENTENCE_END.search(_text(pages, places[k - 1])))
        following = places[k + 1] if k + 1 < len(places) else None
        if following and following[:2] != last_line and text.endswith("-") and _text(pages, following)[:1].islower():
            found.append(Slot((places[k], following), starts))
            k += 2
        else:
            found.append(Slot((places[k],), starts))
            k += 1
    return found


def split_token(text: str) -> tuple[str, str, str]:
    """``«перелать,`` → ``("«", "перелать", ",")``: leading marks, the word, trailing marks."""
    lead, core, trail = _TOKEN.match(text).groups()
    return lead, core, trail


def _protected(pages: list[PageResult]) -> frozenset[str]:
    return frozenset(fold(split_token(word.text)[1]) for page in pages for line in page.lines
                     if line.role in NAMING_ROLES for word in line.words)


def _tried(core: str, capitalised_in_text: bool, protected: frozenset[str], corrector: Corrector) -> bool:
    """Whether ``core`` may be a misreading to correct: a Russian word that is no name or number."""
    letters = sum(c.isalpha() for c in core)
    if letters < 2 or sum(c.isdigit() for c in core) > 1 or "." in core or "/" in core:
        return False  # numbers, dates, cipher groups, abbreviations (one digit may be a misread З or О)
    if not _CYRILLIC.search(core) or core.isupper() or capitalised_in_text:
        return False  # Latin words; names in capitals; capitalised words inside a sentence are names
    folded = fold(core)
    exclaimed = core.endswith("!") and corrector.lexicon.known(core.rstrip("!"))  # a real "!", not a misread ы
    return folded not in protected and folded not in corrector.lexicon.names and not exclaimed


def _split_back(joined: str, corrected: str, cut: int) -> int:
    """Where ``cut`` in ``joined`` falls in ``corrected`` (the hyphen's place after the correction)."""
    for op in Levenshtein.opcodes(joined, corrected):
        if op.src_start <= cut < op.src_end or (op.src_start == cut == op.src_end):
            return op.dest_start + (min(cut - op.src_start, op.dest_end - op.dest_start) if op.tag != "insert" else 0)
    return len(corrected)


def _slot_edits(pages: list[PageResult], slot: Slot, protected: frozenset[str], corrector: Corrector) -> dict:
    """``{place: (new word text, score)}`` for one slot; empty when it stays as read."""
    words = [pages[p].lines[k].words[w] for p, k, w in slot.places]
    parts = [split_token(word.text) for word in words]
    if len(parts) == 2:
        parts[0] = (parts[0][0], parts[0][1].rstrip("-"), "-")
    joined = "".join(core for _, core, _ in parts)
    capitalised = joined[:1].isupper()
    if not _tried(joined, capitalised and not slot.sentence_start, protected, corrector):
        return {}
    confidence = min(word.confidence for word in words)
    choice = corrector.choose(joined, confidence, capitalised=capitalised)
    if choice is None:
        return {}
    cut = _split_back(joined, choice.word, len(parts[0][1])) if len(parts) == 2 else len(choice.word)
    pieces = [choice.word[:cut], choice.word[cut:]]
    return {place: (lead + piece + trail, choice.score)
            for place, (lead, _, trail), piece in zip(slot.places, parts, pieces)
            if lead + piece + trail != _text(pages, place)}


def _respliced(line: Line, texts: list[str]) -> str:
    """The line's text with each word's text replaced by the new one, in order."""
    text, cursor = line.text, 0
    for word, new in zip(line.words, texts, strict=True):
        at = text.find(word.text, cursor)
        if at < 0:
            continue
        text = text[:at] + new + text[at + len(word.text):]
        cursor = at + len(new)
    return text


def _apply(pages: list[PageResult], edits: dict) -> list[PageResult]:
    changed = []
    for p, page in enumerate(pages):
        lines = []
        for k, line in enumerate(page.lines):
            texts = [edits.get((p, k, w), (word.text, 0))[0] for w, word in enumerate(line.words)]
            words = [dataclasses.replace(word, text=t) for word, t in zip(line.words, texts, strict=True)]
            lines.append(dataclasses.replace(line, words=words, text=_respliced(line, texts)) if texts != [w.text for w in line.words] else line)
        changed.append(dataclasses.replace(page, lines=lines))
    return changed


def correct_pages(pages: list[PageResult], settings: Settings,
                  corrector: Corrector | None = None) -> tuple[list[PageResult], list[Correction]]:
    """The pages (in reading order) with their body words corrected, and each change made."""
    if not settings.correct or not corrects(settings.ocr.lang):
        return pages, []
    corrector = corrector or default_corrector()
    protected = _protected(pages)
    edits = {}
    for slot in slots(pages):
        if all(split_token(_text(pages, place))[1] in pages[place[0]].lines[place[1]].text for place in slot.places):
            edits.update(_slot_edits(pages, slot, protected, corrector))
    corrections = [Correction(page=pages[p].number, bbox=pages[p].lines[k].words[w].bbox,
                              before=pages[p].lines[k].words[w].text, after=new, score=score)
                   for (p, k, w), (new, score) in edits.items()]
    return _apply(pages, edits), corrections
