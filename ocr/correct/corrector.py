"""Candidate choice for one word the lexicon does not know: a noisy channel over the learned confusions.

A candidate is a known word the reading can come from by at most two learned confusions
(``наролной`` ← ``народной`` by ``д``→``л``) or, for words long enough to be sure of, by one edit of
any letter. Its score is the probability of the confusions (an unseen edit gets a small fixed one)
times the word's frequency; the reading as it stands competes as an unknown word of a small fixed
frequency. With Tesseract's word confidence, a sure reading is less likely to be a misreading. The
word is changed only when the best candidate's share of all the probability clears a threshold.
A confusion one document makes again and again is weighed at that document's rate (:meth:`Corrector.adapted`).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ocr.correct import confusions
from ocr.correct.confusions import ConfusionTable
from ocr.correct.lexicon import HARD_SIGN_QUOTES, Lexicon, fold, lexicon

ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
MAX_CONFUSIONS = 2  # learned confusions applied to one word
MIN_EDIT_LENGTH = 5  # shorter words have too many neighbours one edit away to pick one
EDIT_PROBABILITY = 1e-3  # of an edit the table never saw (tuned on the tuning split against the learned table)
# A heavy scan misreads two letters of a long word as often as one (``госстанозления``, ``прерселателем``): a word
# this long may be two edits of any letter from a common word of the list (:attr:`Lexicon.common_by_length`), and one
# longer three. Each edit is weighed at its learned or this document's rate (at least EDIT_PROBABILITY): three edits the
# table never saw never win, three of a worn face's habit do (``искаючснисм``: its е read с).
TWO_EDITS_LENGTH = 8
THREE_EDITS_LENGTH = 10
UNKNOWN_FREQUENCY = 1e-9  # prior of a word unknown to the lexicon being right as read
# ... for words up to this long; each letter more halves it: the dictionary knows nearly every long form, so
# a long string it does not know is far likelier a misreading (``эвтомашин``, ``недостзет``) than a rare word.
UNKNOWN_LENGTH = 6
UNKNOWN_PER_LETTER = 0.5
MIN_SHARE = 0.75  # the best candidate's share of the probability of all readings, to change the word
MIN_SHARE_CAPITALISED = 0.97
MIN_SHARE_KNOWN = 0.95  # a known word read is changed only for a far more likely one (``пля`` → ``для``)
# Tesseract is as sure of many misreadings as of right readings (90 and more): its confidence only
# makes a misreading more likely below 100 - 100 * MISREAD_FLOOR.
MISREAD_FLOOR = 0.5
# A confusion made this often in one document is that page's habit (a worn type, one face): its rate
# there, not the table's average, weighs the document's words in a second pass.
MIN_DOCUMENT_COUNT = 3
MAX_REMEMBERED = 200_000  # choices kept per corrector (a long batch's words, a few tens of MB at most)
# A word this common (wordfreq) and never a name is not capitalised inside a sentence: a capital read
# there is the typewriter's small letter misread (``Закрытой``, ``Министров``).
COMMON_FREQUENCY = 1e-6


@dataclass(frozen=True)
class Choice:
    word: str
    score: float  # the chosen word's share of the probability (0..1)


@dataclass(frozen=True)
class Corrector:
    table: ConfusionTable
    lexicon: Lexicon
    # An adapted corrector (:meth:`adapted`) leaves to its base every word without a read string of
    # the confusions it raised: the base's choice for it stands, and is already made.
    base: Corrector | None = None
    raised: frozenset[str] = frozenset()

    @functools.cached_property
    def _back(self) -> dict[str, list[tuple[str, str, float]]]:
        """Read string's first character → ``[(read, intended, probability)]``, folded to lower case."""
        index: dict[str, list[tuple[str, str, float]]] = {}
        best: dict[tuple[str, str], float] = {}
        for (intended, observed), p in self.table.probabilities.items():
            key = (fold(intended), fold(observed))
            best[key] = max(p, best.get(key, 0.0))
        for (intended, observed), p in best.items():
            # Only letters misread as something else: marks around a word are not part of it, and a
            # dropped letter may be anywhere (one edit of any letter tries those, for long words).
            if intended != observed and observed and (intended.isalpha() or not intended):
                index.setdefault(observed[:1], []).append((observed, intended, p))
        return index

    def adapted(self, corrections: list[tuple[str, str]], text: str) -> Corrector:
        """This corrector with the confusions one document made at least MIN_DOCUMENT_COUNT times in
        ``corrections`` (``(before, after)`` words) at their rate in its ``text`` when that is higher."""
        made = Counter(pair for before, after in corrections
                       for run in confusions.error_runs(fold(after), fold(before))
                       for pair in confusions.confusions(*run))
        text = fold(text)
        probabilities = dict(self.table.probabilities)
        for (intended, observed), n in made.items():
            rate = n / max(n, text.count(intended) + n) if intended else 0.0
            if n >= MIN_DOCUMENT_COUNT and rate > probabilities.get((intended, observed), 0.0):
                probabilities[(intended, observed)] = rate
        raised = frozenset(o for key, o in probabilities if probabilities[(key, o)] != self.table.probabilities.get((key, o)))
        if not raised:
            return self
        return Corrector(ConfusionTable(probabilities), self.lexicon, self, raised)

    def _undo_one(self, word: str, start: int) -> list[tuple[str, float, int]]:
        """Words one learned confusion back from ``word``, at or after ``start``: (word, probability, end)."""
        found = []
        for i in range(start, len(word) + 1):
            for observed, intended, p in self._back.get(word[i:i + 1], []) + self._back.get("", []):
                if word.startswith(observed, i):
                    found.append((word[:i] + intended + word[i + len(observed):], p, i + len(intended)))
        return found

    def confusion_candidates(self, word: str, depth: int = MAX_CONFUSIONS) -> dict[str, float]:
        """Listed words at most ``depth`` learned confusions from ``word`` (folded) → probability (a form
        only the dictionary knows is rarer than any listed one: it could not win, and looking it up is slow)."""
        frontier, found = [(word, 1.0, 0)], {}
        for _ in range(depth):
            frontier = [(w, p * q, end) for text, p, start in frontier for w, q, end in self._undo_one(text, start)]
            for text, p, _ in frontier:
                if p > found.get(text, 0.0) and self.lexicon.listed(text):
                    found[text] = p
        found.pop(word, None)
        return found

    def common_neighbours(self, word: str) -> dict[str, float]:
        """Words of the frequency list one learned confusion from ``word`` (folded): for a known word
        read, only a common word is worth weighing (and the frequency list answers fast)."""
        return {w: p for w, p, _ in self._undo_one(word, 0) if w != word and w in self.lexicon.frequencies}

    def edit_candidates(self, word: str) -> dict[str, float]:
        """Words of the frequency list one edit of any letter from ``word`` (folded), at EDIT_PROBABILITY."""
        if len(word) < MIN_EDIT_LENGTH:
            return {}
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
        edits |= {a + c + b for a, b in splits for c in ALPHABET}
        return {w: EDIT_PROBABILITY for w in edits if w in self.lexicon.frequencies and w != word}

    def far_candidates(self, word: str) -> dict[str, float]:
        """Common words of the list two edits of any letter from ``word`` (folded), or three from a longer one (the
        constants above), a letter longer or shorter at most → the probability of those edits."""
        if len(word) < TWO_EDITS_LENGTH:
            return {}
        most = reach(len(word))
        by_length = self.lexicon.common_by_length
        found = [match for n in range(len(word) - 1, len(word) + 2)  # misread letters, seldom lost or added
                 for match in process.extract(word, by_length.get(n, ()), scorer=Levenshtein.distance, score_cutoff=most, limit=None)]
        return {w: self._edits_probability(w, word) for w, distance, _ in found if distance >= 2}

    def _edits_probability(self, intended: str, read: str) -> float:
        """The probability of the edits from ``intended`` to ``read``: each its learned (or this document's) confusion's
        rate, at least EDIT_PROBABILITY."""
        p = 1.0
        for op in Levenshtein.editops(intended, read):
            pair = (intended[op.src_pos] if op.tag != "insert" else "", read[op.dest_pos] if op.tag != "delete" else "")
            p *= max(EDIT_PROBABILITY, self.table.probabilities.get(pair, 0.0))
        return p

    def choose(self, word: str, confidence: float | None = None, capitalised: bool = False) -> Choice | None:
        """The word ``word`` was most likely typed as, when that clearly wins over the reading itself.

        A known ``word`` competes with its own frequency, an unknown one with UNKNOWN_FREQUENCY; a
        capitalised one gets only learned confusions, and never becomes a name.
        """
        if self.base is not None and not any(observed in fold(word) for observed in self.raised):
            return self.base.choose(word, confidence, capitalised)
        misread = min(0.98, max(MISREAD_FLOOR, 1 - (confidence if confidence is not None else 0) / 100))
        return _remembered(self._choices, (word, misread, capitalised), lambda: self._choose(word, misread, capitalised))

    @functools.cached_property
    def _choices(self) -> dict:
        """Choices made, by word, misreading prior and case: a document repeats its words."""
        return {}

    @functools.cached_property
    def _candidates(self) -> dict:
        """Candidates found, by folded word and case: a word read at another confidence weighs the same ones."""
        return {}

    def candidates(self, folded: str, capitalised: bool) -> dict[str, float]:
        """The words ``folded`` may have been typed as → the probability of reading them so: a known word's
        common neighbours; an unknown one's listed words a few learned confusions off and, unless
        ``capitalised``, words of the lists an edit or two off (a capitalised one never becomes a name)."""
        return _remembered(self._candidates, (folded, capitalised), lambda: self._find_candidates(folded, capitalised))

    def _find_candidates(self, folded: str, capitalised: bool) -> dict[str, float]:
        if self.lexicon.known(folded):
            found = self.common_neighbours(folded)
        else:
            found = self.confusion_candidates(folded)
            if not capitalised:
                found = self.far_candidates(folded) | self.edit_candidates(folded) | found
        return {w: p for w, p in found.items() if not self.lexicon.is_name(w)} if capitalised else found

    def _choose(self, word: str, misread: float, capitalised: bool) -> Choice | None:
        folded = fold(word)
        known = self.lexicon.known(folded)
        candidates = self.candidates(folded, capitalised)
        if not candidates:
            return None
        scores = {w: misread * p * self.lexicon.frequency(w) for w, p in candidates.items()}
        best = max(scores, key=scores.__getitem__)
        as_read = self.lexicon.frequency(folded) if known else UNKNOWN_FREQUENCY * UNKNOWN_PER_LETTER ** max(0, len(folded) - UNKNOWN_LENGTH)
        share = scores[best] / (sum(scores.values()) + (1 - misread) * as_read)
        threshold = MIN_SHARE_KNOWN if known else MIN_SHARE_CAPITALISED if capitalised else MIN_SHARE
        return Choice(cased_like(best, word), round(share, 4)) if share >= threshold else None


