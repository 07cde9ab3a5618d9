"""Every input form becomes pages: PDF, multi-page TIFF, PNG/JPEG, a folder of page images."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from ocr import load
from ocr.errors import InputError


def _page(value: int) -> Image.Image:
    return Image.fromarray(np.full((120, 90, 3), value, np.uint8))


def test_png_jpeg_keep_dpi(tmp_path):
    _page(200).save(tmp_path / "a.png", dpi=(200, 200))
    _page(100).save(tmp_path / "b.jpg", dpi=(400, 400))
    assert load.load_page(load.open_document(tmp_path / "a.png").pages[0]).dpi == 200
    page = load.load_page(load.open_document(tmp_path / "b.jpg").pages[0])
    assert page.dpi == 400 and page.image.shape == (120, 90, 3)


def test_multipage_tiff_and_pdf(tmp_path):
    pages = [_page(v) for v in (10, 120, 240)]
    pages[0].save(tmp_path / "doc.tif", save_all=True, append_images=pages[1:], dpi=(300, 300))
    pages[0].save(tmp_path / "doc.pdf", save_all=True, append_images=pages[1:], resolution=100)
    tif = load.open_document(tmp_path / "doc.tif")
    assert [load.load_page(r).image[0, 0, 0] for r in tif.pages] == [10, 120, 240]
    pdf = load.open_document(tmp_path / "doc.pdf")
    assert len(pdf.pages) == 3
    second = load.load_page(pdf.pages[1], dpi=200)
    assert second.dpi == 200 and second.image.shape[:2] == (240, 180)
    assert abs(int(second.image[50, 50, 0]) - 120) <= 2


def test_folder_of_pages_is_one_document_in_natural_order(tmp_path):
    folder = tmp_path / "scans" / "telegram-7"
    folder.mkdir(parents=True)
    for number, value in ((10, 30), (2, 20), (1, 10)):
        _page(value).save(folder / f"page-{number}.png")
    (tmp_path / "scans" / "loose.png").write_bytes((folder / "page-1.png").read_bytes())
    found = load.discover(tmp_path / "scans")
    assert [p.name for p in found] == ["loose.png", "telegram-7"]
    document = load.open_document(folder)
    assert document.document_id == "telegram-7"
    assert [load.load_page(r).image[0, 0, 0] for r in document.pages] == [10, 20, 30]


def test_bad_inputs_raise_input_errors(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG nothing")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    for name in ("broken.pdf", "broken.png", "notes.docx"):
        with pytest.raises(InputError):
            load.open_document(tmp_path / name)


def test_document_id_is_sanitised(tmp_path):
    assert load.document_id(tmp_path / "Шифртелеграмма 1950 (копия).pdf") == "Shifrtelegramma_1950_kopiia"
    assert load.document_id(tmp_path / "ok-name_1.2.pdf") == "ok-name_1.2"


def test_a_page_travels_by_reference_and_a_changed_file_is_refused(tmp_path):
    from PIL import Image

    from ocr.errors import InputError

    path = tmp_path / "scan.png"
    Image.new("L", (40, 30), 255).save(path)
    document = load.open_document(path)
    (ref,) = document.pages
    assert ref.sha256 == document.sha256 and load.load_page(ref).image.shape == (30, 40, 3)
    Image.new("L", (40, 31), 200).save(path)  # replaced after it was opened (a copy still running)
    with pytest.raises(InputError, match="changed since it was opened"):
        load.load_page(ref)
