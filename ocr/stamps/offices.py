"""The words Soviet offices' stamps are cut in: ministries, commissariats, their departments and
registries, the state's names. A word misread on a stamp (typing across it, a worn letter) is put
right against these first: a stamp names an office, so of two words about as near the office's is the
likelier (``ВЕНТРАЛЬЮЫИЙ`` is ``ЦЕНТРАЛЬНЫЙ``, not some rarer word the general lexicon holds).
"""

from __future__ import annotations

import functools

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ocr.correct.lexicon import fold, lexicon

# Lemmas of offices' names as their stamps give them, in every form (pymorphy3 inflects them).
OFFICE_LEMMAS = (
    "министерство", "министр", "народный", "комиссариат", "наркомат", "совет", "союз", "республика",
    "социалистический", "советский", "федеративный", "государственный", "центральный", "главный", "общий",
    "особый", "секретный", "первый", "второй", "третий", "отдел", "отделение", "управление", "часть",
    "секретариат", "канцелярия", "экспедиция", "архив", "бюро", "комитет", "комиссия", "штаб", "служба",
    "посольство", "консульство", "представительство", "миссия", "иностранный", "внутренний", "внешний",
    "дело", "торговля", "политика", "безопасность", "оборона", "финансы", "юстиция", "связь", "страна",
    "восток", "запад", "дальний", "ближний", "средний", "европейский", "пакет", "документ", "входящий",
    "исходящий", "регистрация", "печать", "президиум", "верховный", "исполнительный", "партия",
    "коммунистический", "большевик", "сообщение", "военный", "морской", "флот", "армия", "генеральный",
)
SHORT_FORMS = frozenset({"ADJS", "COMP"})  # an adjective's short and comparative forms: no office's name has them
# Abbreviations and words the dictionary does not inflect.
OFFICE_WORDS = ("ссср", "рсфср", "сср", "мид", "мгб", "мвд", "нкид", "нквд", "вкп", "цк", "для", "при")
OFFICE_TIE = 0.05  # of similarity: office words this much less near than the nearest are as near
OFFICE_PARTS = 3  # office words read run together, at most
OFFICE_PART = 3  # letters of an office word read run together with another, at least
COMMON_WORD = 1e-5  # frequency of a word read on a stamp, from which it is taken as read (not a piece of a word)
JOINED = 3  # words read apart that are joined into one, at most
CUT_COST = 1.0  # letters right a cut between two words run together must gain
OFFICE_NEAR = 0.55  # share of its letters a misread word has in common with the office word it is taken for, at least
KNOWN_NEAR = 0.6  # the same for a rare word the lexicon knows (a worn letter turns one word into another: ``СОРАН``)
RARE_WORD = 1e-6  # frequency of a known word read on a stamp, below which it may be an office's word misread
NEAREST_KEPT = 100_000  # pieces of words whose nearest office word is kept (a few hundred a stamp)


@functools.cache
def office_words() -> dict[int, tuple[str, ...]]:
    """Every form of the office words (folded) by length, but the short adjectives' (SHORT_FORMS)."""
    morph = lexicon().morph
    forms = set(OFFICE_WORDS)
    for lemma in OFFICE_LEMMAS:
        parse = next((p for p in morph.parse(lemma) if p.normal_form == lemma), morph.parse(lemma)[0])
        forms.update(fold(f.word) for f in parse.lexeme if not SHORT_FORMS & f.tag.grammemes)
    by_length: dict[int, list[str]] = {}
    for form in sorted(forms):
        by_length.setdefault(len(form), []).append(form)
    return {n: tuple(words) for n, words in by_length.items()}


# Kept across words and stamps: a legend's words, their pieces and their runs together ask for the same letters again.
@functools.lru_cache(maxsize=NEAREST_KEPT)
def _nearest(folded: str) -> tuple[str, float] | None:
    """(office word, similarity) nearest the folded ``folded``, two letters longer or shorter at most,
    OFFICE_NEAR of its letters in common at least; of as near ones (forms of one word often tie), the
    commonest form."""
    found = [(word, score) for n in range(len(folded) - 2, len(folded) + 3)
             for word, score, _ in process.extract(folded, office_words().get(n, ()), limit=None,
                                                   scorer=Levenshtein.normalized_similarity, score_cutoff=OFFICE_NEAR)]
    if not found:
        return None
    top = max(score for _, score in found)
    return max((word for word, score in found if score >= top - OFFICE_TIE), key=lexicon().frequency), top