def reach(length: int) -> int:
    """How many edits of any letter a misreading of a word this long may be from the word typed (0: none)."""
    return 3 if length >= THREE_EDITS_LENGTH else 2 if length >= TWO_EDITS_LENGTH else 1 if length >= MIN_EDIT_LENGTH else 0


def document_word(folded: str, vocabulary: Iterable[str], common: dict[int, list[str]]) -> str | None:
    """The one word of ``vocabulary`` (a document's own words, read alike more than once) nearest to ``folded``
    within :func:`reach`, None when none is, several are as near, or a word of ``common`` (words by length,
    :attr:`Lexicon.common_by_length`) is nearer. A message repeats its subject's words and names (``делегация``,
    ``Модзелевский``); one reading of them garbled past the dictionary's reach (``цеплегация``) or of a name it does
    not know (``Медзелевский``) is the word read right elsewhere in it, unless a common word is a likelier reading
    (``недостатсек`` is ``недостаток``, not the message's ``недостает``)."""
    most = reach(len(folded))
    if not most:
        return None
    near = [(w, d) for w, d, _ in process.extract(folded, vocabulary, scorer=Levenshtein.distance, score_cutoff=most,
                                                  limit=None) if w != folded]
    best = min((d for _, d in near), default=0)
    nearest = [w for w, d in near if d == best]
    if len(nearest) != 1:
        return None
    nearer = (w for n in range(len(folded) - best + 1, len(folded) + best) for w in common.get(n, ())
              if Levenshtein.distance(folded, w, score_cutoff=best - 1) < best)
    return None if any(nearer) else nearest[0]


