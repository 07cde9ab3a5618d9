"""The message's rows under a stamp read again as one line each (ocr.reread.stamped)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ocr import layout
from ocr.compare.metrics import character_error_rate
from ocr.lines import Line, Role, Word
from ocr.recognize import read_cut_strips, read_parts, recognize, recognize_page
from ocr.reread import stamped
from ocr.reread.stamped import read_stamped_rows, stamped_rows
from ocr.stamps.detect import FoundStamp
from ocr.synth.fonts import Face, load_font
from tests.builders import prepared

ROWS = [
    "Консул тов. Ракоши ответил, что этот вопрос может быть решен только",
    "через министерство иностранных дел. Считаю целесообразным заявить",
    "протест и поручить консулу до получения указаний никаких списков не",
    "передавать. Председатель совета министров обратился с просьбой",
    "ускорить отгрузку тысяч тонн зерна, предусмотренных соглашением от",
    "марта, так как запасы продовольствия в северных провинциях на исходе.",
]
LEFT, TOP, PITCH = 40, 40, 44


def _word(text: str, x: int, y: int, confidence: float = 90.0) -> Word:
    return Word(text, (x, y, 20 * len(text), 30), confidence)


def test_rows_are_placed_by_the_sure_words_beside_the_stamp_and_a_row_without_them_at_the_pitch():
    metrics = layout.Metrics(char_width=20.0, line_height=30.0)
    words = [_word("слева", 0, y) for y in (100, 150, 250)] + [_word("справа", 700, y) for y in (100, 150, 250)]
    words += [_word("шум", 0, 200, confidence=20.0), _word("под", 400, 200), _word("выше", 0, 20)]
    bands = stamped_rows(words, (300, 90, 300, 200), (0, 820), metrics)
    # Rows at 100, 150 and 250 (centres 115, 165, 265); the row at 200 has only an unsure word beside and
    # one under the stamp, so it is put in at the pitch of 50; the word above the stamp is no row of it.
    assert [(b[1] + b[3] / 2, b[3]) for b in bands] == [(115, 40), (165, 40), (215, 40), (265, 40)]
    assert all((b[0], b[2]) == (0, 820) for b in bands)


def _stamped_page() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Six typed rows with a seal pressed across the middle four: two rings and a legend of capitals
    round them, drawn in the typing's black (as a grayscale or bitonal scan shows them)."""
    image = Image.new("L", (1500, TOP + PITCH * len(ROWS) + 40), 255)
    draw = ImageDraw.Draw(image)
    for k, row in enumerate(ROWS):
        draw.text((LEFT, TOP + k * PITCH), row, font=load_font(Face.TYPE, 28), fill=0)
    cx, cy, r = 760, TOP + int(3 * PITCH), 105
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=0, width=4)
    draw.ellipse((cx - r + 40, cy - r + 40, cx + r - 40, cy + r - 40), outline=0, width=3)
    legend = load_font(Face.PRINT_BOLD, 22)
    for k, letter in enumerate("МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ"):
        angle = np.radians(k * 360 / 28)
        draw.text((cx + (r - 22) * np.cos(angle) - 8, cy + (r - 22) * np.sin(angle) - 11), letter, font=legend, fill=0)
    return np.asarray(image), (cx - r, cy - r, 2 * r, 2 * r)


def _seal(box: tuple[int, int, int, int]) -> FoundStamp:
    return FoundStamp(box, "round", None, np.zeros((box[3], box[2]), np.uint8), None, None, 90.0)


def _text(lines) -> str:
    return " ".join(line.text for line in lines)


def _form_page(image: np.ndarray) -> list[Line]:
    """The page's lines as the telegram form's: its title read above the message."""
    return [Line("Шифртелеграмма", Role.FORM_TITLE, page=1)] + layout.parse_page(recognize(image), 1, image.shape[1])


def test_rows_under_a_seal_read_again_read_the_typing_under_it():
    image, box = _stamped_page()
    lines = _form_page(image)
    again = read_stamped_rows([image], lines, [_seal(box)], "rus")
    truth = " ".join(ROWS)
    # The page reading loses most of the typing under the seal (0.30 on this page: rows cut at the ring, the
    # legend read in between); read row by row, the stamp's rows read at 0.065.
    assert character_error_rate(truth, _text(lines)) > 0.2
    assert character_error_rate(truth, _text(again)) < 0.08


