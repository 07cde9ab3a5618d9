"""Which document and page a log record is about, carried in context variables.

The flows (and :func:`ocr.document.process_document`) wrap the reading of a page in :func:`about`; every
record logged meanwhile, by any module of the library, gets ``document_id`` and ``page`` attributes once
:func:`install` has been called (the command line does it), so an operator can tell which page said what.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager

_DOCUMENT = contextvars.ContextVar("document_id", default="-")
_PAGE = contextvars.ContextVar("page", default="-")


@contextmanager
def about(document_id: str, page: int | None = None) -> Iterator[None]:
    """Records logged inside carry this document id and page number."""
    tokens = _DOCUMENT.set(document_id), _PAGE.set("-" if page is None else str(page))
    try:
        yield
    finally:
        _PAGE.reset(tokens[1])
        _DOCUMENT.reset(tokens[0])


def install() -> None:
    """Give every log record ``document_id`` and ``page`` from the context (idempotent)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "carries_context", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.document_id, record.page = _DOCUMENT.get(), _PAGE.get()
        # "doc p.3: ", "doc: " or nothing: a prefix a format can show without empty placeholders.
        where = "" if record.document_id == "-" else record.document_id
        where += "" if record.page == "-" else f" p.{record.page}"
        record.where = f"{where}: " if where else ""
        return record

    factory.carries_context = True
    logging.setLogRecordFactory(factory)
