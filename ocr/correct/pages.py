"""Correction of a document's page lines: which words are tried, and every change recorded.

Runs on the message text (body lines) of every page in reading order, before the record is
assembled, so the page text, the body and the fields read from it all see the corrected words; the
raw reading stays in the document's ``corrections``. A word hyphenated across a line end is tried
whole (``китай-`` + ``скому``) and its correction split back at the same place; before that, a line's
last word struck out with ``X`` is dropped and words the reading broke are mended (a hyphen read apart, a
word split in two). A capital misread where the
sentence surely goes on is put small. Never tried: names (all capitals, a capitalised word inside a
sentence that is no common word or may be a name, the capitalised words of the document's header,
distribution list and signature, the names listed in ``data/period.json``), numbers, dates, cipher
groups and Latin words. A second pass weighs the document's frequent confusions at its own rate. The
addressee's and the origin's names are only put right where a letter of them is misread (:mod:`ocr.correct.names`).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ocr.contract import Correction
from ocr.correct.corrector import (
    COMMON_FREQUENCY,
    Corrector,
    cased_like,
    default_corrector,
    document_word,
    recased,
    shouted,
)
from ocr.correct.lexicon import HARD_SIGN_QUOTES, UNSEEN_FREQUENCY, Lexicon, fold
from ocr.correct.names import respell_names
from ocr.lines import Line, Role
from ocr.page import PageResult
from ocr.settings import Settings
from ocr.untyped import struck_out

# Tesseract models whose readings are Russian: correction runs only when every model of --lang is one.
RUSSIAN_MODELS = frozenset({"rus", "Cyrillic", "script/Cyrillic"})
CORRECTED_ROLES = frozenset({Role.BODY})
# Lines whose words are names, places and numbers of this document: never corrected elsewhere in it.
NAMING_ROLES = frozenset({Role.GRID, Role.ADDRESSEE, Role.SIGNATURE, Role.ROUTING, Role.FOOTER, Role.REGISTRATION})
_TOKEN = re.compile(r"^(\W*)(.*?)([^\w!]*)$")  # leading marks, the word, trailing marks ("!" may be a misread ы)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_WORDLIKE = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[.!?:]\W*$")
_DASHES = frozenset("-–—")
# A word ending in a letter: a trailing dash may be a full stop misread (``связи- Подробный``).
_PLAIN_WORD = re.compile(r"[а-яё](?:[а-яё-]*[а-яё])?", re.IGNORECASE)


def corrects(lang: str) -> bool:
    """Whether words read with Tesseract's ``lang`` ("rus", "rus+eng") are corrected: Russian models only."""
    return set(lang.split("+")) <= RUSSIAN_MODELS


@dataclass(frozen=True)
class Slot:
    """One word to try: one Tesseract word, or the two halves of a word hyphenated across a line end."""

    places: tuple[tuple[int, int, int], ...]  # (page index, line index, word index)
    sentence_start: bool  # after a full stop or colon: a capital there is no sign of a name
    # Surely inside a sentence: right after a plain word (no mark: a full stop may be read as a comma)
    # with no wide space (one left for a full stop the reading lost), not a paragraph's first word, no
    # capitalised word beside it (``Советского Союза``).
    inside_sentence: bool = False
    # As surely inside a sentence but for a capitalised word beside it, and whether the word before is one.
    continues: bool = False
    after_capital: bool = False
    alone: bool = False  # the only word of its line (its marks aside)


def _body_places(pages: list[PageResult]) -> list[tuple[int, int, int]]:
    return [(p, k, w) for p, page in enumerate(pages) for k, line in enumerate(page.lines)
            if line.role in CORRECTED_ROLES for w in range(len(line.words))]


def _text(pages: list[PageResult], place: tuple[int, int, int]) -> str:
    p, k, w = place
    return pages[p].lines[k].words[w].text


