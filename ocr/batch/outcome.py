"""Batch bookkeeping: what is already done, what failed and why, and one document's results on disk.

A document is done when ``<id>.json`` exists for the same input hash and settings fingerprint; a
failure leaves ``<id>.error.json`` (stage, message, input hash) and never a half-written result.
"""

from __future__ import annotations

import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ocr.batch import store
from ocr.batch.folder import OutputFolder
from ocr.compare import diff, metrics
from ocr.compare.references import find_transcript, read_reference
from ocr.contract import TelegramDocument
from ocr.document import assemble_document
from ocr.errors import TelegramsError
from ocr.export.write import exports_present, write_exports
from ocr.load import DocumentInput, file_sha256
from ocr.page import PageResult
from ocr.report import write as report
from ocr.settings import Settings


@dataclass
class Outcome:
    """One document's line in the batch summary."""

    document_id: str
    path: str
    status: str  # "done" | "skipped" | "failed" | "busy" (another run was doing it at the same time)
    pages: int = 0
    mean_confidence: float | None = None
    cer: float | None = None
    wer: float | None = None
    field_accuracy: float | None = None
    reference_characters: int | None = None  # length of the transcription's body, the CER's weight
    reference_words: int | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None  # e.g. "InputError at open": what the batch summary counts failures by

    def as_dict(self) -> dict:
        return asdict(self)


def finished(document: DocumentInput, output_dir: Path, settings: Settings,
             formats: tuple[str, ...] = ("json",)) -> Outcome | None:
    """The earlier outcome when a valid result for this input and these settings is on disk, with its chosen exports."""
    folder = OutputFolder(output_dir)
    try:
        done = folder.read_document(document.document_id)
    except (OSError, ValueError):
        return None
    if done.source.sha256 != document.sha256 or done.provenance.settings_hash != settings.fingerprint():
        return None
    if not exports_present(folder, done.document_id, len(done.pages), formats):
        return None
    outcome = Outcome(
        document_id=document.document_id, path=str(document.path), status="skipped", pages=len(done.pages),
        mean_confidence=done.quality.mean_confidence, warnings=done.quality.warnings,
    )
    try:
        _with_rates(outcome, folder.read_diff(document.document_id))
    except (OSError, ValueError):
        pass  # no transcription, or a comparison to be redone on --force: the summary shows no rates
    return outcome


def _with_rates(outcome: Outcome, found: diff.DiffReport) -> Outcome:
    primary = found.profiles[diff.PRIMARY_PROFILE]
    outcome.cer, outcome.wer, outcome.field_accuracy = found.cer, found.wer, found.field_accuracy
    outcome.reference_characters, outcome.reference_words = primary.reference_characters, primary.reference_words
    return outcome



def record_failure(output_dir: Path, path: Path, document_id: str, stage: str, exc: BaseException,
                   sha256: str | None = None) -> Outcome:
    """Write ``<id>.error.json`` and return the failed outcome."""
    message = str(exc.args[0]) if isinstance(exc, TelegramsError) else f"{type(exc).__name__}: {exc}"
    if sha256 is None and path.is_file():
        try:
            sha256 = file_sha256(path)
        except OSError:  # unreadable: the record says so without its hash
            sha256 = None
    store.write_json_atomic(OutputFolder(output_dir).error(document_id), {
        "document_id": document_id,
        "path": str(path),
        "stage": stage,
        "error_type": type(exc).__name__,
        "message": message,
        "hint": getattr(exc, "hint", ""),
        "input_sha256": sha256,
        "failed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "traceback": "".join(traceback.format_exception(exc)) if not isinstance(exc, TelegramsError) else None,
    })
    return Outcome(document_id=document_id, path=str(path), status="failed", error=message,
                   error_kind=f"{type(exc).__name__} at {stage}")


def write_comparison(document: TelegramDocument, transcript_path: Path, output_dir: Path,
                     scan: DocumentInput | None, words_by_page: dict | None = None) -> diff.DiffReport:
    """``<id>.diff.json`` and the reviewer's ``<id>.diff.html`` for a document and its transcription."""
    transcript = read_reference(transcript_path)
    found = diff.diff_document(document, transcript, transcript_path)
    store.write_json_atomic(OutputFolder(output_dir).diff(document.document_id), found)
    report.write_document_report(document, transcript, found, scan, output_dir, words_by_page)
    return found


