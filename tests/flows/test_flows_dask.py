"""The ingest flow on a real Dask cluster — a ``dask scheduler`` and two ``dask worker`` processes, each in a
working folder of its own as on separate machines, sharing only the input and output folders — gives the
threaded run's results, with the task runs on the flow's Prefect server and no server on any worker."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from tests.builders import free_port, small_batch, stop_group, without_timestamps
from tests.conftest import ROOT

DASK = Path(sys.executable).parent / "dask"

pytestmark = pytest.mark.slow


def _bare_environment() -> dict[str, str]:
    """What an operator's shell on another machine has: the project importable, nothing of Prefect's or OpenMP's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "OMP_THREAD_LIMIT"}
    return env | {"PYTHONPATH": str(ROOT)}


def _start(command: list[str], folder: Path) -> subprocess.Popen:
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(command, cwd=folder, env=_bare_environment(), start_new_session=True,
                            stdout=(folder / "log.txt").open("w"), stderr=subprocess.STDOUT)


@pytest.fixture
def cluster(tmp_path):
    from distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    processes = [_start([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                         "--no-dashboard"], tmp_path / "scheduler")]
    processes += [_start([str(DASK), "worker", address, "--nthreads", "1", "--no-dashboard"], tmp_path / f"worker-{k}")
                  for k in (1, 2)]
    try:
        with Client(address, timeout=90) as client:
            client.wait_for_workers(2, timeout=120)
        yield address, processes
    finally:
        for process in processes[::-1]:
            stop_group(process, signal.SIGTERM)


def _descendants(processes: list[subprocess.Popen]) -> list[psutil.Process]:
    found = []
    for process in processes:
        try:
            found += psutil.Process(process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            pass
    return found


def _outputs(outdir) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(outdir.glob("*.json"))
            if not p.name.startswith("batch-")}


def _page_runs(flow_run_id) -> list:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return [run for run in runs if run.name.endswith(("page-1", "page-2", "page-3"))]


def test_dask_workers_give_the_threaded_results(harness, cluster, tmp_path):
    from distributed import Client, get_task_stream

    from flows.ingest import ingest
    from flows.run import task_runner

    address, processes = cluster
    source = tmp_path / "shared" / "scans"
    small_batch(source, 2)
    pages = small_batch(tmp_path / "pages", 3)
    (source / "folder-doc").mkdir()
    for page in pages:  # one document of three pages: its pages run on both workers
        shutil.move(page, source / "folder-doc" / page.name)
    (source / "broken.pdf").write_bytes(b"%PDF-1.4 not really")

    local = ingest.with_options(task_runner=task_runner(2))(source=source, output_dir=tmp_path / "shared" / "local")
    with Client(address) as client, get_task_stream(client) as stream:
        dask_state = ingest.with_options(task_runner=task_runner(1, address))(
            source=source, output_dir=tmp_path / "shared" / "dask", return_state=True)
    dask = dask_state.result()

    assert [(o.document_id, o.status, o.pages) for o in dask] == [(o.document_id, o.status, o.pages) for o in local]
    assert {o.document_id: o.status for o in dask} == {"doc-000": "done", "doc-001": "done", "folder-doc": "done",
                                                        "broken": "failed"}
    local_docs, dask_docs = _outputs(tmp_path / "shared" / "local"), _outputs(tmp_path / "shared" / "dask")
    assert sorted(dask_docs) == ["broken.error.json", "doc-000.json", "doc-001.json", "folder-doc.json"]
    assert dask_docs.pop("broken.error.json")["stage"] == local_docs.pop("broken.error.json")["stage"] == "open"
    assert {k: without_timestamps(v) for k, v in dask_docs.items()} == {k: without_timestamps(v) for k, v in local_docs.items()}
    assert "Телеграмма" in dask_docs["doc-000.json"]["pages"][0]["text"]

    # The five pages ran on both workers, in their own folders, prepared by the flow itself; their task runs
    # are on the flow's server.
    from prefect.settings import PREFECT_API_URL

    assert len(stream.data) == 5 and len({t["worker"] for t in stream.data}) == 2
    assert len(_page_runs(dask_state.state_details.flow_run_id)) == 5
    with Client(address) as client:
        seen = client.run(lambda: (os.getcwd(), os.environ.get("OMP_THREAD_LIMIT"), os.environ.get("PREFECT_API_URL")))
    assert sorted(seen.values()) == [(str(tmp_path / f"worker-{k}"), "1", PREFECT_API_URL.value()) for k in (1, 2)]
    # No worker started a Prefect server of its own; nothing of theirs outlives them.
    children = _descendants(processes)
    assert not [p for p in children if "uvicorn" in " ".join(p.cmdline())]
    for process in processes[::-1]:
        stop_group(process, signal.SIGTERM)
    assert not [p for p in children if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
