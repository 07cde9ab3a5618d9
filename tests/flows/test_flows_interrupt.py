"""A batch killed half-way (SIGKILL) and run again: every document done exactly once, nothing half-written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ocr import schema
from tests.builders import small_batch, stop_group

TELEGRAMS = Path(sys.executable).with_name("telegrams")
DOCUMENTS = 50
KILL_AFTER = 8  # documents written before the kill
# Bounds for a loaded machine (the suite beside benchmarks): they only stop a hung run, they time nothing.
FIRST_DOCUMENTS_WITHIN, BATCH_WITHIN = 180, 360


def _documents(outdir: Path) -> dict[str, Path]:
    return {p.stem: p for p in outdir.glob("doc-*.json") if not p.name.endswith((".error.json", ".diff.json"))}


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return env | {"PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                  "OMP_THREAD_LIMIT": "1", "COLUMNS": "200"}


def _start(source: Path, outdir: Path, tmp_path: Path, name: str) -> subprocess.Popen:
    # Its own session, so the kill takes the whole group: the CLI, its temporary server, Tesseract.
    return subprocess.Popen(
        [str(TELEGRAMS), "ingest", str(source), "--output", str(outdir), "--workers", "2"],
        stdout=(tmp_path / f"{name}.out").open("w"), stderr=(tmp_path / f"{name}.err").open("w"),
        env=_environment(tmp_path), start_new_session=True,
    )


def _wait_for_documents(process: subprocess.Popen, outdir: Path, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while len(_documents(outdir)) < count:
        assert process.poll() is None, "the first run ended before it could be killed"
        assert time.monotonic() < deadline, f"fewer than {count} documents after {timeout} s"
        time.sleep(0.05)


@pytest.mark.slow
def test_killed_batch_resumes_and_processes_every_document_once(tmp_path):
    source = tmp_path / "batch"
    small_batch(source, DOCUMENTS)
    (source / "doc-bad.png").write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    outdir = tmp_path / "output"

    first = _start(source, outdir, tmp_path, "first")
    try:
        _wait_for_documents(first, outdir, KILL_AFTER, timeout=FIRST_DOCUMENTS_WITHIN)
    finally:
        stop_group(first, signal.SIGKILL)
    assert first.returncode == -signal.SIGKILL
    before = {stem: (path.stat().st_mtime_ns, json.loads(path.read_text(encoding="utf-8"))["provenance"]["processed_at"])
              for stem, path in _documents(outdir).items()}
    assert KILL_AFTER <= len(before) < DOCUMENTS

    second = _start(source, outdir, tmp_path, "second")
    try:
        assert second.wait(timeout=BATCH_WITHIN) == 1  # the batch went through; one document failed (doc-bad)
    finally:
        stop_group(second, signal.SIGKILL)

    documents = _documents(outdir)
    assert sorted(documents) == [f"doc-{k:03d}" for k in range(DOCUMENTS)]
    for stem, path in documents.items():
        data = json.loads(path.read_text(encoding="utf-8"))
        schema.validate(data)
        assert data["source"]["page_count"] == 1
        if stem in before:  # written by the first run, left alone by the second
            assert (path.stat().st_mtime_ns, data["provenance"]["processed_at"]) == before[stem]
    assert not list(outdir.glob("*.part")) and not list(outdir.glob(".*.part"))

    error = json.loads((outdir / "doc-bad.error.json").read_text(encoding="utf-8"))
    assert error["stage"] == "open" and "not a readable image" in error["message"]
    summaries = sorted(outdir.glob("batch-*.json"))
    assert len(summaries) == 1  # the killed run never got to its summary
    summary = json.loads(summaries[0].read_text(encoding="utf-8"))
    statuses = {o["document_id"]: o["status"] for o in summary["outcomes"]}
    assert statuses == {stem: "skipped" if stem in before else "done" for stem in documents} | {"doc-bad": "failed"}
    assert (summary["skipped"], summary["done"], summary["failed"]) == (len(before), DOCUMENTS - len(before), 1)

    stderr = (tmp_path / "second.err").read_text(encoding="utf-8") + (tmp_path / "first.err").read_text(encoding="utf-8")
    assert "Traceback" not in stderr and "Error flushing events" not in stderr
    assert "doc-bad" in (tmp_path / "second.out").read_text(encoding="utf-8")
