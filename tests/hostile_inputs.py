"""Bad and hostile input files, made on the fly (nothing large is committed): what archive inboxes hold."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfWriter

FONT = "/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf"
LINES = ("Сообщаю о настроениях высказанных", "на обеде прошу срочно сообщить",
         "результаты переговоров москва центр", "директору копия отпечатано экземпляра")


def text_page(lines=LINES, size=(1400, 360), font_size=40) -> Image.Image:
    """A white page with dark typed lines of text (Tesseract reads it in well under a second)."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, font_size)
    for k, line in enumerate(lines):
        draw.text((60, 40 + 70 * k), line, font=font, fill=(20, 20, 20))
    return image


def tiny_image(path: Path, value: int = 200) -> Path:
    """A valid 64×48 page in the format of ``path``'s suffix."""
    Image.fromarray(np.full((48, 64, 3), value, np.uint8)).save(path, format=_format(path))
    return path


def _format(path: Path) -> str:
    return {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".tif": "TIFF", ".tiff": "TIFF", ".pdf": "PDF"}[path.suffix.lower()]


def truncated(path: Path) -> Path:
    """A real file of ``path``'s type (a page with text) cut in the middle, as an interrupted upload leaves it."""
    text_page(size=(700, 300)).save(path, format=_format(path))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def random_bytes(path: Path, size: int = 4096, seed: int = 14) -> Path:
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def pdf(path: Path, pages: int = 1, user_password: str | None = None, owner_password: str | None = None,
        page_points: tuple[float, float] = (200, 100)) -> Path:
    """A PDF of ``pages`` blank pages (``page_points`` in 1/72 inch), optionally encrypted."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*page_points)
    if user_password is not None or owner_password is not None:
        writer.encrypt(user_password=user_password or "", owner_password=owner_password, algorithm="RC4-128")
    writer.write(path)
    return path


def bomb_png(path: Path, width: int = 40_000, height: int = 40_000) -> Path:
    """A small PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb's signature."""
    tiny_image(path)
    data = bytearray(path.read_bytes())
    data[16:24] = struct.pack(">II", width, height)  # IHDR's data starts after the signature, length and type
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    path.write_bytes(bytes(data))
    return path


def written(data: bytes):
    """A maker of a file holding ``data``."""
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path
    return make


BAD_FILES = {
    "empty.pdf": written(b""),
    "empty.png": written(b""),
    "cut.pdf": truncated,
    "cut.jpg": truncated,
    "cut.png": truncated,
    "cut.tif": truncated,
    "notes.pdf": written("Протокол заседания: a text file, not a PDF\n".encode()),
    "noise.png": random_bytes,
    "locked.pdf": lambda p: pdf(p, user_password="secret", owner_password="owner"),
    "no-pages.pdf": lambda p: pdf(p, pages=0),
    "bomb.png": bomb_png,
}
"""Bad files by name, each made by its function from the path."""
