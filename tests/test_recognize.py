"""Re-reading what Tesseract's page segmentation left out (real Tesseract on typed lines)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr.exec import tesseract
from ocr.lines import Word
from ocr.recognize import OcrSettings, believed_score, read_box, reading_score, recognize, words_from_data
from ocr.reread.blocks import letter_spaced, reread_block, reread_partial_lines, reread_spaced, unread_ends
from ocr.synth.fonts import Face, load_font
from tests.builders import prepared


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


def test_parts_read_in_one_run_read_as_each_alone(monkeypatch):
    from ocr.exec import tesseract
    from ocr.recognize import read_boxes

    image = _typed(["Министр заявил, что правительство", "согласно с нашими предложениями.", "N 665 / м. п. - 2. XI."])
    boxes = [(0, 10 + 70 * k, image.shape[1], 70) for k in range(3)] + [(40, 20, 0, 40)]  # the last one empty
    alone = [read_box(image, box, "rus", psm=7) for box in boxes]
    runs = []
    monkeypatch.setattr(tesseract, "RUNNER", lambda args, stdin, timeout: runs.append(stdin[:4]) or tesseract._subprocess_runner(args, stdin, timeout))
    together = read_boxes(image, boxes, "rus", psm=7)
    assert together == alone and together[3] == [] and "нашими" in " ".join(w.text for w in together[1])
    assert runs == [b"II*\x00"]  # one run of Tesseract, on a TIFF of the three parts


def test_a_part_tesseract_dies_on_among_others_loses_only_its_own_reading(monkeypatch):
    from ocr.errors import ExternalToolError
    from ocr.exec import tesseract
    from ocr.recognize import read_crops

    runs = []

    def one(image):  # dies on the 3-px sliver, and on it enlarged; else one word, the image's width
        if image.shape[1] < 10:
            raise ExternalToolError("tesseract crashed (signal 8) on this image", "")
        return {"level": [5], "page_num": [1], "block_num": [1], "par_num": [1], "line_num": [1], "word_num": [1],
                "left": [0], "top": [0], "width": [image.shape[1]], "height": [10], "conf": [90.0], "text": ["w"]}

    def reads(images, lang, psm, extra=None):  # a run of several: dies with any of them
        runs.append(len(images))
        return [one(image) for image in images]

    def reads_one(image, lang, psm, extra=None):  # a crop read alone, enlarged: runs noted by its width
        runs.append(f"{image.shape[1]} px")
        return one(image)

    monkeypatch.setattr(tesseract, "images_to_data", reads)
    monkeypatch.setattr(tesseract, "image_to_data", reads_one)
    crops = [np.zeros((20, width), np.uint8) for width in (40, 41, 3, 43, 44)]
    found = read_crops(crops, "rus", psm=7)
    assert [[w.bbox[2] for w in words] for words in found] == [[40], [41], [], [43], [44]]
    assert runs == [5, 2, 3, 1, "4 px", "6 px", 2]  # all, then halves of the run that died (the sliver alone, then enlarged twice)


FIGURES = "0123456789IVX./-"


def test_a_part_tesseract_dies_on_is_read_enlarged():
    # A real crop Tesseract 5 (Debian 12's) dies on with SIGFPE at its size, read as registry figures are (a heavy
    # tuning page's registration note, seed 1000).
    from ocr.errors import ExternalToolError
    from ocr.recognize import read_crops

    crop = cv2.imread(str(Path(__file__).parent / "resources" / "recognize" / "crashes-tesseract.png"), cv2.IMREAD_GRAYSCALE)
    with pytest.raises(ExternalToolError, match="signal 8"):
        tesseract.image_to_data(crop, "eng", psm=7, extra={"tessedit_char_whitelist": FIGURES})
    words, = read_crops([crop], "eng", psm=7, extra={"tessedit_char_whitelist": FIGURES})
    assert words and all(0 <= w.bbox[0] and w.bbox[0] + w.bbox[2] <= crop.shape[1] + 2 for w in words)


def test_a_page_the_re_reads_leave_as_read_is_laid_out_once(monkeypatch):
    from ocr import layout
    from ocr.recognize import OcrSettings, standing_ink
    from ocr.reread.blocks import read_again

    image = _typed(["Министр заявил, что правительство согласно."])
    words = read_box(image, (0, 0, image.shape[1], image.shape[0]), "rus", psm=7)
    page = prepared(image, standing=standing_ink(image, words))
    calls = []
    real = layout.parse_page
    monkeypatch.setattr(layout, "parse_page", lambda *args: calls.append(args) or real(*args))
    lines = read_again(page, words, 1, OcrSettings())
    assert [line.text for line in lines] == [" ".join(w.text for w in words)] and len(calls) == 1


def test_a_vertical_rule_beside_the_typing_is_not_read_as_a_word():
    image = np.array(_typed(["Министр заявил, что правительство"]))
    image[10:100, 30:34] = 0  # a rule (or the page's edge) just left of the line, as on a filed page
    raw = tesseract.image_to_data(image, "rus", psm=7)
    assert "|" in raw["text"]  # what Tesseract makes of it
    assert [w.text for w in words_from_data(raw)] == ["Министр", "заявил,", "что", "правительство"]


def test_a_sliver_too_small_for_tesseract_is_not_sent_to_it(monkeypatch):
    from ocr.exec import tesseract
    from ocr.recognize import read_crops

    sent = []
    monkeypatch.setattr(tesseract, "images_to_data", lambda images, lang, psm, extra=None: sent.append([i.shape for i in images]) or
                        [{key: [] for key in tesseract.TSV_COLUMNS} for _ in images])
    crops = [np.zeros((36, 2), np.uint8), np.zeros((20, 40), np.uint8), np.zeros((2, 40), np.uint8)]
    assert read_crops(crops, "rus", psm=7) == [[], [], []]
    assert sent == [[(20, 40)]]  # a 2-px-wide crop Tesseract cannot scale ("Image too small to scale") is read as nothing


def test_a_dash_typed_between_words_is_kept_from_the_block_reading_and_specks_are_not():
    from ocr.reread.blocks import typed_dash

    # As the message's block reading read them on a moderate tuning page (typing 20-27 px high): the dash of
    # ``Причины - недостаток`` at 39, a speck, a fold's stretch of line.
    assert typed_dash(Word("-", (1204, 705, 16, 2), 39.0), 24.0)
    assert typed_dash(Word("—", (1416, 327, 16, 2), 58.0), 24.0)
    assert not typed_dash(Word("-", (500, 300, 6, 5), 30.0), 24.0)
    assert not typed_dash(Word("—", (100, 900, 400, 3), 20.0), 24.0)
    assert not typed_dash(Word("‹", (500, 300, 16, 3), 30.0), 24.0)


def test_a_reading_of_words_no_dictionary_holds_is_believed_less():
    """A heavy tuning page turned half round read at confidence 68 as ``нироЯи``, ``енаазиен``: its long
    words unknown, the reading counts for nothing; an upright reading with some words misread counts in full."""
    def words(texts: str, confidence: float = 68.0) -> list[Word]:
        return [Word(t, (0, 0, 10, 10), confidence) for t in texts.split()]

    upside_down = words("нироЯи я и ханозьА 2 енаазиен Я Я оп иольои")
    assert reading_score(upside_down) == 68.0 and believed_score(upside_down) == 0.0
    upright = words("Газеты опубликовали на первых странниах сообщение ТАСС о заключении соглашения")
    assert believed_score(upright) == reading_score(upright) == 68.0
    # Latin pages (the real EHRI pages, read in their language) and near-blank ones are not judged by it
    assert believed_score(words("Sehr geehrter Herr Doktor")) == 68.0
    assert believed_score(words("12 экз. нб")) == 68.0


def test_a_page_tesseract_reads_empty_is_read_on_its_typings_box(monkeypatch):
    """Tesseract's layout analysis gives up on some pages of clear typing framed by dark bars (``Empty
    page!!``): the typing's own box is read then, its words placed back on the page."""
    page = np.full((900, 700), 255, np.uint8)
    draw = ImageDraw.Draw(image := Image.fromarray(page))
    draw.text((150, 400), "товарищем Сталиным", font=load_font(Face.TYPE, 40), fill=0)
    page = np.asarray(image)
    calls = []
    real = tesseract.image_to_data

    def empty_on_the_whole_page(image, lang, psm, extra=None):
        calls.append(image.shape)
        return real(image, lang, psm=psm, extra=extra) if len(calls) > 1 else {key: [] for key in tesseract.TSV_COLUMNS}

    monkeypatch.setattr(tesseract, "image_to_data", empty_on_the_whole_page)
    words = recognize(page, OcrSettings())
    assert calls[0] == page.shape and calls[1][0] < page.shape[0] and calls[1][1] < page.shape[1]
    assert [w.text for w in words] == ["товарищем", "Сталиным"] and 140 <= words[0].bbox[0] <= 160


