"""Recognition: Tesseract's reading of a preprocessed page into words with boxes and confidences.

The page is read with automatic page segmentation, then rows of ink that reading left out are read as
strips across the page, and those still unread, once the page's stamps are known, as strips cut to their ink;
a page whose reading is poor (low confidence, or words no dictionary holds) is read again turned 180 degrees
(decided by :mod:`ocr.preprocess.orientation`). Re-reads of parts of the page that are known
to fail live in :mod:`ocr.reread.blocks`.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import asdict, dataclass

import cv2
import numpy as np

from ocr.correct.lexicon import lexicon
from ocr.errors import ExternalToolError
from ocr.exec import tesseract
from ocr.layout import page_metrics
from ocr.lines import Word
from ocr.preprocess import PreprocessedPage
from ocr.preprocess.deskew import find_text
from ocr.preprocess.orientation import read_upright

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OcrSettings:
    lang: str = "rus"
    psm: int = 3  # automatic page segmentation: the form mixes columns, margins and running text
    body_psm: int | None = 6  # a form page's message band is read again as one block (None: not re-read)

    def params(self) -> dict:
        return asdict(self)

# On paper that binarisation made pure white (``masked`` keeps the ink's grey), everything darker than
# near-white is ink, faded marginal typing and a stroke's light rim included; on grey paper, mid-grey.
INK_LEVEL = 250

def is_ink(image: np.ndarray) -> np.ndarray:
    """The ink pixels of a page image or a part of it (bool, same shape)."""
    whitened = 2 * np.count_nonzero(image == 255) > image.size
    return image < (INK_LEVEL if whitened else 128)

# A "word" of vertical bars only is a printed rule, a fold or the page's edge: typewriters had no such key.
_RULE = re.compile(r"^[|¦‖]+$")

def words_from_data(data: dict[str, list], offset: tuple[int, int] = (0, 0), numbered: bool = False) -> list[Word]:
    """Tesseract's TSV columns → words (empty and non-word rows, and vertical rules read as ``|``, dropped),
    boxes shifted by ``offset``; ``numbered``: each word keeps its block, paragraph and line numbers."""
    words = []
    for i, text in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if data["level"][i] != 5 or confidence < 0 or not str(text).strip() or _RULE.match(str(text).strip()):
            continue
        box = (data["left"][i] + offset[0], data["top"][i] + offset[1], data["width"][i], data["height"][i])
        line = (data["block_num"][i], data["par_num"][i], data["line_num"][i]) if numbered else None
        words.append(Word(text=str(text).strip(), bbox=box, confidence=confidence, line=line))
    return words

def recognize(image: np.ndarray, settings: OcrSettings = OcrSettings()) -> list[Word]:
    """Words of a page image (uint8, 2-D), boxes in its pixels; lines the page reading skipped are read again."""
    return _read_page(image, settings)[0]


def _read_page(image: np.ndarray, settings: OcrSettings) -> tuple[list[Word], np.ndarray, list[tuple[np.ndarray, tuple[int, int]]]]:
    """:func:`recognize`'s words, the page's :func:`standing_ink` measured by the page reading's letters, and the
    strips of the lines still left out cut to their ink (:func:`band_strip`), with where each lies."""
    words = _page_words(image, settings)
    ink = standing_ink(image, words)
    bands, clear = unread_bands(ink, words), cleared(image, ink)
    across_page = [_across_strip(clear, band) for band in bands]
    found = [_new(words, each) for each in read_crops([crop for crop, _ in across_page], settings.lang, psm=6,
                                                      offsets=[at for _, at in across_page])]
    cuts = [band_strip(clear, box, _others(words, bands, band, image.shape[1]))
            for band, each in zip(bands, found) if not each and (box := strip_box(ink, band))]
    return words + [w for each in found for w in each], ink, cuts


# The share of a strip's box that lies in a stamp's box for it to be the stamp's.
STAMP_SHARE = 0.5


def read_cut_strips(page: PreprocessedPage, words: list[Word], stamps: list[tuple[int, int, int, int]],
                    settings: OcrSettings = OcrSettings()) -> list[Word]:
    """``words`` (:func:`recognize_page`'s) with the lines they leave out read in the page's ``unread_strips``, cut
    to each line's own ink, other lines papered over (:func:`band_strip`). Tesseract's line finding fails at times on
    the strip across the page (a speck far off and the page's edge, the next line's letters beside a classification
    set right); read only where that strip read nothing, the cut strip can only add words. None inside a stamp's box
    (``stamps``) is read: between the rows of typing under a seal, a strip cut to its legend reads believable capitals
    (``ТСРЕТ``)."""
    strips = [(crop, at) for crop, at in page.unread_strips
              if not any(overlap((*at, crop.shape[1], crop.shape[0]), stamp) > STAMP_SHARE for stamp in stamps)]
    found = read_crops([crop for crop, _ in strips], settings.lang, psm=6, offsets=[at for _, at in strips])
    return words + [w for each in found for w in _new(words, each)]


def _new(words: list[Word], found: list[Word]) -> list[Word]:
    """The believable words of a strip's reading that the page's ``words`` did not read: a strip also takes in the
    edges of the lines around it, which were read already."""
    return [w for w in _believable(found) if not any(overlap(w.bbox, old.bbox) > 0.3 for old in words)]


# Around the typing's own box, in its character heights: room for the marks and stamps beside it.
TEXT_MARGIN = 4


def _page_words(image: np.ndarray, settings: OcrSettings) -> list[Word]:
    """Tesseract's reading of the page; where it reads nothing on a page that holds typing, the reading of
    the typing's own box (the sample heavy scan's upside-down page: framed by the dark scanner bed's bars,
    Tesseract's layout analysis gave up on its clear typing, ``Empty page!!``)."""
    words = words_from_data(tesseract.image_to_data(image, settings.lang, psm=settings.psm), numbered=True)
    if words:
        return words
    text = find_text(image)
    if not text.mask.any():
        return words
    ys, xs = np.nonzero(text.mask)
    margin = TEXT_MARGIN * text.height
    left, top = (max(0, int((v.min() - margin) / text.scale)) for v in (xs, ys))
    right, bottom = int((xs.max() + margin) / text.scale), int((ys.max() + margin) / text.scale)
    crop = image[top:bottom, left:right]
    return words_from_data(tesseract.image_to_data(crop, settings.lang, psm=settings.psm), offset=(left, top), numbered=True)


def overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """The share of box ``a``'s area that lies inside box ``b``."""
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, width) * max(0, height) / max(1, a[2] * a[3])

