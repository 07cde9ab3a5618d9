"""The one place that runs Tesseract.

Every call goes through :func:`run`, which hands the page to ``tesseract`` on standard input, sorts what
Tesseract prints on standard error into notes, warnings and errors (logged here), and turns every failure
into a :mod:`ocr.errors` exception whose message says how to fix it. Tests replace :data:`RUNNER`.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from ocr.errors import ExternalToolError, MissingDependencyError

log = logging.getLogger(__name__)

INSTALL_HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-rus (or run `make setup`)"
TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
               "left", "top", "width", "height", "conf", "text")

TIMEOUT_HINT = ("the page may be damaged or far too large; if it is a real page, "
                "raise the limit (TELEGRAMS_PAGE_TIMEOUT, in seconds) and run again")
PROGRAM = "tesseract"

# (arguments after the program, standard input, timeout in seconds) -> the finished process.
Runner = Callable[[Sequence[str], bytes | None, float], subprocess.CompletedProcess]


def _subprocess_runner(args: Sequence[str], stdin: bytes | None, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([PROGRAM, *args], input=stdin, capture_output=True, timeout=timeout, check=False)


RUNNER: Runner = _subprocess_runner

# What Tesseract says on every page and means nothing for the reading (a PNG without a resolution, the
# resolution it estimated instead, a page without text).
_NOTES = re.compile(r"^(Estimating resolution as|Detected \d+ diacritics|Empty page|Too few characters|"
                    r"Warning\.? Invalid resolution|Page \d+$)")
_ERRORS = re.compile(r"^(Error|Failed|Could not|Can't|Cannot|Tesseract couldn't|Please make sure)", re.IGNORECASE)


# When the calls in this context (one page) must have finished, in time.monotonic() seconds.
_deadline: ContextVar[float | None] = ContextVar("tesseract_deadline", default=None)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """The Tesseract calls inside share ``seconds`` (a page's limit): the one running at the end is stopped."""
    token = _deadline.set(time.monotonic() + seconds if seconds else None)
    try:
        yield
    finally:
        _deadline.reset(token)


def _timeout(requested: float) -> float:
    """The call's timeout in seconds: ``requested``, or less when the page's time limit is nearer."""
    deadline = _deadline.get()
    if deadline is None:
        return requested
    left = deadline - time.monotonic()
    if left <= 0:
        raise ExternalToolError("tesseract: the page's time limit is used up", TIMEOUT_HINT)
    return min(requested, left)


@dataclass(frozen=True)
class Diagnostics:
    """Tesseract's standard error, sorted."""

    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def classify(stderr: str) -> Diagnostics:
    """Each line Tesseract printed on standard error as a note, a warning or an error."""
    found = Diagnostics()
    for line in filter(None, (raw.strip() for raw in stderr.splitlines())):
        if _NOTES.match(line):
            found.notes.append(line)
        elif _ERRORS.match(line):
            found.errors.append(line)
        else:
            found.warnings.append(line)
    return found


def _call(args: Sequence[str], stdin: bytes | None, timeout: float) -> tuple[subprocess.CompletedProcess, Diagnostics]:
    """Run Tesseract and log what it said; a missing program, a kill or a timeout becomes our exception."""
    timeout = _timeout(timeout)
    try:
        done = RUNNER(args, stdin, timeout)
    except FileNotFoundError as exc:
        raise MissingDependencyError("tesseract is not installed or not on PATH", INSTALL_HINT) from exc
    except subprocess.TimeoutExpired as exc:
        raise ExternalToolError(f"tesseract did not finish in {timeout:.0f} s and was stopped", TIMEOUT_HINT) from exc
    if done.returncode == -signal.SIGKILL:
        raise ExternalToolError(f"tesseract was killed (signal {signal.SIGKILL.value})",
                                "the machine may be out of memory: run with fewer --workers, then run again")
    if done.returncode < 0:  # e.g. SIGFPE on a strip too thin to scale: Tesseract's own fault on this image
        raise ExternalToolError(f"tesseract crashed (signal {-done.returncode}) on this image",
                                "a fault of Tesseract on some images; if it is the whole page, the page is recorded as failed")
    found = classify(_text(done.stderr))
    for line in found.notes:
        log.debug("tesseract: %s", line)
    for line in found.warnings:
        log.warning("tesseract: %s", line)
    return done, found


def _text(output: bytes | str | None) -> str:
    return output.decode("utf-8", "replace") if isinstance(output, bytes) else output or ""


def _failure(done: subprocess.CompletedProcess, found: Diagnostics) -> ExternalToolError:
    detail = "; ".join(found.errors or found.warnings) or f"exit status {done.returncode}"
    return ExternalToolError(f"tesseract failed: {detail}",
                             "check the language data (`tesseract --list-langs`) and that the image is a readable page")


def run(args: Sequence[str], stdin: bytes | None = None, timeout: float = 300) -> str:
    """Tesseract's standard output for ``tesseract ARGS``; its diagnostics logged, its failures our exceptions."""
    done, found = _call(args, stdin, timeout)
    if done.returncode != 0:
        raise _failure(done, found)
    return _text(done.stdout)


@functools.cache
def version() -> str:
    """Tesseract's version, e.g. ``"5.3.0"``; raises MissingDependencyError if absent."""
    first = run(["--version"], timeout=30).splitlines()
    return first[0].split()[-1] if first else "unknown"


@functools.cache
def languages() -> frozenset[str]:
    """The traineddata files Tesseract can load."""
    return frozenset(line.strip() for line in run(["--list-langs"], timeout=30).splitlines()[1:] if line.strip())


def check_languages(lang: str) -> None:
    """Raise MissingDependencyError unless every language of ``lang`` ("rus+eng") is installed."""
    missing = [code for code in lang.split("+") if code not in languages()]
    if missing:
        packages = " ".join(f"tesseract-ocr-{code.replace('_', '-').lower()}" for code in missing)
        raise MissingDependencyError(
            f"Tesseract language data missing: {', '.join(missing)}",
            f"install it with: apt-get install {packages}",
        )


def _encoded(image: np.ndarray) -> bytes:
    # Uncompressed PGM (PPM in colour): the bytes only travel through a pipe, and Tesseract reads the
    # same pixels (without a resolution, as from our PNGs) at no cost of compressing them.
    ok, encoded = cv2.imencode(".pgm" if image.ndim == 2 else ".ppm", image)
    if not ok:
        raise ExternalToolError("the page image could not be encoded for tesseract", "check the image's size and type")
    return encoded.tobytes()


def _tiff(images: Sequence[np.ndarray]) -> bytes:
    """The images as the pages of one uncompressed TIFF (OpenCV writes it in a sixth of PIL's time: a
    stamp's lines go to Tesseract so two or three times a stamp). Colour pages are BGR, as for :func:`_encoded`."""
    ok, encoded = cv2.imencodemulti(".tiff", list(images), [cv2.IMWRITE_TIFF_COMPRESSION, 1])
    if not ok:
        raise ExternalToolError("the page images could not be encoded for tesseract", "check the images' sizes and types")
    return encoded.tobytes()


def _options(lang: str, psm: int, extra: dict[str, str | int] | None = None) -> list[str]:
    # Inverted-text detection costs ~30 % of recognition time and typed pages are never white on black.
    variables = {"tessedit_do_invert": 0, **(extra or {})}
    return ["-l", lang, "--psm", str(psm), *[arg for k, v in variables.items() for arg in ("-c", f"{k}={v}")]]


def parse_tsv(text: str) -> dict[str, list]:
    """Tesseract's TSV output as columns (``text``, ``conf``, ``left``…), numbers as numbers."""
    data: dict[str, list] = {key: [] for key in TSV_COLUMNS}
    for row in text.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < len(TSV_COLUMNS) - 1:
            continue
        cells += [""] * (len(TSV_COLUMNS) - len(cells))
        for key, cell in zip(TSV_COLUMNS, cells):
            data[key].append(cell if key == "text" else float(cell) if key == "conf" else int(cell))
    return data


def image_to_data(image: np.ndarray, lang: str, psm: int = 3, extra: dict[str, str | int] | None = None,
                  timeout: float = 300) -> dict[str, list]:
    """Words with boxes and confidences as columns (``text``, ``conf``, ``left``…).

    ``image`` is a uint8 grayscale or binary array; coordinates are its pixels.
    """
    check_languages(lang)
    return parse_tsv(run(["stdin", "stdout", *_options(lang, psm, extra), "tsv"], _encoded(image), timeout))


def images_to_data(images: Sequence[np.ndarray], lang: str, psm: int = 3, extra: dict[str, str | int] | None = None,
                   timeout: float = 300) -> list[dict[str, list]]:
    """:func:`image_to_data` of each image, read in one run of Tesseract as the pages of one TIFF.

    Starting Tesseract and loading its model costs as much as reading a line, and it reads each page of
    a TIFF exactly as it reads that image alone. A failure on any image fails the run.
    """
    if len(images) <= 1:
        return [image_to_data(image, lang, psm, extra, timeout) for image in images]
    check_languages(lang)
    data = parse_tsv(run(["stdin", "stdout", *_options(lang, psm, extra), "tsv"], _tiff(images), timeout))
    rows: list[list[int]] = [[] for _ in images]
    for row, page in enumerate(data["page_num"]):
        rows[page - 1].append(row)
    return [{key: [column[row] for row in page] for key, column in data.items()} for page in rows]


def image_to_string(image: np.ndarray, lang: str, psm: int = 3, timeout: float = 300) -> str:
    """Plain text, as ``tesseract IMAGE - -l LANG --psm PSM`` would print it."""
    check_languages(lang)
    return run(["stdin", "stdout", "-l", lang, "--psm", str(psm)], _encoded(image), timeout)


def orientation(image: np.ndarray, timeout: float = 60) -> tuple[int, float]:
    """Tesseract OSD: (clockwise degrees the page must be rotated to be upright, confidence).

    Returns (0, 0.0) when OSD finds too little text to decide.
    """
    check_languages("osd")
    done, found = _call(["stdin", "stdout", "--psm", "0"], _encoded(image), timeout)
    if done.returncode != 0:
        if any(note.startswith("Too few characters") for note in found.notes):
            return 0, 0.0
        raise _failure(done, found)
    report = _text(done.stdout)
    rotate = re.search(r"Rotate: (\d+)", report)
    confidence = re.search(r"Orientation confidence: ([\d.]+)", report)
    return (int(rotate.group(1)) if rotate else 0), (float(confidence.group(1)) if confidence else 0.0)


def run_cli(image_path: Path, lang: str, timeout: float = 300) -> str:
    """``tesseract IMAGE - -l LANG`` exactly as a user would type it (default settings and threads).

    The benchmark's baseline: no options of ours, not even our thread limit.
    """
    check_languages(lang)
    environment = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    try:
        done = subprocess.run(["tesseract", str(image_path), "-", "-l", lang], capture_output=True, text=True,
                              timeout=timeout, env=environment, check=False)
    except FileNotFoundError as exc:
        raise MissingDependencyError("tesseract is not installed or not on PATH", INSTALL_HINT) from exc
    except subprocess.TimeoutExpired as exc:
        raise ExternalToolError(f"tesseract did not finish {image_path.name} in {timeout} s", "check the image") from exc
    if done.returncode != 0:
        raise ExternalToolError(f"tesseract failed on {image_path.name}: {done.stderr.strip()}", "check the image is readable")
    return done.stdout
