"""Writing results: atomically (a reader never sees half a file), and checked against the contract."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel

from ocr import schema
from ocr.contract import TelegramDocument
from ocr.errors import OutputError

# Errors that mean the output folder takes no file at all: the batch stops rather than fail every document.
UNWRITABLE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})
# mkstemp adds 8 random characters and ".part"; the rest of a 255-byte file name is ours.
_MAX_PREFIX_BYTES = 200


def temporary_prefix(name: str) -> str:
    """The start of the temporary file's name for ``name``: ``.<name>.``, or a hash of it for a long name."""
    if len(name.encode("utf-8", "surrogateescape")) <= _MAX_PREFIX_BYTES:
        return f".{name}."
    return f".{hashlib.sha256(name.encode('utf-8', 'surrogateescape')).hexdigest()[:32]}."


def partial_files(path: Path) -> list[Path]:
    """The temporary files a killed writer of ``path`` may have left beside it."""
    prefix = temporary_prefix(path.name)
    return [p for p in path.parent.glob(".*.part") if p.name.startswith(prefix)]


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Write to a temporary file beside ``path``, fsync, then rename over it.

    The old file stays whole if anything fails; a full, read-only or forbidden output folder
    raises :class:`~ocr.errors.OutputError`.
    """
    try:
        return _write(path, data)
    except OSError as exc:
        if exc.errno not in UNWRITABLE:
            raise
        raise OutputError(f"cannot write {path}: {os.strerror(exc.errno)}",
                          "free space on the output disk, make the output folder writable or give another --output; "
                          "files written before are intact, and a rerun does the rest") from exc


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=".part", dir=path.parent)
    try:
        # mkstemp makes the file private; results are for every reader the umask allows.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"))


def dumps(data: dict | BaseModel) -> str:
    """UTF-8 JSON as the contract asks (``ensure_ascii=False``)."""
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_json_atomic(path: Path, data: dict | BaseModel) -> Path:
    return write_text_atomic(path, dumps(data))


def write_document(document: TelegramDocument, path: Path) -> Path:
    """The document's record at ``path``, validated against the published schema before it is written."""
    data = document.model_dump(mode="json")
    schema.validate(data)
    return write_json_atomic(path, data)


def read_json(path: Path) -> dict:
    """A JSON object from ``path``; empty when the file is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_document(path: Path) -> TelegramDocument:
    return TelegramDocument.model_validate_json(path.read_text(encoding="utf-8"))
