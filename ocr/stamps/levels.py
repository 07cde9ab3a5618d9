"""A gray stamp's ink told from the typing under it by grey level, on a scan whose colour is gone: the
levels of the two inks (the page's typing, the stamp's along its ring, or the two inks of a
stamp's box by their strokes' cores), and the stamp's pixels by them. Pure functions on grey crops.
"""

from __future__ import annotations

import cv2
import numpy as np

CORE_PERCENTILE = 25  # of an ink's grey values: its strokes' cores, not their anti-aliased rims
LEVEL_APART = 20  # grey levels between a stamp's ink and the typing's, below which they cannot be told apart
FLAT = 30  # grey levels a stroke's core varies by over 3x3 pixels at most (its anti-aliased rims vary more)
INKS_APART = 30  # grey levels between the two inks' cores in a stamp's box, for them to be two inks
OVERLAP_MARGIN = 8  # grey levels above the two inks' product still taken for both inks at once
NEAR_TYPING = 15  # grey levels from the page's typing within which the darker of the two is the typing


def gray_ink(grey: np.ndarray, ink: np.ndarray, level: float, typing: float) -> np.ndarray:
    """A gray stamp's ink apart from the typing under it, by grey level: of the page's ink in the crop
    (``ink``, as its binarisation decided), the pixels on the stamp's side of halfway between the stamp's
    level and the typing's; the thin grey rims of darker typed strokes are left out too. Levels too close
    to tell apart, or a bitonal scan: all the ink is the stamp's."""
    if abs(level - typing) < LEVEL_APART:
        return ink
    halfway = (level + typing) / 2
    if level < typing:
        return np.where((ink > 0) & (grey < halfway), 255, 0).astype(np.uint8)
    darker = cv2.dilate(np.where(grey <= halfway, 255, 0).astype(np.uint8), np.ones((3, 3), np.uint8))
    return np.where((ink > 0) & (darker == 0), 255, 0).astype(np.uint8)


def two_inks(grey: np.ndarray, ink: np.ndarray, level: float, typing: float) -> np.ndarray:
    """A gray stamp's ink over darker typing whose levels :func:`box_levels` told apart: its strokes grown
    from their flat cores at its level (a typed stroke's blurred rim passes through the stamp's grey too,
    but steeply), and where it crosses a typed stroke, the two inks darkening each other."""
    halfway = (level + typing) / 2
    own = (grey > halfway) & (grey < (level + 255) / 2) & (ink > 0)  # its own threshold, halfway to paper
    darker = cv2.dilate(np.where(grey <= halfway, 255, 0).astype(np.uint8), np.ones((3, 3), np.uint8))
    both = both_inks(grey, level, typing)
    mask = np.where(cores(grey) & own & (darker == 0) | both, 255, 0).astype(np.uint8)
    own |= both
    for _ in range(2):
        mask = np.where(own & (cv2.dilate(mask, np.ones((3, 3), np.uint8)) > 0), 255, 0).astype(np.uint8)
    return mask


def whole_strokes(grey: np.ndarray, ink: np.ndarray, own: np.ndarray, level: float, typing: float) -> np.ndarray:
    """The stamp's ink of :func:`two_inks` (``own``) taken out to whole strokes: the pieces of the page's ink
    lighter than halfway between the two inks (or both inks at once) that hold any of it. A serif face's
    hairlines, coreless and lighter than the stamp's level, join its stems there; grown only two pixels
    from the stems, its capitals read as their stems alone."""
    halfway = (level + typing) / 2
    lighter = (grey > halfway) & (ink > 0) | both_inks(grey, level, typing)
    count, labels = cv2.connectedComponents(lighter.astype(np.uint8), connectivity=8)
    kept = np.zeros(count, bool)
    kept[labels[own > 0]] = True
    kept[0] = False
    return np.where(kept[labels], 255, 0).astype(np.uint8)


def both_inks(grey: np.ndarray, level: float, typing: float) -> np.ndarray:
    """Where the two inks lie one over the other (bool): darker than either, their darkening each other's
    (with OVERLAP_MARGIN), but only what is darker than the typing alone by that margin too: over typing
    nearly black the two inks together are as dark as the typing, and its own strokes would pass for both."""
    return grey < min(typing * level / 255 + OVERLAP_MARGIN, typing - OVERLAP_MARGIN)


def cores(grey: np.ndarray) -> np.ndarray:
    """Where strokes' cores are (bool): ink (below 200) flat over 3x3 pixels, its anti-aliased rims left out."""
    kernel = np.ones((3, 3), np.uint8)
    return (cv2.dilate(grey, kernel) - cv2.erode(grey, kernel) < FLAT) & (grey < 200)


def ink_level(grey: np.ndarray, ink: np.ndarray) -> float:
    """Grey of the ink's cores (the typing's level, page-wide: stamps are a small share of a page's ink)."""
    values = grey[::4, ::4][ink[::4, ::4] > 0]
    return float(np.percentile(values, CORE_PERCENTILE)) if values.size else 0.0


def box_levels(grey: np.ndarray, typing: float) -> tuple[float, float] | None:
    """(stamp, typing) levels in a stamp's box when its strokes' cores fall into two inks told apart by
    Otsu, the darker at the page's ``typing`` level and the lighter well apart from both (a grey stamp
    over darker typing); None when they do not (one ink, or the stamp as dark as the typing)."""
    values = grey[cores(grey)]
    if values.size < 50:
        return None
    split, _ = cv2.threshold(values.reshape(-1, 1), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    dark, light = values[values <= split], values[values > split]
    if not dark.size or not light.size:
        return None
    dark_level, light_level = float(np.median(dark)), float(np.median(light))
    if min(light_level - dark_level, light_level - typing) < INKS_APART or abs(dark_level - typing) > NEAR_TYPING:
        return None
    return light_level, dark_level


def ring_level(gray: np.ndarray, centre: tuple[float, float], radius: float) -> float:
    """Median grey of the ink on a seal's ring: the level of its stamp ink."""
    angles = np.radians(np.arange(0, 360, 0.5))
    return _level_along(gray, centre[0] + radius * np.cos(angles), centre[1] + radius * np.sin(angles))


def _level_along(gray: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> float:
    """Grey of the ink's cores at the points (``xs``, ``ys``) that are ink (below 200); 128 where none is."""
    values = gray[np.clip(ys.astype(int), 0, gray.shape[0] - 1), np.clip(xs.astype(int), 0, gray.shape[1] - 1)]
    return float(np.percentile(values[values < 200], CORE_PERCENTILE)) if (values < 200).any() else 128.0
