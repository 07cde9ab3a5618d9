"""The distribution grid: copy slots printed in rows and columns, recipients typed beside one column's slots.

What OCR reads of a grid row is put right from the form's numbering (:func:`distribution`), and the
printed slots are written as the form prints them (:func:`printed_grid`).
"""

from __future__ import annotations

import dataclasses

from ocr import fields
from ocr.contract import DistributionEntry
from ocr.lines import Line, Role


def distribution(lines: list[Line]) -> list[DistributionEntry]:
    """One entry per printed copy slot, in copy order.

    The form numbers its copies down the columns (or along the rows) of the grid, so the slot numbers
    OCR misreads (``№81`` for ``№ 8-т``) or drops are put right from the slot's row and column when
    most of the numbers read agree with that order; otherwise the numbers are taken as read.
    """
    rows = [row for row in (fields.parse_grid_row(line.text) for line in lines if line.role is Role.GRID) if row]
    grid = _grid_layout(rows)
    if grid is None:
        slots: dict[int, str | None] = {}
        for row in rows:
            for copy, recipient in row:
                if 1 <= copy <= 99:  # copy slots are numbered from 1; a 0 or 3 digits is a misread
                    slots[copy] = slots.get(copy) or recipient
    else:
        slots = _recipients(rows, *grid)
    return [DistributionEntry(copy=c, recipient=r) for c, r in sorted(slots.items())]


def _recipients(rows: list[list[tuple[int, str | None]]], numbering: list[list[int]],
                placed: list[dict[int, int]]) -> dict[int, str | None]:
    """Copy → the recipient typed into or beside its slot, for a grid of a known layout."""
    names = _names_by_column(rows, placed, len(numbering[0]))
    slots: dict[int, str | None] = {n: None for row in numbering for n in row}
    for c, column in enumerate(names):
        slots.update(_one_case({numbering[r][c]: name for r, name in column.items()}))
    return slots


def _names_by_column(rows: list[list[tuple[int, str | None]]], placed: list[dict[int, int]],
                     columns: int) -> list[dict[int, str | None]]:
    """Per column of the grid, row → the name typed beside its slot.

    The clerk types the names beside one column's slots. A name read beside the slot left of that column,
    in a row where that column's slot was not read (``» № 4-т  »№ Ит  Зорину``), is beside the slot OCR lost.
    """
    names: list[dict[int, str | None]] = [{} for _ in range(columns)]
    for r, row in enumerate(placed):
        for c, k in row.items():
            names[c][r] = rows[r][k][1]
    counts = [sum(bool(n) for r, n in column.items() if (r, c) != (0, 0)) for c, column in enumerate(names)]  # not 1-РАЗМЕТКА
    beside = max(range(columns), key=counts.__getitem__) if max(counts) >= 2 else None
    if beside:  # a column left of it to look in
        for r, row in enumerate(placed):
            if beside not in row and beside - 1 in row and names[beside - 1].get(r):
                names[beside][r], names[beside - 1][r] = names[beside - 1][r], None
    return names


def _one_case(column: dict[int, str | None]) -> dict[int, str | None]:
    """One column's recipients, typed by one hand in one case: a name OCR read in capitals among names
    read capitalised (small Cyrillic letters of a monospace face look like small capitals) is capitalised."""
    # Copy 1's slot holds the office's own mark typed into it (``1-РАЗМЕТКА``), no recipient typed beside it.
    names = [n for k, n in column.items() if n and k != 1]
    capitalised = sum(n[:1].isupper() and n[1:].islower() for n in names)
    if capitalised < 2 or capitalised <= sum(n.isupper() for n in names):
        return column
    return {k: n.capitalize() if n and n.isupper() and k != 1 else n for k, n in column.items()}


