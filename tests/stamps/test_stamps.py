"""Stamps as objects: parsing what they say, finding them by colour and by shape, reading seals' rings
unwrapped and registry stamps levelled (real Tesseract on synthetic stamps)."""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

import cv2
import numpy as np
import pytest

from ocr.compare.metrics import character_error_rate
from ocr.lines import Word, words_text
from ocr.recognize import read_crops
from ocr.stamps import detect, figures, frames, levels, parse, read, rings, textlines, unwrap
from ocr.stamps.read import as_cut, read_rectangular, read_seal
from ocr.synth import stamps as synth
from ocr.synth.fonts import Face

RESOURCES = Path(__file__).parent.parent / "resources" / "stamps"

# --- parse ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number"), [
    ("Вх. № 0412-сс", "0412-сс"), ("ВХ.№ 7734/СС", "7734/сс"), ("Bx. N 412", "412"), ("Вх 1234 - с", "1234-с"),
    ("МИД СССР", None), ("8х, № 9427", "9427"), ("| №0 9404/сс", "9404/сс"), ("№ 4056-с", "4056-с"), ("АРХИВ 1949", None),
    # Read off rendered stamps line by line: a quote after №, Latin ``cc`` for the Cyrillic suffix.
    ("Вх. №’ 3597", "3597"), ("Вх. №.1919 с 22211952 г.", "1919"), ("Вх. № 7112/cc", "7112/сс"),
    ("Вх. №.1.939 с 6", "1939"), ("8 №1949 г.", None),  # specks between figures; a year after a month read as №
    # A suffix's ``с`` read as a figure (tuning stamps), not a number's figures after a slash.
    ("Вх. № 9507/68", "9507/сс"), ("В № 7784-6с", "7784-сс"), ("&*№ 4500-<_", "4500-с"), ("Вх. № 9507/8612", "9507"),
    ("№ 4500-. с", "4500-с"),  # a speck after the dash
    # ``№`` read as a figure before four (a clean tuning stamp's ``Вх. № 5136-с``, read in figures); a ``0`` after a ``№`` kept.
    ("- Вх 051 36с/", "5136"), ("Вх 0969", "0969"), ("Вх. № 05136", "05136"),
    ("Вх. № 0093-е", "0093-с"), ("Вх. № 0986-сб", "0986-сс"),  # a stroke across or above a ``с`` (tuning stamps)
    # A line of a number and its suffix alone (``Вх. №`` lost); not a year, nor such a number within a line.
    ("МИД СССР\n9735/сс\n22 III 1946 г.", "9735/сс"), ("4742-с", "4742-с"), ("1948", None), ("ТИП 4742-с", None),
    # Its ``В`` and a mark or letter left of ``Вх. №`` (a tuning stamp's, typing across it); a year run into letters.
    ("ВЯ, 2094-с", "2094-с"), ("В. 2094-с", "2094-с"), ("-ЕХ 1952-ьъи", None),
    # ``№``'s ``о`` read as a ``0`` run into it (heavy tuning stamps' ``Вх. № 9034-с``); a number's own ``0`` kept.
    ("Вх. №0 9034-6", "9034-с"), ("№0 4355", "4355"), ("Вх. №0954-сс", "0954-сс"),
    # A suffix with typing's letters or a stroke read twice in it (clean tuning stamps).
    ("Вх. № 3147-су", "3147-с"), ("с В № 3657-свсс", "3657-сс"), ("Вх. № 4193/ссс", "4193/сс"),
    # ``Вх.`` lost and ``№`` read as a figure apart from the number (a heavy tuning stamp's ``Вх. № 6474``); not a date
    # line whose month was lost.
    ("6 6474", "6474"), ("№6 6474", "6474"), ("0 6474", "6474"), ("6 1949", None), ("6 949 г.", None),
    # The sign's rest read as a ``6`` after it, ``Вх.`` read (a heavy st9000 tuning stamp's ``Вх. № 9805-с``); not before
    # fewer than four figures (a ``6`` of the number's own read apart).
    ("ВХ №6 98055сУУ/", "98055"), ("Вх. № 6 6474", "6474"), ("Вх. №6 647", "6647"),
    # ``сс`` read without its dash (a moderate st5000 tuning stamp's ``Вх. № 5240-сс``: ``. Вх №.52402сс``), not one ``с``
    # after a space (a speck as often) nor a word.
    ("Вх. № 0412 сс", "0412-сс"), ("Вх. № 0412сс", "0412-сс"), ("Вх. № 0412 СС", "0412-сс"), ("Вх. № 0412 ссылка", "0412"),
    # ``№`` read as ``Ко`` put in capitals with its line (a clean st1000 tuning stamp's ``Вх. № 4832/сс``), and a speck
    # read as a mark after a number alone (its rereads); not a year with a mark after it.
    ("ЕВХКО 4832/сс.", "4832/сс"), ("ВХ- 4832/сс.", "4832/сс"), ("В 4832/сс.", "4832/сс"), ("4742-с,", "4742-с"),
    ("1948.", None),
    # A suffix's ``с`` read as a ``5`` in figures (a moderate st1000 tuning stamp's ``Вх. № 9507/сс``).
    ("7 Вх. № 9507/55", "9507/сс"), ("Вх. № 9507/5с 6", "9507/сс"), ("Вх. № 9507/5612", "9507"),
])
def test_incoming_number_is_read_through_ocr_confusions(text, number):
    assert parse.incoming_number(text) == number


@pytest.mark.parametrize(("text", "iso"), [
    ("26 IX 1949 г.", "1949-09-26"), ("26 1Х 1949г", "1949-09-26"), ("3 lV 50", "1950-04-03"),
    ("14 УП 1946 г.", "1946-07-14"), ("5 Ш 1950", "1950-03-05"), ("19.01.1950", "1950-01-19"), ("3 СЕН 1950", "1950-09-03"), ("Вх. № 6159", None),
    # A year's first figure misread or lost, as read off rendered stamps.
    ("12 1! +949 г.", "1949-02-12"), ("13 ХП 949", "1949-12-13"), ("2 VI 4949 г.", "1949-06-02"), ("28 IX 9952 г.", "1952-09-28"),
    # A month holding a letter read run into its day; not a month of figure-like I's (``14322 1947``).
    (".- х 281Х9952г..", "1952-09-28"), ("4У 1948", "1948-05-04"), ("143221947", None),
    # A year in full before a short "date" of specks and typing's remnants beside the line.
    ("..7 х 28 2 IX 1952 г.", "1952-09-02"), ("5.10.49", "1949-10-05"),
    # The archive's decades only: a year's second figure misread (``1350``); another decade's "year" is a misreading
    # (st5000 tuning stamps' date lines as chosen from their readings: truly 1953, 1949, 1950).
    # A serifed I read as ``Т`` (a clean st5000 tuning stamp's ``26 IV 1948 г.`` in a serif face), or as the Ukrainian ``і``.
    ("26 ТУ 1948", "1948-04-26"), ("3 іV 1950", "1950-04-03"),
    # A day read run into its month's first I (a serif face's ``4 IX 1952 г.`` rendered and read): no day is over 31.
    ("41Х 1952 г.", "1952-09-04"), ("32 Х 1950", None),
    ("8 X 1350", "1950-10-08"), ("ход8 Х 1350ет", "1950-10-08"), ("4 X 1909", None), ("6 III 1993", None), ("26 VII 1930 г.", None),
])
def test_dates_with_roman_arabic_or_word_months_become_iso(text, iso):
    assert parse.date(text)[0] == iso


@pytest.mark.parametrize(("text", "written"), [
    ("12 11 1949 г.", "12 II 1949 г."), ("52 39 Х1. 4948 с", None), ("21 Х1. 4948 г.", "21 XI 1948 г."), ("3 СЕН 1950", "3 СЕН 1950"), ("Вх. № 942", None),
])
def test_a_roman_date_is_written_out_as_stamps_write_it(text, written):
    assert parse.date_written(text) == written


@pytest.mark.parametrize(("readings", "line"), [
    # Readings of one line (first, whitelisted, binarised and whitelisted): what most agree on, in full.
    (["МО 942 ини", "Вх № 942", "Вх. № 942"], "Вх. № 942"), (["Вх. №2534-с", "х. №25", "Вх. №2534"], "Вх. № 2534-с"),
    (["28 IV 1948", "28 1/ 1948 г.", "28 1У 1948 г."], "28 IV 1948 г."), (["ц, бы", "с 6", ""], "ц, бы"),
    # A heavy st5000 tuning stamp's number line (``Вх. № 4355-сс``): its suffix read as figures twice, over the shape's once.
    (["№0 4355", "Вгх. № 4353209 ....", "В гвх. № 435526 ..-", "вВ2гвх. № 435526 ...", "Вгвх. № 4355269 ...."], "Вх. № 4355"),
    # A clean one's (``Вх. № 3657-сс``): its suffix with typing's letters in it.
    (["3657-сбпросе", "с В № 3657-с6сс", "св № 3657-свс", "с В № 3657-свсс", "с вв № 3657-свсс"], "Вх. № 3657-сс"),
    # A moderate one's (``Вх. № 9282``): typing's ``о`` beyond it read apart as a figure twice (``92820`` before).
    (["’кВх. №9282 °%о,", "Вх. №8282 с", "Вх. №9282 0", "ххВх. №9282 0", "7 Вх. №4282"], "Вх. № 9282"),
    # A heavy one's (``Вх. № 8585/сс``): its suffix read as other figures each time (``85853`` before).
    (["8585", "№ 8585480", "№ 85853", "", ". ."], "Вх. № 8585"),
])
def test_a_figure_line_is_what_its_readings_agree_on(readings, line):
    assert figures.chosen(readings) == line


