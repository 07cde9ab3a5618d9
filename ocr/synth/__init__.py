"""Synthetic scans of cipher telegrams with exact ground truth.

There are no real Cyrillic scans to test against, so this package types transcripts onto a
believable printed form and degrades them as a 1950s archive and a scanner would, varied per
document along independent axes, some of whose values are held out of tuning:

- :mod:`.axes` draws a document's typeface, weight, ink, form printing, hand, paper and scan profile,
  and says whether it belongs to the tuning or the held-out split;
- :mod:`.fonts` finds the faces; :mod:`.canvas` holds per-ink coverage layers;
- :mod:`.machine` builds a document's typewriter; :mod:`.typewriter` strikes glyphs; :mod:`.wrap`
  breaks paragraphs; :mod:`.form` prints the form; :mod:`.hand` writes and scrawls;
- :mod:`.compose` places a page's lines; :mod:`.stamps` presses rubber stamps;
- :mod:`.paper` ages the sheet; :mod:`.degrade` and :mod:`.scanner` colour and scan it;
- :mod:`.truth` builds the contract-shaped ground truth;
- :mod:`.render` is the API; :mod:`.writers` writes PDF/PNG/JSON/MD; :mod:`.variety` invents telegrams.
"""

from ocr.synth.render import Level, Rendering, RenderOptions, render
from ocr.synth.variety import random_transcript
from ocr.synth.writers import write_rendering

__all__ = ["Level", "RenderOptions", "Rendering", "random_transcript", "render", "write_rendering"]