def printed_grid(lines: list[Line]) -> list[Line]:
    """The lines with each grid row's copy slots written as the form prints them (``» № 10-т``).

    The slots are printed boilerplate, so what OCR makes of them (``№10т``, ``№ З-т``) carries no
    information beyond the copy number, and that is put right from the grid's order as in
    :func:`distribution`; recipients typed into or beside a slot are kept as read.
    """
    grid_lines = [line for line in lines if line.role is Role.GRID and fields.parse_grid_row(line.text)]
    rows = [fields.parse_grid_row(line.text) for line in grid_lines]
    layout = _grid_layout(rows)
    if layout is None:
        return lines
    numbering, placed = layout
    recipients = _recipients(rows, numbering, placed)
    texts = []
    for r, line in enumerate(grid_lines):
        # The k-th slot printed is the k-th read with a number (a lost one's name stays as read).
        printed = {k: n for n, k in enumerate(k for k, (copy, _) in enumerate(rows[r]) if copy != fields.LOST_COPY)}
        copies = {printed[k]: numbering[r][c] for c, k in placed[r].items() if k in printed}
        texts.append(fields.print_grid_row(line.text, copies, first=r == 0))
    labels = [fields.slot_labels(text) for text in texts]
    # The columns names are typed beside (one, as a rule): a name typed into a slot (``1-РАЗМЕТКА``) is beside none.
    named = {c for r, row in enumerate(numbering) for c, copy in enumerate(row)
             if recipients[copy] and labels[r].get(copy, "т") == "т"}
    rewritten = {id(line): dataclasses.replace(line, text=text, cells=_cells(numbering[r], labels[r], recipients, named, r == 0))
                 for r, (line, text) in enumerate(zip(grid_lines, texts, strict=True))}
    return [rewritten.get(id(line), line) for line in lines]


def _cells(copies: list[int], labels: dict[int, str], recipients: dict[int, str | None], named: set[int],
           first: bool) -> list[str]:
    """A grid row's columns as archives transcribe them, a tab apart: each printed slot (printed even where OCR lost it,
    the form's numbering gives it) with what is typed into it (``labels``), and after each column of ``named`` the name
    typed beside that slot, or nothing."""
    cells = []
    for c, copy in enumerate(copies):
        label = labels.get(copy, "т")
        # Only copy 1's slot has a name typed into it (``1-РАЗМЕТКА``); a name run into another slot of the names'
        # column (``» № 10-Громыко``, its ``т`` lost) stands beside it.
        beside = label == "т" or (c in named and copy != 1)
        cells.append(fields.printed_slot(copy, "т" if beside else label, first))
        if c in named:
            cells.append((recipients[copy] or "") if beside else "")
    return cells


def _grid_layout(rows: list[list[tuple[int, str | None]]]) -> tuple[list[list[int]], list[dict[int, int]]] | None:
    """The printed numbering of a regular grid and, per row, column → index of the slot read there;
    None when the numbers read do not follow one."""
    # A name before a row's first slot (:func:`fields.parse_grid_row`) is beside a slot lost in a column of its own,
    # or specks: it takes a free column (:func:`_place`) but adds none.
    columns = max((len(row) - (row[0][0] == fields.LOST_COPY) for row in rows), default=0)
    if len(rows) < 2 or columns < 2:
        return None
    best = None
    for order in ("columns", "rows"):
        numbering = _numbering(len(rows), columns, order)
        placed = [_place(row, numbering[r]) for r, row in enumerate(rows)]
        agree = sum(_agrees(rows[r][k][0], numbering[r][c]) for r, row in enumerate(placed) for c, k in row.items())
        total = sum(len(row) for row in placed)
        if agree >= 0.6 * total and (best is None or agree > best[0]):
            best = (agree, numbering, placed)
    return None if best is None else (best[1], best[2])


def _agrees(read: int, printed: int) -> bool:
    """Whether a slot's number read is the one printed there, or it with the slot's ``-т`` read as a last figure
    (``№ 3-т`` read ``№31``, ``№ 10-т`` read ``№107``)."""
    return read == printed or read // 10 == printed and read > 9


def _numbering(rows: int, columns: int, order: str) -> list[list[int]]:
    """The copy number printed in each (row, column) of a grid numbered down the columns or along the rows."""
    if order == "columns":
        return [[c * rows + r + 1 for c in range(columns)] for r in range(rows)]
    return [[r * columns + c + 1 for c in range(columns)] for r in range(rows)]


def _place(row: list[tuple[int, str | None]], expected: list[int]) -> dict[int, int]:
    """Column → index in ``row`` of the slot read there: in order when all were read, else each read
    number in its own column and the rest in the free columns left to right."""
    if len(row) == len(expected):
        return {k: k for k in range(len(row))}
    placed: dict[int, int] = {}
    rest = []
    for k, (copy, _) in enumerate(row):
        column = next((c for c, printed in enumerate(expected) if _agrees(copy, printed) and c not in placed), None)
        if column is None:
            rest.append(k)
        else:
            placed[column] = k
    free = [c for c in range(len(expected)) if c not in placed]
    placed.update(zip(free, rest))
    return placed
