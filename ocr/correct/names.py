"""The addressee's surname, the place of origin, a priority and the grid's recipients put right where OCR misread
a letter of them.

All are typed in capitals, the addressee letter-spaced, and a worn or broken type bar reads as another letter
now and then (``Г Р О Н Ы К О.`` for ``ГРОМЫКО``) or wherever it struck (``ПХЕЧЬЯЧА`` for ``ПХЕНЬЯНА``, its
``Н`` broken; ``ЗСЗБЗ ВАЖЧАЯ`` for the priority ``ОСОБО ВАЖНАЯ``, its ``О``). A word the dictionary does not know that reads as exactly one name it knows (the period's
listed names, or a form it knows only as a name or place) with one letter put right, or one letter put right
wherever it stands, is that name; a word already, a short one (``КИМ`` has ``РИМ`` and ``КИР`` as near), or
one with several names as near, stays as read. A word that reads as no word but as exactly one name with a letter
lost at one end (``ЬЮ-ЙОРКА``: its faint ``Н``) is that name too. A recipient in the grid is typed in the dative (``Маленкову``), or
undeclined (``Берия``): read one letter lost, added or misread from exactly one such form of a listed name, it is that.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import TYPE_CHECKING

from pymorphy3 import MorphAnalyzer
from rapidfuzz.distance import Levenshtein

from ocr import fields
from ocr.contract import Correction
from ocr.correct.corrector import ALPHABET, MIN_EDIT_LENGTH
from ocr.correct.lexicon import Lexicon, fold
from ocr.form import FILE_COPY
from ocr.homoglyphs import to_cyrillic
from ocr.lines import Line, Role, union_box, words_text
from ocr.routing import origin_apart, parse_routing

if TYPE_CHECKING:  # the page's module reads pages, and records are assembled with this one's help
    from ocr.page import PageResult

_CAPITALS = ALPHABET.upper()


def _stands(name: str, lexicon: Lexicon) -> bool:
    """Whether ``name`` (in capitals) stands as read: a word the dictionary knows, a hyphenated place only when known
    whole as a name (each part alone may be a word: ``ЧЬЮ-ЙОРКА``, ``чью``)."""
    return lexicon.is_name(name) if "-" in name.strip("-") else lexicon.known(name)


def _misread_once(name: str) -> set[str] | None:
    """``name`` (in capitals) with one letter misread once or wherever it stands, or with its one mark that is no
    letter read for one (``ТОКИ?``) or, at an end, a speck beside it (``ПРАГИ*``); None when it is too short to
    tell, or has two such marks."""
    odd = [k for k, c in enumerate(name) if not c.isalpha() and c != "-"]
    if len(name) < MIN_EDIT_LENGTH or len(odd) > 1:
        return None
    letters = odd or [k for k, c in enumerate(name) if c != "-"]
    speck = {name[:k] + name[k + 1:] for k in odd if k in (0, len(name) - 1)}
    return {name[:k] + c + name[k + 1:] for k in letters for c in _CAPITALS if c != name[k]} | speck | (set() if odd else struck_alike(name))


def names_near(name: str, lexicon: Lexicon) -> list[str]:
    """All names (in capitals, in order) ``name`` reads as with one letter misread (:func:`_misread_once`); none
    when ``name`` :func:`_stands` as read."""
    near = _misread_once(name)
    if near is None or _stands(name, lexicon):
        return []
    return sorted(word for word in near if lexicon.is_name(word))


def spelt_name(name: str, lexicon: Lexicon) -> str | None:
    """The one name (in capitals) ``name`` reads with one letter misread (:func:`names_near`); None when there is
    no one such, or when ``name`` :func:`_stands` as read."""
    names = names_near(name, lexicon)
    return names[0] if len(names) == 1 else None


def spelt_place(name: str, lexicon: Lexicon) -> str | None:
    """The place (:func:`_city`) the origin ``name`` reads with one letter misread (:func:`_misread_once`), or, read
    TWO_EDIT_LENGTH letters or more, with two (``БЕПГРАПА`` for ``БЕЛГРАДА``: a face whose ``Л`` and ``Д`` read as
    ``П``; among so many neighbours only a place known to wordfreq is sought); None when there is none such, or
    when ``name`` :func:`_stands` as read. A place's genitive may be a word too (``БЕРЛИНА``, a carriage): a place
    here is any form the dictionary knows as one."""
    near = _misread_once(name)
    if near is None or _stands(name, lexicon):
        return None
    if found := _city([word for word in near if lexicon.morph.word_is_known(fold(word))], lexicon):
        return found
    if len(name) < TWO_EDIT_LENGTH or not name.isalpha():
        return None
    twice = {word[:k] + c + word[k + 1:] for word in near for k in range(len(word)) for c in _CAPITALS}
    return _city([word for word in twice if lexicon.listed(fold(word))], lexicon)


# A place's form this many times as common as any other's is the city a telegram came from: the embassies stand in
# capitals, known far more widely than a village one letter off (``ЛЕКИНА``: ``ПЕКИНА``, not ``ЩЕКИНА``).
CITY_LEAD = 10.0


def _city(names: list[str], lexicon: Lexicon) -> str | None:
    """The one of ``names`` the dictionary knows as a place in the genitive, as typed after ``Из`` (not ``ПРАГА`` or
    ``ПРАГЕ`` for ``ПРАГН``), and CITY_LEAD times as common as any other such (surnames one letter off, ``ЛУКИНА``, are
    no place); None when there is none such."""
    places = sorted((word for word in names if any(p.is_known and {"Geox", "gent"} <= p.tag.grammemes
                                                   for p in lexicon.morph.parse(fold(word)))),
                    key=lexicon.frequency, reverse=True)
    if not places or len(places) > 1 and lexicon.frequency(places[0]) < CITY_LEAD * lexicon.frequency(places[1]):
        return None
    return places[0]


def ended_name(name: str, lexicon: Lexicon) -> str | None:
    """The one name (in capitals) ``name`` reads with a letter lost at one end (``ЬЮ-ЙОРКА`` for ``НЬЮ-ЙОРКА``: a faint
    first letter), where it reads as no word; None when there is no one such. A letter is not taken away: a name read
    with its first letter lost may spell another name less that letter (``ЕДОРЕНКО``: ``ДОРЕНКО``)."""
    if len(name) < MIN_EDIT_LENGTH or not name.replace("-", "").isalpha() or _stands(name, lexicon):
        return None
    names = [word for c in _CAPITALS for word in (c + name, name + c) if lexicon.is_name(word)]
    return names[0] if len(names) == 1 else None


def struck_alike(text: str) -> set[str]:
    """``text`` (in capitals) with a letter it holds twice or more read as another wherever it stands: what a
    broken type bar, read as one other letter each time it struck, was typed as."""
    return {text.replace(a, c) for a in set(text) if a in _CAPITALS and text.count(a) > 1 for c in _CAPITALS if c != a}


def marks_struck_alike(text: str, vocabulary: list[str]) -> list[str]:
    """The marks of ``vocabulary`` the line spells with one letter read as another wherever it stands
    (:func:`struck_alike`: ``ЗСЗБЗ ВАЖЧАЯ`` for ``ОСОБО ВАЖНАЯ``), when all such readings that spell marks
    spell the same; else none."""
    found = {tuple(fields.marks_in(variant, vocabulary)) for variant in struck_alike(fields.cyrillic(text).upper())} - {()}
    return list(found.pop()) if len(found) == 1 else []


def _letters(text: str, marks: str) -> str:
    """The letters of ``text`` and its ``marks`` that are no letters (what a name was read with), in capitals."""
    return "".join(to_cyrillic(c).upper() for c in text if c.isalpha() or c in marks)


def _put_right(text: str, at: dict[int, str], marks: str) -> str:
    """``text`` with its letters (and ``marks``) numbered ``at``, counting those only, made the given ones (a letter
    lost beside one: the two), in its case."""
    chars, seen = list(text), 0
    for k, c in enumerate(text):
        if c.isalpha() or c in marks:
            if seen in at:
                chars[k] = at[seen].lower() if c.islower() else at[seen]
            seen += 1
    return "".join(chars)


def _edits(name: str, right: str, start: int) -> dict[int, str]:
    """What each letter of ``name``, the line's letters from ``start`` on, becomes to read ``right``: a misread one
    the right one; where ``right`` is a letter longer (:func:`ended_name`), its first or last letter the lost letter
    beside it; where it is one shorter (a speck read at an end of it, :func:`_misread_once`), that speck nothing."""
    if len(right) == len(name):
        return {start + k: b for k, (a, b) in enumerate(zip(name, right)) if a != b}
    if len(right) < len(name):
        return {start: ""} if name[1:] == right else {start + len(name) - 1: ""}
    return {start: right[:2]} if right.endswith(name) else {start + len(name) - 1: right[-2:]}


def _respelt(line: Line, name: str | None, page: int, lexicon: Lexicon) -> tuple[Line, list[Correction]] | None:
    """The line with the misread (or lost) letters of ``name`` (as the line spells it) put right, and the words
    changed; None when the name reads as no one name."""
    spelt = spelt_place if line.role is Role.ROUTING else spelt_name
    right = (spelt(name, lexicon) or ended_name(name, lexicon)) if name else None
    if right is None and line.role is Role.ROUTING and (apart := origin_apart(line.text)):
        right = spelt_place(apart, lexicon)  # ``ПЕК НА``: the gap is the place's lost letter
        return _rejoined(line, apart, right, page) if right else None
    marks = "".join(c for c in name or "" if not c.isalpha())
    letters = _letters(line.text, marks)
    if right is None or name not in letters:
        return None
    start = letters.index(name)
    at = _edits(name, right, start)
    if _letters(words_text(line.words), marks) != letters:
        # A line written anew from its readings' values (:func:`ocr.reread.routing.routing_text`): its text only.
        change = [Correction(page=page, bbox=line.bbox, before=name, after=right, score=1.0)] if line.bbox else []
        return (dataclasses.replace(line, text=_put_right(line.text, at, marks)), change) if change else None
    words, changes, seen = [], [], 0
    for word in line.words:
        held = sum(c.isalpha() or c in marks for c in word.text)
        new = _put_right(word.text, {k - seen: c for k, c in at.items() if seen <= k < seen + held}, marks)
        if new != word.text:
            changes.append(Correction(page=page, bbox=word.bbox, before=word.text, after=new, score=1.0))
        words.append(dataclasses.replace(word, text=new))
        seen += held
    return dataclasses.replace(line, text=_put_right(line.text, at, marks), words=words), changes


def _rejoined(line: Line, name: str, right: str, page: int) -> tuple[Line, list[Correction]] | None:
    """The line with the two words that read the place ``name`` apart (``ПЕК``, ``НА``) one word spelling it ``right``:
    the gap between them is its lost letter; None when no two words read it so."""
    words = line.words
    for k in range(len(words) - 1):
        pair = f"{words[k].text} {words[k + 1].text}"
        if _letters(pair, " ").startswith(name):
            word = dataclasses.replace(words[k], text=_put_right(pair, _edits(name, right, 0), " "),
                                       bbox=union_box([words[k].bbox, words[k + 1].bbox]),
                                       confidence=min(words[k].confidence, words[k + 1].confidence))
            text = _put_right(line.text, _edits(name, right, _letters(line.text, " ").index(name)), " ")
            change = Correction(page=page, bbox=word.bbox, before=pair, after=word.text, score=1.0)
            return dataclasses.replace(line, text=text, words=words[:k] + [word] + words[k + 2:]), [change]
    return None


def recipient(name: str, lexicon: Lexicon) -> str | None:
    """The one grid form of a listed name ``name`` reads with one letter lost, added or misread (``Вышинскоу``,
    ``М-кояну``; :func:`_near`), in its case: a dative (:func:`datives_of`) first, as the grid gives most names,
    else the name undeclined (``Берня``: ``Берия``). A name read in the nominative lost its dative's ``у``
    (``Микоян``); one read with a speck's letters after it is that name (:func:`_begun`). None when there is no one
    such, or it reads one."""
    folded = fold(name)
    listed, datives = _grid_forms(lexicon)
    if folded in listed and folded + "у" in datives:
        return _in_case(folded + "у", name)
    if folded in listed | datives or len(folded) < MIN_EDIT_LENGTH - 1:
        return None
    near = ([form for form in datives if _near(folded, form)] or [form for form in listed if _near(folded, form)]
            or _begun(folded, datives | listed))
    return _in_case(near[0], name) if len(near) == 1 else None


# Letters a speck or stain after a name in the grid reads as, run into the name (``Кагановичумох``, ``Бериямм``).
TRAILING_LETTERS = 3


def _begun(read: str, forms: frozenset[str]) -> list[str]:
    """The longest of ``forms`` that ``read`` begins with and runs on from by TRAILING_LETTERS at most; none if none."""
    begun = [form for form in forms if read.startswith(form) and len(read) - len(form) <= TRAILING_LETTERS]
    return [max(begun, key=len)] if begun else []


def _listed(lexicon: Lexicon) -> frozenset[str]:
    """The listed names long enough to put right, folded."""
    return frozenset(form for form in lexicon.names if len(form) >= MIN_EDIT_LENGTH)


def _grid_forms(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The listed names (:func:`_listed`) with the file copy's word (undeclined), and the names' datives
    (:func:`datives_of`), folded."""
    listed = _listed(lexicon)
    return listed | {fold(FILE_COPY)}, datives_of(listed, lexicon.morph)


