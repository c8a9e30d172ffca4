"""Reading events and areas for the command line: CSV, GeoJSON, times and coordinate systems.

* CSV: a header row; coordinates and times from named columns. Times are numbers (days) or ISO
  dates/datetimes (``2024-05-01``, ``2024-05-01T13:45``), turned into days since 1970-01-01.
* GeoJSON: a FeatureCollection of Points (events; times from a property) or of Polygons /
  MultiPolygons (areas).
* CRS: ``EPSG:3006`` (SWEREF 99 TM metres, default), ``EPSG:4326`` (longitude/latitude,
  projected to EPSG:3006 with pyproj, ``always_xy=True``), another EPSG code (projected to
  EPSG:3006) or ``none`` (plain planar units). Coordinates that do not fit the stated CRS's
  area of use (e.g. lon/lat values given as EPSG:3006) are an error.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import importlib
import json
import math
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from samtrygg.analysis.types import AnalysisInputError, FloatArray

if TYPE_CHECKING:
    import shapely  # imported by read_areas only

EPOCH = dt.datetime(1970, 1, 1)
METRIC_CRS = "EPSG:3006"
#: Every point of this SWEREF 99 TM box (xmin, ymin, xmax, ymax) lies within EPSG:3006's area
#: of use with the 1 degree margin of :func:`check_fits_crs` (the tests check the box with
#: pyproj): events inside it need no projection library at all.
SWEREF_INNER_BOX = (290_000.0, 6_000_000.0, 880_000.0, 7_750_000.0)


def _pyproj() -> Any:
    """pyproj, imported on first use: data already in SWEREF 99 TM never needs it."""
    return importlib.import_module("pyproj")


def _is_metric(crs: str) -> bool:
    return crs.upper() == METRIC_CRS


@dataclass(frozen=True, eq=False)
class Events:
    """Events in projected metres (or planar units for ``crs='none'``)."""

    x: FloatArray
    y: FloatArray
    t: FloatArray | None
    properties: Sequence[Mapping[str, Any]]


#: The properties of an event that has none (read-only, so one can stand for them all).
NO_PROPERTIES: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, eq=False)
class Areas:
    ids: list[Any]
    geoms: list[shapely.Geometry]
    properties: list[dict[str, Any]]


@dataclass(frozen=True)
class Projection:
    """How input coordinates map to the working plane (and back, for GeoJSON output)."""

    crs: str
    forward: Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]] | None
    inverse: Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]] | None

    def to_plane(self, x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        return (x, y) if self.forward is None else self.forward(x, y)

    def from_plane(self, x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        return (x, y) if self.inverse is None else self.inverse(x, y)


def parse_time(text: str) -> float:
    """A number of days, or an ISO date/datetime as days since 1970-01-01 (naive, local)."""
    s = text.strip()
    try:
        v = float(s)
    except ValueError:
        pass
    else:
        if not math.isfinite(v):
            raise ValueError(f"{text!r} is not a finite time")
        return v
    try:
        d = dt.datetime.fromisoformat(s)
    except ValueError:
        raise ValueError(f"{text!r} is not a number of days or an ISO date/datetime") from None
    if d.tzinfo is not None:
        d = d.astimezone(dt.UTC).replace(tzinfo=None)
    return (d - EPOCH).total_seconds() / 86400.0


def parse_date(text: str) -> float:
    """An ISO date as days since 1970-01-01."""
    try:
        d = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise AnalysisInputError(f"{text!r} is not an ISO date (YYYY-MM-DD)") from None
    return float((d - EPOCH.date()).days)


def projection(crs: str) -> Projection:
    """The projection for a ``--crs`` value."""
    if crs.lower() == "none":
        return Projection("none", None, None)
    if _is_metric(crs):
        return Projection(METRIC_CRS, None, None)
    pyproj = _pyproj()
    CRS, Transformer = pyproj.CRS, pyproj.Transformer
    try:
        src = CRS.from_user_input(crs)
    except pyproj.exceptions.CRSError:
        raise AnalysisInputError(
            f"unknown CRS {crs!r} (use EPSG:3006, EPSG:4326 or none)"
        ) from None
    dst = CRS.from_user_input(METRIC_CRS)
    if src == dst:
        return Projection(METRIC_CRS, None, None)
    fwd = Transformer.from_crs(src, dst, always_xy=True)
    inv = Transformer.from_crs(dst, src, always_xy=True)

    def forward(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        a, b = fwd.transform(x, y)
        return np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)

    def inverse(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        a, b = inv.transform(x, y)
        return np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)

    return Projection(src.to_string(), forward, inverse)


def check_fits_crs(x: FloatArray, y: FloatArray, crs: str, where: Callable[[int], str]) -> None:
    """Refuse coordinates outside the CRS's area of use (1 degree margin)."""
    if crs.lower() == "none" or x.size == 0:
        return
    if _is_metric(crs):
        x0, y0, x1, y1 = SWEREF_INNER_BOX
        if x.min() >= x0 and x.max() <= x1 and y.min() >= y0 and y.max() <= y1:
            return
    pyproj = _pyproj()
    CRS, Transformer = pyproj.CRS, pyproj.Transformer
    src = CRS.from_user_input(crs)
    aou = src.area_of_use
    if src.is_geographic:
        lon, lat = x, y
        bad = (np.abs(lon) > 180) | (np.abs(lat) > 90)
    else:
        to_ll = Transformer.from_crs(src, CRS.from_epsg(4326), always_xy=True)
        lon, lat = (np.asarray(v) for v in to_ll.transform(x, y))
        bad = ~(np.isfinite(lon) & np.isfinite(lat))
    if aou is not None and not bad.any():
        m = 1.0
        bad = (
            (lon < aou.west - m)
            | (lon > aou.east + m)
            | (lat < aou.south - m)
            | (lat > aou.north + m)
        )
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        hint = ""
        if not src.is_geographic and abs(x[i]) <= 180 and abs(y[i]) <= 90:
            hint = "; they look like longitude/latitude: use --crs EPSG:4326"
        elif src.is_geographic and (abs(x[i]) > 180 or abs(y[i]) > 90):
            hint = "; they look like projected metres: use --crs EPSG:3006"
        raise AnalysisInputError(
            f"{where(i)}: coordinates ({x[i]:g}, {y[i]:g}) do not fit {crs}{hint}"
        )


