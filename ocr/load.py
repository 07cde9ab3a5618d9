"""Inputs → documents of pages: PDF, TIFF (multi-page), PNG, JPEG, or a folder of page images.

A document is described by picklable :class:`PageRef` s so each page can be loaded where it is
processed (another process, a Dask worker) instead of shipping pixels around.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import ExifTags, Image, ImageOps, ImageSequence, UnidentifiedImageError

from ocr.contract import Source
from ocr.errors import InputError
from ocr.exec import poppler

PDF_SUFFIXES = frozenset({".pdf"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
DEFAULT_DPI = 300
# Pages beyond this many pixels are refused rather than exhausting a worker's memory (1.2 GB as RGB):
# an A4 page at 600 dpi is 35 Mpx. Pillow's decompression-bomb check enforces it on images.
MAX_PAGE_PIXELS = 400_000_000
Image.MAX_IMAGE_PIXELS = MAX_PAGE_PIXELS
# Ids stay short enough that ``.<id>.<suffix>.<random>.part`` fits the file system's 255-byte name limit.
MAX_ID_LENGTH = 96
_HASH_LENGTH = 10

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageRef:
    """Where one page of a document comes from: a file, the page's index in it (0-based), and the file's
    SHA-256, so a worker elsewhere reads the very file that was opened (pages travel by reference)."""

    path: Path
    index: int
    number: int  # 1-based page number within the document
    sha256: str | None = None  # of ``path``; None: not checked


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


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:_HASH_LENGTH]


def document_id(path: Path) -> str:
    """The input's stem sanitised to ``[A-Za-z0-9._-]``; Cyrillic is transliterated so names stay distinct.

    It never starts with ``.`` or ``-`` (no hidden files, no options) and has at most
    :data:`MAX_ID_LENGTH` characters: a longer one is cut and ends with a hash of the whole name.
    """
    stem = path.name if path.is_dir() or path.suffix.lower() not in PDF_SUFFIXES | IMAGE_SUFFIXES else path.stem
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", _transliterate(stem)).strip("._-") or "document"
    if len(clean) <= MAX_ID_LENGTH:
        return clean
    return f"{clean[:MAX_ID_LENGTH - _HASH_LENGTH - 1].rstrip('._-')}-{_short_hash(stem)}"


def document_ids(paths: list[Path]) -> list[str]:
    """Each input's :func:`document_id`, made unique within the batch.

    Inputs whose names sanitise to the same id (``a b.png`` and ``a_b.png``, or ``x.png`` in two
    folders) keep it for the first in order; each later one gets ``-<hash of its path>``.
    """
    plain = [document_id(path) for path in paths]
    repeated = {name for name, count in Counter(plain).items() if count > 1}
    seen: set[str] = set()
    unique = []
    for path, name in zip(paths, plain):
        if name in repeated and name in seen:
            name = f"{name[:MAX_ID_LENGTH - _HASH_LENGTH - 1]}-{_short_hash(str(path))}"
        seen.add(name)
        unique.append(name)
    return unique


def _natural_key(path: Path) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name.lower())]


def _page_images(folder: Path) -> list[Path]:
    """The page images of a folder in natural order; links leading out of the folder are not pages of it."""
    inside = folder.resolve()
    return [p for p in _entries(folder) if p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith(".")
            and p.is_file() and _inside(p, inside)]


def _inside(entry: Path, root: Path) -> bool:
    """True when ``entry`` (a symbolic link followed) stays inside ``root``: links out of the inbox are never followed."""
    try:
        return entry.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a dangling link or a loop
        return False


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir(), key=_natural_key)
    except OSError as exc:  # a folder this user may not read: the rest of the inbox still is
        logger.warning("%s cannot be listed, skipped: %s", folder, exc.strerror)
        return []


def _walk(folder: Path, root: Path, visited: set[Path]) -> list[Path]:
    visited.add(folder.resolve())
    found: list[Path] = []
    for entry in _entries(folder):
        if entry.name.startswith("."):  # .DS_Store, ._resource forks, temporary uploads
            continue
        if not _inside(entry, root):
            logger.warning("%s points outside %s: not followed", entry, root)
        elif entry.is_file() and entry.suffix.lower() in PDF_SUFFIXES | IMAGE_SUFFIXES:
            found.append(entry)
        elif entry.is_dir() and entry.resolve() not in visited:
            has_subfolders = any(p.is_dir() for p in _entries(entry))
            found.extend(_walk(entry, root, visited) if has_subfolders or not _page_images(entry) else [entry])
    return found


def discover(source: Path) -> list[Path]:
    """The documents under ``source``: each PDF/TIFF/PNG/JPEG file, and each folder holding only page images.

    Folders are searched recursively; hidden entries, other files (``Thumbs.db``), empty folders and
    symbolic links that lead out of ``source`` are skipped.
    """
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise InputError(f"{source} does not exist", "give a scan file or a folder of scans")
    return _walk(source, source.resolve(), set())


@functools.lru_cache(maxsize=64)
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    """A file's SHA-256, computed once a process for each version of it (its size and time say which)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _digest(path: Path) -> str:
    info = path.stat()
    return _file_digest(path, info.st_size, info.st_mtime_ns)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, or for a folder of pages of its page files' names and contents in order."""
    if not path.is_dir():
        return _digest(path)
    digest = hashlib.sha256()
    for file in _page_images(path):
        digest.update(file.name.encode())
        digest.update(_digest(file).encode())
    return digest.hexdigest()


