"""The synthesiser: determinism, page geometry, ground truth that matches the pixels, variety, and
one real-Tesseract check that the typing is legible."""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import cycle

import cv2
import numpy as np
import pytest

from ocr.compare.normalise import collapse_whitespace
from ocr.compare.transcript import parse_transcript, read_transcript, to_markdown
from ocr.contract import TelegramDocument
from ocr.synth import Level, RenderOptions, random_transcript, render, write_rendering
from ocr.synth.axes import AXES, PLAIN, Split, Variety, draw_variety, seeds_of_split
from ocr.synth.fonts import Face
from ocr.synth.typewriter import Strike, glyph, slug
from ocr.synth.variety import join_pieces
from ocr.synth.wrap import hyphen_points, wrap

DPI_SMALL = 100  # geometry and determinism hold at any dpi; small renders keep the suite fast


@pytest.fixture(scope="module")
def seed_transcript(seed_dir):
    return read_transcript(seed_dir / "transcript.ru.txt")


@pytest.fixture(scope="module")
def seed_clean(seed_transcript):
    return render(seed_transcript, Level.CLEAN, seed=1, dpi=300, options=RenderOptions(variety=PLAIN))


@pytest.fixture(scope="module")
def seed_heavy(seed_transcript):
    return render(seed_transcript, Level.HEAVY, seed=2, dpi=DPI_SMALL, options=RenderOptions(variety=PLAIN))


def test_same_seed_same_pixels_other_seed_other_pixels():
    transcript = random_transcript(3, pages=1)
    first = render(transcript, Level.MODERATE, seed=5, dpi=DPI_SMALL)
    again = render(transcript, Level.MODERATE, seed=5, dpi=DPI_SMALL)
    other = render(transcript, Level.MODERATE, seed=6, dpi=DPI_SMALL)
    assert np.array_equal(first.pages[0], again.pages[0])
    assert first.truth == again.truth
    assert not np.array_equal(first.pages[0], other.pages[0])


def test_seed_renders_five_a4_pages_at_300_dpi(seed_clean):
    assert len(seed_clean.pages) == 5
    for image in seed_clean.pages:
        assert image.dtype == np.uint8 and image.shape == (3508, 2480, 3)


def test_truth_validates_and_carries_the_seed_record(seed_clean, seed_expected):
    truth = TelegramDocument.model_validate(seed_clean.truth.model_dump())
    assert truth.body == seed_expected["body"]
    assert truth.header.origin == "ПХЕНЬЯНА" and truth.signature.name == "ШТЫКОВ"
    assert [p.folio for p in truth.pages] == [64, 65, 66, 67, 68]
    assert [p.page_label for p in truth.pages] == [None, "2.", "3.", "4.", "5."]
    assert all(p.copy_number == 3 for p in truth.pages)


def test_region_boxes_lie_inside_the_page_and_body_boxes_hold_ink(seed_clean):
    for page, image in zip(seed_clean.truth.pages, seed_clean.pages):
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        for region in page.regions:
            x, y, w, h = region.bbox
            assert 0 <= x and 0 <= y and x + w <= page.width and y + h <= page.height
            if region.type == "body":
                assert (gray[y:y + h, x:x + w] < 100).sum() > 20 * len(region.text.replace(" ", ""))


def test_page_text_is_the_regions_in_order(seed_clean):
    page = seed_clean.truth.pages[1]
    assert page.text.replace("\n\n", "\n").split("\n") == [r.text for r in page.regions]
    assert page.text.startswith("65\n\n2029\n\n2.\n\nэкз. №... 3\n\nскому народам.")


def test_heavy_turns_one_page(seed_heavy):
    rotations = [p.rotation for p in seed_heavy.truth.pages]
    assert rotations.count(0) == 4 and set(rotations) - {0} <= {90, 180, 270}
    assert all(abs(p.skew_deg) <= 3 for p in seed_heavy.truth.pages)


