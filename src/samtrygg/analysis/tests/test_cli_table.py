"""Column-wise rows write exactly the bytes the row-by-row writers write for the same rows."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from samtrygg.analysis.cli import output
from samtrygg.analysis.cli.common import clean
from samtrygg.analysis.cli.table import CellFeatures, ColumnRows

floats = hnp.arrays(
    np.float64,
    st.integers(1, 40),
    elements=st.floats(allow_nan=True, allow_infinity=True, width=64),
)


def _write_both(tmp_path: Path, columns: dict[str, np.ndarray], fmt: str) -> tuple[bytes, bytes]:
    """Write the columns as ColumnRows and, as before, as one dict of raw values per row."""
    fast, slow = tmp_path / "fast", tmp_path / "slow"
    rows = ColumnRows(columns)
    lists = {k: v.tolist() for k, v in columns.items()}
    as_dicts = [{k: v[i] for k, v in lists.items()} for i in range(len(rows))]
    if fmt == "csv":
        output.write_csv(rows, str(fast))
        output.write_csv(as_dicts, str(slow))
    else:
        meta = {"method": "test", "n": len(rows), "nan": float("nan")}
        output.write_json({**meta, "cells": rows}, str(fast))
        output.write_json({**meta, "cells": as_dicts}, str(slow))
    return fast.read_bytes(), slow.read_bytes()


@settings(max_examples=60, deadline=None)
@given(values=floats, data=st.data(), fmt=st.sampled_from(["csv", "json"]))
def test_column_rows_write_the_same_bytes_as_dict_rows(tmp_path_factory, values, data, fmt):
    n = values.shape[0]
    ints = data.draw(hnp.arrays(np.int64, n, elements=st.integers(-(2**62), 2**62)))
    flags = data.draw(hnp.arrays(np.bool_, n))
    columns = {"row": np.arange(n), "v": values, "count": ints, "hot": flags}
    fast, slow = _write_both(tmp_path_factory.mktemp("w"), columns, fmt)
    assert fast == slow


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_long_tables_stream_in_chunks_with_the_same_bytes(tmp_path: Path, fmt: str):
    rng = np.random.default_rng(1)
    n = output.STREAM_ITEMS * 3 + 17  # several JSON and CSV chunks, a short last one
    z = rng.normal(size=n)
    z[::97] = np.nan
    z[5] = -0.0
    columns = {"row": np.arange(n), "z": z, "cold": z < -1}
    fast, slow = _write_both(tmp_path, columns, fmt)
    assert fast == slow
    rows = ColumnRows(columns)
    assert len(rows) == n and rows[5] == {"row": 5, "z": -0.0, "cold": False}
    assert rows[97]["z"] is None and rows[-1] == rows[n - 1]


def test_column_rows_refuse_mismatched_or_non_numeric_columns():
    with pytest.raises(ValueError, match="different lengths"):
        ColumnRows({"a": np.arange(3), "b": np.arange(4)})
    with pytest.raises(ValueError, match="numbers or bools only"):
        ColumnRows({"a": np.array(["x", "y"])})


@settings(max_examples=40, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 5), st.integers(1, 5)),
    data=st.data(),
)
def test_cell_features_write_what_json_dumps_writes_for_their_dicts(tmp_path_factory, shape, data):
    """The feature text equals json.dumps of the features as dictionaries (the reference),
    corners and properties non-finite, -0.0 and repeated included."""
    ny, nx = shape
    coords = st.floats(allow_nan=True, allow_infinity=True, width=64) | st.sampled_from([0.0, -0.0])
    node_x = data.draw(hnp.arrays(np.float64, (ny + 1) * (nx + 1), elements=coords))
    node_y = data.draw(hnp.arrays(np.float64, (ny + 1) * (nx + 1), elements=coords))
    z = data.draw(hnp.arrays(np.float64, ny * nx, elements=coords))
    props = ColumnRows({"row": np.repeat(np.arange(ny), nx), "z": z, "hot": z > 0})
    features = CellFeatures(node_x, node_y, ny, nx, props)
    out = tmp_path_factory.mktemp("f") / "features.json"
    output.write_json({"type": "FeatureCollection", "features": features}, str(out))
    reference = {"type": "FeatureCollection", "features": list(features)}
    text = json.dumps(clean(reference), ensure_ascii=False, allow_nan=False)
    assert out.read_text(encoding="utf-8") == text + "\n"
    first = features[0]["geometry"]["coordinates"][0]
    assert len(first) == 5 and first[0] == first[-1]