def test_no_strip_is_cut_to_ink_inside_a_stamps_box():
    # Between the rows of typing under the seal, the ink left unread is the seal's: a strip cut to it reads its legend
    # as believable capitals (``ТСРЕТ``, confidence 65), which then stood among the message's words.
    words, page = recognize_page(prepared(_stamped_page()[0]))
    assert [w.text for w in read_cut_strips(page, words, [])[len(words):]] == ["ТСРЕТ"]
    assert read_cut_strips(page, words, [_stamped_page()[1]]) == words


def test_a_page_without_a_stamp_over_its_message_is_left_as_it_is():
    image, _ = _stamped_page()
    lines = _form_page(image)
    assert read_stamped_rows([image], lines, [], "rus") is lines
    assert read_stamped_rows([image], lines, [_seal((1400, 0, 90, 90))], "rus") is lines  # beside no row of it


def test_a_page_not_read_as_the_form_is_left_as_it_is():
    # A letter with a seal over its text: the rows are the form's message's only (on real letters, reading
    # them made pages read worse than plain Tesseract).
    image, box = _stamped_page()
    lines = layout.parse_page(recognize(image), 1, image.shape[1])
    assert read_stamped_rows([image], lines, [_seal(box)], "rus") is lines


def test_a_word_a_stamp_crossed_is_taken_from_the_reading_that_read_it_as_a_word():
    from ocr.reread.combine import word_list
    from ocr.reread.stamped import _merged

    # As read on a moderate tuning page: the grey page's rows (most letters of known words) read
    # ``поговору`` and ``_моя``, the binarised page's ``договору``, the page's own reading ``моя``; a known word
    # boxed over two of the best reading's (``состоялась`` over ``состоялась _моя``) stands for neither.
    grey = [Word("по", (100, 10, 40, 30), 90.0), Word("поговору,", (160, 10, 200, 30), 80.0),
            Word("состоялась", (400, 60, 220, 30), 90.0), Word("_моя", (640, 60, 90, 30), 60.0)]
    binarised = [Word("договору,", (162, 11, 198, 30), 85.0), Word("соетоялась", (400, 60, 220, 30), 70.0)]
    page = [Word("состоялась", (400, 60, 330, 30), 90.0), Word("моя", (655, 62, 70, 28), 90.0)]
    merged = _merged([grey, binarised], page, word_list("rus"))
    assert [w.text for w in merged] == ["по", "договору,", "состоялась", "моя"]
    assert merged[1].bbox == grey[1].bbox


def test_a_rows_words_left_and_right_of_a_wide_stamp_a_little_apart_in_height_are_one_row():
    # As on a moderate tuning page: the row's words right of the stamp stand 18 px lower than those left of it
    # (the skew left after straightening), more than half a word's height: two rows for page layout, one here.
    metrics = layout.Metrics(char_width=20.0, line_height=28.0)
    words = [_word("слева", 0, y) for y in (100, 157, 214)] + [_word("справа", 900, y + 18) for y in (100, 157, 214)]
    words += [_word(text, x, y) for y in (300, 357, 414, 471, 528) for text, x in (("ниже", 0), ("стамп", 400))]  # rows below it
    bands = stamped_rows(words, (300, 90, 500, 170), (0, 1020), metrics)
    assert [round(b[1] + b[3] / 2) for b in bands] == [124, 181, 238]


def test_a_grey_page_the_same_as_the_binarised_one_is_not_read_again(monkeypatch):
    # A bitonal scan's grey page equals its binarised one (tg-05007 of seed 5000, moderate): each row was read
    # twice alike, twice the Tesseract time for the same words.
    image, box = _stamped_page()
    lines = _form_page(image)
    parts: list[int] = []

    def counted(wanted, lang, psm):
        parts.append(len(wanted))
        return read_parts(wanted, lang, psm=psm)

    monkeypatch.setattr(stamped, "read_parts", counted)
    once = read_stamped_rows([image], lines, [_seal(box)], "rus")
    twice = read_stamped_rows([image, image.copy()], lines, [_seal(box)], "rus")
    assert parts[0] == parts[1] > 0
    assert _text(twice) == _text(once)
