"""Prefect's own tools work against the server the project runs on: the CLI's listing commands and the
client's reads (with the pinned fastapi, not 0.151+, whose server rejects its client's filters with 422)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import small_batch

PREFECT = Path(sys.executable).parent / "prefect"

pytestmark = pytest.mark.slow


def _cli(*arguments: str) -> str:
    from prefect.settings import PREFECT_API_URL

    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "COLUMNS": "250"}
    done = subprocess.run([str(PREFECT), *arguments], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_prefect_cli_and_client_list_what_an_ingest_left(harness, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.ingest import ingest

    small_batch(tmp_path / "scans", 1)
    state = ingest(source=tmp_path / "scans", output_dir=tmp_path / "output", return_state=True)
    deployment_id = ingest.to_deployment(name="cli-check").apply()

    with get_client(sync_client=True) as client:
        flow_runs = client.read_flow_runs()
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["ingest-summary"])))
        deployment = client.read_deployment(deployment_id)
    assert [run.id for run in flow_runs] == [state.state_details.flow_run_id]
    assert [a.flow_run_id for a in artifacts] == [state.state_details.flow_run_id]

    assert flow_runs[0].name in _cli("flow-run", "ls")
    assert "ingest/cli-check" in _cli("deployment", "ls") and deployment.name == "cli-check"
    listed = _cli("artifact", "ls")
    assert "ingest-summary" in listed and "ingest-failures" in listed
