"""Reading each stamp found on a page on its own, into the contract's :class:`~ocr.contract.Stamp`.

A seal's legend is read as one line from its unwrapped ring (both ways round: a legend may run
anticlockwise), in capitals and figures, its words checked against the offices' words and the Russian
lexicon (pieces of one office word read apart joined again); its centre as
a block turned upright; a rectangular
stamp line by line on its own level frame (turned half round too when it reads poorly).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re

import cv2
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ocr.contract import Stamp
from ocr.correct.corrector import default_corrector
from ocr.correct.lexicon import fold, lexicon
from ocr.lines import Word, words_text
from ocr.preprocess import PreprocessedPage
from ocr.recognize import read_crops, reading_score
from ocr.stamps import figures, offices, parse, textlines, unwrap
from ocr.stamps.detect import FoundStamp, find_stamps
from ocr.stamps.overlap import STAMP_SMALL_WORDS, stamp_like

ASKEW = 6.0  # degrees between a stamp's frame and its lines' sharpest rows from which it is read turned too
RETRY_SCORE = 50.0  # a reading below this confidence is tried the other way round too (upside down reads at 10-30)
# Letters of a stamp's reading in known (or office) words from which it is taken the right way round unread turned
# half round: on tuning stamps a registry stamp's lines read 9-17 so, a legend 5-27; turned half round, 0-6.
RIGHT_WAY_LETTERS = 5
MIN_WORD_CONFIDENCE = 10.0  # below this a stamp's "word" is its star, a ring's edge or a smear
STAMP_MARKS = "№-./,«»()"  # what a stamp is cut in besides capitals and figures (quotes ``"`` are typing's)
EDGE_MARKS = "-./,«»\\|"  # what specks at a legend's ends read as (a bracket may close its last word: ``ВКП(б)``)
ARC_MARKS = "/\\|()«»,"  # what a piece of a ring line cut across reads as (an arc: a stroke, a bracket, a quote, a comma)
CENTRE_LINE = 0.5  # share of the best line's weight (confidence by letters) a line of a seal's centre holds
COMMON_NAME = 1e-5  # frequency of a name common enough to be a legend's word
SPLIT_PART = 3  # letters of the shorter of two words read run together
SPLIT_FREQUENCY = 1e-5  # of the rarer of two words read run together: common words only (``архив``, ``внешней``)
MISREAD_FIGURES = 2  # figures in a word of a legend's letters taken for misread letters, at most
# Figures a stamp's worn or typed-over capitals read as (``С66РЕ``, ``Ф6СР`` for ``СССР`` on tuning seals), put back
# before a word is matched to the offices' words.
FIGURES_AS_LETTERS = str.maketrans("0368", "ОЗСВ")
MIN_CORRECTED = 4  # letters of a legend's word put right against the lexicon (shorter ones have too many neighbours)
NEAR_LETTERS = 6  # letters of a word, from which one read too badly for the corrector is taken for the common word nearest it
NEAR_COMMON = 1e-6  # frequency of the words a stamp's badly read word may be taken for (an office's words are common)
NAME_TITLE = "т"  # ``т.`` (comrade) on a stamp: a name follows it
NEAR = 0.75  # share of its letters a badly read word has in common with the word it is taken for, at least
TYPED_LETTERS = 3  # letters of a word with figures on a registry stamp's office line, below which it is typing's or a speck's
ORDINAL = re.compile(r"\d+-[а-яА-Я]{1,3}")  # ``1-й``: the one word with figures an office's name holds
SPECK_MARKS = "«»„\"',"  # what specks and typing's remnants beside a stamp's word read as at its ends (no stamp's own)
REMNANT = 4  # characters of a word with no figure before a date line's figures, at most, for it to be a speck's or typing's
# Figures of a date line, at least, from which what stands before them is not its own: a day's and a year's (before a
# year alone, a word may be its month, its day lost: ``ХИ 1950``).
DATE_FIGURES = 5
# What a seal is cut in: capitals, figures and a few marks (small letters come only from misreadings there).
SEAL_CHARACTERS = {"tessedit_char_whitelist": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ 0123456789" + STAMP_MARKS}


def _words(image: np.ndarray, lang: str, psm: int, least: float = MIN_WORD_CONFIDENCE) -> list[Word]:
    words = read_crops([image], lang, psm, numbered=True)[0]
    return [w for w in words if any(c.isalnum() or c == "№" for c in w.text) and w.confidence >= least]


def weight(words: list[Word]) -> float:
    """How much stamp text a reading holds: its capitals and figures less its other characters. Stamps are
    cut in capitals; read the wrong way up they come out as small letters, digits and marks. (Tesseract's
    confidence does not tell: it is often near 0 on a well-read legend and high on specks.)"""
    text = "".join(w.text for w in words)
    good = sum(c.isupper() or c.isdigit() or c == "№" for c in text)
    return good - (len(text) - good)


def _best(images: list[np.ndarray], lang: str, psm: int, least: float = MIN_WORD_CONFIDENCE) -> list[Word]:
    """The most believable reading of the first image, or of the next ones when it reads poorly."""
    best: list[Word] | None = None
    for image in images:
        words = _words(image, lang, psm, least)
        if best is None or weight(words) > weight(best):
            best = words
        if reading_score(best) >= RETRY_SCORE:
            break
    return best or []


def as_cut(word: Word) -> Word:
    """``word`` in what stamps are cut in: its other marks (``„``, ``’``, ``®``, ``_``: typing's remnants and
    specks read as marks) left out, its letters in capitals but in the few small words stamps carry
    (``т.``, ``г.``) and a number's suffix (``-сс``); typing across a letter makes it read as a small one."""
    text = "".join(c for c in word.text if c.isalnum() or c in STAMP_MARKS)
    small = _small(text) or any(c.isdigit() for c in text)
    return dataclasses.replace(word, text=text if small else text.upper())