def _remembered(memo: dict, key, make):
    """``memo[key]``, made by ``make()`` the first time; the memo emptied past MAX_REMEMBERED entries (a long batch)."""
    if len(memo) > MAX_REMEMBERED:
        memo.clear()
    if key not in memo:
        memo[key] = make()
    return memo[key]


# A word of the message this long in capitals that is a common word and no name or abbreviation (``ВОЙНЫ``
# alone on a paragraph's last line) is small letters Tesseract read as capitals: Cyrillic small letters are
# the capitals' shapes, and a line of one word shows it no x-height to tell them by.
SHOUTED_LENGTH = 4


# Alone on its line a word shows no x-height at all: there a rarer word the lexicon knows (``ДИППОЧТОЙ``) is read
# in capitals too, when it is this long (abbreviations in capitals are shorter).
ALONE_LENGTH = 6


def shouted(word: str, lexicon: Lexicon, alone: bool = False) -> bool:
    """Whether ``word``, in capitals, is a common word read in capitals (not a name or abbreviation); ``alone`` on
    its line, a known word of ALONE_LENGTH letters or more."""
    if not (len(word) >= SHOUTED_LENGTH and word.isupper() and word.isalpha()) or lexicon.may_be_name(word.capitalize()):
        return False
    return lexicon.frequency(word.lower()) >= COMMON_FREQUENCY or (alone and len(word) >= ALONE_LENGTH and lexicon.known(word.lower()))


