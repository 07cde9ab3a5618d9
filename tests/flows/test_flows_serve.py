"""`telegrams serve` against a real Prefect server: the deployment is registered with its schedule, a
triggered run ingests the inbox, and the next run takes only what is new (the ledger)."""

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
from ocr.batch import ledger
from tests.builders import free_port, small_batch, stop_group

BIN = Path(sys.executable).parent
DEPLOYMENT = "ingest-inbox/test-inbox"

pytestmark = pytest.mark.slow


def _environment(home: Path, api_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "OMP_THREAD_LIMIT": "1"}
    return env | ({"PREFECT_API_URL": api_url, "PREFECT_RUNNER_POLL_FREQUENCY": "1"} if api_url else {})


def _wait_for_health(server: subprocess.Popen, url: str, log: Path, timeout: float = 90) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    deadline = time.monotonic() + timeout
    with temporary_settings({PREFECT_API_URL: url}), get_client(sync_client=True) as client:
        while client.api_healthcheck() is not None:  # the error while the server is not up yet
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"the Prefect server did not answer its health check in {timeout} s"
            time.sleep(0.5)


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"],
        stdout=(home / "server.log").open("w"), stderr=subprocess.STDOUT, env=_environment(home), start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/api"
    try:
        _wait_for_health(server, url, home / "server.log")
        yield url
    finally:
        stop_group(server, signal.SIGTERM, grace=15)


def _wait_for_deployment(client, serve: subprocess.Popen, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while True:
        assert serve.poll() is None, "telegrams serve exited early"
        try:
            return client.read_deployment_by_name(DEPLOYMENT)
        except Exception:  # not registered yet
            assert time.monotonic() < deadline, f"{DEPLOYMENT} not registered after {timeout} s"
            time.sleep(0.5)


def _run(url: str):
    from prefect.deployments import run_deployment

    flow_run = run_deployment(DEPLOYMENT, timeout=150, poll_interval=1)
    assert flow_run.state.is_completed(), flow_run.state
    return flow_run


def test_serve_registers_schedule_and_ingests_only_new_inputs(prefect_server, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    inbox, outdir = tmp_path / "inbox", tmp_path / "output"
    small_batch(inbox, 2)
    serve = subprocess.Popen(
        [str(BIN / "telegrams"), "serve", "--inbox", str(inbox), "--output", str(outdir), "--name", "test-inbox",
         "--cron", "0 2 * * *", "--workers", "2"],
        stdout=(tmp_path / "serve.out").open("w"), stderr=(tmp_path / "serve.err").open("w"),
        env=_environment(tmp_path / "prefect-home", prefect_server), start_new_session=True,
    )
    try:
        with temporary_settings({PREFECT_API_URL: prefect_server}), get_client(sync_client=True) as client:
            deployment = _wait_for_deployment(client, serve)
            assert [s.schedule.cron for s in deployment.schedules] == ["0 2 * * *"]
            assert deployment.parameters["inbox"] == str(inbox.resolve())

            _run(prefect_server)
            written = {p.name: p.stat().st_mtime_ns for p in outdir.glob("doc-*.json")}
            assert sorted(written) == ["doc-000.json", "doc-001.json"]
            for path in outdir.glob("doc-*.json"):
                schema.validate(json.loads(path.read_text(encoding="utf-8")))
            entries = ledger.read(outdir)
            assert {Path(k).name: e.status for k, e in entries.items()} == {"doc-000.png": "done", "doc-001.png": "done"}

            small_batch(inbox, 3)  # rewrites the first two unchanged, adds doc-002
            _run(prefect_server)
            assert {p.name: p.stat().st_mtime_ns for p in outdir.glob("doc-00[01].json")} == written
            assert (outdir / "doc-002.json").is_file()
            summaries = sorted(outdir.glob("batch-*.json"))
            assert len(summaries) == 2
            last = json.loads(summaries[-1].read_text(encoding="utf-8"))
            assert [(o["document_id"], o["status"]) for o in last["outcomes"]] == [("doc-002", "done")]
    finally:
        stop_group(serve)
    stderr = (tmp_path / "serve.err").read_text(encoding="utf-8")
    assert "Traceback" not in stderr and "Error flushing events" not in stderr, stderr
