"""Reading a round seal: its legend's strip cut at the gap between its ends, its centre without its star,
its words checked and put right against the lexicon (real Tesseract, real lexicon)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from ocr.compare.metrics import character_error_rate
from ocr.exec import tesseract
from ocr.lines import Word
from ocr.recognize import words_from_data
from ocr.stamps import detect, rings, textlines, unwrap
from ocr.stamps.read import SEAL_CHARACTERS, centre_lines, corrected, known_letters, read_seal, without_arcs
from ocr.synth import stamps as synth

LEGEND = "МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ СССР"


def _seal(turn: float) -> np.ndarray:
    mask = synth.round_stamp(LEGEND, ["СЕКРЕТАРИАТ"], 500)
    return np.where(synth._tilt(mask, turn) > 100, 255, 0).astype(np.uint8)


def _with_remnants(ink: np.ndarray) -> np.ndarray:
    """The seal's ink with typed letters' remnants in the gap at the bottom of its legend, apart from each other."""
    spotted = ink.copy()
    cx, cy = ink.shape[1] / 2, ink.shape[0] / 2
    for degrees in (75, 90, 105):  # clockwise from +x: round the bottom, at the legend's radius
        x, y = cx + 200 * np.cos(np.radians(degrees)), cy + 200 * np.sin(np.radians(degrees))
        spotted[int(y) - 10:int(y) + 12, int(x) - 8:int(x) + 8] = 255
    return spotted


def test_typing_remnants_in_the_legend_gap_move_neither_its_cut_nor_its_reading():
    ink = _with_remnants(_seal(0))
    ellipse = detect.classify(ink)[1]
    ring = unwrap.unwrap_ring(ink, ellipse)
    assert abs(ring.gap_deg - 90) < 6  # the gap is at the bottom, its middle not pulled towards a remnant
    words = words_from_data(tesseract.image_to_data(ring.strip, "rus", psm=7, extra=SEAL_CHARACTERS))
    assert character_error_rate(LEGEND, " ".join(w.text for w in words)) <= 0.1


def test_a_hole_in_the_legend_does_not_cut_it_short():
    """Typing's removal takes out a few letters of the legend: the strip still runs from its first word to its last."""
    ink = _seal(0)
    whole = unwrap.unwrap_ring(ink, detect.classify(ink)[1])
    holed = ink.copy()
    holed[10:95, 190:310] = 0  # at the top, across the legend: letters lost over more than two word spaces
    ring = unwrap.unwrap_ring(holed, detect.classify(holed)[1])
    assert abs(ring.strip.shape[1] - whole.strip.shape[1]) < 0.05 * whole.strip.shape[1] and abs(ring.gap_deg - 90) < 6


