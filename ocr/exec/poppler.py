"""The one place that runs poppler (pdfinfo, pdftoppm) through pdf2image."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdf2image
from pdf2image import exceptions as pdf_errors

from ocr.errors import InputError, MissingDependencyError

INSTALL_HINT = "install it with: apt-get install poppler-utils (or run `make setup`)"


def page_count(path: Path) -> int:
    """Number of pages of a PDF."""
    try:
        return int(pdf2image.pdfinfo_from_path(str(path))["Pages"])
    except pdf_errors.PDFInfoNotInstalledError as exc:
        raise MissingDependencyError("pdfinfo (poppler) is not installed", INSTALL_HINT) from exc
    except (pdf_errors.PDFPageCountError, pdf_errors.PDFSyntaxError, KeyError, ValueError) as exc:
        reason = (str(exc).strip().splitlines() or ["unknown error"])[0]
        raise InputError(f"{path.name} is not a readable PDF: {reason}", "check the file is a complete, unencrypted PDF") from exc


def rasterise(path: Path, page: int, dpi: int) -> np.ndarray:
    """Page ``page`` (1-based) of a PDF as an RGB uint8 array at ``dpi`` dots per inch."""
    try:
        images = pdf2image.convert_from_path(str(path), dpi=dpi, first_page=page, last_page=page, fmt="ppm")  # PNG encoding costs seconds a page
    except pdf_errors.PDFInfoNotInstalledError as exc:
        raise MissingDependencyError("pdftoppm (poppler) is not installed", INSTALL_HINT) from exc
    except (pdf_errors.PDFPageCountError, pdf_errors.PDFSyntaxError) as exc:
        reason = (str(exc).strip().splitlines() or ["unknown error"])[0]
        raise InputError(f"{path.name}: page {page} cannot be rasterised: {reason}", "check the PDF opens in a viewer") from exc
    if not images:
        raise InputError(f"{path.name}: page {page} is empty", "check the PDF opens in a viewer")
    return np.asarray(images[0].convert("RGB"))