def is_recipient(name: str, lexicon: Lexicon) -> bool:
    """Whether ``name`` is spelt as the grid gives a listed name: its dative, or undeclined."""
    listed, datives = _grid_forms(lexicon)
    return fold(name) in listed | datives


# A surname ending in one of these is typed undeclined to its addressee (``ГРОМЫКО``, ``ФЕДОРЕНКО``).
_VOWELS = "аеиоуыэюя"


@functools.cache
def _addressee_forms(listed: frozenset[str], morph: MorphAnalyzer) -> frozenset[str]:
    """The forms of ``listed`` surnames an addressee is typed in, folded: the masculine dative (:func:`datives_of`;
    one the dictionary knows as no surname takes ``у`` as a surname does: ``малику``), or undeclined after a vowel."""
    return datives_of(listed, morph) | {form if form[-1] in _VOWELS else form + "у" for form in listed if form[-1] not in "йь"}


def addressee(name: str, lexicon: Lexicon) -> str | None:
    """The listed official (in capitals) an addressee read as ``name`` is, spelt as typed (:func:`_addressee_forms`):
    read so, or with a letter lost, added or misread (two in a long name, :func:`_near`: ``БОГЕМОООВУ``); None when
    ``name`` is near no such form, or near two."""
    folded = fold(name)
    forms = _addressee_forms(_listed(lexicon), lexicon.morph)
    near = [folded] if folded in forms else [form for form in forms if _near(folded, form)]
    return near[0].upper() if len(near) == 1 else None


