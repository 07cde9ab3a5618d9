"""Binarisation: ``none`` (Tesseract thresholds itself), ``otsu``, ``sauvola``, ``adaptive``, ``masked``, or ``auto``.

``masked`` is Sauvola deciding what is paper, which becomes white, while ink and its 1-px rim keep their
grey levels: Tesseract's LSTM reads grey line images, and the shading of thin or faint strokes carries
what a hard threshold cuts away. On grainy paper that grey rim carries the grain too, and a hard
threshold reads better: ``auto`` measures the paper's noise and takes ``masked`` below
AUTO_NOISE_LIMIT, ``sauvola`` above it. On faint typing (a carbon copy) both take Sauvola's dynamic
range from the page's own contrast (:func:`contrast_range`): the paler half of the strokes would be lost; on
faint typing on grainy paper that Sauvola still cuts to pieces, ``sauvola`` tells ink from grain by the grain's
spread instead (:func:`grain_threshold`).
Both drop ink far fainter than the typing around it
(:func:`drop_faint`): show-through from the back of thin paper, which Tesseract reads as garbage.
"""

from __future__ import annotations

import cv2
import numpy as np

METHODS = ("none", "otsu", "sauvola", "adaptive", "masked", "auto")

# Grey levels (robust standard deviation of the paper between the ink). Synthetic clean and moderate
# scans and 8 of the 9 EHRI pages measure 0-3, heavy scans 6-7.5; ``auto``'s choice follows the
# binarisation that read each kind best (``telegrams bench --ablation``).
AUTO_NOISE_LIMIT = 4.5

# Ink whose darkest grey lies more than this share of the way from the typing's grey level around it to
# the paper's is no typing: show-through of thin paper's back, a stain's rim. Measured on the tuning pages
# (seed 1000, page-wide levels): the thin-paper pages have 3-9 % of their ink past 0.4 of the way (2-3 %
# past 0.6), the others under 2 %, worn typing among it (kept by TYPING_BESIDE).
FAINT_SHARE = 0.4
FAINT_REACH = 6  # characters: the neighbourhood the typing's grey level is taken over
# Show-through is a page's worth of faint marks: the thin-paper tuning pages (seed 1000) have 7-47 character
# squares (character height squared) of them, the worn and faint typing of the others at most 2 (a worn
# letter; on real pages also a pencilled note or a faint signature, which a transcription holds).
FAINT_MIN_AREA = 5.0
TYPING_BESIDE = 3.0  # characters from typing, on its level: a faint mark there is typing too
STROKE_PIECE = 0.25  # of a letter's height: a faint carbon stroke's piece is as high (leader dots are lower)


def _odd(value: float) -> int:
    return int(value) | 1


DYNAMIC_RANGE = 128.0  # Sauvola's R for 8-bit images: the spread of black on white
# The least R a page's contrast gives: below it a window of paper's grain alone (spread 7-10) would come
# near its mean. The faintest heavy tuning pages (carbon copies on grainy paper, seed 3000) get 47-69.
MIN_RANGE = 32.0
# Typing fainter than this share of black typing's contrast loses strokes at Sauvola's 8-bit range: the
# faint heavy tuning pages (carbon copies, a worn ribbon on aged paper) measure 0.41-0.54 and read better
# scaled (seeds 1000 and 3000: 74 to 63, 226 to 135, 166 to 103, 142 to 125 edits in the message), the
# photocopies 0.66-0.83 and read worse (210 to 232, 343 to 604, and 130 to 315 at moderate). The faint pages
# ``masked`` takes (moderate tuning pages of seeds 8000 and 9000, 0.45-0.53) read a little better scaled too: body
# CER 0.037 to 0.033 (mean of seven pages, six better).
FAINT_CONTRAST = 0.6
# The contrast contrast_range measures on black typing on white paper (a clean render: 96 grey levels;
# its ink's median lies in the strokes' anti-aliased rims, not at 0).
BLACK_SPREAD = 96.0

STATS_STEP = 4  # px: local mean and spread are taken on 4x4 cells; a window spans ~15 of them