def _lines(words: list[Word]) -> list[str]:
    """Words grouped into their lines as Tesseract numbered them, in reading order."""
    return [words_text(group) for _, group in itertools.groupby(words, key=lambda w: w.line)]


def known_letters(words: list[Word]) -> int:
    """Letters of a reading in words the Russian lexicon knows (longer than MIN_CORRECTED): a legend's
    words are ordinary words in capitals; read the wrong way round, capitals alone still come out, and
    short known words and names by chance. A word :func:`corrected` split in two (``МИНИСТЕРСТВА ИНОСТРАННЫХ``)
    counts as its two."""
    lex = lexicon()
    cores = (_core(part) for w in words for part in w.text.split())
    return sum(len(core) for core in cores if len(core) > MIN_CORRECTED and lex.known(core) and not lex.is_name(core))


def _core(text: str) -> str:
    """A word read on a stamp without the marks at its ends: its own (``МИД.``, ``«КАНЦЕЛЯРИЯ``) and those specks
    and typing's remnants read as (``„СЕКРЕТАРИАТ``, ``ОТДЕЛ®``)."""
    return re.sub(r"^[\W_]+|[\W_]+$", "", text)


def corrected(word: Word) -> Word:
    """``word`` of a legend, an unknown word put right against the offices' words (:mod:`.offices`) first,
    else against the lexicon where one word clearly fits; a known word near an office's word taken for it."""
    core = _core(word.text)
    # A figure or two among a word's letters are letters misread (a seal's words are cut in letters alone).
    letters = sum(c.isalpha() for c in core)
    if len(core) < MIN_CORRECTED or letters < len(core) - MISREAD_FIGURES or not core.isalnum():
        return word
    if lexicon().known(core):
        office = offices.known_as_office(core)
        return word if office is None else dataclasses.replace(word, text=word.text.replace(core, office))
    office = offices.office_word(core.translate(FIGURES_AS_LETTERS))
    if office is not None:
        return dataclasses.replace(word, text=word.text.replace(core, office))
    if letters < len(core):
        return word
    choice = default_corrector().choose(core.lower(), confidence=0.0)
    # A legend names offices and states (``СССР``), not people or small places the lexicon would guess.
    if choice is None or (lexicon().is_name(choice.word) and lexicon().frequency(choice.word) < COMMON_NAME):
        near = nearest_common(core) if len(core) >= NEAR_LETTERS else None
        if near is None:
            return dataclasses.replace(word, text=word.text.replace(core, split(core))) if len(core) >= 2 * SPLIT_PART else word
        return dataclasses.replace(word, text=word.text.replace(core, near.upper()))
    return dataclasses.replace(word, text=word.text.replace(core, choice.word.upper()))