# A read this long may be two letters off a listed name's form: those of two names stand four letters apart at least.
TWO_EDIT_LENGTH = 8


def _near(read: str, form: str) -> bool:
    """Whether ``read`` is ``form`` with one letter lost, added or misread (two, read TWO_EDIT_LENGTH letters or more:
    ``Мопотовуо``); one of MIN_EDIT_LENGTH - 1 letters only with its first lost (shorter words have too many
    neighbours to tell otherwise)."""
    if len(read) < MIN_EDIT_LENGTH:
        return form[1:] == read
    edits = 2 if len(read) >= TWO_EDIT_LENGTH else 1
    return Levenshtein.distance(read, form, score_cutoff=edits) <= edits


# A listed name this many letters long or more may be the nearest to a reading under a pen; a shorter one is as near
# to too many misreadings (``ЧЕРИ``, four letters the pen left of ``ЧЕРНЫШЕВ``, reads ``НЕРУ`` with two put right).
NEAREST_LENGTH = 5
# Of a listed name's letters at least this share read in place (as Levenshtein counts: lost, added, misread).
NEAREST_SHARE = 0.5


def nearest_listed(read: str, length: int, lexicon: Lexicon) -> str | None:
    """The listed name (in capitals) of ``length`` letters (NEAREST_LENGTH or more) nearer ``read`` than any other of
    that length, NEAREST_SHARE of its letters at least read in place (``ИРЫКОН`` for ``ШТЫКОВ`` under a pen's
    loops); None where none is, or two are as near."""
    folded = fold(read)
    scored = sorted(((Levenshtein.normalized_similarity(folded, form), form) for form in lexicon.names
                     if len(form) == length >= NEAREST_LENGTH), reverse=True)
    if not scored or scored[0][0] < NEAREST_SHARE or len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1].upper()


