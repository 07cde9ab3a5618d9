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


def all_finished(source: Path, output_dir: Path, settings: Settings) -> list[batch.Outcome] | None:
    """The skipped outcomes when every document under ``source`` is already done for these settings, else None.

    A document that cannot be opened is not done: the flow opens it again and records why it fails.
    """
    outcomes = []
    for path in load.discover(source):
        try:
            document = load.open_document(path)
        except (TelegramsError, OSError):
            return None
        earlier = batch.finished(document, output_dir, settings)
        if earlier is None:
            return None
        outcomes.append(earlier)
    return outcomes or None
