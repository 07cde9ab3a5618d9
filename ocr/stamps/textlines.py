"""A registry stamp's lines of text found on its level frame and read one by one: each line cut to its
own rows, scaled so its capitals stand as tall as Tesseract reads best, and read as a single line
(typing left under the stamp breaks a whole-block reading's segmentation into fragments).
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr.stamps import unwrap

LINE_HEIGHT = 40  # px: a line's crop is scaled so its capitals' band stands about this tall
CAPS = 0.62  # of a stamp's line pitch: the band its capitals fill (cut 1.25 em apart, ~0.75 em tall)
MIN_LINE_INK = 0.12  # of the inkiest line's ink: a band with less holds no line (typing's remnants)
PAD = 10
PITCH_MATCH = 0.8  # of the best self-match, for the shortest lag taken as the pitch
PITCH_CLIP = 75  # percentile of a stamp's inked rows' ink that its row profile is clipped at to find the pitch
LETTER_HEIGHT = 0.75  # of a stamp's capitals' height: a piece of ink this tall is a letter of its line
WORD_GAP = 4.0  # of a stamp's capitals' height: the widest gap between capitals of one of its lines (``т.`` between)
MIN_CAPITALS = 3  # tall pieces a line holds at least for it to be cut to them
SMALL_HEIGHT = 0.2  # of a stamp's capitals' height: a piece this tall beside its capitals may be a small letter or mark
WORD_SPACE = 1.0  # of a stamp's capitals' height: the widest space between two words of one of its lines
SMALL_GAP = 0.8  # of a stamp's capitals' height: the widest space before a small letter or mark of its line
SMALL_PIECES = 3  # small letters and marks taken in at either end of a line's capitals, at most
CENTRE_WINDOW = (0.25, 0.75)  # of a seal's centre's rows: where its inkiest line of text lies
BAND_ROW = 0.3  # of the inkiest row's ink: rows down to this are of its line
CENTRE_LINE_INK = 0.5  # of the inkiest row's ink: another line of a centre holds at least this


def line_pitch(profile: np.ndarray) -> int:
    """The rows between a stamp's lines: the shortest lag (a seventh to half the height) at which the
    row profile of its ink matches itself nearly as well as at its best (twice the pitch matches too);
    its lines are evenly set, typing left under it is not. The profile is clipped at its PITCH_CLIP
    percentile first: a line in larger letters (a ministry's name) would outweigh the rest, and the
    lag that matches it with the line two below would win."""
    inked = profile[profile > 0]
    profile = np.minimum(profile, np.percentile(inked, PITCH_CLIP)) if inked.size else profile
    centred = profile - profile.mean()
    height = profile.size
    lags = np.arange(max(4, height // 7), max(5, height // 2 + 1))
    match = np.array([float(np.dot(centred[:-lag], centred[lag:])) / (height - lag) for lag in lags])
    best = match.max()  # below zero where no lag matches (a crop of specks): the best lag still is the pitch
    return int(lags[np.flatnonzero(match >= best - (1 - PITCH_MATCH) * abs(best))[0]])


def text_lines(level: np.ndarray) -> list[tuple[int, int]]:
    """(top, bottom) rows of each line of text in a stamp levelled (dark on white), top to bottom: bands
    one capital tall, a pitch apart, set where they take in most ink; bands with little ink dropped."""
    profile = (level < 128).mean(axis=1)
    if level.shape[0] < 12 or profile.max() == 0:
        return []
    pitch = line_pitch(profile)
    band = max(2, int(CAPS * pitch))
    summed = np.concatenate([[0.0], np.cumsum(profile)])

    def inks(offset: int) -> list[float]:
        return [summed[min(top + band, profile.size)] - summed[top] for top in range(offset, profile.size, pitch)]

    offset = max(range(pitch), key=lambda o: sum(inks(o)))
    found = inks(offset)
    return [(offset + k * pitch, min(profile.size, offset + k * pitch + band)) for k, ink in enumerate(found)
            if ink >= MIN_LINE_INK * max(found)]


def line_crops(level: np.ndarray) -> list[np.ndarray]:
    """Each line of ``level`` (dark on white) cut out with a little of the rows round it, columns trimmed
    to its ink, scaled to LINE_HEIGHT, on a white margin."""
    crops = []
    for top, bottom in text_lines(level):
        margin = max(2, (bottom - top) // 5)
        crop = level[max(0, top - margin):bottom + margin]
        # Columns from the line's first letter to its last: typing's specks beyond them make Tesseract
        # take the whole crop for noise.
        letters = unwrap.without_specks(np.where(crop < 128, 255, 0).astype(np.uint8), ((bottom - top) // 5) ** 2)
        span = letters_span(letters, bottom - top)
        if span is None:
            continue
        crop = crop[:, max(0, span[0] - margin):span[1] + margin]
        factor = LINE_HEIGHT / max(1, bottom - top)
        crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC)
        crops.append(cv2.copyMakeBorder(crop, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255))
    return crops


def letters_span(ink: np.ndarray, height: int) -> tuple[int, int] | None:
    """[first, end) columns of a stamp's line in its crop (ink 255), its capitals ``height`` tall: the chain
    of pieces of ink LETTER_HEIGHT of a capital tall that holds the most of their width, with up to
    SMALL_PIECES smaller pieces (``г.``, ``-сс``) just beyond either end. Tall pieces chain across gaps of
    up to WORD_GAP capitals, or wider ones that smaller pieces fill, a WORD_SPACE apart at most (a worn
    figure breaks into small pieces); typing under the stamp, cut by the line's rows or in small letters,
    stands lower and lies on either side. All the ink where fewer than MIN_CAPITALS pieces stand that
    tall; None if none."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    tall = sorted((int(x), int(x + w)) for x, _, w, h, _ in stats[1:] if h >= LETTER_HEIGHT * height)
    small = sorted((int(x), int(x + w)) for x, _, w, h, _ in stats[1:] if h >= SMALL_HEIGHT * height)
    if len(tall) < MIN_CAPITALS:  # the line's letters broken up (typing's ink taken out of them): all of it
        columns = np.flatnonzero(ink.any(axis=0))
        return (int(columns[0]), int(columns[-1]) + 1) if columns.size else None

    def reach(end: int) -> int:
        """How far right from ``end`` small pieces run on, each a word space from the last at most."""
        for start, stop in small:
            if end < stop and start <= end + WORD_SPACE * height:
                end = stop
        return end

    chains, chain = [], [tall[0]]
    for start, stop in tall[1:]:
        end = max(e for _, e in chain)
        if start - end <= WORD_GAP * height or reach(end) + WORD_SPACE * height >= start:
            chain.append((start, stop))
        else:
            chains.append(chain)
            chain = [(start, stop)]
    chains.append(chain)
    best = max(chains, key=lambda c: sum(e - s for s, e in c))
    first, end = best[0][0], max(e for _, e in best)
    for _ in range(SMALL_PIECES):
        first = min([first] + [s for s, e in small if first - SMALL_GAP * height <= e <= first])
        end = max([end] + [e for s, e in small if end <= s <= end + SMALL_GAP * height])
    return first, end


def centre_band(disc: np.ndarray) -> np.ndarray:
    """A seal's centre (dark on white, its lines level) cut to its lines of text: the rows round the inkiest
    row near its middle and the lines beside them about as inky, the columns of the ink about its middle
    (typing's remnants round it lie apart), scaled so its capitals stand LINE_HEIGHT tall."""
    ink = disc < 128
    profile = np.convolve(ink.mean(axis=1), np.ones(3) / 3, mode="same")
    height = profile.size
    middle = slice(int(CENTRE_WINDOW[0] * height), int(CENTRE_WINDOW[1] * height))
    if profile[middle].max(initial=0) == 0:
        return disc
    peak = middle.start + int(np.argmax(profile[middle]))
    rows = np.flatnonzero(profile >= BAND_ROW * profile[peak])
    runs = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    k = next(k for k, run in enumerate(runs) if run[0] <= peak <= run[-1])
    tall = len(runs[k])

    def line_like(run: np.ndarray, gap: int) -> bool:  # a further line of the centre: a line space off, as tall and inky
        return gap <= tall and abs(len(run) - tall) <= tall / 2 and profile[run].max() >= CENTRE_LINE_INK * profile[peak]

    first, last = k, k
    while first > 0 and line_like(runs[first - 1], runs[first][0] - runs[first - 1][-1]):
        first -= 1
    while last + 1 < len(runs) and line_like(runs[last + 1], runs[last + 1][0] - runs[last][-1]):
        last += 1
    top, bottom = runs[first][0], runs[last][-1] + 1
    margin = max(2, tall // 5)
    band = disc[max(0, top - margin):bottom + margin]
    # Without specks (typing's remnants, a ring line's ends): beside a line, Tesseract may take it all for noise.
    letters = unwrap.without_specks(np.where(band < 128, 255, 0).astype(np.uint8), (tall // 4) ** 2)
    band = np.where(letters > 0, band, 255).astype(np.uint8)
    columns = np.flatnonzero((band < 128).any(axis=0))
    if columns.size == 0:
        return disc
    # The ink about the middle: pieces of columns joined across gaps under a line's height (a word space).
    pieces = np.split(columns, np.flatnonzero(np.diff(columns) > tall) + 1)
    centre = band.shape[1] / 2
    nearest = min(range(len(pieces)), key=lambda k: 0 if pieces[k][0] <= centre <= pieces[k][-1]
                  else min(abs(pieces[k][0] - centre), abs(pieces[k][-1] - centre)))
    band = band[:, max(0, pieces[nearest][0] - margin):pieces[nearest][-1] + 1 + margin]
    factor = LINE_HEIGHT / tall
    band = cv2.resize(band, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC)
    return cv2.copyMakeBorder(band, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)