def begun_listed(begun: str, length: int, lexicon: Lexicon) -> str | None:
    """The one listed name (in capitals) of ``length`` letters (NEAREST_LENGTH or more) that begins with ``begun``
    (``ПАН`` of eight letters: ``ПАНЮШКИН``); None where none or several do."""
    folded = fold(begun)
    forms = [form for form in lexicon.names if len(form) == length >= NEAREST_LENGTH and form.startswith(folded)]
    return forms[0].upper() if len(forms) == 1 else None


# A surname read surely and known to neither the period's list nor the dictionary stands as read from this many
# letters on; a shorter one is what the page read of a longer name, its end under the pen (``ФЕД`` of ``ФЕДОРЕНКО``).
SURE_NAME_LENGTH = 5


def signer_name(read: str, lexicon: Lexicon, sure: bool) -> str | None:
    """The surname a signature's name read as ``read`` (in capitals, initials before it kept) is: a listed name of
    the period; else the one listed name it reads with a letter lost, added or misread (:func:`_near`: ``АЛИК`` for
    ``МАЛИК``, its faint first letter; ``РОЩИНН``); else, SURE_NAME_LENGTH letters or more and no listed name's
    beginning, a surname the dictionary knows or, read ``sure``ly as one word, any. Pieces a space apart are one
    surname (a letter-spaced name's gap read wide), never taken as read. None otherwise: a wrong name is worse
    than none."""
    tokens = read.split()
    initials = [token for token in tokens if re.fullmatch(r"\w\.", token)]
    parts = [token for token in tokens if token not in initials]
    surname, folded = "".join(parts), fold("".join(parts))
    near = [form for form in lexicon.names if len(form) >= MIN_EDIT_LENGTH and _near(folded, form)]
    begun = any(form.startswith(folded) for form in lexicon.names)  # ``ЧЕРНЫШ``: the rest under the pen
    if folded in lexicon.names or len(surname) >= SURE_NAME_LENGTH and not near and not begun and (
            _surname(folded, lexicon) or sure and len(parts) == 1):
        return " ".join(initials + [surname])
    return " ".join(initials + [near[0].upper()]) if len(near) == 1 else None


