"""Is there anything to do? Answered before Prefect is imported or a server started.

A rerun over a finished batch must cost what hashing its inputs costs, not a server's start-up:
this module imports no Prefect.
"""

from __future__ import annotations

from pathlib import Path

from ocr import load
from ocr.batch import outcome as batch
from ocr.errors import TelegramsError
from ocr.settings import Settings


def all_finished(source: Path, output_dir: Path, settings: Settings,
                 formats: tuple[str, ...] = ("json",)) -> list[batch.Outcome] | None:
    """The skipped outcomes when every document under ``source`` is already done for these settings and
    has the chosen exports, else None (documents get the ids the batch would give them).

    A document that cannot be opened is not done: the flow opens it again and records why it fails.
    """
    outcomes = []
    paths = load.discover(source)
    for path, document_id in zip(paths, load.document_ids(paths)):
        try:
            document = load.open_document(path, document_id)
        except (TelegramsError, OSError):
            return None
        earlier = batch.finished(document, output_dir, settings, formats)
        if earlier is None:
            return None
        outcomes.append(earlier)
    return outcomes or None
