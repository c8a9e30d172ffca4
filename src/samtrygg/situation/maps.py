"""Maps and charts of a picture, drawn with matplotlib (no map tiles).

Maps are drawn in SWEREF 99 TM metres: area polygons (from the figures, so a published
version draws the areas as they were), kernel-density cells, Gi* hot cells and alert
cells. Charts: incidents per period, per category, the weekday × hour table, and the
weekly control chart. ``render_assets`` makes the PNG images frozen with a version (and
used by the PDF); ``svg_charts`` gives SVG for pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import shapely
from django.utils.translation import gettext as _
from matplotlib.collections import PatchCollection
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path

from samtrygg.areas.spatial import project_geometry
from samtrygg.documents import charts
from samtrygg.picture.types import ControlWeek, GridSpec, PeriodRow, Picture

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday_names() -> list[str]:
    return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def _area_geoms(figures: Picture) -> list[tuple[str, str, Any]]:
    out = []
    for a in figures.areas:
        geom = shapely.geometry.shape(a.geometry)
        out.append((a.code, a.name, project_geometry(geom, "EPSG:4326", "EPSG:3006")))
    return out


def _path(geom: Any) -> Path:
    verts: list[Any] = []
    codes: list[int] = []
    for poly in shapely.get_parts(geom):
        for ring in [poly.exterior, *poly.interiors]:
            xy = np.asarray(ring.coords)
            verts.extend(xy.tolist())
            codes.extend(
                [int(Path.MOVETO)] + [int(Path.LINETO)] * (len(xy) - 2) + [int(Path.CLOSEPOLY)]
            )
    return Path(verts, codes)


def _map_axes(figures: Picture, title: str) -> tuple[Any, Any, list[tuple[str, str, Any]]]:
    fig, ax = charts.figure(6.0, 5.0)
    ax.set_title(title)
    ax.set_aspect("equal")
    ax.set_axis_off()
    geoms = _area_geoms(figures)
    if geoms:
        minx, miny, maxx, maxy = shapely.total_bounds([g for _c, _n, g in geoms])
        pad = 0.03 * max(maxx - minx, maxy - miny, 1.0)
        ax.set_xlim(minx - pad, maxx + pad)
        ax.set_ylim(miny - pad, maxy + pad)
    return fig, ax, geoms


def _outline(ax: Any, geoms: list[tuple[str, str, Any]], labels: bool = False) -> None:
    for _code, name, geom in geoms:
        ax.add_patch(PathPatch(_path(geom), facecolor="none", edgecolor="#444444", lw=0.6))
        if labels:
            p = geom.representative_point()
            ax.annotate(name, (p.x, p.y), fontsize=6, ha="center", va="center", color="#222222")


def choropleth(figures: Picture) -> Any:
    """Areas shaded by incidents per 1,000 inhabitants (per km² where population is missing)."""
    rows = {a.code: a for a in figures.by_area}
    use_rate = bool(rows) and all(r.rate_per_1000 is not None for r in rows.values())
    title = _("Incidents per 1,000 inhabitants") if use_rate else _("Incidents per km²")
    fig, ax, geoms = _map_axes(figures, title)

    def shade(code: str) -> float:
        row = rows.get(code)
        if row is None:
            return 0.0
        return float((row.rate_per_1000 if use_rate else row.per_km2) or 0.0)

    values = [shade(code) for code, _n, _g in geoms]
    top = max(values) if values and max(values) > 0 else 1.0
    cmap = charts._pyplot().get_cmap("Blues")
    for (_code, _name, geom), value in zip(geoms, values, strict=True):
        ax.add_patch(
            PathPatch(
                _path(geom), facecolor=cmap(0.1 + 0.85 * value / top), edgecolor="#444444", lw=0.6
            )
        )
    for (_code, _name, geom), value in zip(geoms, values, strict=True):
        p = geom.representative_point()
        ax.annotate(f"{value:.1f}".replace(".", ","), (p.x, p.y), fontsize=6, ha="center")
    return fig


def _cells(ax: Any, grid: GridSpec, cells: list[Any], values: list[float], cmap: Any) -> None:
    if not cells:
        return
    top = max(values) or 1.0
    patches = [
        Rectangle((grid.x0 + ix * grid.cell, grid.y0 + iy * grid.cell), grid.cell, grid.cell)
        for ix, iy in cells
    ]
    collection = PatchCollection(patches, linewidths=0)
    collection.set_facecolor([cmap(0.25 + 0.75 * v / top) for v in values])
    ax.add_collection(collection)


def density_map(figures: Picture) -> Any:
    hot = figures.hotspots
    fig, ax, geoms = _map_axes(figures, _("Kernel density (mappable incidents)"))
    grid = hot.grid
    cells = hot.kde_cells
    if grid and cells:
        _cells(
            ax,
            grid,
            [(c[0], c[1]) for c in cells],
            [float(c[2]) for c in cells],
            charts._pyplot().get_cmap("YlOrRd"),
        )
    _outline(ax, geoms)
    return fig


def gi_map(figures: Picture) -> Any:
    hot = figures.hotspots
    fig, ax, geoms = _map_axes(figures, _("Significant hot spots (Gi*, 250 m cells)"))
    grid = hot.grid
    cells = hot.gi_cells
    if grid and cells:
        _cells(
            ax,
            grid,
            [(c.ix, c.iy) for c in cells],
            [c.z or 0.0 for c in cells],
            charts._pyplot().get_cmap("Reds"),
        )
    alerts = figures.near_repeat.alerts
    if grid and alerts:
        xs = [grid.x0 + (a.ix + 0.5) * grid.cell for a in alerts]
        ys = [grid.y0 + (a.iy + 0.5) * grid.cell for a in alerts]
        ax.scatter(
            xs, ys, marker="^", s=30, color="#1f5f8b", label=_("Near-repeat alert"), zorder=5
        )
        ax.legend(loc="lower left", fontsize=7, frameon=False)
    _outline(ax, geoms, labels=True)
    return fig


def _short(day: dt.date) -> str:
    return f"{day.day}/{day.month}"


def period_label(row: PeriodRow, unit: str) -> str:
    """A bar's label: a bucket cut by the period's edges names the days it counts (so the
    bar of a partial week is not read as the whole week), one not over yet says so."""
    if row.through is not None:
        return _("%(label)s (through %(day)s)") % {"label": row.label, "day": _short(row.through)}
    if not row.complete and unit != "day":
        if row.start == row.end:
            return f"{row.label} ({_short(row.start)})"
        return f"{row.label} ({_short(row.start)}–{_short(row.end)})"
    return row.label


def period_chart(figures: Picture) -> Any:
    rows = figures.by_period.rows
    unit = figures.by_period.unit
    fig, ax = charts.figure()
    positions = list(range(len(rows)))
    full = [i for i, r in enumerate(rows) if r.complete]
    part = [i for i, r in enumerate(rows) if not r.complete]
    ax.bar(full, [rows[i].count for i in full], color=charts.PALETTE[0])
    if part:
        ax.bar(
            part,
            [rows[i].count for i in part],
            facecolor="none",
            edgecolor=charts.PALETTE[0],
            linestyle="--",
            linewidth=1.2,
            hatch="//",
            label=_("not a whole period"),
        )
        # Above the plot, at its right: inside it, the legend covered the tallest bars.
        ax.legend(
            frameon=False, fontsize=7, loc="lower right", bbox_to_anchor=(1.0, 1.0), borderaxespad=0
        )
    step = max(1, len(rows) // 14)
    labels = [period_label(r, unit) for r in rows]
    ax.set_xticks(positions[::step], labels[::step], rotation=45, ha="right")
    ax.set_title(_("Incidents per period"))
    ax.set_ylabel(_("incidents"))
    return fig


def category_chart(figures: Picture) -> Any:
    cats = [c for c in figures.by_category if c.count]
    fig, ax = charts.figure(6.0, max(2.0, 0.3 * len(cats) + 0.8))
    names = [c.name for c in cats][::-1]
    ax.barh(names, [c.count for c in cats][::-1], color=[c.colour for c in cats][::-1])
    ax.set_title(_("Incidents per category"))
    return fig


def heat_chart(figures: Picture) -> Any:
    table = np.array(figures.weekday_hour.table or np.zeros((7, 24)))
    fig, ax = charts.figure(6.0, 2.6)
    image = ax.imshow(table, aspect="auto", cmap="Blues")
    ax.set_yticks(range(7), weekday_names())
    ax.set_xticks(range(0, 24, 3), [f"{h:02d}" for h in range(0, 24, 3)])
    ax.set_title(_("Weekday and hour"))
    fig.colorbar(image, ax=ax, shrink=0.8)
    return fig


def week_days(week: ControlWeek) -> str:
    """The days a week that is not whole counts: "t.o.m. 6/12", "fr.o.m. 1/11"."""
    if week.through is not None:  # not over yet: that is what matters most
        return _("through %(day)s") % {"day": _short(week.through)}
    if week.since is not None and week.until is not None:
        return f"{_short(week.since)}–{_short(week.until)}"
    if week.since is not None:
        return _("from %(day)s") % {"day": _short(week.since)}
    if week.until is not None:
        return _("through %(day)s") % {"day": _short(week.until)}
    return ""


def control_chart(figures: Picture) -> Any:
    """Weekly counts, baseline and flagged weeks; the week not over yet is a dashed,
    hollow marker labelled with the last day counted, never a flag."""
    weeks = figures.control_chart.weeks
    fig, ax = charts.figure(6.0, 2.6)
    done = [i for i, w in enumerate(weeks) if w.complete]
    ax.plot(done, [weeks[i].count for i in done], label=_("incidents"), color=charts.PALETTE[0])
    baseline = [w.baseline if w.baseline is not None else np.nan for w in weeks]
    ax.plot(range(len(weeks)), baseline, label=_("baseline"), color=charts.PALETTE[1], ls="--")
    flagged = [(i, w.count) for i, w in enumerate(weeks) if w.flagged]
    if flagged:
        ax.scatter(
            [f[0] for f in flagged],
            [f[1] for f in flagged],
            color=charts.PALETTE[4],
            zorder=5,
            label=_("flagged week"),
        )
    for i, w in enumerate(weeks):
        if w.complete:
            continue
        if done and done[-1] == i - 1:
            ax.plot(
                [i - 1, i], [weeks[i - 1].count, w.count], color=charts.PALETTE[0], ls=":", lw=1
            )
        ax.scatter(
            [i], [w.count], facecolors="none", edgecolors=charts.PALETTE[0], zorder=5, ls="--"
        )
        ax.annotate(
            week_days(w),
            (i, w.count),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            fontsize=6,
        )
    ax.set_title(_("Weekly control chart"))
    labels = [w.week for w in weeks]
    x = list(range(len(weeks)))
    step = max(1, len(labels) // 12)
    ax.set_xticks(x[::step], labels[::step], rotation=45, fontsize=7)
    if weeks:
        ax.legend(frameon=False, fontsize=7)
    return fig


MAPS = {"choropleth": choropleth, "density": density_map, "gi": gi_map}
CHARTS = {
    "periods": period_chart,
    "categories": category_chart,
    "heat": heat_chart,
    "control": control_chart,
}


def render_assets(figures: Picture) -> dict[str, tuple[str, bytes]]:
    """PNG images of every map and chart: ``{"choropleth.png": ("image/png", bytes), …}``."""
    out: dict[str, tuple[str, bytes]] = {}
    for name, draw in {**MAPS, **CHARTS}.items():
        out[f"{name}.png"] = ("image/png", charts.to_bytes(draw(figures), "png", dpi=130))
    return out


def svg_charts(figures: Picture) -> dict[str, str]:
    return {name: charts.to_svg(draw(figures)) for name, draw in CHARTS.items()}
