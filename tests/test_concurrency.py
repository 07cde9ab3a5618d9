"""Two runs over the same inbox and output at once: no document done twice, nothing corrupted, and a
crashed run leaves no lock behind."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ocr import schema
from ocr.batch import lock
from ocr.batch.folder import OutputFolder
from ocr.page import PageResult
from tests import hostile_inputs as make
from tests.test_ingest_flow import harness  # noqa: F401  (the temporary Prefect server)

pytestmark = pytest.mark.xdist_group("ingest-flow")


def test_a_document_lock_is_held_by_one_holder_at_a_time(tmp_path):
    path = OutputFolder(tmp_path).lock("doc")
    first = lock.try_acquire(path)
    assert first is not None and lock.try_acquire(path) is None
    lock.release(first)
    second = lock.try_acquire(path)
    assert second is not None
    lock.release(second)


def _hold_until_killed(path: Path, ready) -> None:
    held = lock.try_acquire(path)
    ready.set()
    while held:
        signal.pause()


def test_a_run_killed_while_holding_a_lock_does_not_leave_it_stuck(tmp_path):
    path = OutputFolder(tmp_path).lock("doc")
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=_hold_until_killed, args=(path, ready))
    holder.start()
    try:
        assert ready.wait(timeout=30)
        assert lock.try_acquire(path) is None  # another process has it
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.join(timeout=30)
    taken = lock.try_acquire(path)
    assert taken is not None and path.exists()
    lock.release(taken)


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