def put_right(line: list[Word]) -> list[Word]:
    """A registry stamp's office line's words put right (:func:`corrected`), but the word after ``т.``: a
    name (the secretariat's head's), put right only to a name the lexicon knows, else kept as read (an
    office's words fit a misread name by chance: ``ВЫПИНСКОГО`` is ``ВЫШИНСКОГО``, not ``ЕВРОПЕЙСКОГО``)."""
    return [named(w) if k and _core(line[k - 1].text).lower() == NAME_TITLE else corrected(w)
            for k, w in enumerate(line)]


def named(word: Word) -> Word:
    """A name read on a stamp, an unknown one put right by the corrector where it takes it for a name."""
    core = _core(word.text)
    if len(core) < MIN_CORRECTED or not core.isalpha() or lexicon().known(core):
        return word
    choice = default_corrector().choose(core.lower(), confidence=0.0)
    if choice is None or not lexicon().is_name(choice.word):
        return word
    return dataclasses.replace(word, text=word.text.replace(core, choice.word.upper() if core.isupper() else choice.word))


@functools.cache
def _common_words() -> dict[int, tuple[str, ...]]:
    """The lexicon's common words (NEAR_COMMON) by their length, the more frequent first."""
    by_length: dict[int, list[str]] = {}
    # wordfreq lists its words the most frequent first: the common ones are its head.
    for w, _ in itertools.takewhile(lambda item: item[1] >= NEAR_COMMON, lexicon().frequencies.items()):
        if w.isalpha():
            by_length.setdefault(len(w), []).append(w)
    return {n: tuple(words) for n, words in by_length.items()}


def nearest_common(core: str) -> str | None:
    """The common word (two letters longer or shorter at most) that most of ``core``'s letters are
    in, NEAR of them at least, the more frequent of as near ones, unless it is a name: a stamp's worn, typed-over letters
    misread further than the corrector reaches (``ЗЕНТРАЧЬНЫЙ``, ``ГОСУЛАХЖТВЕННЫХ``); None if none is."""
    folded = fold(core)
    found = [process.extractOne(folded, _common_words().get(n, ()), scorer=Levenshtein.normalized_similarity,
                                score_cutoff=NEAR) for n in range(len(folded) - 2, len(folded) + 3)]
    best = max((f for f in found if f), key=lambda f: f[1], default=None)
    # Not a person's or a small place's name: a stamp names offices and states.
    return best[0] if best and not lexicon().is_name(best[0]) else None


def split(core: str) -> str:
    """``core`` as two common words where it is two run together (a legend's letters are spaced evenly
    round the ring, its word spaces narrow: ``АРХИВВНЕШНЕЙ``), else as it is."""
    lex = lexicon()
    cuts = [(min(lex.frequencies.get(fold(core[:k]), 0.0), lex.frequencies.get(fold(core[k:]), 0.0)), k)
            for k in range(SPLIT_PART, len(core) - SPLIT_PART + 1)]
    best, k = max(cuts, default=(0.0, 0))
    return f"{core[:k]} {core[k:]}" if best >= SPLIT_FREQUENCY else core


