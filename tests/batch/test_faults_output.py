"""The output disk full or read-only mid-write, and the process killed at any moment of writing a document:
the previous output stays whole, the error says what to do, a rerun finishes with one valid document."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os

import pytest

from ocr import load, schema
from ocr.batch import outcome as batch
from ocr.batch import store
from ocr.errors import OutputError
from ocr.page import PageResult
from ocr.settings import Settings
from tests import hostile_inputs as make


def _failing(monkeypatch, name: str, code: int) -> None:
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, name, fail)


@pytest.mark.parametrize(("call", "code", "reason"), [
    ("fsync", errno.ENOSPC, "No space left on device"),
    ("fsync", errno.EDQUOT, "Disk quota exceeded"),
    ("replace", errno.EROFS, "Read-only file system"),
    ("replace", errno.EACCES, "Permission denied"),
])
def test_full_or_read_only_output_keeps_the_previous_file_and_says_what_to_do(tmp_path, monkeypatch, call, code, reason):
    target = store.write_json_atomic(tmp_path / "doc.json", {"version": "before"})
    _failing(monkeypatch, call, code)
    with pytest.raises(OutputError) as caught:
        store.write_json_atomic(target, {"version": "after"})
    assert str(caught.value.args[0]) == f"cannot write {target}: {reason}" and caught.value.exit_code == 6
    assert "free space on the output disk" in caught.value.hint and "a rerun does the rest" in caught.value.hint
    assert json.loads(target.read_text(encoding="utf-8")) == {"version": "before"}
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]  # no temporary file left


def test_other_write_failures_stay_the_documents_own(tmp_path, monkeypatch):
    _failing(monkeypatch, "fsync", errno.EIO)
    with pytest.raises(OSError) as caught:
        store.write_json_atomic(tmp_path / "doc.json", {})
    assert caught.value.errno == errno.EIO and not isinstance(caught.value, OutputError)


def _document(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    path = make.tiny_image(inbox / "telegram.png")
    (inbox / "telegram.txt").write_text("Сообщаю о настроениях\n", encoding="utf-8")
    return load.open_document(path)


def _finish(tmp_path, output):
    page = PageResult(1, 64, 48, 300, 0.0, 0, 0.0, lines=[], stamps=[])
    return batch.finish(_document(tmp_path), [page], Settings(), output)


def _killed_at(tmp_path, output, call: str, k: int) -> None:
    """In a child process: write the document, and die (as by SIGKILL) at the ``k``-th ``os.<call>``."""
    real, calls = getattr(os, call), []

    def dying(*args):
        calls.append(1)
        if call == "replace":
            real(*args)
        if len(calls) == k:
            os._exit(9)
        if call != "replace":
            real(*args)

    setattr(os, call, dying)
    _finish(tmp_path, output)


def _writes(tmp_path) -> int:
    """How many files writing the document makes."""
    output = tmp_path / "count"
    _finish(tmp_path, output)
    return len(list(output.iterdir()))


@pytest.mark.parametrize("call", ["fsync", "replace"])
def test_killed_at_any_write_leaves_no_half_file_and_a_rerun_finishes(tmp_path, call):
    writes = _writes(tmp_path)
    assert writes == 3  # the diff, its report, the document last
    for k in range(1, writes + 1):
        output = tmp_path / f"{call}-{k}"
        child = multiprocessing.get_context("fork").Process(target=_killed_at, args=(tmp_path, output, call, k))
        child.start()
        child.join(timeout=60)
        assert child.exitcode == 9
        finished = (output / "telegram.json").exists()
        assert finished == (call == "replace" and k == writes)  # the document is written last
        for path in output.glob("*.json"):
            json.loads(path.read_text(encoding="utf-8"))  # nothing half-written under a final name
        if finished:  # killed after its last rename: done, a rerun skips it
            assert batch.finished(_document(tmp_path), output, Settings()) is not None
        batch.sweep_partial(output, {"telegram": 1})
        assert not list(output.glob(".*.part"))
        _finish(tmp_path, output)
        schema.validate(json.loads((output / "telegram.json").read_text(encoding="utf-8")))
        assert sorted(p.name for p in output.iterdir()) == ["telegram.diff.html", "telegram.diff.json", "telegram.json"]


def test_an_input_unreadable_now_is_taken_by_the_inbox_run_and_its_failure_recorded(tmp_path, monkeypatch):
    from ocr.batch import ledger

    good, locked = make.tiny_image(tmp_path / "good.png"), make.tiny_image(tmp_path / "locked.png")
    real = ledger.file_sha256

    def sha256(path):
        if path == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(ledger, "file_sha256", sha256)
    taken = ledger.pending([good, locked], tmp_path / "output", "fp")
    assert [(c.path, len(c.sha256)) for c in taken] == [(good, 64), (locked, 0)]
    failed = batch.record_failure(tmp_path / "output", locked, "locked", "open", PermissionError(errno.EACCES, "Permission denied"))
    assert failed.status == "failed" and failed.error_kind == "PermissionError at open"