def _after_wide_space(line: Line) -> list[bool]:
    """For each word of the line, whether two spaces or more stand before it in the line's text: where
    the typist left a full stop's wide space, the stop itself may have been lost (``положении  Он``)."""
    found, cursor = [], 0
    for word in line.words:
        at = line.text.find(word.text, cursor)
        found.append(at >= 2 and line.text[at - 2:at] == "  ")
        cursor = max(cursor, at + len(word.text))
    return found


def slots(pages: list[PageResult]) -> list[Slot]:
    """The body's words in reading order, hyphenated halves joined into one slot."""
    places, found, k = _body_places(pages), [], 0
    texts = [_text(pages, place) for place in places]
    capital = [split_token(text)[1][:1].isupper() for text in texts]
    wide = {(p, k): _after_wide_space(pages[p].lines[k]) for p, k, _ in places}
    while k < len(places):
        text, last_line = texts[k], places[k][:2]
        starts = k == 0 or bool(_SENTENCE_END.search(texts[k - 1]))
        following = places[k + 1] if k + 1 < len(places) else None
        size = 2 if following and following[:2] != last_line and text.endswith("-") and texts[k + 1][:1].islower() else 1
        beside = (k > 0 and capital[k - 1]) or (k + size < len(places) and capital[k + size])
        p, line, w = places[k]
        opens_line = w == 0 and pages[p].lines[line].paragraph_start
        # After a mark a capital may follow a full stop misread (``союза, Эти``) or noise.
        after_word = k > 0 and bool(_PLAIN_WORD.fullmatch(texts[k - 1]))
        continues = after_word and not opens_line and not wide[(p, line)][w]
        alone = size == 1 and sum(bool(_WORDLIKE.search(w.text)) for w in pages[p].lines[line].words) == 1
        found.append(Slot(tuple(places[k:k + size]), starts, continues and not beside, continues, k > 0 and capital[k - 1], alone))
        k += size
    return found


def split_token(text: str) -> tuple[str, str, str]:
    """``«перелать,`` → ``("«", "перелать", ",")``: leading marks, the word, trailing marks."""
    lead, core, trail = _TOKEN.match(text).groups()
    return lead, core, trail


def _protected(pages: list[PageResult]) -> frozenset[str]:
    """The capitalised words of the document's naming lines (its lower-case words there, ``экз``, are no names)."""
    cores = (split_token(word.text)[1] for page in pages for line in page.lines
             if line.role in NAMING_ROLES for word in line.words)
    return frozenset(fold(core) for core in cores if core[:1].isupper())


def _tried(core: str, protected: frozenset[str], corrector: Corrector, alone: bool = False) -> bool:
    """Whether ``core`` may be a misreading to correct: a Russian word that is no name in capitals,
    number, date or cipher group (a lone letter that is no word is tried: ``м`` for ``и``; so is a lone ``0``,
    never a number typed alone in a message, and the preposition ``о`` misread: ``правительства 0 направлении``)."""
    if core == "0":
        return True
    letters, digits = sum(c.isalpha() for c in core), sum(c.isdigit() for c in core)
    if letters + digits < 2 and not (letters == 1 and len(core) == 1) or digits > 1 or "." in core or "/" in core:
        return False  # numbers, dates, cipher groups, abbreviations (one digit may be a misread З or О)
    if not _CYRILLIC.search(core) or (core.isupper() and len(core) > 1 and not shouted(core, corrector.lexicon, alone)):
        return False  # Latin words; names and abbreviations in capitals
    folded = fold(core)
    exclaimed = core.endswith("!") and corrector.lexicon.known(core.rstrip("!"))  # a real "!", not a misread ы
    return folded not in protected and folded not in corrector.lexicon.names and not exclaimed


def _split_back(joined: str, corrected: str, cut: int) -> int:
    """Where ``cut`` in ``joined`` falls in ``corrected`` (the hyphen's place after the correction)."""
    for op in Levenshtein.opcodes(joined, corrected):
        if op.src_start <= cut < op.src_end or (op.src_start == cut == op.src_end):
            return op.dest_start + (min(cut - op.src_start, op.dest_end - op.dest_start) if op.tag != "insert" else 0)
    return len(corrected)


