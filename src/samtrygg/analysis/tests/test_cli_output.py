"""``samtrygg analyze gi-star --cell`` writes the same bytes as before its speed-ups.

The expected files in ``data/`` were written by the command as it was before the normal tail
was computed without scipy and before the column and feature writers were rewritten: any
change in a digit, a number's form (``1e-05``), a column or a line ending shows here.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

from samtrygg.analysis import knox_kernels
from samtrygg.analysis.cli import main
from samtrygg.analysis.knox import near_repeat_counts

DATA = Path(__file__).parent / "data"
EVENTS = DATA / "gi_star_events.csv"  # 400 events, a dense cluster among uniform ones
# the same events in longitude/latitude
LONLAT = [str(DATA / "gi_star_events_lonlat.csv"), "--x", "lon", "--y", "lat", "--crs", "EPSG:4326"]


@pytest.mark.parametrize(
    ("expected", "options"),
    [
        ("gi_star_cells.csv", ["--format", "csv"]),
        ("gi_star_cells.json", ["--format", "json"]),
        (
            "gi_star_cells_rook_p99.csv",
            ["--weights", "rook", "--permutations", "99", "--seed", "3", "--no-fdr"],
        ),
        ("gi_star_cells.geojson", ["--format", "geojson"]),
        (
            "gi_star_cells_lonlat.geojson",  # corners projected back to longitude/latitude
            [*LONLAT, "--cell", "250", "--weights", "distance:600", "--format", "geojson"],
        ),
    ],
)
def test_grid_output_is_unchanged(tmp_path: Path, expected: str, options: list[str]):
    out = tmp_path / expected
    fmt = ["--format", "csv"] if "--format" not in options else []
    events = [] if "--crs" in options else [str(EVENTS)]
    cell = [] if "--cell" in options else ["--cell", "200"]
    code = main(["gi-star", *events, *cell, *options, *fmt, "--out", str(out)])
    assert code == 0
    assert out.read_bytes() == (DATA / expected).read_bytes()


def test_near_repeat_lists_every_events_neighbours(tmp_path: Path, monkeypatch):
    """One row per event with its neighbour count, as the library counts them: CSV as the csv
    module writes the rows, JSON as json.dumps writes them."""
    # pairs by the KD-tree, not numba's compiled search (the same pairs, as test_knox checks):
    # the output is under test here, and compiling would take most of a minute
    monkeypatch.setattr(knox_kernels, "HAVE_NUMBA", False)
    xy = np.loadtxt(EVENTS, delimiter=",", skiprows=1)
    t = np.arange(len(xy)) % 30
    src = tmp_path / "events.csv"
    src.write_text("x,y,t\n" + "".join(f"{a},{b},{c}\n" for (a, b), c in zip(xy, t, strict=True)))
    counts = near_repeat_counts(xy[:, 0], xy[:, 1], t, distance=150.0, time_window=7.0).counts
    rows = [{"row": i + 1, "neighbours": int(v)} for i, v in enumerate(counts)]
    assert sum(r["neighbours"] for r in rows) > 0  # the cluster has near repeats
    expected = io.StringIO()
    writer = csv.DictWriter(expected, fieldnames=["row", "neighbours"])
    writer.writeheader()
    writer.writerows(rows)
    options = ["--distance", "150", "--time-window", "7"]
    for fmt in ("csv", "json"):
        out = tmp_path / f"out.{fmt}"
        code = main(["near-repeat", str(src), *options, "--format", fmt, "--out", str(out)])
        assert code == 0
        text = out.read_bytes().decode("utf-8")
        if fmt == "csv":
            assert text == expected.getvalue()
        else:
            assert json.loads(text)["events"] == rows
            assert json.dumps(rows) in text
