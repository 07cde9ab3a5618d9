"""Running the ingest flow from the command line: task runner, progress bar, quiet shutdown."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
    get_current_settings,
    temporary_settings,
)
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from flows import ingest as ingest_module
from ocr.batch.outcome import Outcome
from ocr.errors import TelegramsError
from ocr.export.write import FORMATS
from ocr.settings import Settings

# Seconds a temporary server may take to answer: Prefect's default (20) is too short on a loaded machine.
STARTUP_TIMEOUT = 90


class _Progress:
    """Adapts the flow's progress events to a rich progress bar of documents and pages."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.documents = progress.add_task("documents", total=None)
        self.pages = progress.add_task("pages", total=None)

    def __call__(self, event: str, item: object = None) -> None:
        if event == "total":
            documents, pages = item
            self.progress.update(self.documents, total=documents)
            self.progress.update(self.pages, total=pages)
        elif event == "page":
            self.progress.advance(self.pages)
        elif event == "skipped":
            self.progress.advance(self.documents)
            self.progress.update(self.pages, total=max(0, (self.progress.tasks[self.pages].total or 0) - len(item.pages)))
        elif event == "document":
            self.progress.advance(self.documents)


def quiet_prefect_logs(verbose: bool) -> None:
    """Keep Prefect's own tracebacks off the console: failures are in the summary and the error records.

    Events still queued when the temporary server stops are of no use to a command-line run; their
    flush errors at shutdown would only alarm the user.
    """
    names = ["prefect.events.clients", "prefect.server.events", "prefect._internal.concurrency"]
    if not verbose:
        names += ["prefect.task_runs", "prefect.flow_runs"]
    for name in names:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def task_runner(workers: int, dask_address: str | None = None) -> TaskRunner:
    """``workers`` threads in this process (each page's Tesseract is its own process), or a Dask cluster's workers."""
    if dask_address:
        from flows.dask_workers import PageDaskTaskRunner

        return PageDaskTaskRunner(address=dask_address)
    return ThreadPoolTaskRunner(max_workers=workers)


@contextmanager
def prefect_api() -> Iterator[str]:
    """The Prefect API the flow reports to: ``PREFECT_API_URL`` if set, else a temporary server for this run.

    Prefect would start the temporary server itself, but only this process would know its address:
    started here, its URL is in the flow's settings, which Dask workers receive with each task.
    """
    url = get_current_settings().api.url
    if url:
        yield url
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    try:
        _start(server)
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            yield server.api_url
            _drain()
    finally:
        server.stop()


def _start(server) -> None:
    timeout = max(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value(), STARTUP_TIMEOUT)
    try:
        server.start(timeout=timeout)
    except RuntimeError as exc:
        raise TelegramsError(f"the temporary Prefect server did not start in {timeout} s: {exc}",
                             "start one (prefect server start) and set PREFECT_API_URL") from exc


def _drain() -> None:
    """Send the logs and events still queued while their server is up (a stopped one would refuse them)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all()
    EventsWorker.drain_all()


def run_ingest(source: Path, output: Path, transcripts: Path | None, settings: Settings, *, force: bool,
               workers: int, console: Console, verbose: bool = False, dask_address: str | None = None,
               debug_dir: Path | None = None, formats: tuple[str, ...] = FORMATS) -> list[Outcome]:
    """Run the ingest flow with ``workers`` pages at once (or on the Dask cluster at ``dask_address``),
    showing progress on ``console``."""
    quiet_prefect_logs(verbose)
    flow = ingest_module.ingest.with_options(task_runner=task_runner(workers, dask_address))
    columns = (TextColumn("{task.description:>9}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with prefect_api(), Progress(*columns, console=console, transient=False) as progress:
        ingest_module.progress_hook = _Progress(progress)
        try:
            return flow(source=source, output_dir=output, transcripts_dir=transcripts, settings=settings, force=force,
                        debug_dir=debug_dir, formats=formats)
        finally:
            ingest_module.progress_hook = None
