"""Fast checks of the flows' bookkeeping: the inbox ledger, retry decisions, reports, progress totals."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from ocr.batch import ledger
from ocr.batch import outcome as batch
from ocr.errors import InputError, TelegramsError


def _inputs(folder: Path, **contents: bytes) -> list[Path]:
    folder.mkdir(exist_ok=True)
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in contents]


def test_ledger_takes_only_new_changed_or_failed_inputs(tmp_path, outdir):
    a, b, c = _inputs(tmp_path / "inbox", **{"a.png": b"one", "b.png": b"two", "c.png": b"three"})
    assert [x.path for x in ledger.pending([a, b, c], outdir, "fp1")] == [a, b, c]
    taken = {x.path: x for x in ledger.pending([a, b, c], outdir, "fp1")}
    ledger.record(outdir, "fp1", [(taken[a], "done", "a"), (taken[b], "failed", "b")])
    ledger.record(outdir, "fp1", [(taken[c], "skipped", "c")])  # a second run merges, never overwrites

    assert [x.path for x in ledger.pending([a, b, c], outdir, "fp1")] == [b]  # the failure is tried again
    a.write_bytes(b"one, rescanned")
    assert [x.path for x in ledger.pending([a, b, c], outdir, "fp1")] == [a, b]
    assert [x.path for x in ledger.pending([a, b, c], outdir, "fp2")] == [a, b, c]  # other settings

    data = json.loads(ledger.ledger_path(outdir).read_text(encoding="utf-8"))
    assert data["entries"][str(c.resolve())]["sha256"] == taken[c].sha256 and len(taken[c].sha256) == 64
    assert {e["status"] for e in data["entries"].values()} == {"done", "failed", "skipped"}
    assert not list(outdir.glob("*.part")) and not list(outdir.glob(".*.part"))


def test_ledger_takes_an_input_again_when_new_export_formats_are_asked_for(tmp_path, outdir):
    [a] = _inputs(tmp_path / "inbox", **{"a.png": b"one"})
    json_only, with_alto = ledger.fingerprint("s1", ["json"]), ledger.fingerprint("s1", ["alto", "json"])
    assert ledger.fingerprint("s1", ["json", "alto", "json"]) == with_alto  # order and repeats do not matter
    ledger.record(outdir, json_only, [(ledger.pending([a], outdir, json_only)[0], "done", "a")])
    assert ledger.pending([a], outdir, json_only) == []
    assert [x.path for x in ledger.pending([a], outdir, with_alto)] == [a]


def test_unreadable_ledger_counts_as_empty(tmp_path, outdir):
    (a,) = _inputs(tmp_path / "inbox", **{"a.png": b"one"})
    ledger.ledger_path(outdir).write_text("{half a file", encoding="utf-8")
    assert [x.path for x in ledger.pending([a], outdir, "fp")] == [a]


def _caused_by(error: TelegramsError, cause: BaseException) -> TelegramsError:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(("exc", "retry"), [
    (OSError(errno.EIO, "Input/output error"), True),
    (FileNotFoundError(errno.ESTALE, "Stale file handle"), True),
    (_caused_by(InputError("page 1 cannot be decoded"), OSError(errno.EIO, "Input/output error")), True),
    (_caused_by(InputError("page 1 cannot be decoded"), OSError("image file is truncated")), False),
    (InputError("not a readable PDF"), False),
    (TelegramsError("tesseract failed"), False),
    (ValueError("bad layout"), False),
    (None, False),
])
def test_only_operating_system_failures_are_retried(exc, retry):
    from flows.ingest import is_transient

    assert is_transient(exc) is retry


def test_failures_markdown_lists_each_failed_document(outdir):
    outcomes = [batch.Outcome("a", "/in/a.png", "done", pages=1), batch.Outcome("b", "/in/b.png", "skipped"),
                batch.Outcome("c|x", "/in/c.pdf", "failed", error="c.pdf is not a readable PDF:\n bad | header")]
    text = batch.failures_markdown(outcomes, outdir)
    assert "3 documents: 1 done, 1 skipped, 1 failed." in text
    assert "| c\\|x | `/in/c.pdf` | c.pdf is not a readable PDF: bad \\| header | `c\\|x.error.json` |" in text
    assert "No failures." in batch.failures_markdown(outcomes[:2], outdir)


def test_summary_names_never_collide(outdir):
    first = batch.write_summary([batch.Outcome("a", "a.png", "done")], outdir)
    second = batch.write_summary([batch.Outcome("a", "a.png", "skipped")], outdir)
    assert first != second
    assert json.loads(second.read_text(encoding="utf-8"))["skipped"] == 1


def test_sweep_removes_only_this_batchs_partial_files(outdir):
    leftovers = [outdir / ".a.json.x1y2.part", outdir / ".a.diff.json.z3.part", outdir / ".b.json.q9.part"]
    for path in leftovers:
        path.write_text("{", encoding="utf-8")
    removed = batch.sweep_partial(outdir, {"a": 1})
    assert sorted(removed) == sorted(leftovers[:2]) and [p.exists() for p in leftovers] == [False, False, True]


def test_progress_totals_drop_the_pages_of_skipped_documents():
    from rich.progress import Progress

    from flows.run import _Progress
    from ocr.load import DocumentInput, PageRef

    with Progress(disable=True) as progress:
        hook = _Progress(progress)
        hook("total", (3, 6))
        skipped = DocumentInput("s", Path("s.pdf"), "0" * 64, tuple(PageRef(Path("s.pdf"), i, i + 1) for i in range(2)))
        hook("skipped", skipped)
        hook("page")
        documents, pages = progress.tasks
        assert (documents.completed, documents.total) == (1, 3)
        assert (pages.completed, pages.total) == (1, 4)


def test_serve_refuses_without_a_server(tmp_path):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.serve import serve_inbox

    with temporary_settings(restore_defaults={PREFECT_API_URL}), pytest.raises(TelegramsError, match="no Prefect server"):
        serve_inbox(tmp_path, tmp_path / "out", cron="0 2 * * *")


def test_the_queue_holds_few_documents_and_few_pages_but_always_one_document():
    from flows.ingest import DOCUMENTS_IN_FLIGHT, PAGES_IN_FLIGHT, queue_full

    assert not queue_full([1] * DOCUMENTS_IN_FLIGHT) and queue_full([1] * (DOCUMENTS_IN_FLIGHT + 1))
    assert not queue_full([PAGES_IN_FLIGHT - 1, 1]) and queue_full([PAGES_IN_FLIGHT, 1])
    assert not queue_full([10 * PAGES_IN_FLIGHT])  # a long PDF is queued whole, on its own
