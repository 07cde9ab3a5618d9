"""Writing a rendering beside its ground truth: ``<stem>.pdf`` (the scan), ``<stem>.png`` or
``<stem>/page-NNN.png``, ``<stem>.truth.json`` and ``<stem>.md`` (the transcription, found by stem).

Every file is written to a temporary name and moved into place, so a reader never sees half a file.
The PDF is written here rather than by Pillow, whose writer stamps the current time into it (the
bytes would differ run to run) and always JPEG-codes colour images (only heavy scans should be).
"""

from __future__ import annotations

import zlib
from pathlib import Path

import cv2
import numpy as np

from ocr.batch.store import write_bytes_atomic
from ocr.contract import TelegramDocument
from ocr.load import document_id
from ocr.synth.render import Rendering

# Archives deliver scans as JPEG in PDF; a heavy scan is a badly compressed one.
JPEG_QUALITY = {"clean": 92, "moderate": 80, "heavy": 45}


def _is_gray(image: np.ndarray) -> bool:
    return bool(np.array_equal(image[..., 0], image[..., 1]) and np.array_equal(image[..., 1], image[..., 2]))


def _image_stream(image: np.ndarray, jpeg_quality: int | None) -> tuple[bytes, str, str]:
    """(data, /Filter, /ColorSpace) of a page image: JPEG (DCT) at ``jpeg_quality`` or lossless Flate (None),
    gray when the channels agree."""
    gray = _is_gray(image)
    pixels = image[..., 0] if gray else cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    space = "/DeviceGray" if gray else "/DeviceRGB"
    if jpeg_quality is not None:
        ok, data = cv2.imencode(".jpg", image[..., 0] if gray else image, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
        if not ok:
            raise RuntimeError("OpenCV could not encode JPEG")
        return data.tobytes(), "/DCTDecode", space
    # Level 1: scans of paper do not compress much better at higher levels, and it is ~5x faster.
    return zlib.compress(np.ascontiguousarray(pixels).tobytes(), 1), "/FlateDecode", space


def pdf_bytes(images: list[np.ndarray], dpi: int, jpeg_quality: int | None) -> bytes:
    """A PDF with one page per image, each page the image's size at ``dpi`` (1 pt = 1/72 in)."""
    objects: list[bytes] = []
    count = len(images)
    page_ids = [3 + 3 * k for k in range(count)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    for k, image in enumerate(images):
        h, w = image.shape[:2]
        width_pt, height_pt = w * 72 / dpi, h * 72 / dpi
        content, xobject = page_ids[k] + 1, page_ids[k] + 2  # the page object itself is page_ids[k]
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width_pt:.2f} {height_pt:.2f}] "
                       f"/Resources << /XObject << /Im0 {xobject} 0 R >> >> /Contents {content} 0 R >>".encode())
        draw = f"q {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Im0 Do Q".encode()
        objects.append(f"<< /Length {len(draw)} >>\nstream\n".encode() + draw + b"\nendstream")
        data, filter_, space = _image_stream(image, jpeg_quality)
        objects.append(f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {space} "
                       f"/BitsPerComponent 8 /Filter {filter_} /Length {len(data)} >>\nstream\n".encode()
                       + data + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image[..., 0] if _is_gray(image) else image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    if not ok:
        raise RuntimeError("OpenCV could not encode PNG")
    return data.tobytes()


def _truth_for(truth: TelegramDocument, stem: str) -> TelegramDocument:
    """The truth naming the files as written: document_id is the stem (sanitised), source the PDF."""
    data = truth.model_dump()
    data["document_id"] = document_id(Path(f"{stem}.pdf"))
    data["source"]["path"] = f"{stem}.pdf"
    return TelegramDocument.model_validate(data)


def write_rendering(rendering: Rendering, out_dir: Path, stem: str, formats: tuple[str, ...] = ("pdf", "png")) -> list[Path]:
    """Write the scan (``formats``: PDF and/or PNG pages), its ground truth and its transcription.

    Returns the paths written. PNG pages go to ``<stem>.png`` or, for several pages, ``<stem>/page-NNN.png``.
    """
    out_dir = Path(out_dir)
    paths = []
    if "pdf" in formats:
        quality = JPEG_QUALITY[rendering.truth.provenance.steps[0].params["level"]]
        paths.append(write_bytes_atomic(out_dir / f"{stem}.pdf", pdf_bytes(rendering.pages, rendering.dpi, quality)))
    if "png" in formats and len(rendering.pages) == 1:
        paths.append(write_bytes_atomic(out_dir / f"{stem}.png", _png(rendering.pages[0])))
    elif "png" in formats:
        paths += [write_bytes_atomic(out_dir / stem / f"page-{k:03d}.png", _png(image))
                  for k, image in enumerate(rendering.pages, start=1)]
    truth = _truth_for(rendering.truth, stem)
    paths.append(write_bytes_atomic(out_dir / f"{stem}.truth.json", truth.model_dump_json(indent=1).encode("utf-8")))
    paths.append(write_bytes_atomic(out_dir / f"{stem}.md", rendering.transcript_markdown.encode("utf-8")))
    return paths
