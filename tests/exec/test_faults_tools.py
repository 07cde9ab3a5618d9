"""External programs that are missing, fail, are killed or hang: each becomes one of our errors saying what to do."""

from __future__ import annotations

import os
import stat

import numpy as np
import pytest

from ocr import load
from ocr.errors import ExternalToolError, MissingDependencyError
from ocr.exec import poppler, tesseract
from ocr.page import process_page
from tests import hostile_inputs as make

PAGE = np.full((60, 200), 255, np.uint8)


def _program(folder, name: str, script: str):
    """An executable shell script ``folder/name`` standing in for a real program."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def fake_tesseract(tmp_path, monkeypatch):
    """Replace the tesseract program by a script (after the real one has answered version and languages)."""
    tesseract.languages()

    def install(script: str) -> None:
        monkeypatch.setattr(tesseract, "PROGRAM", str(_program(tmp_path / "bin", "tesseract", script)))

    return install


@pytest.fixture
def no_cached_probe():
    tesseract.version.cache_clear()
    tesseract.languages.cache_clear()
    yield
    tesseract.version.cache_clear()
    tesseract.languages.cache_clear()


def test_tesseract_missing(monkeypatch, no_cached_probe):
    monkeypatch.setattr(tesseract, "PROGRAM", "/nonexistent/tesseract")
    with pytest.raises(MissingDependencyError, match="tesseract is not installed or not on PATH") as caught:
        tesseract.image_to_data(PAGE, "rus")
    assert "apt-get install tesseract-ocr tesseract-ocr-rus" in caught.value.hint and caught.value.exit_code == 3


def test_tesseract_language_data_missing():
    with pytest.raises(MissingDependencyError, match="Tesseract language data missing: xyz") as caught:
        tesseract.image_to_data(PAGE, "rus+xyz")
    assert caught.value.hint == "install it with: apt-get install tesseract-ocr-xyz"


def test_tesseract_killed_on_a_page(fake_tesseract):
    fake_tesseract("kill -9 $$")
    with pytest.raises(ExternalToolError, match=r"^tesseract was killed \(signal 9\)") as caught:
        tesseract.image_to_data(PAGE, "rus")
    assert "run with fewer --workers" in caught.value.hint


def test_tesseract_hanging_on_a_page_is_stopped_at_the_page_time_limit(fake_tesseract, tmp_path):
    fake_tesseract("exec sleep 60")
    make.text_page().save(tmp_path / "page.png")
    ref = load.open_document(tmp_path / "page.png").pages[0]
    # 10 s: preprocessing the page must fit inside the limit even on a loaded machine; the fake hangs for 60.
    with tesseract.time_limit(10), pytest.raises(ExternalToolError, match=r"did not finish in \d+ s and was stopped") as caught:
        process_page(ref)
    assert "TELEGRAMS_PAGE_TIMEOUT" in caught.value.hint


def test_page_time_limit_used_up_stops_the_next_call():
    with tesseract.time_limit(1e-9), pytest.raises(ExternalToolError, match="the page's time limit is used up"):
        tesseract.image_to_string(PAGE, "rus")
    assert tesseract._timeout(300) == 300  # outside the block, no limit but the call's own


@pytest.fixture
def fake_poppler(tmp_path, monkeypatch):
    """A PATH whose ``pdftoppm`` is a script (``None``: absent); the real ``pdfinfo`` stays."""
    folder = tmp_path / "poppler"
    folder.mkdir()
    (folder / "pdfinfo").symlink_to("/usr/bin/pdfinfo")
    monkeypatch.setenv("PATH", str(folder))

    def install(script: str | None) -> None:
        if script is not None:
            _program(folder, "pdftoppm", script)

    return install


def _rasterise(tmp_path):
    return poppler.rasterise(make.pdf(tmp_path / "letter.pdf"), 1, 72)


def test_pdftoppm_failing(tmp_path, fake_poppler):
    fake_poppler("echo 'Syntax Error: broken content stream' >&2; exit 99")
    with pytest.raises(ExternalToolError) as caught:
        _rasterise(tmp_path)
    assert str(caught.value.args[0]) == "pdftoppm failed on page 1 of letter.pdf (status 99): Syntax Error: broken content stream"
    assert caught.value.hint.startswith("check the PDF opens in a viewer")


def test_pdftoppm_killed(tmp_path, fake_poppler):
    fake_poppler("kill -9 $$")
    with pytest.raises(ExternalToolError, match=r"^pdftoppm was killed \(signal 9\) on page 1 of letter.pdf"):
        _rasterise(tmp_path)


def test_pdftoppm_hanging(tmp_path, fake_poppler, monkeypatch):
    fake_poppler("exec /bin/sleep 60")
    monkeypatch.setattr(poppler, "TIMEOUT_SECONDS", 1)
    with pytest.raises(ExternalToolError, match=r"^pdftoppm did not finish page 1 of letter.pdf in 1 s"):
        _rasterise(tmp_path)


def test_pdftoppm_missing(tmp_path, fake_poppler):
    fake_poppler(None)
    with pytest.raises(MissingDependencyError, match=r"pdftoppm \(poppler\) is not installed") as caught:
        _rasterise(tmp_path)
    assert "apt-get install poppler-utils" in caught.value.hint


def test_pdfinfo_missing(tmp_path, monkeypatch):
    path = make.pdf(tmp_path / "letter.pdf")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(MissingDependencyError, match=r"pdfinfo \(poppler\) is not installed"):
        load.open_document(path)
    assert os.environ["PATH"].endswith("nowhere")
