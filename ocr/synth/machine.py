"""The typewriter a document was typed on: its face, weight, width and pitch, its bent and broken type
bars, and the state of its ribbon; drawn from the document's variety and its seed.
"""

from __future__ import annotations

import numpy as np

from ocr.synth.canvas import Canvas
from ocr.synth.fonts import Face, cap_height
from ocr.synth.typewriter import TYPE_EM_300, Defect, Strike

FACES = {
    "nimbus-mono": Face.TYPE, "dejavu-mono": Face.DEJAVU_MONO, "liberation-mono": Face.LIBERATION_MONO,
    "free-mono": Face.FREE_MONO, "pt-mono": Face.PT_MONO, "noto-mono": Face.NOTO_MONO,
    "bookman-pitch": Face.BOOKMAN, "century-pitch": Face.CENTURY,
}
FITTED = frozenset({Face.BOOKMAN, Face.CENTURY})  # book faces, not monospace: set in the machine's pitch
# Stroke thickening in pixels at 300 dpi, by weight.
SPREAD = {"light": 0, "regular": 1, "bold": 2}
CAP_300 = 30.0  # cap height of the typing at 300 dpi (Nimbus Mono at 54 px)
MARGIN_EM = 46  # registry notes and footer are typed smaller (elite type)
# Letters whose type bars go wrong: the common ones, so the fault shows on every line.
_FAULTY = list("аеорсткнивлмдпуНОСТ")


def _defects(rng: np.random.Generator, heavy: bool) -> tuple[tuple[str, Defect], ...]:
    """One to three (more on a heavy machine) type bars bent or with a piece of the slug broken off."""
    chars = rng.choice(_FAULTY, int(rng.integers(1, 4 if not heavy else 6)), replace=False)
    out = []
    for char in chars:
        if rng.random() < 0.5:
            out.append((str(char), Defect(tilt_deg=float(rng.choice([-1, 1]) * rng.uniform(3, 7)))))
        else:
            top = float(rng.uniform(0.0, 0.7))
            out.append((str(char), Defect(broken=(top, top + float(rng.uniform(0.12, 0.25))))))
    return tuple(out)


def typewriter(canvas: Canvas, typeface: str, weight: str, ink: str, rng: np.random.Generator,
               jitter_px: int, heavy: bool) -> tuple[Strike, Strike]:
    """(body strike, small strike for margin notes and footer) of one machine, in ``canvas`` pixels."""
    face = FACES[typeface]
    cap = CAP_300 * float(rng.uniform(0.92, 1.08))
    size = canvas.px(cap / cap_height(face))
    width = float(rng.uniform(0.9, 1.04))
    pitch = canvas.px(TYPE_EM_300) * 0.6 * width  # the machine's pitch (about 9 characters per inch) scales with the slug
    worn = ink == "worn-ribbon"
    common = dict(
        jitter_px=jitter_px, face=face, width=width, spread_px=max(0, round(SPREAD[weight] * canvas.scale)),
        wear=float(rng.uniform(0.2, 0.4)) if worn else 0.0,
        darkness=(0.7, 0.95) if worn else (0.85, 1.0), faint_rate=0.04 if worn else 0.01, fitted=face in FITTED,
    )
    body = Strike(
        size_px=size, pitch_px=pitch, heavy_rate=0.06 if heavy else 0.03, double_rate=float(rng.uniform(0.0, 0.01)),
        misaligned=tuple((str(c), int(rng.choice([-2, -1, 1, 2]))) for c in rng.choice(_FAULTY, 2, replace=False)),
        defects=_defects(rng, heavy), **common,
    )
    small_size = canvas.px(MARGIN_EM * CAP_300 / TYPE_EM_300 / cap_height(face))
    return body, Strike(size_px=small_size, pitch_px=small_size * 0.6 * width, **common)