def unread_bands(ink: np.ndarray, words: list[Word], beside_words: bool = False) -> list[tuple[int, int]]:
    """Rows ``(top, bottom)`` of ``ink`` (the page's :func:`standing_ink`, or its :func:`unread_ink`) holding a line
    that no word covers: lines page segmentation dropped.

    Tesseract's page segmentation sometimes leaves out whole lines (beside a stamp, letter-spaced
    headers, marginal notes); a band is a run of inked rows at least half a typical word tall.
    ``beside_words``: ink on a row with a word counts too (a signature's date left out beside the pen's scrawl over
    its name, whose box spans the row), for ``ink`` the words leave unread.
    """
    if not words:
        return []
    height = float(np.median([w.bbox[3] for w in words]))
    covered = np.zeros(ink.shape[0], bool)
    for _, y, _, h in (word.bbox for word in words if not beside_words):
        covered[max(0, y - 2):y + h + 2] = True
    rows = ink.sum(axis=1)
    ink_rows = rows > max(4, ink.shape[1] // 400)
    bands, start = [], None
    for row, free in enumerate(np.append(ink_rows & ~covered, False)):
        if free and start is None:
            start = row
        elif not free and start is not None:
            if 0.5 * height <= row - start <= MAX_BAND_LINES * height:  # lines of typing, not a stamp or a figure
                bands += _split_band((start, row), rows, height)
            start = None
    return bands


def _across_strip(image: np.ndarray, band: tuple[int, int]) -> tuple[np.ndarray, tuple[int, int]]:
    """The strip a band is read in first, with where it lies: across the page, a third of its height above and below."""
    top, bottom = band
    y = max(0, top - (bottom - top) // 3)
    return image[y:bottom + (bottom - top) // 3], (0, y)


def _others(words: list[Word], bands: list[tuple[int, int]], band: tuple[int, int],
            width: int) -> list[tuple[int, int, int, int]]:
    """The boxes of lines other than ``band``'s: the words' (read already) and the other bands apart from it, across
    the page. A band it was split from (:func:`_split_band`) touches it: their cut runs through one line's letters."""
    return [word.bbox for word in words] + [(0, top, width, bottom - top) for top, bottom in bands
                                            if bottom < band[0] or top > band[1]]


def band_strip(image: np.ndarray, box: tuple[int, int, int, int],
               others: list[tuple[int, int, int, int]]) -> tuple[np.ndarray, tuple[int, int]]:
    """A band's strip (its :func:`strip_box`, ``box``) cut out of ``image``, with where it lies; what of ``others``
    (boxes of other lines) its margins take in made paper: the tops of the next line's letters at a strip's edge were
    read instead of the line (a classification set small and bold right above the handling mark, read ``ие о очнь``)."""
    x, y, w, h = box
    strip = image[y:y + h, x:x + w].copy()
    for ox, oy, ow, oh in others:
        strip[max(0, oy - y):max(0, oy + oh - y), max(0, ox - x):max(0, ox + ow - x)] = 255
    return strip, (x, y)


def standing_ink(image: np.ndarray, words: list[Word]) -> np.ndarray:
    """The page's ink without strokes running down it (its dark edge, a fold: in line over a good share of the page's
    height, see :func:`_running_down`). Such a stroke inks every row it passes: the typing beside it would be one run of
    inked rows, too tall to be lines, and a strip of a line read across it reads as nothing."""
    inked = is_ink(image)
    if not words:  # no letter's height to measure a stroke by
        return inked
    return inked & ~_running_down(inked, _letter(words))


def _letter(words: list[Word]) -> int:
    """A letter's height on the page: its words' median box height."""
    return int(float(np.median([w.bbox[3] for w in words])))


def _upright(ink: np.ndarray, letter: int) -> np.ndarray:
    """The ink of upright strokes taller than three ``letter`` heights (no letter is)."""
    # odd: an even kernel's opening leaves a stroke's first row behind
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(3, 3 * letter) | 1))
    return cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_OPEN, kernel).astype(bool)