@pytest.mark.parametrize("font", [cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_COMPLEX])
@pytest.mark.parametrize("month", ["I", "II", "III", "IV", "V", "VII", "VIII", "IX", "X", "XI", "XII"])
def test_a_roman_month_is_read_on_its_ink(month, font):
    # Faces neither the synthesiser's: a plain and a serif one, bold enough for a V's strokes to fill columns.
    ink = np.zeros((60, 200), np.uint8)
    cv2.putText(ink, month, (5, 50), font, 1.6, 255, 3)
    assert figures.roman_letters(ink > 0) == month


@pytest.mark.parametrize("month", ["VII", "XII", "IV"])
def test_a_roman_month_whose_letters_touch_at_their_serifs_is_read(month):
    ink = np.zeros((60, 240), np.uint8)
    cv2.putText(ink, month, (5, 50), cv2.FONT_HERSHEY_COMPLEX, 1.6, 255, 3)
    columns = np.flatnonzero(ink.any(axis=0))
    gaps = [c for c in range(columns[0], columns[-1]) if not ink[:, c].any()]
    rows = np.flatnonzero(ink.any(axis=1))
    ink[rows[0]:rows[0] + 3, gaps[0] - 1:gaps[-1] + 2] = 255  # every gap bridged along the letters' tops
    assert not [c for c in range(columns[0], columns[-1]) if not ink[:, c].any()]
    assert figures.roman_letters(ink > 0) == month


@pytest.mark.parametrize("figure", ["0", "2", "4", "7", "8"])
def test_a_figure_is_no_roman_month(figure):
    ink = np.zeros((60, 80), np.uint8)
    cv2.putText(ink, figure, (5, 50), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 255, 3)
    assert figures.roman_letters(ink > 0) is None


def _date_line(parts: list[str]) -> tuple[np.ndarray, list[Word]]:
    """A date line (dark on white) of ``parts`` set a space apart, with each part's box as a word's."""
    crop, boxes, x = np.full((70, 600), 255, np.uint8), [], 10
    for part in parts:
        (w, h), _ = cv2.getTextSize(part, cv2.FONT_HERSHEY_SIMPLEX, 1.6, 3)
        cv2.putText(crop, part, (x, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3)
        boxes.append((x, 55 - h, w, h))
        x += w + 30
    return crop, boxes


@pytest.mark.parametrize(("drawn", "read", "line"), [
    (["25", "VII", "1948", "г."], ["25", "У", "1948", "г."], "25 VII 1948 г."),  # VII read as У by the Cyrillic models
    (["3", "II", "1950"], ["3", "1", "1950"], "3 II 1950"), (["12", "XI", "1949"], ["12", "Х1", "1949"], "12 XI 1949"),
    (["25", "VII", "1948"], ["25", "У", "Вх."], None),  # no year after the month
    (["25", "74", "1948"], ["25", "У", "1948"], None),  # figures between are no month
    (["4", "VII", "1948"], ["4УТЕ", "", "1948"], "4 VII 1948"),  # the day run into its month in one word
])
def test_a_roman_month_is_read_on_the_ink_between_day_and_year(drawn, read, line):
    crop, boxes = _date_line(drawn)
    words = [Word(text, box, 90.0) for text, box in zip(read, boxes) if text]
    if not read[1]:  # the day's word's box runs over its month's
        words[0] = Word(read[0], (boxes[0][0], boxes[1][1], boxes[1][0] + boxes[1][2] - boxes[0][0], boxes[1][3]), 90.0)
    assert figures.read_month(crop, words) == line


def test_a_date_line_read_as_one_word_is_cut_at_its_widest_gaps_and_its_month_read_there(monkeypatch):
    # A heavy st5000 tuning stamp's date line (``22 I 1947 г.``), its spaces lost in its first reading: ``2211947 г.``.
    crop = cv2.imread(str(RESOURCES / "date-line-read-run-together.png"), cv2.IMREAD_GRAYSCALE)
    first = read_crops([crop], "rus", psm=7)[0]
    assert words_text(first) == "2211947 г."
    monkeypatch.setattr(figures, "read_crops", lambda *args, **kwargs: pytest.fail("read again"))
    assert figures.reread([crop], [first], "rus") == ["22 I 1947 г."]


def test_figures_between_the_widest_gaps_of_a_date_read_as_one_word_are_no_month():
    crop, boxes = _date_line(["22", "11", "1947"])
    whole = (boxes[0][0], 0, boxes[2][0] + boxes[2][2] - boxes[0][0], 70)
    assert figures.read_month(crop, [Word("22111947", whole, 90.0)]) is None


def test_a_sliver_of_a_letter_cut_by_the_days_box_is_no_roman_month():
    # A moderate st5000 tuning stamp's date line (``12 VII 1946 г.``), read ``12 УН 1946`` with the day's box over the
    # month: the one column left between the day's box and the year's was read as I (``12 I 1946``).
    crop = cv2.imread(str(RESOURCES / "date-line-day-box-over-month.png"), cv2.IMREAD_GRAYSCALE)
    words = [Word("12", (186, 10, 132, 55), 90.0), Word("УН", (254, 6, 53, 69), 90.0), Word("1946", (335, 6, 98, 69), 90.0)]
    assert figures.read_month(crop, words) is None


def test_a_number_line_typed_over_reads_true_enlarged():
    # A tuning stamp's number line (serif face), typing across its last figure: read at its own size
    # and binarised it comes out ``4840``.
    crop = cv2.imread(str(RESOURCES / "number-line-typed-over.png"), cv2.IMREAD_GRAYSCALE)
    first = read_crops([crop], "rus", psm=7)[0]
    assert figures.reread([crop], [first], "rus") == ["Вх. № 4849"]


@pytest.mark.parametrize(("first", "whole"), [
    # First readings of st5000 tuning stamps' lines: a number read as written, spaces and specks round it aside...
    ("ВХ, №419 3/сс СМ,", "Вх. № 4193/сс"), ("ВХ. 0656-с", "Вх. № 0656-с"), ("19 X 1952 г.", "19 X 1952 г."),
    # ...but not one whose suffix was read as other letters, or lost (after its dash or slash too), or a date's year misread.
    ("ВХ №5696-её", None), ("ВХ. 7399/", None), ("№9282", None), ("ВХ. 0 9034-56", None), ("6 ХХ 4993 ГМ", None),
])
def test_a_figure_lines_first_reading_that_holds_a_whole_number_or_date_is_written_out(first, whole):
    assert figures.read_whole(first) == whole


def test_a_number_line_read_whole_at_first_is_not_read_again(monkeypatch):
    # A clean st5000 tuning stamp's number line: its four rereads' vote made ``Вх. № 193`` of it.
    crop = cv2.imread(str(RESOURCES / "number-line-read-whole.png"), cv2.IMREAD_GRAYSCALE)
    first = read_crops([crop], "rus", psm=7)[0]
    monkeypatch.setattr(figures, "read_crops", lambda *args, **kwargs: pytest.fail("read again"))
    assert figures.reread([crop], [first], "rus") == ["Вх. № 4193/сс"]


def test_a_date_line_whose_month_reads_on_its_first_readings_ink_is_not_read_again(monkeypatch):
    # A clean st5000 tuning stamp's date line, first read ``21 АН 1547 г.``: its month read on the ink between its
    # day and year makes the whole date, which its four rereads' vote could not change.
    crop = cv2.imread(str(RESOURCES / "date-line-month-read-on-ink.png"), cv2.IMREAD_GRAYSCALE)
    first = read_crops([crop], "rus", psm=7)[0]
    monkeypatch.setattr(figures, "read_crops", lambda *args, **kwargs: pytest.fail("read again"))
    assert figures.reread([crop], [first], "rus") == ["21 XII 1947 г."]


def test_a_date_lines_roman_month_is_read_on_its_ink_before_its_letters(monkeypatch):
    # A clean st3000 tuning stamp's date line (``24 XI 1953 г.``), first read ``.24 Х 1953 9.75``: its month's letters a
    # whole X, the I lost (``Х!``, its ``!`` no mark a stamp is cut in: ``24 X 1953``, before); on the ink between the day
    # and the year, XI.
    crop = cv2.imread(str(RESOURCES / "date-line-month-stroke-lost-in-reading.png"), cv2.IMREAD_GRAYSCALE)
    first = [w for w in map(as_cut, read_crops([crop], "rus", psm=7)[0]) if w.text]
    assert figures.read_whole(words_text(first)) == "24 X 1953"
    monkeypatch.setattr(figures, "read_crops", lambda *args, **kwargs: pytest.fail("read again"))
    assert figures.reread([crop], [first], "rus") == ["24 XI 1953"]


@pytest.mark.parametrize(("resource", "line"), [("number-line-over-thin-typing.png", "Вх. № 5696-сс"),
                                              ("date-line-over-thin-typing.png", "19 X 1952 г.")])
def test_number_and_date_lines_over_thinner_typing_read_true_without_its_strokes(resource, line):
    # A clean tuning stamp's lines (bold sans over a typewriter's thin face): read with the typing they came out
    # ``Вх. № 5696-с`` and ``-ЕХ 1952-ьъи``.
    crop = cv2.imread(str(RESOURCES / resource), cv2.IMREAD_GRAYSCALE)
    first = read_crops([crop], "rus", psm=7)[0]
    assert figures.reread([crop], [first], "rus") == [line]


def test_office_is_the_lines_that_are_neither_number_nor_date():
    fields = parse.parse(["МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ СССР", "ОТДЕЛ ДВ", "Вх. № 0412-сс", "26 IX 1949 г."])
    assert fields == parse.StampFields("МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ СССР ОТДЕЛ ДВ", "0412-сс", "1949-09-26", "26 IX 1949 г.")


# --- detect ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("direction", "name"), [
    ([0.45, 0.75, 0.5], "violet"), ([0.6, 0.75, 0.2], "red"), ([0.3, 0.55, 0.78], "blue"),
])
def test_ink_is_named_by_what_it_absorbs(direction, name):
    assert detect.colour_name(direction) == name