def test_lines_beside_the_pages_dark_edge_are_found_and_read_without_it():
    """A heavy tuning page (seed 8008, page 1: a carbon copy, a dark strip of the scanner bed down its left edge)
    read nothing below the form's routing line: the edge inked every row, the lines the page reading left out made
    one run of ink too tall to be lines, and a strip read across the edge read nothing."""
    from ocr.recognize import cleared, standing_ink, strip_box, unread_bands

    image = np.array(_typed(["Министр заявил, что правительство", "согласно с нашими предложениями."] * 4))
    image[:, 4:16] = 40  # the scanner bed's dark strip, down the whole page
    first = read_box(image, (0, 0, image.shape[1], 95), "rus", psm=7)  # the page reading kept the first line only
    ink = standing_ink(image, first)
    assert not ink[:, 4:16].any() and ink[30:80, 60:1000].any()
    bands = unread_bands(ink, first)
    assert len(bands) == 7  # each line left out, not one run from the first line to the page's foot
    clear = cleared(image, ink)
    assert (clear[:, 4:16] == 255).all() and (clear[:, 16:] == image[:, 16:]).all()
    assert " ".join(w.text for w in read_box(clear, strip_box(ink, bands[0]), "rus", psm=6)) == "согласно с нашими предложениями."
    assert len([w for w in recognize(image) if w.text == "правительство"]) == 4
    plain = np.array(_typed(["Министр заявил, что правительство"]))
    assert cleared(plain, standing_ink(plain, first)) is plain  # a page without such strokes is read as it was
    assert cleared(image, standing_ink(image, [])) is image  # nor one without words to measure a stroke by


