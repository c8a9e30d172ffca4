"""The ``samtrygg analyze`` command line: every required form and every bad-input case."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from samtrygg.analysis.cli import main


def square(x0, y0, s):
    return [[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]]]


def fc(features):
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture
def files(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    n = 300
    x = rng.uniform(500000, 503000, n)
    y = rng.uniform(6600000, 6603000, n)
    day = rng.integers(0, 700, n)
    lines = ["x,y,t,cat"]
    lines += [f"{a:.1f},{b:.1f},{int(c)},burglary" for a, b, c in zip(x, y, day, strict=True)]
    (tmp_path / "events.csv").write_text("\n".join(lines) + "\n")
    import datetime as dt

    dates = ["x,y,t"] + [
        f"{a:.1f},{b:.1f},{(dt.date(2024, 1, 1) + dt.timedelta(days=int(c))).isoformat()}"
        for a, b, c in zip(x, y, day, strict=True)
    ]
    (tmp_path / "dates.csv").write_text("\n".join(dates) + "\n")
    feats = []
    for i in range(4):
        for j in range(4):
            v = float(rng.poisson(5) + (10 if (i, j) in ((1, 1), (1, 2)) else 0))
            feats.append(
                {
                    "type": "Feature",
                    "properties": {"name": f"A{i}{j}", "v": v},
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": square(500000 + i * 750, 6600000 + j * 750, 750),
                    },
                }
            )
    (tmp_path / "areas.geojson").write_text(json.dumps(fc(feats)))
    for name, (x0, y0, s) in {
        "A": (501000, 6601000, 800),
        "B": (500000, 6600000, 700),
        "C": (502000, 6602000, 900),
    }.items():
        poly = {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": square(x0, y0, s)},
        }
        (tmp_path / f"{name}.geojson").write_text(json.dumps(fc([poly])))
    return tmp_path


def run(capsys, args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_knox_form(files, capsys):
    code, out, err = run(
        capsys,
        [
            "knox",
            files / "events.csv",
            "--x",
            "x",
            "--y",
            "y",
            "--t",
            "t",
            "--distance-bands",
            "0,100,200,400",
            "--time-bands",
            "0,7,14,28",
            "--permutations",
            "19",
            "--seed",
            "1",
            "--metric",
            "euclidean",
            "--crs",
            "none",
            "--format",
            "json",
        ],
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["n_events"] == 300 and doc["permutations"] == 19 and doc["seed"] == 1
    assert doc["metric"] == "euclidean" and len(doc["cells"]) == 9
    cell = doc["cells"][0]
    assert cell["distance"] == [0.0, 100.0] and cell["time"] == [0.0, 7.0]
    assert {"observed", "expected", "knox_ratio", "p_value"} <= set(cell)
    code, out, _ = run(
        capsys,
        [
            "knox",
            files / "events.csv",
            "--distance-bands",
            "0,200",
            "--time-bands",
            "0,7",
            "--permutations",
            "9",
            "--seed",
            "1",
        ],
    )
    doc = json.loads(out)
    assert "expected_analytic" in doc and "p_poisson" in doc


def test_gi_star_areas_and_grid_and_moran(files, capsys):
    code, out, err = run(
        capsys,
        [
            "gi-star",
            files / "areas.geojson",
            "--value",
            "v",
            "--id",
            "name",
            "--weights",
            "queen",
            "--transform",
            "binary",
            "--permutations",
            "19",
            "--seed",
            "1",
            "--format",
            "json",
        ],
    )
    assert code == 0, err
    areas = json.loads(out)["areas"]
    assert len(areas) == 16 and {"id", "value", "z", "p_norm", "p_sim"} <= set(areas[0])
    code, out, err = run(
        capsys,
        [
            "gi-star",
            files / "areas.geojson",
            "--value",
            "v",
            "--id",
            "name",
            "--weights",
            "distance:800",
            "--transform",
            "row",
        ],
    )
    assert code == 0, err
    code, out, err = run(
        capsys, ["gi-star", files / "events.csv", "--cell", "500", "--format", "geojson"]
    )
    assert code == 0, err
    grid = json.loads(out)
    assert grid["type"] == "FeatureCollection"
    assert sum(f["properties"]["count"] for f in grid["features"]) == 300
    assert {"count", "z", "p_norm"} <= set(grid["features"][0]["properties"])
    code, out, err = run(
        capsys,
        [
            "local-moran",
            files / "areas.geojson",
            "--value",
            "v",
            "--id",
            "name",
            "--weights",
            "queen",
            "--permutations",
            "99",
            "--seed",
            "1",
        ],
    )
    assert code == 0, err
    assert json.loads(out)["areas"][0]["quadrant"] in {"HH", "LL", "HL", "LH"}


def test_kde_change_evaluate(files, capsys):
    for bw, kernel, fmt in (("250", "quartic", "json"), ("scott", "gaussian", "geojson")):
        code, out, err = run(
            capsys,
            [
                "kde",
                files / "events.csv",
                "--cell",
                "250",
                "--bandwidth",
                bw,
                "--kernel",
                kernel,
                "--format",
                fmt,
            ],
        )
        assert code == 0, err
        json.loads(out)
    code, out, err = run(
        capsys,
        ["change", files / "dates.csv", "--t", "t", "--period", "quarter", "--format", "json"],
    )
    assert code == 0, err
    assert sum(p["count"] for p in json.loads(out)["periods"]) == 300
    code, out, err = run(
        capsys,
        [
            "evaluate",
            files / "dates.csv",
            "--treated",
            files / "A.geojson",
            "--buffer",
            files / "B.geojson",
            "--control",
            files / "C.geojson",
            "--before",
            "2024-01-01/2024-12-31",
            "--after",
            "2025-01-01/2025-12-31",
            "--format",
            "json",
        ],
    )
    assert code == 0, err
    doc = json.loads(out)
    assert {"did", "wdq", "wdd", "rate_ratios", "notes"} <= set(doc)


BAD = [
    ("missing column", "x,q,t\n1,2,3\n", ["--crs", "none"], "missing column 'y'"),
    ("non-numeric", "x,y,t\n1,2,3\n1,abc,4\n", ["--crs", "none"], "row 2 (line 3), column 'y'"),
    ("nan", "x,y,t\n1,2,3\nnan,2,4\n", ["--crs", "none"], "row 2 (line 3), column 'x'"),
    ("bad date", "x,y,t\n1,2,2024-13-45\n", ["--crs", "none"], "column 't'"),
    ("empty", "", ["--crs", "none"], "empty"),
    (
        "bands",
        "x,y,t\n1,2,3\n4,5,6\n",
        ["--crs", "none", "--distance-bands", "0,200,100"],
        "strictly increasing",
    ),
    ("crs", "x,y,t\n16.5,59.6,3\n16.6,59.7,4\n", [], "do not fit EPSG:3006"),
    ("crs4326", "x,y,t\n500000,6600000,3\n", ["--crs", "EPSG:4326"], "do not fit"),
]


@pytest.mark.parametrize(("name", "content", "extra", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_exit_2_one_message(tmp_path, capsys, name, content, extra, message):
    p = tmp_path / "bad.csv"
    p.write_text(content)
    args = [
        "knox",
        p,
        "--distance-bands",
        "0,100",
        "--time-bands",
        "0,7",
        "--permutations",
        "9",
        *extra,
    ]
    if "--distance-bands" in extra:
        args = ["knox", p, "--time-bands", "0,7", "--permutations", "9", *extra]
    code, out, err = run(capsys, args)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and out == ""


def test_invalid_polygon_exit_2(tmp_path, capsys):
    bowtie = {
        "type": "Feature",
        "properties": {"name": "x", "v": 1},
        "geometry": {
            "type": "Polygon",
            "coordinates": [
                [
                    [500000, 6600000],
                    [501000, 6601000],
                    [501000, 6600000],
                    [500000, 6601000],
                    [500000, 6600000],
                ]
            ],
        },
    }
    p = tmp_path / "a.geojson"
    p.write_text(json.dumps(fc([bowtie])))
    code, _, err = run(capsys, ["gi-star", p, "--value", "v", "--id", "name"])
    assert code == 2 and "invalid polygon" in err and "Traceback" not in err


def test_subprocess_module_entry_point(files):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "samtrygg.analysis.cli",
            "knox",
            str(files / "events.csv"),
            "--distance-bands",
            "0,100,200",
            "--time-bands",
            "0,7,14",
            "--permutations",
            "9",
            "--seed",
            "1",
            "--crs",
            "none",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["n_events"] == 300
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "samtrygg.analysis.cli",
            "knox",
            "/nonexistent.csv",
            "--distance-bands",
            "0,100",
            "--time-bands",
            "0,7",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert bad.returncode == 2 and "cannot read" in bad.stderr and "Traceback" not in bad.stderr
