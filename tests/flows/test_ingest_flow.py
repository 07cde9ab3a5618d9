"""The ingest flow on a real (temporary) Prefect server: outputs, error isolation, reruns."""

from __future__ import annotations

import json

import pytest

from ocr import schema
from tests.builders import scan_lines

# One xdist worker for the whole file: its temporary Prefect server (the harness) starts once.
pytestmark = pytest.mark.xdist_group("ingest-flow")


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    scan_lines(folder / "first.png", "Сообщаю о настроениях\nвысказанных на обеде")
    scan_lines(folder / "second.png", "Прошу срочно сообщить\nрезультаты переговоров")
    (folder / "second.md").write_text("Прошу срочно сообщить результаты переговоров\n", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return folder


def _run(inbox, outdir, **options):
    from flows.ingest import ingest

    return {o.document_id: o for o in ingest(source=inbox, output_dir=outdir, **options)}


@pytest.mark.slow
def test_ingest_isolates_failures_and_skips_finished_work(harness, inbox, outdir):
    outcomes = _run(inbox, outdir)
    assert {k: o.status for k, o in outcomes.items()} == {"first": "done", "second": "done", "broken": "failed"}
    for name in ("first", "second"):
        document = json.loads((outdir / f"{name}.json").read_text(encoding="utf-8"))
        schema.validate(document)
        assert document["source"]["page_count"] == 1
    assert "Сообщаю" in json.loads((outdir / "first.json").read_text(encoding="utf-8"))["body"]
    error = json.loads((outdir / "broken.error.json").read_text(encoding="utf-8"))
    assert error["stage"] == "open" and "not a readable PDF" in error["message"] and len(error["input_sha256"]) == 64
    diff = json.loads((outdir / "second.diff.json").read_text(encoding="utf-8"))
    assert diff["cer"] < 0.1 and "transcript_path" in diff
    assert outcomes["second"].cer == diff["cer"]
    assert list(outdir.glob("batch-*.json")) and not list(outdir.glob("*.part"))
    _check_artifacts(diff["cer"])

    again = _run(inbox, outdir)
    assert {k: o.status for k, o in again.items()} == {"first": "skipped", "second": "skipped", "broken": "failed"}
    assert again["second"].cer == diff["cer"]

    scan_lines(inbox / "first.png", "Другой текст страницы\nпосле пересканирования")
    changed = _run(inbox, outdir)
    assert changed["first"].status == "done" and changed["second"].status == "skipped"
    assert {o.status for o in _run(inbox, outdir, force=True).values()} == {"done", "failed"}


def _artifact(key: str):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                                      sort=ArtifactSort.UPDATED_DESC, limit=1)
    return found[0].data


def _check_artifacts(cer: float) -> None:
    failures = _artifact("ingest-failures")
    assert "3 documents: 2 done, 0 skipped, 1 failed." in failures and "| broken | " in failures
    assert "not a readable PDF" in failures and "`broken.error.json`" in failures
    table = _artifact("ingest-summary")
    rows = {row["document_id"]: row for row in (json.loads(table) if isinstance(table, str) else table)}
    assert rows["second"]["cer"] == cer and rows["second"]["pages"] == 1 and rows["broken"]["status"] == "failed"
    assert rows["first"]["mean_confidence"] > 50 and isinstance(rows["first"]["warnings"], str)


@pytest.mark.slow
def test_flow_fails_only_when_everything_fails(harness, tmp_path, outdir):
    from flows.ingest import ingest
    from ocr.errors import TelegramsError

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.pdf").write_bytes(b"nope")
    with pytest.raises(TelegramsError, match="all 1 documents failed"):
        ingest(source=bad, output_dir=outdir)


@pytest.mark.slow
def test_page_task_retries_io_errors_only(harness, tmp_path, monkeypatch):
    import errno

    from prefect import flow

    from flows import ingest as flows_ingest
    from ocr.errors import InputError
    from ocr.load import PageRef
    from ocr.page import PageResult
    from ocr.settings import Settings

    calls = []

    def flaky(ref, settings, debug_dir=None):
        calls.append(ref.number)
        if ref.number == 1 and calls.count(1) == 1:
            raise OSError(errno.EIO, "Input/output error")  # a disk hiccup: gone on the second try
        if ref.number == 2:
            raise InputError("page 2 cannot be decoded")  # the same every time
        return PageResult(ref.number, 1000, 250, 300, 0.0, 0, 0.0, lines=[], stamps=[])

    monkeypatch.setattr(flows_ingest, "read_page", flaky)
    monkeypatch.setattr(flows_ingest.process_page, "retry_delay_seconds", 0)

    @flow
    def two_pages():
        refs = [PageRef(tmp_path / "x.png", 0, n) for n in (1, 2)]
        futures = [flows_ingest.process_page.submit(ref, Settings(), "x") for ref in refs]
        return [f.result(raise_on_failure=False) for f in futures]

    first, second = two_pages()
    assert first.number == 1 and isinstance(second, InputError)
    assert sorted(calls) == [1, 1, 2]