def recased(word: str, lexicon: Lexicon, inside_sentence: bool, sentence_start: bool = False, alone: bool = False) -> str:
    """``word`` in the case its place asks for, where the reading's case is the likelier misreading:
    a capital read inside a known word (``дивизиЙ``) is small; a common word that is no name,
    capitalised where the sentence surely goes on (``порта Закрытой зоной``), loses its capital; a
    common word read in capitals (:func:`shouted`, ``alone`` on its line) is small, capitalised at a sentence's start."""
    if shouted(word, lexicon, alone):
        return word.capitalize() if sentence_start else word.lower()
    if len(word) > 2 and not word.isupper() and any(c.isupper() for c in word[1:]) and lexicon.known(word):
        word = word[:1] + word[1:].lower()
    if (inside_sentence and word[:1].isupper() and word[1:].islower()
            and lexicon.frequency(word.lower()) >= COMMON_FREQUENCY and not lexicon.may_be_name(word)):
        return word.lower()
    return word


def cased_like(candidate: str, word: str) -> str:
    """The candidate typed as the word was: capitalised like it, with ``"`` for ъ where it used that."""
    quote = next((q for q in HARD_SIGN_QUOTES if q in word), None)
    if quote:
        candidate = candidate.replace("ъ", quote)
    return candidate[:1].upper() + candidate[1:] if word[:1].isupper() else candidate


@functools.cache
def default_corrector() -> Corrector:
    """The corrector with the shipped confusion table and the lexicon, built once per process."""
    return Corrector(confusions.load(), lexicon())
