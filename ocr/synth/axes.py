"""The independent axes a rendering varies along, drawn at random per document, and the held-out split.

Each axis has several values; some are held out: a document whose drawn values include a held-out
one belongs to the ``heldout`` split, the rest to ``tuning``. Nobody looks at held-out renders while
tuning, so the held-out figures measure what the pipeline does on paper it was not tuned on. The
degradation level (clean, moderate, heavy) is not an axis: it is the intensity every axis is drawn at.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum

import numpy as np


class Split(str, Enum):
    TUNING = "tuning"
    HELDOUT = "heldout"


@dataclass(frozen=True)
class Axis:
    name: str
    values: tuple[str, ...]
    heldout: frozenset[str]


AXES = (
    # The typewriter's face (monospace, or a book face cut to the machine's pitch); weight and width and
    # the typebars' defects vary beyond it.
    Axis("typeface", ("nimbus-mono", "dejavu-mono", "liberation-mono", "free-mono", "pt-mono", "noto-mono",
                      "bookman-pitch", "century-pitch"), frozenset({"pt-mono"})),
    Axis("weight", ("light", "regular", "bold"), frozenset()),
    # The typing as it reached this sheet: from the ribbon (fresh or worn) or a carbon copy of it.
    Axis("ink", ("ribbon", "worn-ribbon", "carbon-violet", "carbon-blue", "carbon-black"), frozenset()),
    # The form's printing: sans labels on a plain sheet, serif with rules, sans with leader dots on the
    # baseline from each label to the next, narrow sans with rules and ruled blanks the typing strays far
    # from, serif with rules and dotted blanks.
    Axis("form", ("plain-sans", "ruled-serif", "leader-sans", "ruled-narrow", "dotted-serif"), frozenset({"dotted-serif"})),
    # What a hand added: nothing, registry notes in pen, or also scrawls and a resolution across the top.
    Axis("hand", ("none", "registry", "annotated"), frozenset()),
    # The paper's age and handling.
    Axis("paper", ("fresh", "aged", "filed", "thin"), frozenset()),
    # How it was scanned.
    Axis("scan", ("colour", "grayscale", "bitonal", "microfilm", "photocopy"), frozenset({"microfilm"})),
)
_BY_NAME = {axis.name: axis for axis in AXES}
_STREAM = 3  # the seed's stream for the axes: independent of layout, page and scan streams


@dataclass(frozen=True)
class Variety:
    """One value per axis."""

    typeface: str
    weight: str
    ink: str
    form: str
    hand: str
    paper: str
    scan: str

    @property
    def split(self) -> Split:
        held = any(value in _BY_NAME[name].heldout for name, value in asdict(self).items())
        return Split.HELDOUT if held else Split.TUNING

    @property
    def carbon(self) -> bool:
        return self.ink.startswith("carbon")

    def as_dict(self) -> dict[str, str]:
        return asdict(self) | {"split": self.split.value}


# The synthesiser's first look, before the axes: one typewriter, the plain form, a fresh sheet scanned in colour.
PLAIN = Variety("nimbus-mono", "regular", "ribbon", "plain-sans", "none", "fresh", "colour")


def draw_variety(seed: int) -> Variety:
    """Each axis's value drawn uniformly and independently for the document of ``seed``."""
    rng = np.random.default_rng([seed, _STREAM])
    return Variety(**{axis.name: str(axis.values[int(rng.integers(len(axis.values)))]) for axis in AXES})


def seeds_of_split(split: Split, count: int, start: int) -> list[int]:
    """The first ``count`` seeds from ``start`` on whose drawn variety falls in ``split``."""
    found, seed = [], start
    while len(found) < count:
        if draw_variety(seed).split is Split(split):
            found.append(seed)
        seed += 1
    return found