def unread_ink(standing: np.ndarray, words: list[Word]) -> np.ndarray:
    """The page's ``standing`` ink (:func:`standing_ink`) that no word's box (and a third of its height beside it) covers,
    without upright strokes taller than any letter (:func:`_upright`): a piece of the page's dark edge in a corner, too
    short to run down the page, inks every row beside the last lines and would join them into one band too tall to be
    lines (a heavy page's signature line, left out by the page reading, was never read again)."""
    inked = standing & ~_upright(standing, _letter(words)) if words else standing.copy()
    for x, y, w, h in (word.bbox for word in words):
        inked[max(0, y - 2):y + h + 2, max(0, x - h // 3):x + w + h // 3] = False
    return inked


# A piece of ink no word covers this share of a letter's height tall, or a character's width wide, is a mark the reading
# lost: specks and grain are smaller.
LOST_MARK = 0.5


def lost_marks(ink: np.ndarray, words: list[Word], box: tuple[int, int, int, int] | None = None) -> bool:
    """Whether ``ink`` (a page's, from its top left) holds, where no word of ``words`` covers it (:func:`unread_ink`)
    and inside ``box`` when given, a piece a letter or more in size (LOST_MARK), not a speck."""
    unread = unread_ink(ink, words)
    if box is not None:
        x, y, w, h = box
        unread = unread[y:y + h, x:x + w]
    metrics = page_metrics(words)
    _, _, stats, _ = cv2.connectedComponentsWithStats(unread.astype(np.uint8), connectivity=8)
    return bool(((stats[1:, cv2.CC_STAT_HEIGHT] >= LOST_MARK * metrics.line_height)
                 | (stats[1:, cv2.CC_STAT_WIDTH] >= metrics.char_width)).any())


# A stroke runs down the page when its pieces, each taller than any letter, line up over this share of its height: a
# dark edge or a fold does, broken or not; a seal's ring or a registry stamp's frame, upright over a few lines, does not
# (made paper, their sides crossing a line of typing took letters with them).
RUNNING_SHARE = 0.25


def _running_down(ink: np.ndarray, letter: int) -> np.ndarray:
    """The ink of strokes running down the page: pieces taller than three ``letter`` heights (no letter is) that line
    up, within a letter's width, over :data:`RUNNING_SHARE` of the page's height."""
    pieces = _upright(ink, letter).astype(np.uint8)
    # a piece's column widened by a letter, so a fold left slanted by the deskew's last fraction of a degree lines up
    lined = cv2.dilate(pieces, cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, letter), 1))).sum(axis=0)
    return pieces.astype(bool) & (lined >= RUNNING_SHARE * ink.shape[0])[None, :]

