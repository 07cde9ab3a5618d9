"""Reading each stamp found on a page on its own, into the contract's :class:`~ocr.contract.Stamp`.

A seal's legend is read as one line from its unwrapped ring (the other way round too, when the first
reading is poor: a legend may run anticlockwise), its centre as a block turned upright; a rectangular
stamp line by line on its own level frame (turned half round too when it reads poorly).
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np

from ocr.contract import Stamp
from ocr.exec import tesseract
from ocr.lines import Word
from ocr.preprocess import PreprocessedPage
from ocr.recognize import read_crops, reading_score, words_from_data
from ocr.stamps import parse, registry, unwrap
from ocr.stamps.detect import FoundStamp, find_stamps
from ocr.stamps.overlap import stamp_like, without_typing

RETRY_SCORE = 50.0  # a reading below this confidence is tried the other way round too (upside down reads at 10-30)
MIN_WORD_CONFIDENCE = 10.0  # below this a stamp's "word" is its star, a ring's edge or a smear


def _words(image: np.ndarray, lang: str, psm: int, least: float = MIN_WORD_CONFIDENCE) -> list[Word]:
    words = words_from_data(tesseract.image_to_data(image, lang, psm=psm), numbered=True)
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


def _lines(words: list[Word]) -> list[str]:
    """Words grouped into their lines as Tesseract numbered them, in reading order."""
    return [" ".join(w.text for w in group) for _, group in itertools.groupby(words, key=lambda w: w.line)]


def _stacked(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """``top`` above ``bottom`` on one white page, both left-aligned: one Tesseract run reads both."""
    width = max(top.shape[1], bottom.shape[1])
    pad = [cv2.copyMakeBorder(image, 0, 0, 0, width - image.shape[1], cv2.BORDER_CONSTANT, value=255)
           for image in (top, bottom)]
    return np.vstack([pad[0], np.full((top.shape[0] // 2, width), 255, np.uint8), pad[1]])


def read_seal(found: FoundStamp, lang: str) -> tuple[list[str], list[Word]]:
    """(lines: the legend, then the centre's lines; every word read) of a round or oval seal.

    The strip and the upright centre are read in one run (a run's start costs as much as a small
    reading); the strip alone again turned half round when its legend reads poorly (anticlockwise).
    """
    ring = unwrap.unwrap_ring(found.ink, found.ellipse)
    words = _words(_stacked(ring.strip, unwrap.centre_disc(found.ink, found.ellipse, ring)), lang, psm=6, least=0.0)
    legend = [w for w in words if w.bbox[1] + w.bbox[3] / 2 < ring.strip.shape[0]]
    # A legend is one line of known letters: a word read unsurely there is still the legend's, no smear.
    centre = [w for w in words if w not in legend and w.confidence >= MIN_WORD_CONFIDENCE]
    if reading_score(legend) < RETRY_SCORE:
        turned = _words(cv2.rotate(ring.strip, cv2.ROTATE_180), lang, psm=7, least=0.0)
        legend = turned if weight(turned) > weight(legend) else legend
    legend, centre = [w for w in legend if stamp_like(w.text)], [w for w in centre if stamp_like(w.text)]
    text = " ".join(w.text for w in legend)
    return ([text] if text else []) + _lines(centre), legend + centre


def read_rectangular(found: FoundStamp, lang: str) -> tuple[list[str], list[Word]]:
    """(lines, words) of a rectangular stamp read line by line on its own level frame, all its lines in
    one run of Tesseract; turned half round too when it reads poorly (pressed upside down)."""
    level = unwrap.deskew_rect(_shaded(found), found.rect)
    best: list[list[Word]] = []
    for image in (level, cv2.rotate(level, cv2.ROTATE_180)):
        lines = [[w for w in words if _legible(w)] for words in read_crops(registry.line_crops(image), lang, psm=7)]
        lines = [words for words in lines if words]
        if not best or weight([w for ws in lines for w in ws]) > weight([w for ws in best for w in ws]):
            best = lines
        if reading_score([w for ws in best for w in ws]) >= RETRY_SCORE:
            break
    return [" ".join(w.text for w in words) for words in best], [w for words in best for w in words]


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
        return read_seal(found, lang)
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


def read_stamps(page: PreprocessedPage, number: int, dpi: int, lang: str, typed: list[Word] = (),
                found: list[FoundStamp] | None = None) -> list[Stamp]:
    """Every rubber stamp of ``page`` (``found`` there already, or found now), read on its own and parsed;
    boxes in the scan's pixels. ``typed``: the page's own words (processed frame), whose typing is taken
    out of each stamp's ink."""
    stamps = []
    for stamp in find_stamps(page, dpi) if found is None else found:
        lines, words = read_found(without_typing(stamp, list(typed)), lang)
        fields = parse.parse(lines)
        confidence = reading_score(words)
        stamps.append(Stamp(
            kind="ink_stamp", text="\n".join(lines), page=number, bbox=page.map_box_to_original(stamp.box),
            confidence=round(confidence * stamp.confidence / 100 if words else 0.0, 2), shape=stamp.shape,
            colour=stamp.colour, outline=_to_page(page, outline(stamp)), lines=lines, office=fields.office,
            incoming_number=fields.incoming_number, date=fields.date, date_raw=fields.date_raw,
        ))
    return stamps
