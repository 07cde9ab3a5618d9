"""preprocess_page and recognize_page end to end with real Tesseract: orientation and mapping back to the scan."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.preprocess import PreprocessSettings, preprocess_page
from ocr.preprocess.geometry import rotate_quarter, rotate_small
from ocr.recognize import OcrSettings, recognize_page
from tests.builders import render_page

MARK = (1000, 60, 60, 60)  # x, y, w, h of a filled square in the upright page's top-right corner


def upright_page() -> np.ndarray:
    page = render_page()
    x, y, w, h = MARK
    page[y:y + h, x:x + w] = 0
    return page


def find_mark(gray: np.ndarray) -> tuple[int, int, int, int]:
    """Box of the one solid square: the only place a mark-sized window is all ink."""
    ink = (gray < 128).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink)
    solid = [s for s in stats[1:] if s[4] > 0.8 * s[2] * s[3] and s[2] > 40 and s[3] > 40]
    assert len(solid) == 1
    return tuple(int(v) for v in solid[0][:4])


@pytest.mark.parametrize(("turned", "expected"), [(180, 180), (90, 270), (0, 0)])
def test_turned_page_comes_back_upright_and_maps_back(turned, expected):
    scan, _ = rotate_quarter(upright_page(), turned)
    scan, _ = rotate_small(scan, 1.2)
    prepared = preprocess_page(scan)
    # Preprocessing settles sideways pages; upright against upside down is recognition's to settle.
    assert prepared.rotation == (expected if expected in (90, 270) else 0)
    words, result = recognize_page(prepared, OcrSettings(lang="eng"))
    assert result.rotation == expected
    assert sum(w.text in ("COMMITTEE", "TELEGRAPH") for w in words) >= 10
    assert result.skew_deg == pytest.approx(1.2, abs=0.1)
    found = find_mark(result.image)
    assert found[:2] == pytest.approx(MARK[:2], abs=60)  # upright again, give or take the deskew canvas growth
    mark_in_scan = find_mark(cv2.cvtColor(scan, cv2.COLOR_BGR2GRAY))
    assert result.map_box_to_original(found) == pytest.approx(mark_in_scan, abs=4)
    # The grey page before binarisation is kept in the same frame, turned with the page.
    assert result.grey.shape == result.image.shape
    assert find_mark(result.grey)[:2] == pytest.approx(found[:2], abs=2)
    # Boxes of the scan (plain Tesseract's reading of it) come into the page's frame.
    assert result.map_box_from_original(mark_in_scan) == pytest.approx(found, abs=4)


def test_grey_page_is_kept_only_when_the_page_is_binarised():
    scan = upright_page()
    prepared = preprocess_page(scan, PreprocessSettings(binarize="otsu"))
    assert set(np.unique(prepared.image)) == {0, 255}
    assert len(np.unique(prepared.grey)) > 100  # the ink's edges keep their shading
    assert preprocess_page(scan, PreprocessSettings(binarize="none")).grey is None


def test_ablation_switches_off_every_step_once():
    from dataclasses import fields

    from ocr.bench.ablation import ablation_variants
    from ocr.settings import Settings

    variants = ablation_variants(Settings())
    flags = [f.name for f in fields(PreprocessSettings)]
    assert list(variants) == ["all steps", *(f"no {name}" for name in flags), "binarize otsu", "binarize sauvola",
                              "binarize masked", "no body re-read", "no correction"]
    assert variants["no binarize"].preprocess.binarize == "none"
    assert variants["binarize masked"].preprocess.binarize == "masked" and variants["no body re-read"].ocr.body_psm is None
    assert variants["no correction"].correct is False
    assert all(getattr(variants[f"no {name}"].preprocess, name) in (False, "none") for name in flags)


def test_an_upright_pages_typing_is_found_once_for_height_orientation_and_skew(monkeypatch):
    from ocr.preprocess import deskew

    found = []
    real = deskew.text_mask
    monkeypatch.setattr(deskew, "text_mask", lambda small: found.append(small.shape) or real(small))
    page = preprocess_page(rotate_small(upright_page(), 1.5)[0])
    assert len(found) == 1 and page.rotation == 0 and page.skew_deg == pytest.approx(1.5, abs=0.1)
    found.clear()
    assert preprocess_page(rotate_quarter(upright_page(), 90)[0]).rotation == 270 and len(found) == 2  # turned: found again