def test_a_stamps_upright_strokes_stand_and_a_broken_fold_runs_down_the_page():
    """The moderate sample (page 1) read rows under an ink stamp worse once every stroke longer than three letters
    was taken for the page's edge: a registry stamp's frame and a seal ring's sides crossing the typing were made
    paper with the letters under them. Only strokes lining up over a quarter of the page run down it: a fold does,
    even broken by the scan."""
    from ocr.recognize import standing_ink

    image = np.array(_typed(["Министр заявил, что правительство", "согласно с нашими предложениями."] * 8))
    words = read_box(image, (0, 0, image.shape[1], image.shape[0]), "rus", psm=6)
    letter = int(np.median([w.bbox[3] for w in words]))
    image[100:100 + 5 * letter, 700:704] = 0  # a stamp frame's side over two lines: upright, five letters tall
    for top in range(0, image.shape[0], 5 * letter):  # a fold, its line broken every four letters
        image[top:top + 4 * letter, 1200:1203] = 0
    ink = standing_ink(image, words)
    assert ink[100:100 + 5 * letter, 700:704].all()
    assert not ink[:, 1200:1203].any()


def test_a_reading_that_leaves_most_of_the_pages_ink_unread_is_believed_less(monkeypatch):
    """A heavy tuning page upside down (seed 7011, page 2) read as found: the page reading found almost nothing,
    strips of it read a few words of junk at 60-90 (0.05 of its ink inside their boxes); that reading, confident,
    was not compared with the page turned."""
    from ocr import recognize as module
    from ocr.recognize import READ_SHARE, read_share, recognize_page, standing_ink

    image = np.array(_typed(["Министр заявил, что правительство", "согласно с нашими предложениями."] * 3))
    words = read_box(image, (0, 0, image.shape[1], image.shape[0]), "rus", psm=6)
    ink = standing_ink(image, words)
    assert read_share(ink, words) > 0.9
    assert read_share(ink, words[:2]) < READ_SHARE
    assert read_share(ink, []) == 0.0

    page = prepared(image)  # orientation off: read once, as found
    scores = []
    monkeypatch.setattr(module, "read_upright", lambda page, read: scores.append((found := read(page.image))[1]) or (found[0], page))
    for kept in (words, words[:2]):
        monkeypatch.setattr(module, "_read_page", lambda image, settings, kept=kept: (kept, ink, []))
        assert recognize_page(page)[1].standing is ink  # found once, for the steps after the page reading
    assert scores[0] == believed_score(words)
    assert scores[1] == pytest.approx(believed_score(words[:2]) * read_share(ink, words[:2]) / READ_SHARE)


