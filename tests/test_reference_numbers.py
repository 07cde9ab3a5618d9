"""The reference numbers read apart from what a printed form puts around them, and nothing else taken for them."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr import assemble, layout, roles
from ocr.lines import Line, Role
from ocr.preprocess import preprocess_page
from ocr.recognize import recognize_page
from ocr.reference_numbers import joined, reference_numbers
from ocr.synth.fonts import Face, font_path


# Tesseract's readings of ``2194    6057`` typed on the tuning faces between printed furniture (a header rendered
# as below and read by the pipeline): dashes and underscores printed around it, colons between the groups, dust.
@pytest.mark.parametrize("read", [
    "- -2194- 6057 - -", "— -2194- 6057 - -", "----- 2194 --- 6057", "> 2194 ___ 6057", "2194 __ 6057",
    "2194  :;  6057", ": 2194  :  6057", "2194.... 6057", "2194 ....6057", "2194....6057",
    "*2194. ‘6057 °", "* 2194.  6057...", "‘2194. ‘6057.", "2194 ооооо 6057", "2194о6057",
])
def test_furniture_around_the_groups_is_no_part_of_them(read):
    assert reference_numbers(read) == "2194 6057"
    assert roles.header_role(read) is Role.REFERENCE


def test_a_digit_read_as_the_letter_of_its_shape():
    assert reference_numbers("З194 6О57") == "3194 6057"
    assert reference_numbers("б504 2851  *") == "6504 2851"


def test_two_groups_run_together_are_parted():
    # the space between the groups lost (a heavy tuning page, seed 6000): twice a group's digits are two groups
    assert reference_numbers("13377477") == "1337 7477"
    assert reference_numbers("2194 6057 1337") == "2194 6057 1337" and reference_numbers("1337747") is None


@pytest.mark.parametrize("text", [
    "19/1 1950", "25.11.47", "10:16", "18 час. 50 мин.", "N 986 / м. п. - 30. I.", "См. изв. № 1758 (ссылка № 61)",
    "в 1954 г.", "1954 год", "Спец. № 47-51", "2951 9:17", "ЗОб", "2100 21оо", "2194 6057 Подлежит возврату",
    "№224 -",  # a registry stamp's number over the grid (tuning s5000 heavy)
])
def test_a_date_a_note_or_words_are_no_reference_numbers(text):
    assert reference_numbers(text) is None


def test_a_row_read_as_one_line_parts_at_the_reference_numbers():
    assert roles.reference_split(["2194 6057", "Подлежит возврату"]) == 1
    assert roles.reference_split(["Спец. № 47-51", "2194 6057"]) == 1
    assert roles.reference_split(["1954", "год был трудным для всех нас"]) == 0  # a body line stays whole
    assert roles.reference_split(["2194", "6057"]) == 0


def test_a_line_split_in_two_is_joined_again():
    halves = [Line("2194", Role.REFERENCE, page=1, bbox=(300, 240, 90, 30)), Line("6057", Role.REFERENCE, page=1, bbox=(490, 246, 90, 30))]
    below = Line("2024 2031", Role.REFERENCE, page=1, bbox=(300, 300, 280, 30))
    assert joined([*halves, below]) == ["2194 6057", "2024 2031"]
    assert joined([Line("2023 2030", Role.REFERENCE), Line("2024 2031", Role.REFERENCE)]) == ["2023 2030", "2024 2031"]


def test_two_lines_of_a_page_scanned_a_quarter_turned_stay_two():
    """Their boxes in the scan stand upright side by side (tuning s5000 heavy: one row ``2537 3595 6895 4768`` before)."""
    lines = [Line("6895 4768", Role.REFERENCE, page=1, bbox=(2226, 404, 48, 290)),
             Line("2537 3595", Role.REFERENCE, page=1, bbox=(2181, 405, 48, 291))]
    assert joined(lines) == ["6895 4768", "2537 3595"]


def _header(face: Face, furniture: str) -> np.ndarray:
    """Title, routing line, ``2194    6057`` with ``furniture`` printed beside it, special number and two body lines."""
    font = ImageFont.truetype(str(font_path(face)), 40)
    image = Image.new("L", (1654, 800), 250)
    draw = ImageDraw.Draw(image)
    advance = font.getlength("0")
    draw.text((150, 100), "Шифртелеграмма", font=ImageFont.truetype(str(font_path(Face.TITLE)), 60), fill=30, anchor="ls")
    draw.text((150, 190), "Из ПЕКИНА № 2561 пол. 10 час. 16 мин. 25/11 1947 г. экз. № 10", font=font, fill=30, anchor="ls")
    x, base = 150 + 6 * advance, 270
    draw.text((x, base), "2194    6057", font=font, fill=30, anchor="ls")
    draw.text((150, 350), "Спец. № 60-129", font=font, fill=30, anchor="ls")
    draw.text((150, 460), "Главный военный советник сообщил, что командование", font=font, fill=30, anchor="ls")
    draw.text((150, 520), "армии закончило формирование двух новых дивизий.", font=font, fill=30, anchor="ls")
    typed = [(x - 8, x + 4 * advance + 8), (x + 8 * advance - 8, x + 12 * advance + 8)]
    for px in np.arange(150, 1500, 20 if furniture == "dots" else 22):
        if any(a <= px <= b + 10 for a, b in typed):
            continue
        if furniture == "dots":  # a leader's dots, too big and sparse for the dot rows step to take
            draw.ellipse((px - 3, base - 3, px + 3, base + 3), fill=40)
        else:
            draw.line((px, base - 2, px + 10, base - 2), fill=40, width=3)
    return np.array(image)


@pytest.mark.parametrize(("face", "furniture"), [(Face.DEJAVU_MONO, "dots"), (Face.NOTO_MONO, "dots"), (Face.FREE_MONO, "dashes")])
def test_leaders_read_as_letters_beside_the_groups_are_dropped(face, furniture):
    # Tesseract reads the leader as a word of small letters (``чение``, ``неее``, ``аа``) boxed a fifth as high as the digits
    image = _header(face, furniture)
    words, _ = recognize_page(preprocess_page(image))
    assert assemble.header(layout.parse_page(words, 1, image.shape[1])).reference_numbers == ["2194 6057"]


def test_a_latin_letter_read_for_a_digit_is_its_cyrillic_twins():
    # the model reads a typed 0 as a Latin ``O``, an 8 as a Latin ``B``, now and then
    assert reference_numbers("2194 6O57") == "2194 6057"
    assert reference_numbers("B194 6057") == "8194 6057"
    assert reference_numbers("BOOK 6057") is None  # a word is no group


def test_a_group_a_digit_longer_than_the_others_reads_its_slashed_zero_as_one():
    # a moderate tuning page's ``2492 3260``: its slashed ``0`` read ``90`` beside three groups of four
    assert joined([Line("4940 9401", Role.REFERENCE), Line("2492 32690", Role.REFERENCE)]) == ["4940 9401", "2492 3260"]
    # groups of five throughout, or no zero read so, or too few groups to tell the length: as read
    assert joined([Line("49401 94012", Role.REFERENCE), Line("2492 32690", Role.REFERENCE)]) == ["49401 94012", "2492 32690"]
    assert joined([Line("4940 9401", Role.REFERENCE), Line("2492 32651", Role.REFERENCE)]) == ["4940 9401", "2492 32651"]
    assert joined([Line("2492 32690", Role.REFERENCE)]) == ["2492 32690"]
