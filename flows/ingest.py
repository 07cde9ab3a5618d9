"""The ingest flow: a folder (or one scan) in, contract JSON and diffs out.

Pages are tasks, so the pages of one document and of many run in parallel on the task runner
(threads here: Tesseract runs as its own process; or a Dask cluster). A document whose result is
already on disk for the same input and settings is skipped; a failing document leaves an error
record and the batch goes on. Each document is locked while it is done, so two runs on the same
output folder never do one twice; an output folder that takes no more files stops the batch.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import IO

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.futures import PrefectFuture

from ocr import load, logs
from ocr.batch import lock
from ocr.batch import outcome as batch
from ocr.batch.folder import OutputFolder
from ocr.errors import OutputError, TelegramsError
from ocr.exec import tesseract
from ocr.export.write import FORMATS
from ocr.page import PageResult
from ocr.page import process_page as read_page
from ocr.report import write as report
from ocr.settings import Settings

# Set by the CLI to drive its progress bar: called with an event name ("total", "page", "document",
# "skipped") and what it concerns.
progress_hook: Callable[[str, object], None] | None = None


# Documents and pages queued at once: enough to keep every worker busy, few enough that a batch of
# thousands (or of long PDFs) holds only this many documents' results in memory. A document longer than
# PAGES_IN_FLIGHT is still queued whole, alone: its pages are assembled together.
DOCUMENTS_IN_FLIGHT = 8
PAGES_IN_FLIGHT = 64
# Seconds Tesseract may spend on one page, all its readings together, before the page fails.
PAGE_TIME_LIMIT = float(os.environ.get("TELEGRAMS_PAGE_TIMEOUT", "600"))


def _progress(kind: str, item: object = None) -> None:
    if progress_hook is not None:
        progress_hook(kind, item)


def is_transient(exc: BaseException | None) -> bool:
    """True for an operating-system failure (an errno: EIO, ESTALE, EAGAIN…) that a second try may not meet.

    Our own errors are deterministic (a malformed file fails the same way every time) unless what
    raised them was such an OS failure; a decoder's complaint (PIL's OSErrors carry no errno) is not.
    """
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno is not None:
            return True
        if not isinstance(exc, TelegramsError):
            return False
        exc = exc.__cause__
    return False


def _retry_on_io(task, task_run, state) -> bool:
    return is_transient(state.result(raise_on_failure=False))


@task(name="open-document", retries=2, retry_delay_seconds=1, retry_condition_fn=_retry_on_io,
      task_run_name="open-{document_id}")
def open_document(path: Path, document_id: str) -> load.DocumentInput:
    """Describe a document (id, hash, pages) without decoding it."""
    return load.open_document(path, document_id)


@task(name="process-page", retries=2, retry_delay_seconds=1, retry_condition_fn=_retry_on_io,
      task_run_name="{document_id}-page-{ref.number}")
def process_page(ref: load.PageRef, settings: Settings, document_id: str,
                 debug_dir: Path | None = None) -> PageResult:
    """Load, preprocess, OCR and parse one page (the heavy stage); with ``debug_dir``, each preprocessing
    step's image is kept in ``debug_dir/<document>/page-NNN/``."""
    with logs.about(document_id, ref.number), tesseract.time_limit(PAGE_TIME_LIMIT):
        return read_page(ref, settings, debug_dir / document_id if debug_dir else None)


@task(name="write-document", task_run_name="write-{document.document_id}")
def write_document(document: load.DocumentInput, pages: list[PageResult], settings: Settings,
                   output_dir: Path, transcripts_dir: Path | None, formats: tuple[str, ...] = FORMATS) -> batch.Outcome:
    with logs.about(document.document_id):
        return batch.finish(document, pages, settings, output_dir, transcripts_dir, formats)


def _open_all(paths: list[Path], output_dir: Path) -> tuple[list[load.DocumentInput], list[batch.Outcome]]:
    documents, failures = [], []
    for path, document_id in zip(paths, load.document_ids(paths)):
        try:
            documents.append(open_document(path, document_id))
        except Exception as exc:  # one unreadable file must not stop the batch
            failures.append(batch.record_failure(output_dir, path, document_id, "open", exc))
            get_run_logger().warning("document %s: cannot open: %s", failures[-1].document_id, failures[-1].error)
            _progress("document", failures[-1])
    return documents, failures


def _collect(document: load.DocumentInput, futures: list[PrefectFuture], settings: Settings,
             output_dir: Path, transcripts_dir: Path | None, formats: tuple[str, ...]) -> batch.Outcome:
    stage = "process-page"
    try:
        pages = []
        for future in futures:
            pages.append(future.result())
            _progress("page")
        stage = "write-document"
        return write_document(document, pages, settings, output_dir, transcripts_dir, formats)
    except OutputError:
        raise
    except Exception as exc:
        return batch.record_failure(output_dir, document.path, document.document_id, stage, exc, document.sha256)


def _claim(document: load.DocumentInput, output_dir: Path, settings: Settings, force: bool,
           formats: tuple[str, ...]) -> tuple[IO | None, batch.Outcome | None]:
    """``(lock, None)`` when this run is to do the document; ``(None, outcome)`` when it is done or another run has it."""
    held = lock.try_acquire(OutputFolder(output_dir).lock(document.document_id))
    if held is None:
        return None, batch.Outcome(document.document_id, str(document.path), "busy", pages=len(document.pages),
                                   warnings=["another run was doing this document at the same time: left to it"])
    # Checked under the lock: another run may have finished it a moment ago.
    earlier = None if force else batch.finished(document, output_dir, settings, formats)
    if earlier:
        lock.release(held)
        return None, earlier
    return held, None