def _number(value: str | None, where: str) -> float:
    if value is None or value.strip() == "":
        raise AnalysisInputError(f"{where}: empty value")
    try:
        v = float(value)
    except ValueError:
        raise AnalysisInputError(f"{where}: {value!r} is not a number") from None
    if not math.isfinite(v):
        raise AnalysisInputError(f"{where}: {value!r} is not a finite number")
    return v


def read_events(
    path: str,
    *,
    x_col: str = "x",
    y_col: str = "y",
    t_col: str | None = "t",
    crs: str = METRIC_CRS,
    keep: tuple[str, ...] = (),
) -> tuple[Events, Projection]:
    """Read events from CSV or a GeoJSON FeatureCollection of Points, projected to metres."""
    proj = projection(crs)
    p = Path(path)
    props: Sequence[Mapping[str, Any]]
    if p.suffix.lower() in (".geojson", ".json"):
        xs, ys, ts, props, where = _read_point_geojson(p, t_col)
        x = np.array(xs, dtype=np.float64)
        y = np.array(ys, dtype=np.float64)
        t = None if ts is None else np.array(ts, dtype=np.float64)
    else:
        x, y, t, props, where = _read_csv(p, x_col, y_col, t_col, keep)
    check_fits_crs(x, y, crs, where)
    x, y = proj.to_plane(x, y)
    return Events(x=x, y=y, t=t, properties=props), proj


@contextlib.contextmanager
def _open_csv(p: Path) -> Iterator[tuple[IO[str], Any]]:
    """The open file (at its start) and its sniffed dialect; an empty file is an error."""
    try:
        fh = p.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise AnalysisInputError(f"cannot read {p.name}: {exc.strerror}") from None
    with fh:
        sample = fh.read(4096)
        fh.seek(0)
        if not sample.strip():
            raise AnalysisInputError(f"{p.name}: the file is empty")
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        yield fh, dialect


class _Unusual(Exception):
    """A value the column-wise reader leaves to the row-by-row one (which names it)."""


def _times(column: list[str]) -> FloatArray:
    """Times of a column: numbers at once, else each distinct text parsed once (dates repeat)."""
    try:
        return np.array(column, dtype=np.float64)
    except ValueError:
        pass
    texts, inverse = np.unique(np.array(column, dtype=object), return_inverse=True)
    try:
        parsed = np.array([parse_time(str(v)) for v in texts], dtype=np.float64)
    except ValueError:
        raise _Unusual from None
    return parsed[inverse.reshape(-1)]


_CsvColumns = tuple[
    FloatArray, FloatArray, FloatArray | None, Sequence[Mapping[str, Any]], Callable[[int], str]
]


