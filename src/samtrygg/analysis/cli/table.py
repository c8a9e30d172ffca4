"""Rows held as columns, and their CSV and JSON text written column-wise.

A grid result has one row per cell (40,000 for a 200 x 200 grid), each a handful of numbers.
Building a dictionary per row and cleaning and writing it value by value costs far more than
the analysis itself, so :class:`ColumnRows` keeps the numbers as numpy columns and the writers
below turn each column into text at once: every *distinct* value (told apart by its bits, so
``-0.0`` stays apart from ``0.0``) is formatted once, and the rows pick their texts by index.
A grid's columns repeat a lot (cell centres, counts, and the z and p-values that follow from
them), and formatting a float is the expensive step.

The text is exactly what ``csv.DictWriter`` and ``json.dumps`` write for the same rows as
dictionaries (the tests compare the two byte for byte): CSV fields are ``repr`` of a float,
``str`` of an int or bool and empty for a non-finite float, lines end in CRLF; JSON numbers
are ``repr``/``str`` as well (``json.dumps`` formats them so), ``null`` for a non-finite
float, ``true``/``false``.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

import numpy as np

#: Rows joined into one string and written at a time.
CHUNK_ROWS = 5000

_WORDS = {False: ("False", "True"), True: ("false", "true")}


def _plain(values: np.ndarray) -> list[Any]:
    """One column as plain Python values: non-finite floats become ``None``."""
    out: list[Any] = values.tolist()
    if values.dtype.kind == "f":
        for i in np.flatnonzero(~np.isfinite(values)).tolist():
            out[i] = None
    return out


class ColumnRows(Sequence[dict[str, Any]]):
    """A list of rows (dictionaries with the same keys) stored as columns.

    Behaves as the list of dictionaries it stands for (indexing, iteration, ``len``), with
    non-finite floats as ``None``; only the writers of this module read the columns' arrays.
    Columns are numbers or bools.
    """

    def __init__(self, columns: dict[str, np.ndarray]) -> None:
        arrays = {k: np.ascontiguousarray(np.asarray(v).ravel()) for k, v in columns.items()}
        lengths = {a.shape[0] for a in arrays.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: {sorted(lengths)}")
        for k, a in arrays.items():
            if a.dtype.kind not in "biuf":
                raise ValueError(f"column {k!r}: numbers or bools only, got {a.dtype}")
        self.arrays = arrays
        self._n = lengths.pop() if lengths else 0
        self._plain: dict[str, list[Any]] | None = None

    @property
    def columns(self) -> dict[str, list[Any]]:
        """The columns as plain Python values (made on first use: the writers need none)."""
        if self._plain is None:
            self._plain = {k: _plain(a) for k, a in self.arrays.items()}
        return self._plain

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        if not -self._n <= i < self._n:
            raise IndexError("row index out of range")
        return {k: col[i] for k, col in self.columns.items()}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        keys = list(self.columns)
        for values in zip(*self.columns.values(), strict=True):
            yield dict(zip(keys, values, strict=True))

    def names(self) -> list[str]:
        return list(self.arrays)


def _texts(values: np.ndarray, *, json: bool, wrap: Callable[[str], str]) -> list[str]:
    """Each value's text, ``wrap``-ped: formatted once per distinct value, picked by index."""
    if values.dtype.kind == "b":
        distinct = np.array([wrap(w) for w in _WORDS[json]], dtype=object)
        return list(distinct[values.view(np.uint8)].tolist())
    is_float = values.dtype.kind == "f"
    if not is_float and values.size:
        lo, hi = int(values.min()), int(values.max())
        if hi - lo <= values.size:  # a short range (rows, columns, counts): no sort needed
            distinct = np.array([wrap(str(v)) for v in range(lo, hi + 1)], dtype=object)
            return list(distinct[values - lo].tolist())
    # floats by their bits: -0.0 and 0.0 are equal numbers with different texts
    keys = values.view(f"u{values.itemsize}") if is_float else values
    unique, inverse = np.unique(keys, return_inverse=True)
    missing = "null" if json else ""
    if is_float:
        texts = [
            wrap(repr(v) if math.isfinite(v) else missing)
            for v in unique.view(values.dtype).tolist()
        ]
    else:
        texts = [wrap(str(v)) for v in unique.tolist()]
    return list(np.array(texts, dtype=object)[inverse.reshape(-1)].tolist())


def csv_chunks(rows: ColumnRows) -> Iterator[str]:
    """The CSV text of ``rows`` (header first) in pieces, as ``csv.DictWriter`` writes it."""
    header = io.StringIO()
    csv.writer(header).writerow(rows.names())  # names quoted as the csv module quotes them
    yield header.getvalue()
    texts = [_texts(a, json=False, wrap=str) for a in rows.arrays.values()]
    lines = list(map(",".join, zip(*texts, strict=True)))
    for start in range(0, len(lines), CHUNK_ROWS):
        yield "\r\n".join(lines[start : start + CHUNK_ROWS]) + "\r\n"


def json_items(rows: ColumnRows, dumps: Callable[[Any], str]) -> list[str]:
    """The JSON text of each row, as ``dumps(row)`` gives it (``dumps`` encodes the keys)."""
    names = rows.names()
    last = len(names) - 1
    texts = []
    for j, (name, values) in enumerate(rows.arrays.items()):
        # the row's braces and each key travel with the column's texts
        before = ("{" if j == 0 else "") + dumps(name) + ": "
        after = "}" if j == last else ""
        texts.append(_texts(values, json=True, wrap=_Wrap(before, after)))
    return list(map(", ".join, zip(*texts, strict=True)))


class _Wrap:
    """Text between a fixed beginning and end."""

    def __init__(self, before: str, after: str) -> None:
        self.before, self.after = before, after

    def __call__(self, text: str) -> str:
        return self.before + text + self.after


class CellFeatures(Sequence[dict[str, Any]]):
    """A grid's cells as GeoJSON polygon features, stored as corner coordinates and columns.

    ``node_x``/``node_y`` are the coordinates of the ``(ny + 1) x (nx + 1)`` cell corners (in
    the output CRS), ``properties`` one row per cell in raster order. Behaves as the list of
    feature dictionaries it stands for; :func:`json_items` writes their text, each distinct
    corner coordinate formatted once, as ``json.dumps`` writes the dictionaries.
    """

    def __init__(
        self, node_x: np.ndarray, node_y: np.ndarray, ny: int, nx: int, properties: ColumnRows
    ) -> None:
        if node_x.size != (ny + 1) * (nx + 1) or node_y.size != node_x.size:
            raise ValueError(f"corner coordinates for a {ny} x {nx} grid expected")
        if len(properties) != ny * nx:
            raise ValueError(f"{len(properties)} property rows for {ny * nx} cells")
        self.node_x, self.node_y = np.ravel(node_x), np.ravel(node_y)
        self.properties = properties
        # per cell, its corners' node numbers: (y, x), (y, x + 1), (y + 1, x + 1), (y + 1, x)
        first = (np.arange(ny)[:, None] * (nx + 1) + np.arange(nx)[None, :]).ravel()
        self.corners = (first, first + 1, first + nx + 2, first + nx + 1)

    def __len__(self) -> int:
        return len(self.properties)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        props = self.properties[i]  # checks the index
        nodes = [int(c[i]) for c in self.corners]
        xs = _plain(self.node_x[[*nodes, nodes[0]]])
        ys = _plain(self.node_y[[*nodes, nodes[0]]])
        ring = [[x, y] for x, y in zip(xs, ys, strict=True)]
        return {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": props,
        }

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self[i] for i in range(len(self)))

    def json_items(self, dumps: Callable[[Any], str]) -> list[str]:
        xs = _texts(self.node_x, json=True, wrap=str)
        ys = _texts(self.node_y, json=True, wrap=str)
        points = np.array([f"[{x}, {y}]" for x, y in zip(xs, ys, strict=True)], dtype=object)
        a, b, c, d = (points[idx].tolist() for idx in self.corners)
        props = json_items(self.properties, dumps)
        start = '{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [['
        middle = ']]}, "properties": '
        return [
            f"{start}{p0}, {p1}, {p2}, {p3}, {p0}{middle}{pr}}}"
            for p0, p1, p2, p3, pr in zip(a, b, c, d, props, strict=True)
        ]
