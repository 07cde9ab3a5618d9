"""Re-reading what Tesseract's page segmentation left out (real Tesseract on typed lines)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ocr.exec import tesseract
from ocr.lines import Word
from ocr.recognize import read_box, words_from_data
from ocr.reread import letter_spaced, reread_block, reread_partial_lines, reread_spaced, unread_ends
from ocr.synth.fonts import Face, load_font


def _typed(lines: list[str], size: int = 42, pitch: int = 70) -> np.ndarray:
    """Lines typed in the typewriter face on white, as a binarised page strip."""
    image = Image.new("L", (1400, 60 + pitch * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for k, text in enumerate(lines):
        draw.text((60, 30 + k * pitch), text, font=load_font(Face.TYPE, size), fill=0)
    return np.asarray(image)


def test_a_partly_read_line_is_read_again_whole():
    image = _typed(["N 665 / м. п. - 2. XI."])
    words = read_box(image, (0, 0, image.shape[1], image.shape[0]), "rus", psm=7)
    kept = [w for w in words if "665" in w.text]  # what page segmentation kept of the line
    char_width = kept[0].bbox[2] / 3
    assert unread_ends(image, kept, kept, char_width) is not None
    assert unread_ends(image, words, words, char_width) is None  # nothing left unread

    again = reread_partial_lines(image, [kept], kept, char_width, "rus")
    text = " ".join(w.text for w in sorted(again, key=lambda w: w.bbox[0]))
    assert "665 / м. п. - 2." in text  # the Roman month, read in Cyrillic, is for registry_note to put right


def test_block_reread_replaces_the_words_inside_only():
    image = _typed(["Министр заявил, что правительство", "согласно с нашими предложениями."])
    outside = read_box(image, (0, 0, image.shape[1], 95), "rus", psm=7)
    stale = [w for w in read_box(image, (0, 95, image.shape[1], image.shape[0] - 95), "rus", psm=7)][:1]
    words = reread_block(image, outside + stale, (0, 95, image.shape[1], image.shape[0] - 95), psm=6, lang="rus")
    assert [w.text for w in words if w.bbox[1] < 95] == [w.text for w in outside]
    assert " ".join(w.text for w in words if w.bbox[1] >= 95) == "согласно с нашими предложениями."


def test_letter_spaced_word_read_again_with_its_spacing_squeezed_out():
    image = _typed(["Ф И Л И П П О В У.", "ФИЛИППОВУ."])
    char_width = 25.2  # the face's advance at 42 px
    spaced = Word("ФИЛИППНПОВУ.", (60, 30, 450, 45), 39.0)  # as page segmentation reads it
    plain = Word("ФИЛИППОВУ.", (60, 100, 250, 45), 39.0)
    crop = lambda w: image[w.bbox[1] - 8:w.bbox[1] + w.bbox[3] + 8, w.bbox[0] - 8:w.bbox[0] + w.bbox[2] + 8]  # noqa: E731
    assert letter_spaced(crop(spaced), 11, char_width) and not letter_spaced(crop(plain), 9, char_width)
    tail = Word("У.", (440, 28, 50, 50), 0.0)  # Tesseract boxes the last letters twice now and then
    again = reread_spaced(image, [spaced, tail, plain], char_width, "rus")
    assert again[0].text == "ФИЛИППОВУ." and again[0].bbox == spaced.bbox and again[0].confidence > 39.0
    assert again[1:] == [plain]


def test_letter_spaced_word_split_in_two_is_read_again_as_one():
    image = _typed(["М О Л О Т О В У.", "Министр заявил"])
    pieces = [Word("МОЛОТО", (60, 30, 277, 45), 41.0), Word("ВУ.", (362, 30, 101, 45), 30.0)]  # as page segmentation split it
    plain = read_box(image, (0, 90, image.shape[1], 70), "rus", psm=7)  # plain words a word's gap apart stay as read
    again = reread_spaced(image, pieces + plain, 25.2, "rus")
    assert again[0].text == "МОЛОТОВУ." and again[0].bbox == (60, 30, 403, 45)
    assert again[1:] == plain


def test_letter_spaced_word_with_a_letter_left_unboxed_between_its_pieces():
    image = _typed(["М О Л О Т О В У."])
    pieces = [Word("МОЛОТОВ", (60, 30, 277, 45), 0.0), Word("У.", (413, 30, 50, 45), 0.0)]  # В at 362 in neither box
    again = reread_spaced(image, pieces, 25.2, "rus")
    assert [w.text for w in again] == ["МОЛОТОВУ."]


def test_a_part_tesseract_dies_on_is_left_as_read(monkeypatch, caplog):
    from ocr.errors import ExternalToolError
    from ocr.exec import tesseract

    def dies(*args, **kwargs):
        raise ExternalToolError("tesseract failed (status -8): Image too small to scale!!", "check the image")

    monkeypatch.setattr(tesseract, "image_to_data", dies)
    assert read_box(_typed(["N 665"]), (0, 0, 40, 40), "rus", psm=7) == []
    assert "not read again" in caplog.text


def test_a_vertical_rule_beside_the_typing_is_not_read_as_a_word():
    image = np.array(_typed(["Министр заявил, что правительство"]))
    image[10:100, 30:34] = 0  # a rule (or the page's edge) just left of the line, as on a filed page
    raw = tesseract.image_to_data(image, "rus", psm=7)
    assert "|" in raw["text"]  # what Tesseract makes of it
    assert [w.text for w in words_from_data(raw)] == ["Министр", "заявил,", "что", "правительство"]
