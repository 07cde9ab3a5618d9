"""Re-reading what Tesseract's page segmentation left out (real Tesseract on typed lines)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ocr.recognize import read_box, reread_block, reread_partial_lines, unread_ends
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