def _surname(folded: str, lexicon: Lexicon) -> bool:
    """Whether the dictionary knows the form as a surname (``ЛЕБЕДЕВ``; not ``ЧЕРНЫШ``, a word)."""
    return any(parse.is_known and "Surn" in parse.tag.grammemes for parse in lexicon.morph.parse(folded))


def _in_case(form: str, read: str) -> str:
    return form.upper() if read.isupper() else form.capitalize()


@functools.cache
def datives_of(names: frozenset[str], morph: MorphAnalyzer) -> frozenset[str]:
    """The masculine dative of each name's surname reading, folded (``маленкову``), where it differs from the name and
    ends in ``у`` as the grid types it: a name declined otherwise the grid gives undeclined (``Берия``, not ``Берии``,
    to which a misread ``Бериа`` is as near)."""
    return frozenset(fold(dative.word) for name in names for parse in morph.parse(name)
                     if {"Surn", "masc", "sing"} <= parse.tag.grammemes and (dative := parse.inflect({"datv"}))
                     and dative.word.endswith("у")) - names


def _respelt_recipients(line: Line, page: int, lexicon: Lexicon) -> tuple[Line, list[Correction]] | None:
    """A grid row with each recipient put right (:func:`recipient`) in its text and its cells; None when none is."""
    text, cells, changes = line.text, list(line.cells), []
    for _, name in fields.parse_grid_row(line.text):
        right = recipient(name, lexicon) if name else None
        # The name as the row spells it: its letters a space or a stray mark apart now and then (``Вышинско у``,
        # ``Булганину ›Ю``: the next slot's opening read as a letter of it).
        spelt = re.search(r"[\W_]*".join(map(re.escape, fields.cyrillic(name))), fields.cyrillic(text), re.IGNORECASE) if right else None
        if spelt is None:
            continue
        text = text[:spelt.start()] + right + text[spelt.end():]
        cells = [right if fold(cell) == fold(name) else cell for cell in cells]
        changes.append(Correction(page=page, bbox=line.bbox, before=spelt[0], after=right, score=1.0))
    return (dataclasses.replace(line, text=text, cells=cells), changes) if changes and line.bbox else None


def _name_of(line: Line) -> str | None:
    if line.role is Role.ADDRESSEE:
        return fields.addressee_name(line.text)
    return parse_routing(line.text).origin if line.role is Role.ROUTING else None


def respell_names(pages: list[PageResult], lexicon: Lexicon) -> tuple[list[PageResult], list[Correction]]:
    """The pages with the misread letters of the addressee and the origin put right (:func:`spelt_name`), and the
    grid's recipients (:func:`recipient`), and the changes made."""
    out, changes = [], []
    for page in pages:
        lines = []
        for line in page.lines:
            found = (_respelt(line, _name_of(line), page.number, lexicon) if line.role in (Role.ADDRESSEE, Role.ROUTING)
                     else _respelt_recipients(line, page.number, lexicon) if line.role is Role.GRID else None)
            lines.append(found[0] if found else line)
            changes += found[1] if found else []
        out.append(dataclasses.replace(page, lines=lines) if lines != page.lines else page)
    return out, changes
