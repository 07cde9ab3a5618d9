"""The ingest flow: a folder (or one scan) in, contract JSON and diffs out.

Pages are tasks, so the pages of one document and of many run in parallel on the task runner
(threads here: Tesseract runs as its own process; or a Dask cluster). A document whose result is
already on disk for the same input and settings is skipped; a failing document leaves an error
record and the batch goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.futures import PrefectFuture

from ocr import load
from ocr.batch import outcome as batch
from ocr.errors import TelegramsError
from ocr.export.write import FORMATS
from ocr.page import PageResult
from ocr.page import process_page as read_page
from ocr.report import write as report
from ocr.settings import Settings

# Set by the CLI to drive its progress bar: called with an event name ("total", "page", "document",
# "skipped") and what it concerns.
progress_hook: Callable[[str, object], None] | None = None


# Documents whose pages are queued at once: enough to keep every worker busy, few enough that a batch
# of thousands holds only this many documents' results in memory.
DOCUMENTS_IN_FLIGHT = 8


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
      task_run_name="open-{path.name}")
def open_document(path: Path) -> load.DocumentInput:
    """Describe a document (id, hash, pages) without decoding it."""
    return load.open_document(path)


@task(name="process-page", retries=2, retry_delay_seconds=1, retry_condition_fn=_retry_on_io,
      task_run_name="{document_id}-page-{ref.number}")
def process_page(ref: load.PageRef, settings: Settings, document_id: str,
                 debug_dir: Path | None = None) -> PageResult:
    """Load, preprocess, OCR and parse one page (the heavy stage); with ``debug_dir``, each preprocessing
    step's image is kept in ``debug_dir/<document>/page-NNN/``."""
    logger = get_run_logger()
    logger.info("document %s page %d: reading", document_id, ref.number)
    result = read_page(ref, settings, debug_dir / document_id if debug_dir else None)
    logger.info("document %s page %d: %d words, mean confidence %.1f", document_id, ref.number,
                len(result.words), result.mean_confidence)
    return result


@task(name="write-document", task_run_name="write-{document.document_id}")
def write_document(document: load.DocumentInput, pages: list[PageResult], settings: Settings,
                   output_dir: Path, transcripts_dir: Path | None, formats: tuple[str, ...] = FORMATS) -> batch.Outcome:
    return batch.finish(document, pages, settings, output_dir, transcripts_dir, formats)


def _open_all(paths: list[Path], output_dir: Path) -> tuple[list[load.DocumentInput], list[batch.Outcome]]:
    documents, failures = [], []
    for path in paths:
        try:
            documents.append(open_document(path))
        except Exception as exc:  # one unreadable file must not stop the batch
            failures.append(batch.record_failure(output_dir, path, load.document_id(path), "open", exc))
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
    except Exception as exc:
        return batch.record_failure(output_dir, document.path, document.document_id, stage, exc, document.sha256)


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

    Call it inside a flow run: it submits the page tasks to that flow's task runner.
    """
    logger = get_run_logger()
    output_dir.mkdir(parents=True, exist_ok=True)
    documents, outcomes = _open_all(paths, output_dir)
    for part in batch.sweep_partial(output_dir, [d.document_id for d in documents]):
        logger.warning("removed %s, left half-written by an interrupted run", part.name)
    _progress("total", (len(paths), sum(len(d.pages) for d in documents)))
    in_flight: deque[tuple[load.DocumentInput, list[PrefectFuture]]] = deque()

    def collect_oldest() -> None:
        document, futures = in_flight.popleft()
        outcomes.append(_collect(document, futures, settings, output_dir, transcripts_dir, formats))
        _progress("document", outcomes[-1])
        logger.info("document %s: %s%s", document.document_id, outcomes[-1].status,
                    f" ({outcomes[-1].error})" if outcomes[-1].error else "")

    for document in documents:
        earlier = None if force else batch.finished(document, output_dir, settings, formats)
        if earlier:
            outcomes.append(earlier)
            logger.info("document %s: up to date, skipped", document.document_id)
            _progress("skipped", document)
            continue
        in_flight.append((document, [process_page.submit(ref, settings, document.document_id, debug_dir)
                                     for ref in document.pages]))
        if len(in_flight) > DOCUMENTS_IN_FLIGHT:
            collect_oldest()
    while in_flight:
        collect_oldest()
    summary = _summarise(outcomes, output_dir)
    logger.info("%d documents, %d failed; summary in %s", len(outcomes),
                sum(o.status == "failed" for o in outcomes), summary)
    return outcomes


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