def _slot_edits(pages: list[PageResult], slot: Slot, protected: frozenset[str], corrector: Corrector,
                unsure: bool = False) -> dict:
    """``{place: (new word text, score)}`` for one slot, its words read as if at no confidence when ``unsure``; empty
    when it stays as read."""
    words = [pages[p].lines[k].words[w] for p, k, w in slot.places]
    parts = [split_token(word.text) for word in words]
    if len(parts) == 2:
        parts[0] = (parts[0][0], parts[0][1].rstrip("-"), "-")
    joined = "".join(core for _, core, _ in parts)
    if not _tried(joined, protected, corrector, slot.alone) or (len(joined) == 1 and parts[-1][2].startswith(".")):
        return {}
    quoted = bool(parts[0][0])  # a title in quotes keeps its capital («Голос труда»)
    no_name = slot.continues and corrector.lexicon.no_name_part(joined, slot.after_capital)
    cased = recased(joined, corrector.lexicon, (slot.inside_sentence or no_name) and not quoted, slot.sentence_start, slot.alone)
    if no_name and len(joined) == 1 and joined.isupper():  # ``С``, ``В``: one letter, both cases alike
        cased = joined.lower()
    capitalised = cased[:1].isupper()
    choice = None
    if not (capitalised and not slot.sentence_start):  # capitalised inside a sentence: a name
        confidence = 0.0 if unsure else min(word.confidence for word in words)
        choice = corrector.choose(cased, confidence, capitalised=capitalised)
    word, score = (choice.word, choice.score) if choice else (cased, 1.0)
    if word == joined:
        return {}
    cut = _split_back(joined, word, len(parts[0][1])) if len(parts) == 2 else len(word)
    pieces = [word[:cut], word[cut:]]
    return {place: (lead + piece + trail, score)
            for place, (lead, _, trail), piece in zip(slot.places, parts, pieces)
            if lead + piece + trail != _text(pages, place)}


def _line_ends(pages: list[PageResult], corrector: Corrector) -> dict:
    """``{place: (new text, score)}`` mending a word hyphenated at a line's end that the reading broke:
    its hyphen read apart between two pieces that are no common words (``очере -`` + ``дной``, not
    ``Причины -`` + ``недостаток``) goes back onto the first, and the next line's half read in
    capitals (``отве-`` + ``ТИТЬ``) is put small when the whole is a listed word; the body then
    rejoins them."""
    places, edits = _body_places(pages), {}
    for before, dash, after in zip(places, places[1:], places[2:], strict=False):
        a, d = _text(pages, before), _text(pages, dash)
        if (d in _DASHES and before[:2] == dash[:2] != after[:2] and dash[2] == len(pages[dash[0]].lines[dash[1]].words) - 1
                and a.isalpha() and _text(pages, after)[:1].islower()
                and max(map(corrector.lexicon.frequency, (a, split_token(_text(pages, after))[1]))) < COMMON_FREQUENCY):
            edits[before], edits[dash] = (a + "-", 1.0), ("", 1.0)
    for first, second in zip(places, places[1:], strict=False):
        a, b = edits.get(first, (_text(pages, first),))[0], _text(pages, second)
        _, tail, trail = split_token(b)
        if (first[:2] != second[:2] and a.endswith("-") and len(tail) > 1 and tail.isupper() and tail.isalpha()
                and corrector.lexicon.listed(fold(split_token(a)[1] + tail))):
            edits[second] = (tail.lower() + trail, 1.0)
    return edits


SHORT_HEAD = 3  # a line's last word this short and known (``не``, ``при``) is a word of its own