def _summarise(outcomes: list[batch.Outcome], output_dir: Path) -> Path:
    path = batch.write_summary(outcomes, output_dir)
    create_table_artifact(key="ingest-summary", table=batch.summary_rows(outcomes),
                          description=f"Ingest of {len(outcomes)} documents into {output_dir}")
    create_markdown_artifact(key="ingest-failures", markdown=batch.failures_markdown(outcomes, output_dir),
                             description=f"Failed documents of the ingest into {output_dir}")
    report.rebuild_index(output_dir)
    return path


def ingest_paths(paths: list[Path], output_dir: Path, transcripts_dir: Path | None, settings: Settings,
                 force: bool, debug_dir: Path | None = None, formats: tuple[str, ...] = FORMATS) -> list[batch.Outcome]:
    """The body of the ingest flows: process ``paths`` (one document each, written in ``formats``) and
    write the batch summary.

    Call it inside a flow run: it submits the page tasks to that flow's task runner. When the
    output folder takes no more files (:class:`OutputError`), the batch stops and the error is raised
    after the summary (if it can still be written).
    """
    logger = get_run_logger()
    output_dir.mkdir(parents=True, exist_ok=True)
    outcomes: list[batch.Outcome] = []
    in_flight: deque[tuple[load.DocumentInput, list[PrefectFuture], IO]] = deque()
    try:
        _run_batch(paths, output_dir, transcripts_dir, settings, force, debug_dir, formats, outcomes, in_flight)
    except OutputError as exc:
        logger.error("the batch stops: %s", exc)
        outcomes += [batch.Outcome(d.document_id, str(d.path), "failed", error=str(exc.args[0]),
                                   error_kind=f"{type(exc).__name__} at write-document") for d, _, _ in in_flight]
        _summarise_or_log(outcomes, output_dir)
        raise
    finally:
        for _, _, held in in_flight:
            lock.release(held)
    summary = _summarise(outcomes, output_dir)
    logger.info("%d documents, %d failed; summary in %s", len(outcomes),
                sum(o.status == "failed" for o in outcomes), summary)
    return outcomes


def _run_batch(paths: list[Path], output_dir: Path, transcripts_dir: Path | None, settings: Settings, force: bool,
               debug_dir: Path | None, formats: tuple[str, ...], outcomes: list[batch.Outcome],
               in_flight: deque[tuple[load.DocumentInput, list[PrefectFuture], IO]]) -> None:
    """Open, claim, read and write every document, appending to ``outcomes``; ``in_flight`` holds what is submitted."""
    logger = get_run_logger()
    documents, failures = _open_all(paths, output_dir)
    outcomes += failures
    for part in batch.sweep_partial(output_dir, {d.document_id: len(d.pages) for d in documents}):
        logger.warning("removed %s, left half-written by an interrupted run", part.name)
    _progress("total", (len(paths), sum(len(d.pages) for d in documents)))

    def collect_oldest() -> None:
        document, futures, held = in_flight[0]
        outcomes.append(_collect(document, futures, settings, output_dir, transcripts_dir, formats))
        in_flight.popleft()
        lock.release(held)
        _progress("document", outcomes[-1])
        logger.info("document %s: %s%s", document.document_id, outcomes[-1].status,
                    f" ({outcomes[-1].error})" if outcomes[-1].error else "")

    for document in documents:
        held, earlier = _claim(document, output_dir, settings, force, formats)
        if earlier:
            outcomes.append(earlier)
            logger.info("document %s: %s", document.document_id,
                        "up to date, skipped" if earlier.status == "skipped" else "taken by another run")
            _progress("skipped", document)
            continue
        in_flight.append((document, [process_page.submit(ref, settings, document.document_id, debug_dir)
                                     for ref in document.pages], held))
        while queue_full([len(futures) for _, futures, _ in in_flight]):
            collect_oldest()
    while in_flight:
        collect_oldest()


def queue_full(pages_in_flight: list[int]) -> bool:
    """Whether the oldest queued document must be collected before another is queued, given each queued
    document's page count."""
    return len(pages_in_flight) > DOCUMENTS_IN_FLIGHT or (len(pages_in_flight) > 1 and sum(pages_in_flight) > PAGES_IN_FLIGHT)


def _summarise_or_log(outcomes: list[batch.Outcome], output_dir: Path) -> None:
    try:
        _summarise(outcomes, output_dir)
    except (OutputError, OSError) as exc:
        get_run_logger().error("no batch summary written: %s", exc)


def fail_if_all_failed(outcomes: list[batch.Outcome], output_dir: Path) -> list[batch.Outcome]:
    """The outcomes, unless every document failed: then the flow run fails (a batch with some failures completes)."""
    failed = sum(o.status == "failed" for o in outcomes)
    if outcomes and failed == len(outcomes):
        raise TelegramsError(f"all {failed} documents failed", f"see the .error.json files in {output_dir}")
    return outcomes


@flow(name="ingest", log_prints=False)
def ingest(source: Path, output_dir: Path, transcripts_dir: Path | None = None,
           settings: Settings = Settings(), force: bool = False,
           debug_dir: Path | None = None, formats: tuple[str, ...] = FORMATS) -> list[batch.Outcome]:
    """Ingest every document under ``source`` into ``output_dir`` in ``formats``; returns one outcome per document."""
    outcomes = ingest_paths(load.discover(source), output_dir, transcripts_dir, settings, force, debug_dir, formats)
    return fail_if_all_failed(outcomes, output_dir)
