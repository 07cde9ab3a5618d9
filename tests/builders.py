"""Small inputs and helpers the tests share: scans made on the spot, JSON compared without timestamps."""

from __future__ import annotations

import os
import signal
import socket
import subprocess

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ocr.preprocess import PreprocessedPage

FONT = "/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf"


def scan_lines(path, text: str) -> None:
    """A one-page scan of ``text``'s lines in a typewriter face, 300 dpi."""
    image = Image.new("RGB", (1400, 260), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 44)
    for k, line in enumerate(text.splitlines()):
        draw.text((60, 50 + 80 * k), line, font=font, fill=(20, 20, 20))
    image.save(path, dpi=(300, 300))


_WORDS = ("сообщаю о настроениях высказанных на обеде прошу срочно сообщить результаты переговоров "
          "москва центр директору копия отпечатано экземпляра шифровка").split()


def small_batch(folder, count: int) -> list:
    """``count`` one-page scans of 1000×250 px, two different lines of Cyrillic each (Tesseract: ~0.3 s a page)."""
    folder.mkdir(parents=True, exist_ok=True)
    font = ImageFont.truetype(FONT, 38)
    paths = []
    for k in range(count):
        image = Image.new("RGB", (1000, 250), "white")
        draw = ImageDraw.Draw(image)
        first = " ".join(_WORDS[(k + j) % len(_WORDS)] for j in range(3))
        draw.text((40, 50), f"Телеграмма {k + 1}", font=font, fill=(20, 20, 20))
        draw.text((40, 140), first, font=font, fill=(20, 20, 20))
        paths.append(folder / f"doc-{k:03d}.png")
        image.save(paths[-1], dpi=(300, 300))
    return paths


def without_timestamps(document: dict) -> dict:
    """The document JSON minus what differs between two identical runs (the processing time)."""
    return document | {"provenance": {k: v for k, v in document["provenance"].items() if k != "processed_at"}}


TEXT = "THE COMMITTEE MET ON 12 MAY AND AGREED TO SEND 345 COPIES BY TELEGRAPH"


def render_page(ink=(0, 0, 0), size=(1240, 1754), lines=28) -> np.ndarray:
    """A BGR A4 page at 150 dpi with typewriter-like lines of text in ``ink``."""
    image = Image.new("RGB", size, "white")
    draw, font = ImageDraw.Draw(image), ImageFont.truetype(FONT, 26)
    for i in range(lines):
        draw.text((100, 140 + 50 * i), TEXT[: 30 + (7 * i) % 40], font=font, fill=ink[::-1])
    return np.array(image)[..., ::-1].copy()


def prepared(image: np.ndarray, grey: np.ndarray | None = None, **more) -> PreprocessedPage:
    """``image`` (and its ``grey`` page) as preprocessing leaves a page upright, unturned and unskewed."""
    return PreprocessedPage(image=image, stamp_image=None, stamp_boxes=[], rotation=0, rotation_confidence=0.0,
                            skew_deg=0.0, to_original=np.eye(2, 3), grey=grey, **more)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_group(process: subprocess.Popen, first: signal.Signals = signal.SIGINT, grace: float = 20) -> None:
    """Ask the process group to stop, then make sure: nothing started here outlives the test."""
    try:
        os.killpg(process.pid, first)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)
