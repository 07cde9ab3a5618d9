"""The inbox flow: what a schedule runs. Takes only the inputs of a watched folder not yet processed.

The ledger (``ocr.batch.ledger``, in the output folder) remembers each input's path, SHA-256 and settings
fingerprint and chosen export formats, so tonight's run skips what last night's took, across processes and days.
"""

# No ``from __future__ import annotations``: the served flow is run in a spawned process, where Prefect
# builds its parameter model from these annotations and must find real types, not strings.
from pathlib import Path

from prefect import flow, get_run_logger

from flows.ingest import fail_if_all_failed, ingest_paths
from ocr import load
from ocr.batch import ledger
from ocr.batch import outcome as batch
from ocr.export.write import FORMATS, parse_formats
from ocr.recognize import OcrSettings
from ocr.settings import Settings


@flow(name="ingest-inbox", log_prints=False)
def ingest_inbox(inbox: Path, output_dir: Path, transcripts_dir: Path | None = None, dpi: int = 300,
                 lang: str = "rus", force: bool = False, formats: str = ",".join(FORMATS),
                 correct: bool = True) -> list[batch.Outcome]:
    """Ingest the new or changed documents under ``inbox`` into ``output_dir`` (in ``formats``, comma-separated)
    and record them in the ledger."""
    logger = get_run_logger()
    settings = Settings(dpi=dpi, ocr=OcrSettings(lang=lang), correct=correct)
    chosen = parse_formats(formats)
    fingerprint = ledger.fingerprint(settings.fingerprint(), chosen)
    paths = load.discover(inbox)
    candidates = [ledger.Candidate(p, load.file_sha256(p)) for p in paths] if force else \
        ledger.pending(paths, output_dir, fingerprint)
    logger.info("inbox %s: %d documents, %d new or changed", inbox, len(paths), len(candidates))
    if not candidates:
        return []
    outcomes = ingest_paths([c.path for c in candidates], output_dir, transcripts_dir, settings, force,
                            formats=chosen)
    by_path = {o.path: o for o in outcomes}
    ledger.record(output_dir, fingerprint, [(c, by_path[str(c.path)].status, by_path[str(c.path)].document_id)
                                           for c in candidates if str(c.path) in by_path])
    return fail_if_all_failed(outcomes, output_dir)
