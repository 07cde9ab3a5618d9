"""Image geometry shared by the steps: downscaling for estimation, rotations with their affine matrices, runs of
ink along a row or a column.

Every transform returns the 2x3 matrix that maps an input pixel (x, y) to the output pixel, so the pipeline
can compose them and map boxes back to the scan.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

_QUARTER = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def shrink(image: np.ndarray, max_side: int) -> tuple[np.ndarray, float]:
    """Area-downscale so the longer side is at most ``max_side`` pixels; returns (image, scale <= 1)."""
    scale = min(1.0, max_side / max(image.shape[:2]))
    if scale == 1.0:
        return image, 1.0
    size = (max(1, round(image.shape[1] * scale)), max(1, round(image.shape[0] * scale)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA), scale


def rotate_quarter(image: np.ndarray, degrees: int) -> tuple[np.ndarray, np.ndarray]:
    """Rotate clockwise by 0/90/180/270 degrees, losslessly; returns (image, 2x3 input->output matrix)."""
    h, w = image.shape[:2]
    matrix = {
        0: [[1, 0, 0], [0, 1, 0]],
        90: [[0, -1, h - 1], [1, 0, 0]],
        180: [[-1, 0, w - 1], [0, -1, h - 1]],
        270: [[0, 1, 0], [-1, 0, w - 1]],
    }[degrees]
    rotated = image if degrees == 0 else cv2.rotate(image, _QUARTER[degrees])
    return rotated, np.array(matrix, dtype=np.float64)


def rotate_small(image: np.ndarray, degrees: float, fill: int = 255) -> tuple[np.ndarray, np.ndarray]:
    """Rotate counter-clockwise by ``degrees`` about the centre, growing the canvas so no corner is cut.

    The new canvas is filled with ``fill`` (paper). Returns (image, 2x3 input->output matrix).
    """
    h, w = image.shape[:2]
    radians = math.radians(abs(degrees))
    new_w = math.ceil(w * math.cos(radians) + h * math.sin(radians))
    new_h = math.ceil(h * math.cos(radians) + w * math.sin(radians))
    matrix = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), degrees, 1.0)
    matrix[:, 2] += ((new_w - w) / 2, (new_h - h) / 2)
    # Cubic keeps thin typewriter strokes sharper than bilinear after the rotation.
    rotated = cv2.warpAffine(image, matrix, (new_w, new_h), flags=cv2.INTER_CUBIC,
                             borderMode=cv2.BORDER_CONSTANT, borderValue=fill)
    return rotated, matrix


def compose(second: np.ndarray, first: np.ndarray) -> np.ndarray:
    """The 2x3 matrix applying ``first`` then ``second``."""
    return (np.vstack([second, [0, 0, 1]]) @ np.vstack([first, [0, 0, 1]]))[:2]


def invert(matrix: np.ndarray) -> np.ndarray:
    """Inverse of a 2x3 affine matrix."""
    return cv2.invertAffineTransform(matrix)


def map_box(matrix: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """Axis-aligned [x, y, w, h] box (pixels) enclosing ``box`` after the 2x3 ``matrix``."""
    x, y, w, h = box
    # Pixel i spans [i - 0.5, i + 0.5]: mapping the outer edges keeps quarter turns exact.
    edges = np.array([[x, y], [x + w, y], [x, y + h], [x + w, y + h]], dtype=np.float64) - 0.5
    mapped = edges @ np.asarray(matrix, dtype=np.float64)[:, :2].T + np.asarray(matrix)[:, 2] + 0.5
    left, top = np.floor(mapped.min(axis=0) + 1e-6).astype(int)
    right, bottom = np.ceil(mapped.max(axis=0) - 1e-6).astype(int)
    return int(left), int(top), int(right - left), int(bottom - top)


def ink_runs(line: np.ndarray) -> list[tuple[int, int]]:
    """The runs of ink (first pixel, pixel past the last) along ``line``, a row or column of a mask."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], np.asarray(line, dtype=bool).astype(np.int8), [0]))))
    return list(zip(edges[::2], edges[1::2]))