def known_as_office(core: str) -> str | None:
    """The office word a rare word of a stamp that the lexicon knows was read for (a worn or typed-over
    letter turns ``СТРАН`` into ``СОРАН``): the nearest, KNOWN_NEAR of its letters right at least, in
    ``core``'s case; None where none is that near, or ``core`` is an office word, a name (``МОЛОТОВА``:
    a stamp names its secretariat's head), an office word's beginning (cut short: ``ИНОСТР``) or not rare
    (another office's word: ``ЗАВОД``, ``ПРАВЛЕНИЕ``)."""
    folded = fold(core)
    lex = lexicon()
    if lex.is_name(core) or lex.frequency(core) >= RARE_WORD or any(
            word.startswith(folded) for n, words in office_words().items() if n >= len(folded) for word in words):
        return None
    near = _nearest(folded)
    if near is None or near[1] < KNOWN_NEAR:
        return None
    return near[0].upper() if core.isupper() else near[0]


def office_fit(core: str) -> tuple[str, float] | None:
    """(words, letters right) of ``core`` as the office words it was read for: one, or up to OFFICE_PARTS
    run together (a legend's word spaces are narrow: ``ПУСУНАРСТАВННЕМЙЕНЕОРИАСНОСТИ``), each at least
    OFFICE_PART letters and OFFICE_NEAR of them right, the more letters right (less CUT_COST a cut) the
    better; in ``core``'s case; None if none fit."""
    folded = fold(core)

    @functools.cache
    def best(start: int, left: int) -> tuple[float, tuple[str, ...]] | None:
        """(letters right less a letter a cut, words) of ``folded[start:]`` in ``left`` words at most."""
        whole = _nearest(folded[start:])
        options = [(whole[1] * (len(folded) - start), (whole[0],))] if whole else []
        for cut in range(start + OFFICE_PART, len(folded) - OFFICE_PART + 1) if left > 1 else ():
            head, rest = _nearest(folded[start:cut]), best(cut, left - 1)
            if head and rest:
                options.append((head[1] * (cut - start) + rest[0] - CUT_COST, (head[0], *rest[1])))
        return max(options, default=None)

    found = best(0, OFFICE_PARTS)
    if found is None:
        return None
    text = " ".join(found[1])
    return (text.upper() if core.isupper() else text), found[0]


def office_word(core: str) -> str | None:
    """``core`` as the office words it was read for (:func:`office_fit`), None if none fit."""
    fit = office_fit(core)
    return fit[0] if fit else None


def rejoined(texts: list[str]) -> list[str]:
    """A legend's words with pieces of one office word that a space cut apart joined (a worn or typed-over
    letter reads as a space: ``МИНИСТР СТВО``): two or three words in a row, letters only, are taken
    as the office words their letters fit where these have more letters right (less a letter a join)
    than the words as read: an office word's or a common word's all, another none (a piece of a word
    is often a rare word: ``СТВО``)."""
    def kept(text: str) -> float:
        if not text.isalpha():
            return 0.0
        if fold(text) in office_words().get(len(text), ()):
            return float(len(text))
        return float(len(text)) if lexicon().frequency(text) >= COMMON_WORD else 0.0

    @functools.cache
    def best(start: int) -> tuple[float, tuple[str, ...]]:
        if start == len(texts):
            return 0.0, ()
        score, rest = best(start + 1)
        options = [(kept(texts[start]) + score, (texts[start], *rest))]
        for end in range(start + 2, min(len(texts), start + JOINED) + 1):
            if all(t.isalpha() for t in texts[start:end]) and (fit := office_fit("".join(texts[start:end]))):
                score, rest = best(end)
                options.append((fit[1] - CUT_COST * (end - start - 1) + score, (fit[0], *rest)))
        return max(options, key=lambda option: option[0])

    return list(best(0)[1])
