"""Text with known damage, for metric and alignment tests."""

from __future__ import annotations

import random


def perturb(text: str, errors: int, seed: int = 7, replacements: str = "абвгде ,.\"Ae", insertions: str = "xй-") -> str:
    """``text`` with ``errors`` random substitutions, insertions and deletions of characters."""
    rng = random.Random(seed)
    chars = list(text)
    for _ in range(errors):
        i, kind = rng.randrange(len(chars)), rng.random()
        if kind < 0.4:
            chars[i] = rng.choice(replacements)
        elif kind < 0.7:
            chars.insert(i, rng.choice(insertions))
        else:
            del chars[i]
    return "".join(chars)
