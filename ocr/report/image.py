"""Scans embedded in a report: a downscaled JPEG as a ``data:`` URI, so the report is one file."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
from PIL import Image

IMAGE_WIDTH = 1000
"""Width in pixels the scans are downscaled to (never upscaled) before embedding."""
JPEG_QUALITY = 80


def _load_image(image: np.ndarray | Path | str) -> Image.Image:
    if isinstance(image, np.ndarray):
        return Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8))
    with Image.open(image) as opened:
        return opened.copy() if opened.mode in ("L", "RGB") else opened.convert("RGB")


def image_data_uri(image: np.ndarray | Path | str, width: int = IMAGE_WIDTH) -> tuple[str, int, int]:
    """``(data: URI of a JPEG at most ``width`` pixels wide, original width, original height)``.

    Arrays are taken as grey (2-D) or RGB (3-D; convert OpenCV's BGR first).
    """
    picture = _load_image(image)
    original = picture.size
    if picture.width > width:
        picture = picture.resize((width, round(picture.height * width / picture.width)), Image.LANCZOS)
    buffer = io.BytesIO()
    picture.convert("L" if picture.mode == "L" else "RGB").save(buffer, "JPEG", quality=JPEG_QUALITY)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"), *original
