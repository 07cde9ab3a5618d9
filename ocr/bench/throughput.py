"""Pages per minute of ways of running the same pages, timed in turns within one run (the machine is shared)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Timing:
    """One timed pass of ``pages`` pages run the way ``mode`` names, taking ``seconds`` of wall time."""

    mode: str
    round: int
    pages: int
    seconds: float

    @property
    def pages_per_minute(self) -> float:
        return 60 * self.pages / self.seconds


def pages_per_minute(timings: list[Timing], mode: str) -> float:
    """All of ``mode``'s pages over all its seconds: a slow round weighs by its length, not as one vote."""
    runs = [t for t in timings if t.mode == mode]
    return 60 * sum(t.pages for t in runs) / sum(t.seconds for t in runs)


def summary(timings: list[Timing], mode: str, against: str) -> dict:
    """Both modes' pages per minute, their ratio ``mode``/``against``, and every round, for a JSON report."""
    ours, theirs = pages_per_minute(timings, mode), pages_per_minute(timings, against)
    return {"pages_per_minute": {mode: ours, against: theirs}, "ratio": ours / theirs,
            "rounds": [asdict(t) | {"pages_per_minute": t.pages_per_minute} for t in timings]}