def sauvola(gray: np.ndarray, window: int, k: float = 0.2, dynamic_range: float = DYNAMIC_RANGE) -> np.ndarray:
    """Sauvola threshold T = m * (1 + k * (s / R - 1)) over a ``window`` x ``window`` px box (odd).

    The window's mean and mean square are computed on STATS_STEP-px cells (exact cell sums, so the
    spread still sees stroke-against-paper contrast) and the threshold surface interpolated back:
    three times cheaper than at full resolution and within 0.01 % of its pixels on a 300-dpi page.
    """
    h, w = gray.shape
    size = (max(1, w // STATS_STEP), max(1, h // STATS_STEP))
    mean = cv2.resize(gray, size, interpolation=cv2.INTER_AREA).astype(np.float32)
    mean_sq = cv2.resize(cv2.multiply(gray, gray, dtype=cv2.CV_32F), size, interpolation=cv2.INTER_AREA)
    cells = _odd(max(3, window / STATS_STEP))
    mean = cv2.boxFilter(mean, -1, (cells, cells), borderType=cv2.BORDER_REFLECT)
    mean_sq = cv2.boxFilter(mean_sq, -1, (cells, cells), borderType=cv2.BORDER_REFLECT)
    variance = mean_sq - mean * mean
    np.maximum(variance, 0, out=variance)  # rounding can make a flat window's variance negative
    # A window spreading past R (dark print beside faint typing, with R taken from the typing) is its own
    # range: the threshold stays below its mean, and the paper round the print stays paper.
    spread = np.minimum(cv2.sqrt(variance), np.float32(dynamic_range))
    threshold = mean * (spread * np.float32(k / dynamic_range) + np.float32(1 - k))
    threshold = cv2.resize(np.clip(threshold, 0, 255).astype(np.uint8), (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.compare(gray, threshold, cv2.CMP_GT)  # 255 where paper


# Faint typing on grainy paper (a carbon copy's last page, its footer fainter still: ink 30-60 grey levels under
# paper whose grain spreads 9) is cut to specks by Sauvola however R is scaled: a window's spread is mostly grain.
# Its ink is told from the grain instead: the grey smoothed over a stroke's width (GRAIN_BLUR px), ink where it lies
# GRAIN_SIGMAS of the smoothed grain's spread under the paper around it, and no lighter than halfway from the darkest
# ink within a character to that paper (a dark letter keeps its shape rather than growing its rims).
GRAIN_BLUR = 0.8
GRAIN_SIGMAS = 4.0
PAPER_REACH = 4  # characters: the paper's level is taken over a window this wide


# Sauvola cut the typing to specks when pieces of strokes (PIECE_HEIGHT to half a letter high) outnumber the
# letter-high marks: heavy tuning pages measure 0.2-0.8 read well, 1.1-1.7 on s7000 tg-07011's faint pages.
SPECKS_PER_LETTER = 1.0
PIECE_HEIGHT = 0.15  # of a letter's height: grain's single specks are lower


def _marks(paper: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The labels and stats of ``paper``'s ink marks (0 where ink; label 0 the paper): one pass serves both
    :func:`_pieces_per_letter` and :func:`_letters_contrast`."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_not(paper), connectivity=8)
    return labels, stats


def _pieces_per_letter(stats: np.ndarray, char_height: float) -> float:
    """How many marks (their ``stats``, :func:`_marks`) are pieces of a stroke for each a letter high."""
    height = stats[1:, cv2.CC_STAT_HEIGHT]
    pieces = np.count_nonzero((height >= PIECE_HEIGHT * char_height) & (height < 0.5 * char_height))
    return pieces / max(1, np.count_nonzero(_letters(stats, char_height)[0]))


def _unspeckled(gray: np.ndarray, paper: np.ndarray, char_height: float) -> np.ndarray | None:
    """:func:`grain_threshold`'s paper where Sauvola's (``paper``) cut the typing to pieces (SPECKS_PER_LETTER) and
    it leaves fewer pieces a letter; None otherwise."""
    labels, stats = _marks(paper)
    specks = _pieces_per_letter(stats, char_height)
    if specks <= SPECKS_PER_LETTER or _letters_contrast(gray, paper, labels, stats, char_height) >= FAINT_CONTRAST:
        return None  # grain alone (a very grainy page of dark typing: s7000 heavy tg-07008) breaks no letters
    grained = grain_threshold(gray, paper, char_height)
    return grained if _pieces_per_letter(_marks(grained)[1], char_height) < specks else None


def _letters_contrast(gray: np.ndarray, paper: np.ndarray, labels: np.ndarray, stats: np.ndarray,
                      char_height: float) -> float:
    """The typing's contrast as :func:`contrast_range` takes it, over the letter-sized marks' ink only (``paper``'s
    marks, :func:`_marks`): a faint page's black scanner edge or a dark stamp outweighs its typing's pixels (s7000
    heavy tg-07011: 0.61 over all the ink, 0.33 over its letters)."""
    ink = _letters(stats, char_height)[1][labels]
    if not ink.any() or not (paper == 255).any():
        return 0.0
    return (float(np.median(gray[paper == 255][::7])) - float(np.median(gray[ink]))) / 2 / BLACK_SPREAD


def grain_threshold(gray: np.ndarray, paper: np.ndarray, char_height: float) -> np.ndarray:
    """``paper`` (255 where paper, as :func:`sauvola` gives it) redrawn for faint typing on grainy paper: ink where
    the smoothed grey lies far enough below the paper around it (the grain's spread) and past halfway from the darkest
    ink near it (see GRAIN_SIGMAS)."""
    smooth = cv2.GaussianBlur(gray.astype(np.float32), (0, 0), GRAIN_BLUR)
    clear = cv2.erode(paper, np.ones((5, 5), np.uint8)).astype(np.float32) / 255  # paper two pixels from ink
    reach = _odd(PAPER_REACH * char_height)
    weight = cv2.blur(clear, (reach, reach))
    level = cv2.blur(smooth * clear, (reach, reach)) / np.maximum(weight, 1e-3)
    level = np.where(weight > 0.05, level, np.float32(np.median(smooth[clear > 0]) if clear.any() else 255))
    grain = (smooth - level)[clear > 0]
    spread = 1.4826 * float(np.median(np.abs(grain - np.median(grain)))) if grain.size else 0.0
    darkest = cv2.erode(smooth, np.ones((_odd(char_height),) * 2, np.uint8))
    threshold = np.minimum(level - GRAIN_SIGMAS * spread, (darkest + level) / 2)
    return np.where(smooth < threshold, 0, 255).astype(np.uint8)


def contrast_range(gray: np.ndarray, paper: np.ndarray, char_height: float) -> float:
    """Sauvola's dynamic range R for this page: DYNAMIC_RANGE, or on faint typing that range scaled by the
    page's contrast (half the grey distance from its ink's median to its paper's; ``paper``: 255 where paper)
    against black typing's.

    Sauvola's threshold m * (1 + k * (s / R - 1)) assumes the window's spread s can reach R, as it does
    where black type lies on white paper. Faint typing (a carbon copy, a light face: ink at 160-190 on
    paper at 240) never spreads that far, the threshold sinks to 0.8 of the mean and the paler half of
    each stroke becomes paper (``Наро ная``, ``ноя ря``). R scaled with the contrast makes the threshold
    follow the page's grey levels as black typing's follows its own (the formula scales with the image
    when R does). Only below FAINT_CONTRAST: typing of a contrast nearer black's (a photocopy's grey
    toner) keeps its strokes at the 8-bit range, and a higher threshold there only takes in the grain.
    At least MIN_RANGE: paper without typing has no contrast to measure.
    Where all the ink measures black, a black stamp, the form's print, a pen's signature or a scanner's edge
    may outweigh faint typing's pixels: the letters' ink alone (:func:`_letters_contrast`) tells (heavy
    carbon copies: s9000 tg-09009 0.61 over all the ink, 0.42 over its letters; s8000 tg-08008's first page
    0.63 and 0.35). Not where all the ink already measures faint: nothing dark outweighs the typing there, and
    a grey seal's letters lighter than it would lower R further (the seal reads worse, s7000 heavy tg-07002's
    body under a grey stamp too).
    """
    counts = np.bincount(gray.ravel(), minlength=256)
    paper_counts = np.bincount(gray[paper == 255], minlength=256)
    ink_counts = counts - paper_counts
    if not ink_counts.any() or not paper_counts.any():
        return DYNAMIC_RANGE
    levels = np.arange(256, dtype=np.float64)
    contrast = (_median_of_counts(levels, paper_counts) - _median_of_counts(levels, ink_counts)) / 2 / BLACK_SPREAD
    if contrast >= FAINT_CONTRAST:
        contrast = _letters_contrast(gray, paper, *_marks(paper), char_height) or contrast
    return DYNAMIC_RANGE if contrast >= FAINT_CONTRAST else max(MIN_RANGE, DYNAMIC_RANGE * contrast)


def paper_noise(gray: np.ndarray, paper: np.ndarray) -> float:
    """Robust standard deviation (1.4826 × MAD, grey levels) of ``gray`` over the ``paper`` mask (bool),
    kept two pixels away from the ink so that stroke edges do not count as grain."""
    inner = cv2.erode(paper.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    counts = np.bincount(gray[inner], minlength=256)
    if not counts.any():
        return 0.0
    # Medians of a page's millions of grey levels from their histogram: np.median's values, without sorting.
    levels = np.arange(256, dtype=np.float64)
    centre = _median_of_counts(levels, counts)
    spread = np.abs(levels - centre)
    order = np.argsort(spread, kind="stable")
    return float(1.4826 * _median_of_counts(spread[order], counts[order]))


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def _typing_level(gray: np.ndarray, stats: np.ndarray, centres: np.ndarray, darkest: np.ndarray,
                  letters: np.ndarray, char_height: float, median: float) -> np.ndarray:
    """The typing's darkest grey around each mark: the area-weighted mean over the letter-sized marks
    (``letters``) within FAINT_REACH characters, on cells a character wide; the page's ``median`` letter where none."""
    area = stats[letters, cv2.CC_STAT_AREA].astype(np.float32)
    cell = max(1, round(char_height))
    rows, cols = -(-gray.shape[0] // cell), -(-gray.shape[1] // cell)
    def cell_of(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.minimum(points[:, 1] // cell, rows - 1).astype(int), np.minimum(points[:, 0] // cell, cols - 1).astype(int)
    weight, total = np.zeros((rows, cols), np.float32), np.zeros((rows, cols), np.float32)
    np.add.at(weight, cell_of(centres[letters]), area)
    np.add.at(total, cell_of(centres[letters]), area * darkest[letters])
    reach = 2 * FAINT_REACH + 1
    weight, total = (cv2.boxFilter(x, -1, (reach, reach), normalize=False, borderType=cv2.BORDER_CONSTANT) for x in (weight, total))
    return np.where(weight > 0, total / np.maximum(weight, 1e-6), np.float32(median))[cell_of(centres)]


def _beside_typing(shape: tuple[int, ...], stats: np.ndarray, centres: np.ndarray, typed: np.ndarray, char_height: float) -> np.ndarray:
    """For each mark, whether its centre lies on the level of a ``typed`` mark (half a character up or
    down), at most TYPING_BESIDE characters before or after it."""
    rows_of_typing = np.zeros(shape, np.uint8)
    beside, tolerance = round(TYPING_BESIDE * char_height), round(0.5 * char_height)
    for x, y, w, h, _ in stats[typed]:
        middle = int(y + h // 2)
        cv2.rectangle(rows_of_typing, (int(x) - beside, middle - tolerance), (int(x + w) + beside, middle + tolerance), 1, -1)
    at = np.minimum(np.round(centres).astype(int), (shape[1] - 1, shape[0] - 1))
    return rows_of_typing[at[:, 1], at[:, 0]] > 0


def drop_faint(gray: np.ndarray, paper: np.ndarray, char_height: float) -> tuple[np.ndarray, int]:
    """``paper`` (255 where paper) with ink too faint to be the typing around it (FAINT_SHARE) made
    paper, and how many pixels that was.

    The typing's grey level is taken around each mark (:func:`_typing_level`: a photocopy fades across
    the sheet); show-through far from any typing is thus its own level, and stays. A mark goes whole or
    stays whole: a letter with one dark stroke keeps its faint ones; and a faint mark on a typed line's
    level beside its letters stays (a worn letter, a letter's piece, a full stop).
    """
    ink = cv2.bitwise_not(paper)
    count, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    inked = labels > 0
    darkest = np.full(count, 255, np.uint8)
    np.minimum.at(darkest, labels[inked], gray[inked])
    height = stats[:, cv2.CC_STAT_HEIGHT]
    lettered, letters = _letters(stats, char_height)
    if not letters.any():
        return paper, 0
    median = _weighted_median(darkest[letters].astype(np.float64), stats[letters, cv2.CC_STAT_AREA].astype(np.float64))
    typing = _typing_level(gray, stats, centres, darkest, letters, char_height, median)
    # A printed form's black labels beside faint typing (a carbon copy's values in the form's blanks, names typed
    # beside the grid's slots) are no level the typing falls short of: a mark STROKE_PIECE of a letter high or more (a
    # letter, or a piece of one a faint stroke's break left) is judged against the page's median letter where that is
    # lighter. A speck is not (a blank's leader dot left beside a typed figure).
    typing = np.where(height >= STROKE_PIECE * char_height, np.maximum(typing, np.float32(median)), typing)
    paper_level = float(np.median(gray[::7, ::7][paper[::7, ::7] > 0]))  # a sample is enough
    faint = darkest > typing + FAINT_SHARE * (paper_level - typing)
    faint[0] = False
    if not faint.any():
        return paper, 0
    faint &= ~_beside_typing(gray.shape, stats, centres, lettered & ~faint, char_height)
    if stats[faint, cv2.CC_STAT_AREA].sum() < FAINT_MIN_AREA * char_height ** 2:
        return paper, 0  # a few faint marks: a worn letter, a pencilled note or signature, no show-through
    dropped = faint[labels]
    paper = paper.copy()
    paper[dropped] = 255
    return paper, int(dropped.sum())


def _letters(stats: np.ndarray, char_height: float) -> tuple[np.ndarray, np.ndarray]:
    """Of connected components' ``stats`` (label 0 the background), those a letter high (a letter or letters run
    together), and of them those at most two letters wide."""
    height, width = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH]
    lettered = (height >= 0.5 * char_height) & (height <= 1.5 * char_height)
    lettered[0] = False
    return lettered, lettered & (width <= 2 * char_height)


def _median_of_counts(values: np.ndarray, counts: np.ndarray) -> float:
    """The median (as np.median takes it) of ``values`` (ascending) each repeated ``counts`` times."""
    cumulative = np.cumsum(counts)
    n = int(cumulative[-1])
    def at(k: int) -> float:  # the k-th value (from 0) in order
        return float(values[np.searchsorted(cumulative, k, side="right")])
    return at(n // 2) if n % 2 else (at(n // 2 - 1) + at(n // 2)) / 2


def binarize(gray: np.ndarray, method: str, char_height: float) -> tuple[np.ndarray, dict]:
    """Black ink on white by ``method`` (``masked`` keeps the ink's grey; ``none`` returns ``gray``), and
    what was decided: ``{"method": ...}`` plus, for ``auto``, the paper noise measured and the method used."""
    if method not in METHODS:
        raise ValueError(f"unknown binarisation {method!r}; use one of {', '.join(METHODS)}")
    if method == "none":
        return gray, {"method": method}
    if method == "otsu":
        return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1], {"method": method}
    # Local windows of about two text lines see both ink and paper.
    window = _odd(max(15, 2 * char_height))
    if method == "adaptive":
        return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, window, 10), {"method": method}
    paper = sauvola(gray, window)
    decided = {"method": method}
    if method == "auto":
        noise = paper_noise(gray, paper == 255)
        method = "sauvola" if noise > AUTO_NOISE_LIMIT else "masked"
        decided |= {"paper_noise": round(noise, 2), "chose": method}
    if method in ("sauvola", "masked"):
        dynamic_range = contrast_range(gray, paper, char_height)
        decided["dynamic_range"] = round(dynamic_range, 1)
        if dynamic_range < DYNAMIC_RANGE:
            paper = sauvola(gray, window, dynamic_range=dynamic_range)
            # Typing Sauvola still cuts to specks is faint (its letters' contrast, as R's, under FAINT_CONTRAST).
            if method == "sauvola" and (grained := _unspeckled(gray, paper, char_height)) is not None:
                paper, decided["grain_threshold"] = grained, True
    paper, faint = drop_faint(gray, paper, char_height)
    if faint:
        decided["faint_dropped"] = faint
    if method == "sauvola":
        return paper, decided
    ink = cv2.dilate(cv2.bitwise_not(paper), np.ones((3, 3), np.uint8))
    return cv2.max(gray, cv2.bitwise_not(ink)), decided  # paper -> 255, ink keeps its grey
