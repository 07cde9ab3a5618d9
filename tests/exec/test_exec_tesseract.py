"""The Tesseract wrapper's error mapping, with a fake runner standing in for the program."""

from __future__ import annotations

import logging
import subprocess

import numpy as np
import pytest

from ocr.errors import ExternalToolError, MissingDependencyError
from ocr.exec import tesseract

PAGE = np.full((20, 20), 255, np.uint8)


def fake(returncode: int = 0, stdout: str = "", stderr: str = "", raises: BaseException | None = None):
    calls = []

    def runner(args, stdin, timeout):
        calls.append(list(args))
        if raises is not None:
            raise raises
        return subprocess.CompletedProcess(["tesseract", *args], returncode, stdout.encode(), stderr.encode())

    runner.calls = calls
    return runner


@pytest.fixture
def languages(monkeypatch):
    monkeypatch.setattr(tesseract, "languages", lambda: frozenset({"rus", "osd"}))


def test_stderr_is_sorted_into_notes_warnings_and_errors():
    found = tesseract.classify("Estimating resolution as 248\nWarning: unknown parameter foo\n"
                               "Failed loading language 'xxx'\nCould not initialize tesseract.\n\n")
    assert found.notes == ["Estimating resolution as 248"]
    assert found.warnings == ["Warning: unknown parameter foo"]
    assert found.errors == ["Failed loading language 'xxx'", "Could not initialize tesseract."]


def test_missing_program_says_how_to_install(monkeypatch):
    monkeypatch.setattr(tesseract, "RUNNER", fake(raises=FileNotFoundError("tesseract")))
    with pytest.raises(MissingDependencyError, match="apt-get install tesseract-ocr"):
        tesseract.run(["--version"])


def test_timeout_becomes_our_error(monkeypatch, languages):
    monkeypatch.setattr(tesseract, "RUNNER", fake(raises=subprocess.TimeoutExpired("tesseract", 5)))
    with pytest.raises(ExternalToolError, match="did not finish in 5 s and was stopped"):
        tesseract.image_to_data(PAGE, "rus", timeout=5)


def test_failure_carries_tesseracts_own_error_lines(monkeypatch, languages):
    monkeypatch.setattr(tesseract, "RUNNER", fake(1, stderr="Estimating resolution as 70\nFailed loading language 'rus'\n"))
    with pytest.raises(ExternalToolError, match="Failed loading language 'rus'") as caught:
        tesseract.image_to_string(PAGE, "rus")
    assert "Estimating" not in str(caught.value) and "--list-langs" in caught.value.hint


def test_warnings_are_logged_and_notes_kept_at_debug(monkeypatch, languages, caplog):
    header = "\t".join(tesseract.TSV_COLUMNS)
    row = "5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t91.5\tслово"
    monkeypatch.setattr(tesseract, "RUNNER", fake(0, f"{header}\n{row}\n", "Estimating resolution as 70\nodd thing\n"))
    with caplog.at_level(logging.DEBUG, logger="ocr.exec.tesseract"):
        data = tesseract.image_to_data(PAGE, "rus", psm=6)
    assert data["text"] == ["слово"] and data["conf"] == [91.5] and data["left"] == [10] and data["level"] == [5]
    levels = {r.getMessage(): r.levelno for r in caplog.records}
    assert levels == {"tesseract: Estimating resolution as 70": logging.DEBUG, "tesseract: odd thing": logging.WARNING}
    assert tesseract.RUNNER.calls[0][:2] == ["stdin", "stdout"] and "6" in tesseract.RUNNER.calls[0]


def test_tsv_rows_without_text_keep_an_empty_text():
    header = "\t".join(tesseract.TSV_COLUMNS)
    data = tesseract.parse_tsv(f"{header}\n1\t1\t0\t0\t0\t0\t0\t0\t900\t200\t-1\t\n2\t1\t1\t0\t0\t0\t22\t52\t524\t30\t-1\n")
    assert data["text"] == ["", ""] and data["width"] == [900, 524] and data["conf"] == [-1.0, -1.0]


def test_orientation_with_too_few_characters_is_undecided(monkeypatch, languages):
    monkeypatch.setattr(tesseract, "RUNNER", fake(1, stderr="Too few characters. Skipping this page\nError during processing.\n"))
    assert tesseract.orientation(PAGE) == (0, 0.0)
    monkeypatch.setattr(tesseract, "RUNNER", fake(1, stderr="Failed loading language 'osd'\n"))
    with pytest.raises(ExternalToolError, match="osd"):
        tesseract.orientation(PAGE)


def test_missing_language_names_the_package(monkeypatch, languages):
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-deu"):
        tesseract.check_languages("rus+deu")


def test_a_crash_is_not_blamed_on_memory(monkeypatch, languages):
    monkeypatch.setattr(tesseract, "RUNNER", fake(-8, stderr="Image too small to scale!! (2x36 vs min width of 3)\n"))
    with pytest.raises(ExternalToolError, match=r"tesseract crashed \(signal 8\)") as caught:
        tesseract.image_to_data(PAGE, "rus")
    assert "memory" not in caught.value.hint


def test_the_pages_of_a_run_are_notes(monkeypatch, languages, caplog):
    header = "\t".join(tesseract.TSV_COLUMNS)
    rows = ["5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t91.5\tодин", "5\t3\t1\t1\t1\t1\t1\t2\t3\t4\t80\tтри"]
    monkeypatch.setattr(tesseract, "RUNNER", fake(0, "\n".join([header, *rows]) + "\n", "Page 1\nPage 2\nPage 3\n"))
    with caplog.at_level(logging.WARNING, logger="ocr.exec.tesseract"):
        found = tesseract.images_to_data([PAGE, PAGE, PAGE], "rus", psm=7)
    assert [data["text"] for data in found] == [["один"], [], ["три"]] and found[2]["left"] == [1]
    assert not caplog.records


def test_the_pages_of_a_run_go_as_one_tiff_of_the_same_pixels_without_a_resolution():
    import io

    from PIL import Image, ImageSequence

    line = np.random.default_rng(0).integers(0, 256, (60, 900), dtype=np.uint8)
    tiff = Image.open(io.BytesIO(tesseract._tiff([line, PAGE])))
    pages = [np.array(page) for page in ImageSequence.Iterator(tiff)]
    assert [p.shape for p in pages] == [line.shape, PAGE.shape]
    assert (pages[0] == line).all() and (pages[1] == PAGE).all()
    # No resolution, as in a single page's PGM: Tesseract estimates it alike either way.
    assert tiff.info.get("compression") == "raw" and not {282, 283} & set(tiff.tag_v2)  # X and Y resolution
