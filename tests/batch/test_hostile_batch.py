"""Whole batches with bad and hostile inputs: the good documents are done, the bad ones recorded, nothing
escapes the output folder, the inbox is untouched, a full output disk stops the batch cleanly, two runs
at once do each document once. One module, so they share one temporary Prefect server."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ocr import load, schema
from ocr.batch import lock
from ocr.batch import outcome as batch
from ocr.batch.folder import OutputFolder
from ocr.errors import OutputError
from ocr.exec import tesseract
from ocr.page import PageResult
from tests import hostile_inputs as make
from tests.builders import small_batch

pytestmark = pytest.mark.xdist_group("ingest-flow")
BAD = [name for name in make.BAD_FILES if name != "empty.png"]  # ten of them


@pytest.fixture
def stand_in_reading(monkeypatch):
    """Pages are decoded for real but not OCR'd: these tests are about bookkeeping. Returns each page's
    (document file, seconds left of its Tesseract time limit)."""
    from flows import ingest as flows_ingest

    seen, guard = [], threading.Lock()

    def read(ref, settings, debug_dir=None):
        load.load_page(ref, settings.dpi)
        with guard:
            seen.append((ref.path.name, tesseract._deadline.get() - time.monotonic()))
        return PageResult(ref.number, 64, 48, settings.dpi, 0.0, 0, 0.0, lines=[], stamps=[])

    monkeypatch.setattr(flows_ingest, "read_page", read)
    monkeypatch.setattr(flows_ingest.process_page, "retry_delay_seconds", 0)
    return seen


def _ingest(source, output, **options):
    from flows.ingest import ingest

    return {o.document_id: o for o in ingest(source=source, output_dir=output, **options)}


def _fill(inbox, good: int, bad: list[str]) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for k in range(good):
        make.tiny_image(inbox / f"good-{k:02d}.png", value=100 + k)
    for name in bad:
        make.BAD_FILES[name](inbox / name)


@pytest.mark.slow
def test_fifty_documents_with_ten_bad_ones_do_the_forty_and_record_the_ten(harness, tmp_path, stand_in_reading):  # noqa: F811
    from flows.ingest import PAGE_TIME_LIMIT

    inbox, output = tmp_path / "inbox", tmp_path / "output"
    _fill(inbox, 40, BAD)
    outcomes = {Path(o.path).name: o for o in _ingest(inbox, output).values()}

    assert sorted(k for k, o in outcomes.items() if o.status == "done") == [f"good-{k:02d}.png" for k in range(40)]
    failed = {k: o for k, o in outcomes.items() if o.status == "failed"}
    assert sorted(failed) == sorted(BAD)
    assert len({o.document_id for o in failed.values()}) == 10  # cut.pdf, cut.jpg… keep one record each
    for name, outcome in failed.items():
        record = json.loads((output / f"{outcome.document_id}.error.json").read_text(encoding="utf-8"))
        assert record["path"] == str(inbox / name) and record["message"] == outcome.error and record["hint"]
        assert record["error_type"] == "InputError" and record["traceback"] is None
        page_stage = name.startswith("cut.") and not name.endswith(".pdf")  # the header reads, the pixels do not
        assert record["stage"] == ("process-page" if page_stage else "open")
    assert failed["locked.pdf"].error == "locked.pdf is encrypted: it needs a password to open"
    for k in range(40):
        schema.validate(json.loads((output / f"good-{k:02d}.json").read_text(encoding="utf-8")))
    (summary,) = output.glob("batch-*.json")
    counts = json.loads(summary.read_text(encoding="utf-8"))
    assert (counts["documents"], counts["done"], counts["failed"], counts["busy"]) == (50, 40, 10, 0)
    assert counts["failures"] == {"InputError at open": 7, "InputError at process-page": 3}
    assert not list(output.glob(".*.part"))
    assert all(0 < left <= PAGE_TIME_LIMIT for _, left in stand_in_reading)  # every page read under its limit


def test_exit_status_is_non_zero_only_when_something_failed(monkeypatch, tmp_path):
    from flows import cli, run

    outcomes = [batch.Outcome(f"d{k}", f"d{k}.png", "done") for k in range(3)]
    monkeypatch.setattr(run, "run_ingest", lambda *args, **kwargs: outcomes)
    runner = CliRunner()
    done = runner.invoke(cli.app, ["ingest", str(tmp_path), "--output", str(tmp_path / "out")])
    assert done.exit_code == 0 and "failed" not in done.output
    outcomes += [batch.Outcome("bad", "bad.pdf", "failed", error="bad.pdf is encrypted", error_kind="InputError at open"),
                 batch.Outcome("cut", "cut.png", "failed", error="cut", error_kind="InputError at process-page"),
                 batch.Outcome("x", "x.pdf", "failed", error="x", error_kind="InputError at open")]
    failed = runner.invoke(cli.app, ["ingest", str(tmp_path), "--output", str(tmp_path / "out")])
    assert failed.exit_code == 1
    said = ("3 of 6 documents failed (InputError at open ×2, InputError at process-page ×1); "
            f"each failure's reason is in {tmp_path / 'out'}/<id>.error.json")
    assert "".join(said.split()) in "".join(failed.output.split())  # however the terminal wraps it


@pytest.mark.slow
def test_full_output_disk_stops_the_batch_and_keeps_earlier_results(harness, tmp_path, stand_in_reading, monkeypatch):  # noqa: F811
    from ocr.batch import store

    inbox, output = tmp_path / "inbox", tmp_path / "output"
    _fill(inbox, 3, [])
    assert {o.status for o in _ingest(inbox, output).values()} == {"done"}
    before = {p.name: p.read_bytes() for p in output.iterdir() if p.is_file()}
    for k in range(3, 20):
        make.tiny_image(inbox / f"good-{k:02d}.png", value=100 + k)
    stand_in_reading.clear()

    def full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store, "_write", full)
    with pytest.raises(OutputError, match=r"cannot write .*good-03\.[a-z.]+: No space left on device"):
        _ingest(inbox, output)
    assert {p.name: p.read_bytes() for p in output.iterdir() if p.is_file()} == before  # nothing lost, nothing half
    assert len(stand_in_reading) < 17  # stopped early: not every new document was read
    for k in range(20):  # no lock left held
        held = lock.try_acquire(OutputFolder(output).lock(f"good-{k:02d}"))
        assert held is not None
        lock.release(held)


def _tree(folder) -> dict[str, tuple[int, int, str]]:
    """Every entry under ``folder`` (links not followed): size, modification time and content hash."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else ""
        found[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns, digest)
    return found


