"""The command line's logging: how much the library says (-v, -q), where it goes, and Prefect's share of it."""

from __future__ import annotations

import logging
import os

from rich.logging import RichHandler

from ocr import logs

FORMAT = "%(where)s%(message)s  [%(name)s]"


def level(verbose: int, quiet: bool) -> int:
    """-q: errors only; default: warnings; -v: progress; -vv: everything, Tesseract's notes included."""
    if quiet:
        return logging.ERROR
    return {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)


def configure(verbose: int, quiet: bool) -> None:
    """Route the library's records to standard error at the chosen level, and into Prefect's run logs."""
    logs.install()
    # Prefect attaches its handlers (the run logs on the server) to these loggers too; read when Prefect is imported.
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "ocr")
    library = logging.getLogger("ocr")
    library.setLevel(level(verbose, quiet))
    if not any(isinstance(h, RichHandler) for h in library.handlers):
        handler = RichHandler(show_path=False, show_time=False, markup=False, rich_tracebacks=False)
        handler.setFormatter(logging.Formatter(FORMAT))
        library.addHandler(handler)
    library.propagate = False