# A run of unread rows taller than this many words is a stamp, a picture or a smear, not dropped lines.
MAX_BAND_LINES = 6.0

def _split_band(band: tuple[int, int], ink: np.ndarray, height: float) -> list[tuple[int, int]]:
    """A band of several lines, set close enough that no blank row parts them, split at its faintest
    rows into bands of at most two and a half words' height (read as strips, one or two lines each)."""
    top, bottom = band
    if bottom - top <= 2.5 * height:
        return [band]
    low, high = top + int(0.5 * height), bottom - int(0.5 * height)
    cut = low + int(np.argmin(ink[low:high]))
    return _split_band((top, cut), ink, height) + _split_band((cut, bottom), ink, height)

def strip_box(ink: np.ndarray, band: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The strip a band of ``ink`` is read in: a third of its height above and below, :func:`across` its ink (None
    when it holds no piece of ink wide enough)."""
    top, bottom = band
    margin = (bottom - top) // 3
    y = max(0, top - margin)
    return across(ink[top:bottom], y, min(ink.shape[0], bottom + margin) - y)


def across(ink: np.ndarray, y: int, h: int) -> tuple[int, int, int, int] | None:
    """The box of a strip of rows ``y`` to ``y + h`` of a page, ``ink`` its rows' ink (or some of them), from its
    first to its last piece of ink at least half a line wide (with a line's height beside them): a speck or the page's
    dark edge beside the line, read with it, makes Tesseract read nothing (a classification set right, a speck far
    left and the page's edge: read across the page, nothing; without the speck or the edge, the word)."""
    columns = np.flatnonzero(ink.any(axis=0))
    if not columns.size:
        return None
    pieces = np.split(columns, np.flatnonzero(np.diff(columns) > h) + 1)
    wide = [piece for piece in pieces if piece[-1] - piece[0] >= h / 2]
    if not wide:
        return None
    x0, x1 = max(0, int(wide[0][0]) - h), int(wide[-1][-1]) + h
    return (x0, y, min(ink.shape[1], x1) - x0, h)


def cleared(image: np.ndarray, standing: np.ndarray) -> np.ndarray:
    """``image`` with the ink that is not its ``standing`` ink (:func:`standing_ink`: its dark edge, a fold, a punched
    hole) made paper: read across the scanner bed's dark strip, a strip of a line or the message's block reads as
    nothing. The same image where there is none: a page without them reads as it did."""
    running = is_ink(image) & ~standing
    if not running.any():
        return image
    out = image.copy()
    out[running] = 255
    return out

def _believable(words: list[Word]) -> list[Word]:
    # A strip of speckle or a stamp's edge reads as short low-confidence junk: keep only believable words.
    return [w for w in words if w.confidence >= MIN_STRIP_CONFIDENCE and sum(c.isalnum() for c in w.text) >= 2]

MIN_STRIP_CONFIDENCE = 60.0

def _crop(image: np.ndarray, box: tuple[int, int, int, int]) -> tuple[np.ndarray, tuple[int, int]]:
    x, y, w, h = box
    return image[max(y, 0):y + h, max(x, 0):x + w], (max(x, 0), max(y, 0))

def read_box(image: np.ndarray, box: tuple[int, int, int, int], lang: str, psm: int) -> list[Word]:
    """Words inside ``box`` ([x, y, w, h]) of ``image`` read with page segmentation ``psm``; boxes in the image's pixels."""
    return read_boxes(image, [box], lang, psm)[0]

def read_boxes(image: np.ndarray, boxes: list[tuple[int, int, int, int]], lang: str, psm: int,
               scale: float = 1.0) -> list[list[Word]]:
    """:func:`read_box` of each box, all read in one run of Tesseract; ``scale``: each crop read enlarged
    that many times (cubic), its words' boxes brought back to the image's pixels."""
    return read_parts([(image, box, scale) for box in boxes], lang, psm)

def enlarged(crop: np.ndarray, scale: float) -> np.ndarray:
    """``crop`` ``scale`` times its size (cubic): Tesseract scales each line to its recogniser's height, and reads
    some letters truer from an enlarged crop; as it is at 1.0 or when empty."""
    return crop if scale == 1.0 or not crop.size else cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)


def read_parts(parts: list[tuple[np.ndarray, tuple[int, int, int, int], float]], lang: str, psm: int,
               extra: dict[str, str | int] | None = None) -> list[list[Word]]:
    """Words of each (image, box, enlargement) part, parts of different images or enlargements all read in
    one run of Tesseract; each word's box in its own image's pixels. ``extra``: Tesseract variables."""
    cropped = [_crop(image, box) for image, box, _ in parts]
    crops = [enlarged(crop, scale) for (crop, _), (_, _, scale) in zip(cropped, parts)]
    return [[dataclasses.replace(w, bbox=(x + round(w.bbox[0] / scale), y + round(w.bbox[1] / scale),
                                          round(w.bbox[2] / scale), round(w.bbox[3] / scale))) for w in words]
            for words, (_, (x, y)), (_, _, scale) in zip(read_crops(crops, lang, psm, extra=extra), cropped, parts)]

# Tesseract reads nothing narrower or lower than this (``Image too small to scale``, on its stderr).
SMALLEST_SIDE = 3


def read_crops(crops: list[np.ndarray], lang: str, psm: int, offsets: list[tuple[int, int]] | None = None,
               extra: dict[str, str | int] | None = None, numbered: bool = False) -> list[list[Word]]:
    """Words of each part of a page read again, all in one run of Tesseract (it reads each alike alone or
    among others); none for a part Tesseract fails on. ``offsets``: where each part lies in the page;
    ``extra``: Tesseract variables; ``numbered``: as :func:`words_from_data`."""
    offsets = offsets or [(0, 0)] * len(crops)
    words: list[list[Word]] = [[] for _ in crops]
    kept = [k for k, crop in enumerate(crops) if min(crop.shape[:2]) >= SMALLEST_SIDE]
    for k, data in zip(kept, _data([crops[k] for k in kept], lang, psm, extra)):
        words[k] = words_from_data(data, offset=offsets[k], numbered=numbered)
    return words

def _data(crops: list[np.ndarray], lang: str, psm: int, extra: dict[str, str | int] | None = None) -> list[dict[str, list]]:
    """Tesseract's columns for each crop, read in one run; when that run fails, each crop on its own (a
    run's start costs little beside reading them all again): a sliver Tesseract dies on (``Image too
    small to scale``) reads as nothing, the page's own reading stands there, and the page is not lost."""
    try:
        return tesseract.images_to_data(crops, lang, psm=psm, extra=extra)
    except ExternalToolError as exc:
        if len(crops) > 1:  # halves, so one crop Tesseract dies on costs a few runs, not one a crop
            half = len(crops) // 2
            return _data(crops[:half], lang, psm, extra) + _data(crops[half:], lang, psm, extra)
        for scale in RETRY_SCALES:
            try:
                resized = cv2.resize(crops[0], None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
                return [_shrunk(tesseract.image_to_data(resized, lang, psm=psm, extra=extra), scale)]
            except ExternalToolError:
                continue
        logger.warning("a %dx%d part of the page was not read again: %s", crops[0].shape[1], crops[0].shape[0], exc)
        return [{key: [] for key in tesseract.TSV_COLUMNS}]


# Tesseract dies (SIGFPE) on some crops, the same each time it reads them, and not on the crop resized: these
# enlargements are tried in turn (four crops it died on, of heavy tuning pages: each read at 1.5 (linear), not all at
# 1.25 or 2, nor cubic or area-averaged, nor with a white border: which pixels it dies on is Tesseract's own fault).
RETRY_SCALES = (1.5, 2.0)


def _shrunk(data: dict[str, list], scale: float) -> dict[str, list]:
    """Tesseract's columns of a crop read ``scale`` times enlarged, their boxes in the crop's own pixels."""
    return data | {key: [round(value / scale) for value in data[key]] for key in ("left", "top", "width", "height")}

def centred_in(word: Word, box: tuple[int, int, int, int]) -> bool:
    """Whether the centre of ``word``'s box lies inside ``box`` ([x, y, w, h])."""
    cx, cy = word.bbox[0] + word.bbox[2] / 2, word.bbox[1] + word.bbox[3] / 2
    return box[0] <= cx < box[0] + box[2] and box[1] <= cy < box[1] + box[3]

def reading_score(words: list[Word]) -> float:
    """Mean word confidence weighted by word length (0-100): how believable a reading is."""
    total = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / total if total else 0.0

# A page read upside down reads as words no dictionary holds, often as confidently as an upright page reads (0 of a
# heavy tuning page's long words known, at confidence 68; 0.70 at least of every upright tuning page's): below this
# share of its long Cyrillic words known, a reading is believed less in proportion.
KNOWN_SHARE = 0.5
LONG_WORD = re.compile(r"[А-Яа-яЁё]{4,}")  # shorter ones are known by chance
JUDGED_WORDS = 3  # a reading with fewer long Cyrillic words (a Latin page, a near-blank one) is not judged by them


def known_long_words(words: list[Word]) -> tuple[int, int]:
    """(How many of the reading's long Cyrillic words the lexicon knows, how many there are)."""
    long = [found for w in words if (found := LONG_WORD.fullmatch(w.text.strip(".,:;!?\"'()«»-")))]
    return sum(lexicon().known(found[0]) for found in long), len(long)


def believed_score(words: list[Word]) -> float:
    """:func:`reading_score` scaled down by how few of the reading's long Cyrillic words the lexicon knows, below
    :data:`KNOWN_SHARE`: how believable a reading of a whole page is, right way up or not."""
    known, judged = known_long_words(words)
    if judged < JUDGED_WORDS:
        return reading_score(words)
    return reading_score(words) * min(1.0, known / judged / KNOWN_SHARE)


# A reading whose words' boxes hold less than this share of the page's standing ink left most of its typing unread:
# a page upside down whose page reading found nothing but a few strips of junk read at 60-90 (a heavy tuning page,
# seed 7011: 0.05 of its ink, 0.46 turned); upright pages, print, rules and stamps among their ink, hold 0.6-0.7.
READ_SHARE = 0.25


def read_share(ink: np.ndarray, words: list[Word]) -> float:
    """The share of a page's standing ``ink`` (:func:`standing_ink`) inside ``words``' boxes."""
    inside = np.zeros_like(ink)
    for x, y, w, h in (word.bbox for word in words):
        inside[y:y + h, x:x + w] = True
    return float(np.count_nonzero(ink & inside) / max(1, np.count_nonzero(ink)))


def recognize_page(page: PreprocessedPage, settings: OcrSettings = OcrSettings()) -> tuple[list[Word], PreprocessedPage]:
    """Words of a preprocessed page, and the page as read (turned half round when that reads clearly
    better: :func:`ocr.preprocess.orientation.read_upright`, on :func:`believed_score`, believed less in
    proportion below READ_SHARE of the page's ink read)."""
    def read(image: np.ndarray) -> tuple[tuple[list[Word], np.ndarray, list], float]:
        words, ink, cuts = _read_page(image, settings)
        return (words, ink, cuts), believed_score(words) * min(1.0, read_share(ink, words) / READ_SHARE)

    (words, ink, cuts), read_page = read_upright(page, read)
    return words, dataclasses.replace(read_page, standing=ink, unread_strips=cuts)