def _lone(text: str) -> bool:
    """Whether a word read on a stamp is a lone letter, figure or mark."""
    return sum(c.isalnum() for c in text) < 2


def ends_trimmed(legend: list[Word]) -> list[Word]:
    """A legend without lone letters, figures and marks, nor words with figures (but a number after ``№``), at
    its ends, and without marks at its ends' outer edges: typing's remnants and specks beside the gap between
    its ends (a legend begins and ends with words: ``Т7. СОВЕТ``, ``559 ВТ МИНИСТР``, ``БЕЗОПАСНОСТИ..`` on tuning seals)."""
    def remnant(k: int) -> bool:
        text = legend[k].text
        return _lone(text) or (any(c.isdigit() for c in text) and not (k and legend[k - 1].text == "№"))

    while legend and remnant(0):
        legend = legend[1:]
    while legend and remnant(len(legend) - 1):
        legend = legend[:-1]
    if legend:
        legend = [dataclasses.replace(legend[0], text=legend[0].text.lstrip(EDGE_MARKS)), *legend[1:]]
        legend = [*legend[:-1], dataclasses.replace(legend[-1], text=legend[-1].text.rstrip(EDGE_MARKS))]
    return legend


def office_line(words: list[str]) -> str:
    """A registry stamp's office line (its words as read) without what typing under it and specks read as there:
    words with figures but fewer than TYPED_LETTERS letters (an office's name is cut in letters: ``4л``, ``3``;
    an ordinal, ``1-й``, stays), quotes and commas at a word's ends (``»МИД``, ``СТРА,``), lone letters and marks
    at the line's ends but a stamp's small words (``г.`` of a date read poorly). On the st5000 tuning stamps each
    such piece was typing's or a speck's, none a stamp's."""
    words = [w for w in words if not any(c.isdigit() for c in w) or ORDINAL.fullmatch(w)
             or sum(c.isalpha() for c in w) >= TYPED_LETTERS]
    words = [w if _lone(w) else w.strip(SPECK_MARKS) for w in words]
    while words and _lone(words[0]) and not _small(words[0]):
        words = words[1:]
    while words and _lone(words[-1]) and not _small(words[-1]):
        words = words[:-1]
    return " ".join(words)


def _small(text: str) -> bool:
    """Whether a word read on a stamp is one of the small words stamps carry (``т.``, ``г.``)."""
    return text.strip(STAMP_MARKS).lower() in STAMP_SMALL_WORDS


def figures_line(text: str) -> str:
    """A registry stamp's number or date line that parses as neither (a registry number or a date read whole is
    written out already), without the specks and typing's remnants read round its figures: short words of no figure
    before a day's and a year's figures (``СЯ 3У34946``, ``ЧЕ». 2118219521``; a longer word is the line's own, an
    office line read with figures) and what follows a year's ``г.`` (``г. 8``)."""
    if parse.incoming_number(text) or parse.date(text)[0]:
        return text
    words = text.split()
    first = next((k for k, w in enumerate(words) if any(c.isdigit() for c in w)), 0)
    if any(len(w) > REMNANT for w in words[:first]) or sum(c.isdigit() for c in "".join(words[first:])) < DATE_FIGURES:
        first = 0
    words = words[first:]
    end = next((k + 1 for k, w in enumerate(words) if w == "г."), len(words))
    return " ".join(words[:end])


def centre_lines(words: list[Word]) -> list[Word]:
    """The words of a seal's centre on its lines of text: those read about as surely and fully as its
    best line (typing's remnants there read as lone letters and figures), less lone marks and letters."""
    def weight(line: list[Word]) -> float:
        return sum(w.confidence * sum(c.isalnum() for c in w.text) for w in line)

    lines = [list(group) for _, group in itertools.groupby(words, key=lambda w: w.line)]
    best = max((weight(line) for line in lines), default=0.0)
    return [w for line in lines if weight(line) >= CENTRE_LINE * best for w in line
            if sum(c.isalnum() for c in w.text) > 1 or w.text == "№"]


