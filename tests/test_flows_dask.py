"""The same ingest flow on a two-process Dask cluster (prefect-dask) gives the single-process results."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.test_ingest_flow import small_batch, without_timestamps

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as local:
        yield local


def _outputs(outdir) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(outdir.glob("*.json"))
            if not p.name.startswith("batch-")}


def test_dask_cluster_gives_the_single_process_results(harness, cluster, tmp_path):
    from distributed import Client, get_task_stream

    from flows.ingest import ingest
    from flows.run import task_runner

    source = tmp_path / "scans"
    small_batch(source, 2)
    pages = small_batch(tmp_path / "pages", 3)
    (source / "folder-doc").mkdir()
    for page in pages:  # one document of three pages: its pages run on both workers
        shutil.move(page, source / "folder-doc" / page.name)
    (source / "broken.pdf").write_bytes(b"%PDF-1.4 not really")

    local = ingest.with_options(task_runner=task_runner(2))(source=source, output_dir=tmp_path / "local")
    with Client(cluster) as client, get_task_stream(client) as stream:
        dask = ingest.with_options(task_runner=task_runner(1, cluster.scheduler_address))(
            source=source, output_dir=tmp_path / "dask")

    assert [(o.document_id, o.status, o.pages) for o in dask] == [(o.document_id, o.status, o.pages) for o in local]
    assert {o.document_id: o.status for o in dask} == {"doc-000": "done", "doc-001": "done", "folder-doc": "done",
                                                        "broken": "failed"}
    local_docs, dask_docs = _outputs(tmp_path / "local"), _outputs(tmp_path / "dask")
    assert sorted(dask_docs) == ["broken.error.json", "doc-000.json", "doc-001.json", "folder-doc.json"]
    assert dask_docs.pop("broken.error.json")["stage"] == local_docs.pop("broken.error.json")["stage"] == "open"
    assert {k: without_timestamps(v) for k, v in dask_docs.items()} == {k: without_timestamps(v) for k, v in local_docs.items()}
    assert dask_docs["folder-doc.json"]["source"]["page_count"] == 3
    assert "Телеграмма" in dask_docs["doc-000.json"]["pages"][0]["text"]
    # The five pages ran on the cluster's workers, not in this process.
    assert len(stream.data) == 5 and {t["worker"] for t in stream.data} <= set(cluster.scheduler_info["workers"])
