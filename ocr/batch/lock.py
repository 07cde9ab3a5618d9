"""Locks in the output folder, so that two runs on it never do the same document at once.

``fcntl.flock`` on a lock file: the kernel releases it when its holder's process ends, however it
ends, so a run that was killed leaves no stale lock behind. Lock files are left in place: removing
one that another run has just opened would let a third take the same document.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


def try_acquire(path: Path) -> IO | None:
    """The held lock on ``path``, or None when another process holds it (never waits)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def release(handle: IO) -> None:
    """Give the lock up (closing the file releases it)."""
    handle.close()


@contextmanager
def held(path: Path) -> Iterator[None]:
    """Hold the lock on ``path`` for the block, waiting for it if another process has it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