def without_arcs(words: list[Word]) -> list[Word]:
    """A seal centre's words without the marks at their ends that a piece of the line round the centre,
    left beside a word, reads as (``СЕКРЕТАРИАТ/``, ``«КАНЦЕЛЯРИЯ``); a word of such marks alone dropped."""
    stripped = (dataclasses.replace(w, text=w.text.strip(ARC_MARKS)) for w in words)
    return [w for w in stripped if w.text]


def read_seal(found: FoundStamp, lang: str) -> tuple[list[str], list[Word]]:
    """(lines: the legend, then the centre's lines; every word read) of a round or oval seal.

    The strip and the upright centre are read in one run, as two pages: a run's start costs as much as a
    reading. Unknown words are put right against the lexicon. Where the strip reads as few known words,
    it is read turned half round too (a legend may run anticlockwise): the way with more is the legend's.
    """
    ring = unwrap.unwrap_ring(found.ink, found.ellipse)
    images = [ring.strip, textlines.centre_band(unwrap.centre_disc(found.ink, found.ellipse, ring))]
    legend, centre = ([corrected(w) for w in words] for words in
                      read_crops(images, lang, psm=6, extra=SEAL_CHARACTERS, numbered=True))
    # A legend is one line of known letters: a word read unsurely there is still the legend's, no smear.
    centre = centre_lines(centre)
    legend = [w for w in legend if stamp_like(w.text)]
    if known_letters(legend) < RIGHT_WAY_LETTERS:
        turned = [w for w in map(corrected, read_crops([cv2.rotate(ring.strip, cv2.ROTATE_180)], lang, psm=6,
                                                        extra=SEAL_CHARACTERS, numbered=True)[0]) if stamp_like(w.text)]
        legend = turned if known_letters(turned) > known_letters(legend) else legend
    legend = ends_trimmed(legend)
    centre = [w for w in without_arcs(centre) if stamp_like(w.text)]
    # Pieces of an office's word a worn or typed-over letter cut apart, joined again.
    lines = [" ".join(offices.rejoined(line.split())) for line in [words_text(legend)] + _lines(centre)]
    return [line for line in lines[:1] if line] + lines[1:], legend + centre


def read_rectangular(found: FoundStamp, lang: str, rect: tuple | None = None) -> tuple[list[str], list[Word]]:
    """(lines, words) of a rectangular stamp read line by line on its own level frame (``rect``, else its
    found one), all its lines in one run of Tesseract; turned half round too when it reads poorly (pressed upside down).

    On a frame in a seal's ellipse (``rect`` given) every way it may be read is read in that one run: the seal's
    reading found no legend's word there, and every such frame of the tuning stamps was read every way anyway (both
    ways round, on both frames where askew), a run a way at ~0.03 s of processor a start."""
    level = unwrap.deskew_rect(_shaded(found), rect or found.rect)
    # Then with its rows at their sharpest, when that reads better: a frame taken off the typing's lines
    # or a worn edge lies askew to the stamp's lines (the typing's lines can be the sharper).
    middle = (level.shape[1] / 2, level.shape[0] / 2)
    turn = unwrap.level_turn(255 - level)
    turned = cv2.warpAffine(level, cv2.getRotationMatrix2D(middle, turn, 1.0), level.shape[::-1], borderValue=255)
    ways = [(frame, cv2.rotate(frame, cv2.ROTATE_180)) for frame in (level,) + ((turned,) if abs(turn) >= ASKEW else ())]
    read_ahead = _lines_read([image for pair in ways for image in pair], lang) if rect is not None else None
    best: list[tuple[np.ndarray, list[Word]]] = []
    for frame_at, pair in enumerate(ways):
        # Upright first, then turned half round, unless upright it reads as a stamp's words (half the lines
        # read on nearly every stamp). Both ways are weighed: a lone number read surely the wrong way up
        # (``4999``) scores as high as a whole legend read the right way; the way with more letters in
        # known words first, then the surer (upside down, figures and capitals still come out, but unsurely).
        for way, image in enumerate(pair):
            lines = read_ahead[2 * frame_at + way] if read_ahead is not None else _lines_read([image], lang)[0]
            if not best or _believed(lines) > _believed(best):
                best = lines
            if right_way_up([ws for _, ws in best]):
                break
        if reading_score([w for _, ws in best for w in ws]) >= RETRY_SCORE:
            break
    # In what stamps are cut in (after the way round is chosen: small letters tell a reading upside down);
    # the office's words put right against the lexicon; the number and date lines read again in figures.
    best = [(crop, [w for w in map(as_cut, words) if w.text.strip(STAMP_MARKS)]) for crop, words in best]
    best = [(crop, words) for crop, words in best if holds_words(words)]
    lines = [words if figures.figure_line(words_text(words)) else put_right(words)
             for _, words in best]
    texts = figures.reread([crop for crop, _ in best], lines, lang)
    texts = [figures_line(text) if figures.figure_line(text) else office_line(offices.rejoined(text.split()))
             for text in texts]
    return [text for text in texts if text], [w for words in lines for w in words]