def _split_words(pages: list[PageResult], corrector: Corrector) -> dict:
    """``{place: (new text, score)}`` joining a word the reading split in two (``бли жайшее``,
    ``промыш`` at a line's end + ``ленности``, its hyphen lost): two neighbours of the body, one of
    them no word, whose letters together are a known word, or inside a line a word misread. Across a line end the
    first half gets its hyphen back (the body's paragraphs rejoin it); inside a line the second half is dropped ("")."""
    places, edits, lexicon = _body_places(pages), {}, corrector.lexicon
    for first, second in zip(places, places[1:], strict=False):
        if first in edits or second in edits:
            continue
        a, b = _text(pages, first), _text(pages, second)
        lead, head, _ = split_token(a)
        quote, tail, trail = split_token(b)
        quote = quote if quote in HARD_SIGN_QUOTES else ""  # ``раз "яснению``: the typewriter's ъ read apart
        halves_ok = head == a[len(lead):] and quote + tail + trail == b and head.isalpha() and tail.isalpha() and tail.islower()
        if not halves_ok or not _CYRILLIC.search(head) or min(len(head), len(tail)) < 2 or len(head + tail) < 5:
            continue
        joined = head + quote + tail
        same_line = first[:2] == second[:2]
        line_break = not same_line and first[2] == len(pages[first[0]].lines[first[1]].words) - 1 and second[2] == 0
        # Across a line end a rare next-line fragment (``предусмотрен`` + ``ных``) after a longer word is that
        # word's end whatever the dictionary makes of the halves; inside a line two words it knows stay two.
        halves = lexicon.known(head) and lexicon.known(tail)
        if line_break and not quote:
            halves = lexicon.frequency(tail) >= COMMON_FREQUENCY or (len(head) <= SHORT_HEAD and halves)
        whole = lexicon.known(joined) and lexicon.frequency(joined) > UNSEEN_FREQUENCY
        # Inside a line, a half that is no common word beside another whose letters together are a word misread
        # (:func:`_misread_whole`) is one word split and misread: the dictionary knows many fragments (``иял``, ``воен``).
        misread = (same_line and not quote and not whole and min(map(lexicon.frequency, (head, tail))) < COMMON_FREQUENCY
                   and _misread_whole(joined, pages, (first, second), corrector))
        if not misread and (halves or not whole or (quote and not same_line)):
            continue
        if same_line:
            edits[first], edits[second] = (lead + joined + trail, 1.0), ("", 1.0)
        elif line_break:
            edits[first] = (a + "-", 1.0)
    return edits


def _misread_whole(joined: str, pages: list[PageResult], places: tuple, corrector: Corrector) -> bool:
    """Whether the two halves ``joined`` are one word misread as well as split (``при иял``, ``воен ый``): the corrector
    makes a word of the whole."""
    confidence = min(pages[p].lines[k].words[w].confidence for p, k, w in places)
    return corrector.choose(joined, confidence, capitalised=joined[:1].isupper()) is not None


def _struck_out(pages: list[PageResult], corrector: Corrector) -> dict:
    """``{place: ("", 1.0)}`` dropping a body line's last word typed over with ``X`` (:func:`ocr.untyped.struck_out`)
    that is no word of the language (``июня`` at a line's end stays)."""
    ends = [(p, k, len(line.words) - 1) for p, page in enumerate(pages) for k, line in enumerate(page.lines)
            if line.role in CORRECTED_ROLES and line.words]
    return {place: ("", 1.0) for place in ends
            if struck_out(core := split_token(_text(pages, place))[1]) and not corrector.lexicon.known(core)}


# Marks a typist never types as a word of their own between words (a dash is; ``№`` stands before its number):
# a lone one in the message is a speck, a stamp's stroke or a smear read as a mark.
_STRAY_MARKS = re.compile(r"^[.,:;<>/\\|+*()\[\]{}'`^~_«»?]+$")  # not ``"`` (the typist's ъ) nor ``!`` (a misread ы)
_STOPS = re.compile(r"(?<=[а-яё])[.,]*\.$", re.IGNORECASE)


# Parts of speech no sentence ends with, as a word is most likely read; adjectives and participles, whatever
# their reading, come before the noun they go with (one used as a noun, ``рабочих``, reads as a noun too).
_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL"})
_ATTRIBUTES = frozenset({"ADJF", "PRTF"})