def finish(document: DocumentInput, pages: list[PageResult], settings: Settings, output_dir: Path,
           transcripts_dir: Path | None = None, formats: tuple[str, ...] = ("json",)) -> Outcome:
    """Assemble and write the document, its chosen exports, and its diff when a transcription is found."""
    result = assemble_document(document, pages, settings)
    outcome = Outcome(
        document_id=result.document_id, path=str(document.path), status="done", pages=len(result.pages),
        mean_confidence=result.quality.mean_confidence, warnings=list(result.quality.warnings),
    )
    transcript_path = find_transcript(document.path, transcripts_dir)
    if transcript_path is not None:
        _with_rates(outcome, write_comparison(result, transcript_path, output_dir, document,
                                              {page.number: page.words for page in pages}))
    write_exports(result, document, output_dir, formats)
    # The document last: its presence is what marks the work finished for a rerun.
    folder = OutputFolder(output_dir)
    store.write_document(result, folder.document(result.document_id))
    folder.error(result.document_id).unlink(missing_ok=True)
    return outcome


def write_summary(outcomes: list[Outcome], output_dir: Path) -> Path:
    """``output_dir/batch-<UTC timestamp>.json``: the counts and every document's outcome."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return store.write_json_atomic(OutputFolder(output_dir).summary(stamp), {
        "finished_at": stamp,
        "documents": len(outcomes),
        "done": sum(o.status == "done" for o in outcomes),
        "skipped": sum(o.status == "skipped" for o in outcomes),
        "failed": sum(o.status == "failed" for o in outcomes),
        "busy": sum(o.status == "busy" for o in outcomes),
        "failures": failure_counts(outcomes),
        "rates": batch_rates(outcomes),
        "outcomes": [o.as_dict() for o in outcomes],
    })


def failure_counts(outcomes: list[Outcome]) -> dict[str, int]:
    """How many documents failed of each kind ("InputError at open": 3), the commonest first."""
    return dict(Counter(o.error_kind or "unknown" for o in outcomes if o.status == "failed").most_common())


def batch_rates(outcomes: list[Outcome]) -> dict:
    """CER and WER over the batch's documents with a transcription: micro (weighted by reference length) and macro."""
    compared = [o for o in outcomes if o.cer is not None and o.reference_characters]
    if not compared:
        return {"documents": 0}
    return {
        "documents": len(compared),
        "cer_micro": metrics.micro_average((o.cer, o.reference_characters) for o in compared),
        "wer_micro": metrics.micro_average((o.wer, o.reference_words or 0) for o in compared),
        "cer_macro": metrics.macro_average((o.cer, o.reference_characters) for o in compared),
        "wer_macro": metrics.macro_average((o.wer, o.reference_words or 0) for o in compared),
        "definition": "micro: errors over all reference characters (words) of the batch; macro: mean of the documents' rates",
    }


def summary_rows(outcomes: list[Outcome]) -> list[dict]:
    """One flat row per document (warnings joined) for a table."""
    return [o.as_dict() | {"warnings": "; ".join(o.warnings)} for o in outcomes]


def failures_markdown(outcomes: list[Outcome], output_dir: Path) -> str:
    """A markdown report of the batch's failed documents, or a line saying there were none."""
    failed = [o for o in outcomes if o.status == "failed"]
    head = (f"# Ingest into `{output_dir}`\n\n{len(outcomes)} documents: "
            f"{sum(o.status == 'done' for o in outcomes)} done, {sum(o.status == 'skipped' for o in outcomes)} skipped, "
            f"{len(failed)} failed.\n")
    if not failed:
        return head + "\nNo failures.\n"
    rows = [f"| {_cell(o.document_id)} | `{_cell(o.path)}` | {_cell(o.error or '')} | "
            f"`{_cell(OutputFolder(output_dir).error(o.document_id).name)}` |" for o in failed]
    return head + "\n| document | input | error | record |\n|---|---|---|---|\n" + "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def sweep_partial(output_dir: Path, documents: dict[str, int]) -> list[Path]:
    """Remove temporary ``.part`` files a killed run left for these documents (id → page count); returns them.

    Only this batch's documents: a ``.part`` file is a write in progress, and another batch may be
    writing other documents into the same folder right now.
    """
    folder = OutputFolder(output_dir)
    removed = []
    for document_id, page_count in documents.items():
        for path in folder.files(document_id, page_count):
            for part in store.partial_files(path):
                part.unlink(missing_ok=True)
                removed.append(part)
    return removed
