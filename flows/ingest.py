"""The ingest flow: a folder (or one scan) in, contract JSON and diffs out.

Pages are tasks, so the pages of one document and of many run in parallel on the task runner
(threads here: Tesseract runs as its own process; or a Dask cluster). A document whose result is
already on disk for the same input and settings is skipped; a failing document leaves an error
record and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.futures import PrefectFuture

from ocr import batch, load, pipeline, store
from ocr.errors import TelegramsError

# Set by the CLI to drive its progress bar: called with an event name ("total", "page", "document",
# "skipped") and what it concerns.
progress_hook: Callable[[str, object], None] | None = None


def _progress(kind: str, item: object = None) -> None:
    if progress_hook is not None:
        progress_hook(kind, item)


def _is_io_error(task, task_run, state) -> bool:
    """Retry reading only when the OS failed: a malformed file fails the same way every time."""
    return isinstance(state.result(raise_on_failure=False), OSError)


@task(name="open-document", retries=2, retry_delay_seconds=1, retry_condition_fn=_is_io_error,
      task_run_name="open-{path.name}")
def open_document(path: Path) -> load.DocumentInput:
    """Describe a document (id, hash, pages) without decoding it."""
    return load.open_document(path)


@task(name="process-page", task_run_name="{ref.path.stem}-page-{ref.number}")
def process_page(ref: load.PageRef, settings: pipeline.Settings) -> pipeline.PageResult:
    get_run_logger().debug("document %s page %d", ref.path.stem, ref.number)
    return pipeline.process_page(ref, settings)


@task(name="write-document", task_run_name="write-{document.document_id}")
def write_document(document: load.DocumentInput, pages: list[pipeline.PageResult], settings: pipeline.Settings,
                   output_dir: Path, transcripts_dir: Path | None) -> batch.Outcome:
    return batch.finish(document, pages, settings, output_dir, transcripts_dir)


def _open_all(paths: list[Path], output_dir: Path) -> tuple[list[load.DocumentInput], list[batch.Outcome]]:
    documents, failures = [], []
    for path in paths:
        try:
            documents.append(open_document(path))
        except Exception as exc:  # one unreadable file must not stop the batch
            failures.append(batch.record_failure(output_dir, path, load.document_id(path), "open", exc))
            _progress("document", failures[-1])
    return documents, failures


def _collect(document: load.DocumentInput, futures: list[PrefectFuture], settings: pipeline.Settings,
             output_dir: Path, transcripts_dir: Path | None) -> batch.Outcome:
    stage = "process-page"
    try:
        pages = []
        for future in futures:
            pages.append(future.result())
            _progress("page")
        stage = "write-document"
        return write_document(document, pages, settings, output_dir, transcripts_dir)
    except Exception as exc:
        return batch.record_failure(output_dir, document.path, document.document_id, stage, exc, document.sha256)


def _summarise(outcomes: list[batch.Outcome], output_dir: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = store.write_json_atomic(output_dir / f"batch-{stamp}.json", {
        "finished_at": stamp,
        "documents": len(outcomes),
        "done": sum(o.status == "done" for o in outcomes),
        "skipped": sum(o.status == "skipped" for o in outcomes),
        "failed": sum(o.status == "failed" for o in outcomes),
        "outcomes": [o.as_dict() for o in outcomes],
    })
    create_table_artifact(
        key="ingest-summary",
        table=[{k: v for k, v in o.as_dict().items() if k != "warnings"} | {"warnings": "; ".join(o.warnings)}
               for o in outcomes],
        description=f"Ingest of {len(outcomes)} documents into {output_dir}",
    )
    return path


@flow(name="ingest", log_prints=False)
def ingest(source: Path, output_dir: Path, transcripts_dir: Path | None = None,
           settings: pipeline.Settings = pipeline.Settings(), force: bool = False) -> list[batch.Outcome]:
    """Ingest every document under ``source`` into ``output_dir``; returns one outcome per document."""
    logger = get_run_logger()
    output_dir.mkdir(parents=True, exist_ok=True)
    paths = load.discover(source)
    documents, outcomes = _open_all(paths, output_dir)
    _progress("total", (len(paths), sum(len(d.pages) for d in documents)))
    pending = []
    for document in documents:
        earlier = None if force else batch.finished(document, output_dir, settings)
        if earlier:
            outcomes.append(earlier)
            _progress("skipped", document)
        else:
            pending.append((document, [process_page.submit(ref, settings) for ref in document.pages]))
    for document, futures in pending:
        outcomes.append(_collect(document, futures, settings, output_dir, transcripts_dir))
        _progress("document", outcomes[-1])
        logger.info("%s: %s", document.document_id, outcomes[-1].status)
    summary = _summarise(outcomes, output_dir)
    failed = sum(o.status == "failed" for o in outcomes)
    logger.info("%d documents, %d failed; summary in %s", len(outcomes), failed, summary)
    if outcomes and failed == len(outcomes):
        raise TelegramsError(f"all {failed} documents failed", f"see the .error.json files in {output_dir}")
    return outcomes
