"""The one place that runs Tesseract (through pytesseract).

Every failure becomes a :mod:`ocr.errors` exception whose message says how to fix it.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import numpy as np
import pytesseract

from ocr.errors import ExternalToolError, MissingDependencyError

INSTALL_HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-rus (or run `make setup`)"
TIMEOUT_HINT = ("the page may be damaged or far too large; if it is a real page, "
                "raise the limit (TELEGRAMS_PAGE_TIMEOUT, in seconds) and run again")
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


@functools.cache
def version() -> str:
    """Tesseract's version, e.g. ``"5.3.0"``; raises MissingDependencyError if absent."""
    try:
        return str(pytesseract.get_tesseract_version()).strip()
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingDependencyError("tesseract is not installed or not on PATH", INSTALL_HINT) from exc


@functools.cache
def languages() -> frozenset[str]:
    """The traineddata files Tesseract can load."""
    version()
    return frozenset(pytesseract.get_languages(config=""))


def check_languages(lang: str) -> None:
    """Raise MissingDependencyError unless every language of ``lang`` ("rus+eng") is installed."""
    missing = [code for code in lang.split("+") if code not in languages()]
    if missing:
        packages = " ".join(f"tesseract-ocr-{code.replace('_', '-').lower()}" for code in missing)
        raise MissingDependencyError(
            f"Tesseract language data missing: {', '.join(missing)}",
            f"install it with: apt-get install {packages}",
        )


def _config(psm: int, extra: dict[str, str | int] | None) -> str:
    # Inverted-text detection costs ~30 % of recognition time and typed pages are never white on black.
    variables = {"tessedit_do_invert": 0, **(extra or {})}
    return f"--psm {psm} " + " ".join(f"-c {key}={value}" for key, value in variables.items())


def _run(function, image: np.ndarray, timeout: float, **kwargs):
    timeout = _timeout(timeout)
    try:
        return function(image, timeout=timeout, **kwargs)
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingDependencyError("tesseract is not installed or not on PATH", INSTALL_HINT) from exc
    except pytesseract.TesseractError as exc:
        if "Empty page" in str(exc.message):
            return None
        if isinstance(exc.status, int) and exc.status < 0:
            raise ExternalToolError(f"tesseract was killed (signal {-exc.status})",
                                    "the machine may be out of memory: run with fewer --workers, then run again") from exc
        raise ExternalToolError(
            f"tesseract failed (status {exc.status}): {exc.message}",
            "check that the image is a readable page; rerun with --debug-dir to keep the intermediate images",
        ) from exc
    except RuntimeError as exc:  # pytesseract's timeout: it has killed the process
        raise ExternalToolError(f"tesseract did not finish in {timeout:.0f} s and was stopped", TIMEOUT_HINT) from exc


def image_to_data(
    image: np.ndarray,
    lang: str,
    psm: int = 3,
    extra: dict[str, str | int] | None = None,
    timeout: float = 300,
) -> dict[str, list]:
    """Words with boxes and confidences: pytesseract's column dict (``text``, ``conf``, ``left``…).

    ``image`` is a uint8 grayscale or binary array; coordinates are its pixels.
    """
    check_languages(lang)
    data = _run(
        pytesseract.image_to_data,
        image,
        lang=lang,
        config=_config(psm, extra),
        output_type=pytesseract.Output.DICT,
        timeout=timeout,
    )
    return data or {key: [] for key in ("level", "block_num", "par_num", "line_num", "word_num",
                                        "left", "top", "width", "height", "conf", "text")}


def image_to_string(image: np.ndarray, lang: str, psm: int = 3, timeout: float = 300) -> str:
    """Plain text, as ``tesseract IMAGE - -l LANG --psm PSM`` would print it."""
    check_languages(lang)
    return _run(pytesseract.image_to_string, image, lang=lang, config=f"--psm {psm}", timeout=timeout) or ""


def orientation(image: np.ndarray, timeout: float = 60) -> tuple[int, float]:
    """Tesseract OSD: (clockwise degrees the page must be rotated to be upright, confidence).

    Returns (0, 0.0) when OSD finds too little text to decide.
    """
    check_languages("osd")
    try:
        report = _run(pytesseract.image_to_osd, image, config="--psm 0", timeout=timeout)
    except ExternalToolError as exc:
        if "Too few characters" in str(exc) or "Invalid resolution" in str(exc):
            return 0, 0.0
        raise
    if not report:
        return 0, 0.0
    rotate = re.search(r"Rotate: (\d+)", report)
    confidence = re.search(r"Orientation confidence: ([\d.]+)", report)
    return (int(rotate.group(1)) if rotate else 0), (float(confidence.group(1)) if confidence else 0.0)


def run_cli(image_path: Path, lang: str, timeout: float = 300) -> str:
    """``tesseract IMAGE - -l LANG`` exactly as a user would type it (default settings and threads).

    The benchmark's baseline: no pytesseract, no options of ours, not even our thread limit.
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