def _read_csv_numbers(p: Path, x_col: str, y_col: str, t_col: str | None) -> _CsvColumns | None:
    """All wanted columns numeric, nothing to quote: numpy's ``loadtxt`` parses the file in C.

    Only for text where a record is a line and a field the text between delimiters (no quote,
    escape or NUL character, no lone carriage return), so the fields are the csv module's.
    ``loadtxt`` accepts a subset of what ``float`` does (ASCII, no underscores) and parses it
    to the same double, and skips blank lines as the csv reader does; anything else
    (a short row, a bad, empty or non-finite value, dates) returns None and the file goes
    to the csv reader, whose results and errors are the reference.
    """
    with _open_csv(p) as (fh, dialect):
        text = fh.read()
    specials = ["\x00", '"', dialect.quotechar, dialect.escapechar]
    if any(c and c in text for c in specials):
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    first, _, body = text.partition("\n")
    header = next(csv.reader([first], dialect=dialect), [])
    index = {name: i for i, name in enumerate(header)}
    wanted = [x_col, y_col] + ([t_col] if t_col else [])
    if any(c not in index for c in wanted):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "input contained no data": handled below
            data = np.loadtxt(
                StringIO(body),
                delimiter=dialect.delimiter,
                usecols=[index[c] for c in wanted],
                dtype=np.float64,
                comments=None,
                quotechar=None,
                ndmin=2,
            )
    except ValueError:
        return None
    if data.shape[0] == 0 or not np.isfinite(data).all():
        return None
    x, y = np.ascontiguousarray(data[:, 0]), np.ascontiguousarray(data[:, 1])
    t = np.ascontiguousarray(data[:, 2]) if t_col else None
    return x, y, t, [NO_PROPERTIES] * x.shape[0], lambda i: f"{p.name} row {i + 1}"


def _read_csv(
    p: Path, x_col: str, y_col: str, t_col: str | None, keep: tuple[str, ...]
) -> _CsvColumns:
    """Column-wise: numeric files by ``loadtxt`` (:func:`_read_csv_numbers`), else csv's C
    reader into one list per column, numbers converted by numpy in one call per column. Rows
    it does not expect (short rows, bad or non-finite numbers) send the file to
    ``_read_csv_rows``, so errors and results stay exactly the row reader's."""
    if not keep:
        numbers = _read_csv_numbers(p, x_col, y_col, t_col)
        if numbers is not None:
            return numbers
    with _open_csv(p) as (fh, dialect):
        reader = csv.reader(fh, dialect=dialect)
        header = next(reader, [])
        wanted = [x_col, y_col] + ([t_col] if t_col else []) + list(keep)
        missing = [c for c in wanted if c not in header]
        if missing:
            raise AnalysisInputError(
                f"{p.name}: missing column {missing[0]!r} (columns: {', '.join(header)})"
            )
        # like csv.DictReader: blank lines are skipped, a repeated name means its last column
        rows = [r for r in reader if r]
    index = {name: i for i, name in enumerate(header)}
    try:
        cols = {c: [r[index[c]] for r in rows] for c in dict.fromkeys(wanted)}
        x = np.array(cols[x_col], dtype=np.float64)
        y = np.array(cols[y_col], dtype=np.float64)
        t = _times(cols[t_col]) if t_col else None
        finite = np.isfinite(x).all() and np.isfinite(y).all()
        if not finite or (t is not None and not np.isfinite(t).all()) or not rows:
            raise _Unusual
    except (IndexError, ValueError, _Unusual):
        xs, ys, ts, props, where = _read_csv_rows(p, x_col, y_col, t_col, keep)
        return (
            np.array(xs, dtype=np.float64),
            np.array(ys, dtype=np.float64),
            None if ts is None else np.array(ts, dtype=np.float64),
            props,
            where,
        )
    kept: Sequence[Mapping[str, Any]] = [NO_PROPERTIES] * len(rows)
    if keep:
        kept = [dict(zip(keep, v, strict=True)) for v in zip(*(cols[k] for k in keep), strict=True)]
    return x, y, t, kept, lambda i: f"{p.name} row {i + 1}"


def _read_csv_rows(
    p: Path, x_col: str, y_col: str, t_col: str | None, keep: tuple[str, ...]
) -> tuple[
    list[float], list[float], list[float] | None, list[dict[str, Any]], Callable[[int], str]
]:
    """Row by row, with the row and column of the first bad value: the reference that
    ``_read_csv`` falls back to whenever its column-wise reading meets anything unusual."""
    with _open_csv(p) as (fh, dialect):
        reader = csv.DictReader(fh, dialect=dialect)
        header = reader.fieldnames or []
        wanted = [x_col, y_col] + ([t_col] if t_col else []) + list(keep)
        missing = [c for c in wanted if c not in header]
        if missing:
            raise AnalysisInputError(
                f"{p.name}: missing column {missing[0]!r} (columns: {', '.join(header)})"
            )
        xs: list[float] = []
        ys: list[float] = []
        ts: list[float] = []
        props: list[dict[str, Any]] = []
        for n, row in enumerate(reader, start=1):
            where = f"{p.name} row {n} (line {reader.line_num})"
            xs.append(_number(row.get(x_col), f"{where}, column {x_col!r}"))
            ys.append(_number(row.get(y_col), f"{where}, column {y_col!r}"))
            if t_col:
                raw = row.get(t_col)
                try:
                    ts.append(parse_time(raw or ""))
                except ValueError as exc:
                    raise AnalysisInputError(f"{where}, column {t_col!r}: {exc}") from None
            props.append({k: row.get(k) for k in keep})
    if not xs:
        raise AnalysisInputError(f"{p.name}: no data rows")
    return xs, ys, (ts if t_col else None), props, lambda i: f"{p.name} row {i + 1}"