def _lines_read(images: list[np.ndarray], lang: str) -> list[list[tuple[np.ndarray, list[Word]]]]:
    """Each image's lines of a registry stamp (:func:`~.textlines.line_crops`) with their legible words, those
    with none left out; all the images' lines read in one run of Tesseract."""
    crops = [textlines.line_crops(image) for image in images]
    read = iter(read_crops([crop for lines in crops for crop in lines], lang, psm=7))
    paired = [[(crop, [w for w in next(read) if _legible(w)]) for crop in lines] for lines in crops]
    return [[(crop, words) for crop, words in lines if words] for lines in paired]


def right_way_up(lines: list[list[Word]]) -> bool:
    """Whether a registry stamp's lines as read are taken the right way round unread turned half round: they
    read as a stamp's words (:func:`stamp_letters`), or a line as a whole registry number or date in what stamps
    are cut in (specks read as marks in it left out: ``Вх. №'®958-с``); upside down, none does."""
    return stamp_letters([w for ws in lines for w in ws]) >= RIGHT_WAY_LETTERS or any(
        figures.read_whole(words_text([as_cut(w) for w in ws])) for ws in lines)


def holds_words(line: list[Word]) -> bool:
    """Whether a registry stamp's line as read holds a word of two letters or figures: a line of lone ones
    (``И В``) is its frame's corner, a speck or typing's remnant cut out as a line."""
    return any(sum(c.isalnum() for c in w.text) > 1 for w in line)


def stamp_letters(words: list[Word]) -> float:
    """Letters of a registry stamp's reading that read as a stamp's: those of its words the lexicon knows
    (:func:`known_letters`), and those right in the office words its other words fit (``КРЕТАРИАЯТ``,
    ``ОВЩИЙ``: typing across a stamp's words leaves few of them whole). Read upside down, its capitals
    come out as other capitals and figures, in words that neither holds."""
    lex = lexicon()
    fitted = 0.0
    for core in (_core(w.text) for w in words):
        if len(core) > MIN_CORRECTED and core.isalpha() and not lex.known(core):
            fit = offices.office_fit(core)
            fitted += fit[1] if fit else 0.0
    return known_letters(words) + fitted


def _believed(lines: list[tuple[np.ndarray, list[Word]]]) -> tuple[float, float]:
    """(letters read as a stamp's, with the figures of a registry number or date parsed from the lines;
    confidence) of a reading of a registry stamp's lines: the greater is the way round it was pressed."""
    words = [w for _, ws in lines for w in ws]
    fields = parse.parse([words_text(ws) for _, ws in lines])
    figures_read = sum(c.isdigit() for c in (fields.incoming_number or "") + (fields.date_raw or "" if fields.date else ""))
    return stamp_letters(words) + figures_read, reading_score(words)


