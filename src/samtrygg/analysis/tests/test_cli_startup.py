"""``samtrygg analyze`` starts like a command-line tool: no Django, no web stack, and the help
without the heavy numeric libraries; the column-wise CSV reader gives the row reader's result."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samtrygg.analysis import io

# Runs the real entry point and reports which packages and modules it loaded.
_WRAPPER = """
import json, sys
from samtrygg.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
loaded = sorted({m.split('.')[0] for m in sys.modules})
print("\\nLOADED " + json.dumps(loaded), file=sys.stderr)
print("\\nMODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def _loaded(*args: str) -> tuple[str, set[str]]:
    out, loaded, _ = _run(*args)
    return out, loaded


def _run(*args: str) -> tuple[str, set[str], set[str]]:
    """Standard output, the top-level packages and every module the command loaded."""
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    line = next(ln for ln in lines if ln.startswith("LOADED "))
    modules = next(ln for ln in lines if ln.startswith("MODULES "))
    return (
        proc.stdout,
        set(json.loads(line.removeprefix("LOADED "))),
        set(json.loads(modules.removeprefix("MODULES "))),
    )


@pytest.mark.parametrize("args", [("analyze", "--help"), ("analyze", "gi-star", "--help")])
def test_analyze_help_loads_neither_django_nor_the_numeric_stack(args):
    out, loaded = _loaded(*args)
    assert "usage: samtrygg analyze" in out
    assert "gi-star" in out
    assert not loaded & {"django", "rest_framework", "numpy", "scipy", "numba", "shapely", "pyproj"}


def test_analyze_run_loads_no_django(tmp_path: Path):
    src = tmp_path / "events.csv"
    src.write_text("x,y\n" + "".join(f"{500000 + i * 10},{6600000 + i * 7}\n" for i in range(50)))
    out, loaded = _loaded("analyze", "gi-star", str(src), "--cell", "100")
    assert json.loads(out)["method"] == "gi-star-grid"
    assert "django" not in loaded and "rest_framework" not in loaded


def test_gi_star_grid_in_sweref_loads_no_scipy_projection_or_weights(tmp_path: Path):
    """The Gi* grid path needs numpy alone: no scipy (the normal tail is analysis.normal, the
    3 x 3 kernel summed with numpy), no pyproj for SWEREF 99 TM input inside the checked box,
    no weights objects."""
    src = tmp_path / "events.csv"
    src.write_text("x,y\n" + "".join(f"{500000 + i * 10},{6600000 + i * 7}\n" for i in range(50)))
    out, loaded, modules = _run("analyze", "gi-star", str(src), "--cell", "100")
    assert json.loads(out)["method"] == "gi-star-grid"
    assert not loaded & {"scipy", "pyproj", "numba", "django"}, loaded
    assert "samtrygg.analysis.weights" not in modules


def test_kde_loads_scipy_fft_but_not_scipy_signal(tmp_path: Path):
    """kde's convolution needs scipy.fft only (analysis.fftconv): scipy.signal would bring in
    scipy.stats, optimize and interpolate, three times the import."""
    src = tmp_path / "events.csv"
    src.write_text("x,y\n" + "".join(f"{500000 + i * 10},{6600000 + i * 7}\n" for i in range(50)))
    out, _, modules = _run("analyze", "kde", str(src), "--cell", "50", "--bandwidth", "100")
    assert json.loads(out)["method"] == "kde"
    assert "scipy.fft" in modules
    assert not modules & {"scipy.signal", "scipy.stats", "scipy.optimize", "scipy.interpolate"}


def test_sweref_inner_box_lies_inside_the_area_of_use(monkeypatch: pytest.MonkeyPatch):
    """Every point of the box passes pyproj's area-of-use check: its edges densely (the
    projection is smooth and one-to-one, so the extremes of lon/lat lie on them) and a grid
    inside, checked with the box switched off so that pyproj does the check."""
    x0, y0, x1, y1 = io.SWEREF_INNER_BOX
    s = np.linspace(0.0, 1.0, 2001)
    ex, ey = x0 + (x1 - x0) * s, y0 + (y1 - y0) * s
    gx, gy = np.meshgrid(np.linspace(x0, x1, 60), np.linspace(y0, y1, 60))
    xs = np.concatenate([ex, ex, np.full_like(s, x0), np.full_like(s, x1), gx.ravel()])
    ys = np.concatenate([np.full_like(s, y0), np.full_like(s, y1), ey, ey, gy.ravel()])
    monkeypatch.setattr(io, "SWEREF_INNER_BOX", (0.0, 0.0, -1.0, -1.0))  # empty: always pyproj
    io.check_fits_crs(xs, ys, "EPSG:3006", str)
    with pytest.raises(io.AnalysisInputError, match="do not fit EPSG:3006"):
        io.check_fits_crs(np.array([-10_000.0]), np.array([8_650_000.0]), "EPSG:3006", str)


def test_points_outside_the_box_still_get_the_full_check(tmp_path: Path):
    src = tmp_path / "events.csv"
    src.write_text("x,y\n500000,6600000\n18.05,59.33\n")  # lon/lat given as SWEREF 99 TM
    with pytest.raises(io.AnalysisInputError, match="look like longitude/latitude"):
        io.read_events(str(src), t_col=None)


@pytest.mark.parametrize("times", ["days", "dates"])
def test_column_reader_equals_row_reader(tmp_path: Path, times: str):
    rng = np.random.default_rng(3)
    lines = ["x;cat;y;t"]
    for i in range(400):
        t = str(int(rng.integers(0, 90))) if times == "days" else f"2024-03-{1 + i % 28:02d}"
        lines.append(f"{rng.uniform(5e5, 5.1e5):.2f};c{i % 3};{rng.uniform(6.6e6, 6.61e6):.2f};{t}")
        if i == 10:
            lines.append("")  # a blank line is skipped by both
    p = tmp_path / "e.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    x, y, tt, props, where = io._read_csv(p, "x", "y", "t", ("cat",))
    xs, ys, ts, rprops, _ = io._read_csv_rows(p, "x", "y", "t", ("cat",))
    assert x.tolist() == xs and y.tolist() == ys
    assert tt is not None and tt.tolist() == ts
    assert props == rprops and len(props) == 400
    assert where(0) == "e.csv row 1"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1,2", "row 2 (line 3), column 't': '' is not a number of days"),
        ("1,inf,3", "row 2 (line 3), column 'y': 'inf' is not a finite number"),
        ("1,2,2024-13-01", "row 2 (line 3), column 't'"),
        ("1,2,nan", "row 2 (line 3), column 't'"),
    ],
)
def test_column_reader_names_the_row_of_a_bad_value(tmp_path: Path, row: str, message: str):
    p = tmp_path / "e.csv"
    p.write_text(f"x,y,t\n1,2,3\n{row}\n4,5,6\n", encoding="utf-8")
    with pytest.raises(io.AnalysisInputError, match=re.escape(message)):
        io._read_csv(p, "x", "y", "t", ())


