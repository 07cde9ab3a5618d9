"""Preprocessing steps on rendered pages (no Tesseract here; see test_preprocess_pipeline.py)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.preprocess import PreprocessSettings, preprocess_page
from ocr.preprocess.background import estimate_background, flatten_illumination, remove_border
from ocr.preprocess.binarize import binarize, sauvola
from ocr.preprocess.denoise import GRAINY_SPECKS, despeckle, remove_dot_rows, remove_specks
from ocr.preprocess.deskew import character_height, deskew, estimate_skew
from ocr.preprocess.geometry import compose, invert, map_box, rotate_quarter, rotate_small
from ocr.preprocess.orientation import line_direction_ratio
from ocr.preprocess.stamps import separate_stamps
from tests.builders import render_page

FONT = "/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf"
VIOLET = (170, 40, 120)  # BGR: stamp ink
CARBON = (140, 105, 125)  # BGR: violet-grey carbon-copy typing, weakly saturated
NO_OSD = PreprocessSettings(orientation=False)


def gray(bgr: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)


def add_stamp(page: np.ndarray, centre=(500, 500), radius=160, ink=VIOLET) -> np.ndarray:
    """Boolean mask of a round stamp in ``ink`` (BGR) drawn onto ``page`` (ring, bar and letters)."""
    mask = np.zeros(page.shape[:2], np.uint8)
    cv2.circle(mask, centre, radius, 1, 10)
    cv2.line(mask, (centre[0] - radius + 30, centre[1]), (centre[0] + radius - 30, centre[1]), 1, 8)
    cv2.putText(mask, "NKID", (centre[0] - 90, centre[1] - 30), cv2.FONT_HERSHEY_SIMPLEX, 2, 1, 6)
    # Inks multiply (subtractive): black typing stays black, and its anti-aliased rim turns dark violet.
    page[mask > 0] = (page[mask > 0].astype(np.float32) * np.float32(ink) / 255).astype(np.uint8)
    return mask > 0


# --- deskew -------------------------------------------------------------------------------------

@pytest.mark.parametrize("angle", [-2.5, -0.7, 0.3, 1.9, 4.5])
def test_skew_is_measured_despite_rule_and_blob(angle):
    tilted, _ = rotate_small(gray(render_page()), angle)
    # A printed rule and a stamp that do not share the typing's tilt must not pull the estimate.
    for y in (60, 100, 1500, 1560):  # the form's grid lines
        cv2.line(tilted, (40, y), (tilted.shape[1] - 40, y), 0, 6)
    cv2.circle(tilted, (900, 1200), 120, 60, -1)
    assert estimate_skew(tilted) == pytest.approx(angle, abs=0.1)


def test_deskew_makes_lines_level():
    tilted, _ = rotate_small(gray(render_page()), 1.9)
    straight, _ = deskew(tilted, estimate_skew(tilted))
    assert estimate_skew(straight) == pytest.approx(0.0, abs=0.1)


def test_blank_page_has_no_skew():
    assert estimate_skew(np.full((800, 600), 255, np.uint8)) == 0.0


# --- geometry -----------------------------------------------------------------------------------

@pytest.mark.parametrize("quarter", [0, 90, 180, 270])
def test_quarter_turn_matrix_matches_the_pixels(quarter):
    image = np.zeros((40, 60), np.uint8)
    image[5:9, 10:20] = 255
    rotated, matrix = rotate_quarter(image, quarter)
    ys, xs = np.nonzero(rotated)
    found = (int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1))
    assert map_box(matrix, (10, 5, 10, 4)) == found
    assert map_box(invert(matrix), found) == (10, 5, 10, 4)


def test_composed_rotations_round_trip_a_box():
    image = np.zeros((300, 200), np.uint8)
    quarter, first = rotate_quarter(image, 90)
    _, second = rotate_small(quarter, -1.5)
    forward = compose(second, first)
    x, y, w, h = map_box(invert(forward), map_box(forward, (50, 80, 40, 20)))
    # A tilted box's axis-aligned hull grows by about sin(1.5 deg) of the other side each way.
    assert (x, y) == pytest.approx((50, 80), abs=3) and (w, h) == pytest.approx((40, 20), abs=6)


# --- stamps -------------------------------------------------------------------------------------

def test_violet_stamp_is_lifted_off_the_typing():
    page = render_page()
    typing = gray(page) < 60  # the strokes' cores; their anti-aliased rims take the stamp's colour
    stamp = add_stamp(page)
    text, layer, boxes, _ = separate_stamps(page)
    under = typing & stamp
    assert under.sum() > 200, "the stamp must cross some typing for this test to mean anything"
    assert (text[under] < 128).mean() > 0.95  # typing under the stamp survives
    assert (text[stamp & (gray(render_page()) == 255)] > 200).mean() > 0.95  # stamp ink on paper is gone from the text image
    assert (layer[stamp & ~typing] < 200).mean() > 0.95  # and is in the stamp layer
    assert (layer[(gray(render_page()) < 250) & ~stamp] == 255).all()
    (x, y, w, h), = boxes
    assert x <= 340 and y <= 340 and x + w >= 660 and y + h >= 660


def test_carbon_typing_under_a_stamp_keeps_its_strokes():
    """Carbon typing is itself violet-grey: only the stamp's share of each pixel's ink may go."""
    page = render_page(ink=CARBON)
    typing = gray(page) < 170
    stamp = add_stamp(page)
    text, _, boxes, _ = separate_stamps(page)
    assert len(boxes) == 1
    under = typing & stamp
    assert under.sum() > 200
    assert (text[under] < 185).mean() > 0.9  # the typing's strokes stay dark where the stamp crossed them
    assert (text[stamp & ~typing & (gray(render_page(ink=CARBON)) == 255)] > 215).mean() > 0.95  # the stamp goes
    assert (text[typing & ~stamp] < 170).mean() > 0.99  # typing elsewhere is untouched


def test_red_and_blue_stamps_are_found_too():
    for colour in ((40, 40, 200), (190, 90, 40)):  # BGR: red, blue
        page = render_page()
        mask = add_stamp(page, ink=colour)
        _, layer, boxes, _ = separate_stamps(page)
        assert len(boxes) == 1 and (layer[mask & (gray(render_page()) == 255)] < 200).mean() > 0.9


def test_carbon_copy_typing_is_not_a_stamp():
    page = render_page(ink=CARBON, lines=32)
    typing = gray(page) < 170
    text, layer, boxes, _ = separate_stamps(page)
    assert layer is None and boxes == []
    assert (text[typing] < 170).all()


def test_carbon_copy_survives_next_to_a_stamp():
    page = render_page(ink=CARBON)
    typing = gray(page) < 170
    stamp = add_stamp(page, centre=(900, 1300))
    text, _, boxes, _ = separate_stamps(page)
    assert len(boxes) == 1
    assert (text[typing & ~stamp] < 170).mean() > 0.99


def test_grayscale_page_has_no_stamp_layer():
    result = preprocess_page(gray(render_page()), NO_OSD)
    assert result.stamp_image is None and result.stamp_boxes == []


# --- background and denoising ------------------------------------------------------------------

def test_dark_frame_and_shadow_are_whitened():
    page = gray(render_page())
    page[:, :70] = 30  # scanner lid shadow along one edge
    page[:50, :], page[-60:, :], page[:, -40:] = 20, 20, 20  # black frame
    cleaned, _, fraction = remove_border(page, estimate_background(page))
    assert cleaned[:, :70].min() == 255 and cleaned[-60:, :].min() == 255 and cleaned[:, -40:].min() == 255
    assert fraction > 0.05
    assert (cleaned[100:-100, 100:-100] == page[100:-100, 100:-100]).all()  # the typing is untouched


def test_uneven_light_is_flattened():
    page = gray(render_page()).astype(np.float32)
    shade = np.linspace(0.55, 1.0, page.shape[1], dtype=np.float32)[None, :]
    dim = (page * shade).astype(np.uint8)
    flat = flatten_illumination(dim, estimate_background(dim))
    paper, ink = flat[gray(render_page()) == 255], flat[gray(render_page()) < 60]
    assert np.percentile(paper, 5) > 235 and np.percentile(ink, 95) < 110


def test_sideways_page_is_told_from_an_upright_one():
    page = gray(render_page())
    assert line_direction_ratio(page) < 0.7
    assert line_direction_ratio(cv2.rotate(page, cv2.ROTATE_90_CLOCKWISE)) > 1.4
    tilted, _ = rotate_small(page, 3.0)
    assert line_direction_ratio(tilted) < 0.7


def test_sideways_page_of_broken_thin_typing_is_told_from_an_upright_one():
    # Strokes thinned until letters break into pieces, as on a faint bitonal carbon copy: smeared by
    # half a character height they joined in neither direction (0.8 upright, 0.9 sideways). The pieces no
    # longer shrink the character height either (14.3 px against the unbroken page's 15.3; the plain median
    # of the pieces' heights took it to 8.8, and the ratios were 0.46 and 1.14).
    thin = cv2.dilate(gray(render_page()), np.ones((2, 2), np.uint8))
    assert character_height(thin) == pytest.approx(character_height(gray(render_page())), rel=0.1)
    assert line_direction_ratio(thin) == pytest.approx(0.30, abs=0.1)
    assert line_direction_ratio(cv2.rotate(thin, cv2.ROTATE_90_CLOCKWISE)) == pytest.approx(1.94, abs=0.15)


def test_faint_typing_beside_a_strip_of_scanner_bed_is_still_typing():
    # A faint carbon copy (grey 170) turned sideways, with the dark bed (grey 40) left along two edges
    # as on heavy scans: the bed must not be the only ink the page's measures see.
    page = cv2.rotate(gray(render_page(ink=(170, 170, 170))), cv2.ROTATE_90_CLOCKWISE)
    page[:25], page[-25:] = 40, 40
    plain = cv2.rotate(gray(render_page()), cv2.ROTATE_90_CLOCKWISE)
    assert character_height(page) == pytest.approx(character_height(plain), rel=0.15)
    assert line_direction_ratio(page) > 1.4


def halftone_ghost(page: np.ndarray) -> np.ndarray:
    """``page`` (gray) with a halftone screen's dots (2x2 px every 4 px) over the middle third of its right
    half where it is blank, as a photocopy prints a faint bleed-through or a grey cast."""
    dotted = page.copy()
    h, w = dotted.shape
    patch = dotted[h // 3:2 * h // 3, w // 2:]
    screen = np.zeros(patch.shape, bool)
    for dy in (0, 1):
        for dx in (0, 1):
            screen[dy::4, dx::4] = True
    patch[(patch == 255) & screen] = 110
    return dotted


def test_a_halftones_dots_do_not_halve_the_character_height():
    # The plain median of the components' heights: the dots outnumber the letters and it read 2 px.
    plain = gray(render_page())
    assert character_height(halftone_ghost(plain)) == pytest.approx(character_height(plain), rel=0.1)


def test_a_grainy_page_is_smoothed_before_its_specks_go_and_a_clean_one_is_not():
    plain = gray(render_page())
    height = character_height(plain)
    _, measured = despeckle(plain, height)
    assert "smoothed_sigma" not in measured and measured["specks_per_mp"] < GRAINY_SPECKS
    cleaned, measured = despeckle(halftone_ghost(plain), height)
    assert measured["specks_per_mp"] > 10 * GRAINY_SPECKS and measured["smoothed_sigma"] == pytest.approx(height / 24, abs=0.01)
    h, w = plain.shape
    blank = plain[h // 3:2 * h // 3, w // 2:] == 255
    assert np.percentile(cleaned[h // 3:2 * h // 3, w // 2:][blank], 1) > 150  # the dots (110) merged towards the paper
    assert (cleaned[plain < 60] < 128).mean() > 0.95  # the typing is still dark


def test_isolated_specks_go_and_full_stops_stay():
    page = np.full((200, 600), 255, np.uint8)
    cv2.putText(page, "A.B.C", (20, 120), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 3)
    rng = np.random.default_rng(1)
    specks = [(int(x), int(y)) for x, y in zip(rng.integers(300, 590, 20), rng.integers(10, 190, 20))]
    for x, y in specks:
        page[y:y + 2, x:x + 2] = 0
    cleaned, removed = remove_specks(page, max_area=6, min_gap=8)
    assert removed == 20 and all(cleaned[y, x] == 255 for x, y in specks)
    assert (cleaned[:, :300] == page[:, :300]).all()


def test_rows_of_printed_dots_go_and_typing_full_stops_and_grain_stay():
    page = np.full((200, 900), 255, np.uint8)
    cv2.putText(page, "No. A.B.C", (20, 120), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 3)  # letters about 40 px high
    dots = [(x, 124) for x in range(400, 700, 8)]  # a leader row at an 8 px pitch on the baseline
    for x, y in dots:
        cv2.circle(page, (x, y), 1, 0, -1)
    rng = np.random.default_rng(2)  # grain: specks at uneven gaps along a row
    grain = [(int(x), 170 + int(dy)) for x, dy in zip(np.cumsum(rng.integers(3, 30, 12)) + 400, rng.integers(-2, 3, 12))]
    for x, y in grain:
        page[y:y + 2, x:x + 2] = 0
    cleaned, removed = remove_dot_rows(page, char_height=40)
    assert removed == len(dots) and all(cleaned[y, x] == 255 for x, y in dots)
    assert (cleaned[:, :390] == page[:, :390]).all() and all(cleaned[y, x] == 0 for x, y in grain)


def test_a_dotted_blank_s_dots_left_beside_its_typed_value_go_too_and_a_full_stop_stays():
    page = np.full((200, 1200), 255, np.uint8)
    row = [(x, 124) for x in range(100, 300, 8)]  # the leader up to the typed value
    remnants = [(x, 124) for x in (420, 428, 436, 700)]  # the blank's dots after it, and one further along the line
    for x, y in row + remnants:
        cv2.circle(page, (x, y), 1, 0, -1)
    cv2.putText(page, "7", (330, 126), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 3)  # the typed value over the dots
    cv2.circle(page, (800, 123), 3, 0, -1)  # a typed full stop on the same baseline, bigger than the dots
    cleaned, removed = remove_dot_rows(page, char_height=40)
    assert removed == len(row) + len(remnants) and all(cleaned[y, x] == 255 for x, y in row + remnants)
    assert cleaned[123, 800] == 0 and (cleaned[60:130, 320:400] == page[60:130, 320:400]).all()


def test_cell_sauvola_matches_the_full_resolution_formula():
    page = gray(render_page())
    page = (page.astype(np.float32) * np.linspace(0.7, 1.0, page.shape[1], dtype=np.float32)[None, :]).astype(np.uint8)  # uneven light
    values = page.astype(np.float32)
    mean = cv2.boxFilter(values, -1, (41, 41), borderType=cv2.BORDER_REFLECT)
    spread = cv2.sqrt(np.maximum(cv2.sqrBoxFilter(values, cv2.CV_32F, (41, 41), borderType=cv2.BORDER_REFLECT) - mean * mean, 0))
    exact = np.where(values > mean * (spread * np.float32(0.2 / 128) + np.float32(0.8)), 255, 0)
    assert (binarize(page, "sauvola", char_height=20)[0] == exact).mean() > 0.995


@pytest.mark.parametrize("method", ["otsu", "sauvola", "adaptive"])
def test_binarisation_gives_black_typing_on_white(method):
    page = gray(render_page())
    binary, decided = binarize(page, method, char_height=20)
    assert decided == {"method": method} | ({"dynamic_range": 128.0} if method == "sauvola" else {})
    assert set(np.unique(binary)) <= {0, 255}
    assert (binary[page < 60] == 0).mean() > 0.97 and (binary[page == 255] == 255).mean() > 0.99


def test_sauvola_keeps_faint_typing_whole_on_grainy_paper():
    clean = gray(render_page())
    # A carbon copy's typing: ink at about 170 on paper at 242, grain of 8 grey levels.
    faint = (255 - (255 - clean.astype(np.float32)) * 0.3) * 0.95 + np.random.default_rng(5).normal(0, 8, clean.shape)
    page = np.clip(faint, 0, 255).astype(np.uint8)
    char_height = character_height(page)
    binary, decided = binarize(page, "sauvola", char_height)
    assert decided["dynamic_range"] == 45.3  # the page's contrast: black typing's gives 128
    ink, paper = clean < 128, cv2.dilate((clean < 250).astype(np.uint8), np.ones((5, 5), np.uint8)) == 0
    assert (binary[ink] == 0).mean() > 0.975 and (binary[paper] == 255).mean() > 0.9999
    # Sauvola's 8-bit range (as before) lost the paler part of the strokes: 0.86 of them kept.
    assert (sauvola(page, 31)[ink] == 0).mean() < 0.87
    # Black print above the faint typing (a form's labels): the paper round it stays paper (0.91 of it
    # without R bounding the windows' spread, the threshold there rising above their mean).
    page[:150] = np.minimum(page[:150], clean[:150])
    binary = binarize(page, "sauvola", char_height)[0]
    rim = (cv2.dilate((clean[:150] < 250).astype(np.uint8), np.ones((7, 7), np.uint8)) == 1) & (clean[:150] == 255)
    assert (binary[:150][rim] == 255).mean() > 0.98
    # Typing of a contrast nearer black's (a photocopy's grey toner, 0.7 of it) keeps the 8-bit range.
    greyer = np.clip((255 - (255 - clean.astype(np.float32)) * 0.7) + np.random.default_rng(5).normal(0, 8, clean.shape), 0, 255)
    assert binarize(greyer.astype(np.uint8), "sauvola", char_height)[1]["dynamic_range"] == 128.0


def test_a_faint_page_beside_a_black_edge_is_not_cut_to_specks():
    # A carbon copy's last page (s7000 heavy tg-07011): typing at about 205 on paper at 242, grain of 9 grey levels,
    # and the scanner's black edge down its side, whose pixels outweighed the typing's in the contrast measured.
    clean = gray(render_page())
    char_height = character_height(clean)
    faint = (255 - (255 - clean.astype(np.float32)) * 0.2) * 0.95 + np.random.default_rng(7).normal(0, 9, clean.shape)
    page = np.clip(faint, 0, 255).astype(np.uint8)
    page[:, :60] = 20
    binary, decided = binarize(page, "sauvola", char_height)
    # The letters' contrast: over all the ink the edge outweighs the typing's (R 128).
    assert decided["dynamic_range"] == 36.0 and decided["grain_threshold"]
    ink, paper = clean < 128, cv2.dilate((clean < 250).astype(np.uint8), np.ones((5, 5), np.uint8)) == 0
    paper[:, :70] = False
    assert (binary[ink] == 0).mean() > 0.93 and (binary[paper] == 255).mean() > 0.9999
    # Sauvola alone kept 0.35 of the strokes, in pieces (0.80 at the typing's own range, 36).
    assert (sauvola(page, 31)[ink] == 0).mean() < 0.4


def test_masked_binarisation_whitens_paper_and_keeps_the_ink_grey():
    page = gray(render_page())
    page = cv2.add(page, np.random.default_rng(3).integers(0, 25, page.shape, dtype=np.uint8))  # grey, noisy paper
    masked = binarize(page, "masked", char_height=20)[0]
    clean = gray(render_page())
    assert (masked[clean == 255] == 255).mean() > 0.98  # the paper's noise is gone
    ink = clean < 200
    assert (masked[ink] == page[ink]).mean() > 0.97  # strokes and their shading are left as they were
    assert len(np.unique(masked[ink])) > 50


def test_masked_binarisation_of_faint_typing_takes_the_pages_contrast():
    clean = gray(render_page())
    # A carbon copy's typing on smooth paper: ink at about 170 on paper at 242, no grain (``auto`` takes ``masked``).
    faint = (255 - (255 - clean.astype(np.float32)) * 0.3) * 0.95 + np.random.default_rng(5).normal(0, 2, clean.shape)
    page = np.clip(faint, 0, 255).astype(np.uint8)
    masked, decided = binarize(page, "masked", character_height(page))
    assert decided == {"method": "masked", "dynamic_range": 46.7}
    strokes = clean < 250  # to their anti-aliased rims
    assert (masked[strokes] == page[strokes]).mean() > 0.9999
    assert (masked[cv2.dilate(strokes.astype(np.uint8), np.ones((5, 5), np.uint8)) == 0] == 255).all()


def test_auto_binarisation_chooses_by_the_paper_noise():
    clean = gray(render_page())
    image, decided = binarize(clean, "auto", char_height=20)
    assert decided == {"method": "auto", "paper_noise": 0.0, "chose": "masked", "dynamic_range": 128.0}
    assert (image == binarize(clean, "masked", char_height=20)[0]).all()

    noise = np.random.default_rng(5).normal(0, 12, clean.shape)  # grain of about 12 grey levels
    grainy = np.clip(clean.astype(np.float64) * 0.9 + noise, 0, 255).astype(np.uint8)
    image, decided = binarize(grainy, "auto", char_height=20)
    assert decided["chose"] == "sauvola" and 8 < decided["paper_noise"] < 16
    assert set(np.unique(image)) <= {0, 255}


def test_show_through_is_dropped_and_a_worn_letter_on_a_typed_line_kept():
    front = gray(render_page())
    # The back's typing half a line lower, at a third of its darkness: show-through between the lines (alone,
    # far from any typing, it would be the level of its own neighbourhood and stay).
    back = np.roll(gray(render_page()), 25, axis=0)
    page = np.minimum(front, (255 - (255 - back.astype(np.float32)) * 0.35).astype(np.uint8))
    # One letter typed by a worn typebar: as faint as the show-through, but on a typed line beside its letters.
    cv2.putText(page, "o", (1135, 411), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 165, 2)  # after the sixth line's last word
    char_height = character_height(page)
    binary, decided = binarize(page, "sauvola", char_height)
    show_through = (back < 128) & (cv2.dilate((front < 200).astype(np.uint8), np.ones((5, 5), np.uint8)) == 0)
    assert (binary[show_through] == 255).mean() > 0.97 and decided["faint_dropped"] > 10_000
    assert (binary[front < 60] == 0).mean() > 0.97
    worn = np.zeros_like(page, bool)
    worn[395:415, 1130:1160] = page[395:415, 1130:1160] < 200
    assert worn.sum() > 30 and (binary[worn] == 0).mean() > 0.9
    assert "faint_dropped" not in binarize(front, "sauvola", char_height)[1]  # nothing faint on a clean page
    # A faint note between two typed lines is no show-through (too few faint marks): it stays.
    noted = front.copy()
    cv2.putText(noted, "seen", (150, 330), cv2.FONT_HERSHEY_SIMPLEX, 0.5, 165, 1)
    binary, decided = binarize(noted, "sauvola", char_height)
    assert "faint_dropped" not in decided and (binary[318:332, 145:200] == 0).sum() > 40


def test_faint_typing_beside_a_forms_black_print_is_typing_not_show_through():
    # A carbon copy on a printed form: black print above (the form's labels, the grid's slots), a column of faint
    # names typed between its columns off the printed rows' level, and the faint message below.
    clean = gray(render_page())
    faint = (255 - (255 - clean.astype(np.float32)) * 0.3).astype(np.uint8)
    page = faint.copy()
    page[:700] = clean[:700]
    page[:700, 450:600] = np.roll(faint, 12, axis=0)[:700, 450:600]
    binary, decided = binarize(page, "masked", character_height(page))
    names = np.zeros_like(clean, bool)
    names[:700, 450:600] = np.roll(clean, 12, axis=0)[:700, 450:600] < 128
    message = clean < 128
    message[:700] = False
    # Judged against the black print's level, 0.28 of the names and 0.03 of the message went as show-through.
    assert "faint_dropped" not in decided
    assert (binary[names] < 255).mean() > 0.99 and (binary[message] < 255).mean() > 0.99
    # A carbon's stroke broken by the threshold into pieces under half a letter high is typing too (judged as
    # specks, 0.84 of them went).
    char_height = character_height(page)
    page[:700:round(0.4 * char_height), 450:600] = 255
    names &= page < 255
    binary, decided = binarize(page, "masked", char_height)
    assert (binary[names] < 255).mean() > 0.99


def test_unknown_binarisation_is_refused():
    with pytest.raises(ValueError, match="sauvola"):
        binarize(np.zeros((10, 10), np.uint8), "niblack", 20)


# --- pipeline without OSD -----------------------------------------------------------------------

def test_debug_dir_gets_numbered_step_images(tmp_path):
    page = render_page()
    add_stamp(page)
    result = preprocess_page(page, NO_OSD, debug_dir=tmp_path / "debug")
    names = sorted(path.name for path in (tmp_path / "debug").iterdir())
    assert names == [f"{i:02d}_{name}.png" for i, (name, _) in enumerate(result.steps, start=1)]
    assert [name for name, _ in result.steps] == [
        "separate_stamps", "remove_border", "flatten_illumination", "deskew", "denoise", "dot_rows", "binarize"]


def test_stamp_boxes_follow_the_deskew():
    page = render_page()
    add_stamp(page)
    tilted, _ = rotate_small(page, 2.0, fill=255)
    result = preprocess_page(tilted, NO_OSD)
    assert result.skew_deg == pytest.approx(2.0, abs=0.1)
    (x, y, w, h), = result.stamp_boxes
    ys, xs = np.nonzero(result.stamp_image < 200)
    assert (x, y, x + w, y + h) == pytest.approx((xs.min(), ys.min(), xs.max(), ys.max()), abs=12)


def test_settings_params_are_a_plain_dict():
    assert PreprocessSettings(binarize="otsu").params()["binarize"] == "otsu"


def test_a_full_stop_a_wide_pitch_from_its_word_stays():
    # As on a clean 200 dpi render in a wide-pitch face: a 4 px stop 12 px right of the last letter, beyond
    # min_gap (half a letter's height) beside it; a speck as far above the line goes.
    page = np.full((120, 400), 255, np.uint8)
    page[40:68, 100:120] = 0  # the word's last letter
    page[64:68, 132:136] = 0  # its full stop
    page[16:20, 110:114] = 0  # dust above the line
    cleaned, removed = remove_specks(page, max_area=2, min_gap=7)
    assert removed == 1 and (cleaned[64:68, 132:136] == 0).all() and (cleaned[16:20, 110:114] == 255).all()
    # On grainy paper (a heavy scan's 40-250 isolated specks) a speck as far beside a letter is grain and goes.
    for x in range(160, 400, 10):
        page[100:102, x:x + 2] = 0
    cleaned, removed = remove_specks(page, max_area=2, min_gap=7)
    assert removed == 26 and (cleaned[64:68, 132:136] == 255).all()
