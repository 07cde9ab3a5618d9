"""Dask workers made ready for pages by the flow itself, not by whoever started them.

A worker started with a bare ``dask worker tcp://…`` knows nothing of the flow: without
``PREFECT_API_URL`` each worker process would start a temporary Prefect server of its own (its task
runs lost to a throwaway database, its uvicorn orphaned when the worker stops), and without
``OMP_THREAD_LIMIT=1`` each Tesseract would start one OpenMP thread per core and fight the others.
The task runner below registers a worker plugin that sets this environment on every worker of the
cluster, including workers that join later.
"""

from __future__ import annotations

import os

from distributed.diagnostics.plugin import WorkerPlugin
from prefect.context import refresh_global_settings_context
from prefect.settings import get_current_settings
from prefect_dask import DaskTaskRunner

from ocr.errors import TelegramsError

PLUGIN_NAME = "telegrams-page-environment"


def page_environment() -> dict[str, str]:
    """What a worker's pages need: the flow's Prefect API, no server of its own, one OpenMP thread per Tesseract."""
    url = get_current_settings().api.url
    if not url:
        raise TelegramsError("the flow has no Prefect API URL to give its Dask workers",
                             "run the flow through telegrams ingest, or set PREFECT_API_URL")
    return {
        "PREFECT_API_URL": url,
        "PREFECT_SERVER_EPHEMERAL_ENABLED": "false",  # a worker that lost the URL fails instead of starting a server
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "OMP_THREAD_LIMIT": "1",
    }


class PageEnvironment(WorkerPlugin):
    """Sets ``environment`` in each worker's process: Tesseract and Prefect read it from there."""

    idempotent = False  # registered again by each flow run: a new temporary server has a new URL

    def __init__(self, environment: dict[str, str]) -> None:
        self.environment = environment

    def setup(self, worker) -> None:
        os.environ.update(self.environment)
        refresh_global_settings_context()  # Prefect, imported before this ran, reads its settings again


class PageDaskTaskRunner(DaskTaskRunner):
    """prefect-dask's runner, which also prepares the cluster's workers before the flow run's first task.

    Not when the runner is entered: Prefect enters a copy of the flow's runner on the worker around every
    task, and a plugin registered there would cost each page a new connection to the scheduler.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._workers_prepared = False

    def submit(self, *args, **kwargs):
        if not self._workers_prepared:
            self.client.register_plugin(PageEnvironment(page_environment()), name=PLUGIN_NAME)
            self._workers_prepared = True
        return super().submit(*args, **kwargs)
