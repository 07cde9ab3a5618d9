"""The per-document lock: one holder at a time, and a crashed run leaves no lock behind.

Two whole runs at once over the same inbox and output are in ``test_hostile_batch.py``, which
shares one temporary Prefect server among the batch tests.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

from ocr.batch import lock
from ocr.batch.folder import OutputFolder


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