def _seal(turn: float, face: Face = Face.PRINT_BOLD) -> np.ndarray:
    mask = synth.round_stamp("МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ СССР", ["СЕКРЕТАРИАТ"], 500, face)
    return np.where(synth._tilt(mask, turn) > 100, 255, 0).astype(np.uint8)


def test_shapes_are_told_apart_by_their_hull():
    assert detect.classify(_seal(0))[0] == "round"
    oval = cv2.resize(_seal(0), (700, 500))
    assert detect.classify(oval)[0] == "oval"
    rect = synth.rectangular(["МИД СССР", "Вх. № 0412-сс"], 50)
    assert detect.classify(np.where(synth._tilt(rect, 20) > 100, 255, 0).astype(np.uint8))[0] == "rectangular"


def _typed_page(rng: np.random.Generator) -> np.ndarray:
    page = np.full((2000, 1600), 255, np.uint8)
    for row in range(100, 1900, 60):  # rows of "typing": dark blocks of letter size
        for col in range(80, 1500, 40):
            if rng.random() < 0.8:
                page[row:row + 30, col:col + 22] = 40
    return page


def test_a_gray_seal_is_found_by_its_ring_and_typing_is_not():
    page = _typed_page(np.random.default_rng(0))
    seal = _seal(33)
    y, x = 700, 500
    region = page[y:y + seal.shape[0], x:x + seal.shape[1]]
    region[seal > 0] = 110
    (ellipse, coverage), = detect.seal_circles(page, np.where(page < 255, 255, 0).astype(np.uint8), 300)
    (cx, cy), r = ellipse.centre, max(ellipse.axes) / 2
    assert abs(cx - (x + seal.shape[1] / 2)) < 8 and abs(cy - (y + seal.shape[0] / 2)) < 8 and abs(r - 250) < 8


