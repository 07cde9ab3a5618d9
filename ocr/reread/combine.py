"""A second reading of doubtful lines, word by word chosen by the page's language (ROVER-style).

Tesseract's page reading misreads single letters inside words it otherwise gets right (``Committce``,
``situstion``, ``velitel`` for ``veliteľ``), often at a confidence of 80-90, so confidence cannot tell
those words apart. Read alone as one line (``psm 7``) from the grey page, before binarisation cut away
the shading of faint strokes, the same line is often right where the page reading was wrong, and wrong
elsewhere. The page's language decides between the two: a word its word list does not know is replaced
by the second reading's word in its place when that word is known and a near variant of it (the same
word read differently, not another word read in its box), or the whole line by the second reading when
that reads clearly more of it as known words (page segmentation split or garbled several words). A line
still doubtful is read a third time from the crop enlarged, and chosen from word by word the same way.
A page that still reads poorly is also read as plain Tesseract reads the scan, nothing cleaned, and
its doubtful words chosen from that reading the same way: cleaning sometimes costs a word.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re

import langcodes
import numpy as np
import wordfreq
from rapidfuzz.distance import Levenshtein

from ocr import layout
from ocr.lines import Line, Word, union_box
from ocr.preprocess import PreprocessedPage
from ocr.preprocess.geometry import invert, map_box, rotate_quarter
from ocr.recognize import centred_in, read_box, read_boxes

log = logging.getLogger(__name__)

# A second reading's word replaces ours only when at least this similar to it (normalised Levenshtein
# similarity of the lower-cased letters): one or two letters read differently, not another word.
MIN_SIMILARITY = 0.6


@functools.cache
def word_list(lang: str) -> str | None:
    """The word list (wordfreq's language code) for a Tesseract language (``deu``, ``rus+eng``: the first);
    None when wordfreq has none for it."""
    code = langcodes.standardize_tag(lang.split("+")[0])
    return code if code in wordfreq.available_languages() else None


def _core(text: str) -> str:
    """The word without the punctuation typed around it (``(distress,`` → ``distress``)."""
    return re.sub(r"^\W+|\W+$", "", text)


def known(text: str, code: str) -> bool | None:
    """Whether the language ``code``'s word list knows the word ``text``; None when it has no letters
    or holds digits (numbers and references, which no word list judges)."""
    core = _core(text)
    if not any(c.isalpha() for c in core) or any(c.isdigit() for c in core):
        return None
    return wordfreq.zipf_frequency(core, code) > 0


def similar(ours: str, theirs: str) -> bool:
    """Whether two readings are the same word read differently (MIN_SIMILARITY), not two words."""
    return Levenshtein.normalized_similarity(_core(ours).lower(), _core(theirs).lower()) >= MIN_SIMILARITY


# A second reading's one word takes the place of several of ours (the page reading split a word and read
# its pieces poorly: ``Na c ounom:`` for ``Macounom:``) when the least sure piece is below this confidence
# and that word reads at least JOIN_GAIN surer, even where the language knows neither.
JOIN_DOUBT = 50.0
JOIN_GAIN = 30.0


def _replaces(group: list[Word], their: Word, code: str, joins: bool) -> bool:
    """Whether ``their`` word is to stand for ``group`` (our words its box covers): the same word read
    differently, known where ours holds an unknown word, or with ``joins`` the pieces of a split word."""
    if not similar("".join(w.text for w in group), their.text):
        return False
    if any(known(w.text, code) is False for w in group) and known(their.text, code):
        return True
    least = min(w.confidence for w in group)
    return joins and len(group) > 1 and least < JOIN_DOUBT and their.confidence >= least + JOIN_GAIN \
        and _core(their.text).isalpha()  # one word of letters, not two words read as one (``ýrsku,Linei``)


def choose(ours: list[Word], theirs: list[Word], code: str, joins: bool = False) -> list[Word]:
    """``ours`` (one line's words) with each group of them that one word of ``theirs`` covers (by the
    centres of our words) replaced by that word, where the group holds a word the language does not
    know and their word is known and a near variant of the group (``Com nittee`` → ``Committee``); with
    ``joins``, also where the group is a poorly read split word and their word a sure reading of it."""
    out, k = [], 0
    while k < len(ours):
        covering = [t for t in theirs if centred_in(ours[k], t.bbox)]
        if len(covering) != 1:
            out.append(ours[k])
            k += 1
            continue
        their = covering[0]
        end = k + 1
        while end < len(ours) and centred_in(ours[end], their.bbox):
            end += 1
        group = ours[k:end]
        if _replaces(group, their, code, joins):
            out.append(Word(their.text, union_box([w.bbox for w in group]), their.confidence, group[0].line))
        else:
            out.extend(group)
        k = end
    return out


def line_box(line: list[Word]) -> tuple[int, int, int, int]:
    """The box ``line`` is read again in (as one line, ``psm 7``): its words' box and a quarter of its height around."""
    box = union_box([w.bbox for w in line])
    pad = box[3] // 4
    return (max(0, box[0] - pad), max(0, box[1] - pad), box[2] + 2 * pad, box[3] + 2 * pad)


# The narrower of a row's boxes reaches this many heights of the line's box past it on each side (a letter-spaced
# line's lost letters: two or three, each a letter and a space wide).
REACH = 4


def row_boxes(line: Line, lines: list[Line]) -> list[tuple[int, int, int, int]]:
    """Where a letter-spaced line the page read only in part (its word box as narrow as the letters kept: ``Р О М``)
    is read again: its row across the typing's width, and a band REACH line heights wider than its box."""
    x, y, w, h = line_box(line.words)
    boxes = [other.bbox for other in lines if other.bbox and other.words]
    left, right = min(b[0] for b in boxes), max(b[0] + b[2] for b in boxes)
    reach = REACH * h
    return [(left, y, right - left, h), (max(0, x - reach), y, w + 2 * reach, h)]


def known_share(words: list[Word], code: str) -> tuple[float, int]:
    """(Share of the letters in words the language judges that are in words it knows, those letters)."""
    judged = [(len(_core(w.text)), bool(k)) for w in words if (k := known(w.text, code)) is not None]
    letters = sum(n for n, _ in judged)
    return (sum(n for n, k in judged if k) / letters if letters else 0.0), letters


# A second reading replaces a whole line when this much more of its letters are in known words, with
# at least as many letters judged (not a shorter reading that dropped the doubtful part).
LINE_SHARE_GAIN = 0.25


def better_line(ours: list[Word], theirs: list[Word], code: str) -> bool:
    """Whether ``theirs`` reads the line as the language's words clearly more than ``ours``: where the page
    reading split or garbled words, the word-by-word choice finds no one word covering them."""
    our_share, our_letters = known_share(ours, code)
    their_share, their_letters = known_share(theirs, code)
    return their_share >= our_share + LINE_SHARE_GAIN and their_letters >= our_letters


# A line still holding an unknown word is read a third time, enlarged this many times: Tesseract scales
# each line to its recogniser's height, and from an enlarged crop it reads some letters differently
# (``madarské``/``maďarské``, ``t1močenému``/``tlmočenému``), right often enough where the first two failed.
ENLARGED = 2.0


def second_reading(grey: np.ndarray | None, lines: list[Line], lang: str) -> list[Line]:
    """``lines`` with doubtful words put right from a second reading of their line in ``grey`` (the page
    before binarisation, same frame), re-laid out; as they were when no line has a word the page's
    language does not know, or there is no grey page or word list."""
    code = word_list(lang)
    if grey is None or code is None or not lines:
        return lines
    doubtful = [k for k, line in enumerate(lines) if any(known(w.text, code) is False for w in line.words)]
    chosen: dict[int, list[Word]] = {}
    for k, again in zip(doubtful, read_boxes(grey, [line_box(lines[k].words) for k in doubtful], lang, psm=7)):
        ours = lines[k].words
        chosen[k] = [dataclasses.replace(w, line=ours[0].line) for w in again] if better_line(ours, again, code) \
            else choose(ours, again, code)
    still = [k for k in doubtful if any(known(w.text, code) is False for w in chosen[k])]
    for k, enlarged in zip(still, read_boxes(grey, [line_box(lines[k].words) for k in still], lang, psm=7, scale=ENLARGED)):
        chosen[k] = choose(chosen[k], enlarged, code)
    changed = any(chosen[k] != lines[k].words for k in doubtful)
    words = [w for k, line in enumerate(lines) for w in chosen.get(k, line.words)]
    return layout.parse_page(words, lines[0].page, grey.shape[1]) if changed else lines


# A page reads poorly when more than this share of the letters in words its language judges are in words
# the language does not know (synthetic telegrams read 0.00-0.06 clean, up to 0.12 heavy; real pages
# in other languages, faint carbons and letterheads 0.03-0.38).
DOUBTFUL_PAGE = 0.1

PLAIN_PSM = 3  # Tesseract's own default: automatic page segmentation


def plain_choice(page: PreprocessedPage, scan: np.ndarray, lines: list[Line], lang: str) -> list[Line]:
    """``lines`` (in ``page``'s frame) with doubtful words put right from plain Tesseract's reading of
    ``scan``, the page as loaded (as ``tesseract IMAGE -`` reads it: nothing cleaned or straightened, only
    turned by the page's quarter turn; its boxes brought into the page's frame), chosen word by word as the second reading
    is (:func:`choose`, poorly read split words joined too).

    Cleaning the page (flattening, removing specks, whitening the paper) changes how Tesseract reads a
    faint or carbon page, and on some lines plain Tesseract reads a word right that ours gets wrong
    (``engreb``/``angreb``). Read only on a page that reads poorly (DOUBTFUL_PAGE): a page reading costs
    as much as ours; as they were otherwise, or when the page's language has no word list.
    """
    code = word_list(lang)
    words = [w for line in lines for w in line.words]
    if code is None or not words or (share := known_share(words, code)[0]) >= 1 - DOUBTFUL_PAGE:
        return lines
    log.debug("page %d: %.2f of the letters in known words, read as plain Tesseract reads it", lines[0].page, share)
    # Turned by the page's quarter turn only: plain Tesseract (psm 3) does not turn a page, and a turned
    # scan read as found is garbage whose words would win over ours where the page reads poorly.
    upright, quarter = rotate_quarter(scan, page.rotation)
    theirs = [dataclasses.replace(w, bbox=page.map_box_from_original(map_box(invert(quarter), w.bbox)))
              for w in read_box(upright, (0, 0, upright.shape[1], upright.shape[0]), lang, psm=PLAIN_PSM)]
    chosen = [choose(line.words, theirs, code, joins=True) for line in lines]
    if all(c == line.words for c, line in zip(chosen, lines)):
        return lines
    return layout.parse_page([w for c in chosen for w in c], lines[0].page, page.image.shape[1])