@contextmanager
def _decoding(path: Path, failure: str) -> Iterator[None]:
    """Decoder failures as InputErrors; an image over :data:`MAX_PAGE_PIXELS` is refused before it is decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large(path) from exc
    except (OSError, UnidentifiedImageError, IndexError, SyntaxError, ValueError) as exc:
        raise InputError(f"{failure}: {exc}",
                         "check the file is a complete PNG, JPEG or TIFF; an upload cut short? copy it again") from exc


def _too_large(path: Path) -> InputError:
    return InputError(f"{path.name} is larger than {MAX_PAGE_PIXELS // 1_000_000} million pixels: "
                      "refused before decoding (it could be a decompression bomb)",
                      "scan at a lower resolution, 300 dpi is enough, or split the image")


def _refuse_huge(path: Path, image: Image.Image) -> None:
    """Checked here too: other libraries loaded in the same process may lift Pillow's global limit."""
    if image.width * image.height > MAX_PAGE_PIXELS:
        raise _too_large(path)


def _count_pages(path: Path) -> int:
    if path.stat().st_size == 0:
        raise InputError(f"{path.name} is empty (0 bytes)", "the upload or copy did not finish: copy the file again")
    if path.suffix.lower() in PDF_SUFFIXES:
        return poppler.page_count(path)
    with _decoding(path, f"{path.name} is not a readable image"), Image.open(path) as image:
        _refuse_huge(path, image)
        return getattr(image, "n_frames", 1)


def open_document(path: Path, assigned_id: str | None = None) -> DocumentInput:
    """Describe a document (its id, hash and pages) without decoding any page.

    ``assigned_id`` is the id the batch gave it (:func:`document_ids`); by default its own :func:`document_id`.
    """
    if path.is_dir():
        files = _page_images(path)
        if not files:
            raise InputError(f"{path} holds no page images", "put PNG/JPEG/TIFF pages in the folder")
        refs = tuple(PageRef(f, 0, n, _digest(f)) for n, f in enumerate(files, start=1))
    elif path.suffix.lower() in PDF_SUFFIXES | IMAGE_SUFFIXES:
        count = _count_pages(path)
        if count == 0:
            raise InputError(f"{path.name} has no pages", "check the file is complete; export or scan it again")
        refs = tuple(PageRef(path, i, i + 1, _digest(path)) for i in range(count))
    else:
        raise InputError(f"{path.name}: unsupported file type", "give a PDF, TIFF, PNG or JPEG scan")
    return DocumentInput(document_id=assigned_id or document_id(path), path=path, sha256=file_sha256(path), pages=refs)


def load_page(ref: PageRef, dpi: int = DEFAULT_DPI) -> PageImage:
    """Decode one page as BGR uint8; PDFs are rasterised at ``dpi``, images keep their own dpi."""
    if ref.sha256 is not None and _digest(ref.path) != ref.sha256:
        raise InputError(f"{ref.path.name} changed since it was opened (page {ref.number})",
                         "the file was being copied or replaced: run again when it is complete")
    if ref.path.suffix.lower() in PDF_SUFFIXES:
        rgb = poppler.rasterise(ref.path, ref.index + 1, dpi, MAX_PAGE_PIXELS)
        return PageImage(ref.number, cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), dpi)
    with _decoding(ref.path, f"{ref.path.name}: page {ref.number} cannot be decoded"), Image.open(ref.path) as image:
        frame = ImageSequence.Iterator(image)[ref.index]
        _refuse_huge(ref.path, frame)
        resolution = frame.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))[0]
        rgb = to_rgb(frame)
    return PageImage(ref.number, cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), _dpi(resolution))


def _dpi(resolution: object) -> int:
    try:
        value = int(round(float(resolution)))
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_DPI
    return value if 0 < value < 10_000 else DEFAULT_DPI


def to_rgb(frame: Image.Image) -> np.ndarray:
    """A decoded image as upright RGB uint8 on white paper.

    The camera's EXIF orientation is applied; 16- and 32-bit grey is scaled to 8 bits (a plain
    conversion clips it to white); transparent pixels become white paper, not black.
    """
    # exif_transpose copies the page even when it has nothing to turn.
    image = ImageOps.exif_transpose(frame) if frame.getexif().get(ExifTags.Base.Orientation, 1) != 1 else frame
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        grey = np.asarray(image, dtype=np.float64)
        top = 65535.0 if image.mode.startswith("I;16") or grey.max() > 255 else 255.0
        image = Image.fromarray(np.clip(grey * (255.0 / top), 0, 255).astype(np.uint8))
    if image.mode == "P" and "transparency" in image.info or image.mode in ("PA", "LA", "La", "RGBA", "RGBa"):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, "white")
        image = Image.alpha_composite(paper, rgba)
    return np.asarray(image if image.mode == "RGB" else image.convert("RGB"))
