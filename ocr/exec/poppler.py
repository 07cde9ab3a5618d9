"""The one place that runs poppler: ``pdfinfo`` (page count, page size) and ``pdftoppm`` (one page's pixels).

Run directly rather than through pdf2image, which ignores pdftoppm's exit status (a page that fails
comes back as no image, its reason lost) and starts pdfinfo and ``pdftoppm -v`` again for every page.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image

from ocr.errors import ExternalToolError, InputError, MissingDependencyError

INSTALL_HINT = "install it with: apt-get install poppler-utils (or run `make setup`)"
TIMEOUT_SECONDS = 300  # for one pdfinfo or one page of pdftoppm: a page that slow is damaged
_PAGE_SIZE = re.compile(r"^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts", re.MULTILINE)


def _run(args: list[str], what: str) -> subprocess.CompletedProcess[bytes]:
    try:
        done = subprocess.run(args, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except FileNotFoundError as exc:
        raise MissingDependencyError(f"{args[0]} (poppler) is not installed", INSTALL_HINT) from exc
    except subprocess.TimeoutExpired as exc:
        raise ExternalToolError(f"{args[0]} did not finish {what} in {TIMEOUT_SECONDS} s",
                                "check the PDF opens in a viewer: a page this slow is usually damaged") from exc
    if done.returncode < 0:
        raise ExternalToolError(f"{args[0]} was killed (signal {-done.returncode}) on {what}",
                                "the machine may be out of memory: run with fewer --workers, then run again")
    return done


def _reason(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


def _info(path: Path, page: int | None = None) -> str:
    """``pdfinfo``'s report; an encrypted or unreadable PDF raises InputError."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    # An absolute path: a file name starting with "-" is never read as an option.
    done = _run(["pdfinfo", *pages, str(path.absolute())], path.name)
    if b"Incorrect password" in done.stderr:
        raise InputError(f"{path.name} is encrypted: it needs a password to open",
                         "remove the password, e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf, and put that copy in the inbox")
    if b"Invalid page count 0" in done.stderr:
        return "Pages: 0\n"
    if done.returncode != 0:
        raise InputError(f"{path.name} is not a readable PDF: {_reason(done.stderr)}",
                         "check the file is complete and opens in a viewer; an upload cut short? copy it again")
    return done.stdout.decode("utf-8", "replace")


def page_count(path: Path) -> int:
    """Number of pages of a PDF (0 for a PDF without pages). A PDF with only an owner password is read."""
    found = re.search(r"^Pages:\s+(\d+)", _info(path), re.MULTILINE)
    if not found:
        raise InputError(f"{path.name} is not a readable PDF: pdfinfo gives no page count",
                         "check the file is complete and opens in a viewer")
    return int(found.group(1))


def page_pixels(path: Path, page: int, dpi: int) -> int:
    """Pixels of page ``page`` (1-based) rasterised at ``dpi``, from its size in points (1/72 inch)."""
    size = _PAGE_SIZE.search(_info(path, page))
    if not size:
        return 0
    width, height = (float(v) * dpi / 72 for v in size.groups())
    return int(width * height)


def rasterise(path: Path, page: int, dpi: int, max_pixels: int | None = None) -> np.ndarray:
    """Page ``page`` (1-based) of a PDF as an RGB uint8 array at ``dpi`` dots per inch.

    Only that page is rendered (a 2,000-page PDF is never loaded whole); one larger than
    ``max_pixels`` is refused before it is rendered.
    """
    if max_pixels and (pixels := page_pixels(path, page, dpi)) > max_pixels:
        raise InputError(f"{path.name}: page {page} would be {pixels / 1e6:.0f} million pixels at {dpi} dpi, "
                         f"more than the limit of {max_pixels / 1e6:.0f} million", "rasterise it at a lower --dpi")
    done = _run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path.absolute())],
                f"page {page} of {path.name}")
    if done.returncode != 0 or not done.stdout:
        raise ExternalToolError(f"pdftoppm failed on page {page} of {path.name} (status {done.returncode}): "
                                f"{_reason(done.stderr)}", "check the PDF opens in a viewer; if it does, report the file")
    with Image.open(io.BytesIO(done.stdout)) as image:
        return np.asarray(image.convert("RGB"))