HOSTILE = {
    "telegram 1 (copy).png": "telegram_1_copy",
    "Шифровка №5.png": "Shifrovka_5",
    "$(touch pwned);`touch pwned`|&.png": "touch_pwned_touch_pwned",
    "-rf --help.png": "rf_--help",
    "a b.png": "a_b",
}


@pytest.mark.slow
def test_hostile_names_are_read_by_tesseract_and_nothing_escapes_the_output(harness, tmp_path, monkeypatch):  # noqa: F811
    inbox, output, outside = tmp_path / "inbox", tmp_path / "output", tmp_path / "private"
    scans = small_batch(inbox, len(HOSTILE) + 2)
    names = list(HOSTILE) + ["a_b.png", "x" * 251 + ".png"]  # a second "a_b"; a 255-byte name
    for scan, name in zip(scans, names):
        scan.rename(inbox / name)
    outside.mkdir()
    make.tiny_image(outside / "secret.png")
    (inbox / "secret.png").symlink_to(outside / "secret.png")
    (inbox / "Thumbs.db").write_bytes(b"\x00junk")
    (inbox / "empty-folder").mkdir()
    monkeypatch.chdir(inbox)  # a shell expanding a name would make "pwned" here
    before = _tree(tmp_path)

    outcomes = _ingest(inbox, output)
    ids = load.document_ids([inbox / name for name in names])
    assert sorted(outcomes) == sorted(ids) and {o.status for o in outcomes.values()} == {"done"}
    assert ids[: len(HOSTILE)] == list(HOSTILE.values()) and ids[-2].startswith("a_b-") and len(ids[-1]) == 96
    for document_id in ids:
        document = json.loads((output / f"{document_id}.json").read_text(encoding="utf-8"))
        schema.validate(document)
        assert "Телеграмма" in document["pages"][0]["text"]
    after = _tree(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("output")} == before  # inbox and the rest untouched
    assert not list(tmp_path.rglob("pwned")) and not (output / "secret.json").exists()
    assert not [p for p in output.rglob("*") if p.is_symlink() or not p.resolve().is_relative_to(output.resolve())]


@pytest.mark.slow
def test_two_runs_at_once_do_each_document_once(harness, tmp_path, monkeypatch):  # noqa: F811
    from flows import ingest as flows_ingest

    inbox, output = tmp_path / "inbox", tmp_path / "output"
    inbox.mkdir()
    for k in range(12):
        make.tiny_image(inbox / f"doc-{k:02d}.png", value=100 + k)
    reads, runs, guard, both_reading = Counter(), set(), threading.Lock(), threading.Event()

    def read(ref, settings, debug_dir=None):
        from prefect.runtime import flow_run

        with guard:
            reads[ref.path.name] += 1
            runs.add(flow_run.id)
            if len(runs) == 2:
                both_reading.set()
        assert both_reading.wait(timeout=60)  # no run writes before the other is reading too
        return PageResult(ref.number, 64, 48, settings.dpi, 0.0, 0, 0.0, lines=[], stamps=[])

    monkeypatch.setattr(flows_ingest, "read_page", read)

    def run(_):
        return flows_ingest.ingest(source=inbox, output_dir=output)

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(run, range(2))
    assert reads == {f"doc-{k:02d}.png": 1 for k in range(12)}  # every document read once, by one run
    for k in range(12):
        statuses = sorted(o.status for o in first + second if o.document_id == f"doc-{k:02d}")
        assert statuses in (["busy", "done"], ["done", "skipped"])
        schema.validate(json.loads((output / f"doc-{k:02d}.json").read_text(encoding="utf-8")))
    busy = [o for o in first + second if o.status == "busy"]
    assert busy and busy[0].warnings == ["another run was doing this document at the same time: left to it"]
    assert len(list(output.glob("batch-*.json"))) == 2 and not list(output.glob(".*.part"))
