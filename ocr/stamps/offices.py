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
# Abbreviations and words the dictionary does not inflect.
OFFICE_WORDS = ("ссср", "рсфср", "сср", "мид", "мгб", "мвд", "нкид", "нквд", "вкп", "цк", "для", "при")
OFFICE_TIE = 0.05  # of similarity: office words this much less near than the nearest are as near
OFFICE_NEAR = 0.6  # share of its letters a misread word has in common with the office word it is taken for, at least


@functools.cache
def office_words() -> dict[int, tuple[str, ...]]:
    """Every form of the office words (folded) by length."""
    morph = lexicon().morph
    forms = set(OFFICE_WORDS)
    for lemma in OFFICE_LEMMAS:
        parse = next((p for p in morph.parse(lemma) if p.normal_form == lemma), morph.parse(lemma)[0])
        forms.update(fold(f.word) for f in parse.lexeme)
    by_length: dict[int, list[str]] = {}
    for form in sorted(forms):
        by_length.setdefault(len(form), []).append(form)
    return {n: tuple(words) for n, words in by_length.items()}


def office_word(core: str) -> str | None:
    """The office word (two letters longer or shorter at most) nearest ``core``, OFFICE_NEAR of its
    letters in common at least, in ``core``'s case; None if none is that near."""
    folded = fold(core)
    found = [(word, score) for n in range(len(folded) - 2, len(folded) + 3)
             for word, score, _ in process.extract(folded, office_words().get(n, ()), limit=None,
                                                   scorer=Levenshtein.normalized_similarity, score_cutoff=OFFICE_NEAR)]
    if not found:
        return None
    # Of the nearest (forms of one word often tie), the commonest form.
    top = max(score for _, score in found)
    best = max((word for word, score in found if score >= top - OFFICE_TIE), key=lexicon().frequency)
    return best.upper() if core.isupper() else best
