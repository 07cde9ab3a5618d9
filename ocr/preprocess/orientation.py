"""Page orientation (0/90/180/270), decided here and recorded as one ``orientation`` step.

Sideways pages are told from upright ones by text-line geometry in numpy (the rows of a page of
typing have a far sharper projection profile than its columns); only a sideways page then asks
Tesseract OSD whether it is 90 or 270. Upright against upside down is told by reading
(:func:`read_upright`, given the reader): an upside-down page reads as low-confidence garbage, so it
is read again turned only then, and the cost falls on the rare poorly read page. A page that reads
poorly both ways (a faint carbon copy) stays as it was scanned: turning wins only on clear evidence, a
believable turned reading or, for a turned reading still poor, OSD agreeing that the page is upside down.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

import cv2
import numpy as np

from ocr.exec import tesseract
from ocr.preprocess.deskew import Text, character_height, find_text
from ocr.preprocess.page import PreprocessedPage

Reading = TypeVar("Reading")

OSD_CHAR_HEIGHT = 14.0  # px: measured on the EHRI pages, as sure as full size and twice as fast
MIN_CONFIDENCE = 2.0  # below this OSD is guessing (blank or near-blank pages); keep the page as it is
SIDEWAYS_RATIO = 1.0  # lines join up better vertically than horizontally: they run vertically
# Smear length in character heights. At half a height, broken bitonal carbon typing joined in neither
# direction (ratios 0.9 upright and 1.0 sideways on heavy tuning renders); at three quarters the tuning
# renders measure at most 0.57 upright and at least 1.36 sideways, dense single-spaced real pages 0.2-0.4.
SMEAR_HEIGHTS = 0.75


def line_direction_ratio(gray: np.ndarray, text: Text | None = None) -> float:
    """How much better the characters join up vertically than horizontally (> 1: the lines are vertical).

    Smearing the characters by SMEAR_HEIGHTS of their height along the lines joins each line's letters
    (typed letters stand a fifth of a height apart; on a faint bitonal carbon copy they break into pieces
    further apart) but not the lines, so it leaves far fewer pieces than smearing across them. Returns
    pieces(along x) / pieces(along y).
    """
    text = text or find_text(gray)
    mask, height = text.mask, text.height
    if height <= 0 or mask.sum() < 100:
        return 0.0
    mask = mask.astype(np.uint8)
    reach = max(2, round(SMEAR_HEIGHTS * height))
    across = cv2.connectedComponents(cv2.dilate(mask, np.ones((1, reach), np.uint8)), connectivity=8)[0]
    down = cv2.connectedComponents(cv2.dilate(mask, np.ones((reach, 1), np.uint8)), connectivity=8)[0]
    return float(across / down) if down else 0.0


def detect_orientation(gray: np.ndarray, char_height: float, text: Text | None = None) -> tuple[int, float, str]:
    """(clockwise degrees making the page upright or upside down, confidence, how it was decided).

    Only sideways pages are decided here (90 or 270, by OSD); 0 stands for "0 or 180", which
    recognition settles. ``char_height`` (px) scales the copy OSD sees.
    """
    ratio = line_direction_ratio(gray, text)
    if ratio <= SIDEWAYS_RATIO:
        return 0, round(1 / ratio, 2) if ratio else 0.0, "line_geometry"
    rotation, confidence = _osd(gray, char_height)
    if rotation in (90, 270) and confidence >= MIN_CONFIDENCE:
        return rotation, confidence, "osd"
    return 90, round(ratio, 2), "line_geometry"  # recognition turns it 180 more if needed


def _osd(gray: np.ndarray, char_height: float) -> tuple[int, float]:
    """Tesseract OSD's (clockwise degrees to upright, confidence) on a copy scaled to OSD_CHAR_HEIGHT."""
    scale = min(1.0, OSD_CHAR_HEIGHT / char_height) if char_height > 0 else 1.0
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    return tesseract.orientation(small)


# An upright page of typing reads at 80-95 (reading score, 0-100) even when degraded; upside down it
# reads as garbage at 20-40. Only a page reading below this is read again turned half round.
RETRY_SCORE = 55.0
# The turned reading wins only by this margin and when it is a believable reading itself: a faint
# carbon copy reads poorly both ways, and a turn that wins by chance loses the whole page.
TURN_MARGIN = 15.0
TURNED_MIN_SCORE = 50.0
# A turned reading still short of believable wins too where the page as found reads as this many times worse: garbage
# beside a reading of its typing (a heavy page's short last page upside down read 7, turned 49.6, its few lines too
# little for OSD to be sure of, 0.79); a faint page read poorly both ways reads alike both ways.
TURN_RATIO = 5.0


def turn_wins(upright: float, turned: float, osd_says_turned: Callable[[], bool] = lambda: False) -> bool:
    """Whether the page turned half round reads clearly better (reading scores, 0-100) than as found. A turned
    reading that wins by the margin but is still poor (a heavy page upside down read 11, turned 39) wins only
    when it reads TURN_RATIO times as well as the page as found or when OSD, asked only then, also finds the page
    as found upside down: two signals agreeing."""
    if turned < upright + TURN_MARGIN:
        return False
    return turned >= TURNED_MIN_SCORE or turned >= TURN_RATIO * upright or osd_says_turned()


def _osd_upside_down(page: PreprocessedPage) -> bool:
    rotation, confidence = _osd(page.image, character_height(page.image))
    return rotation == 180 and confidence >= MIN_CONFIDENCE


def read_upright(page: PreprocessedPage, read: Callable[[np.ndarray], tuple[Reading, float]]) -> tuple[Reading, PreprocessedPage]:
    """The reading of ``page`` (``read`` gives one and its score, 0-100) and the page as read: turned
    180 degrees when that reads clearly better. Pages whose orientation step was off are read as found."""
    found, score = read(page.image)
    if score >= RETRY_SCORE or not any(name == "orientation" for name, _ in page.steps):
        return found, page
    turned = page.turned_half()
    turned_found, turned_score = read(turned.image)
    scores = {"score_as_found": round(score, 1), "score_turned": round(turned_score, 1)}
    asked: list[bool] = []  # whether OSD was asked, and what it said

    def osd_says_turned() -> bool:
        asked.append(_osd_upside_down(page))
        return asked[-1]

    if turn_wins(score, turned_score, osd_says_turned):
        return turned_found, _recorded(turned, {**scores, "method": "reading+osd" if asked else "reading"})
    if asked:
        scores["osd_upside_down"] = False
    return found, _recorded(page, scores)


def _recorded(page: PreprocessedPage, params: dict) -> PreprocessedPage:
    """The page with its one ``orientation`` step telling the rotation applied and how reading decided it."""
    steps = [(name, {**old, "applied": page.rotation, **params} if name == "orientation" else old) for name, old in page.steps]
    return dataclasses.replace(page, steps=steps)