def test_a_line_set_right_and_left_out_is_read_in_a_strip_without_a_speck_far_left_or_the_pages_edge():
    # s5000 heavy tuning tg-05000, page 1 as preprocessed (rows 380-600): ``Секретно`` small and bold right above
    # ``СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ``, ``Подлежит возврату`` below, a speck far left, the page's dashed edge right. The
    # page reading left the lines out; their strips read across the page read nothing.
    from ocr.recognize import is_ink, strip_box

    image = cv2.imread(str(Path(__file__).parent / "resources" / "recognize" / "classification-above-handling-heavy.png"),
                       cv2.IMREAD_GRAYSCALE)
    ink = is_ink(image)
    for band, text in (((43, 77), "Секретно"), ((138, 166), "Подлежит возврату")):
        margin = (band[1] - band[0]) // 3
        assert read_box(image, (0, band[0] - margin, image.shape[1], band[1] - band[0] + 2 * margin), "rus", psm=6) == []
        x, y, w, h = strip_box(ink, band)
        assert 1550 < x < 1700 and 1880 < x + w < 1990 and (y, h) == (band[0] - margin, band[1] - band[0] + 2 * margin)
        assert " ".join(w.text for w in read_box(image, (x, y, w, h), "rus", psm=6) if w.text.isalpha()) == text


def test_a_strips_margins_take_in_no_other_lines_words():
    # s5000 heavy tuning tg-05015, page 1 as preprocessed (rows 480-700): ``Секретно`` small and bold right above
    # ``СНЯТИЕ КОПИЙ ВОСПРЕЩАЕТСЯ``, which the page reading read (its words' boxes below). The band of rows left unread
    # above it ran from row 51 to 119; its strip's margin took in the tops of the handling mark's letters, read as
    # ``ие о очнь`` instead of the classification.
    from ocr.recognize import band_strip, is_ink, read_crops, strip_box

    image = cv2.imread(str(Path(__file__).parent / "resources" / "recognize" / "classification-over-handling-heavy.png"),
                       cv2.IMREAD_GRAYSCALE)
    handling = [(1755, 121, 132, 58), (1910, 125, 107, 36), (2031, 125, 284, 50)]

    def read(others):
        strip, at = band_strip(image, strip_box(is_ink(image), (51, 119)), others)
        return " ".join(w.text for w in read_crops([strip], "rus", psm=6, offsets=[at])[0])

    assert "Секретно" not in read([])
    assert read(handling) == "Секретно"


def test_only_lines_the_strips_across_the_page_read_nothing_in_are_cut_to_their_ink(monkeypatch):
    # A line the page reading left out that its strip across the page reads gets no strip cut to its ink: a cut strip
    # only adds where nothing was read (inside a seal, one read its legend as believable capitals).
    from ocr import recognize as recognition

    image = _typed(["Министр заявил, что правительство", "согласно с нашими предложениями."])
    first = [w for w in recognition._page_words(image, OcrSettings()) if w.bbox[1] < 70]
    monkeypatch.setattr(recognition, "_page_words", lambda image, settings: first)
    words, page = recognition.recognize_page(prepared(image))
    # (``с``, one letter, is no believable word read in a strip)
    assert " ".join(w.text for w in words[len(first):]) == "согласно нашими предложениями."
    assert page.unread_strips == []
    assert recognition.read_cut_strips(page, words, []) == words
