"""Rows held as columns, and their CSV and JSON text written column-wise.

A grid result has one row per cell (40,000 for a 200 x 200 grid), each a handful of numbers.
Building a dictionary per row and cleaning and writing it value by value costs far more than
the analysis itself, so :class:`ColumnRows` keeps the numbers as columns of plain Python values
(converted from numpy in one call per column, non-finite floats already ``None``) and the
writers below turn each column into its text tokens in one pass, then join the rows.

The text is exactly what ``csv.DictWriter`` and ``json.dumps`` write for the same rows as
dictionaries (the tests compare the two byte for byte): CSV fields are ``repr`` of a float,
``str`` of an int or bool and empty for ``None``, lines end in CRLF; JSON uses ``json.dumps``
on each column, whose number, bool and null tokens never contain the ``", "`` separator.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any, overload

import numpy as np

#: Rows joined into one string and written at a time.
CHUNK_ROWS = 5000


def _plain(values: np.ndarray) -> list[Any]:
    """One column as plain Python values: non-finite floats become ``None``."""
    out: list[Any] = values.tolist()
    if values.dtype.kind == "f":
        for i in np.flatnonzero(~np.isfinite(values)).tolist():
            out[i] = None
    return out


class ColumnRows(Sequence[dict[str, Any]]):
    """A list of rows (dictionaries with the same keys) stored as columns.

    Behaves as the list of dictionaries it stands for (indexing, iteration, ``len``); only
    the writers of this module look at the columns. Columns are numbers or bools.
    """

    def __init__(self, columns: dict[str, np.ndarray]) -> None:
        arrays = {k: np.asarray(v).ravel() for k, v in columns.items()}
        lengths = {a.shape[0] for a in arrays.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: {sorted(lengths)}")
        for k, a in arrays.items():
            if a.dtype.kind not in "biuf":
                raise ValueError(f"column {k!r}: numbers or bools only, got {a.dtype}")
        self.columns: dict[str, list[Any]] = {k: _plain(a) for k, a in arrays.items()}
        self._n = lengths.pop() if lengths else 0

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
        return list(self.columns)


def _csv_tokens(col: list[Any]) -> list[str]:
    return ["" if v is None else repr(v) if isinstance(v, float) else str(v) for v in col]


def csv_chunks(rows: ColumnRows) -> Iterator[str]:
    """The CSV text of ``rows`` (header first) in pieces, as ``csv.DictWriter`` writes it."""
    header = io.StringIO()
    csv.writer(header).writerow(rows.names())  # names quoted as the csv module quotes them
    yield header.getvalue()
    tokens = [_csv_tokens(col) for col in rows.columns.values()]
    lines = [",".join(vals) for vals in zip(*tokens, strict=True)]
    for start in range(0, len(lines), CHUNK_ROWS):
        yield "".join(line + "\r\n" for line in lines[start : start + CHUNK_ROWS])


def json_items(rows: ColumnRows, dumps: Any) -> list[str]:
    """The JSON text of each row, as ``dumps(row)`` gives it (``dumps`` encodes the keys)."""
    keys = [dumps(k).replace("{", "{{").replace("}", "}}") for k in rows.names()]
    template = "{{" + ", ".join(f"{k}: {{}}" for k in keys) + "}}"
    tokens = [json.dumps(col)[1:-1].split(", ") if col else [] for col in rows.columns.values()]
    return [template.format(*vals) for vals in zip(*tokens, strict=True)]