def _ends_no_sentence(core: str, lexicon: Lexicon) -> bool:
    """Whether ``core`` is a word no sentence ends with (a preposition, conjunction or particle, an adjective or
    participle); not an initial (``А.``)."""
    if len(core) == 1 and core.isupper() or not lexicon.known(core):
        return False
    parses = lexicon.morph.parse(fold(core))
    return parses[0].tag.POS in _FUNCTION_WORDS or all(parse.tag.POS in _ATTRIBUTES for parse in parses)


def _stray_marks(pages: list[PageResult], corrector: Corrector) -> dict:
    """``{place: (new text, 1.0)}`` dropping what a speck or a stamp's stroke adds to the message as marks: a
    lone mark between words (``будет // менее``, ``местные . власти``), a full stop after a word no sentence ends
    with when a word follows (``на. реке``, ``нашего. генерального``), and a stop before a word's first letter or
    figure (``.1946``). A lone comma, colon or semicolon, and a lone stop before a capital or at the message's
    end, is the word's before it, read apart. A stop after other words stays: the sentence after it is often
    read with a small letter (``положении. он``)."""
    places, edits = _body_places(pages), {}
    texts = [_text(pages, place) for place in places]
    for k, (place, text) in enumerate(zip(places, texts)):
        following = next((t for t in texts[k + 1:] if not _STRAY_MARKS.match(t)), "")
        if _STRAY_MARKS.match(text):
            before = edits.get(places[k - 1], (texts[k - 1],))[0] if k else ""
            # The sentence's own stop, a comma, colon or semicolon read apart from its word.
            if before[-1:].isalnum() and (text == "." and not following[:1].islower() or len(text) == 1 and text in ",;:"):
                edits[places[k - 1]] = (before + text, 1.0)
            edits[place] = ("", 1.0)
            continue
        new = re.sub(r"^\.+(?=\w)", "", text)
        stops = _STOPS.search(new)
        if stops and following[:1].isalpha() and (core := split_token(new[:stops.start()])[1]).isalpha() \
                and _ends_no_sentence(core, corrector.lexicon):
            new = new[:stops.start()]
        if new != text:
            edits[place] = (new, 1.0)
    return edits


def _respliced(line: Line, texts: list[str]) -> str:
    """The line's text with each word's text replaced by the new one, in order (a word made "" is
    dropped with the space before it)."""
    text, cursor = line.text, 0
    for word, new in zip(line.words, texts, strict=True):
        at = text.find(word.text, cursor)
        if at < 0:
            continue
        if not new:
            before = text[:at].rstrip()
            text, cursor = before + text[at + len(word.text):], len(before)
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
            words = [dataclasses.replace(word, text=t) for word, t in zip(line.words, texts, strict=True) if t]
            lines.append(dataclasses.replace(line, words=words, text=_respliced(line, texts)) if texts != [w.text for w in line.words] else line)
        changed.append(dataclasses.replace(page, lines=lines))
    return changed


def correct_pages(pages: list[PageResult], settings: Settings,
                  corrector: Corrector | None = None) -> tuple[list[PageResult], list[Correction]]:
    """The pages (in reading order) with their body words, addressee and origin corrected, and each change made."""
    if not settings.correct or not corrects(settings.ocr.lang):
        return pages, []
    corrector = corrector or default_corrector()
    pages, corrections = respell_names(pages, corrector.lexicon)
    # Broken and split words first: the word-by-word correction then sees them whole.
    for mend in (_struck_out, _stray_marks, _line_ends, _split_words):
        edits = mend(pages, corrector)
        corrections += _recorded(pages, edits)
        pages = _apply(pages, edits)
    protected = _protected(pages)
    # Second pass: the confusions this document made often weigh its words at its own rate. They are counted over
    # its words read as if unsure: a worn type bar misread surely (``счередней``, ``депелнительно``: a face whose
    # ``о`` reads ``с`` and ``е``) is the document's habit as much as one misread unsurely.
    suspected = _word_edits(pages, protected, corrector, unsure=True)
    made = [(_text(pages, place), new) for place, (new, _) in suspected.items()]
    body = " ".join(_text(pages, place) for place in _body_places(pages))
    edits = _word_edits(pages, protected, corrector.adapted(made, body))
    corrections += _recorded(pages, edits)
    pages = _apply(pages, edits)
    # Last, the document's own words, the dictionary's corrections among them, put right what it could not.
    edits = _document_words(pages, protected, corrector)
    corrections += _recorded(pages, edits)
    pages = _apply(pages, edits)
    edits = _misread_prepositions(pages, corrector.lexicon)
    return _apply(pages, edits), corrections + _recorded(pages, edits)


