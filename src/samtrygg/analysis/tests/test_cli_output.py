"""``samtrygg analyze gi-star --cell`` writes the same bytes as before its speed-ups.

The expected files in ``data/`` were written by the command as it was before the normal tail
was computed without scipy and before the column and feature writers were rewritten: any
change in a digit, a number's form (``1e-05``), a column or a line ending shows here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samtrygg.analysis.cli import main

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