def test_seal_centre_is_read_level_without_its_star():
    ink = _seal(130)
    ellipse = detect.classify(ink)[1]
    ring = unwrap.unwrap_ring(ink, ellipse)
    disc = unwrap.centre_disc(ink, ellipse, ring)
    h, w = disc.shape
    assert (disc[h // 2 - h // 10:h // 2, w // 2 - w // 20:w // 2 + w // 20] == 255).all()  # the star is gone
    words = words_from_data(tesseract.image_to_data(disc, "rus", psm=6, extra=SEAL_CHARACTERS))
    assert [w.text for w in words] == ["СЕКРЕТАРИАТ"]


def test_seal_turned_any_way_reads_its_legend_and_centre():
    ink = _seal(250)
    shape, ellipse, _, _ = detect.classify(ink)
    lines, _ = read_seal(detect.FoundStamp((0, 0, ink.shape[1], ink.shape[0]), shape, None, ink, ellipse, None, 100.0), "rus")
    assert lines[1:] == ["СЕКРЕТАРИАТ"] and character_error_rate(LEGEND, lines[0]) <= 0.05


def test_a_seal_centre_over_typing_is_levelled_on_its_legend_not_on_the_typing_rows():
    # A heavy tuning seal's ink (bitonal scan): ``КАНЦЕЛЯРИЯ`` under its star, turned ~30 degrees to the
    # typing's rows through the centre; looked for within 30 degrees of the gap, the rows won (read ``ОЗ``).
    ink = 255 - cv2.imread(str(Path(__file__).parent.parent / "resources" / "stamps" / "seal-centre-over-typing.png"),
                           cv2.IMREAD_GRAYSCALE)
    ellipse = rings.Ellipse((276.4, 276.8), (521.0, 521.0), 0.0)
    lines, _ = read_seal(detect.FoundStamp((0, 0, ink.shape[1], ink.shape[0]), "round", None, ink, ellipse, None, 90.0), "rus")
    # (Its centre is read out to its legend's letters now, a little more typing in it: its last letter reads И.)
    assert len(lines) == 2 and character_error_rate("КАНЦЕЛЯРИЯ", lines[1]) <= 0.1


def _word(text: str, line: int = 1, confidence: float = 50.0) -> Word:
    return Word(text, (0, 0, 10, 10), confidence, (1, 1, line))


def test_legend_words_are_put_right_split_and_counted_against_the_lexicon():
    assert corrected(_word("АРХАВ")).text == "АРХИВ"
    assert corrected(_word("АРХИВВНЕШНЕЙ")).text == "АРХИВ ВНЕШНЕЙ"
    assert corrected(_word("СССЕ")).text == "СССР"  # a common name of a state is guessed
    assert corrected(_word("АРХ")).text == "АРХ"  # too short to guess
    assert corrected(_word("АЗХАВ")).text == "АРХИВ"  # the office's word nearest, no rare place's name
    # Read further off than the corrector reaches (tuning seals' legends over typing): the common word nearest.
    assert corrected(_word("ЗЕНТРАЧЬНЫЙ")).text == "ЦЕНТРАЛЬНЫЙ"
    assert corrected(_word("ГОСУЛАХЖТВЕННЫХ,")).text == "ГОСУДАРСТВЕННЫХ,"
    assert corrected(_word("МИМИИСУЕРСТВО")).text == "МИНИСТЕРСТВО"
    assert corrected(_word("РЕТАЛМАТ")).text == "РЕТАЛМАТ"  # too far from any common word: as read
    # Strips read upright and turned half round (tuning seals): known words tell which is right.
    upright = [_word(t) for t in "МИНИСТЕРСТВО, ВНЕШНЕЙ ТОРТОВЛИСССР".split()]
    turned = [_word(t) for t in "№233 ХНОНИ 1 ЗАИНР РР ЧР ХТ МЧ НЗ РУШЛО АИЕРААНУ ТЕЗ.".split()]
    assert known_letters(upright) == 19 and known_letters(turned) == 0
    # A legend's words read run together and split by the corrector (a moderate tuning seal's) count as two.
    assert known_letters([_word("МИНИСТЕРСТВА ИНОСТРАННЫХ"), _word("ДЕЛ СССР"), _word("ЕЛ")]) == 23


def test_centre_keeps_its_line_of_text_not_typing_remnants():
    words = [_word("Е.", 1, 17), _word("С", 1, 49), _word("ОБЩИЙ", 2, 70), _word("ОТДЕЛ", 2, 37), _word("5", 3, 17)]
    assert [w.text for w in centre_lines(words)] == ["ОБЩИЙ", "ОТДЕЛ"]


def test_seal_centre_is_cut_to_its_line_of_text_apart_from_typing_remnants():
    ink = _seal(130)
    ellipse = detect.classify(ink)[1]
    disc = unwrap.centre_disc(ink, ellipse, unwrap.unwrap_ring(ink, ellipse))
    h, w = disc.shape
    spotted = disc.copy()  # typed letters' remnants above, below and beside the line, apart from it
    for y, x in ((0.15, 0.3), (0.2, 0.6), (0.8, 0.4), (0.85, 0.7), (0.5, 0.04)):
        spotted[int(y * h):int(y * h) + 16, int(x * w):int(x * w) + 10] = 0
    band = textlines.centre_band(spotted)
    assert band.shape[0] - 2 * textlines.PAD <= 1.5 * textlines.LINE_HEIGHT  # one line and its margins
    words = words_from_data(tesseract.image_to_data(band, "rus", psm=6, extra=SEAL_CHARACTERS))
    assert [w.text for w in words] == ["СЕКРЕТАРИАТ"]


def test_legend_rows_are_where_its_letters_stand_not_typing_run_into_them():
    band = np.zeros((60, 600), np.uint8)
    for x in range(10, 590, 30):  # letters 24 rows tall from row 6, wide pieces of typing just below them
        band[6:30, x:x + 18] = 255
        if x % 60 == 10:
            band[31:51, x:x + 28] = 255
    for x in range(10, 590, 180):  # a few run into the letter above them
        band[30, x + 4:x + 8] = 255
    top, bottom = unwrap.aligned_rows(band, (0, 59))
    assert abs(top - 6) <= 1 and abs(bottom - 29) <= 2
    first, last = unwrap.legend_rows(band)
    assert first <= 6 and 29 < last <= 33


def test_a_bold_legends_rows_are_no_ring_lines():
    """Rows of a legend in bold letters, typed over, are as inky as a ring line's, but in tall strokes: the
    band between the ring lines is still the legend's."""
    strip = np.zeros((200, 900), np.uint8)
    strip[5:9] = strip[85:89] = 255  # the outer ring line and the one inside the legend
    for x in range(0, 900, 15):  # the legend: strokes 30 rows tall over most of each row's length
        strip[30:60, x:x + 10] = 255
    assert not unwrap.ring_rows(strip)[30:60].any() and unwrap.ring_rows(strip)[[5, 85]].all()
    assert unwrap.text_band(strip) == (9, 85)


def test_the_row_a_serif_legend_stands_on_is_no_ring_line():
    """A serif face's serifs run into a thin line nearly all the way round under its capitals: the legend's
    band still reaches down to the line round the centre, not to its own serifs."""
    strip = np.zeros((200, 900), np.uint8)
    strip[5:9] = strip[14:16] = strip[85:88] = 255  # the outer ring's two lines, the line round the centre
    for x in range(0, 900, 15):  # capitals 20 rows tall standing on their serifs (as inky a row as a thin ring line)
        strip[25:45, x:x + 7] = 255
        strip[44:46, x:x + 11] = 255
    assert unwrap.ring_rows(strip)[44:46].all()
    assert not unwrap.ring_lines(strip)[44:46].any() and unwrap.ring_lines(strip)[[5, 14, 85]].all()
    assert unwrap.text_band(strip) == (16, 85)


def test_a_centre_word_reads_without_the_arc_of_the_line_beside_it():
    words = [_word("«КАНЦЕЛЯРИЯ,"), _word("СЕКРЕТАРИАТ/"), _word("1-й"), _word("(")]
    assert [w.text for w in without_arcs(words)] == ["КАНЦЕЛЯРИЯ", "СЕКРЕТАРИАТ", "1-й"]
