"""The report as a reviewer sees it: headless Chromium (Debian's, driven by Playwright) opens the
synthetic document's ``<id>.diff.html``, the diff marks are there, and clicking a word outlines it
on the scan in the right place. A screenshot is kept in the test's tmp dir and in
``output/test-artifacts/report.png``.

Skipped when ``/usr/bin/chromium`` is missing, except under ``CI`` where that is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ocr.report.write import write_document_report
from tests.conftest import ROOT
from tests.report.test_report import DOCUMENT_ID, synthetic_case

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "output" / "test-artifacts"
TOLERANCE_PX = 2

pytestmark = pytest.mark.browser


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        if _in_ci():
            pytest.fail(f"{CHROMIUM} is missing under CI: apt-get install -y chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium); not under CI, so skipped")
    if _in_ci():
        from playwright.sync_api import sync_playwright
    else:
        sync_playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright").sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def report(tmp_path, outdir) -> tuple[Path, object]:
    case = synthetic_case(tmp_path)
    path = write_document_report(case.document, case.transcript, case.diff, case.scan, outdir, case.words)
    return path, case


_RECTS = """
([word, pageNumber]) => {
  const inner = (el) => {  // the padding box: what the percentages place (borders drawn outside it)
    const r = el.getBoundingClientRect();
    return {x: r.left + el.clientLeft, y: r.top + el.clientTop, w: el.clientWidth, h: el.clientHeight};
  };
  const scan = document.getElementById('scan-' + pageNumber);
  const mark = scan.querySelector('.highlight');
  return {
    image: inner(scan.querySelector('img')),
    mark: inner(mark),
    visible: !mark.hidden && getComputedStyle(mark).display !== 'none' && mark.clientWidth > 0,
    width: Number(scan.dataset.width), height: Number(scan.dataset.height),
    selected: word.classList.contains('selected'),
  };
}
"""


def test_report_renders_and_a_click_outlines_the_word(browser, report, tmp_path):
    path, case = report
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(path.as_uri())
        assert page.title() == f"{DOCUMENT_ID} — OCR report"
        assert page.locator("section[id^=page-]").count() == 1
        for css in ("ins", "del", "sub"):
            assert page.locator(f"span.{css}").count() > 0, css
        assert page.locator(".highlight").is_hidden()

        word = case.words[1][4]  # "2020" on the routing line
        target = page.locator(f'span.w[data-box="{",".join(map(str, word.bbox))}"]')
        assert target.inner_text() == "2020"
        target.click()
        rects = page.evaluate(_RECTS, [target.element_handle(), 1])
        assert rects["visible"] and rects["selected"]
        scale_x, scale_y = rects["image"]["w"] / rects["width"], rects["image"]["h"] / rects["height"]
        expected = {"x": rects["image"]["x"] + word.bbox[0] * scale_x, "y": rects["image"]["y"] + word.bbox[1] * scale_y,
                    "w": word.bbox[2] * scale_x, "h": word.bbox[3] * scale_y}
        for key, value in expected.items():
            assert rects["mark"][key] == pytest.approx(value, abs=TOLERANCE_PX), (key, rects)

        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, ARTIFACTS / "report.png")
        assert shot.stat().st_size > 10_000
    finally:
        page.close()
