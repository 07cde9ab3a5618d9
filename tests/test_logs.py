"""Log records name the document and page they are about; -v/-q choose how much the library says."""

from __future__ import annotations

import logging

import cv2
import numpy as np

from flows import logs as cli_logs
from ocr import logs
from ocr.exec import tesseract


def test_records_carry_document_and_page(caplog):
    logs.install()
    logs.install()  # idempotent: the factory is wrapped once
    logger = logging.getLogger("ocr.test")
    with caplog.at_level(logging.INFO, logger="ocr.test"):
        with logs.about("tg-1", 3):
            logger.info("inside")
        logger.info("outside")
    inside, outside = caplog.records
    assert (inside.document_id, inside.page, inside.where) == ("tg-1", "3", "tg-1 p.3: ")
    assert (outside.document_id, outside.page, outside.where) == ("-", "-", "")


def test_levels_from_the_command_line():
    assert cli_logs.level(0, False) == logging.WARNING
    assert cli_logs.level(1, False) == logging.INFO
    assert cli_logs.level(2, False) == logging.DEBUG
    assert cli_logs.level(2, True) == logging.ERROR


def test_real_tesseract_notes_reach_the_log_at_debug(caplog):
    logs.install()
    page = np.full((80, 400), 255, np.uint8)
    cv2.putText(page, "TEST 1950", (10, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    with caplog.at_level(logging.DEBUG, logger="ocr.exec.tesseract"), logs.about("tg-2", 1):
        assert "1950" in tesseract.image_to_string(page, "eng")
    notes = [r for r in caplog.records if r.name == "ocr.exec.tesseract"]
    # A PNG from a pipe has no resolution: Tesseract estimates one and says so, which is a note, not a warning.
    assert notes and all(r.levelno == logging.DEBUG and r.document_id == "tg-2" for r in notes)
    assert any("resolution" in r.getMessage() for r in notes)
