"""Synthetic scans of cipher telegrams with exact ground truth.

There are no real Cyrillic scans to test against, so this package types transcripts onto a
believable printed form and degrades them as a 1950s archive and a scanner would:

- :mod:`.fonts` finds the URW faces; :mod:`.canvas` holds per-ink coverage layers;
- :mod:`.typewriter` strikes glyphs; :mod:`.wrap` breaks paragraphs; :mod:`.form` prints the form;
- :mod:`.compose` places a page's lines; :mod:`.stamps` presses rubber stamps;
- :mod:`.degrade` colours and scans; :mod:`.truth` builds the contract-shaped ground truth;
- :mod:`.render` is the API; :mod:`.writers` writes PDF/PNG/JSON/MD; :mod:`.variety` invents telegrams.
"""

from ocr.synth.render import Level, Rendering, RenderOptions, render
from ocr.synth.variety import random_transcript
from ocr.synth.writers import write_rendering

__all__ = ["Level", "RenderOptions", "Rendering", "random_transcript", "render", "write_rendering"]