def _shaded(found: FoundStamp) -> np.ndarray:
    """The stamp's ink (255 = darkest) in its own grey where the scan kept it, stretched so its darkest
    strokes are black: Tesseract reads a stroke's grey edges better than a binary mask's steps."""
    if found.shade is None or not found.ink.any():
        return found.ink
    darkness = np.where(found.ink > 0, 255 - found.shade.astype(np.int32), 0)
    top = max(1.0, float(np.percentile(darkness[found.ink > 0], 90)))
    return np.clip(darkness * 255.0 / top, 0, 255).astype(np.uint8)


def _legible(word: Word) -> bool:
    return any(c.isalnum() or c == "№" for c in word.text) and stamp_like(word.text)


def read_found(found: FoundStamp, lang: str) -> tuple[list[str], list[Word]]:
    if found.ellipse is not None and found.shape in ("round", "oval"):
        lines, words = read_seal(found, lang)
        # A round seal's is its reading, however poor: a registry stamp's frame fitted by an ellipse is an oval.
        if known_letters(words) or found.shape == "round":
            return lines, words
        # No word of a legend read: a registry stamp whose frame was fitted as an oval, read on that frame
        # (kept where its words or a registry number or date are read there).
        framed = read_rectangular(found, lang, unwrap.frame_in(found.ink, found.ellipse))
        fields = parse.parse(framed[0])
        return framed if known_letters(framed[1]) or fields.incoming_number or fields.date else (lines, words)
    if found.rect is not None:
        return read_rectangular(found, lang)
    words = _words(unwrap.dark_on_white(found.ink), lang, psm=6)
    return _lines(words), words


def outline(found: FoundStamp) -> np.ndarray:
    """The stamp's outline as points (processed frame): its ellipse, its frame, or its box."""
    x, y, w, h = found.box
    if found.ellipse is not None:
        (cx, cy), (a, b), angle = found.ellipse.centre, found.ellipse.axes, found.ellipse.angle
        points = cv2.ellipse2Poly((round(cx), round(cy)), (round(a / 2), round(b / 2)), round(angle), 0, 360, 15)
    elif found.rect is not None:
        points = cv2.boxPoints(found.rect)
    else:
        points = np.array([[0, 0], [w, 0], [w, h], [0, h]])
    return np.asarray(points, np.float64) + (x, y)


def _to_page(page: PreprocessedPage, points: np.ndarray) -> list[tuple[int, int]]:
    mapped = points @ page.to_original[:, :2].T + page.to_original[:, 2]
    return [(int(round(px)), int(round(py))) for px, py in mapped]


def read_stamps(page: PreprocessedPage, number: int, dpi: int, lang: str,
                found: list[FoundStamp] | None = None) -> list[Stamp]:
    """Every rubber stamp of ``page`` (``found`` there already, or found now), read on its own and parsed;
    boxes in the scan's pixels. Typing under a stamp stays in its ink: blanking the typed words' boxes
    wiped the stamp's own strokes across them and read worse (its lines and legend are told from the
    typing by their own rows instead)."""
    stamps = []
    for stamp in find_stamps(page, dpi) if found is None else found:
        lines, words = read_found(stamp, lang)
        fields = parse.parse(lines)
        confidence = reading_score(words)
        stamps.append(Stamp(
            kind="ink_stamp", text="\n".join(lines), page=number, bbox=page.map_box_to_original(stamp.box),
            confidence=round(confidence * stamp.confidence / 100 if words else 0.0, 2), shape=stamp.shape,
            colour=stamp.colour, outline=_to_page(page, outline(stamp)), lines=lines, office=fields.office,
            incoming_number=fields.incoming_number, date=fields.date, date_raw=fields.date_raw,
        ))
    return stamps