_FIELDS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["", " 1.5", "2.5 ", "1_000", "nan", "inf", "-0", "1e5", "x", "2024-03-01"]),
    st.sampled_from(["\u00a01", "1\x0c", "+.5", "5.", "0x10", "١٢", "#3", "1e400"]),
)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(_FIELDS, min_size=1, max_size=4), min_size=0, max_size=12),
    sep=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    with_t=st.booleans(),
)
def test_numeric_fast_reader_gives_the_row_readers_result_or_error(
    tmp_path_factory, rows, sep, newline, with_t
):
    """Whatever the text, the column-wise reading (loadtxt first) returns what the row reader
    returns, or the same error naming the same row and column."""
    lines = [sep.join(["x", "y", "t"])] + [sep.join(r) for r in rows]
    p = tmp_path_factory.mktemp("csv") / "e.csv"
    p.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    t_col = "t" if with_t else None
    try:
        want: object = io._read_csv_rows(p, "x", "y", t_col, ())[:3]
    except io.AnalysisInputError as exc:
        want = str(exc)
    try:
        got: object = io._read_csv(p, "x", "y", t_col, ())[:3]
    except io.AnalysisInputError as exc:
        got = str(exc)
    if isinstance(want, tuple):
        assert isinstance(got, tuple), got
        for a, b in zip(got, want, strict=True):
            assert (a is None and b is None) or np.asarray(a).tolist() == b
    else:
        assert got == want


def test_numeric_fast_reader_is_the_one_used_for_plain_numbers(tmp_path: Path):
    p = tmp_path / "e.csv"
    p.write_text("x,y,t\r\n1.5,2,3\r\n\r\n4,5e3,6\r\n", encoding="utf-8")
    got = io._read_csv_numbers(p, "x", "y", "t")
    assert got is not None
    assert [np.asarray(v).tolist() for v in got[:3]] == [[1.5, 4.0], [2.0, 5000.0], [3.0, 6.0]]
    p.write_text('x,y\n"1",2\n', encoding="utf-8")  # quoted: left to the csv module
    assert io._read_csv_numbers(p, "x", "y", None) is None