@pytest.mark.parametrize("seed", [2, 5])
def test_turned_page_boxes_follow_the_turn(seed_transcript, seed):
    rendering = render(seed_transcript, Level.HEAVY, seed=seed, dpi=DPI_SMALL // 2, options=RenderOptions(variety=PLAIN))
    page = next(p for p in rendering.truth.pages if p.rotation)
    folio = next(r for r in page.regions if r.type == "folio")
    right, low = folio.bbox[0] > page.width * 2 / 3, folio.bbox[1] > page.height * 2 / 3
    # The folio is top right; turned clockwise by 360 - rotation it lies:
    expected = {180: (False, True), 90: (False, False), 270: (True, True)}[page.rotation]  # bottom left, top left, bottom right
    assert (right, low) == expected
    assert (page.width > page.height) == (page.rotation in (90, 270))


def test_moderate_stamp_is_violet():
    transcript = random_transcript(4, pages=1)
    rendering = render(transcript, Level.MODERATE, seed=3, dpi=DPI_SMALL, options=RenderOptions(grayscale=False, stamp=True))
    (stamp,) = rendering.truth.stamps
    x, y, w, h = stamp.bbox
    patch = rendering.pages[0][y:y + h, x:x + w]
    hsv = cv2.cvtColor(patch, cv2.COLOR_BGR2HSV)
    inked = hsv[..., 1] > 60  # saturated: the stamp's ink, not black typing or paper
    hue = np.median(hsv[..., 0][inked]) * 2  # OpenCV hue is degrees / 2
    assert inked.sum() > 100 and 250 <= hue <= 300


def test_grayscale_scan_has_equal_channels():
    rendering = render(random_transcript(1, pages=1), Level.HEAVY, seed=1, dpi=DPI_SMALL, options=RenderOptions(grayscale=True))
    image = rendering.pages[0]
    assert np.array_equal(image[..., 0], image[..., 1]) and np.array_equal(image[..., 1], image[..., 2])


def test_bitonal_scan_is_black_and_white_and_microfilm_is_gray():
    bitonal = render(random_transcript(1, pages=1), Level.MODERATE, seed=1, dpi=DPI_SMALL,
                     options=RenderOptions(variety=replace(PLAIN, scan="bitonal"))).pages[0]
    assert set(np.unique(bitonal)) <= {0, 255} and (bitonal == 0).mean() > 0.01
    film = render(random_transcript(1, pages=1), Level.MODERATE, seed=1, dpi=DPI_SMALL,
                  options=RenderOptions(variety=replace(PLAIN, scan="microfilm"))).pages[0]
    assert np.array_equal(film[..., 0], film[..., 2]) and len(np.unique(film)) > 50


def test_photocopy_crushes_a_carbon_to_toner_black_and_its_boxes_follow_the_reduction():
    """A photocopy of a carbon: equal channels, copier-white paper, the pale carbon typing pushed to toner black
    (the steep curve: many times the grayscale scan's black), and the body boxes still on the reduced typing."""
    def scanned(profile):
        return render(random_transcript(3, pages=1), Level.MODERATE, seed=3, dpi=DPI_SMALL,
                      options=RenderOptions(variety=replace(PLAIN, scan=profile, ink="carbon-blue")))
    rendering, flatbed = scanned("photocopy"), scanned("grayscale").pages[0][..., 0]
    copy = rendering.pages[0]
    gray = copy[..., 0]
    assert np.array_equal(gray, copy[..., 1]) and np.array_equal(gray, copy[..., 2])
    assert np.median(gray) > 235 and (gray < 80).mean() > 8 * (flatbed < 80).mean()
    for region in (r for r in rendering.truth.pages[0].regions if r.type == "body"):
        x, y, w, h = region.bbox
        assert (gray[y:y + h, x:x + w] < 128).sum() > 20 * len(region.text.replace(" ", "")), region.text


def test_axes_are_drawn_per_document_and_decide_the_split():
    drawn = [draw_variety(seed) for seed in range(200)]
    assert draw_variety(7) == draw_variety(7)
    for axis in AXES:  # every value of every axis turns up
        assert {getattr(v, axis.name) for v in drawn} == set(axis.values), axis.name
    held = {axis.name: axis.heldout for axis in AXES}
    for variety in drawn:
        holds = any(getattr(variety, name) in values for name, values in held.items())
        assert variety.split is (Split.HELDOUT if holds else Split.TUNING)
    assert 0.2 < sum(v.split is Split.HELDOUT for v in drawn) / len(drawn) < 0.8
    assert all(draw_variety(s).split is Split.TUNING for s in seeds_of_split(Split.TUNING, 5, 1000))


def test_axes_and_split_are_recorded_in_the_truth():
    seed = seeds_of_split(Split.HELDOUT, 1, 40)[0]
    params = render(random_transcript(seed, pages=1), Level.CLEAN, seed=seed, dpi=DPI_SMALL).truth.provenance.steps[0].params
    assert params["axis_split"] == "heldout"
    assert {params[f"axis_{axis.name}"] for axis in AXES} & set().union(*(axis.heldout for axis in AXES))


def test_every_face_form_and_paper_renders_with_ink_in_its_body_boxes():
    """Each typewriter face, form printing, hand and paper renders, and its body boxes hold ink."""
    faces, inks, forms, hands, papers = (axis.values for axis in AXES if axis.name in ("typeface", "ink", "form", "hand", "paper"))
    for k, (face, ink, form, hand, paper) in enumerate(zip(faces, cycle(inks), cycle(forms), cycle(hands), cycle(papers))):
        variety = Variety(face, "regular", ink, form, hand, paper, "colour")
        rendering = render(random_transcript(k, pages=1), Level.CLEAN, seed=k, dpi=DPI_SMALL, options=RenderOptions(variety=variety))
        gray = cv2.cvtColor(rendering.pages[0], cv2.COLOR_BGR2GRAY)
        page = rendering.truth.pages[0]
        for region in (r for r in page.regions if r.type == "body"):
            x, y, w, h = region.bbox
            assert (gray[y:y + h, x:x + w] < 160).sum() > 2 * len(region.text.replace(" ", "")), (variety, region.text)


def test_explicit_skew_is_recorded_and_visible():
    rendering = render(random_transcript(2, pages=1), Level.MODERATE, seed=1, dpi=DPI_SMALL, options=RenderOptions(skew_deg=2.0))
    assert rendering.truth.pages[0].skew_deg == 2.0


def test_random_transcripts_vary_and_round_trip_through_the_archive_format():
    transcripts = [random_transcript(seed) for seed in range(12)]
    assert len({t.record.header.origin for t in transcripts}) >= 4
    assert len({len(t.pages) for t in transcripts}) >= 3
    assert len({len(t.record.distribution) for t in transcripts}) >= 2
    for t in transcripts:
        assert parse_transcript(to_markdown(t)).record == t.record


def test_a_book_face_is_cut_to_the_machines_pitch():
    """Its wide letters narrowed to nine tenths of the cell and every letter centred in it, as a monospace slug."""
    strike = Strike(size_px=60, jitter_px=0, face=Face.BOOKMAN, pitch_px=36.0, fitted=True)
    for char in "ШЖЮщи.":
        mask, dx, _ = slug(strike, char, 0)
        assert mask.shape[1] <= round(0.9 * 36) + 1, char
        assert abs(dx + mask.shape[1] / 2 - 18) <= 1, char
    assert glyph(Face.BOOKMAN, 60, "Ш")[0].shape[1] > 40  # the book face's own Ш is wider than the cell


def test_random_transcript_pages_fit_their_sheets():
    for seed in range(6):
        rendering = render(random_transcript(seed), Level.CLEAN, seed=seed, dpi=DPI_SMALL)
        assert len(rendering.pages) == len(rendering.truth.pages)


def test_hyphenation_breaks_between_syllables_and_joins_back():
    assert hyphen_points("китайскому") == [5]
    assert hyphen_points("Мао Цзе-дун") == [] and hyphen_points("об\"единения") == []
    text = "освобождения " * 30
    lines = wrap(text, 40, 5, np.random.default_rng(0), 1.0)
    assert any(line.text.endswith("-") for line in lines)
    assert join_pieces([line.text for line in lines]) == text.strip()


def test_write_rendering_writes_pdf_pngs_truth_and_transcript(tmp_path):
    rendering = render(random_transcript(8, pages=2), Level.HEAVY, seed=8, dpi=DPI_SMALL)
    paths = write_rendering(rendering, tmp_path, "doc 1")
    names = sorted(p.relative_to(tmp_path).as_posix() for p in paths)
    assert names == ["doc 1.md", "doc 1.pdf", "doc 1.truth.json", "doc 1/page-001.png", "doc 1/page-002.png"]
    assert (tmp_path / "doc 1.pdf").read_bytes().startswith(b"%PDF-1.4")
    truth = TelegramDocument.model_validate(json.loads((tmp_path / "doc 1.truth.json").read_text(encoding="utf-8")))
    assert truth.document_id == "doc_1" and truth.source.path == "doc 1.pdf"
    written = parse_transcript((tmp_path / "doc 1.md").read_text(encoding="utf-8")).record
    assert written.body == truth.body and written.header == truth.header
    assert not list(tmp_path.glob(".*.tmp"))



def test_tesseract_reads_the_clean_body():
    from rapidfuzz.distance import Levenshtein

    from ocr.exec import tesseract

    try:
        tesseract.check_languages("rus")
    except Exception as exc:  # noqa: BLE001 - the smoke test needs the real program
        pytest.skip(str(exc))
    rendering = render(random_transcript(11, pages=1), Level.CLEAN, seed=11, dpi=300, options=RenderOptions(variety=PLAIN))
    page = rendering.truth.pages[0]
    boxes = [r.bbox for r in page.regions if r.type == "body"]
    x0, y0 = min(b[0] for b in boxes) - 20, min(b[1] for b in boxes) - 20
    x1, y1 = max(b[0] + b[2] for b in boxes) + 20, max(b[1] + b[3] for b in boxes) + 20
    gray = cv2.cvtColor(rendering.pages[0], cv2.COLOR_BGR2GRAY)[y0:y1, x0:x1]
    found = tesseract.image_to_string(gray, "rus", psm=3)
    cer = Levenshtein.normalized_distance(collapse_whitespace(rendering.truth.body), collapse_whitespace(found))
    assert cer < 0.05, f"body CER {cer:.3f}"
