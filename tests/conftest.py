"""Shared fixtures: the seed telegram's files and an output folder per test."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed-telegram-1950-01-19"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# Prefect's temporary servers get 20 s to start by default: too little on a loaded machine.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    if not SEED.is_dir():
        pytest.skip(f"the shared corpus is not beside the checkout ({SEED})")
    return SEED


@pytest.fixture(scope="session")
def seed_expected(seed_dir) -> dict:
    return json.loads((seed_dir / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def outdir(tmp_path) -> Path:
    path = tmp_path / "output"
    path.mkdir()
    return path


@pytest.fixture(autouse=True)
def library_logs_reach_pytest():
    """The command line routes the library's logs to its own handler and stops them propagating; a test
    that ran the command line in this process must not keep other tests' ``caplog`` from seeing them."""
    yield
    library = logging.getLogger("ocr")
    library.propagate = True
    library.handlers.clear()


@pytest.fixture(scope="module")
def harness():
    """A temporary Prefect server for the module's flow runs."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield
