"""The benchmark's set: seeded synthetic telegrams rendered once per level and cached by the synthesiser's code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from ocr.batch import store
from ocr.contract import TelegramDocument

LEVELS = ("clean", "moderate", "heavy")

@dataclass(frozen=True)
class Case:
    """One rendered telegram: a folder of page PNGs and its ground truth."""

    level: str
    name: str
    pages_dir: Path
    truth_path: Path

    def truth(self) -> TelegramDocument:
        return store.read_document(self.truth_path)

def _write_case(rendering, case: Case) -> None:
    case.pages_dir.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(rendering.pages, start=1):
        rgb = Image.fromarray(np.ascontiguousarray(page[:, :, ::-1]))
        target = case.pages_dir / f"page-{number:03d}.png"
        temp = target.with_suffix(".part.png")
        rgb.save(temp, dpi=(rendering.dpi, rendering.dpi))
        temp.replace(target)
    store.write_json_atomic(case.truth_path, rendering.truth)

def synth_fingerprint() -> str:
    """A hash of the synthesiser's code and texts: cached renders are reused only while it is unchanged."""
    import hashlib

    import ocr.synth

    folder = Path(ocr.synth.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".txt", ".md")):
        digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]

def ensure_cases(cache: Path, per_level: int, seed: int, dpi: int, levels=LEVELS) -> list[Case]:
    """The benchmark set, rendered on first use and reused after (the truth file is written last)."""
    from ocr.synth import Level, random_transcript, render

    cases = []
    root = cache / f"synth-{synth_fingerprint()}-{dpi}dpi"
    for level in levels:
        for k in range(per_level):
            name = f"tg-{seed + k:05d}"
            case = Case(level, name, root / level / name, root / level / f"{name}.truth.json")
            if not case.truth_path.exists():
                rendering = render(random_transcript(seed + k), Level(level), seed=seed + k, dpi=dpi, document_id=name)
                _write_case(rendering, case)
            cases.append(case)
    return cases

def page_paths(case: Case) -> list[Path]:
    return sorted(case.pages_dir.glob("page-*.png"))