def _load_features(p: Path) -> list[dict[str, Any]]:
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise AnalysisInputError(f"cannot read {p.name}: {exc.strerror}") from None
    if not text.strip():
        raise AnalysisInputError(f"{p.name}: the file is empty")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnalysisInputError(
            f"{p.name}: not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        feats = doc.get("features")
    elif isinstance(doc, dict) and doc.get("type") == "Feature":
        feats = [doc]
    else:
        raise AnalysisInputError(f"{p.name}: expected a GeoJSON FeatureCollection")
    if not isinstance(feats, list) or not feats:
        raise AnalysisInputError(f"{p.name}: the FeatureCollection has no features")
    return feats


def _read_point_geojson(
    p: Path, t_col: str | None
) -> tuple[
    list[float], list[float], list[float] | None, list[dict[str, Any]], Callable[[int], str]
]:
    feats = _load_features(p)
    xs: list[float] = []
    ys: list[float] = []
    ts: list[float] = []
    props: list[dict[str, Any]] = []
    for n, f in enumerate(feats, start=1):
        where = f"{p.name} feature {n}"
        geom = (f or {}).get("geometry") or {}
        if geom.get("type") != "Point":
            raise AnalysisInputError(f"{where}: expected a Point geometry, got {geom.get('type')}")
        coords = geom.get("coordinates") or []
        if len(coords) < 2:
            raise AnalysisInputError(f"{where}: a Point needs two coordinates")
        xs.append(_number(str(coords[0]), f"{where}, x"))
        ys.append(_number(str(coords[1]), f"{where}, y"))
        pr = f.get("properties") or {}
        if t_col:
            if t_col not in pr:
                raise AnalysisInputError(f"{where}: missing property {t_col!r}")
            try:
                ts.append(parse_time(str(pr[t_col])))
            except ValueError as exc:
                raise AnalysisInputError(f"{where}, property {t_col!r}: {exc}") from None
        props.append(pr)
    return xs, ys, (ts if t_col else None), props, lambda i: f"{p.name} feature {i + 1}"


def _constant(text: str) -> Callable[[int], str]:
    def where(_i: int) -> str:
        return text

    return where


def read_areas(
    path: str, *, id_field: str | None = None, crs: str = METRIC_CRS
) -> tuple[Areas, Projection]:
    """Read polygons (validated) from GeoJSON and project them to metres."""
    geo = importlib.import_module("shapely")  # here, as events need no geometry library
    p = Path(path)
    feats = _load_features(p)
    proj = projection(crs)
    geoms: list[shapely.Geometry] = []
    ids: list[Any] = []
    props: list[dict[str, Any]] = []
    for n, f in enumerate(feats, start=1):
        where = f"{p.name} feature {n}"
        pr = (f or {}).get("properties") or {}
        if id_field is not None:
            if id_field not in pr:
                raise AnalysisInputError(f"{where}: missing property {id_field!r}")
            ident = pr[id_field]
        else:
            ident = f.get("id", n)
        try:
            g = geo.geometry.shape(f.get("geometry"))
        except Exception as exc:  # shapely raises several types for malformed input
            raise AnalysisInputError(f"{where} (id {ident!r}): invalid geometry ({exc})") from None
        if g.geom_type not in ("Polygon", "MultiPolygon"):
            raise AnalysisInputError(
                f"{where} (id {ident!r}): expected a polygon, got {g.geom_type}"
            )
        if g.is_empty or not g.is_valid:
            reason = "empty" if g.is_empty else geo.is_valid_reason(g)
            raise AnalysisInputError(f"{where} (id {ident!r}): invalid polygon ({reason})")
        coords = geo.get_coordinates(g)
        check_fits_crs(coords[:, 0], coords[:, 1], crs, _constant(where))
        if proj.forward is not None:
            fwd = proj.forward
            g = geo.transform(g, lambda c, fwd=fwd: np.column_stack(fwd(c[:, 0], c[:, 1])))
        geoms.append(g)
        ids.append(ident)
        props.append(pr)
    if len(set(map(str, ids))) != len(ids):
        raise AnalysisInputError(f"{p.name}: area ids are not unique")
    return Areas(ids=ids, geoms=geoms, properties=props), proj
