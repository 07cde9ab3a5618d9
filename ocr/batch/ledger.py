"""The inbox ledger: which inputs of a watched folder were already taken, so a scheduled run takes only new ones.

One JSON file in the output folder, keyed by the input's resolved path; an entry counts as processed
for the same SHA-256 and settings fingerprint only. Failed inputs are recorded too but taken again
next time: in an inbox a failure is often a file still being copied. The file is written atomically
under an exclusive lock, so two runs on the same output folder never lose each other's entries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from ocr.batch import lock, store
from ocr.batch.folder import OutputFolder
from ocr.load import file_sha256

DONE = frozenset({"done", "skipped"})


@dataclass(frozen=True)
class Entry:
    """One input as last taken: its content hash, the settings fingerprint, and what became of it."""

    sha256: str
    settings: str
    status: str  # an ``ocr.batch.outcome.Outcome`` status: "done" | "skipped" | "failed"
    document_id: str
    recorded_at: str


@dataclass(frozen=True)
class Candidate:
    """An input found in the inbox, with its current hash."""

    path: Path
    sha256: str


def fingerprint(settings_fingerprint: str, formats: Iterable[str]) -> str:
    """What an entry was taken for: the settings and the chosen exports, so asking for a new format takes
    the input again (and the batch then only writes the missing exports, since the record is on disk)."""
    return f"{settings_fingerprint}+{','.join(sorted(set(formats)))}"


def ledger_path(output_dir: Path) -> Path:
    return OutputFolder(output_dir).ledger


def _key(path: Path) -> str:
    return str(path.resolve())


def read(output_dir: Path) -> dict[str, Entry]:
    """The ledger's entries by resolved input path; an absent or unreadable ledger is empty."""
    try:
        data = json.loads(ledger_path(output_dir).read_text(encoding="utf-8"))
        return {key: Entry(**value) for key, value in data.get("entries", {}).items()}
    except (OSError, ValueError, TypeError):
        return {}


def _sha256(path: Path) -> str:
    """The input's hash; "" when it cannot be read now, so that it is taken and its failure recorded."""
    try:
        return file_sha256(path)
    except OSError:
        return ""


def pending(paths: Iterable[Path], output_dir: Path, fingerprint: str) -> list[Candidate]:
    """The inputs not yet processed for their current content and ``fingerprint``, in the given order."""
    entries = read(output_dir)
    found = []
    for path in paths:
        candidate = Candidate(path, _sha256(path))
        entry = entries.get(_key(path))
        if entry is None or entry.status not in DONE or (entry.sha256, entry.settings) != (candidate.sha256, fingerprint):
            found.append(candidate)
    return found


def record(output_dir: Path, fingerprint: str, taken: Iterable[tuple[Candidate, str, str]]) -> Path:
    """Add ``(candidate, status, document_id)`` entries to the ledger (read, merge and replace under a lock)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with lock.held(OutputFolder(output_dir).ledger_lock):
        entries = read(output_dir)
        for candidate, status, document_id in taken:
            entries[_key(candidate.path)] = Entry(candidate.sha256, fingerprint, status, document_id, now)
        return store.write_json_atomic(ledger_path(output_dir), {
            "version": 1,
            "entries": {key: asdict(entry) for key, entry in sorted(entries.items())},
        })
