"""Pages per minute over timed rounds: all pages over all seconds, and the ratio of two ways of running them."""

from __future__ import annotations

import pytest

from ocr.bench.throughput import Timing, pages_per_minute, summary


def test_pages_per_minute_weighs_rounds_by_length_and_compares_modes():
    timings = [Timing("threads", 1, 10, 60.0), Timing("dask", 1, 10, 50.0),
               Timing("dask", 2, 10, 70.0), Timing("threads", 2, 10, 40.0)]
    assert pages_per_minute(timings, "threads") == pytest.approx(12.0)  # 20 pages in 100 s
    assert pages_per_minute(timings, "dask") == pytest.approx(10.0)  # 20 pages in 120 s, not the mean of 12 and 8.57
    found = summary(timings, "dask", "threads")
    assert found["ratio"] == pytest.approx(10 / 12)
    assert [r["pages_per_minute"] for r in found["rounds"]] == pytest.approx([10.0, 12.0, 60 * 10 / 70, 15.0])
