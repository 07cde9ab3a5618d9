"""The check before Prefect: a batch whose every document is done is recognised without importing Prefect."""

from __future__ import annotations

import subprocess
import sys

from PIL import Image

from flows.precheck import all_finished
from ocr import load
from ocr.batch import outcome as batch
from ocr.page import PageResult
from ocr.settings import Settings
from tests.conftest import ROOT


def _finish(path, output_dir, settings) -> None:
    document = load.open_document(path)
    pages = [PageResult(ref.number, 1000, 250, 300, 0.0, 0, 0.0, lines=[], stamps=[]) for ref in document.pages]
    batch.finish(document, pages, settings, output_dir, None)


def test_all_finished_only_when_every_document_is_done(tmp_path):
    source, output_dir, settings = tmp_path / "scans", tmp_path / "output", Settings()
    source.mkdir()
    for name in ("a", "b"):
        Image.new("RGB", (100, 40), "white").save(source / f"{name}.png")
    _finish(source / "a.png", output_dir, settings)
    assert all_finished(source, output_dir, settings) is None  # b is not done

    _finish(source / "b.png", output_dir, settings)
    assert [(o.document_id, o.status) for o in all_finished(source, output_dir, settings)] == [("a", "skipped"),
                                                                                              ("b", "skipped")]
    assert all_finished(source, output_dir, Settings(dpi=200)) is None  # other settings: redone

    Image.new("RGB", (100, 40), "black").save(source / "b.png")  # b changed
    assert all_finished(source, output_dir, settings) is None


def test_a_broken_file_is_left_to_the_flow(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    assert all_finished(tmp_path, tmp_path / "output", Settings()) is None


def test_the_check_imports_no_prefect():
    code = "import sys, flows.cli, flows.precheck; print(sorted(m for m in sys.modules if m.startswith('prefect')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"