def test_no_seal_is_fitted_round_a_circle_in_a_found_frame():
    page = _typed_page(np.random.default_rng(0))
    seal = _seal(33)
    y, x = 700, 500
    page[y:y + seal.shape[0], x:x + seal.shape[1]][seal > 0] = 110
    ink = np.where(page < 255, 255, 0).astype(np.uint8)
    assert detect.seal_circles(page, ink, 300, [(x, y, seal.shape[1], seal.shape[0])]) == []
    # A "frame" found round the seal's centre alone (its lines and the typing's crossing) is smaller than the seal:
    # the seal is still fitted (a tuning seal was lost to such a frame).
    centre = (x + seal.shape[1] // 2 - 80, y + seal.shape[0] // 2 - 80, 160, 160)
    (ellipse, _), = detect.seal_circles(page, ink, 300, [centre])
    assert abs(max(ellipse.axes) / 2 - 250) < 8


def _squashed_seal(turn: float, aspect: float) -> np.ndarray:
    """A round seal 500 px across pressed on a bowed sheet: squashed to 500/aspect across, turned ``turn`` degrees."""
    mask = cv2.resize(synth.round_stamp("МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ СССР", ["СЕКРЕТАРИАТ"], 500), (500, round(500 / aspect)),
                      interpolation=cv2.INTER_AREA)
    return np.where(synth._tilt(mask, turn) > 100, 255, 0).astype(np.uint8)


def test_a_gray_squashed_seal_is_found_by_its_ring_fitted_as_an_ellipse():
    page = _typed_page(np.random.default_rng(0))
    seal = _squashed_seal(30, 1.25)
    y, x = 700, 500
    region = page[y:y + seal.shape[0], x:x + seal.shape[1]]
    region[seal > 0] = 110
    (ellipse, coverage), = detect.seal_circles(page, np.where(page < 255, 255, 0).astype(np.uint8), 300)
    assert abs(ellipse.centre[0] - (x + seal.shape[1] / 2)) < 6 and abs(ellipse.centre[1] - (y + seal.shape[0] / 2)) < 6
    assert abs(max(ellipse.axes) - 495) < 20 and abs(min(ellipse.axes) - 396) < 20 and coverage > 0.9
    long_axis = ellipse.angle if ellipse.axes[0] > ellipse.axes[1] else ellipse.angle + 90
    assert abs((long_axis + 30 + 90) % 180 - 90) < 6  # turned 30 degrees counter-clockwise


def test_the_ring_round_a_seals_centre_leads_to_its_outer_ring():
    seal = _squashed_seal(70, 1.2)
    centre = (seal.shape[1] / 2, seal.shape[0] / 2)
    inner = rings.fit_ring(seal, rings.Ellipse(centre, (300, 300), 0.0))  # the ring round the star: 0.6 of the seal
    assert abs(max(inner.axes) - 300) < 15 and abs(min(inner.axes) - 250) < 15
    outer, coverage = rings.outer_ring(seal, inner, rings.ellipse_coverage(seal, inner, 3))
    assert abs(max(outer.axes) - 500) < 15 and abs(min(outer.axes) - 417) < 15 and coverage > 0.9


@pytest.mark.parametrize("turn", [0, 17, -25])
def test_a_gray_registry_stamp_is_found_by_its_frame_over_typing(turn):
    page = _typed_page(np.random.default_rng(1))
    stamp = np.where(synth._tilt(synth.rectangular(["МИД СССР", "Вх. № 0412-сс", "26 IX 1949 г."], 50), turn) > 100, 255, 0)
    y, x = 600, 400
    region = page[y:y + stamp.shape[0], x:x + stamp.shape[1]]
    region[stamp > 0] = 110
    (rect,) = frames.frame_rects(np.where(page < 255, 255, 0).astype(np.uint8), 300)
    (cx, cy), (w, h), _ = rect
    assert abs(cx - (x + stamp.shape[1] / 2)) < 10 and abs(cy - (y + stamp.shape[0] / 2)) < 10
    # The inner frame's inside: the stamp's drawn size less its frame lines (synth: width of text + 2 em, 3 lines + 1 em).
    inner = synth.rectangular(["МИД СССР", "Вх. № 0412-сс", "26 IX 1949 г."], 50).shape
    assert abs(max(w, h) - inner[1]) < 0.1 * inner[1] and abs(min(w, h) - inner[0]) < 0.15 * inner[0]


@pytest.mark.parametrize(("resource", "dpi", "centre", "near", "long_side", "short_side", "turn"), [
    # A tuning page's ink (240 dpi): typing, struck through in places, touches the stamp's frame on every side, so the
    # frame's blob is the whole typed block (its truth box: 831, 1203, 987 x 366, turned ~7 degrees).
    ("registry-typing-runs-into-frame.png", 240, (1324, 1386), 10, (900, 990), (200, 300), (4, 10)),
    # A tuning page's ink (300 dpi, bitonal): bold typing crosses the frame's long sides at every row, and the stamp,
    # pressed harder on one side, lost half of the other short side (truth box 300, 300, 473 x 327).
    ("registry-rounded-frame-crossed-by-typing.png", 300, (536, 463), 12, (400, 470), (240, 320), (3, 9)),
])
def test_a_registry_stamp_is_found_by_two_of_its_sides_where_typing_crosses_its_frame(resource, dpi, centre, near,
                                                                                       long_side, short_side, turn):
    ink = 255 - cv2.imread(str(RESOURCES / resource), cv2.IMREAD_GRAYSCALE)
    (rect,) = frames.frame_rects(ink, dpi)
    (cx, cy), (w, h), angle = rect
    assert abs(cx - centre[0]) < near and abs(cy - centre[1]) < near
    assert long_side[0] < max(w, h) < long_side[1] and short_side[0] < min(w, h) < short_side[1]
    assert turn[0] < abs((angle + 45) % 90 - 45) < turn[1]


def test_a_squashed_seal_over_bold_typing_is_found_on_the_coarser_page():
    # A tuning page's ink (400 dpi, bitonal): a seal squashed about 1.2 and turned upright, rows of bold typing
    # across it (truth box 250, 250, 545 x 670): Hough's circles on the finer page all lie off its centre.
    ink = 255 - cv2.imread(str(RESOURCES / "squashed-seal-over-bold-typing.png"), cv2.IMREAD_GRAYSCALE)
    (ellipse, coverage), = detect.seal_circles(255 - ink, ink, 400)
    assert abs(ellipse.centre[0] - 522) < 12 and abs(ellipse.centre[1] - 585) < 12 and coverage > 0.7
    assert 560 < max(ellipse.axes) < 680 and 1.1 < max(ellipse.axes) / min(ellipse.axes) < 1.3


def test_a_seal_over_typing_has_no_frame_by_its_sides():
    page = _typed_page(np.random.default_rng(0))
    seal = _seal(33)
    page[700:700 + seal.shape[0], 500:500 + seal.shape[1]][seal > 0] = 110
    ink = np.where(page < 255, 255, 0).astype(np.uint8)
    # Its ring's left and right and the typing's columns are about straight over a frame's side; no rectangle round them is.
    assert len(frames.side_lines(ink, 300)[0]) >= 2 and frames.side_pair_rects(ink, 300) == []


def test_typing_alone_has_no_frame_and_no_seal():
    page = _typed_page(np.random.default_rng(2))
    ink = np.where(page < 255, 255, 0).astype(np.uint8)
    assert frames.frame_rects(ink, 300) == [] and detect.seal_circles(page, ink, 300) == []


def test_a_colour_registry_stamp_with_typing_in_its_layer_is_levelled_on_its_frame():
    lines = ["ОТДЕЛ СТРАН", "Вх. № 5458-с", "21 I 1952 г."]
    drawn = synth.rectangular(lines, 50)
    ink = np.where(synth._tilt(drawn, 25) > 100, 255, 0).astype(np.uint8)
    rng = np.random.default_rng(3)
    for row in range(10, ink.shape[0] - 40, 60):  # a coloured ribbon's typing, level, in the same layer
        for col in range(0, ink.shape[1] - 22, 40):
            if rng.random() < 0.8:
                ink[row:row + 30, col:col + 22] = 255
    assert abs(detect.classify(ink)[2][2]) < 5  # the hull sees the typing's box, not the stamp's turn
    (cx, cy), (w, h), angle = frames.lines_frame(ink, frames.turned_window(ink))
    assert abs(angle + 25) <= 1.5 and abs(cx - ink.shape[1] / 2) < 10 and abs(cy - ink.shape[0] / 2) < 10
    assert abs(w - drawn.shape[1]) < 0.05 * drawn.shape[1] and abs(h - drawn.shape[0]) < 0.05 * drawn.shape[0]


def test_a_colour_seal_with_typing_in_its_layer_is_found_by_its_ring():
    seal = _seal(0)  # 500 px across: a 42 mm seal at 300 dpi
    ink = np.zeros((seal.shape[0] + 40, seal.shape[1] + 160), np.uint8)  # the layer's box: typing beside it too
    ink[20:20 + seal.shape[0], 80:80 + seal.shape[1]] = seal
    rng = np.random.default_rng(5)
    for row in range(0, ink.shape[0] - 30, 55):  # a coloured ribbon's typed letters across the whole box
        for col in range(0, ink.shape[1] - 22, 40):
            if rng.random() < 0.7:
                cv2.putText(ink, str(rng.integers(10)), (col, row + 30), cv2.FONT_HERSHEY_SIMPLEX, 1.1, 255, 3)
    assert detect.classify(ink)[0] == "rectangular"  # the typing fills the hull out to the box
    ellipse, coverage = detect.ring_in(ink, 300)
    (x, y), (w, h) = ellipse.centre, ellipse.axes
    # Within the band of its double ring line (its width, 2 % of the diameter).
    assert abs(x - (80 + seal.shape[1] / 2)) < 10 and abs(y - (20 + seal.shape[0] / 2)) < 10
    assert abs(w / 2 - 250) < 10 and abs(h / 2 - 250) < 10
    assert coverage >= detect.RING_COVERAGE
    rect = np.where(synth._tilt(synth.rectangular(["МИД СССР", "Вх. № 0412-сс", "26 IX 1949 г."], 60), 10) > 100, 255, 0)
    assert detect.ring_in(rect.astype(np.uint8), 300) is None  # a framed stamp has no ring


def test_gray_stamp_ink_is_told_from_typing_of_another_level():
    grey = np.full((40, 60), 255, np.uint8)
    grey[5:15, :] = 60  # typing, darker
    grey[20:30, :] = 130  # stamp
    ink = np.where(grey < 200, 255, 0).astype(np.uint8)
    mask = levels.gray_ink(grey, ink, level=130, typing=60)
    assert mask[25].all() and not mask[10].any() and not mask[16].any()  # typing and its rim left out
    assert (levels.gray_ink(grey, ink, level=130, typing=120) == ink).all()  # too close to tell: all the ink


def _gray_registry_crop() -> tuple[np.ndarray, np.ndarray]:
    """A grey registry stamp (``МИД СССР / ОБЩИЙ ОТДЕЛ / Вх. № 3597 / 12 III 1949 г.``, its ink ~139)
    over bold typing (~95) as a rendered grayscale page's preprocessing left it (paper 255), and its ink."""
    page = cv2.imread(str(RESOURCES / "gray-registry-over-typing.png"), cv2.IMREAD_GRAYSCALE)
    return page, cv2.threshold(page, 254, 255, cv2.THRESH_BINARY_INV)[1]


REGISTRY_TEXT = "МИД СССР ОБЩИЙ ОТДЕЛ Вх. № 3597 12 III 1949 г."
PAGE_TYPING_LEVEL = 101.0  # levels.ink_level of the whole page the crop is from


def test_two_inks_in_a_gray_stamps_box_are_told_apart_by_their_strokes_cores():
    page, _ = _gray_registry_crop()
    stamp, typing = levels.box_levels(page, PAGE_TYPING_LEVEL)
    assert abs(stamp - 139) <= 5 and abs(typing - 95) <= 5
    assert levels.box_levels(page, 135.0) is None  # typing as light as the stamp: no second ink to take out


def test_a_gray_registry_stamp_over_darker_typing_reads_on_its_own_ink():
    page, ink = _gray_registry_crop()
    (rect,) = frames.frame_rects(ink, 200)

    def read(mask: np.ndarray, shade: np.ndarray | None = None) -> float:
        found = detect.FoundStamp((0, 0, page.shape[1], page.shape[0]), "rectangular", None, mask, None, rect, 80.0, shade)
        return character_error_rate(REGISTRY_TEXT, " ".join(read_rectangular(found, "rus")[0]))

    own = levels.two_inks(page, ink, *levels.box_levels(page, PAGE_TYPING_LEVEL))
    assert own.sum() < 0.6 * ink.sum()  # the typing's ink went
    # All the ink (typing too) reads far worse (0.35 to 0.22; 0.50 to 0.28 while a number line read whole was read again).
    assert read(own) <= 0.45 and read(ink) >= read(own) + 0.1
    assert read(own, page) <= 0.37  # its own grey reads better than its mask (0.33 against 0.41)


def test_a_lighter_ink_too_scant_for_a_stamps_own_is_a_heavy_scans_mottle_and_all_the_ink_is_read():
    page = cv2.imread(str(RESOURCES / "gray-registry-heavy-mottle.png"), cv2.IMREAD_GRAYSCALE)
    ink = cv2.threshold(page, 254, 255, cv2.THRESH_BINARY_INV)[1]
    (found,) = detect._gray_frames(None, page, ink, 41.0, 200)  # typing's level on the whole page
    x, y, w, h = found.box
    box = (page[y:y + h, x:x + w], ink[y:y + h, x:x + w])
    own = levels.two_inks(*box, *levels.box_levels(box[0], 41.0))  # Otsu splits its strokes' grey in two
    assert np.count_nonzero(own) < 0.05 * np.count_nonzero(box[1]) and np.array_equal(found.ink, box[1])
    text = "ОТДЕЛ СТРАН ДАЛЬНЕГО ВОСТОКА Вх. № 9830-сс 3 VI 1950 г."
    assert character_error_rate(text, " ".join(read_rectangular(found, "rus")[0])) <= 0.3  # 0.25 (1.0 on the lighter ink alone)


def test_a_registry_stamp_as_dark_as_the_typing_is_read_in_all_its_ink():
    """One ink in the box (a heavy scan's stamp as dark as its typing): all of it is the stamp's. A level
    taken off its frame's thin lines (142, lighter than its letters) took their cores for typing's."""
    page = cv2.imread(str(RESOURCES / "gray-registry-one-ink.png"), cv2.IMREAD_GRAYSCALE)
    ink = cv2.threshold(page, 254, 255, cv2.THRESH_BINARY_INV)[1]
    (found,) = detect._gray_frames(None, page, ink, 84.0, 200)  # typing's level on the whole page
    x, y, w, h = found.box
    assert levels.box_levels(page[y:y + h, x:x + w], 84.0) is None and np.array_equal(found.ink, ink[y:y + h, x:x + w])
    text = "МИД СССР ОБЩИЙ ОТДЕЛ Вх. № 0847 13 II 1953 г."
    assert character_error_rate(text, " ".join(read_rectangular(found, "rus")[0])) <= 0.3  # 0.16 (0.78 by the frame's level)


def test_a_frame_found_by_a_pair_of_its_sides_is_fitted_at_the_turn_halfway_between_them():
    """A registry stamp pressed some 20 degrees askew over typing (a moderate grey page's ink, 240 dpi): its two
    short sides, each found in part, lie 5 degrees apart (105 and 110); fitted at the first one's turn, its long
    sides were looked for 5 degrees off and not found, and the stamp was lost."""
    ink = cv2.imread(str(RESOURCES / "registry-frame-turned-20-over-typing-ink.png"), cv2.IMREAD_GRAYSCALE)
    ((centre, sides, angle),) = frames.side_pair_rects(ink, 240)
    assert math.dist(centre, (813, 469)) < 10 and abs(sides[0] - 183) < 10 and abs(sides[1] - 653) < 15
    assert abs(angle - 110) < 3


def test_typing_nearly_black_is_not_taken_for_both_inks_over_each_other():
    """A registry stamp as black as the typing (~23), pressed 12 degrees askew over it on a clean grey scan whose
    show-through (~195) passed for a lighter second ink: the two inks' product (~18) is as dark as the typing
    alone, so every typed stroke passed for the stamp over typing and the stamp's own letters (a little lighter,
    26-40) were left out: it read empty. All the ink is read, in its grey."""
    page = cv2.imread(str(RESOURCES / "black-registry-askew-over-typing.png"), cv2.IMREAD_GRAYSCALE)
    ink = cv2.threshold(page, 254, 255, cv2.THRESH_BINARY_INV)[1]
    assert not levels.both_inks(page, *levels.box_levels(page, 35.0)).any()  # typing's level on the whole page
    mask, shade = detect.frame_ink(page, ink, 35.0)
    rect = ((294.5, 150.9), (170.0, 541.0), 78.2)  # its frame as found on the page
    lines, _ = read_rectangular(detect.FoundStamp((0, 0, page.shape[1], page.shape[0]), "rectangular", None, mask,
                                                  None, rect, 80.0, shade), "rus")
    assert parse.parse(lines).incoming_number == "2922-сс"
    text = "МИД СССР СЕКРЕТАРИАТ т. ВЫШИНСКОГО Вх. № 2922-сс 19 XI 1951 г."
    assert character_error_rate(text, " ".join(lines)) <= 0.45  # 0.35 (1.0: nothing read)


def test_a_registry_stamp_read_with_the_typing_under_it_keeps_to_what_stamps_are_cut_in():
    page, ink = _gray_registry_crop()
    (rect,) = frames.frame_rects(ink, 200)
    found = detect.FoundStamp((0, 0, page.shape[1], page.shape[0]), "rectangular", None, ink, None, rect, 80.0)
    lines, _ = read_rectangular(found, "rus")
    text = " ".join(lines)
    # Typing's remnants read as ``„``, ``’``, ``_`` and small letters (``МИД СО@Р`__``, ``_АРАВИЙ ОХВЕЙ”`` before).
    assert all(c.isupper() or c.isdigit() or c in " №-./,«»()" for c in text.replace("г.", ""))
    assert character_error_rate(REGISTRY_TEXT, text) <= 0.55  # 0.50 (0.61 with the marks and small letters)


@pytest.mark.parametrize(("read", "cut"), [("„дАЛЬНЕГО", "ДАЛЬНЕГО"), ("СФВАНо®", "СФВАНО"), ("т.", "т."),
                                           ("9507/сс", "9507/сс"), ("г.”", "г.")])
def test_a_stamps_word_is_written_in_what_stamps_are_cut_in(read, cut):
    assert as_cut(Word(read, (0, 0, 10, 10), 50.0)).text == cut


def test_a_registry_stamps_lines_are_found_a_pitch_apart():
    lines = ["МИД СССР", "СЕКРЕТАРИАТ т. ВЫШИНСКОГО", "Вх. № 9427", "28 IV 1948 г."]
    ink = np.where(synth._tilt(synth.rectangular(lines, 40), 12) > 100, 255, 0).astype(np.uint8)  # em 40 px: lines 50 px apart
    level = unwrap.deskew_rect(ink, detect.classify(ink)[2])
    found = textlines.text_lines(level)
    assert len(found) == 4
    assert all(abs((b[0] - a[0]) - 50) <= 2 for a, b in zip(found, found[1:]))
    crops = textlines.line_crops(level)
    assert len(crops) == 4 and all(abs(c.shape[0] - 2 * textlines.PAD - textlines.LINE_HEIGHT * 1.4) < 6 for c in crops)


# --- unwrap and read (real Tesseract) -------------------------------------------------------------

@pytest.mark.parametrize("turn", [0, 75, 200])
def test_seal_ring_is_unwrapped_from_its_gap_and_read(turn):
    ink = _seal(turn)
    shape, ellipse, _, _ = detect.classify(ink)
    ring = unwrap.unwrap_ring(ink, ellipse)
    # Turned anticlockwise by ``turn``, the legend's gap (at the bottom, 90 degrees) moves to 90 - turn.
    assert abs((ring.gap_deg - (90 - turn) + 180) % 360 - 180) < 8
    found = detect.FoundStamp((0, 0, ink.shape[1], ink.shape[0]), shape, None, ink, ellipse, None, 100.0)
    lines, _ = read_seal(found, "rus")
    assert character_error_rate("МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ СССР СЕКРЕТАРИАТ", " ".join(lines)) <= 0.1


@pytest.mark.parametrize(("mirrored", "runs"), [(False, 1), (True, 2)])
def test_a_seal_is_read_turned_half_round_only_where_its_legend_reads_poorly(mirrored, runs, monkeypatch):
    # A legend that reads as known words the first way is read once (the turned strip was half a seal's time);
    # mirrored, it reads no known word either way, and the strip is read turned half round too.
    ink = _seal(75)
    if mirrored:
        ink = cv2.flip(ink, 1)
    shape, ellipse, _, _ = detect.classify(ink)
    calls = []
    monkeypatch.setattr(read, "read_crops", lambda images, *a, **k: calls.append(len(images)) or read_crops(images, *a, **k))
    read_seal(detect.FoundStamp((0, 0, ink.shape[1], ink.shape[0]), shape, None, ink, ellipse, None, 100.0), "rus")
    assert len(calls) == runs


def test_registry_stamp_is_levelled_and_read_line_by_line():
    lines = ["МИД СССР", "Вх. № 0412-сс", "26 IX 1949 г."]
    ink = np.where(synth._tilt(synth.rectangular(lines, 50), -18) > 100, 255, 0).astype(np.uint8)
    shape, _, rect, _ = detect.classify(ink)
    read, _ = read_rectangular(detect.FoundStamp((0, 0, ink.shape[1], ink.shape[0]), shape, None, ink, None, rect, 100), "rus")
    fields = parse.parse(read)
    assert len(read) == 3 and fields.incoming_number == "0412-сс"


@pytest.mark.parametrize(("line", "kept"), [(["И", "В"], False), (["Д"], False), (["7"], False), (["т.", "МИД"], True),
                                             (["Вх.", "№", "0412-сс"], True), (["ДВ"], True)])
def test_a_registry_stamps_line_of_lone_letters_is_no_line_of_it(line, kept):
    assert read.holds_words([Word(text, (0, 0, 10, 10), 90.0) for text in line]) == kept


def test_a_registry_stamp_taken_for_an_oval_is_read_on_the_frame_its_ellipse_bounds():
    lines = ["МИД СССР", "Вх. № 0412-сс", "26 IX 1949 г."]
    ink = np.where(synth._tilt(synth.rectangular(lines, 50), -18) > 100, 255, 0).astype(np.uint8)
    _, _, (centre, (w, h), angle), _ = detect.classify(ink)
    ink[5:9, 5:9] = 255  # a speck outside the frame
    # Its frame fitted as an ellipse a little off the frame's size.
    found = detect.FoundStamp((0, 0, ink.shape[1], ink.shape[0]), "oval", None, ink,
                              rings.Ellipse(centre, (w * 1.15, h * 1.1), angle), None, 100)
    (cx, cy), (fw, fh), _ = unwrap.frame_in(ink, found.ellipse)
    assert abs(cx - centre[0]) < 4 and abs(cy - centre[1]) < 4 and abs(fw - w) < 6 and abs(fh - h) < 6
    text, _ = read.read_found(found, "rus")
    assert parse.parse(text).incoming_number == "0412-сс"


def test_a_frame_in_a_seals_ellipse_is_read_every_way_in_one_run_as_read_way_by_way(monkeypatch):
    # Pressed upside down, a registry stamp is read both ways round: on its own frame a run each way, on a frame in a
    # seal's ellipse (``rect`` given) both in one run, to the same lines.
    lines = ["МИД СССР", "Вх. № 0412-сс", "26 IX 1949 г."]
    ink = cv2.rotate(np.where(synth._tilt(synth.rectangular(lines, 50), -18) > 100, 255, 0).astype(np.uint8),
                     cv2.ROTATE_180)
    shape, _, rect, _ = detect.classify(ink)
    found = detect.FoundStamp((0, 0, ink.shape[1], ink.shape[0]), shape, None, ink, None, rect, 100)
    calls = []
    monkeypatch.setattr(read, "read_crops", lambda images, *a, **k: calls.append(len(images)) or read_crops(images, *a, **k))
    way_by_way = read_rectangular(found, "rus")[0]
    assert len(calls) == 2
    calls.clear()
    assert read_rectangular(found, "rus", rect)[0] == way_by_way
    assert len(calls) == 1 and parse.parse(way_by_way).incoming_number == "0412-сс"


def test_a_round_seal_read_poorly_is_not_read_again_on_a_frame(monkeypatch):
    # Mirrored, a seal's legend reads no known word either way; round, it is no registry stamp's frame fitted by an
    # ellipse (that is an oval): its reading stands, and no frame in it is read.
    ink = cv2.flip(np.where(synth._tilt(synth.round_stamp("МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ СССР", ["СЕКРЕТАРИАТ"], 500), 75)
                            > 100, 255, 0).astype(np.uint8), 1)
    shape, ellipse, _, _ = detect.classify(ink)
    monkeypatch.setattr(read, "read_rectangular", lambda *args, **kwargs: pytest.fail("read on a frame"))
    assert shape == "round"
    read.read_found(detect.FoundStamp((0, 0, ink.shape[1], ink.shape[0]), shape, None, ink, ellipse, None, 100.0), "rus")


# --- synthesiser ----------------------------------------------------------------------------------

def test_pressed_stamps_carry_their_text_shape_and_fields_in_the_truth():
    from ocr.synth.canvas import Canvas

    shapes = set()
    for seed in range(12):
        canvas = Canvas(1240, 1754, 150)
        mark = synth.press(canvas, (200, 400, 800, 300), np.random.default_rng(seed))
        stamp = mark.truth(1, mark.bbox)
        assert stamp.text == "\n".join(stamp.lines) and stamp.colour == "violet"
        if stamp.shape == "rectangular":
            assert stamp.incoming_number and stamp.date and stamp.date.startswith("1950-")
        shapes.add(stamp.shape)
    assert shapes == {"round", "oval", "rectangular"}


def test_held_out_split_is_the_serif_face_and_the_oval():
    faces = {synth.face_for(f"ВХ. № {k}") for k in range(40)}
    assert synth.HELD_OUT_FACE in faces and synth.TUNING_SERIF in faces and faces - {synth.HELD_OUT_FACE}
    # ovals never take the tuning serif: the held-out ovals are drawn as before it came
    assert synth.TUNING_SERIF not in {synth.face_for(f"ВХ. № {k}", "oval") for k in range(40)}


def test_a_slanted_seal_is_a_squashed_round_seal_of_the_tuning_split():
    from ocr.synth.canvas import Canvas

    marks = []
    for seed in range(60):
        mark = synth.press(Canvas(1240, 1754, 150), (200, 400, 800, 300), np.random.default_rng(seed))
        marks.append(mark)
    slanted = [m for m in marks if m.shape == "round" and synth.stamp_text(np.random.default_rng(marks.index(m)), 1950)[0] == "slant"]
    assert slanted and not any(synth.held_out(m.truth(1, m.bbox)) for m in slanted)


# --- a rendered page, end to end (real Tesseract) ---------------------------------------------------

@functools.lru_cache(maxsize=4)
def _page_stamps(seed: int, grayscale: bool):
    from ocr.preprocess import preprocess_page
    from ocr.stamps.read import read_stamps
    from ocr.synth import Level, RenderOptions, random_transcript, render

    rendering = render(random_transcript(seed, pages=1), Level.MODERATE, seed=seed, dpi=300,
                       options=RenderOptions(stamp=True, grayscale=grayscale))
    page = preprocess_page(rendering.pages[0])
    return rendering.truth.stamps, read_stamps(page, 1, 300, "rus")


def test_colour_seal_on_a_rendered_page_is_found_and_read():
    # A tuning-split page (round seals in a tuning face): 0.13 in a real run, ``ДЕЛ`` read ``ЛЕ``.
    (truth,), found = _page_stamps(7025, grayscale=False)
    (stamp,) = found
    assert stamp.shape == truth.shape == "round" and stamp.colour == "violet" and stamp.page == 1
    x, y, w, h = truth.bbox
    assert abs(stamp.bbox[0] - x) < 0.1 * w and abs(stamp.bbox[1] - y) < 0.1 * h
    assert character_error_rate(truth.text.replace("\n", " "), stamp.text.replace("\n", " ")) <= 0.2
    assert len(stamp.outline) > 8 and stamp.office and "ИНОСТРАННЫХ" in stamp.office


def test_gray_seal_over_typing_on_a_rendered_page_is_found_by_its_ring():
    (truth,), found = _page_stamps(7004, grayscale=True)  # a tuning-split page
    (stamp,) = found
    assert stamp.shape == "round" and stamp.colour is None
    x, y, w, h = truth.bbox
    assert abs(stamp.bbox[0] - x) < 0.1 * w and abs(stamp.bbox[1] - y) < 0.1 * h and abs(stamp.bbox[2] - w) < 0.1 * w
    # The legend is read through the typing (0.03 in a real run: a speck after СССР); its centre, read out to
    # the legend's letters, takes in typing beside КАНЦЕЛЯРИЯ (``ДЕЛ АРМИЯ``: 0.21 in all).
    assert character_error_rate(truth.lines[0], stamp.lines[0]) <= 0.05
    assert character_error_rate(truth.text.replace("\n", " "), stamp.text.replace("\n", " ")) <= 0.25
    assert stamp.text.startswith("АРХИВ ВНЕШНЕЙ ПОЛИТИКИ")


def test_gray_seal_over_typing_is_read():
    """Its ink's grey read along the middle of its ring's line, the stamp's letters are kept whole."""
    (truth,), (stamp,) = _page_stamps(7030, grayscale=True)  # a tuning-split page: 0.15 in a real run
    assert character_error_rate(truth.text.replace("\n", " "), stamp.text.replace("\n", " ")) <= 0.3


def test_a_stamp_crop_whose_rows_match_at_no_lag_still_has_a_pitch():
    # One thin band of ink (a speck's row) in a level crop: every lag's match is below zero; a real page's
    # faint stamp stopped its reading here (IndexError) before the best lag was taken.
    profile = np.zeros(24)
    profile[11] = 1.0
    assert textlines.line_pitch(profile) == 12
    level = np.full((24, 60), 255, np.uint8)
    level[11, 10:50] = 0
    (top, bottom), = textlines.text_lines(level)
    assert top <= 11 < bottom


def test_a_line_in_larger_letters_does_not_double_the_pitch():
    # A tuning stamp's row profile (every fifth row): a ministry's name in larger letters over three lines
    # about 80 rows apart, typing's remnants between. Unclipped, the lag matching the first line with the
    # third (156) won, and the bands took in two lines each.
    rows = [0, 0, 0, 0.04, 0.34, 0.61, 0.5, 0.43, 0.48, 0.52, 0.42, 0.44, 0.5, 0.48, 0.16, 0.05, 0.04, 0.03,
            0.03, 0.03, 0.17, 0.19, 0.12, 0.1, 0.13, 0.14, 0.11, 0.11, 0.18, 0.17, 0.06, 0.06, 0.03, 0.03, 0.05,
            0.06, 0.16, 0.17, 0.15, 0.2, 0.2, 0.19, 0.16, 0.15, 0.21, 0.2, 0.04, 0.04, 0.05, 0.06, 0.07, 0.08,
            0.18, 0.19, 0.18, 0.18, 0.17, 0.17, 0.15, 0.16, 0.21, 0.18, 0.08, 0.06, 0.07, 0.06, 0.03, 0, 0]
    assert abs(textlines.line_pitch(np.repeat(rows, 5)) - 80) <= 3


def test_a_stamps_line_is_cut_to_its_capitals_from_the_typing_beside_it():
    ink = np.zeros((60, 700), np.uint8)
    for x in range(0, 150, 15):  # typing's remnants on the left: cut by the line's rows, half a capital tall
        ink[30:50, x:x + 8] = 255
    for x in (250, 290, 330, 420, 460):  # the stamp's capitals, 40 tall, a word space between the third and fourth
        ink[10:50, x:x + 28] = 255
    ink[30:50, 500:512] = 255  # a small ``г`` after its last capital
    for x in range(600, 700, 15):  # typing on the right
        ink[30:50, x:x + 8] = 255
    assert textlines.letters_span(ink, 40) == (250, 512)


def test_a_line_of_small_pieces_alone_keeps_all_its_ink():
    ink = np.zeros((60, 300), np.uint8)
    ink[30:45, 20:40] = 255
    ink[30:45, 200:230] = 255
    assert textlines.letters_span(ink, 40) == (20, 230)


def test_a_registry_stamps_way_round_is_the_surer_reading():
    # Upside down, figures and capitals still come out (more of them than the legend's two words), unsurely.
    upright = [(None, [Word("МИД", (0, 0, 30, 10), 81.0), Word("СССР", (40, 0, 40, 10), 90.0)])]
    upside_down = [(None, [Word("4999", (0, 0, 40, 10), 53.0)]), (None, [Word("12961", (0, 20, 50, 10), 30.0)])]
    assert read._believed(upright) > read._believed(upside_down)
    # Letters in known words outweigh a surer reading of none.
    worded = [(None, [Word("МИНИСТЕРСТВО", (0, 0, 120, 10), 40.0)])]
    assert read._believed(worded) > read._believed(upright)


def test_a_registry_stamp_read_through_typing_is_told_by_its_office_words_and_number():
    # Typing across it: no word of it whole, but one fits an office's word and its number line parses;
    # upside down, capitals and figures in no such words come out more surely.
    upright = [(None, [Word("КРЕТАРИАЯТ", (0, 0, 100, 10), 20.0)]),
               (None, [Word("Вх", (0, 20, 20, 10), 30.0), Word("№", (25, 20, 10, 10), 30.0), Word("4722-с", (40, 20, 60, 10), 30.0)])]
    upside_down = [(None, [Word("ОЗОМУНИПАЯЕГТ", (0, 0, 130, 10), 60.0)]), (None, [Word("МСС", (0, 20, 30, 10), 70.0)])]
    assert read.stamp_letters([w for _, ws in upright for w in ws]) > 6
    assert read.stamp_letters([w for _, ws in upside_down for w in ws]) == 0
    assert read._believed(upright) > read._believed(upside_down)


def _line(*texts: str) -> list[Word]:
    return [Word(text, (20 * k, 0, 15, 10), 50.0) for k, text in enumerate(texts)]


def test_a_registry_stamp_read_upright_with_specks_by_its_words_is_not_read_turned_too():
    # First readings of clean and heavy tuning stamps: specks and typing's remnants read as marks at a word's ends
    # (``„``, ``®``) hid a known word, or a whole number, and the stamp was read turned half round too.
    assert read.right_way_up([_line("„СЕКРЕТАРИАТ", "т.", "мопоТевА:"), _line("„дов", "№016", "92/сс"), _line("АИ", "3953", "гл")])
    assert read.right_way_up([_line("МИд/ССС"), _line("ОВНИИ", "ОТДЕ."), _line("Вх.", "№'®958-с"), _line("34819517")])
    # Upside down (the same stamps turned half round): neither.
    assert not read.right_way_up([_line("дли", "ЕЛЬ"), _line("ээевеьрм", "ж8?“\""), _line("м861000и", "'4", "Миди", "Замз5”")])
    assert not read.right_way_up([_line("&", "19617,", "5"), _line("5-86", "9%", "5М", "'хЯ"), _line("ЗО", "ИИ", "Яо")])


def test_a_seals_ring_line_round_its_centre_is_taken_out_and_its_letters_kept():
    ink = np.zeros((300, 300), np.uint8)
    cv2.circle(ink, (150, 150), 120, 255, 3)  # the line round the centre
    ink[130:170, 100:130] = 255  # a letter's ink
    kept = unwrap.without_circles(ink, (150.0, 150.0), 135.0)
    assert kept[130:170, 100:130].all()
    assert np.count_nonzero(kept) == 40 * 30


def test_a_seals_centre_line_is_read_without_specks_beside_it():
    disc = np.full((200, 300), 255, np.uint8)
    for x in range(60, 240, 20):  # a line of letters' strokes, 40 tall
        disc[80:120, x:x + 6] = 0
    disc[98:102, 30:34] = 0  # a speck a word space before it
    band = textlines.centre_band(disc)
    # Cut to the letters alone (166 columns and its margins: 173), the speck gone (202 with it).
    assert band.shape[1] - 2 * textlines.PAD < 190


def _framed(right_side: list[tuple[int, int]]) -> np.ndarray:
    """A 300 x 600 frame's ink (3 px lines) on a page, its right side drawn only along the (top, bottom) pieces given."""
    ink = np.zeros((500, 800), np.uint8)
    cv2.rectangle(ink, (100, 100), (699, 399), 255, 3)
    ink[100:400, 696:702] = 0
    for top, bottom in right_side:
        ink[100 + top:100 + bottom, 698:701] = 255
    return ink


def test_a_frame_side_worn_in_short_gaps_is_still_straight_but_a_row_of_pieces_is_not():
    frame = ((400.0, 250.0), (600.0, 300.0), 0.0)
    per_mm = 300 / 25.4
    # Worn: a piece of 40% of the side, the rest in pieces 8 px (under a millimetre) apart.
    worn = [(0, 120)] + [(k, k + 30) for k in range(128, 300, 38)]
    assert frames.straight_sides(_framed(worn), frame, per_mm)
    # No piece longer than a capital (30 px), as closely set: letters' strokes in a row, not a line.
    letters = [(k, k + 30) for k in range(0, 300, 38)]
    assert not frames.straight_sides(_framed(letters), frame, per_mm)
    # Gaps wider than a millimetre are not bridged.
    gapped = [(0, 120)] + [(k, k + 30) for k in range(150, 300, 50)]
    assert not frames.straight_sides(_framed(gapped), frame, per_mm)


def test_gray_seal_darker_than_the_typing_on_a_blurred_scan_keeps_its_ring():
    """A heavy tuning page (seed 9013, drawn 300 dpi): the seal is darker than the typing, its blurred strokes'
    grey spreading past halfway to the typing's; told apart by level it kept half its ring and read nothing."""
    from ocr.preprocess import preprocess_page
    from ocr.stamps.read import read_stamps
    from ocr.synth import Level, RenderOptions, random_transcript, render

    rendering = render(random_transcript(9013, pages=1), Level.HEAVY, seed=9013, options=RenderOptions(stamp=True))
    (truth,) = rendering.truth.stamps
    (stamp,) = read_stamps(preprocess_page(rendering.pages[0]), 1, 300, "rus")
    assert stamp.shape == "round" and stamp.lines and character_error_rate(truth.lines[0], stamp.lines[0]) <= 0.1


def test_a_registry_stamp_inside_a_circle_fitted_round_it_is_no_seals_centre():
    """A moderate tuning page (seed 9035, drawn 200 dpi): a circle round a registry stamp, fitted to its rounded
    corners and the typing, passed for a seal's ring; its frame, nearly as large, is the stamp, not the seal's centre."""
    from ocr.bench.stamps import iou
    from ocr.preprocess import preprocess_page
    from ocr.synth import Level, RenderOptions, random_transcript, render

    rendering = render(random_transcript(9035, pages=1), Level.MODERATE, seed=9035, options=RenderOptions(stamp=True))
    (truth,) = rendering.truth.stamps
    page = preprocess_page(rendering.pages[0])
    (found,) = detect.find_stamps(page, 200)
    assert found.shape == "rectangular" and iou(page.map_box_to_original(found.box), truth.bbox) > 0.8


def test_a_seal_traced_all_round_keeps_its_centre_however_wide():
    """The moderate sample (page 1, a grey seal over the message): four straight runs of its centre's lines and
    the typing made a frame nearly as wide as the seal's centre, taken for a registry stamp inside a circle fitted
    round it; the seal, its ring traced whole, was lost, and the rows under it read worse."""
    from ocr.bench.stamps import iou
    from ocr.load import PageRef, load_page
    from ocr.preprocess import preprocess_page

    scan = Path(__file__).parents[2] / "scans" / "seed-telegram-1950-01-19-moderate.pdf"
    truth = json.loads(scan.with_suffix(".truth.json").read_text())["stamps"][0]
    page = preprocess_page(load_page(PageRef(scan, 0, 1), 300).image)
    (found,) = detect.find_stamps(page, 300)
    assert found.shape == "round" and iou(page.map_box_to_original(found.box), truth["bbox"]) > 0.8


def _found(box: tuple[int, int, int, int], colour: str | None, seal: bool) -> detect.FoundStamp:
    x, y, w, h = box
    ellipse = rings.Ellipse((w / 2, h / 2), (w, h), 0.0) if seal else None
    return detect.FoundStamp(box, "round" if seal else "rectangular", colour, np.zeros((h, w), np.uint8), ellipse,
                             None if seal else ((w / 2, h / 2), (w, h), 0.0), 90.0)


def test_a_seal_found_by_its_ring_stands_in_for_the_colour_pieces_of_it():
    seal = _found((100, 100, 400, 400), None, True)
    pieces = [_found((120, 150, 150, 180), "violet", False), _found((330, 160, 160, 170), "violet", True)]
    elsewhere = _found((900, 900, 300, 200), "violet", False)
    found = detect.with_seals_by_shape(pieces + [elsewhere], [seal])
    assert [(f.box, f.shape, f.colour) for f in found] == [(elsewhere.box, "rectangular", "violet"),
                                                            (seal.box, "round", "violet")]
    # A colour stamp about the seal's size is a whole one; a colour seal already found stays; no colour ink, no seal.
    whole = _found((110, 110, 380, 380), "violet", False)
    assert detect.with_seals_by_shape([whole], [seal]) == [whole]
    colour_seal = _found((110, 110, 380, 380), "violet", True)
    assert detect.with_seals_by_shape([colour_seal], [seal]) == [colour_seal]
    assert detect.with_seals_by_shape([elsewhere], [seal]) == [elsewhere]


def test_the_name_after_comrade_on_a_stamp_is_put_right_to_a_name_not_an_office_word():
    line = [Word(text, (0, 0, 10, 10), 50.0) for text in ("СЕКРЕТАРИАТ", "т.", "ВЫПИНСКОГО")]
    assert [w.text for w in read.put_right(line)] == ["СЕКРЕТАРИАТ", "т.", "ВЫШИНСКОГО"]
    # Read as no name the corrector knows: as read (an office's word fits it by chance).
    line = [Word(text, (0, 0, 10, 10), 50.0) for text in ("СЕКРЕТАРИАТ", "т.", "ВЫШИБОКОМО")]
    assert [w.text for w in read.put_right(line)] == ["СЕКРЕТАРИАТ", "т.", "ВЫШИБОКОМО"]
    # Elsewhere a misread word is put right against the offices' words.
    assert read.put_right([Word("КРЕТАРИАЯТ", (0, 0, 10, 10), 50.0)])[0].text == "СЕКРЕТАРИАТ"


def test_a_seal_band_left_with_no_legend_is_read_whole_not_a_crash():
    """A heavy stress page (seed 9000, film grain): the ring's band held no letter's column once typing and ring
    lines were taken out, and finding the legend's ends raised IndexError, failing the whole document."""
    assert unwrap.legend_span(np.zeros((30, 400), np.uint8)) == (0, 400)
    band = np.zeros((30, 400), np.uint8)
    band[:, 100:300:12] = 255  # letters' strokes along half the ring
    start, end = unwrap.legend_span(band)
    assert start == 100 and 290 <= end <= 300


def test_a_serif_gray_stamps_hairlines_stay_in_its_own_ink():
    """A grey registry stamp (~142) in a serif face over darker typing (~46; tuning st-05008): its capitals'
    hairlines, lighter than its level and with no flat core, are its own ink whole with the stems they join.
    Grown only two pixels from the stems' cores, its capitals read as stems alone (0.85)."""
    page = cv2.imread(str(RESOURCES / "gray-serif-registry-over-typing.png"), cv2.IMREAD_GRAYSCALE)
    ink = cv2.threshold(page, 254, 255, cv2.THRESH_BINARY_INV)[1]
    (found,) = detect._gray_frames(None, page, ink, 43.0, 200)  # typing's level on the whole page
    assert np.count_nonzero(found.ink) < 0.7 * np.count_nonzero(ink)  # the typing's ink still went (0.59 of it kept)
    text = "МИД СССР ОБЩИЙ ОТДЕЛ Вх. № 8149/сс 12 VI 1953 г."
    assert character_error_rate(text, " ".join(read_rectangular(found, "rus")[0])) <= 0.3  # 0.15


def test_a_seal_unwrapped_beyond_its_crop_is_paper_there_every_time():
    # The unwrapped strip reaches 1.04 of the radius, past a seal's box at its sides: OpenCV left those pixels as
    # whatever memory held, and a tuning seal (st05056 moderate) read three ways in three calls.
    ink = np.full((101, 101), 255, np.uint8)
    strips = []
    for _ in range(5):
        cv2.warpPolar(np.full((400, 400), 255, np.uint8), (60, 400), (50, 50), 52, cv2.WARP_POLAR_LINEAR)  # memory left inked
        strips.append(unwrap.polar(ink, (50.0, 50.0), 50.0))
    assert all((s == strips[0]).all() for s in strips)
    # Row 0 is 1.04 of the radius out: beyond the crop straight right of the centre, within it at its corner.
    assert strips[0][0, 0] == 0 and strips[0][0, strips[0].shape[1] // 8] == 255 and strips[0][-1].min() == 255


def test_a_registry_stamps_office_line_drops_what_typing_and_specks_read_as_there():
    # Office lines read on moderate and clean st5000 tuning stamps: a typed word's remnant with a figure (``4л``), a
    # lone figure, quotes and commas at words' ends.
    assert read.office_line("4л ОТДЕЛ СТРА,".split()) == "ОТДЕЛ СТРА"
    assert read.office_line("ДАЛЬНЕГО ВОСТОКА 3".split()) == "ДАЛЬНЕГО ВОСТОКА"
    assert read.office_line("»МИД СССР".split()) == "МИД СССР"
    assert read.office_line("«ОТДЕЛОВ".split()) == "ОТДЕЛОВ"
    # A word of letters with a figure misread among them, an ordinal, ``т.`` and a comrade's name stay.
    assert read.office_line("от4АИДСЕСР.".split()) == "от4АИДСЕСР."
    assert read.office_line("1-й ОТДЕЛ".split()) == "1-й ОТДЕЛ"
    assert read.office_line("СЕКРЕТАРИАТ т. МОЛОТОВА".split()) == "СЕКРЕТАРИАТ т. МОЛОТОВА"
    assert read.office_line("3".split()) == ""


def test_a_date_line_read_as_no_date_drops_the_specks_round_its_figures():
    # Date lines read on clean and moderate st5000 tuning stamps (``3 VI 1946 г.``, ``21 IX 1952 г.``, ``12 IX 1953 г.``).
    assert read.figures_line("СЯ 3У34946 г. 8") == "3У34946 г."
    assert read.figures_line("ЧЕ». 2118219521. Я г.") == "2118219521. Я г."
    assert read.figures_line("ЗУ 712424953 4к") == "712424953 4к"
    # An office line read with figures keeps its word; a line parsed whole stays as it is.
    assert read.figures_line("ЗАМИДЯЗССР «951") == "ЗАМИДЯЗССР «951"
    assert read.figures_line("Вх. № 9282") == "Вх. № 9282"
    assert read.figures_line("12 VI 1946 г.") == "12 VI 1946 г."


def test_a_registry_stamp_over_bold_typing_reads_without_its_remnants_beside_the_lines():
    # A moderate st5000 tuning stamp's ink (grayscale scan): bold typing runs across every line of it; read
    # ``4л ОТДЕЛ СТРА,``, ``ДАЛЬНЕГО ВОСТОКА 3`` and ``ЧЕ». 2118219521. Я г.`` before.
    ink = 255 - cv2.imread(str(RESOURCES / "registry-typing-remnants-beside-its-lines.png"), cv2.IMREAD_GRAYSCALE)
    rect = ((487.5566641942303, 365.4606225994944), (831.0, 381.0), -22.558204650878906)
    found = detect.FoundStamp((0, 0, ink.shape[1], ink.shape[0]), "rectangular", None, ink, None, rect, 80.0)
    lines, _ = read_rectangular(found, "rus")
    assert lines[:3] == ["ОТДЕЛ СТРА", "ДАЛЬНЕГО ВОСТОКА", "Вх. № 9282"]
    assert character_error_rate("21 IX 1952 г.", lines[3]) < 0.8


def test_a_seal_found_by_its_ring_takes_back_the_ink_of_its_colour_pieces():
    # A heavy st9000 tuning page (colour scan, black typing): the colour separation found a quarter of a faint violet
    # seal and took its ink out of the grey page; the seal found there by its ring lacked that quarter of its legend,
    # whose ends were cut wrong, and read ``ТММ 22М. 5 МП``.
    grey_ink = 255 - cv2.imread(str(RESOURCES / "colour-seal-by-shape-grey-ink.png"), cv2.IMREAD_GRAYSCALE)
    piece_ink = 255 - cv2.imread(str(RESOURCES / "colour-seal-by-shape-piece-ink.png"), cv2.IMREAD_GRAYSCALE)
    ellipse = rings.Ellipse((272.3938915576937, 272.7775204120635), (497.21874473342905, 513.4595580036164), 25.4)
    seal = detect.FoundStamp((954, 1445, 544, 544), "round", None, grey_ink, ellipse, None, 93.0)
    piece = detect.FoundStamp((1261, 1718, 231, 262), "oval", "violet", piece_ink, None, None, 60.0)
    (found,) = detect.with_seals_by_shape([piece], [seal])
    assert found.colour == "violet"
    assert np.count_nonzero(found.ink[273:, 307:538] & ~grey_ink[273:, 307:538]) > 0.5 * np.count_nonzero(piece_ink)
    lines, _ = read_seal(found, "rus")
    assert lines[0].startswith("СОВЕТ МИНИСТРОВ")


def test_a_legend_is_trimmed_of_typings_figures_and_specks_at_its_ends():
    # Legends read on moderate st5000, clean st9000 and heavy st3000 tuning seals.
    def trimmed(text: str) -> str:
        return words_text(read.ends_trimmed(_line(*text.split())))

    assert trimmed("Т7. СОВЕТ МИНИСТРА ВОЮЗА.ССР.-") == "СОВЕТ МИНИСТРА ВОЮЗА.ССР"
    assert trimmed("559 ВТ МИНИСТР ДАНЗА СЕР") == "ВТ МИНИСТР ДАНЗА СЕР"
    assert trimmed("-МИНИСТЕРСТВО ВНЕ НЕЙ ТОРГОВЛЯ СССР,") == "МИНИСТЕРСТВО ВНЕ НЕЙ ТОРГОВЛЯ СССР"
    assert trimmed("ОМ МИНИСТЕРСТВО ГОСУДАРСТВЕННОЙ БЕЗОПАСНОСТИ..") == "ОМ МИНИСТЕРСТВО ГОСУДАРСТВЕННОЙ БЕЗОПАСНОСТИ"
    # A number after ``№`` is a legend's own; so is a bracket closing its last word.
    assert trimmed("ПОЧТОВОЕ ОТДЕЛЕНИЕ № 12") == "ПОЧТОВОЕ ОТДЕЛЕНИЕ № 12"
    assert trimmed("ЦК ВКП(б)") == "ЦК ВКП(б)"


def test_a_seals_star_is_taken_out_but_not_the_solid_pieces_of_bold_typing_under_its_centre():
    # A moderate st5000 tuning seal's centre (photocopy, bold typing across it): typed letters crossing its own left
    # solid pieces too, and taking those out with the ground round them took ``КАНЦ`` of ``КАНЦЕЛЯРИЯ`` (read ``ЕЙАЯРИЯ``).
    ink = 255 - cv2.imread(str(RESOURCES / "seal-centre-star-among-bold-typing.png"), cv2.IMREAD_GRAYSCALE)
    kept = unwrap.without_emblem(ink)
    assert not kept[150:180, 110:140].any()  # the star
    star = np.zeros_like(ink)
    cv2.circle(star, (125, 165), 60, 255, -1)
    beyond = (ink > 0) & (star == 0)
    assert np.count_nonzero(kept[beyond]) > 0.95 * np.count_nonzero(beyond)  # 0.73 when every solid piece went