# A word the message reads alike this often is read right: a misreading seldom repeats letter for letter.
MIN_REPEATS = 2


def _document_words(pages: list[PageResult], protected: frozenset[str], corrector: Corrector) -> dict:
    """``{place: (new text, 1.0)}`` putting right a word of the message read once, no word the dictionary knows, as
    the one word the message reads MIN_REPEATS times or more that it is nearest (:func:`document_word`); a half
    of a word hyphenated across a line end is no word to try, but the whole counts."""
    found = [(slot, "".join(split_token(_text(pages, place))[1] for place in slot.places))
             for slot in slots(pages)]
    counts = Counter(fold(core) for _, core in found if core.isalpha())
    vocabulary = [word for word, n in counts.items() if n >= MIN_REPEATS]
    edits = {}
    for slot, core in found:
        if (len(slot.places) > 1 or not core.isalpha() or counts[fold(core)] > 1 or corrector.lexicon.known(core)
                or not _tried(core, protected, corrector)):
            continue
        if word := document_word(fold(core), vocabulary, corrector.lexicon.common_by_length):
            lead, _, trail = split_token(_text(pages, slot.places[0]))
            edits[slot.places[0]] = (lead + cased_like(word, core) + trail, 1.0)
    return edits


# The cases ``с`` never takes (it takes the genitive, accusative and instrumental), and ``о`` does: the prepositional.
_ABOUT_ONLY = frozenset({"loct", "loc2", "datv"})
_ABOUT = frozenset({"loct", "loc2"})


def _misread_prepositions(pages: list[PageResult], lexicon: Lexicon) -> dict:
    """``{place: (new text, 1.0)}`` putting right the preposition ``о`` read ``с`` (a worn ``о``'s gap, or its
    ring read open): before a word the dictionary knows only in cases ``с`` never governs and in the
    prepositional (``с подготовке``, ``с ценах``), it is ``о``. Before a vowel ``о`` is ``об``, another misreading;
    before a capital, a name the dictionary may know in a case of its own (``с Герё``)."""
    places, edits = _body_places(pages), {}
    texts = [_text(pages, place) for place in places]
    for place, text, following in zip(places, texts, texts[1:]):
        lead, core, trail = split_token(text)
        after = split_token(following)[1]
        if core not in ("с", "С") or trail or not after.isalpha() or not after.islower() or after[0] in "аеёиоуыэюя":
            continue
        cases = {parse.tag.case for parse in lexicon.morph.parse(fold(after)) if parse.is_known}
        if cases and cases <= _ABOUT_ONLY and cases & _ABOUT:
            edits[place] = (lead + ("о" if core == "с" else "О") + trail, 1.0)
    return edits


def _recorded(pages: list[PageResult], edits: dict) -> list[Correction]:
    return [Correction(page=pages[p].number, bbox=pages[p].lines[k].words[w].bbox,
                       before=pages[p].lines[k].words[w].text, after=new, score=score)
            for (p, k, w), (new, score) in edits.items()]


def _word_edits(pages: list[PageResult], protected: frozenset[str], corrector: Corrector, unsure: bool = False) -> dict:
    edits = {}
    for slot in slots(pages):
        if all(split_token(_text(pages, place))[1] in pages[place[0]].lines[place[1]].text for place in slot.places):
            edits.update(_slot_edits(pages, slot, protected, corrector, unsure))
    return edits
