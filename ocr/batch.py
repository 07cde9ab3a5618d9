"""Batch bookkeeping: what is already done, what failed and why, and one document's results on disk.

A document is done when ``<id>.json`` exists for the same input hash and settings fingerprint; a
failure leaves ``<id>.error.json`` (stage, message, input hash) and never a half-written result.
"""

from __future__ import annotations

import json
import traceback
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ocr import diff, store
from ocr.errors import TelegramsError
from ocr.load import DocumentInput, file_sha256
from ocr.pipeline import PageResult, Settings, assemble_document
from ocr.transcript import find_transcript, read_transcript


@dataclass
class Outcome:
    """One document's line in the batch summary."""

    document_id: str
    path: str
    status: str  # "done" | "skipped" | "failed"
    pages: int = 0
    mean_confidence: float | None = None
    cer: float | None = None
    wer: float | None = None
    field_accuracy: float | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def output_path(output_dir: Path, document_id: str) -> Path:
    return output_dir / f"{document_id}.json"


def error_path(output_dir: Path, document_id: str) -> Path:
    return output_dir / f"{document_id}.error.json"


def finished(document: DocumentInput, output_dir: Path, settings: Settings) -> Outcome | None:
    """The earlier outcome when a valid result for this input and these settings is on disk."""
    path = output_path(output_dir, document.document_id)
    try:
        done = store.read_document(path)
    except (OSError, ValueError):
        return None
    if done.source.sha256 != document.sha256 or done.provenance.settings_hash != settings.fingerprint():
        return None
    report = _read_diff(output_dir, document.document_id)
    return Outcome(
        document_id=document.document_id, path=str(document.path), status="skipped", pages=len(done.pages),
        mean_confidence=done.quality.mean_confidence, warnings=done.quality.warnings,
        cer=report.get("cer"), wer=report.get("wer"), field_accuracy=report.get("field_accuracy"),
    )


def _read_diff(output_dir: Path, document_id: str) -> dict:
    try:
        return json.loads((output_dir / f"{document_id}.diff.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def record_failure(output_dir: Path, path: Path, document_id: str, stage: str, exc: BaseException,
                   sha256: str | None = None) -> Outcome:
    """Write ``<id>.error.json`` and return the failed outcome."""
    message = str(exc.args[0]) if isinstance(exc, TelegramsError) else f"{type(exc).__name__}: {exc}"
    if sha256 is None and path.exists():
        sha256 = file_sha256(path)
    store.write_json_atomic(error_path(output_dir, document_id), {
        "document_id": document_id,
        "path": str(path),
        "stage": stage,
        "error_type": type(exc).__name__,
        "message": message,
        "hint": getattr(exc, "hint", ""),
        "input_sha256": sha256,
        "failed_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "traceback": "".join(traceback.format_exception(exc)) if not isinstance(exc, TelegramsError) else None,
    })
    return Outcome(document_id=document_id, path=str(path), status="failed", error=message)


def finish(document: DocumentInput, pages: list[PageResult], settings: Settings, output_dir: Path,
           transcripts_dir: Path | None = None) -> Outcome:
    """Assemble and write the document, and its diff when a transcription is found."""
    result = assemble_document(document, pages, settings)
    outcome = Outcome(
        document_id=result.document_id, path=str(document.path), status="done", pages=len(result.pages),
        mean_confidence=result.quality.mean_confidence, warnings=list(result.quality.warnings),
    )
    transcript_path = find_transcript(document.path, transcripts_dir)
    if transcript_path is not None:
        report = diff.diff_document(result, read_transcript(transcript_path), transcript_path)
        store.write_json_atomic(output_dir / f"{result.document_id}.diff.json", report)
        outcome.cer, outcome.wer, outcome.field_accuracy = report.cer, report.wer, report.field_accuracy
    # The document last: its presence is what marks the work finished for a rerun.
    store.write_document(result, output_dir)
    error_path(output_dir, result.document_id).unlink(missing_ok=True)
    return outcome
