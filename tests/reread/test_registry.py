"""Registry notes read again alone: a pen's note whole, its Roman month by the Latin model, a faint note on the grey margin."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ocr import registry
from ocr.assemble import header
from ocr.lines import Line, Role, Word
from ocr.reread import registry as registry_reread
from ocr.reread.registry import _with_margin, read_notes_again
from ocr.synth.fonts import Face, load_font


def test_a_hand_written_registry_note_is_read_again_whole():
    image = Image.new("L", (1400, 200), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), "N 561 / м. п. - 2. XI.", font=load_font(Face.HAND, 40), fill=0)
    routing = "Из ПЕКИНА № 8075 пол. 3 час. 06 мин. 1/11 19 53 г. экз. № 11"
    draw.text((60, 130), routing, font=load_font(Face.TYPE, 30), fill=0)
    page = np.asarray(image)
    ink = np.argwhere(page[:110] < 128)
    (y0, x0), (y1, x1) = ink.min(0), ink.max(0)
    read = Word("(561 /м. ни. - 2. Л.", (int(x0), int(y0), int(x1 - x0), int(y1 - y0)), 30.0)  # as page segmentation read it
    lines = [Line(read.text, Role.REGISTRATION, bbox=read.bbox, confidence=30.0, words=[read]), Line(routing, Role.ROUTING)]
    again = read_notes_again(page, lines, "rus")
    assert registry.registry_note(again[0].text, 11) == "N 561 / м. п. - 2. XI."
    assert again[1] is lines[1]


def test_a_pens_roman_month_is_read_in_latin_figures():
    """The Cyrillic model reads a pen's ``VI`` as ``9`` (it holds no Latin letters); the note's figures,
    read again by the Latin model kept to figures, give it."""
    image = Image.new("L", (1400, 120), 255)
    ImageDraw.Draw(image).text((60, 40), "N 174 / м. п. - 14. VI.", font=load_font(Face.HAND, 40), fill=0)
    page = np.asarray(image)
    ink = np.argwhere(page < 128)
    (y0, x0), (y1, x1) = ink.min(0), ink.max(0)
    read = Word("(174 /м. п. - 14.9.", (int(x0), int(y0), int(x1 - x0), int(y1 - y0)), 68.0)  # as the page read it
    routing = "Из ПЕКИНА № 8075 пол. 3 час. 06 мин. 12/6 19 53 г. экз. № 11"
    lines = [Line(read.text, Role.REGISTRATION, bbox=read.bbox, confidence=68.0, words=[read]), Line(routing, Role.ROUTING)]
    again = read_notes_again(page, lines, "rus")
    assert again[0].text == "N 174 / м. п. - 14. VI."


def test_a_faint_note_the_threshold_lost_is_read_on_the_grey_margin():
    """A faint typed note the page's binarisation wiped out is read again on the grey page above the title;
    a resolution written across the margin beside it is read there too, but never kept as a note."""
    image = Image.new("L", (1600, 260), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), "См. изв. № 1339 (ссылка № 18)", font=load_font(Face.TYPE, 30), fill=150)
    draw.text((900, 30), "Ознакомить", font=load_font(Face.HAND, 44), fill=60)
    draw.text((500, 170), "Шифртелеграмма", font=load_font(Face.TYPE, 50), fill=0)
    grey = np.asarray(image)
    binary = np.where(grey < 128, 0, 255).astype(np.uint8)  # the note (ink 150) gone, the resolution kept
    title = Line("Шифртелеграмма", Role.FORM_TITLE, bbox=(500, 170, 600, 60), confidence=90.0)
    again = read_notes_again(binary, [title], "rus", grey)
    assert [line.text for line in again if line.role is Role.REGISTRATION] == ["См. изв. № 1339 (ссылка № 18)"]
    assert again[-1] is title


def test_a_note_the_margin_reads_no_better_is_kept_to_give_back():
    """A clean page's undated note (no whole note's shape): the grey margin reads it as the page did, across a speck
    beside it; that reading stands in its place only to be proven whole, and holds the page's line to give back."""
    box = (60, 40, 280, 36)
    note = Line("М 728 / м. п.", Role.REGISTRATION, bbox=box, confidence=95.0, words=[Word("М 728 / м. п.", box, 95.0)])
    title = Line("Шифртелеграмма", Role.FORM_TITLE, bbox=(500, 210, 600, 60), confidence=90.0)
    piece = [Word("М", (60, 40, 30, 36), 90.0), Word("728", (100, 40, 70, 36), 90.0), Word("/", (180, 40, 10, 36), 90.0),
             Word("м.", (200, 40, 40, 36), 90.0), Word("п.", (250, 40, 40, 36), 90.0), Word(".", (520, 50, 8, 8), 40.0)]
    kept, unproven = _with_margin([note, title], [piece], None)
    assert kept[0].text == "М 728 / м. п. ." and unproven == {0: [note]}



