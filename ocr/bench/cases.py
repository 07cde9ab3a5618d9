"""The benchmark's set: seeded synthetic telegrams rendered once per level and cached by the synthesiser's code.

Two splits (:mod:`ocr.synth.axes`): ``tuning`` documents, drawn only from the axes' tuning values, are
the ones to look at and tune on; ``heldout`` documents (each with at least one held-out typewriter
face, form printing or scan profile) are rendered under ``heldout/`` and only ever scored. Everything
but the accuracy report asks for the tuning split alone.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from ocr.batch import store
from ocr.contract import TelegramDocument
from ocr.synth.axes import Split, seeds_of_split
from ocr.synth.degrade import Level

LEVELS = tuple(level.value for level in Level)
SPLITS = tuple(split.value for split in Split)


@dataclass(frozen=True)
class Case:
    """One rendered telegram: a folder of page PNGs and its ground truth."""

    level: str
    name: str
    pages_dir: Path
    truth_path: Path
    split: str = Split.TUNING.value

    @property
    def key(self) -> str:
        """``split/level/name``: unique in a bench run."""
        return f"{self.split}/{self.level}/{self.name}"

    def truth(self) -> TelegramDocument:
        return store.read_document(self.truth_path)


def variety_of(truth: TelegramDocument) -> dict[str, str]:
    """The axis values a render was drawn with (typeface, form, scan...), as its truth records them."""
    return {name.removeprefix("axis_"): str(value) for step in truth.provenance.steps for name, value in step.params.items()
            if name.startswith("axis_") and name != "axis_split"}


def write_case(rendering, case: Case) -> None:
    case.pages_dir.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(rendering.pages, start=1):
        rgb = Image.fromarray(np.ascontiguousarray(page[:, :, ::-1]))
        png = io.BytesIO()
        rgb.save(png, format="PNG", dpi=(rendering.dpi, rendering.dpi))
        # A temporary name of its own: two benches rendering the same cache at once must not collide.
        store.write_bytes_atomic(case.pages_dir / f"page-{number:03d}.png", png.getvalue())
    store.write_json_atomic(case.truth_path, rendering.truth)


def synth_fingerprint() -> str:
    """A hash of the synthesiser's code and texts: cached renders are reused only while it is unchanged."""
    import ocr.synth

    folder = Path(ocr.synth.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".txt", ".md")):
        digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def ensure_cases(cache: Path, per_level: int, seed: int, dpi: int | None, levels=LEVELS,
                 splits: tuple[str, ...] = (Split.TUNING.value,)) -> list[Case]:
    """The benchmark set, rendered on first use and reused after (the truth file is written last).

    Per split, the first ``per_level`` seeds from ``seed`` on whose drawn axes fall in it, each rendered at
    every level. ``dpi`` None: each document at the resolution its scan profile draws.
    """
    from ocr.synth import random_transcript, render

    cases = []
    root = cache / f"synth-{synth_fingerprint()}-{dpi or 'drawn'}dpi"
    for split in splits:
        for level in levels:
            for doc_seed in seeds_of_split(Split(split), per_level, seed):
                name = f"tg-{doc_seed:05d}"
                folder = root / split / level
                case = Case(level, name, folder / name, folder / f"{name}.truth.json", split)
                if not case.truth_path.exists():
                    rendering = render(random_transcript(doc_seed), Level(level), seed=doc_seed, dpi=dpi, document_id=name)
                    write_case(rendering, case)
                cases.append(case)
    return cases


def page_paths(case: Case) -> list[Path]:
    return sorted(case.pages_dir.glob("page-*.png"))
