"""Inputs → documents of pages: PDF, TIFF (multi-page), PNG, JPEG, or a folder of page images.

A document is described by picklable :class:`PageRef` s so each page can be loaded where it is
processed (another process, a Dask worker) instead of shipping pixels around.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from ocr.contract import Source
from ocr.errors import InputError
from ocr.exec import poppler

PDF_SUFFIXES = frozenset({".pdf"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
DEFAULT_DPI = 300
# Pages beyond this many pixels are refused rather than exhausting a worker's memory.
Image.MAX_IMAGE_PIXELS = 400_000_000


@dataclass(frozen=True)
class PageRef:
    """Where one page of a document comes from: a file and the page's index in it (0-based)."""

    path: Path
    index: int
    number: int  # 1-based page number within the document


@dataclass(frozen=True)
class DocumentInput:
    document_id: str
    path: Path
    sha256: str
    pages: tuple[PageRef, ...]

    @property
    def source(self) -> Source:
        return Source(path=str(self.path), sha256=self.sha256, page_count=len(self.pages))


@dataclass
class PageImage:
    number: int
    image: np.ndarray  # uint8 BGR (H, W, 3)
    dpi: int


_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch  y  e iu ia".split(" ")))


def _transliterate(text: str) -> str:
    return "".join(_CYRILLIC.get(c.lower(), c).capitalize() if c.isupper() and c.lower() in _CYRILLIC
                   else _CYRILLIC.get(c, c) for c in text)


def document_id(path: Path) -> str:
    """The input's stem sanitised to ``[A-Za-z0-9._-]``; Cyrillic is transliterated so names stay distinct."""
    stem = path.name if path.is_dir() or path.suffix.lower() not in PDF_SUFFIXES | IMAGE_SUFFIXES else path.stem
    return re.sub(r"[^A-Za-z0-9._-]+", "_", _transliterate(stem)).strip("_") or "document"


def _natural_key(path: Path) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name.lower())]


def _page_images(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()), key=_natural_key)


def discover(source: Path) -> list[Path]:
    """The documents under ``source``: each PDF/TIFF/PNG/JPEG file, and each folder holding only page images.

    Folders are searched recursively; hidden entries are skipped.
    """
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise InputError(f"{source} does not exist", "give a scan file or a folder of scans")
    found: list[Path] = []
    for entry in sorted(source.iterdir(), key=_natural_key):
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.suffix.lower() in PDF_SUFFIXES | IMAGE_SUFFIXES:
            found.append(entry)
        elif entry.is_dir():
            has_subfolders = any(p.is_dir() for p in entry.iterdir())
            found.extend(discover(entry) if has_subfolders or not _page_images(entry) else [entry])
    return found


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, or for a folder of pages of its page files' names and contents in order."""
    digest = hashlib.sha256()
    for file in _page_images(path) if path.is_dir() else [path]:
        if path.is_dir():
            digest.update(file.name.encode())
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _count_pages(path: Path) -> int:
    if path.suffix.lower() in PDF_SUFFIXES:
        return poppler.page_count(path)
    try:
        with Image.open(path) as image:
            return getattr(image, "n_frames", 1)
    except (OSError, UnidentifiedImageError) as exc:
        raise InputError(f"{path.name} is not a readable image: {exc}", "check the file is a complete PNG, JPEG or TIFF") from exc


def open_document(path: Path) -> DocumentInput:
    """Describe a document (its id, hash and pages) without decoding any page."""
    if path.is_dir():
        files = _page_images(path)
        if not files:
            raise InputError(f"{path} holds no page images", "put PNG/JPEG/TIFF pages in the folder")
        refs = tuple(PageRef(f, 0, n) for n, f in enumerate(files, start=1))
    elif path.suffix.lower() in PDF_SUFFIXES | IMAGE_SUFFIXES:
        count = _count_pages(path)
        if count == 0:
            raise InputError(f"{path.name} has no pages", "check the file is complete")
        refs = tuple(PageRef(path, i, i + 1) for i in range(count))
    else:
        raise InputError(f"{path.name}: unsupported file type", "give a PDF, TIFF, PNG or JPEG scan")
    return DocumentInput(document_id=document_id(path), path=path, sha256=file_sha256(path), pages=refs)


def load_page(ref: PageRef, dpi: int = DEFAULT_DPI) -> PageImage:
    """Decode one page as BGR uint8; PDFs are rasterised at ``dpi``, images keep their own dpi."""
    if ref.path.suffix.lower() in PDF_SUFFIXES:
        rgb = poppler.rasterise(ref.path, ref.index + 1, dpi)
        return PageImage(ref.number, cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), dpi)
    try:
        with Image.open(ref.path) as image:
            frame = ImageSequence.Iterator(image)[ref.index]
            resolution = frame.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))[0]
            rgb = np.asarray(frame.convert("RGB"))
    except (OSError, UnidentifiedImageError, IndexError, SyntaxError) as exc:
        raise InputError(f"{ref.path.name}: page {ref.number} cannot be decoded: {exc}", "check the image file is complete") from exc
    return PageImage(ref.number, cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), int(round(float(resolution))) or DEFAULT_DPI)
