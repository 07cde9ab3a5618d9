"""Bad and odd input files: each gives a clear InputError (what is wrong, what to do) or a page read right."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from PIL import Image

from ocr import load
from ocr.compare.references import read_reference
from ocr.document import assemble_document
from ocr.errors import InputError
from ocr.page import process_page
from tests import hostile_inputs as make

TRUNCATED_HINT = "an upload cut short? copy it again"


def _error(path, stage: str = "open") -> InputError:
    """The InputError a file raises when it is opened (``open``) or its first page decoded (``page``)."""
    with pytest.raises(InputError) as caught:
        document = load.open_document(path)
        if stage == "page":
            load.load_page(document.pages[0], dpi=50)
    return caught.value


@pytest.mark.parametrize(("name", "stage", "message", "hint"), [
    ("empty.pdf", "open", "empty.pdf is empty (0 bytes)", "copy the file again"),
    ("empty.png", "open", "empty.png is empty (0 bytes)", "copy the file again"),
    ("cut.pdf", "open", "cut.pdf is not a readable PDF: Syntax Error", TRUNCATED_HINT),
    ("cut.jpg", "page", "cut.jpg: page 1 cannot be decoded: image file is truncated", TRUNCATED_HINT),
    ("cut.png", "page", "cut.png: page 1 cannot be decoded: image file is truncated", TRUNCATED_HINT),
    ("cut.tif", "page", "cut.tif: page 1 cannot be decoded: image file is truncated", TRUNCATED_HINT),
    ("notes.pdf", "open", "notes.pdf is not a readable PDF", TRUNCATED_HINT),
    ("noise.png", "open", "noise.png is not a readable image: cannot identify image file", TRUNCATED_HINT),
    ("locked.pdf", "open", "locked.pdf is encrypted: it needs a password to open", "qpdf --decrypt"),
    ("no-pages.pdf", "open", "no-pages.pdf has no pages", "scan it again"),
    ("bomb.png", "open", "bomb.png is larger than 400 million pixels: refused before decoding", "300 dpi is enough"),
])
def test_bad_file_gives_an_input_error_saying_what_to_do(tmp_path, name, stage, message, hint):
    error = _error(make.BAD_FILES[name](tmp_path / name), stage)
    assert str(error.args[0]).startswith(message)
    assert hint in error.hint


def test_decompression_bomb_is_refused_even_when_another_library_lifts_pillows_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    error = _error(make.bomb_png(tmp_path / "bomb.png", 30_000, 20_000))
    assert error.args[0].startswith("bomb.png is larger than 400 million pixels")


def test_random_bytes_under_every_image_suffix_are_refused(tmp_path):
    for suffix in (".png", ".jpg", ".tif"):
        error = _error(make.random_bytes(tmp_path / f"noise{suffix}"))
        assert error.args[0].startswith(f"noise{suffix} is not a readable image")


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    document = load.open_document(make.pdf(tmp_path / "owner.pdf", owner_password="owner"))
    page = load.load_page(document.pages[0], dpi=72)
    assert len(document.pages) == 1 and page.image.shape == (100, 200, 3) and page.image.min() == 255


def test_pdf_page_too_large_to_rasterise_is_refused_before_rendering(tmp_path):
    path = make.pdf(tmp_path / "poster.pdf", page_points=(14_400, 14_400))  # 200 × 200 inches
    with pytest.raises(InputError, match=r"page 1 would be 3600 million pixels at 300 dpi, more than the limit of 400"):
        load.load_page(load.open_document(path).pages[0], dpi=300)


def test_two_thousand_page_pdf_is_opened_and_read_one_page_at_a_time(tmp_path):
    """2,000 pages: counted without rendering, then any page rendered alone within a few MB of Python memory."""
    path = make.pdf(tmp_path / "volume.pdf", pages=2000)
    tracemalloc.start()
    try:
        document = load.open_document(path)
        last = load.load_page(document.pages[-1], dpi=72)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(document.pages) == 2000 and document.pages[-1].number == 2000
    assert last.image.shape == (100, 200, 3)
    assert peak < 5_000_000  # bytes: the page refs and one small page, never the whole PDF


def test_ten_thousand_pixel_wide_image_loads_whole(tmp_path):
    Image.new("L", (10_000, 300), 255).save(tmp_path / "strip.png")
    page = load.load_page(load.open_document(tmp_path / "strip.png").pages[0])
    assert page.image.shape == (300, 10_000, 3)


def _pixel(image: Image.Image, tmp_path, name: str, **save) -> np.ndarray:
    image.save(tmp_path / name, **save)
    return load.load_page(load.open_document(tmp_path / name).pages[0]).image


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path):
    grey = np.full((40, 60), 40_000, np.uint16)
    grey[10:20, 10:20] = 5_000  # dark ink
    image = _pixel(Image.fromarray(grey), tmp_path, "deep.png")
    assert image[0, 0].tolist() == [155] * 3 and image[15, 15].tolist() == [19] * 3


def test_cmyk_palette_and_alpha_images_become_rgb_on_white(tmp_path):
    cmyk = _pixel(Image.new("CMYK", (40, 30), (0, 0, 0, 255)), tmp_path, "cmyk.jpg")
    assert cmyk.max() < 20  # full black ink
    palette = _pixel(Image.new("RGB", (40, 30), (10, 20, 200)).convert("P"), tmp_path, "palette.png")
    assert abs(int(palette[0, 0, 0]) - 200) <= 10  # BGR: blue first
    clear = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    clear.paste((0, 0, 0, 255), (0, 0, 10, 10))
    alpha = _pixel(clear, tmp_path, "alpha.png")
    assert alpha[20, 20].tolist() == [255] * 3 and alpha[5, 5].tolist() == [0] * 3  # paper white, ink black


def test_exif_rotated_photo_is_turned_upright(tmp_path):
    image = Image.new("RGB", (60, 40), "white")
    image.paste((0, 0, 0), (0, 0, 10, 10))  # a mark at the top left of the stored pixels
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: show the stored pixels rotated 90° clockwise
    upright = _pixel(image, tmp_path, "photo.jpg", exif=exif, quality=95)
    assert upright.shape == (60, 40, 3)
    assert upright[5, 35].max() < 60 and upright[5, 5].min() > 200  # the mark now at the top right


def test_jpeg_named_png_and_upper_case_suffixes_are_read(tmp_path):
    make.tiny_image(tmp_path / "real.jpg")
    (tmp_path / "photo.png").write_bytes((tmp_path / "real.jpg").read_bytes())
    (tmp_path / "real.jpg").unlink()
    make.tiny_image(tmp_path / "SCAN.TIF")
    make.pdf(tmp_path / "LETTER.PDF")
    found = load.discover(tmp_path)
    assert [p.name for p in found] == ["LETTER.PDF", "photo.png", "SCAN.TIF"]
    assert [load.load_page(load.open_document(p).pages[0], dpi=72).image.shape for p in found] == [
        (100, 200, 3), (48, 64, 3), (48, 64, 3)]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1251", "utf-16"])
def test_transcription_in_cp1251_or_with_a_byte_order_mark_is_read(tmp_path, encoding):
    text = "\n".join(make.LINES) + "\n"
    (tmp_path / "plain.txt").write_text(text, encoding="utf-8")
    (tmp_path / "other.txt").write_bytes(text.encode(encoding))
    assert read_reference(tmp_path / "other.txt").page_texts == read_reference(tmp_path / "plain.txt").page_texts
    assert read_reference(tmp_path / "other.txt").page_texts[0].startswith("Сообщаю о настроениях")


def test_transcription_in_no_known_encoding_is_refused(tmp_path):
    (tmp_path / "odd.txt").write_bytes(b"\x98\x98 not cp1251 either")
    with pytest.raises(InputError, match="neither UTF-8 nor Windows-1251") as caught:
        read_reference(tmp_path / "odd.txt")
    assert caught.value.hint == "save it as UTF-8 text"


def _read(path):
    document = load.open_document(path)
    return assemble_document(document, [process_page(ref) for ref in document.pages])


@pytest.mark.parametrize("size", [(1, 1), (900, 600)])
def test_tiny_or_blank_page_gives_a_warning_and_no_text(tmp_path, size):
    Image.new("RGB", size, "white").save(tmp_path / "blank.png", dpi=(300, 300))
    result = _read(tmp_path / "blank.png")
    assert result.pages[0].text == "" and result.body == "" and result.doc_type == "other"
    assert result.quality.warnings[0] == "page 1: no text found"


@pytest.mark.slow
def test_page_turned_sideways_is_read_upright(tmp_path):
    make.text_page().rotate(90, expand=True).save(tmp_path / "sideways.png", dpi=(300, 300))
    result = _read(tmp_path / "sideways.png")
    assert result.pages[0].rotation == 90 and "page 1: turned 90° to read it" in result.quality.warnings
    assert result.pages[0].text.startswith("Сообщаю о настроениях высказанных")


@pytest.mark.slow
def test_page_in_another_language_is_flagged_low_confidence_and_other(tmp_path):
    english = ("The quick brown fox jumps over", "the lazy dog while the committee", "discussed the harvest and trade")
    make.text_page(english).save(tmp_path / "english.png", dpi=(300, 300))
    result = _read(tmp_path / "english.png")
    assert result.doc_type == "other" and result.quality.mean_confidence < 60
    assert any(w.startswith("page 1: low mean confidence") for w in result.quality.warnings)
    assert "no form title or routing line found: not read as a cipher telegram" in result.quality.warnings