def test_a_bare_number_only_the_margin_found_is_kept_when_its_readings_agree():
    """A faint bare file number the page's threshold lost (as on s5000 tg-05015's heavy scan): the grey margin reads
    ``995``, no note's whole shape; most of its readings in figures give 995 too, so it is kept."""
    image = Image.new("L", (1600, 260), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), "995", font=load_font(Face.TYPE, 40), fill=150)
    draw.text((500, 170), "Шифртелеграмма", font=load_font(Face.TYPE, 50), fill=0)
    grey = np.asarray(image)
    binary = np.where(grey < 128, 0, 255).astype(np.uint8)
    title = Line("Шифртелеграмма", Role.FORM_TITLE, bbox=(500, 170, 600, 60), confidence=90.0)
    notes = [line for line in read_notes_again(binary, [title], "rus", grey) if line.role is Role.REGISTRATION]
    assert [line.text for line in notes] == ["995"]


def test_a_bare_number_read_with_a_speck_is_as_sure_as_its_readings_agree():
    """A pen's bare file number the page read with a speck beside it at a confidence of noise (s5000 tg-05010's
    ``186  °``): its readings in figures give 186, which is kept as sure as the share of them that agree."""
    image = Image.new("L", (600, 120), 255)
    ImageDraw.Draw(image).text((60, 40), "186", font=load_font(Face.HAND, 44), fill=0)
    page = np.asarray(image)
    ink = np.argwhere(page < 128)
    (y0, x0), (y1, x1) = ink.min(0), ink.max(0)
    box = (int(x0), int(y0), int(x1 - x0) + 30, int(y1 - y0))
    read = Line("186  °", Role.REGISTRATION, bbox=box, confidence=25.0, words=[Word("186  °", box, 25.0)])
    again = read_notes_again(page, [read], "rus")
    assert again[0].text == "186" and header(again).registration_marks == ["186"]


def test_a_margin_the_page_read_whole_is_not_read_again(monkeypatch):
    """A typed note the page read whole, nothing else in the margin: the grey margin has nothing to add, and is read
    again only once a faint mark no word covers stands there."""
    image = Image.new("L", (1600, 260), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), "См. изв. № 1339 (ссылка № 18)", font=load_font(Face.TYPE, 30), fill=0)
    draw.text((500, 170), "Шифртелеграмма", font=load_font(Face.TYPE, 50), fill=0)
    ink = np.argwhere(np.asarray(image)[:120] < 128)
    (y0, x0), (y1, x1) = ink.min(0), ink.max(0)
    box = (int(x0), int(y0), int(x1 - x0), int(y1 - y0))
    note = Line("См. изв. № 1339 (ссылка № 18)", Role.REGISTRATION, bbox=box, confidence=90.0,
                words=[Word("См. изв. № 1339 (ссылка № 18)", box, 90.0)])
    title = Line("Шифртелеграмма", Role.FORM_TITLE, bbox=(500, 170, 600, 60), confidence=90.0,
                 words=[Word("Шифртелеграмма", (500, 170, 600, 60), 90.0)])
    read = []
    monkeypatch.setattr(registry_reread, "margin_readings", lambda grey, lines, lang: read.append(1) or [])
    grey = np.asarray(image)
    read_notes_again(grey, [note, title], "rus", grey)
    assert read == []
    draw.text((900, 30), "Ознакомить", font=load_font(Face.HAND, 44), fill=170)  # a faint resolution beside it
    grey = np.asarray(image)
    read_notes_again(np.where(grey < 128, 0, 255).astype(np.uint8), [note, title], "rus", grey)
    assert read == [1]
